"""What every part of the store shares: one database, the access checks and the audit log.

Each feature module (people and pairs, sessions and check-ins, notes and journal, exercises, curricula,
conversations, reporting) is a mixin on `StoreBase`; `companion.store.programme.Programme` composes them.
A use case opens its transaction with `self.db.session()`, finds what it needs through the checks below
(`_pair`, `_member_pair`, `_session_and_pair`, `_pair_member_as`) and writes its change with `_audit`.
Every public method of a subclass logs its refusals to the audit log (see `StoreBase.__init_subclass__`)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.domain import Side
from companion.store.access import AccessDenied, Actor, NotFound, can_see_pair, in_pair
from companion.store.db import Database
from companion.store.models import AuditEvent, MentoringSession, Pair, User
from companion.store.views import PairView, UserView

log = logging.getLogger(__name__)

MAX_TEXT = 20_000


class InvalidInput(ValueError):
    """A request the store refuses because of what it asks (not who asks): the message says why."""


def clean_text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"the {what} is empty")
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"the {what} has {len(value)} characters; the limit is {MAX_TEXT}")
    return value


def user_view(user: User) -> UserView:
    return UserView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        language=user.language,
        active=user.active,
        email=user.email or "",
    )


def pair_view(pair: Pair) -> PairView:
    return PairView(
        id=pair.id,
        mentor=user_view(pair.mentor),
        manager=user_view(pair.manager),
        goals=pair.goals,
        language=pair.language,
        cadence_weeks=pair.cadence_weeks,
        session_minutes=pair.session_minutes,
        total_sessions=pair.total_sessions,
        assessment_before=pair.assessment_before or {},
        assessment_after=pair.assessment_after or {},
    )


def _logging_denials(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def use_case(self: StoreBase, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except AccessDenied as denied:
            if denied.audit is not None:
                self._log_denial(denied)
                denied.audit = None  # a use case calling another logs the refusal once
            raise

    use_case.__logs_denials__ = True  # type: ignore[attr-defined]
    return use_case


def logs_denials(cls: type) -> type:
    """Every public use case of the class writes its refusals to the audit log, after its own transaction
    has rolled back (SQLite allows one writer at a time, so not from inside it)."""
    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_") and not getattr(member, "__logs_denials__", False):
            setattr(cls, name, _logging_denials(member))
    return cls


class StoreBase:
    """The database plus the checks and the audit every use case goes through."""

    def __init__(self, database: Database):
        self.db = database

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        logs_denials(cls)

    # ---- audit and refusals ---------------------------------------------------------------------------

    def _audit(self, session: Session, actor: Actor | None, action: str, target: str = "", detail: str = "") -> None:
        session.add(AuditEvent(actor_id=actor.id if actor else None, action=action, target=target, detail=detail))

    def _deny(self, actor: Actor, action: str, target: str, why: str) -> AccessDenied:
        """The refusal to raise; the public method's wrapper writes it to the audit log after the rollback."""
        log.warning("refused: %s by %s on %s: %s", action, actor.username, target, why)
        denied = AccessDenied(why)
        denied.audit = AuditEvent(actor_id=actor.id, action=action, target=target, allowed=False, detail=why)
        return denied

    def _log_denial(self, denied: AccessDenied) -> None:
        with self.db.session() as session:
            session.add(denied.audit)

    # ---- who may touch what ---------------------------------------------------------------------------

    def _require_role(self, actor: Actor, roles: tuple[str, ...], action: str, target: str = "") -> None:
        if actor.role not in roles:
            raise self._deny(actor, action, target, f"{action} is for {' or '.join(roles)} only")

    def _pair(self, session: Session, actor: Actor, pair_id: int, action: str) -> Pair:
        """A pair the actor may see (its members, HR and admins)."""
        pair = session.get(Pair, pair_id)
        if pair is None:
            raise NotFound(f"pair {pair_id} does not exist")
        if not can_see_pair(actor, pair):
            raise self._deny(actor, action, f"pair:{pair_id}", "this pair is not yours")
        return pair

    def _member_pair(self, session: Session, actor: Actor, pair_id: int, action: str) -> Pair:
        """A pair the actor belongs to: its mentor or its manager."""
        pair = self._pair(session, actor, pair_id, action)
        if not in_pair(actor, pair):
            raise self._deny(
                actor, action, f"pair:{pair_id}", "only the mentor and the manager of the pair can do this"
            )
        return pair

    def _pair_member_as(self, session: Session, actor: Actor, pair_id: int, side: Side, action: str, why: str) -> Pair:
        """A pair where the actor is the given side (only the mentor saves plans, only the manager rates)."""
        pair = self._pair(session, actor, pair_id, action)
        if actor.id != (pair.mentor_id if side == "mentor" else pair.manager_id):
            raise self._deny(actor, action, f"pair:{pair_id}", why)
        return pair

    def _session_and_pair(
        self, session: Session, actor: Actor, session_id: int, action: str, members_only: bool | str = False
    ) -> tuple[MentoringSession, Pair]:
        """A session of a pair the actor may see; `members_only` (True or the reason to give) refuses staff."""
        record = session.get(MentoringSession, session_id)
        if record is None:
            raise NotFound(f"session {session_id} does not exist")
        pair = self._pair(session, actor, record.pair_id, action)
        if members_only and not in_pair(actor, pair):
            why = members_only if isinstance(members_only, str) else "only the pair updates its sessions"
            raise self._deny(actor, action, f"session:{session_id}", why)
        return record, pair

    @staticmethod
    def _session_record(session: Session, pair_id: int, number: int) -> MentoringSession:
        """The pair's session with that number, created (planned) when it is not there yet."""
        if number < 1:
            raise InvalidInput("session numbers start at 1")
        record = session.scalar(
            select(MentoringSession).where(MentoringSession.pair_id == pair_id, MentoringSession.number == number)
        )
        if record is None:
            record = MentoringSession(pair_id=pair_id, number=number, status="planned", topics=[])
            session.add(record)
            session.flush()
        return record
