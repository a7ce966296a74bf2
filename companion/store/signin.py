"""Signing in: throttled per account and per client address, constant-time for unknown users, sessions kept
server-side with idle and absolute expiry. Everything here is in the database, so it holds across instances
and restarts; every sign-in, failure, lockout and sign-out is written to the audit log.

The Argon2 check costs ~100 ms of CPU: callers in an event loop run `sign_in` in a worker thread.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from companion.domain import Role
from companion.store.access import Actor
from companion.store.db import Database
from companion.store.models import AuditEvent, SignInThrottle, User, WebSession
from companion.store.passwords import spend_like_a_verify, verify_password

logger = logging.getLogger(__name__)

MAX_NAME = 80
MAX_PASSWORD = 1024  # Argon2 hashes anything, but nobody needs a megabyte-long password
SEEN_TTL_S = 5.0  # how long a checked session is believed without the database (sign-out here: at once)
SEEN_LIMIT = 4096  # sessions remembered at most (the least recently used are forgotten first)


@dataclass(frozen=True)
class SignInPolicy:
    account_failures: int = 5
    address_failures: int = 20
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)
    concurrent_checks: int = 1  # Argon2 checks at once (64 MiB and several threads each); others wait


@dataclass(frozen=True)
class SignInResult:
    actor: Actor | None
    outcome: str  # "ok" | "invalid" | "locked"
    retry_after_s: int = 0


def canonical(username: str) -> str:
    """User names are case-insensitive everywhere: stored, looked up and compared in lower case."""
    return (username or "").strip().lower()[:MAX_NAME]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite gives back naive datetimes


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SignIn:
    def __init__(
        self,
        database: Database,
        policy: SignInPolicy | None = None,
        *,
        seen_ttl_s: float = SEEN_TTL_S,
        seen_limit: int = SEEN_LIMIT,
    ):
        self.db = database
        self.policy = policy or SignInPolicy()
        # token hash -> (checked at, username, created): a short, bounded memory of sessions checked in the
        # database, so a page's requests (two per chat turn) neither read the database nor leave the event loop.
        self._seen: OrderedDict[str, tuple[float, str, float]] = OrderedDict()
        self._seen_ttl_s, self._seen_limit = seen_ttl_s, seen_limit
        self._forgotten = 0  # sessions forgotten so far: a check that overlapped one is not remembered
        self._seen_lock = threading.Lock()
        self._checks = threading.BoundedSemaphore(self.policy.concurrent_checks)

    # ---- signing in ----------------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str, address: str) -> SignInResult:
        """Three steps, so the Argon2 check (~100 ms of CPU, 64 MiB) never runs inside a write transaction:
        with SQLite every transaction holds the one write lock, and fifty people signing in at once used to
        queue behind each other's password checks until `database is locked`. The outcome is recorded in a
        short transaction that looks at the lockouts again, so checks running side by side cannot get past a
        lockout that one of them set: the answer is what the same attempts one after another would give."""
        name, password = canonical(username), (password or "")[:MAX_PASSWORD]
        keys = [f"account:{name}", f"address:{address[:100]}"]
        with self.db.session() as session:  # 1. read: locked? whose hash?
            locked_until = self._locked_until(session, keys, datetime.now(UTC))
            user = session.scalar(select(User).where(func.lower(User.username) == name)) if name else None
            known = (user.id, user.username, user.role, user.active, user.password_hash) if user is not None else None
        with self._checks:  # 2. the password check, outside any transaction, a few at a time (memory)
            if locked_until is not None or known is None:
                spend_like_a_verify(password)  # locked or unknown answers in the same time as any other
                ok = False
            else:
                ok = known[3] and verify_password(known[4], password)
        with self.db.session() as session:  # 3. record the outcome, the lockouts looked at again
            now = datetime.now(UTC)
            locked_until = self._locked_until(session, keys, now)
            if locked_until is not None:
                session.add(AuditEvent(action="sign-in locked", target=f"user:{name}", allowed=False, detail=address))
                return SignInResult(None, "locked", int((locked_until - now).total_seconds()) + 1)
            if ok and known is not None:
                session.execute(delete(SignInThrottle).where(SignInThrottle.key == keys[0]))
                session.add(AuditEvent(actor_id=known[0], action="sign-in", target=f"user:{known[0]}", detail=address))
                return SignInResult(Actor(known[0], known[1], cast(Role, known[2])), "ok")
            lockouts = [
                self._fail(session, key, limit, now)
                for key, limit in zip(keys, (self.policy.account_failures, self.policy.address_failures), strict=True)
            ]
            session.add(AuditEvent(action="sign-in failed", target=f"user:{name}", allowed=False, detail=address))
            if any(lockouts):
                session.add(
                    AuditEvent(
                        action="sign-in lockout",
                        target=f"user:{name}",
                        allowed=False,
                        detail=f"{address}: {', '.join(k for k, hit in zip(keys, lockouts, strict=True) if hit)}",
                    )
                )
                logger.warning("sign-in lockout for %s from %s", name, address)
        return SignInResult(None, "invalid")

    @staticmethod
    def _locked_until(session: Session, keys: list[str], now: datetime) -> datetime | None:
        until = [
            _aware(t.locked_until)
            for t in session.scalars(select(SignInThrottle).where(SignInThrottle.key.in_(keys)))
            if t.locked_until and _aware(t.locked_until) > now
        ]
        return max(until) if until else None

    def _fail(self, session: Session, key: str, limit: int, now: datetime) -> bool:
        row = session.get(SignInThrottle, key)
        if row is None:
            row = SignInThrottle(key=key, failures=0, window_started_at=now)
            session.add(row)
        if now - _aware(row.window_started_at) > self.policy.window:
            row.failures, row.window_started_at, row.locked_until = 0, now, None
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + self.policy.lockout
            row.failures, row.window_started_at = 0, now
            return True
        return False

    # ---- sessions ------------------------------------------------------------------------------------------

    def open_session(self, actor: Actor, client: str = "") -> str:
        token = secrets.token_urlsafe(32)
        with self.db.session() as session:
            session.add(WebSession(token_hash=_token_hash(token), user_id=actor.id, client=client[:64]))
        return token

    def remembered(self, token: str | None) -> str | None:
        """The user of a session checked in the database less than `seen_ttl_s` ago, from memory alone (no I/O:
        callers in an event loop use it before `user_of` in a worker thread); None when it is not remembered.
        Signing out (`close_session`) or an expiry found by `user_of` forgets it at once in this process;
        another process's sign-out or a deactivated account takes at most `seen_ttl_s` here."""
        if not token or len(token) > 200:
            return None
        return self._recall(_token_hash(token))

    def _recall(self, digest: str) -> str | None:
        clock = time.monotonic()
        with self._seen_lock:
            seen = self._seen.get(digest)
            if seen is None:
                return None
            if clock - seen[0] >= self._seen_ttl_s or time.time() - seen[2] >= self.policy.absolute.total_seconds():
                del self._seen[digest]
                return None
            self._seen.move_to_end(digest)
            return seen[1]

    def user_of(self, token: str | None) -> str | None:
        """The signed-in user name for a session token, or None when it is unknown or expired. A short
        in-process memory (`remembered`) spares the database a read on every request of a page."""
        if not token or len(token) > 200:
            return None
        digest, clock = _token_hash(token), time.monotonic()
        name = self._recall(digest)
        if name is not None:
            return name
        forgotten = self._forgotten
        now = datetime.now(UTC)
        with self.db.session() as session:
            row = session.get(WebSession, digest)
            if row is None:
                return None
            user = session.get(User, row.user_id)
            created, last = _aware(row.created_at), _aware(row.last_seen_at)
            if user is None or not user.active or now - created > self.policy.absolute or now - last > self.policy.idle:
                session.delete(row)
                session.add(AuditEvent(actor_id=row.user_id, action="session expired", target=f"user:{row.user_id}"))
                self._forget(digest)
                return None
            if now - last > timedelta(seconds=30):
                row.last_seen_at = now
            name = user.username
        with self._seen_lock:
            if self._forgotten != forgotten:  # a sign-out ran meanwhile: this answer may predate it
                return name
            self._seen[digest] = (clock, name, created.timestamp())
            self._seen.move_to_end(digest)
            while len(self._seen) > self._seen_limit:
                self._seen.popitem(last=False)
        return name

    def close_session(self, token: str | None) -> None:
        if not token:
            return
        digest = _token_hash(token)
        self._forget(digest)
        with self.db.session() as session:
            row = session.get(WebSession, digest)
            if row is not None:
                session.add(AuditEvent(actor_id=row.user_id, action="sign-out", target=f"user:{row.user_id}"))
                session.delete(row)
        self._forget(digest)  # and a check that read the row before it was deleted remembers nothing

    def _forget(self, digest: str) -> None:
        with self._seen_lock:
            self._forgotten += 1
            self._seen.pop(digest, None)

    def purge_expired(self) -> int:
        cutoff = datetime.now(UTC) - self.policy.idle
        with self.db.session() as session:
            result = session.execute(delete(WebSession).where(WebSession.last_seen_at < cutoff))
            return int(getattr(result, "rowcount", 0) or 0)
