"""Issue 11, closing the loop: the mentor answers HR's "request changes" by editing the curriculum, HR sees what
changed; the manager's DigComp self-assessment; what is waiting for each person when they sign in. Through the
desks, on the real engine and database; the pair here is this module's own (the demo's pairs stay as they are)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from companion.app_services import Desks, InvalidRequest, NotAllowed
from companion.curriculum_edit import change_lines
from companion.demo import load_demo
from companion.domain import Exercise
from companion.i18n import format_when
from companion.services import Services

MENTOR, MANAGER, OTHER_MENTOR = "loop.mentor", "loop.manager", "loop.other"
NEW_TOPIC = "video-meetings-and-hybrid-work"


@pytest.fixture(scope="module")
def desks(services: Services) -> Desks:
    load_demo(services.programme, services.planner)  # hr.laura
    for name, role in ((MENTOR, "mentor"), (MANAGER, "manager"), (OTHER_MENTOR, "mentor")):
        services.programme.create_user(None, name, name.title(), role, "a-long-password")
    return Desks.over(services)


@pytest.fixture(scope="module")
def pair_id(desks: Desks, services: Services) -> int:
    pair = services.programme.create_pair(
        None, MENTOR, MANAGER, goals="spot phishing emails and build pivot tables", total_sessions=8
    )
    return pair.id


def sent_back(desks: Desks, pair_id: int, comment: str) -> int:
    """A new generated version, sent back by HR with `comment`; returns its version number."""
    version = desks.mentor.submit_curriculum(MENTOR, pair_id)
    desks.hr.review("hr.laura", version.id, approve=False, comment=comment)
    return version.version


def test_the_mentor_edits_the_curriculum_hr_sent_back_and_hr_sees_what_changed(desks: Desks, pair_id: int):
    base = sent_back(desks, pair_id, "Fewer sessions, and hybrid meetings instead of the second topic")
    draft = desks.mentor.curriculum_draft(MENTOR, pair_id, "en")
    assert (draft.based_on, draft.status, draft.editable) == (base, "changes_requested", True)
    assert draft.hr_comment == "Fewer sessions, and hybrid meetings instead of the second topic"
    assert draft.changes.empty
    assert len(draft.curriculum.sessions) == 8
    assert ("Video meetings and hybrid work", NEW_TOPIC) in draft.topics  # titles to choose from, slugs as values
    old_third = draft.curriculum.sessions[2]
    assert old_third.topics != [NEW_TOPIC]

    state = draft.model_dump(mode="json")
    draft = desks.mentor.edit_curriculum(
        MENTOR, pair_id, state, {"action": "topic", "number": 3, "topic": NEW_TOPIC}, "en"
    )
    draft = desks.mentor.edit_curriculum(
        MENTOR, pair_id, draft.model_dump(mode="json"), {"action": "sessions", "sessions": 6}, "en"
    )
    assert draft.curriculum.sessions[2].topics == [NEW_TOPIC]
    assert len(draft.curriculum.sessions) == 6
    assert draft.curriculum.sessions[-1].format == "closing-session"
    lines = change_lines(draft.changes, "en", desks.library.topic_title)
    assert lines[0].startswith("session 3: ")
    assert lines[0].endswith(" → Video meetings and hybrid work")
    assert lines[-1] == "8 → 6 sessions"

    in_italian = desks.mentor.curriculum_draft(MENTOR, pair_id, "it", draft.model_dump(mode="json"))
    assert in_italian.changes == draft.changes  # switching language keeps the edits not sent yet
    assert ("Videoriunioni e lavoro ibrido", NEW_TOPIC) in in_italian.topics
    assert desks.mentor.curriculum_draft(MENTOR, pair_id, "en").changes.empty  # without the draft: the latest

    version = desks.mentor.resubmit_curriculum(MENTOR, pair_id, draft.model_dump(mode="json"))
    assert (version.version, version.status) == (base + 1, "submitted")

    review = desks.hr.curriculum_review("hr.laura", version.id)
    assert (review.version, review.previous) == (base + 1, base)
    assert review.previous_comment.startswith("Fewer sessions")
    assert review.changes is not None
    assert change_lines(review.changes, "en", desks.library.topic_title) == lines
    italian = change_lines(review.changes, "it", desks.library.topic_title)
    assert italian[0].startswith("sessione 3: ")
    assert italian[-1] == "8 → 6 sessioni"

    context = desks.mentor.open_pair(MENTOR, pair_id)  # the mentor's history shows the same changes
    assert context.curriculum_changes == review.changes
    versions = desks.mentor.curriculum_draft(MENTOR, pair_id, "en").versions
    assert [(v.version, v.status) for v in versions][-2:] == [(base, "changes_requested"), (base + 1, "submitted")]
    assert versions[-1].changes == review.changes


def test_only_the_pairs_mentor_edits_and_resubmits(desks: Desks, pair_id: int):
    sent_back(desks, pair_id, "Another topic please")
    draft = desks.mentor.curriculum_draft(MENTOR, pair_id, "en")
    edited = desks.mentor.edit_curriculum(
        MENTOR, pair_id, draft.model_dump(mode="json"), {"action": "move", "number": 3, "step": 1}, "en"
    )
    state = edited.model_dump(mode="json")
    for outsider in (MANAGER, "hr.laura", OTHER_MENTOR):
        with pytest.raises(NotAllowed):
            desks.mentor.curriculum_draft(outsider, pair_id, "en")
        with pytest.raises(NotAllowed):
            desks.mentor.resubmit_curriculum(outsider, pair_id, state)
    assert desks.mentor.curriculum_draft(MENTOR, pair_id, "en").based_on == draft.based_on  # nothing was sent
    assert desks.mentor.resubmit_curriculum(MENTOR, pair_id, state).version == draft.based_on + 1


def test_unchanged_stale_unknown_and_approved_drafts_are_refused_by_key(desks: Desks, pair_id: int):
    base = sent_back(desks, pair_id, "Try again")
    draft = desks.mentor.curriculum_draft(MENTOR, pair_id, "en").model_dump(mode="json")
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.resubmit_curriculum(MENTOR, pair_id, draft)
    assert caught.value.key == "curriculum_unchanged"
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.edit_curriculum(MENTOR, pair_id, draft, {"action": "topic", "number": 2, "topic": "made-up"}, "en")
    assert caught.value.key == "curriculum_cannot_send"
    forged = desks.mentor.edit_curriculum(MENTOR, pair_id, draft, {"action": "move", "number": 2, "step": 1}, "en")
    forged_state = forged.model_dump(mode="json")
    forged_state["curriculum"]["sessions"][1]["topics"] = ["made-up"]
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.resubmit_curriculum(MENTOR, pair_id, forged_state)
    assert caught.value.key == "curriculum_cannot_send"

    newer = desks.mentor.submit_curriculum(MENTOR, pair_id)  # a version submitted meanwhile
    assert newer.version == base + 1
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.resubmit_curriculum(MENTOR, pair_id, forged.model_dump(mode="json"))
    assert caught.value.key == "curriculum_stale"

    desks.hr.review("hr.laura", newer.id, approve=True, comment="")
    approved = desks.mentor.curriculum_draft(MENTOR, pair_id, "en")
    assert not approved.editable
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.edit_curriculum(
            MENTOR, pair_id, approved.model_dump(mode="json"), {"action": "sessions", "sessions": 4}, "en"
        )
    assert caught.value.key == "curriculum_locked"


def test_a_pair_without_a_curriculum_has_nothing_to_edit(desks: Desks, services: Services):
    services.programme.create_user(None, "loop.empty", "Empty", "manager", "a-long-password")
    pair = services.programme.create_pair(None, OTHER_MENTOR, "loop.empty", goals="spreadsheets")
    with pytest.raises(InvalidRequest) as caught:
        desks.mentor.curriculum_draft(OTHER_MENTOR, pair.id, "en")
    assert caught.value.key == "curriculum_nothing_to_edit"


def test_the_manager_rates_themselves_at_the_start_and_at_the_end_and_no_one_else_can(desks: Desks, pair_id: int):
    with pytest.raises(InvalidRequest) as caught:
        desks.manager.save_self_assessment(MANAGER, pair_id, "before", {"1.1": None, "4.1": ""})
    assert caught.value.key == "assessment_empty"
    saved = desks.manager.save_self_assessment(
        MANAGER, pair_id, "before", {"1.1": "foundation", "4.1": "not-yet", "5.4": None}
    )
    assert saved.before == {"1.1": "foundation", "4.1": "not-yet"}
    assert saved.after == {}
    desks.manager.save_self_assessment(MANAGER, pair_id, "after", {"1.1": "advanced", "4.1": "intermediate"})
    for outsider in (MENTOR, "hr.laura"):
        with pytest.raises(NotAllowed):
            desks.manager.save_self_assessment(outsider, pair_id, "after", {"1.1": "not-yet"})
    back = desks.manager.self_assessment(MANAGER, pair_id)  # what the manager finds when they come back
    assert back.before == {"1.1": "foundation", "4.1": "not-yet"}
    assert back.after == {"1.1": "advanced", "4.1": "intermediate"}
    board = desks.hr.dashboard("hr.laura")
    stats = next(p for p in board.pairs if p.pair_id == pair_id)
    assert (stats.level_before, stats.level_after) == ("foundation", "advanced")  # 0.5 and 2.5, rounded up


def test_what_is_waiting_for_each_side_in_their_language_and_nothing_of_the_other_side(
    desks: Desks, services: Services
):
    programme = services.programme
    for name, role in (("wait.mentor", "mentor"), ("wait.manager", "manager")):
        programme.create_user(None, name, name.title(), role, "a-long-password")
    pair = programme.create_pair(None, "wait.mentor", "wait.manager", goals="phishing")
    mentor, manager = programme.actor("wait.mentor"), programme.actor("wait.manager")
    first = programme.record_session(mentor, pair.id, 1, date.today() - timedelta(days=3), status="held")
    programme.check_in(manager, first.id, 5, "the manager's private lesson", "", shared=False)
    programme.assign_exercises(
        mentor, pair.id, [Exercise(title="Report a suspicious email", steps=["open", "report"], level="foundation")]
    )
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    desks.journey.schedule("wait.mentor", pair.id, 2, starts.strftime("%Y-%m-%d %H:%M"), "UTC", "Room 4")

    mentor_lines = desks.journey.reminders("wait.mentor", "en")
    assert mentor_lines == [
        f"Next session (2) with Wait.Manager: {format_when(starts, 'UTC', 'en')}",
        "Your check-in for session 1 with Wait.Manager is waiting",
    ]
    manager_lines = desks.journey.reminders("wait.manager", "it")
    assert manager_lines == [
        f"Prossima sessione (2) con Wait.Mentor: {format_when(starts, 'UTC', 'it')}",
        "Esercizio da fare: Report a suspicious email",
    ]  # the manager's own check-in is done; the mentor's pending one is not the manager's business
    assert not any("private lesson" in line for line in mentor_lines + manager_lines)
    with pytest.raises(NotAllowed):
        desks.journey.reminders(None, "en")
