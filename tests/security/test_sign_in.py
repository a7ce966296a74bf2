"""Finding 2: sign-in throttling and lockout (kept in the database), constant time for unknown users,
hashing off the event loop, case-insensitive names, session expiry, cookie flags and security headers."""

from __future__ import annotations

import hashlib
import statistics
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from argon2 import extract_parameters, profiles

from companion.store.access import Actor
from companion.store.db import Database
from companion.store.models import WebSession
from companion.store.passwords import hash_password
from companion.store.programme import Programme
from companion.store.signin import SignIn, SignInPolicy

PASSWORD = "giulia-demo-2026"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'c.db'}")
    programme = Programme(database)
    programme.create_user(None, "giulia", "Giulia Ferri", "mentor", PASSWORD, "it")
    programme.create_user(None, "admin", "Admin", "admin", "admin-password-1")
    return database


def audit(db: Database) -> list[str]:
    return [a.action for a in Programme(db).audit_log(Actor(0, "root", "admin"), limit=500)]


def test_an_account_is_locked_after_repeated_failures_even_across_restarts(db: Database, tmp_path: Path):
    signin = SignIn(db, SignInPolicy(account_failures=3))
    for _ in range(3):
        assert signin.sign_in("giulia", "wrong-password", "10.0.0.1").outcome == "invalid"
    locked = signin.sign_in("giulia", PASSWORD, "10.0.0.2")  # the right password, from elsewhere: still locked
    assert locked.outcome == "locked"
    assert locked.retry_after_s > 60
    restarted = SignIn(Database(f"sqlite:///{tmp_path / 'c.db'}"), SignInPolicy(account_failures=3))
    assert restarted.sign_in("giulia", PASSWORD, "10.0.0.3").outcome == "locked"
    assert {"sign-in failed", "sign-in lockout", "sign-in locked"} <= set(audit(db))


def test_an_address_trying_many_accounts_is_locked(db: Database):
    signin = SignIn(db, SignInPolicy(address_failures=4))
    for name in ("anna", "bruno", "carla", "dario"):
        signin.sign_in(name, "guess-password", "10.9.9.9")
    assert signin.sign_in("giulia", PASSWORD, "10.9.9.9").outcome == "locked"
    assert signin.sign_in("giulia", PASSWORD, "10.1.1.1").outcome == "ok"


def test_a_lockout_ends_and_a_success_resets_the_count(db: Database):
    signin = SignIn(db, SignInPolicy(account_failures=2, lockout=timedelta(seconds=1)))
    signin.sign_in("giulia", "wrong-password", "a")
    signin.sign_in("giulia", "wrong-password", "a")
    assert signin.sign_in("giulia", PASSWORD, "a").outcome == "locked"
    time.sleep(1.1)
    assert signin.sign_in("giulia", PASSWORD, "a").outcome == "ok"
    assert signin.sign_in("giulia", "wrong-password", "a").outcome == "invalid"  # counting from zero again


@pytest.mark.real_password_cost
def test_unknown_and_known_users_take_the_same_time(db: Database):
    signin = SignIn(db, SignInPolicy(account_failures=1000, address_failures=1000))

    times: dict[str, list[float]] = {"giulia": [], "nobody-by-this-name": []}
    for _ in range(9):  # interleaved, so a busy moment of the machine hits both alike
        for name, measured in times.items():
            started = time.perf_counter()
            signin.sign_in(name, "wrong-password", "t")
            measured.append(time.perf_counter() - started)
    known, unknown = (statistics.median(t) for t in times.values())
    assert unknown > 0.6 * known, (known, unknown)  # before: 55 ms unknown vs 195 ms known


@pytest.mark.real_password_cost
def test_the_app_hashes_at_rfc_9106_cost():
    """The tests hash at argon2's cheapest profile (tests/conftest.py); the app itself must not."""
    assert extract_parameters(hash_password(PASSWORD)) == profiles.RFC_9106_LOW_MEMORY


def test_user_names_are_case_insensitive_everywhere(db: Database):
    signin, programme = SignIn(db), Programme(db)
    result = signin.sign_in("  Giulia ", PASSWORD, "a")
    assert result.actor is not None
    assert result.actor.username == "giulia"
    token = signin.open_session(result.actor)
    assert signin.user_of(token) == "giulia"
    assert programme.actor("GIULIA").username == "giulia"
    assert programme.authenticate("Giulia", PASSWORD) is not None


def test_sessions_expire_when_idle_and_after_the_absolute_limit(db: Database):
    signin = SignIn(db, SignInPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=12)))
    actor = Programme(db).actor("giulia")
    idle, old = signin.open_session(actor), signin.open_session(actor)
    assert signin.user_of(idle) == signin.user_of(old) == "giulia"
    with db.session() as session:
        for row in session.query(WebSession):
            row.last_seen_at = datetime.now(UTC) - timedelta(minutes=31)
    signin._seen.clear()  # the 5-second memory of recent checks
    assert signin.user_of(idle) is None
    other = signin.open_session(actor)
    with db.session() as session:
        for row in session.query(WebSession):
            row.created_at = datetime.now(UTC) - timedelta(hours=13)
    signin._seen.clear()
    assert signin.user_of(other) is None
    assert "session expired" in audit(db)


def test_checked_sessions_are_remembered_briefly_and_boundedly(db: Database):
    """The memory that spares the database (and, on the event loop, a worker thread) on a page's requests holds at
    most `seen_limit` sessions, the least recently used forgotten first (before: one entry per session opened,
    for ever), and none longer than `seen_ttl_s`."""
    signin = SignIn(db, seen_ttl_s=0.5, seen_limit=3)
    actor = Programme(db).actor("giulia")
    tokens = [signin.open_session(actor) for _ in range(5)]
    assert [signin.remembered(token) for token in tokens] == [None] * 5  # nothing checked yet
    assert [signin.user_of(token) for token in tokens] == ["giulia"] * 5
    assert len(signin._seen) == 3
    assert [signin.remembered(token) for token in tokens] == [None, None, "giulia", "giulia", "giulia"]
    with db.session() as session:  # signed out by another process: this one believes its memory a moment more
        session.delete(session.get(WebSession, hashlib.sha256(tokens[-1].encode()).hexdigest()))
    assert signin.remembered(tokens[-1]) == "giulia"
    time.sleep(0.6)
    assert signin.remembered(tokens[-1]) is None
    assert signin.user_of(tokens[-1]) is None
    assert signin.user_of(tokens[0]) == "giulia"  # forgotten by the memory, still valid in the database


def test_signing_out_takes_effect_at_once_despite_the_memory(db: Database):
    signin = SignIn(db, seen_ttl_s=60)
    token = signin.open_session(Programme(db).actor("giulia"))
    assert signin.user_of(token) == signin.remembered(token) == "giulia"
    signin.close_session(token)
    assert signin.remembered(token) is None
    assert signin.user_of(token) is None


# ---- over HTTP ---------------------------------------------------------------------------------------------


@pytest.fixture
def web(tiny_services, monkeypatch):
    from tests.ui.conftest import serve

    tiny_services.settings.signin_account_failures = 3
    tiny_services.programme.create_user(None, "giulia", "Giulia", "mentor", PASSWORD, "it")
    yield from serve(tiny_services)


def test_the_sign_in_page_and_security_headers(web: str):
    page = httpx.get(f"{web}/")
    assert page.status_code == 303
    assert page.headers["location"] == "/login"
    login = httpx.get(f"{web}/login?lang=it")
    assert "Companion per il reverse mentoring" in login.text
    assert 'href="/login?lang=en"' in login.text
    headers = login.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "'unsafe-inline'" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert httpx.get(f"{web}/openapi.json").status_code == 404
    assert httpx.get(f"{web}/docs").status_code == 404


def test_signing_in_sets_a_safe_cookie_and_signing_out_ends_the_session(web: str):
    answer = httpx.post(
        f"{web}/login", data={"username": "Giulia", "password": PASSWORD}, headers={"accept": "text/html"}
    )
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    token = answer.cookies["companion_session"]
    page = httpx.get(f"{web}/", cookies={"companion_session": token})
    assert page.status_code == 200
    assert 'nonce="' in page.text
    assert httpx.get(f"{web}/gradio_api/info", cookies={"companion_session": token}).status_code == 200
    httpx.get(f"{web}/logout", cookies={"companion_session": token})
    assert httpx.get(f"{web}/", cookies={"companion_session": token}).status_code == 303
    # Gradio's own routes too, at once (the session was remembered a moment ago)
    assert httpx.get(f"{web}/gradio_api/info", cookies={"companion_session": token}).status_code == 401


def test_lockout_over_http_is_a_clear_message(web: str):
    for _ in range(3):
        assert httpx.post(f"{web}/login", data={"username": "giulia", "password": "nope-nope"}).status_code == 401
    locked = httpx.post(
        f"{web}/login",
        data={"username": "giulia", "password": PASSWORD},
        headers={"accept": "text/html", "accept-language": "it"},
    )
    assert locked.status_code == 429
    assert "Troppi tentativi" in locked.text
    assert int(locked.headers["retry-after"]) > 0


@pytest.mark.real_password_cost
def test_password_hashing_does_not_block_the_server(web: str):
    idle = min(_timed_get(f"{web}/login") for _ in range(5))
    stop = threading.Event()

    def hammer():
        with httpx.Client() as http:
            while not stop.is_set():
                http.post(f"{web}/login", data={"username": "someone", "password": "wrong-password"})

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    busy = statistics.median(_timed_get(f"{web}/login") for _ in range(10))
    stop.set()
    for thread in threads:
        thread.join()
    # On the event loop, a page waited behind the queued Argon2 checks (~100-200 ms of CPU each): 48 -> 709 ms in
    # the issue. Off the loop it only shares the cores; 250 ms leaves room for a machine busy with other tests.
    assert busy < max(0.25, 5 * idle), (idle, busy)


def _timed_get(url: str) -> float:
    started = time.perf_counter()
    httpx.get(url)
    return time.perf_counter() - started
