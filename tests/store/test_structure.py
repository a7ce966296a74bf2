"""The store's shape (issue 10.4): it depends on nothing above it, HR's overview costs the same number of SQL
statements for 1 pair as for 10, and the migrations describe the models exactly."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, text

from companion.domain import Exercise
from companion.store.db import Database, alembic_config
from companion.store.models import Base
from companion.store.programme import Programme
from tests.store.conftest import PASSWORD

STORE = Path(__file__).resolve().parents[2] / "companion" / "store"
ABOVE_THE_STORE = (
    "companion.planner",
    "companion.rendering",
    "companion.generation",
    "companion.retrieval",
    "companion.knowledge",
    "companion.chat",
    "companion.ui",
    "companion.services",
    "companion.cli",
    "companion.demo",
    "companion.exports",
)


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_store_depends_on_nothing_above_it():
    for path in STORE.rglob("*.py"):
        above = {m for m in imports_of(path) if m.startswith(ABOVE_THE_STORE)}
        assert not above, f"{path.relative_to(STORE)} imports {above}"


def test_only_the_base_opens_transactions_for_the_importer():
    source = (STORE / "importer.py").read_text(encoding="utf-8")
    assert "db.session" not in source
    assert "begin_nested" not in source


def test_every_use_case_keeps_its_name_on_programme():
    """The split kept the public API the UI, the CLI and the tests call."""
    for name in [
        "authenticate",
        "has_users",
        "actor",
        "user",
        "create_user",
        "set_language",
        "users",
        "create_pair",
        "add_pair_in",
        "pairs",
        "pair",
        "set_assessment",
        "record_session",
        "set_session_status",
        "sessions",
        "add_note",
        "notes",
        "save_plan",
        "next_session_number",
        "shared_agenda",
        "authorize_upload",
        "add_journal_entry",
        "journal",
        "assign_exercises",
        "exercises",
        "complete_exercise",
        "submit_curriculum",
        "review_curriculum",
        "curricula",
        "approved_curriculum",
        "review_queue",
        "overview",
        "audit_log",
    ]:
        assert callable(getattr(Programme, name)), name


def count_statements(programme: Programme):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(programme.db.engine, "before_cursor_execute", record)
    return statements, lambda: event.remove(programme.db.engine, "before_cursor_execute", record)


def add_pairs(programme: Programme, first: int, count: int) -> None:
    hr = programme.actor("hr")
    for n in range(first, first + count):
        programme.create_user(None, f"mentor{n}", f"Mentor {n}", "mentor", PASSWORD)
        programme.create_user(None, f"manager{n}", f"Manager {n}", "manager", PASSWORD)
        pair = programme.create_pair(hr, f"mentor{n}", f"manager{n}", goals="phishing")
        mentor, manager = programme.actor(f"mentor{n}"), programme.actor(f"manager{n}")
        held = programme.record_session(mentor, pair.id, 1, status="held")
        programme.record_session(mentor, pair.id, 2)
        programme.check_in(manager, held.id, 4, "learned", "change")
        [exercise] = programme.assign_exercises(mentor, pair.id, [Exercise(title="t", steps=["s"], level="foundation")])
        programme.complete_exercise(manager, exercise.id, "ok")


@pytest.mark.parametrize("pairs", [1, 10])
def test_the_overview_costs_a_constant_number_of_statements(programme: Programme, pairs: int):
    programme.create_user(None, "hr", "HR", "hr", PASSWORD)
    add_pairs(programme, 1, 1)
    statements, stop = count_statements(programme)
    try:
        one = programme.overview(programme.actor("hr"))
        with_one = len(statements)
        add_pairs(programme, 2, pairs - 1)
        statements.clear()
        many = programme.overview(programme.actor("hr"))
    finally:
        stop()
    assert len(one.pairs) == 1
    assert len(many.pairs) == pairs
    assert many.sessions_held == pairs
    assert many.usefulness["manager"].count == pairs
    assert len(statements) == with_one, statements
    assert with_one <= 8


def test_migrations_match_the_models(database_url: str):
    database = Database(database_url)
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_the_journey_migration_upgrades_a_0001_database_with_its_data(database_url: str):
    database = Database(database_url)
    config = alembic_config(database.engine)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with database.engine.begin() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        connection.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, language, password_hash, active, created_at) "
                "VALUES (1, 'm', 'M', 'mentor', 'en', 'x', true, '2026-01-01 00:00:00'), "
                "(2, 'n', 'N', 'manager', 'en', 'x', true, '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO pairs (id, mentor_id, manager_id, goals, language, cadence_weeks, session_minutes, "
                "total_sessions, assessment_before, assessment_after, created_at) "
                "VALUES (1, 1, 2, 'g', 'en', 3, 60, 6, '{}', '{}', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO sessions (id, pair_id, number, scheduled_on, format, status, topics) "
                "VALUES (1, 1, 1, '2026-02-03', 'first-meeting', 'held', '[]')"
            )
        )
    reopened = Programme(Database(database_url))  # a start on the old schema upgrades it
    with reopened.db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003_sign_in"
    [session] = reopened.sessions(reopened.actor("m"), 1)
    assert session.status == "held"
    assert session.held_at is not None
    assert session.held_at.date().isoformat() == "2026-02-03"
    assert session.location == ""
    assert reopened.next_session_number(reopened.actor("m"), 1) == 2
