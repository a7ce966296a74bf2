"""Hardening-2, found by bench/load.py: fifty people signing in at once on SQLite got `database is locked` (HTTP
500) because the Argon2 check ran inside the write transaction. The check now runs outside any transaction, a few
at a time, and a lockout still holds against guesses made side by side."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import companion.store.signin as signin_module
from companion.store.db import Database
from companion.store.passwords import verify_password
from companion.store.programme import Programme
from companion.store.signin import SignIn, SignInPolicy

PASSWORD = "giulia-demo-2026"
pytestmark = pytest.mark.real_password_cost  # checks must take real time to run side by side


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    Programme(Database(f"sqlite:///{path}")).create_user(None, "giulia", "Giulia Ferri", "mentor", PASSWORD, "it")
    return path


def test_the_password_check_holds_no_write_lock(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    writable: list[bool] = []

    def checking(password_hash: str, password: str) -> bool:
        other = sqlite3.connect(db_path, timeout=0.2, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            writable.append(True)
        except sqlite3.OperationalError:
            writable.append(False)
        finally:
            other.close()
        return verify_password(password_hash, password)

    monkeypatch.setattr(signin_module, "verify_password", checking)
    assert SignIn(Database(f"sqlite:///{db_path}")).sign_in("giulia", PASSWORD, "10.0.0.1").outcome == "ok"
    assert writable == [True]


def test_password_checks_run_a_few_at_a_time(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    running, most, lock = 0, 0, threading.Lock()

    def counting(password_hash: str, password: str) -> bool:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            return verify_password(password_hash, password)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(signin_module, "verify_password", counting)
    signin = SignIn(Database(f"sqlite:///{db_path}"), SignInPolicy(concurrent_checks=2, address_failures=100))
    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(lambda i: signin.sign_in("giulia", PASSWORD, f"10.0.0.{i}").outcome, range(12)))
    assert outcomes == ["ok"] * 12
    assert most == 2


def test_guesses_side_by_side_cannot_pass_a_lockout(db_path: Path):
    signin = SignIn(Database(f"sqlite:///{db_path}"), SignInPolicy(account_failures=3, concurrent_checks=8))
    attempts = ["wrong-password"] * 8 + [PASSWORD]
    with ThreadPoolExecutor(9) as pool:
        outcomes = list(pool.map(lambda p: signin.sign_in("giulia", p, "10.0.0.9").outcome, attempts))
    assert outcomes.count("invalid") >= 3
    assert signin.sign_in("giulia", PASSWORD, "10.0.0.10").outcome == "locked"
