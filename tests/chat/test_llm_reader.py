"""Understanding through an LLM's tool calls, over real HTTP against the scripted OpenAI-compatible server:
one tool per use case, validated arguments, the offline reading on any failure."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from companion.chat import ChatState, Context, Conversation, Understander
from companion.chat.llm_reader import TOOLS, LLMReader
from companion.config import Settings
from companion.domain import SessionPlan
from companion.services import Services
from tests.support.fake_openai import Reply, ScriptedOpenAI

TODAY = dt.date(2026, 11, 30)  # a Monday


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    with ScriptedOpenAI() as scripted:
        yield scripted


def reader(server: ScriptedOpenAI, **overrides) -> LLMReader:
    settings = Settings(
        openai_base_url=server.base_url,
        openai_api_key="test",
        backend="llm",
        llm_model="scripted",
        llm_timeout_s=2.0,
        llm_max_retries=0,
        _env_file=None,
        **overrides,
    )
    return LLMReader(settings, fallback=Understander())


def test_a_tool_call_becomes_the_reading(server: ScriptedOpenAI):
    server.script(Reply.tool_call("plan_session", {"goal": "capire ChatGPT", "minutes": 60, "date": "2026-12-03"}))
    reading = reader(server).read("giovedì ho Marco per un'oretta, vorrebbe capire ChatGPT", Context(today=TODAY))
    assert (reading.intent, reading.source, reading.goal, reading.minutes) == ("plan", "llm", "capire ChatGPT", 60)
    assert reading.date == dt.date(2026, 12, 3)
    request = server.requests[0]
    assert {tool["function"]["name"] for tool in request["tools"]} == set(TOOLS)
    assert request["tool_choice"] == "required"
    assert "2026-11-30" in json.dumps(request["messages"])


def test_a_revision_call_keeps_its_arguments(server: ScriptedOpenAI):
    server.script(Reply.tool_call("revise_plan", {"action": "swap_topic", "position": 2, "topic": "pivot tables"}))
    reading = reader(server).read("swap the second topic for pivot tables", Context(today=TODAY, has_plan=True))
    assert reading.intent == "revise"
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.position, reading.revision.topic) == (
        "swap_topic",
        2,
        "pivot tables",
    )


def test_several_changes_in_one_message_come_from_one_call(server: ScriptedOpenAI):
    changes = {"action": "shorter", "also": [{"action": "add_topic", "topic": "Excel"}]}
    server.script(Reply.tool_call("revise_plan", changes))
    reading = reader(server).read("shorter and add Excel", Context(today=TODAY, has_plan=True))
    assert reading.revision is not None
    assert reading.revision.action == "shorter"
    assert [(change.action, change.topic) for change in reading.also] == [("add_topic", "Excel")]


def test_an_amount_taken_off_comes_from_the_call(server: ScriptedOpenAI):
    server.script(Reply.tool_call("revise_plan", {"action": "shorter", "change": 30}))
    reading = reader(server).read("togli mezz'ora", Context(today=TODAY, has_plan=True))
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.change) == ("shorter", 30)
    assert "change" in json.dumps(server.requests[0]["tools"])


def test_topics_already_done_come_from_the_call(server: ScriptedOpenAI):
    """The model's `covered` is what the topic list leaves out (the offline reading found other words)."""
    server.script(Reply.tool_call("suggest_topics", {"covered": "Excel, Teams"}))
    reading = reader(server).read("what else could we cover? spreadsheets and teams are done", Context(today=TODAY))
    assert (reading.intent, reading.covered) == ("topics", "Excel, Teams")


def test_the_models_changes_are_taken_whole(server: ScriptedOpenAI):
    """The offline reading fills slots the model left out, never changes: two readings of one message mixed could
    apply a change twice or one the model decided against."""
    server.script(Reply.tool_call("revise_plan", {"action": "minutes", "minutes": 45}))
    message = "shorter and add Excel"
    assert Understander().read(message, Context(today=TODAY, has_plan=True)).also  # offline: two changes
    reading = reader(server).read(message, Context(today=TODAY, has_plan=True))
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.minutes) == ("minutes", 45)
    assert reading.also == []


@pytest.mark.parametrize(
    "reply",
    [
        Reply.error(500),
        Reply.error(429, retry_after=0),
        Reply.delay(3.0, Reply.tool_call("smalltalk", {})),
        Reply.json("I think you want a plan."),
        Reply.tool_call("launch_rockets", {}),
        Reply.tool_call("plan_session", {"minutes": "a lot"}),
        Reply.tool_call("plan_session", "{not json"),
        Reply.raw("garbage", status=200),
    ],
    ids=["500", "429", "timeout", "no-tool", "unknown-tool", "bad-args", "bad-json", "garbage"],
)
def test_any_failure_gives_the_offline_reading(server: ScriptedOpenAI, reply: Reply):
    server.script(reply)
    message = "Can you help me get ready for Thursday? Helen struggles to share her screen in Teams, 45 minutes"
    reading = reader(server).read(message, Context(today=TODAY))
    assert reading.source == "offline"
    assert (reading.intent, reading.minutes, reading.date) == ("plan", 45, dt.date(2026, 12, 3))


def test_a_revision_without_a_plan_is_refused(server: ScriptedOpenAI):
    server.script(Reply.tool_call("revise_plan", {"action": "shorter"}))
    reading = reader(server).read("make it shorter", Context(today=TODAY, has_plan=False))
    assert reading.source == "offline"


def test_the_conversation_plans_from_the_models_reading(services: Services, server: ScriptedOpenAI):
    server.script(Reply.tool_call("plan_session", {"goal": "share the screen in video calls", "minutes": 45}))
    conversation = Conversation(services.planner, services.settings, reader(server))
    reply = conversation.reply("the usual: Helen, Thursday, that Teams thing, 45'", ChatState(), TODAY)
    assert isinstance(reply.result, SessionPlan)
    assert reply.result.session_minutes == 45
    assert reply.result.topics[0].slug == "video-meetings-and-hybrid-work"
    assert reply.state.date == dt.date(2026, 12, 3)  # the model left the date out: the offline slot keeps it
