"""The mentor's chat about a chosen pair, through the desk and without Gradio: the next session is planned from
the pair's stored history (and says what it was based on), what the chat understood is applied on top, every
exchange is kept server-side so the pair reopens as it was left, and only the pair's mentor gets any of it."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from companion.app_services import Desks, NotAllowed
from companion.chat import ChatReply, ChatState
from companion.chat.display import reply_markdown
from companion.domain import PairProfile, SessionPlan
from companion.services import Services
from companion.ui.mentor_tab import pair_state, resumed_state

GOALS = "spot phishing emails and protect accounts with passwords and MFA"
_numbers = count(1)


@pytest.fixture(scope="module")
def desks(services: Services) -> Desks:
    return Desks.over(services)


@pytest.fixture
def pair(services: Services) -> tuple[str, str, int]:
    """A pair of its own (the database is shared by the session) whose session 1 was held, and whose manager
    said in a shared check-in that the pace was too fast."""
    n = next(_numbers)
    programme = services.programme
    mentor, manager = f"chat.mentor{n}", f"chat.manager{n}"
    programme.create_user(None, mentor, f"Mentor {n}", "mentor", "a-long-password")
    programme.create_user(None, manager, f"Manager {n}", "manager", "a-long-password")
    pair_id = programme.create_pair(None, mentor, manager, goals=GOALS, total_sessions=6).id
    first = services.planner.plan_session(PairProfile(goals="phishing", session_number=1))
    held = programme.record_session(programme.actor(mentor), pair_id, 1, date(2026, 1, 12), first, "held")
    programme.check_in(programme.actor(manager), held.id, 3, "fake senders", "The pace was too fast", shared=True)
    return mentor, manager, pair_id


def start(desks: Desks, mentor: str, pair_id: int) -> ChatState:
    """The chat's state as the workspace seeds it when the mentor chooses the pair."""
    return ChatState.model_validate(resumed_state(desks.mentor.resume_pair(mentor, pair_id)))


def say(desks: Desks, mentor: str, pair_id: int, message: str, state: ChatState) -> ChatReply:
    events = list(desks.mentor.chat(mentor, pair_id, message, state))
    reply = events[-1]
    assert isinstance(reply, ChatReply)
    return reply


def test_a_plan_for_the_pair_comes_from_its_history_and_says_what_it_was_based_on(desks: Desks, pair):
    mentor, _, pair_id = pair
    reply = say(desks, mentor, pair_id, "Plan the next session", start(desks, mentor, pair_id))
    plan = reply.result
    assert isinstance(plan, SessionPlan)
    assert plan.session_number == 2, "the pair's next session, after the one held"
    # The manager found the pace too fast: one topic, hands-on (the skill deep-dive session 2 would have been).
    assert plan.format == "hands-on-lab"
    assert len(plan.topics) == 1
    assert "phishing-and-scams" not in {topic.slug for topic in plan.topics}, "new ground first"
    based_on = reply.state.based_on
    assert based_on is not None
    assert based_on.session_number == 2
    assert based_on.last_check_in
    assert based_on.last_check_in["change"] == "The pace was too fast"
    shown = reply_markdown(reply, desks.mentor.topic_title)
    assert "#### Based on" in shown
    assert "The manager's check-in rated the last session 3/5 and asked: “The pace was too fast”" in shown
    assert "Session 1 (January 12, 2026) covered" in shown, "dates as people write them"
    assert "Spotting phishing and online scams" in shown, "topics by name, not by slug"


def test_what_the_chat_understood_is_applied_on_top_and_a_revision_keeps_the_history(desks: Desks, pair):
    mentor, _, pair_id = pair
    longer = say(desks, mentor, pair_id, "Plan the next session, 90 minutes", start(desks, mentor, pair_id))
    assert isinstance(longer.result, SessionPlan)
    assert longer.result.session_minutes == 90
    assert sum(item.minutes for item in longer.result.agenda) == 90
    assert longer.state.based_on is not None
    shorter = say(desks, mentor, pair_id, "make it shorter", longer.state)
    assert isinstance(shorter.result, SessionPlan)
    assert shorter.intent == "revise"
    assert shorter.result.session_minutes < 90
    assert [t.slug for t in shorter.result.topics] == [t.slug for t in longer.result.topics]
    assert shorter.result.format == longer.result.format
    assert "#### Based on" in reply_markdown(shorter, desks.mentor.topic_title)


def test_the_day_and_length_understood_are_kept_with_the_plan(desks: Desks, pair):
    mentor, _, pair_id = pair
    reply = say(desks, mentor, pair_id, "Plan the next session on Thursday, 45 minutes", start(desks, mentor, pair_id))
    assert isinstance(reply.result, SessionPlan)
    assert reply.result.session_minutes == 45
    assert reply.state.date is not None
    assert reply.state.date.weekday() == 3
    assert reply.state.based_on is not None
    resumed = desks.mentor.resume_pair(mentor, pair_id)
    assert resumed.day == reply.state.date
    assert ChatState.model_validate(resumed_state(resumed)).date == reply.state.date


def test_a_goal_asked_in_the_chat_replaces_the_pairs_goals_and_the_plan_says_so(desks: Desks, pair):
    mentor, _, pair_id = pair
    reply = say(
        desks,
        mentor,
        pair_id,
        "Plan the next session: he wants to build his LinkedIn profile",
        start(desks, mentor, pair_id),
    )
    assert isinstance(reply.result, SessionPlan)
    assert [t.slug for t in reply.result.topics] == ["linkedin-personal-brand"]
    assert reply.state.based_on is not None
    assert any("You asked for" in fact for fact in reply.state.based_on.facts)


def test_an_italian_request_gets_the_based_on_in_italian(desks: Desks, pair):
    mentor, _, pair_id = pair
    reply = say(desks, mentor, pair_id, "Prepara la prossima sessione, 60 minuti", start(desks, mentor, pair_id))
    assert isinstance(reply.result, SessionPlan)
    shown = reply_markdown(reply, desks.mentor.topic_title)
    assert "#### Basato su" in shown
    assert "Il check-in del manager ha dato 3/5" in shown
    assert "#### Based on" not in shown


def test_the_conversation_is_kept_and_reopens_then_starts_again(desks: Desks, pair, services: Services):
    mentor, _, pair_id = pair
    assert desks.mentor.resume_pair(mentor, pair_id).messages == []
    first = say(desks, mentor, pair_id, "Plan the next session", start(desks, mentor, pair_id))
    second = say(desks, mentor, pair_id, "make it shorter", first.state)
    assert isinstance(second.result, SessionPlan)
    # Another page load, or another device: the same chat and the plan in progress, from the database.
    resumed = desks.mentor.resume_pair(mentor, pair_id)
    assert [m.role for m in resumed.messages] == ["user", "assistant", "user", "assistant"]
    assert resumed.messages[2].text == "make it shorter"
    assert "#### Based on" in resumed.messages[1].text
    assert resumed.plan == second.result.model_dump(mode="json")
    assert "#### Agenda" in resumed.markdown
    assert resumed.based_on
    assert resumed.based_on["session_number"] == 2
    state = ChatState.model_validate(resumed_state(resumed))
    assert state.plan == second.result
    assert state.pair_id == pair_id
    assert state.based_on is not None
    again = say(desks, mentor, pair_id, "make it longer", state)  # a revision works on the restored plan
    assert isinstance(again.result, SessionPlan)
    assert again.result.session_minutes > second.result.session_minutes
    # New conversation: the chat and the plan in progress go.
    cleared = desks.mentor.new_conversation(mentor, pair_id)
    assert cleared.messages == []
    assert cleared.plan is None
    assert cleared.markdown == ""
    assert desks.mentor.resume_pair(mentor, pair_id).messages == []
    assert resumed_state(cleared) == pair_state(cleared.context)


def test_a_saved_plan_reopens_as_edited(desks: Desks, pair):
    mentor, _, pair_id = pair
    reply = say(desks, mentor, pair_id, "Plan the next session", start(desks, mentor, pair_id))
    assert isinstance(reply.result, SessionPlan)
    plan = reply.result.model_dump(mode="json")
    based_on = reply.state.model_dump()["based_on"]
    desks.mentor.save_plan(mentor, pair_id, plan, "# Our plan, edited", shared=False, based_on=based_on)
    resumed = desks.mentor.resume_pair(mentor, pair_id)
    assert resumed.markdown == "# Our plan, edited"
    assert resumed.plan == plan
    assert resumed.based_on == based_on
    # After a new conversation the plan saved last is still what the editor opens with.
    cleared = desks.mentor.new_conversation(mentor, pair_id)
    assert cleared.messages == []
    assert (cleared.plan, cleared.markdown) == (plan, "# Our plan, edited")


def test_only_the_pairs_mentor_chats_about_it_or_reads_the_chat(desks: Desks, pair, services: Services):
    mentor, manager, pair_id = pair
    n = next(_numbers)
    outsider, hr = f"chat.outsider{n}", f"chat.hr{n}"
    services.programme.create_user(None, outsider, "Outsider", "mentor", "a-long-password")
    services.programme.create_user(None, hr, "HR", "hr", "a-long-password")
    say(desks, mentor, pair_id, "Plan the next session", start(desks, mentor, pair_id))
    state = ChatState(language="en", pair_id=pair_id, goals=GOALS, session_minutes=60)
    for refused in (manager, hr, outsider, None):
        with pytest.raises(NotAllowed):
            list(desks.mentor.chat(refused, pair_id, "Plan the next session", state))
        with pytest.raises(NotAllowed):
            desks.mentor.resume_pair(refused, pair_id)
        with pytest.raises(NotAllowed):
            desks.mentor.new_conversation(refused, pair_id)
    kept = desks.mentor.resume_pair(mentor, pair_id).messages
    assert [m.role for m in kept] == ["user", "assistant"], "the refused attempts kept and cleared nothing"
