"""Finding 4: a slow LLM endpoint must not block anyone. One overall deadline per answer (retries included),
a trickling or hanging server is cut off, and repeated failures switch the LLM off for a while."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from companion.config import Settings
from companion.generation.llm import LLMClient, LLMError
from tests.support.fake_openai import Reply, ScriptedOpenAI

pytestmark = pytest.mark.slow
VARS = {"draft": "{}", "material": "", "question": "hi"}
ANSWER = '{"points": [{"text": "hello", "citations": ["x"]}]}'


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    with ScriptedOpenAI() as scripted:
        yield scripted


def client(server: ScriptedOpenAI, **overrides) -> LLMClient:
    values = {
        "openai_base_url": server.base_url,
        "openai_api_key": "test",
        "llm_deadline_s": 3.0,
        "llm_first_token_s": 2.0,
        "llm_max_retries": 2,
        "llm_breaker_failures": 100,
        "_env_file": None,
        **overrides,
    }
    return LLMClient(Settings(**values))


def test_a_trickling_server_is_cut_off_at_the_deadline(server: ScriptedOpenAI):
    server.script(Reply.json(ANSWER, chunk_chars=1, chunk_delay=1.0))  # a byte a second: reads never time out
    started = time.monotonic()
    with pytest.raises(LLMError, match="within 3 s"):
        list(client(server).stream_json("answer", "en", VARS))
    assert time.monotonic() - started < 5


def test_a_hanging_server_with_retries_stays_within_one_deadline(server: ScriptedOpenAI):
    server.script(*[Reply.delay(30, then=Reply.json(ANSWER)) for _ in range(3)])
    started = time.monotonic()
    with pytest.raises(LLMError):
        client(server, llm_deadline_s=4.0, llm_first_token_s=1.5).complete_json("answer", "en", VARS)
    assert time.monotonic() - started < 6  # before: 3 attempts x 30 s per read


def test_repeated_failures_open_the_circuit(server: ScriptedOpenAI):
    server.script(*[Reply.error(500) for _ in range(10)])
    llm = client(server, llm_max_retries=0, llm_breaker_failures=2, llm_breaker_cooldown_s=30)
    for _ in range(2):
        with pytest.raises(LLMError, match="HTTP 500"):
            llm.complete_json("answer", "en", VARS)
    served = len(server.requests) if hasattr(server, "requests") else None
    started = time.monotonic()
    with pytest.raises(LLMError, match="paused for a while"):
        llm.complete_json("answer", "en", VARS)
    assert time.monotonic() - started < 0.1
    if served is not None:
        assert len(server.requests) == served  # the endpoint was not even asked


def test_a_reader_that_leaves_closes_the_stream_and_frees_the_slot(server: ScriptedOpenAI):
    """The browser left: Gradio closes the chat's generator at its next yield, which must come while a slow model
    is still writing (not only every PREVIEW_CHARS characters), and closing it must hang up on the model."""
    server.script(Reply.json(ANSWER, chunk_chars=1, chunk_delay=0.3), Reply.json(ANSWER))
    llm = client(server, llm_deadline_s=60.0, llm_first_token_s=30.0, llm_concurrency=1, llm_breaker_failures=1)
    stream = llm.stream_json("answer", "en", VARS)
    started = time.monotonic()
    assert isinstance(next(stream), dict)  # a preview after about PREVIEW_EVERY_S, with 50 characters to go
    assert time.monotonic() - started < 4
    stream.close()
    assert server.wait_for_hangup(timeout=3)
    assert llm.guard.slots.acquire(timeout=0)  # the one slot is free
    llm.guard.slots.release()
    assert not llm.guard.is_open()  # leaving is not the model's failure (the breaker opens at one)
    assert list(llm.stream_json("answer", "en", VARS))[-1]["points"][0]["text"] == "hello"
