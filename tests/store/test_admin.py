"""CSV import (row errors, all or nothing), the demo programme, exports, migrations and concurrent writers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from companion.domain import Curriculum, CurriculumSession
from companion.exports import curriculum_ics, overview_csv
from companion.store.db import Database
from companion.store.importer import import_pairs
from companion.store.programme import Programme
from tests.store.conftest import People


def test_a_good_csv_imports_every_row(programme: Programme, people: People):
    programme.create_user(None, "mentor3", "Mentor Three", "mentor", "long-enough-pw")
    programme.create_user(None, "manager3", "Manager Three", "manager", "long-enough-pw")
    result = import_pairs(
        programme,
        "mentor,manager,goals,language,session_minutes\n"
        "mentor3,manager3,LinkedIn and AI,it,45\n"
        "mentor1,manager2,phishing,en,60\n",
    )
    assert result.imported == 2
    assert result.errors == []
    assert len(programme.pairs(people.hr)) == 4


def test_a_bad_row_imports_nothing_and_names_every_bad_row(programme: Programme, people: People):
    before = len(programme.pairs(people.hr))
    result = import_pairs(
        programme,
        "mentor,manager,goals\n"
        "mentor1,manager2,fine row\n"
        "ghost,manager1,unknown mentor\n"
        "mentor2,mentor1,not a manager\n"
        "mentor1,manager1,already a pair\n",
    )
    assert result.imported == 0
    assert [(e.row, e.message) for e in result.errors] == [
        (3, "'ghost' is not a mentor"),
        (4, "'mentor1' is not a manager"),
        (5, "mentor1 and manager1 are already a pair"),
    ]
    assert len(programme.pairs(people.hr)) == before  # the fine row 2 was rolled back too


def test_csv_without_required_columns_or_with_bad_numbers(programme: Programme, people: People):
    assert import_pairs(programme, "name,goals\nx,y\n").errors[0].message == "missing column(s): mentor, manager"
    bad = import_pairs(programme, "mentor,manager,session_minutes\nmentor1,manager2,sixty\n")
    assert bad.imported == 0
    assert bad.errors[0].row == 2


def test_the_demo_loads_a_programme_and_is_safe_to_run_twice(programme: Programme, services):
    from companion.demo import ACCOUNTS, load_demo

    accounts = load_demo(programme, services.planner, today=date(2026, 11, 27))
    assert {a.role for a in accounts} == {"admin", "hr", "mentor", "manager"}
    for account in accounts:
        assert programme.authenticate(account.username, account.password) is not None
    hr = programme.actor("hr.laura")
    overview = programme.overview(hr)
    assert len(overview.pairs) == 3
    assert {p.language for p in overview.pairs} == {"en", "it"}
    assert overview.curricula_by_status == {"approved": 1, "submitted": 1, "changes_requested": 1}
    assert 0 < overview.exercise_completion < 1
    # The journey: held sessions with check-ins, a scheduled next session in the pair's time zone.
    assert all(p.sessions_scheduled == 1 for p in overview.pairs)
    assert overview.usefulness["mentor"].count == overview.sessions_held
    assert overview.usefulness["manager"].count == overview.sessions_held - len(overview.pairs)
    giulia = programme.actor("giulia")
    [pair] = programme.pairs(giulia)
    history = programme.pair_history(giulia, pair.id)
    assert history.curriculum_version == 1
    assert history.next_session_number == 4
    marco_last = programme.pair_history(programme.actor("marco"), pair.id).last_check_ins
    assert [(c.side, c.usefulness) for c in marco_last] == [("manager", 3), ("mentor", 4)]
    assert "troppo veloce" in marco_last[0].change
    upcoming = [s for s in programme.sessions(giulia, pair.id) if s.status == "scheduled"]
    assert [(s.number, s.time_zone, s.starts_at.hour) for s in upcoming] == [(4, "Europe/Rome", 17)]
    before = programme.audit_log(programme.actor("admin"), limit=10_000)
    load_demo(programme, services.planner)
    assert len(programme.overview(hr).pairs) == 3
    assert len(programme.users(hr)) == len(ACCOUNTS)
    assert len(programme.sessions(giulia, pair.id)) == 4
    assert len(programme.audit_log(programme.actor("admin"), limit=10_000)) == len(before)  # nothing written


def test_exports(programme: Programme, people: People):
    curriculum = Curriculum(
        language="en",
        goals="g",
        rationale="r",
        sessions=[
            CurriculumSession(
                number=n,
                format="skill-deep-dive",
                title=f"Session {n}; with, commas",
                rationale="why",
                citations=["a#b"],
            )
            for n in (1, 2)
        ],
    )
    pair = programme.pair(people.hr, people.pair1)
    ics = curriculum_ics(pair, curriculum, date(2026, 12, 1))
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert ics.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20261201T090000" in ics
    assert "DTSTART:20261222T090000" in ics
    assert "SUMMARY:Session 1\\; with\\, commas" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    csv_text = overview_csv(programme.overview(people.hr))
    assert csv_text.splitlines()[0].startswith("pair,mentor,manager")
    assert len(csv_text.splitlines()) == 3


def test_a_saved_plan_exports_as_the_pair_edited_it(programme: Programme, people: People, services):
    from companion.domain import PairProfile
    from companion.exports import session_ics, session_markdown

    plan = services.planner.plan_session(PairProfile(language="en", goals="phishing", session_minutes=45))
    before = programme.record_session(people.mentor1, people.pair1, 1, date(2026, 12, 3), plan)
    assert session_markdown(before).startswith("### Session 1 plan")  # not agreed yet: the generated plan
    saved = programme.save_plan(people.mentor1, people.pair1, 1, plan, "Our own agenda: inbox clean-up first", True)
    assert session_markdown(saved) == "Our own agenda: inbox clean-up first"
    ics = session_ics(programme.pair(people.mentor1, people.pair1), saved)
    assert "DTSTART:20261203T090000" in ics
    assert "DTEND:20261203T094500" in ics
    assert "DESCRIPTION:Agenda:" in ics  # the agenda in plain text, not the Markdown (tests/test_exports.py)
    assert programme.shared_agenda(people.manager1, people.pair1).number == 1


def test_migrations_run_once_and_reopen_cleanly(database_url: str):
    from sqlalchemy import text

    Database(database_url)
    again = Programme(Database(database_url))  # a second start: upgrade is a no-op
    with again.db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0003_sign_in"]


def test_two_users_writing_at_once(programme: Programme, people: People):
    session = programme.record_session(people.mentor1, people.pair1, 1)

    def write(args):
        actor, n = args
        return programme.add_note(actor, session.id, f"note {n} by {actor.username}", shared=True)

    work = [(people.mentor1, n) for n in range(10)] + [(people.manager1, n) for n in range(10)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        written = list(pool.map(write, work))
    assert len({note.id for note in written}) == 20
    assert len(programme.notes(people.mentor1, session.id)) == 20
