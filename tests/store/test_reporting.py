"""HR's period report in the store (issue 11 item 7, issue 15 item 2): the period filter applies to sessions,
exercises (by the day they were given) and check-in ratings; ratings come per side and per month, never with
their text; only staff get it; its cost does not grow with the pairs; and exercises kept before the journey
migrations keep their dates, so the filter counts them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text, update

from companion.domain import Exercise
from companion.store.access import AccessDenied
from companion.store.db import Database, alembic_config
from companion.store.models import AssignedExercise
from companion.store.programme import Programme
from tests.store.conftest import People
from tests.store.test_structure import add_pairs, count_statements


def exercise(title: str) -> Exercise:
    return Exercise(title=title, steps=["step"], level="foundation")


def given_on(programme: Programme, exercise_id: int, day: datetime) -> None:
    """When an exercise was given: the store stamps `assigned_at` itself, so a test moves it back."""
    with programme.db.session() as session:
        session.execute(update(AssignedExercise).where(AssignedExercise.id == exercise_id).values(assigned_at=day))


@pytest.fixture
def history(programme: Programme, people: People) -> People:
    """Pair 1: a session held in January (mentor 5, manager 2) and one in March (mentor 4, manager 4);
    an exercise given in January (done) and two in March (one done). Pair 2: nothing at all."""
    january = programme.record_session(people.mentor1, people.pair1, 1, date(2026, 1, 12), status="held")
    march = programme.record_session(people.mentor1, people.pair1, 2, date(2026, 3, 9), status="held")
    programme.record_session(people.mentor1, people.pair1, 3, date(2026, 3, 30))  # planned: never counted
    programme.check_in(people.mentor1, january.id, 5, "MENTOR-TEXT-JAN", "MENTOR-CHANGE")
    programme.check_in(people.manager1, january.id, 2, "MANAGER-TEXT-JAN", "MANAGER-CHANGE: too fast")
    programme.check_in(people.mentor1, march.id, 4, "MENTOR-TEXT-MAR")
    programme.check_in(people.manager1, march.id, 4, "MANAGER-TEXT-MAR", shared=True)
    [old] = programme.assign_exercises(people.mentor1, people.pair1, [exercise("old")], january.id)
    new = programme.assign_exercises(people.mentor1, people.pair1, [exercise("new"), exercise("open")], march.id)
    given_on(programme, old.id, datetime(2026, 1, 12, 18, tzinfo=UTC))
    for row in new:
        given_on(programme, row.id, datetime(2026, 3, 9, 18, tzinfo=UTC))
    programme.complete_exercise(people.manager1, old.id, "ok")
    programme.complete_exercise(people.manager1, new[0].id, "ok")
    return people


def test_the_whole_programme_counts_every_held_session_exercise_and_rating(programme: Programme, history: People):
    report = programme.period_report(history.hr)
    first, second = report.pairs
    assert (first.pair_id, second.pair_id) == (history.pair1, history.pair2)
    assert [s.number for s in first.held] == [1, 2]
    assert (first.exercises_done, first.exercises_assigned, first.check_ins) == (2, 3, 4)
    assert (second.held, second.exercises_assigned, second.check_ins) == ([], 0, 0)  # every pair is there
    assert report.usefulness["mentor"].average == 4.5
    assert report.usefulness["manager"].average == 3
    assert report.usefulness["manager"].distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}
    assert [(r.month, r.side, r.count, r.average) for r in report.usefulness_by_month] == [
        (date(2026, 1, 1), "mentor", 1, 5),
        (date(2026, 1, 1), "manager", 1, 2),
        (date(2026, 3, 1), "mentor", 1, 4),
        (date(2026, 3, 1), "manager", 1, 4),
    ]
    dumped = report.model_dump_json()
    assert "TEXT" not in dumped
    assert "CHANGE" not in dumped


def test_a_period_counts_only_what_happened_in_it(programme: Programme, history: People):
    report = programme.period_report(history.hr, since=date(2026, 2, 1))
    first = report.pairs[0]
    assert [s.number for s in first.held] == [2]
    assert (first.exercises_done, first.exercises_assigned) == (1, 2)  # the January exercise is left out
    assert first.check_ins == 2
    assert report.usefulness["manager"].average == 4  # January's 2 is not in it
    assert report.usefulness["mentor"].count == 1
    assert {r.month for r in report.usefulness_by_month} == {date(2026, 3, 1)}
    # The first day is in the period; a period after everything has nothing but still every pair.
    assert [s.number for s in programme.period_report(history.hr, since=date(2026, 3, 9)).pairs[0].held] == [2]
    empty = programme.period_report(history.hr, since=date(2026, 4, 1))
    assert len(empty.pairs) == 2
    assert all(not p.held and not p.exercises_assigned and not p.check_ins for p in empty.pairs)
    assert empty.usefulness["mentor"].count == 0
    assert empty.usefulness["mentor"].average is None
    assert empty.usefulness_by_month == []


def test_only_staff_get_the_period_report(programme: Programme, history: People):
    assert programme.period_report(history.admin).pairs
    for member in (history.mentor1, history.manager1, history.mentor2):
        with pytest.raises(AccessDenied):
            programme.period_report(member)


@pytest.mark.parametrize("pairs", [1, 10])
def test_the_period_report_costs_a_constant_number_of_statements(programme: Programme, pairs: int):
    programme.create_user(None, "hr", "HR", "hr", "correct-horse-battery")
    add_pairs(programme, 1, 1)
    hr = programme.actor("hr")
    statements, stop = count_statements(programme)
    try:
        programme.period_report(hr, since=date(2020, 1, 1))
        with_one = len(statements)
        add_pairs(programme, 2, pairs - 1)
        statements.clear()
        many = programme.period_report(hr, since=date(2020, 1, 1))
    finally:
        stop()
    assert len(many.pairs) == pairs
    assert sum(p.check_ins for p in many.pairs) == pairs
    assert len(statements) == with_one, statements


def test_exercises_kept_before_the_journey_migrations_keep_their_dates_for_the_period(database_url: str):
    """A database from the first schema with exercises in it: started on the newest code, every exercise is still
    there with the day it was given and the day it was done, and the period filter uses them."""
    database = Database(database_url)
    config = alembic_config(database.engine)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, language, password_hash, active, created_at) "
                "VALUES (1, 'm', 'M', 'mentor', 'en', 'x', true, '2025-12-01 00:00:00'), "
                "(2, 'n', 'N', 'manager', 'en', 'x', true, '2025-12-01 00:00:00'), "
                "(3, 'h', 'H', 'hr', 'en', 'x', true, '2025-12-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO pairs (id, mentor_id, manager_id, goals, language, cadence_weeks, session_minutes, "
                "total_sessions, assessment_before, assessment_after, created_at) "
                "VALUES (1, 1, 2, 'g', 'en', 3, 60, 6, '{}', '{}', '2025-12-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO exercises (id, pair_id, session_id, title, level, minutes, steps, citations, status, "
                "feedback, assigned_at, done_at) VALUES "
                "(1, 1, NULL, 'December, done', 'foundation', 20, '[]', '[]', 'done', 'fine', "
                "'2025-12-15 09:00:00', '2025-12-20 09:00:00'), "
                "(2, 1, NULL, 'February, done', 'foundation', 20, '[]', '[]', 'done', '', "
                "'2026-02-10 09:00:00', '2026-02-12 09:00:00'), "
                "(3, 1, NULL, 'February, open', 'foundation', NULL, '[\"s\"]', '[]', 'assigned', '', "
                "'2026-02-11 09:00:00', NULL)"
            )
        )
    reopened = Programme(Database(database_url))  # a start on the old schema upgrades it to the newest
    with reopened.db.engine.connect() as connection:
        head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        rows = connection.execute(text("SELECT id, title, status FROM exercises ORDER BY id")).all()
    assert head == ScriptDirectory.from_config(config).get_current_head()
    assert [tuple(r) for r in rows] == [
        (1, "December, done", "done"),
        (2, "February, done", "done"),
        (3, "February, open", "assigned"),
    ]
    assert [e.title for e in reopened.exercises(reopened.actor("n"), 1)] == [r[1] for r in rows]
    hr = reopened.actor("h")
    [whole] = reopened.period_report(hr).pairs
    assert (whole.exercises_done, whole.exercises_assigned) == (2, 3)
    [since_january] = reopened.period_report(hr, since=date(2026, 1, 1)).pairs
    assert (since_january.exercises_done, since_january.exercises_assigned) == (1, 2)
    [february_eleventh] = reopened.period_report(hr, since=date(2026, 2, 11)).pairs
    assert (february_eleventh.exercises_done, february_eleventh.exercises_assigned) == (0, 1)
