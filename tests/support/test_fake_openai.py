"""The scripted OpenAI server, driven by the real clients (openai, langchain-openai) over real HTTP."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import openai
import pytest
from langchain_openai import ChatOpenAI

from tests.support.fake_openai import Reply, ScriptedOpenAI

MakeClient = Callable[..., openai.OpenAI]

CONTENT = '{"title": "Passwords & MFA", "steps": ["one", "two", "three"], "note": "àèìòù ✓"}'


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    with ScriptedOpenAI() as running:
        yield running


@pytest.fixture
def client(server: ScriptedOpenAI) -> Iterator[MakeClient]:
    """A factory of real openai clients pointed at the server (max_retries=0 unless told); all closed afterwards."""
    opened: list[openai.OpenAI] = []

    def make(**kwargs: Any) -> openai.OpenAI:
        kwargs.setdefault("max_retries", 0)
        kwargs.setdefault("timeout", 5)
        opened.append(openai.OpenAI(base_url=server.base_url, api_key="test", **kwargs))
        return opened[-1]

    yield make
    for each in opened:
        each.close()


@pytest.fixture
def chat(server: ScriptedOpenAI) -> Iterator[ChatOpenAI]:
    """A real ChatOpenAI on the server, with its own HTTP client (closed afterwards, not cached process-wide)."""
    with openai.DefaultHttpxClient() as http_client:
        yield ChatOpenAI(
            base_url=server.base_url,
            api_key="test",
            model="scripted",
            max_retries=0,
            timeout=5,
            http_client=http_client,
        )


def test_openai_client_gets_the_content_and_the_request_is_recorded(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.json(CONTENT))
    messages = [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "Plan a session."}]

    completion = client().chat.completions.create(model="gpt-test", messages=messages, temperature=0)

    assert completion.choices[0].message.content == CONTENT
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.object == "chat.completion"
    assert completion.model == "scripted"
    assert completion.usage is not None
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    assert len(server.requests) == 1
    assert server.requests[0]["model"] == "gpt-test"
    assert server.requests[0]["messages"] == messages
    assert server.requests[0]["temperature"] == 0


def test_openai_client_streaming_reassembles_the_exact_content(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.json(CONTENT, chunk_chars=5, chunk_delay=0.001))

    stream = client().chat.completions.create(
        model="gpt-test",
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)

    pieces = [c.choices[0].delta.content or "" for c in chunks if c.choices]
    assert "".join(pieces) == CONTENT
    assert chunks[0].choices[0].delta.role == "assistant"
    assert len(pieces) == 1 + -(-len(CONTENT) // 5) + 1  # role chunk, content pieces, finish chunk
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert server.requests[0]["stream"] is True


def test_streaming_without_include_usage_sends_no_usage_chunk(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.json("short"))
    chunks = list(client().chat.completions.create(model="m", messages=[], stream=True))
    assert all(c.choices for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "short"


def test_langchain_invoke_and_stream(server: ScriptedOpenAI, chat: ChatOpenAI) -> None:
    server.script(Reply.json(CONTENT), Reply.json(CONTENT, chunk_chars=7))
    model = chat

    assert model.invoke("hi").content == CONTENT
    streamed = list(model.stream("hi"))

    assert "".join(chunk.content for chunk in streamed) == CONTENT
    assert len(streamed) > 2
    assert [r.get("stream", False) for r in server.requests] == [False, True]
    assert server.requests[0]["model"] == "scripted"
    assert server.requests[0]["messages"] == [{"role": "user", "content": "hi"}]


def test_rate_limit_with_retry_after_is_retried_by_the_client(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.error(429, retry_after=0), Reply.json("ok"))

    completion = client(max_retries=2).chat.completions.create(model="m", messages=[])

    assert completion.choices[0].message.content == "ok"
    assert len(server.requests) == 2


def test_rate_limit_error_shape_and_header(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.error(429, "slow down", retry_after=3))

    with pytest.raises(openai.RateLimitError) as caught:
        client().chat.completions.create(model="m", messages=[])

    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "3"
    assert caught.value.body == {
        "message": "slow down",
        "type": "rate_limit_error",
        "param": None,
        "code": "rate_limit_exceeded",
    }


def test_server_error_without_retries_raises_internal_server_error(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.error(500))

    with pytest.raises(openai.InternalServerError, match="scripted error"):
        client().chat.completions.create(model="m", messages=[])
    assert len(server.requests) == 1


def test_delay_provokes_a_client_timeout_and_the_server_survives(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.delay(2, Reply.json("late")), Reply.json("on time"))

    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client(timeout=0.5).chat.completions.create(model="m", messages=[])
    assert time.monotonic() - started < 1.5

    # The delayed handler is still asleep; the next request is served concurrently and fine.
    completion = client().chat.completions.create(model="m", messages=[])
    assert completion.choices[0].message.content == "on time"
    assert len(server.requests) == 2


def test_raw_garbage_makes_the_client_raise(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.raw("not json at all"))

    # Observed with openai 3.57: json.decoder.JSONDecodeError (a ValueError subclass) from response.json()
    # inside the client; other versions might wrap it in an openai.APIError subclass, so accept either.
    with pytest.raises((openai.APIError, ValueError)) as caught:
        client().chat.completions.create(model="m", messages=[])
    print(f"raw garbage raised {type(caught.value).__module__}.{type(caught.value).__qualname__}")


def test_raw_sends_exactly_the_body_status_and_content_type(server: ScriptedOpenAI) -> None:
    server.script(Reply.raw("<html>bad gateway</html>", status=502, content_type="text/html"))

    response = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m"})

    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html"
    assert response.text == "<html>bad gateway</html>"


def test_empty_queue_answers_500_script_exhausted(server: ScriptedOpenAI, client: MakeClient) -> None:
    with pytest.raises(openai.InternalServerError, match="script exhausted"):
        client().chat.completions.create(model="m", messages=[])

    response = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m"})
    assert response.status_code == 500
    assert response.json()["error"]["message"] == "script exhausted"
    assert len(server.requests) == 2


def test_script_replaces_the_queue(server: ScriptedOpenAI, client: MakeClient) -> None:
    server.script(Reply.json("dropped"))
    server.script(Reply.json("kept"))
    c = client()

    assert c.chat.completions.create(model="m", messages=[]).choices[0].message.content == "kept"
    with pytest.raises(openai.InternalServerError):
        c.chat.completions.create(model="m", messages=[])


def test_models_listing_and_unknown_paths(server: ScriptedOpenAI, client: MakeClient) -> None:
    assert [m.id for m in client().models.list()] == ["scripted"]

    missing = httpx.post(f"{server.base_url}/embeddings", json={"input": "x"})
    assert missing.status_code == 404
    assert set(missing.json()["error"]) >= {"message", "type", "code"}
    assert httpx.get(f"{server.base_url}/nope").status_code == 404
    assert server.requests == []  # neither consumed a reply nor was recorded


def test_concurrent_requests_each_consume_exactly_one_reply(server: ScriptedOpenAI, client: MakeClient) -> None:
    contents = [f"reply-{i}" for i in range(8)]
    server.script(Reply.delay(0.2, Reply.json(contents[0])), *(Reply.json(c) for c in contents[1:]))
    c = client()

    def ask(i: int) -> str:
        completion = c.chat.completions.create(model="m", messages=[{"role": "user", "content": str(i)}])
        return completion.choices[0].message.content or ""

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(ask, range(8)))

    assert sorted(answers) == sorted(contents)
    assert len(server.requests) == 8
    assert sorted(r["messages"][0]["content"] for r in server.requests) == [str(i) for i in range(8)]
    assert time.monotonic() - started < 1.5  # the delayed reply did not serialize the others


def test_close_is_quick_with_an_idle_keep_alive_connection_and_releases_the_port() -> None:
    server = ScriptedOpenAI()
    url = server.base_url
    server.script(Reply.json("x"))
    with httpx.Client() as keep_alive:
        assert keep_alive.post(f"{url}/chat/completions", json={}).status_code == 200  # connection stays open
        started = time.monotonic()
        server.close()
        server.close()  # idempotent
        assert time.monotonic() - started < 1
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/models", timeout=1)


def test_reply_bodies_are_valid_json_objects(server: ScriptedOpenAI) -> None:
    server.script(Reply.json("x", model="other-model"))
    response = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m", "messages": []})
    body = json.loads(response.text)
    assert body["object"] == "chat.completion"
    assert body["model"] == "other-model"
    assert set(body) >= {"id", "object", "created", "model", "choices", "usage"}
