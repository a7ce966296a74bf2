"""The mentor's chat about a pair through the launched app (real HTTP, gradio_client): the plan comes from the
pair's history, the conversation is kept server-side so another page load (or browser) finds it again, and
"New conversation" clears it. Only the pair's mentor gets any of it."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from companion.domain import PairProfile
from companion.services import Services
from tests.ui.conftest import client
from tests.ui.test_chat_api import last_reply

pytestmark = pytest.mark.slow
_numbers = count(1)


@pytest.fixture
def slow_pair(demo: Services) -> tuple[str, str, int]:
    """A pair whose session 1 was held and whose manager shared that the pace was too fast."""
    programme = demo.programme
    n = next(_numbers)
    mentor, manager = f"ui.chat.mentor{n}", f"ui.chat.manager{n}"
    programme.create_user(None, mentor, "Nora", "mentor", "a-long-password")
    programme.create_user(None, manager, "Piero", "manager", "a-long-password")
    pair_id = programme.create_pair(None, mentor, manager, goals="spot phishing emails and use MFA").id
    first = demo.planner.plan_session(PairProfile(goals="phishing", session_number=1))
    held = programme.record_session(programme.actor(mentor), pair_id, 1, date(2026, 2, 2), first, "held")
    programme.check_in(programme.actor(manager), held.id, 2, "fake senders", "The pace was too fast", shared=True)
    return mentor, manager, pair_id


def test_the_chat_plans_from_the_history_and_the_pair_reopens_anywhere(app_url: str, slow_pair):
    mentor, _manager, pair_id = slow_pair
    first = client(app_url, mentor)
    _, history, chat, editor = first.predict(pair_id, "en", api_name="/mentor_pair")
    assert (chat, editor) == ([], "")
    assert "**Check-ins the manager shared**\n- Piero · session 1 · 2/5" in history  # in the pair's history
    assert "change: The pace was too fast" in history
    chat, box, status, editor = first.predict("Plan the next session", [], "en", "", api_name="/chat")
    reply = last_reply(chat)
    assert (box, status) == ("", "")
    assert "#### Based on" in reply
    assert "“The pace was too fast”: one topic and more hands-on practice" in reply
    assert "Session 2 plan: Hands-on lab (60 minutes)" in editor

    # A reload, or another browser: a new client (a new page session) chooses the pair again.
    again = client(app_url, mentor)
    _, _, restored, restored_editor = again.predict(pair_id, "en", api_name="/mentor_pair")
    assert [m["role"] for m in restored] == ["user", "assistant"]
    assert last_reply(restored[:1]) == "Plan the next session"
    assert "#### Based on" in last_reply(restored)
    assert restored_editor == editor
    # The restored plan is the one the chat revises.
    chat, _, _, shorter = again.predict("make it shorter", restored, "en", restored_editor, api_name="/chat")
    assert "Session 2 plan: Hands-on lab (45 minutes)" in shorter
    assert "#### Based on" in last_reply(chat)

    # New conversation: empty here, and for the next page load too.
    cleared, status, editor = again.predict(pair_id, "en", api_name="/new_conversation")
    assert (cleared, status, editor) == ([], "", "")
    _, _, chat, editor = client(app_url, mentor).predict(pair_id, "en", api_name="/mentor_pair")
    assert (chat, editor) == ([], "")


def test_nobody_else_opens_or_clears_the_mentors_chat(app_url: str, demo: Services, slow_pair):
    mentor, manager, pair_id = slow_pair
    own = client(app_url, mentor)
    own.predict(pair_id, "en", api_name="/mentor_pair")
    own.predict("Plan the next session", [], "en", "", api_name="/chat")
    for other in (manager, "hr.laura", "giulia"):
        summary, _, chat, _ = client(app_url, other).predict(pair_id, "en", api_name="/mentor_pair")
        assert summary.startswith("⚠️ Not allowed")
        assert chat == []
        _, status, _ = client(app_url, other).predict(pair_id, "en", api_name="/new_conversation")
        assert status.startswith("⚠️ Not allowed")
    kept = demo.programme.conversation(demo.programme.actor(mentor), pair_id).messages
    assert [m.role for m in kept] == ["user", "assistant"]
