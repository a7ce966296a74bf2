"""The LLM path over real HTTP: the real openai client (through langchain-openai) against a scripted
OpenAI-compatible server on 127.0.0.1. Valid answers, garbage, timeouts, 429s and 500s."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator

import pytest

from companion.chat import ChatReply, ChatState, Conversation, Preview
from companion.config import Settings
from companion.domain import PairProfile, SessionPlan
from companion.generation.backend import Generator
from companion.generation.llm import LLMClient
from companion.planner import Planner
from companion.services import Services
from tests.support.fake_openai import Reply, ScriptedOpenAI

PROFILE = PairProfile(
    language="en",
    session_minutes=60,
    session_number=2,
    goals="spot phishing emails",
    mentor={"name": "Giulia Bianchi", "role": "data analyst"},
    manager={"name": "Marco Rossi", "role": "CFO"},
)


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    with ScriptedOpenAI() as scripted:
        yield scripted


def llm_planner(services: Services, server: ScriptedOpenAI, **overrides) -> Planner:
    """The shared index, with generation through the scripted endpoint."""
    settings = Settings(
        **{
            **services.settings.model_dump(),
            "openai_base_url": server.base_url,
            "openai_api_key": "test",
            "backend": "llm",
            "llm_model": "scripted",
            "llm_timeout_s": 2.0,
            "llm_max_retries": 0,
            **overrides,
            "_env_file": None,
        }
    )
    return Planner(services.searcher, services.library.catalogue, settings, Generator(settings, LLMClient(settings)))


def model_plan(services: Services, edit=lambda plan: plan) -> str:
    """What a well-behaved model would answer: the offline plan reworded, with its own timings."""
    plan = services.planner.plan_session(PROFILE).model_dump(exclude={"backend", "notice", "citations"})
    for n, item in enumerate(plan["agenda"]):
        item["title"] = f"{item['title']} with the manager's own inbox"
        item["minutes"] = 10 + n  # does not add up to 60: the engine must rescale
    return json.dumps(edit(plan))


def test_a_valid_answer_becomes_an_llm_plan(services: Services, server: ScriptedOpenAI):
    def invent_one(plan):
        plan["agenda"][0]["citations"].append("skill-made-up-en#nowhere")
        return plan

    server.script(Reply.json(model_plan(services, invent_one)))
    plan = llm_planner(services, server).plan_session(PROFILE)
    assert isinstance(plan, SessionPlan)
    assert plan.backend == "llm"
    assert plan.agenda[0].title.endswith("with the manager's own inbox")
    assert sum(item.minutes for item in plan.agenda) == 60
    assert "skill-made-up-en#nowhere" not in {c.id for c in plan.citations}
    assert plan.notice == "1 citation(s) the model invented were removed."
    request = json.dumps(server.requests[0])
    assert "CFO" in request
    assert "Marco" not in request
    assert "Giulia" not in request
    assert not server.requests[0].get("stream")  # the API asks for the whole answer; the chat streams


def test_names_are_sent_only_when_allowed(services: Services, server: ScriptedOpenAI):
    server.script(Reply.json(model_plan(services)))
    llm_planner(services, server, llm_share_names=True).plan_session(PROFILE)
    assert "Marco Rossi" in json.dumps(server.requests[0])


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply.json("Sure! Here is your plan: {not json"), "not valid JSON"),
        (Reply.json('["a", "list"]'), "not a JSON object"),
        (Reply.json('{"agenda": "nothing useful"}'), "did not match the expected shape"),
        (Reply.error(500), "HTTP 500"),
        (Reply.error(401, "bad key"), "HTTP 401"),
        (Reply.raw("<html>gateway error</html>", content_type="text/html"), "was not available"),
    ],
    ids=["garbage", "not-an-object", "wrong-shape", "500", "401", "html"],
)
def test_failures_fall_back_to_the_offline_plan_with_a_notice(services, server, reply, reason, caplog):
    server.script(reply)
    caplog.set_level(logging.WARNING, logger="companion.generation")
    plan = llm_planner(services, server).plan_session(PROFILE)
    assert any("fell back" in r.getMessage() for r in caplog.records), "the operator must see the fallback"
    assert plan.backend == "offline"
    assert reason in plan.notice
    assert plan.notice.startswith("The language model was not available")
    assert sum(item.minutes for item in plan.agenda) == 60
    assert plan.citations


def test_an_answer_in_the_wrong_language_is_refused(services: Services, server: ScriptedOpenAI):
    italian = services.planner.plan_session(PROFILE.model_copy(update={"language": "it"})).model_dump()

    def in_italian(plan):  # the right citations, the wrong language
        for field in ("topics", "agenda", "exercises", "briefing"):
            for mine, theirs in zip(plan[field], italian[field], strict=False):
                mine.update({k: v for k, v in theirs.items() if k in ("title", "why", "activity", "steps", "text")})
        for who in ("mentor", "manager"):
            pairs = zip(plan["reflection_questions"][who], italian["reflection_questions"][who], strict=False)
            for mine, theirs in pairs:
                mine["text"] = theirs["text"]
        return plan

    server.script(Reply.json(model_plan(services, in_italian)))
    plan = llm_planner(services, server).plan_session(PROFILE)
    assert plan.backend == "offline"
    assert "not in the asked language" in plan.notice


def test_an_item_citing_only_invented_sections_is_refused(services: Services, server: ScriptedOpenAI):
    def ungrounded(plan):
        plan["exercises"][0]["citations"] = ["skill-made-up-en#nowhere"]
        return plan

    server.script(Reply.json(model_plan(services, ungrounded)))
    plan = llm_planner(services, server).plan_session(PROFILE)
    assert plan.backend == "offline"
    assert "cited no retrieved section" in plan.notice


def test_a_timeout_falls_back_quickly(services: Services, server: ScriptedOpenAI):
    server.script(Reply.delay(5, Reply.json(model_plan(services))))
    started = time.monotonic()
    plan = llm_planner(services, server, llm_timeout_s=0.5).plan_session(PROFILE)
    assert time.monotonic() - started < 4
    assert plan.backend == "offline"
    assert "timeout" in plan.notice


def test_a_429_is_retried_with_backoff_then_succeeds(services: Services, server: ScriptedOpenAI):
    server.script(Reply.error(429, retry_after=0), Reply.json(model_plan(services)))
    plan = llm_planner(services, server, llm_max_retries=2).plan_session(PROFILE)
    assert plan.backend == "llm"
    assert len(server.requests) == 2


def test_other_use_cases_go_through_the_model_too(services: Services, server: ScriptedOpenAI):
    offline = services.planner.answer("What did GE do in 1999?", "en")
    answer = offline.model_dump(exclude={"backend", "notice", "citations"})
    answer["points"] = [
        {
            "text": "GE's chief executive asked his top managers to find younger Internet mentors.",
            "citations": offline.points[0].citations,
        }
    ]
    server.script(Reply.json(json.dumps(answer)))
    result = llm_planner(services, server).answer("What did GE do in 1999?", "en")
    assert result.backend == "llm"
    assert result.points[0].text.startswith("GE's chief executive")
    assert [c.id for c in result.citations] == offline.points[0].citations


def test_the_chat_streams_the_model_answer_as_it_is_written(services: Services, server: ScriptedOpenAI):
    server.script(Reply.json(model_plan(services), chunk_chars=40, chunk_delay=0.01))
    conversation = Conversation(llm_planner(services, server), services.settings)
    events = list(conversation.respond("Session 2, 60 minutes: my manager wants to spot phishing emails", ChatState()))
    previews = [e for e in events if isinstance(e, Preview)]
    assert len(previews) > 3
    assert any("with the manager's own inbox" in p.markdown for p in previews)
    assert previews[0].markdown != previews[-1].markdown  # it grew as the model wrote
    final = events[-1]
    assert isinstance(final, ChatReply)
    assert final.result.backend == "llm"
    assert server.requests[0]["stream"] is True
