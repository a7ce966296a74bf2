"""The journey's command-line contract (DESIGN.md): pairs list, sessions list|schedule|held, plan --pair, all
acting `--as` a user through the same access rules as the web app. Real processes over a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from companion.config import REPO_ROOT
from companion.domain import Curriculum, CurriculumSession
from companion.store.db import Database
from companion.store.programme import Programme
from tests.conftest import INDEX_CACHE
from tests.store.test_journey import tiny_plan

pytestmark = pytest.mark.slow

PAIR_KEYS = {"id", "mentor", "manager", "language", "next_session_number", "total_sessions"}
SESSION_KEYS = {"id", "number", "status", "starts_at", "topics", "check_ins"}
BASED_ON_KEYS = {
    "session_number",
    "previous_topics",
    "curriculum_version",
    "exercises_done",
    "exercises_total",
    "last_check_in",
}


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    programme = Programme(Database(url))
    for name, role in [("hr", "hr"), ("ment", "mentor"), ("mana", "manager"), ("other", "manager")]:
        programme.create_user(None, name, name.title(), role, "a-long-password")
    programme.create_pair(None, "ment", "mana", goals="spot phishing emails and build a LinkedIn profile")
    programme.create_pair(None, "ment", "other", goals="spreadsheets", language="it")
    return url


def cli(database: str, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "COMPANION_DATA_DIR": str(INDEX_CACHE),  # the library index the test session built
        "COMPANION_DATABASE_URL": database,
        "COMPANION_BACKEND": "offline",
    }
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=300,
    )


def as_json(result: subprocess.CompletedProcess):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_pairs_list_shows_only_the_users_pairs(database: str):
    mine = as_json(cli(database, "pairs", "list", "--as", "mana", "--json"))
    assert mine == [
        {"id": 1, "mentor": "ment", "manager": "mana", "language": "en", "next_session_number": 1, "total_sessions": 6}
    ]
    assert [p["id"] for p in as_json(cli(database, "pairs", "list", "--as", "ment", "--json"))] == [1, 2]
    assert all(set(p) == PAIR_KEYS for p in as_json(cli(database, "pairs", "list", "--as", "hr", "--json")))
    unknown = cli(database, "pairs", "list", "--as", "nobody", "--json")
    assert unknown.returncode == 2
    assert "does not exist" in unknown.stderr


def test_schedule_hold_and_check_in_from_the_command_line(database: str):
    scheduled = as_json(
        cli(
            database,
            *("sessions", "schedule", "--pair", "1", "--number", "1", "--at", "2026-03-30T17:00"),
            *("--tz", "Europe/Rome", "--as", "ment", "--json"),
        )
    )
    assert set(scheduled) == SESSION_KEYS
    assert scheduled["status"] == "scheduled"
    assert scheduled["starts_at"] == "2026-03-30T17:00:00+02:00"
    assert scheduled["check_ins"] == []

    refused = cli(database, "sessions", "held", "--session", str(scheduled["id"]), "--as", "other", "--json")
    assert refused.returncode == 2
    assert "not yours" in refused.stderr
    bad_zone = cli(
        database, "sessions", "schedule", "--pair", "1", "--number", "2", "--at", "2026-04-20T17:00", "--tz", "Nowhere",
        "--as", "ment", "--json",
    )  # fmt: skip
    assert bad_zone.returncode == 2
    assert "IANA time zone" in bad_zone.stderr

    held = as_json(
        cli(
            database,
            *("sessions", "held", "--session", str(scheduled["id"]), "--rating", "2"),
            *("--note", "fake senders", "--as", "mana", "--json"),
        )
    )
    assert held["status"] == "held"
    assert held["check_ins"] == [
        {"by": "mana", "side": "manager", "usefulness": 2, "learned": "fake senders", "change": "", "shared": False}
    ]
    # The manager's check-in is theirs: the mentor sees none of it, HR sees no check-in at all.
    [seen_by_mentor] = as_json(cli(database, "sessions", "list", "--pair", "1", "--as", "ment", "--json"))
    assert seen_by_mentor["check_ins"] == []
    [seen_by_hr] = as_json(cli(database, "sessions", "list", "--pair", "1", "--as", "hr", "--json"))
    assert seen_by_hr["status"] == "held"
    assert seen_by_hr["check_ins"] == []
    assert as_json(cli(database, "pairs", "list", "--as", "mana", "--json"))[0]["next_session_number"] == 2
    out_of_range = cli(database, "sessions", "held", "--session", "1", "--rating", "9", "--as", "mana", "--json")
    assert out_of_range.returncode == 2


@pytest.mark.usefixtures("services")
def test_plan_from_the_pairs_history(database: str):
    programme = Programme(Database(database))
    mentor, hr = programme.actor("ment"), programme.actor("hr")
    programme.record_session(mentor, 1, 1, date(2026, 1, 12), tiny_plan(1, "phishing-and-scams"), "held")
    curriculum = Curriculum(
        language="en",
        goals="g",
        rationale="r",
        sessions=[
            CurriculumSession(number=1, format="first-meeting", title="First", rationale="r"),
            CurriculumSession(
                number=2, format="skill-deep-dive", title="LinkedIn", topics=["linkedin-personal-brand"], rationale="r"
            ),
        ],
    )
    version = programme.submit_curriculum(mentor, 1, curriculum)
    programme.review_curriculum(hr, version.id, approve=True)

    plan = as_json(cli(database, "plan", "--pair", "1", "--as", "ment", "--json"))
    assert {"language", "session_minutes", "backend", "agenda", "topics", "reflection_questions", "exercises"} <= set(
        plan
    )
    assert set(plan["based_on"]) >= BASED_ON_KEYS
    assert plan["based_on"]["session_number"] == plan["session_number"] == 2
    assert plan["based_on"]["previous_topics"] == ["phishing-and-scams"]
    assert plan["based_on"]["curriculum_version"] == 1
    assert plan["based_on"]["last_check_in"] is None
    assert [t["slug"] for t in plan["topics"]] == ["linkedin-personal-brand"]
    assert sum(item["minutes"] for item in plan["agenda"]) == plan["session_minutes"]
    refused = cli(database, "plan", "--pair", "1", "--as", "hr", "--json")
    assert refused.returncode == 2
    assert "only the mentor and the manager" in refused.stderr
    assert cli(database, "plan", "--pair", "1", "--json").returncode == 2  # --as is required with --pair
