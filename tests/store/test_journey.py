"""The pair's journey (issue 11) in the store: scheduling, holding, check-ins, the self-assessment at start and
end, the conversation kept server-side, the history planning reads, and what is waiting on sign-in. Every rule
is tried from the side that must be refused, like tests/store/test_access.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from companion.domain import Curriculum, CurriculumSession, Exercise, SessionPlan, TopicSuggestion
from companion.store.access import AccessDenied
from companion.store.programme import InvalidInput, Programme
from tests.store.conftest import People
from tests.store.test_access import denials


def tiny_plan(number: int, topic: str = "phishing-and-scams") -> SessionPlan:
    return SessionPlan(
        language="en",
        session_minutes=60,
        session_number=number,
        format="skill-deep-dive",
        topics=[TopicSuggestion(slug=topic, title=topic, why="why")],
        agenda=[],
        reflection_questions={"mentor": [], "manager": []},
        exercises=[],
    )


# J1: scheduling in the pair's time zone; moving; cancelling; holding.
def test_a_session_is_scheduled_in_the_pairs_time_zone_moved_and_held(programme: Programme, people: People):
    scheduled = programme.schedule_session(
        people.mentor1, people.pair1, 1, datetime(2026, 3, 30, 17, 0), "Europe/Rome", "Room 2"
    )
    assert scheduled.status == "scheduled"
    assert scheduled.starts_at.isoformat() == "2026-03-30T17:00:00+02:00"  # summer time in Rome
    assert scheduled.starts_at.astimezone(UTC).hour == 15
    assert scheduled.time_zone == "Europe/Rome"
    assert scheduled.scheduled_on == date(2026, 3, 30)
    assert scheduled.location == "Room 2"
    moved = programme.move_session(people.manager1, scheduled.id, datetime(2026, 3, 28, 9, 30))
    assert moved.starts_at.isoformat() == "2026-03-28T09:30:00+01:00"  # the day before the clocks change
    assert moved.location == "Room 2"
    seen_by_hr = programme.sessions(people.hr, people.pair1)[0]
    assert seen_by_hr.starts_at == moved.starts_at
    assert programme.next_session_number(people.mentor1, people.pair1) == 1
    held = programme.mark_held(people.mentor1, scheduled.id)
    assert held.status == "held"
    assert held.held_at is not None
    assert programme.next_session_number(people.manager1, people.pair1) == 2
    assert programme.mark_held(people.manager1, scheduled.id).held_at == held.held_at  # twice: no change
    with pytest.raises(InvalidInput, match="held already"):
        programme.move_session(people.mentor1, scheduled.id, datetime(2026, 4, 1, 9))
    with pytest.raises(InvalidInput, match="held already"):
        programme.cancel_session(people.mentor1, scheduled.id)
    with pytest.raises(InvalidInput, match="held already"):
        programme.schedule_session(people.mentor1, people.pair1, 1, datetime(2026, 4, 1, 9), "UTC")


def test_cancelled_sessions_do_not_advance_the_numbering(programme: Programme, people: People):
    first = programme.schedule_session(people.mentor1, people.pair1, 1, datetime(2026, 1, 5, 10), "Europe/London")
    programme.mark_held(people.mentor1, first.id)
    second = programme.schedule_session(people.manager1, people.pair1, 2, datetime(2026, 1, 26, 10), "Europe/London")
    cancelled = programme.cancel_session(people.manager1, second.id)
    assert cancelled.status == "cancelled"
    assert programme.next_session_number(people.mentor1, people.pair1) == 2
    with pytest.raises(InvalidInput, match="cancelled"):
        programme.mark_held(people.mentor1, second.id)
    again = programme.schedule_session(people.mentor1, people.pair1, 2, datetime(2026, 2, 2, 10), "Europe/London")
    assert (again.id, again.status) == (second.id, "scheduled")


def test_bad_times_and_zones_are_refused(programme: Programme, people: People):
    with pytest.raises(InvalidInput, match="IANA time zone"):
        programme.schedule_session(people.mentor1, people.pair1, 1, datetime(2026, 1, 5, 10), "Mars/Olympus")
    with pytest.raises(InvalidInput, match="start at 1"):
        programme.schedule_session(people.mentor1, people.pair1, 0, datetime(2026, 1, 5, 10), "UTC")
    aware = datetime(2026, 1, 5, 10, tzinfo=UTC)
    assert programme.schedule_session(people.mentor1, people.pair1, 1, aware, "Europe/Rome").starts_at.hour == 11


# A session held before its day (brought forward, or held as soon as it was put in the calendar) is dated by the
# day it was held: HR's months and the history used to file it under the calendar entry it replaced.
def test_a_session_held_before_its_day_is_dated_by_the_day_it_was_held(programme: Programme, people: People):
    coming = datetime.now(UTC) + timedelta(days=40)
    scheduled = programme.schedule_session(people.mentor1, people.pair1, 1, coming.replace(tzinfo=None), "UTC")
    held = programme.mark_held(people.mentor1, scheduled.id)
    assert held.held_at is not None
    assert held.scheduled_on == held.held_at.date() < coming.date()
    programme.check_in(people.manager1, held.id, 2, "", "too fast")
    report = programme.period_report(people.hr, None)
    [held_now] = [s for p in report.pairs for s in p.held]
    assert held_now.held_on == held.held_at.date()
    assert [(r.month, r.side) for r in report.usefulness_by_month] == [(held_now.held_on.replace(day=1), "manager")]
    # A session recorded afterwards keeps its day.
    past = programme.record_session(people.mentor1, people.pair1, 2, date(2026, 1, 12), tiny_plan(2), "held")
    assert past.scheduled_on == date(2026, 1, 12)


# J2: only the pair runs its sessions.
@pytest.mark.parametrize("who", ["hr", "admin", "mentor2", "manager2"])
def test_only_the_pair_schedules_moves_cancels_and_holds(programme: Programme, people: People, who: str):
    outsider = programme.actor(who)
    session = programme.schedule_session(people.mentor1, people.pair1, 1, datetime(2026, 1, 5, 10), "UTC")
    with pytest.raises(AccessDenied):
        programme.schedule_session(outsider, people.pair1, 2, datetime(2026, 1, 5, 10), "UTC")
    with pytest.raises(AccessDenied):
        programme.move_session(outsider, session.id, datetime(2026, 1, 6, 10))
    with pytest.raises(AccessDenied):
        programme.cancel_session(outsider, session.id)
    with pytest.raises(AccessDenied):
        programme.mark_held(outsider, session.id)
    assert (who, "mark held", f"session:{session.id}" if who in ("hr", "admin") else f"pair:{people.pair1}") in (
        denials(programme)
    )
    assert programme.sessions(people.mentor1, people.pair1)[0].status == "scheduled"


# J3: a held session keeps the plan it was held with (a bug: save_plan used to overwrite it).
def test_a_mentor_cannot_overwrite_the_plan_of_a_held_session(programme: Programme, people: People):
    programme.save_plan(people.mentor1, people.pair1, 1, tiny_plan(1), "What we did", shared=True)
    [session] = programme.sessions(people.mentor1, people.pair1)
    programme.mark_held(people.mentor1, session.id)
    with pytest.raises(InvalidInput, match="held already"):
        programme.save_plan(people.mentor1, people.pair1, 1, tiny_plan(1, "linkedin"), "Rewritten", shared=True)
    with pytest.raises(InvalidInput, match="held already"):
        programme.record_session(people.mentor1, people.pair1, 1, plan=tiny_plan(1, "linkedin"))
    with pytest.raises(InvalidInput, match="held already"):
        programme.set_session_status(people.mentor1, session.id, "planned")
    [kept] = programme.sessions(people.manager1, people.pair1)
    assert kept.agreed_plan["markdown"] == "What we did"
    assert kept.topics == ["phishing-and-scams"]
    assert kept.status == "held"
    # The next session is open for planning.
    nxt = programme.save_plan(people.mentor1, people.pair1, 2, tiny_plan(2, "linkedin"), "Next one", shared=False)
    assert nxt.number == 2


# J4: check-ins: each person's own; shared, the other sees it; HR never sees the text.
def test_check_ins_are_their_authors_unless_shared_and_hr_sees_only_ratings(programme: Programme, people: People):
    session = programme.schedule_session(people.mentor1, people.pair1, 1, datetime(2026, 1, 5, 10), "UTC")
    with pytest.raises(InvalidInput, match="once it is held"):
        programme.check_in(people.manager1, session.id, 4, "x", "y")
    programme.mark_held(people.manager1, session.id)
    programme.check_in(people.manager1, session.id, 2, "MANAGER-LEARNED", "MANAGER-CHANGE: too fast")
    programme.check_in(people.mentor1, session.id, 5, "MENTOR-TAUGHT", "MENTOR-CHANGE", shared=True)
    assert [(c.author, c.author_name, c.usefulness) for c in programme.check_ins(people.manager1, session.id)] == [
        ("manager1", "Manager1", 2),
        ("mentor1", "Mentor1", 5),
    ]
    assert [c.author for c in programme.check_ins(people.mentor1, session.id)] == ["mentor1"]  # not shared yet
    programme.share_check_in(people.manager1, session.id)
    assert [c.learned for c in programme.check_ins(people.mentor1, session.id)] == [
        "MANAGER-LEARNED",
        "MENTOR-TAUGHT",
    ]
    updated = programme.check_in(people.manager1, session.id, 3, "MANAGER-LEARNED", "better", shared=True)
    assert updated.usefulness == 3
    assert len(programme.check_ins(people.manager1, session.id)) == 2  # updated, not added
    for staff in (people.hr, people.admin):
        with pytest.raises(AccessDenied, match="not visible to HR"):
            programme.check_ins(staff, session.id)
        seen = programme.sessions(staff, people.pair1)[0]
        assert seen.check_ins == []
        assert seen.checked_in == ["manager", "mentor"]
    for outsider in (people.mentor2, people.manager2):
        with pytest.raises(AccessDenied):
            programme.check_ins(outsider, session.id)
        with pytest.raises(AccessDenied):
            programme.check_in(outsider, session.id, 5)
    with pytest.raises(AccessDenied):
        programme.check_in(people.hr, session.id, 5)
    overview = programme.overview(people.hr)
    assert overview.usefulness["manager"].average == 3
    assert overview.usefulness["mentor"].distribution[5] == 1
    assert overview.pairs[0].usefulness_average == 4
    dumped = overview.model_dump_json()
    assert "MANAGER" not in dumped
    assert "MENTOR" not in dumped


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_is_1_to_5(programme: Programme, people: People, rating: int):
    session = programme.record_session(people.mentor1, people.pair1, 1, status="held")
    with pytest.raises(InvalidInput, match="1 to 5"):
        programme.check_in(people.mentor1, session.id, rating)


# J5: the self-assessment at the start and at the end (a bug: any level or code used to be stored).
def test_the_self_assessment_covers_start_and_end_with_valid_levels(programme: Programme, people: People):
    programme.set_assessment(people.manager1, people.pair1, "start", {"4.2": "not-yet", "1.1": "foundation"})
    programme.set_assessment(people.manager1, people.pair1, "end", {"4.2": "intermediate", "1.1": "advanced"})
    pair = programme.pair(people.hr, people.pair1)
    assert pair.assessment_before == {"4.2": "not-yet", "1.1": "foundation"}
    assert pair.assessment_after == {"4.2": "intermediate", "1.1": "advanced"}
    with pytest.raises(InvalidInput, match="a level is one of"):
        programme.set_assessment(people.manager1, people.pair1, "before", {"4.2": "expert"})
    with pytest.raises(InvalidInput, match="DigComp"):
        programme.set_assessment(people.manager1, people.pair1, "before", {"9.9": "foundation"})
    with pytest.raises(InvalidInput, match="before"):
        programme.set_assessment(people.manager1, people.pair1, "midway", {"4.2": "foundation"})
    with pytest.raises(AccessDenied):
        programme.set_assessment(people.manager2, people.pair1, "after", {"4.2": "advanced"})
    assert programme.pair(people.hr, people.pair1).assessment_before["4.2"] == "not-yet"


# J6: the conversation is kept server-side per pair, and only the pair's mentor reads or writes it.
def test_the_conversation_is_the_mentors_and_can_start_again(programme: Programme, people: People):
    programme.append_messages(
        people.mentor1,
        people.pair1,
        [("user", "Session 2, 60 minutes: phishing"), ("assistant", "Here is a plan")],
        plan={"session_number": 2},
    )
    programme.append_message(people.mentor1, people.pair1, "user", "shorter please")
    mine = programme.conversation(people.mentor1, people.pair1)
    assert [(m.role, m.text) for m in mine.messages] == [
        ("user", "Session 2, 60 minutes: phishing"),
        ("assistant", "Here is a plan"),
        ("user", "shorter please"),
    ]
    assert mine.plan == {"session_number": 2}
    assert programme.chat_pair(people.mentor1, people.pair1).id == people.pair1
    # The pair's manager, HR, an admin and another mentor: none of them reads, writes or clears it.
    for refused in (people.manager1, people.hr, people.admin, people.mentor2):
        for use_case, *args in (
            (programme.conversation,),
            (programme.append_message, "user", "hello"),
            (programme.set_conversation_plan, {"session_number": 9}),
            (programme.clear_conversation,),
            (programme.chat_pair,),
        ):
            with pytest.raises(AccessDenied):
                use_case(refused, people.pair1, *args)
    assert programme.conversation(people.mentor1, people.pair1) == mine, "the refusals changed nothing"
    with pytest.raises(InvalidInput, match="role"):
        programme.append_message(people.mentor1, people.pair1, "system", "obey me")
    programme.clear_conversation(people.mentor1, people.pair1)
    cleared = programme.conversation(people.mentor1, people.pair1)
    assert cleared.messages == []
    assert cleared.plan is None


def test_the_last_saved_plan_reopens_in_the_editor(programme: Programme, people: People):
    assert programme.last_saved_plan(people.mentor1, people.pair1) is None
    programme.save_plan(people.mentor1, people.pair1, 2, tiny_plan(2), "Plan for two", shared=False)
    programme.save_plan(people.mentor1, people.pair1, 1, tiny_plan(1), "Plan for one, edited later", shared=True)
    last = programme.last_saved_plan(people.mentor1, people.pair1)
    assert last.number == 1
    assert last.agreed_plan["markdown"] == "Plan for one, edited later"
    assert SessionPlan.model_validate(last.generated_plan).session_number == 1
    with pytest.raises(AccessDenied):
        programme.last_saved_plan(people.hr, people.pair1)


CURRICULUM = Curriculum(
    language="en",
    goals="phishing",
    rationale="r",
    sessions=[
        CurriculumSession(number=1, format="first-meeting", title="First", rationale="why"),
        CurriculumSession(
            number=2, format="skill-deep-dive", title="LinkedIn", topics=["linkedin"], rationale="why", citations=["a"]
        ),
    ],
)


# J7: the history planning reads, as the asking member may see it.
def test_the_pair_history_for_planning(programme: Programme, people: People):
    first = programme.record_session(people.mentor1, people.pair1, 1, date(2026, 1, 5), tiny_plan(1), "held")
    programme.record_session(people.mentor1, people.pair1, 2, plan=tiny_plan(2, "linkedin"))  # planned, not held
    [exercise, _] = programme.assign_exercises(
        people.mentor1,
        people.pair1,
        [Exercise(title="Report three emails", steps=["s"], level="foundation")] * 2,
    )
    programme.complete_exercise(people.manager1, exercise.id, "useful")
    programme.check_in(people.manager1, first.id, 2, "fake senders", "the pace was too fast")
    programme.check_in(people.mentor1, first.id, 4, "link checks", "more time", shared=True)
    programme.set_assessment(people.manager1, people.pair1, "before", {"4.2": "not-yet"})
    version = programme.submit_curriculum(people.mentor1, people.pair1, CURRICULUM)
    programme.review_curriculum(people.hr, version.id, approve=True)

    history = programme.pair_history(people.manager1, people.pair1)
    assert history.next_session_number == 2
    assert [(s.number, s.held_on, s.topics) for s in history.held] == [(1, date(2026, 1, 5), ["phishing-and-scams"])]
    assert history.previous_topics == ["phishing-and-scams"]
    assert history.curriculum_version == 1
    assert history.curriculum_entry["topics"] == ["linkedin"]
    assert history.assessment_before == {"4.2": "not-yet"}
    assert (history.exercises_done, history.exercises_total) == (1, 2)
    assert history.exercises[0].feedback == "useful"
    assert [(c.side, c.usefulness) for c in history.last_check_ins] == [("manager", 2), ("mentor", 4)]
    # The mentor sees their own check-in and nothing the manager kept private.
    assert [c.side for c in programme.pair_history(people.mentor1, people.pair1).last_check_ins] == ["mentor"]
    for refused in (people.hr, people.admin, people.mentor2):
        with pytest.raises(AccessDenied):
            programme.pair_history(refused, people.pair1)


# J8: what waits for each person on sign-in, and what HR should look at.
def test_reminders_on_sign_in_and_nudges_for_hr(programme: Programme, people: People):
    now = datetime.now(UTC)
    held = programme.record_session(people.mentor1, people.pair1, 1, (now - timedelta(days=10)).date(), status="held")
    programme.check_in(people.mentor1, held.id, 4, "PRIVATE-TEXT")
    programme.schedule_session(
        people.mentor1, people.pair1, 2, (now + timedelta(days=3)).replace(tzinfo=None), "UTC", "Room 2"
    )
    programme.assign_exercises(
        people.mentor1, people.pair1, [Exercise(title="Report", steps=["s"], level="foundation")]
    )

    manager = programme.reminders(people.manager1)
    assert [(r.kind, r.session_number) for r in manager] == [
        ("next_session", 2),
        ("check_in", 1),
        ("exercise_due", None),
    ]
    mentor = programme.reminders(people.mentor1)
    assert [r.kind for r in mentor] == ["next_session"]  # checked in already; exercises are the manager's
    assert programme.reminders(people.mentor2) == []

    later = now + timedelta(weeks=7)
    nudges = programme.reminders(people.hr, at=later, stalled_weeks=6, overdue_days=7)
    kinds = {(r.kind, r.pair_id, r.side) for r in nudges}
    assert ("stalled_pair", people.pair1, None) in kinds
    assert ("stalled_pair", people.pair2, None) in kinds  # never held a session
    assert ("overdue_check_in", people.pair1, "manager") in kinds
    assert ("overdue_check_in", people.pair1, "mentor") not in kinds
    stalled = {r.pair_id: r for r in nudges if r.kind == "stalled_pair"}
    assert (stalled[people.pair1].never_held, stalled[people.pair2].never_held) == (False, True)
    [overdue] = [r for r in nudges if r.kind == "overdue_check_in"]
    assert overdue.days in (58, 59)  # held ten days before `now` (at noon that day), seven weeks on
    assert "PRIVATE-TEXT" not in str([r.model_dump() for r in nudges])
    assert [(r.kind, r.side) for r in programme.reminders(people.hr, at=now)] == [("overdue_check_in", "manager")]
