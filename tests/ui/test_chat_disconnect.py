"""A browser that leaves during a slow LLM answer: the job stops (the model's HTTP request is closed, the LLM slot
is free for the next user) instead of running on for nobody until the answer's deadline."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from companion.services import Services
from tests.support.fake_openai import Reply, ScriptedOpenAI
from tests.ui.conftest import PASSWORDS, llm_services, serve
from tests.ui.test_chat_api import last_reply

pytestmark = pytest.mark.slow
MESSAGE = "Session 2, 60 minutes: my manager wants to spot phishing emails"
READING = {"goal": "spot phishing emails", "minutes": 60, "session_number": 2}


@pytest.fixture
def slow_llm_app(demo: Services) -> Iterator[tuple[str, ScriptedOpenAI, Services]]:
    """The app with one LLM call at a time and deadlines far beyond the test: only leaving can stop an answer."""
    with ScriptedOpenAI() as server:
        services = llm_services(
            demo,
            server.base_url,
            llm_concurrency=1,
            llm_deadline_s=300.0,
            llm_first_token_s=60.0,
            llm_timeout_s=60.0,
        )
        for url in serve(services):
            yield url, server, demo


def signed_in(url: str, username: str) -> tuple[httpx.Client, int]:
    web = httpx.Client(base_url=url, timeout=30)
    web.post("/login", data={"username": username, "password": PASSWORDS[username]}).raise_for_status()
    config = web.get("/config").json()
    return web, next(int(d["id"]) for d in config["dependencies"] if d.get("api_name") == "chat")


def join(web: httpx.Client, fn_index: int, session: str, message: str) -> None:
    # inputs: message, chatbot, state (server-side), language, plan state, plan editor
    body = {"data": [message, [], None, "en", None, ""], "fn_index": fn_index, "session_hash": session}
    web.post("/gradio_api/queue/join", json=body | {"event_data": None, "trigger_id": None}).raise_for_status()


def test_leaving_during_a_slow_answer_stops_it_and_frees_the_slot(slow_llm_app):
    from tests.generation.test_llm import model_plan

    url, server, services = slow_llm_app
    plan = model_plan(services)
    server.script(
        Reply.tool_call("plan_session", READING),
        # Two characters every 0.2 s: the whole plan would take minutes, and the app's first preview (every
        # PREVIEW_CHARS characters) tens of seconds.
        Reply.json(plan, chunk_chars=2, chunk_delay=0.2),
        Reply.tool_call("plan_session", READING),
        Reply.json(plan, chunk_chars=500),
    )
    web, fn_index = signed_in(url, "giulia")
    session = uuid.uuid4().hex[:11]
    join(web, fn_index, session, MESSAGE)
    with web.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        lines = stream.iter_lines()
        assert any('"process_starts"' in line for line in lines)
        deadline = time.monotonic() + 30
        while len(server.requests) < 2:  # the model is writing the plan
            assert time.monotonic() < deadline, "the plan was never asked of the model"
            time.sleep(0.1)
        time.sleep(1.0)
        assert not server.hangups
        left = time.monotonic()
    web.close()  # the browser tab is closed: its event stream and connection go

    assert server.wait_for_hangup(timeout=8), "the model's answer was still being read for nobody"
    assert server.hangups[0] - left < 8

    other, fn_index = signed_in(url, "giulia")  # another user, one LLM slot: it must be free again
    session = uuid.uuid4().hex[:11]
    join(other, fn_index, session, MESSAGE)
    with other.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:") and json.loads(line[5:]).get("msg") == "process_completed":
                event = json.loads(line[5:])
                break
    other.close()
    assert event["success"]
    reply = last_reply(event["output"]["data"][0])
    assert "with the manager's own inbox" in reply  # the model's plan, not the offline fallback ("busy")
    assert len(server.requests) == 4
