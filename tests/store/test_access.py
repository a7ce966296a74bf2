"""Every access rule, tried from the side that must be refused. Rules live in the engine (Programme), so
these tests call it directly, as the UI does."""

from __future__ import annotations

import pytest

from companion.domain import Curriculum, CurriculumSession, Exercise
from companion.store.access import AccessDenied
from companion.store.programme import InvalidInput, Programme
from tests.store.conftest import PASSWORD, People

CURRICULUM = Curriculum(
    language="en",
    goals="phishing",
    rationale="r",
    sessions=[
        CurriculumSession(number=1, format="first-meeting", title="First", rationale="why", citations=["x#y"]),
    ],
)
EXERCISE = Exercise(
    title="Report three emails",
    steps=["Open the inbox"],
    minutes=15,
    level="foundation",
    citations=["skill-phishing-and-scams-en#exercises/foundation"],
)


def denials(programme: Programme) -> list[tuple[str, str, str]]:
    log = programme.audit_log(programme.actor("admin"), limit=1000)
    return [(e.actor or "", e.action, e.target) for e in log if not e.allowed]


# R1: passwords are hashed with a real KDF, and signing in checks them.
def test_passwords_are_argon2_hashes_and_sign_in_checks_them(programme: Programme, people: People):
    from sqlalchemy import select

    from companion.store.models import User

    with programme.db.session() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "mentor1"))
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert programme.authenticate("mentor1", PASSWORD).role == "mentor"
    assert programme.authenticate("mentor1", "wrong-password!") is None
    assert programme.authenticate("nobody", PASSWORD) is None
    with pytest.raises(ValueError, match="at least 10"):
        programme.create_user(None, "short", "Short", "mentor", "abc")


# R2: only admins manage users.
@pytest.mark.parametrize("who", ["hr", "mentor1", "manager1"])
def test_only_admins_create_users(programme: Programme, people: People, who: str):
    with pytest.raises(AccessDenied):
        programme.create_user(programme.actor(who), "intruder", "Intruder", "admin", PASSWORD)
    assert "intruder" not in [u.username for u in programme.users(people.admin)]
    assert (who, "create user", "user:intruder") in denials(programme)
    assert programme.create_user(people.admin, "newhire", "New Hire", "mentor", PASSWORD).role == "mentor"


# R3: a mentor or a manager sees only their own pairs.
def test_members_see_only_their_own_pairs(programme: Programme, people: People):
    assert [p.id for p in programme.pairs(people.mentor1)] == [people.pair1]
    assert [p.id for p in programme.pairs(people.manager2)] == [people.pair2]
    assert {p.id for p in programme.pairs(people.hr)} == {people.pair1, people.pair2}
    for outsider, pair in [(people.manager1, people.pair2), (people.mentor2, people.pair1)]:
        with pytest.raises(AccessDenied, match="not yours"):
            programme.pair(outsider, pair)
        with pytest.raises(AccessDenied):
            programme.sessions(outsider, pair)
        with pytest.raises(AccessDenied):
            programme.curricula(outsider, pair)
    assert ("manager1", "view pair", f"pair:{people.pair2}") in denials(programme)


# R4: private notes are their author's; shared notes are the pair's; HR never sees notes.
def test_notes_are_private_to_their_author_unless_shared(programme: Programme, people: People):
    session = programme.record_session(people.mentor1, people.pair1, 1)
    programme.add_note(people.mentor1, session.id, "mentor's private thought")
    programme.add_note(people.manager1, session.id, "manager's shared summary", shared=True)
    programme.add_note(people.manager1, session.id, "manager's private worry")
    assert {n.text for n in programme.notes(people.mentor1, session.id)} == {
        "mentor's private thought",
        "manager's shared summary",
    }
    assert {n.text for n in programme.notes(people.manager1, session.id)} == {
        "manager's shared summary",
        "manager's private worry",
    }
    for staff in (people.hr, people.admin):
        with pytest.raises(AccessDenied, match="not visible to HR"):
            programme.notes(staff, session.id)
    with pytest.raises(AccessDenied):
        programme.notes(people.mentor2, session.id)
    with pytest.raises(AccessDenied):
        programme.add_note(people.hr, session.id, "HR was here")


# R5: the journal is the manager's; shared entries reach the mentor; HR never sees it.
def test_the_journal_belongs_to_the_manager(programme: Programme, people: People):
    programme.add_journal_entry(people.manager1, people.pair1, "private reflection")
    programme.add_journal_entry(people.manager1, people.pair1, "shared reflection", shared=True)
    assert [e.text for e in programme.journal(people.manager1, people.pair1)] == [
        "private reflection",
        "shared reflection",
    ]
    assert [e.text for e in programme.journal(people.mentor1, people.pair1)] == ["shared reflection"]
    for refused in (people.hr, people.admin, people.manager2):
        with pytest.raises(AccessDenied):
            programme.journal(refused, people.pair1)
    with pytest.raises(AccessDenied, match="manager's own"):
        programme.add_journal_entry(people.mentor1, people.pair1, "writing in someone else's journal")


# R6: plans are the pair's; HR sees formats, topics and statuses only.
def test_hr_sees_session_status_but_not_plans(programme: Programme, people: People, services):
    from companion.domain import PairProfile

    plan = services.planner.plan_session(PairProfile(language="en", goals="phishing", session_minutes=45))
    programme.record_session(people.mentor1, people.pair1, 1, plan=plan, status="held")
    mine = programme.sessions(people.manager1, people.pair1)[0]
    seen_by_hr = programme.sessions(people.hr, people.pair1)[0]
    assert mine.generated_plan
    assert mine.generated_plan["session_minutes"] == 45
    assert seen_by_hr.generated_plan is None
    assert seen_by_hr.status == "held"
    assert seen_by_hr.topics == mine.topics
    with pytest.raises(AccessDenied):
        programme.record_session(people.hr, people.pair1, 2)


# R7: exercises are the pair's; only the manager marks them done.
def test_only_the_manager_completes_exercises(programme: Programme, people: People):
    [exercise] = programme.assign_exercises(people.mentor1, people.pair1, [EXERCISE])
    with pytest.raises(AccessDenied, match="only the manager"):
        programme.complete_exercise(people.mentor1, exercise.id, "done by the mentor?")
    with pytest.raises(AccessDenied):
        programme.complete_exercise(people.manager2, exercise.id)
    with pytest.raises(AccessDenied):
        programme.exercises(people.hr, people.pair1)
    done = programme.complete_exercise(people.manager1, exercise.id, "useful")
    assert done.status == "done"
    assert done.feedback == "useful"


# R8: the review workflow: the pair submits, HR reviews, versions keep their history.
def test_curriculum_review_workflow(programme: Programme, people: People):
    with pytest.raises(AccessDenied):
        programme.submit_curriculum(people.hr, people.pair1, CURRICULUM)
    with pytest.raises(AccessDenied):
        programme.submit_curriculum(people.mentor2, people.pair1, CURRICULUM)
    first = programme.submit_curriculum(people.mentor1, people.pair1, CURRICULUM)
    assert [v.id for v in programme.review_queue(people.hr)] == [first.id]
    for not_hr in (people.mentor1, people.manager1, people.admin):
        with pytest.raises(AccessDenied):
            programme.review_curriculum(not_hr, first.id, approve=True)
    with pytest.raises(InvalidInput, match="needs a comment"):
        programme.review_curriculum(people.hr, first.id, approve=False)
    programme.review_curriculum(people.hr, first.id, approve=False, comment="Add a session on charts")
    assert programme.approved_curriculum(people.manager1, people.pair1) is None
    second = programme.submit_curriculum(people.mentor1, people.pair1, CURRICULUM)
    programme.review_curriculum(people.hr, second.id, approve=True, comment="Good")
    with pytest.raises(InvalidInput, match="not waiting for review"):
        programme.review_curriculum(people.hr, second.id, approve=False, comment="changed my mind")
    history = programme.curricula(people.manager1, people.pair1)
    assert [(v.version, v.status, v.hr_comment) for v in history] == [
        (1, "changes_requested", "Add a session on charts"),
        (2, "approved", "Good"),
    ]
    assert programme.approved_curriculum(people.mentor1, people.pair1).version == 2
    assert history[1].reviewed_by == "hr"
    assert history[0].submitted_by == "mentor1"


def test_an_edited_curriculum_answers_the_latest_version_and_replaces_one_still_waiting(
    programme: Programme, people: People
):
    first = programme.submit_curriculum(people.mentor1, people.pair1, CURRICULUM)
    with pytest.raises(InvalidInput, match="not the pair's latest"):
        programme.submit_curriculum(people.mentor1, people.pair1, CURRICULUM, based_on=2)
    with pytest.raises(AccessDenied):
        programme.submit_curriculum(people.manager1, people.pair1, CURRICULUM, based_on=1)
    second = programme.submit_curriculum(people.mentor1, people.pair1, CURRICULUM, based_on=1)
    assert [v.id for v in programme.review_queue(people.hr)] == [second.id]  # v1 no longer waits
    with pytest.raises(InvalidInput, match="replaced by version 2"):
        programme.review_curriculum(people.hr, first.id, approve=True)
    programme.review_curriculum(people.hr, second.id, approve=True)
    with pytest.raises(InvalidInput, match="approved"):
        programme.submit_curriculum(people.mentor1, people.pair1, CURRICULUM, based_on=2)
    assert [v.status for v in programme.curricula(people.hr, people.pair1)] == ["submitted", "approved"]


# R9: HR's overview has progress and aggregates, and nothing private.
def test_the_overview_is_for_staff_and_carries_no_private_text(programme: Programme, people: People):
    session = programme.record_session(people.mentor1, people.pair1, 1, status="held")
    programme.add_note(people.mentor1, session.id, "SECRET-NOTE", shared=True)
    programme.add_journal_entry(people.manager1, people.pair1, "SECRET-JOURNAL", shared=True)
    programme.assign_exercises(people.mentor1, people.pair1, [EXERCISE])
    for member in (people.mentor1, people.manager1):
        with pytest.raises(AccessDenied):
            programme.overview(member)
    overview = programme.overview(people.hr)
    assert overview.sessions_held == 1
    assert overview.exercise_completion == 0.0
    dumped = overview.model_dump_json()
    assert "SECRET" not in dumped


# R10: only the manager records their own self-assessment.
def test_self_assessment_is_the_managers(programme: Programme, people: People):
    with pytest.raises(AccessDenied):
        programme.set_assessment(people.mentor1, people.pair1, "before", {"4.2": "not-yet"})
    programme.set_assessment(people.manager1, people.pair1, "before", {"4.2": "not-yet"})
    assert programme.pair(people.hr, people.pair1).assessment_before == {"4.2": "not-yet"}


# R11: the audit log records changes and refusals, and only admins read it.
def test_the_audit_log(programme: Programme, people: People):
    with pytest.raises(AccessDenied):
        programme.pair(people.mentor2, people.pair1)
    with pytest.raises(AccessDenied):
        programme.audit_log(people.hr)
    log = programme.audit_log(people.admin)
    assert any(e.action == "create pair" and e.actor == "hr" for e in log)
    assert any(not e.allowed and e.actor == "mentor2" and e.action == "view pair" for e in log)


def test_bad_input_is_refused_clearly(programme: Programme, people: People):
    session = programme.record_session(people.mentor1, people.pair1, 1)
    with pytest.raises(InvalidInput, match="empty"):
        programme.add_note(people.mentor1, session.id, "   ")
    with pytest.raises(InvalidInput, match="limit"):
        programme.add_journal_entry(people.manager1, people.pair1, "x" * 20_001)
    with pytest.raises(InvalidInput, match="taken"):
        programme.create_user(people.admin, "mentor1", "Again", "mentor", PASSWORD)
    with pytest.raises(InvalidInput, match="already a pair"):
        programme.create_pair(people.hr, "mentor1", "manager1")
    with pytest.raises(InvalidInput, match="is not a manager"):
        programme.create_pair(people.hr, "mentor1", "mentor2")
