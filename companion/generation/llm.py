"""An OpenAI-compatible chat model (langchain-openai `ChatOpenAI`) that writes JSON into our models.

Any endpoint works: OpenAI, Azure OpenAI, Ollama, llama.cpp's server, vLLM. The client retries with
exponential backoff (honouring Retry-After) and times out; every failure becomes an `LLMError` so the
caller can fall back to the offline result.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from companion.config import Settings
from companion.domain import Language
from companion.iterators import closing_iterator

if TYPE_CHECKING:
    import httpx

PREVIEW_CHARS = 400
# A preview also goes out at least this often while the answer grows: a slow model shows progress, and a yield is
# where Gradio notices that the browser left (it closes a handler's generator only when it yields; closing ours
# closes the model's HTTP stream and frees the LLM slot, `LLMClient._guarded`).
PREVIEW_EVERY_S = 1.0
logger = logging.getLogger(__name__)

# Each request carries its answer's deadline (time.monotonic) in this header, retries included; the transport
# removes it, refuses to start a request past it and stops reading chunks past it, so a server trickling a byte
# every few seconds cannot outlive it. (Not a context variable: Gradio resumes generators in other threads.)
DEADLINE_HEADER = "x-companion-deadline"


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


def deadline_transport() -> httpx.HTTPTransport:
    """An httpx transport that refuses to start a request, or to read one more chunk, past the deadline."""
    import httpx

    class Stream(httpx.SyncByteStream):
        def __init__(self, inner: httpx.SyncByteStream, deadline: float | None) -> None:
            self.inner, self.deadline = inner, deadline

        def __iter__(self) -> Iterator[bytes]:
            for chunk in self.inner:
                if self.deadline is not None and time.monotonic() > self.deadline:
                    raise httpx.ReadTimeout("the answer's deadline passed")
                yield chunk

        def close(self) -> None:
            self.inner.close()

    class Transport(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            stamp = request.headers.pop(DEADLINE_HEADER, None)
            deadline = float(stamp) if stamp else None
            if deadline is not None and time.monotonic() > deadline:
                raise httpx.ConnectTimeout("the answer's deadline passed", request=request)
            response = super().handle_request(request)
            assert isinstance(response.stream, httpx.SyncByteStream)  # a sync transport gives a sync stream
            response.stream = Stream(response.stream, deadline)
            return response

    return Transport()


@dataclass
class Guard:
    """One per endpoint and process: a limit on LLM calls at once, and a circuit breaker that sends everyone to
    the offline composer for a while after repeated failures."""

    concurrency: int
    failures_to_open: int
    cooldown_s: float
    slots: threading.BoundedSemaphore = field(init=False)
    failures: int = 0
    open_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.slots = threading.BoundedSemaphore(self.concurrency)

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def record(self, ok: bool) -> None:
        with self.lock:
            if ok:
                self.failures = 0
                return
            self.failures += 1
            if self.failures >= self.failures_to_open:
                self.open_until = time.monotonic() + self.cooldown_s
                self.failures = 0
                logger.warning("LLM circuit open for %.0f s after repeated failures", self.cooldown_s)


_guards: dict[tuple[object, ...], Guard] = {}
_guards_lock = threading.Lock()


def guard_for(settings: Settings) -> Guard:
    key = (settings.openai_base_url, settings.llm_model, settings.llm_concurrency, settings.llm_breaker_failures)
    with _guards_lock:
        if key not in _guards:
            _guards[key] = Guard(
                settings.llm_concurrency, settings.llm_breaker_failures, settings.llm_breaker_cooldown_s
            )
        return _guards[key]


class LLMClient:
    def __init__(self, settings: Settings):
        import httpx
        from langchain_openai import ChatOpenAI

        self.settings = settings
        self.guard = guard_for(settings)
        read = min(settings.llm_first_token_s, settings.llm_timeout_s, settings.llm_deadline_s)
        timeout = httpx.Timeout(read, connect=min(settings.llm_connect_timeout_s, read), pool=read)
        self.model = ChatOpenAI(
            model=settings.llm_model,
            api_key=settings.openai_api_key or "not-needed",  # local servers (Ollama, llama.cpp) want none
            base_url=settings.openai_base_url,
            timeout=timeout,
            max_retries=settings.llm_max_retries,
            temperature=settings.llm_temperature,
            http_client=httpx.Client(transport=deadline_transport(), timeout=timeout),
        )

    def _guarded(self, produce: Callable[[dict[str, Any]], Iterator[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
        """Run one answer under the deadline, the concurrency limit and the circuit breaker."""
        guard, started = self.guard, time.monotonic()
        if guard.is_open():
            raise LLMError("the language model failed repeatedly and is paused for a while")
        if not guard.slots.acquire(timeout=min(5.0, self.settings.llm_deadline_s)):
            raise LLMError("the language model is busy")
        headers = {DEADLINE_HEADER: repr(started + self.settings.llm_deadline_s)}
        ok: bool | None = None  # stays None when the reader leaves first (GeneratorExit): not the model's failure
        try:
            yield from produce({"extra_headers": headers})
            ok = True
        except LLMError:
            ok = False
            raise
        except Exception as exc:
            ok = False
            if time.monotonic() - started >= self.settings.llm_deadline_s:
                raise LLMError(f"no complete answer within {self.settings.llm_deadline_s:.0f} s") from exc
            raise LLMError(describe_failure(exc)) from exc
        finally:  # also when the browser left and the generator was closed: the HTTP stream closes with it
            guard.slots.release()
            if ok is not None:
                guard.record(ok)

    def messages(self, task: str, lang: Language, variables: dict[str, str]) -> list[BaseMessage]:
        prompts = self.settings.prompts_dir
        return [
            SystemMessage(load_prompt(prompts, "system", lang).substitute()),
            HumanMessage(load_prompt(prompts, task, lang).substitute(variables)),
        ]

    def complete_json(self, task: str, lang: Language, variables: dict[str, str]) -> dict[str, Any]:
        """The whole answer in one response: no per-token cost when nobody is watching it being written."""
        from langchain_core.utils.json import parse_json_markdown

        def produce(options: dict[str, Any]) -> Iterator[dict[str, Any]]:
            message = self.model.invoke(self.messages(task, lang, variables), **options)
            yield {"content": message.content if isinstance(message.content, str) else ""}

        [answer] = list(self._guarded(produce))
        return _as_object(_quiet(parse_json_markdown, answer["content"]))

    def stream_json(self, task: str, lang: Language, variables: dict[str, str]) -> Iterator[dict[str, Any]]:
        """Partial JSON objects as the model writes them; the last one is the whole answer.

        The text is re-parsed only every PREVIEW_CHARS characters or PREVIEW_EVERY_S seconds, whichever comes
        first: parsing the whole prefix on every token would cost quadratic time on long answers. A prefix that
        does not parse yet gives an empty object (the preview says the model is writing). Closing the iterator
        (the browser left) closes the model's HTTP stream at once.
        """
        from langchain_core.utils.json import parse_json_markdown, parse_partial_json

        text = ""

        def produce(options: dict[str, Any]) -> Iterator[dict[str, Any]]:
            nonlocal text
            parsed_at, shown_at = 0, time.monotonic()
            with closing_iterator(self.model.stream(self.messages(task, lang, variables), **options)) as chunks:
                for chunk in chunks:
                    text += chunk.content if isinstance(chunk.content, str) else ""
                    now = time.monotonic()
                    if len(text) - parsed_at >= PREVIEW_CHARS or (
                        len(text) > parsed_at and now - shown_at >= PREVIEW_EVERY_S
                    ):
                        parsed_at, shown_at = len(text), now
                        partial = _quiet(parse_partial_json, text[text.find("{") :]) if "{" in text else None
                        yield partial if isinstance(partial, dict) else {}

        yield from self._guarded(produce)
        yield _as_object(_quiet(parse_json_markdown, text))


def _as_object(answer: object) -> dict[str, Any]:
    if answer is None:
        raise LLMError("the answer was not valid JSON")
    if not isinstance(answer, dict):
        raise LLMError("the answer was not a JSON object")
    return answer


def _quiet(parse: Callable[[str], object], text: str) -> object:
    try:
        return parse(text)
    except (ValueError, TypeError):
        return None


def as_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
