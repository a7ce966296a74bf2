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

    def stream_json(self, task: str, lang: Language, variables: dict[str, str]) -> Iterator[dict]:
        """Partial JSON objects as the model writes them; the last one is the whole answer."""
        from langchain_core.exceptions import OutputParserException
        from langchain_core.output_parsers import JsonOutputParser

        chain = self.model | JsonOutputParser()
        last: object = None
        try:
            for partial in chain.stream(self.messages(task, lang, variables)):
                last = partial
                if isinstance(partial, dict):
                    yield partial
        except OutputParserException as exc:
            raise LLMError("the answer was not valid JSON") from exc
        except Exception as exc:  # noqa: BLE001 - network and server failures of any kind
            raise LLMError(describe_failure(exc)) from exc
        if not isinstance(last, dict):
            raise LLMError("the answer was not a JSON object")


def as_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
