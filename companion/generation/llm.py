"""An OpenAI-compatible chat model (langchain-openai `ChatOpenAI`) that writes JSON into our models.

Any endpoint works: OpenAI, Azure OpenAI, Ollama, llama.cpp's server, vLLM. The client retries with
exponential backoff (honouring Retry-After) and times out; every failure becomes an `LLMError` so the
caller can fall back to the offline result.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from string import Template

from langchain_core.messages import HumanMessage, SystemMessage

from companion.config import Settings
from companion.domain import Language

PREVIEW_CHARS = 400


class LLMError(RuntimeError):
    """The model could not give a usable answer; the message says why, briefly."""


@cache
def load_prompt(prompts_dir: Path, name: str, lang: Language) -> Template:
    return Template((prompts_dir / f"{name}.{lang}.md").read_text(encoding="utf-8"))


def describe_failure(exc: Exception) -> str:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.RateLimitError):
        return "rate limited (HTTP 429)"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, openai.APIConnectionError):
        return "connection failed"
    return type(exc).__name__


class LLMClient:
    def __init__(self, settings: Settings):
        from langchain_openai import ChatOpenAI

        self.settings = settings
        self.model = ChatOpenAI(
            model=settings.llm_model,
            api_key=settings.openai_api_key or "not-needed",  # local servers (Ollama, llama.cpp) want none
            base_url=settings.openai_base_url,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            temperature=settings.llm_temperature,
        )

    def messages(self, task: str, lang: Language, variables: dict[str, str]) -> list:
        prompts = self.settings.prompts_dir
        return [
            SystemMessage(load_prompt(prompts, "system", lang).substitute()),
            HumanMessage(load_prompt(prompts, task, lang).substitute(variables)),
        ]

    def complete_json(self, task: str, lang: Language, variables: dict[str, str]) -> dict:
        """The whole answer in one response: no per-token cost when nobody is watching it being written."""
        from langchain_core.utils.json import parse_json_markdown

        try:
            message = self.model.invoke(self.messages(task, lang, variables))
        except Exception as exc:
            raise LLMError(describe_failure(exc)) from exc
        return _as_object(_quiet(parse_json_markdown, message.content if isinstance(message.content, str) else ""))

    def stream_json(self, task: str, lang: Language, variables: dict[str, str]) -> Iterator[dict]:
        """Partial JSON objects as the model writes them; the last one is the whole answer.

        The text is re-parsed only every PREVIEW_CHARS characters: parsing the whole prefix on every token
        would cost quadratic time on long answers.
        """
        from langchain_core.utils.json import parse_json_markdown, parse_partial_json

        text, parsed_at = "", 0
        try:
            for chunk in self.model.stream(self.messages(task, lang, variables)):
                text += chunk.content if isinstance(chunk.content, str) else ""
                if len(text) - parsed_at >= PREVIEW_CHARS:
                    parsed_at = len(text)
                    partial = _quiet(parse_partial_json, text[text.find("{") :]) if "{" in text else None
                    if isinstance(partial, dict):
                        yield partial
        except Exception as exc:
            raise LLMError(describe_failure(exc)) from exc
        yield _as_object(_quiet(parse_json_markdown, text))


def _as_object(answer: object) -> dict:
    if answer is None:
        raise LLMError("the answer was not valid JSON")
    if not isinstance(answer, dict):
        raise LLMError("the answer was not a JSON object")
    return answer


def _quiet(parse, text: str) -> object:
    try:
        return parse(text)
    except (ValueError, TypeError):
        return None


def as_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
