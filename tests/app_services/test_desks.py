"""The application services without Gradio: each user action is one call, and only user errors, named by a
locale key, come out of them. The UI relies on both (it renders, it does not orchestrate)."""

from __future__ import annotations

import pytest

from companion.app_services import Desks, InvalidRequest, NeedsMore, NotAllowed
from companion.app_services.errors import as_user_errors
from companion.demo import load_demo
from companion.i18n import strings
from companion.planner import PlanningError
from companion.services import Services
from companion.ui.common import friendly


@pytest.fixture(scope="module")
def desks(services: Services) -> Desks:
    load_demo(services.programme, services.planner)
    return Desks.over(services)


def first_pair(desks: Desks, username: str) -> int:
    return desks.people.pairs(username)[0].id


def test_a_mentor_opens_their_pair_and_not_another(desks: Desks):
    mine = first_pair(desks, "sam")
    context = desks.mentor.open_pair("sam", mine)
    assert context.pair.mentor.username == "sam"
    assert context.next_session_number == len([s for s in context.sessions if s.status == "held"]) + 1
    with pytest.raises(NotAllowed):
        desks.mentor.open_pair("sam", first_pair(desks, "giulia"))


def test_nobody_signed_in_is_refused_before_anything_runs(desks: Desks):
    with pytest.raises(NotAllowed):
        desks.people.pairs(None)


def test_an_empty_plan_is_a_user_error_with_a_key(desks: Desks):
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.save_plan("sam", first_pair(desks, "sam"), {}, "", shared=False)
    assert caught.value.key == "plan_empty"


def test_a_saved_plan_comes_back_with_its_calendar_entry(desks: Desks, services: Services):
    from companion.domain import PairProfile

    pair = first_pair(desks, "sam")
    number = desks.mentor.open_pair("sam", pair).next_session_number
    plan = services.planner.plan_session(PairProfile(goals="phishing", session_number=number))
    saved = desks.mentor.save_plan("sam", pair, plan.model_dump(mode="json"), "# Plan\n", shared=True)
    assert saved.session.number == number
    assert "BEGIN:VEVENT" in saved.ics


def test_a_mentor_edits_a_plan_and_the_saved_plan_and_its_markdown_carry_the_edit(desks: Desks, services: Services):
    from companion.domain import PairProfile
    from companion.plan_edits import edits_of

    pair = first_pair(desks, "sam")
    number = desks.mentor.open_pair("sam", pair).next_session_number
    plan = services.planner.plan_session(PairProfile(goals="phishing", session_number=number, session_minutes=45))
    edits = edits_of(plan, "en")
    edits.agenda[0].minutes = int(edits.agenda[0].minutes or 0) + 10
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.edit_plan("sam", plan.model_dump(mode="json"), edits)
    assert caught.value.key == "plan_edit_minutes_sum"
    assert friendly(caught.value, "it").startswith("⚠️ I passi sommano 55 minuti, ma la sessione dura 45")
    with pytest.raises(InvalidRequest):  # the same edits are refused on save: nothing is kept
        desks.mentor.save_plan("sam", pair, plan.model_dump(mode="json"), None, shared=False, edits=edits)

    edits.agenda[0].minutes = int(edits.agenda[0].minutes) - 10
    edits.agenda[0].title = "Coffee first"
    # A catalogue title, in the other language, in place of the first topic: that topic, not a rewording.
    edits.topics = ["password, password manager e autenticazione a più fattori"]
    edited = desks.mentor.edit_plan("sam", plan.model_dump(mode="json"), edits)
    assert edited.agenda[0].title == "Coffee first"
    assert plan.topics[0].slug != "passwords-and-mfa"
    assert [topic.slug for topic in edited.topics] == ["passwords-and-mfa"]
    saved = desks.mentor.save_plan("sam", pair, plan.model_dump(mode="json"), None, shared=False, edits=edits)
    assert saved.plan == edited
    assert f"1. **Coffee first** ({edited.agenda[0].minutes} min)" in saved.markdown
    exported = desks.mentor.session_file("sam", pair, number, "md")
    assert "**Coffee first**" in exported.text


def test_mark_done_with_nothing_chosen_says_so(desks: Desks):
    with pytest.raises(InvalidRequest) as caught:
        desks.manager.complete_exercise("helen", None, "")
    assert caught.value.key == "choose_exercise_first"
    assert "Choose the exercise" in friendly(caught.value, "en")


def test_hr_reviews_only_what_is_chosen_and_others_cannot_review(desks: Desks):
    with pytest.raises(InvalidRequest):
        desks.hr.review("hr.laura", None, approve=True, comment="")
    with pytest.raises(NotAllowed):
        desks.hr.review_queue("sam")
    assert not desks.people.is_staff("sam")
    assert desks.people.is_staff("hr.laura")


def test_a_planning_error_reaches_the_user_translated_never_as_a_raw_key():
    with pytest.raises(NeedsMore) as caught, as_user_errors():
        raise PlanningError("ask_goals")
    shown = friendly(caught.value, "it")
    assert shown == f"⚠️ {strings('it')['ask_goals']}"
    assert "ask_goals" not in shown


def test_a_programming_error_is_not_dressed_up_as_a_user_error():
    with pytest.raises(ZeroDivisionError), as_user_errors():
        _ = 1 / 0
