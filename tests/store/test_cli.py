"""The administration commands: users add, pairs import, export (acting as a user)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.config import REPO_ROOT
from companion.store.db import Database
from companion.store.programme import Programme

pytestmark = pytest.mark.slow


def cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "COMPANION_DATA_DIR": str(data_dir), "COMPANION_BACKEND": "offline"}
    env.pop("COMPANION_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The first account added by the command, the others directly (a companion process takes seconds to start)."""
    result = cli(tmp_path, "users", "add", "root", "--role", "admin", "--password-stdin", stdin="a-long-password\n")
    assert result.returncode == 0, result.stderr
    programme = Programme(Database(f"sqlite:///{tmp_path / 'companion.db'}"))
    for name, role in [("hr", "hr"), ("ment", "mentor"), ("mana", "manager"), ("other", "manager")]:
        programme.create_user(None, name, name, role, "a-long-password")  # as `users add` names them
    return tmp_path


def test_users_add_refuses_bad_input(data_dir: Path):
    assert (
        "taken"
        in cli(
            data_dir, "users", "add", "ment", "--role", "mentor", "--password-stdin", stdin="a-long-password\n"
        ).stderr
    )
    assert (
        "at least 10"
        in cli(data_dir, "users", "add", "x1", "--role", "mentor", "--password-stdin", stdin="short\n").stderr
    )


def test_pairs_import_is_all_or_nothing(data_dir: Path, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("mentor,manager\nment,mana\nment,ghost\n", encoding="utf-8")
    result = cli(data_dir, "pairs", "import", str(bad))
    assert result.returncode == 1
    assert "bad.csv, line 3: 'ghost' is not a manager" in result.stderr
    assert "nothing was imported" in result.stderr
    good = tmp_path / "good.csv"
    good.write_text("mentor,manager,goals,language\nment,mana,phishing,it\n", encoding="utf-8")
    assert cli(data_dir, "pairs", "import", str(good)).stdout.strip() == "imported 1 pair(s)"
    overview = cli(data_dir, "export", "overview", "--as", "hr").stdout
    assert overview.splitlines()[1].startswith("1,ment,mana,it,0,0")
    refused = cli(data_dir, "export", "overview", "--as", "ment")
    assert refused.returncode == 2
    assert "for hr or admin only" in refused.stderr
    assert "not yours" in cli(data_dir, "export", "curriculum", "--pair", "1", "--as", "other").stderr


def test_make_runs_demo_step_leaves_a_database_with_accounts_alone(data_dir: Path):
    result = cli(data_dir, "demo", "--if-empty")
    assert result.returncode == 0
    assert "Accounts exist already" in result.stdout
