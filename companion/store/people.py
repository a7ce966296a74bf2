"""People and pairs: sign-in, accounts, pairs (one by one or a whole CSV in one transaction), the manager's
self-assessment."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import cast, get_args

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from companion.domain import (
    LANGUAGES,
    MAX_CADENCE_WEEKS,
    MAX_PROGRAMME_SESSIONS,
    MAX_SESSION_MINUTES,
    MIN_CADENCE_WEEKS,
    MIN_PROGRAMME_SESSIONS,
    MIN_SESSION_MINUTES,
    ROLES,
    STAFF_ROLES,
    Role,
    SelfLevel,
)
from companion.store.access import Actor, NotFound
from companion.store.base import InvalidInput, StoreBase, pair_view, user_view
from companion.store.models import Pair, User
from companion.store.passwords import hash_password, spend_like_a_verify, verify_password
from companion.store.signin import canonical
from companion.store.views import PairView, UserView

log = logging.getLogger(__name__)

SELF_LEVELS: tuple[str, ...] = get_args(SelfLevel)
EMAIL = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[A-Za-z]{2,}")
ASSESSMENT_MOMENTS = {"before": "before", "start": "before", "after": "after", "end": "after"}


def digcomp_code(code: str) -> bool:
    area, _, competence = str(code).partition(".")
    return area.isdigit() and competence.isdigit() and 1 <= int(area) <= 5 and 1 <= int(competence) <= 6


class PeopleAndPairs(StoreBase):
    # ---- people -----------------------------------------------------------------------------------------

    def authenticate(self, username: str, password: str) -> Actor | None:
        """A bare password check (no throttling): the web app signs in through companion.store.signin."""
        with self.db.session() as session:
            user = session.scalar(select(User).where(User.username == canonical(username)))
            if user is None:
                spend_like_a_verify(password or "")  # an unknown name takes as long as a known one
            ok = user is not None and user.active and verify_password(user.password_hash, password)
            self._audit(session, None, "sign-in" if ok else "sign-in failed", f"user:{canonical(username)}")
            if not ok:
                log.info("sign-in failed for %r", username[:80])
                return None
            assert user is not None
            return Actor(user.id, user.username, cast(Role, user.role))

    def has_users(self) -> bool:
        with self.db.session() as session:
            return bool(session.scalar(select(func.count(User.id))))

    def actor(self, username: str) -> Actor:
        """The role is looked up server-side from the signed-in user name."""
        with self.db.session() as session:
            user = session.scalar(select(User).where(User.username == canonical(username)))
            if user is None or not user.active:
                raise NotFound(f"user {username!r} does not exist")
            return Actor(user.id, user.username, cast(Role, user.role))

    def user(self, actor: Actor) -> UserView:
        with self.db.session() as session:
            user = session.get(User, actor.id)
            if user is None:
                raise NotFound(f"user {actor.username!r} does not exist")
            return user_view(user)

    def create_user(
        self,
        actor: Actor | None,
        username: str,
        display_name: str,
        role: str,
        password: str,
        language: str = "en",
        email: str = "",
    ) -> UserView:
        """Admins create users; `actor=None` is the command line on the server itself (`companion users add`)."""
        if actor is not None:
            self._require_role(actor, ("admin",), "create user", f"user:{username}")
        username = username.strip().lower()
        if not username or not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise InvalidInput(f"{username!r} is not a valid user name (letters, digits, . - _)")
        if role not in ROLES:
            raise InvalidInput(f"role must be one of {', '.join(ROLES)}")
        if language not in LANGUAGES:
            raise InvalidInput("language must be en or it")
        email = email.strip()
        if email and not EMAIL.fullmatch(email):
            raise InvalidInput(f"{email!r} is not an e-mail address")
        try:
            with self.db.session() as session:
                user = User(
                    username=username,
                    display_name=display_name.strip() or username,
                    role=role,
                    language=language,
                    password_hash=hash_password(password),
                    email=email,
                )
                session.add(user)
                session.flush()
                self._audit(session, actor, "create user", f"user:{user.id}", role)
                return user_view(user)
        except IntegrityError as exc:
            raise InvalidInput(f"user name {username!r} is taken") from exc

    def set_language(self, actor: Actor, language: str) -> None:
        if language not in LANGUAGES:
            raise InvalidInput("language must be en or it")
        with self.db.session() as session:
            user = session.get(User, actor.id)
            if user is None:
                raise NotFound(f"user {actor.username!r} does not exist")
            user.language = language

    def users(self, actor: Actor) -> list[UserView]:
        self._require_role(actor, STAFF_ROLES, "list users")
        with self.db.session() as session:
            return [user_view(u) for u in session.scalars(select(User).order_by(User.username))]

    def authorize_upload(self, actor: Actor) -> None:
        """Company documents go into everyone's search: HR and admins add them."""
        self._require_role(actor, STAFF_ROLES, "add documents")

    def record_upload(self, actor: Actor, added: list[str], updated: list[str], refused: list[str]) -> None:
        """Company uploads are audited: who added, replaced or had refused which files."""
        detail = "; ".join(
            f"{what}: {', '.join(names)}"[:2000]
            for what, names in (("added", added), ("updated", updated), ("refused", refused))
            if names
        )
        with self.db.session() as session:
            self._audit(session, actor, "add documents", "company-documents", detail or "nothing")

    # ---- pairs ------------------------------------------------------------------------------------------

    def create_pair(
        self,
        actor: Actor | None,
        mentor: str,
        manager: str,
        goals: str = "",
        language: str = "en",
        cadence_weeks: int = 3,
        session_minutes: int = 60,
        total_sessions: int = 6,
    ) -> PairView:
        if actor is not None:
            self._require_role(actor, STAFF_ROLES, "create pair")
        with self.db.session() as session:
            return pair_view(
                self.add_pair_in(
                    session, actor, mentor, manager, goals, language, cadence_weeks, session_minutes, total_sessions
                )
            )

    def add_pairs(self, actor: Actor | None, rows: Iterable[tuple[int, dict[str, object]]]) -> dict[int, str]:
        """Add many pairs in one transaction, all or nothing: `rows` are (line, create_pair's keyword values).
        Returns the refusals by line; when there is any, nothing was added."""
        if actor is not None:
            self._require_role(actor, STAFF_ROLES, "create pair")
        errors: dict[int, str] = {}
        try:
            with self.db.session() as session:
                for line, values in rows:
                    try:
                        with session.begin_nested():
                            self.add_pair_in(session, actor, **values)  # type: ignore[arg-type]
                    except InvalidInput as exc:
                        errors[line] = str(exc)
                if errors:
                    raise _RollBack
        except _RollBack:
            log.info("pair import refused: %d bad row(s), nothing added", len(errors))
        return errors

    def add_pair_in(
        self,
        session: Session,
        actor: Actor | None,
        mentor: str,
        manager: str,
        goals: str = "",
        language: str = "en",
        cadence_weeks: int = 3,
        session_minutes: int = 60,
        total_sessions: int = 6,
    ) -> Pair:
        """Add a pair inside the caller's transaction (kept for callers of the old API; prefer add_pairs)."""
        mentor, manager = canonical(mentor), canonical(manager)
        people = {u.username: u for u in session.scalars(select(User).where(User.username.in_([mentor, manager])))}
        if mentor not in people or people[mentor].role != "mentor":
            raise InvalidInput(f"{mentor!r} is not a mentor")
        if manager not in people or people[manager].role != "manager":
            raise InvalidInput(f"{manager!r} is not a manager")
        if language not in LANGUAGES:
            raise InvalidInput("language must be en or it")
        if not (
            MIN_SESSION_MINUTES <= session_minutes <= MAX_SESSION_MINUTES
            and MIN_CADENCE_WEEKS <= cadence_weeks <= MAX_CADENCE_WEEKS
            and MIN_PROGRAMME_SESSIONS <= total_sessions <= MAX_PROGRAMME_SESSIONS
        ):
            raise InvalidInput(
                f"session length {MIN_SESSION_MINUTES}-{MAX_SESSION_MINUTES} minutes, "
                f"cadence {MIN_CADENCE_WEEKS}-{MAX_CADENCE_WEEKS} weeks, "
                f"{MIN_PROGRAMME_SESSIONS}-{MAX_PROGRAMME_SESSIONS} sessions"
            )
        exists = session.scalar(
            select(Pair).where(Pair.mentor_id == people[mentor].id, Pair.manager_id == people[manager].id)
        )
        if exists:
            raise InvalidInput(f"{mentor} and {manager} are already a pair")
        pair = Pair(
            mentor_id=people[mentor].id,
            manager_id=people[manager].id,
            goals=goals.strip(),
            language=language,
            cadence_weeks=cadence_weeks,
            session_minutes=session_minutes,
            total_sessions=total_sessions,
        )
        session.add(pair)
        session.flush()
        self._audit(session, actor, "create pair", f"pair:{pair.id}")
        return pair

    def pairs(self, actor: Actor) -> list[PairView]:
        with self.db.session() as session:
            query = select(Pair).order_by(Pair.id)
            if not actor.is_staff:
                query = query.where((Pair.mentor_id == actor.id) | (Pair.manager_id == actor.id))
            return [pair_view(p) for p in session.scalars(query)]

    def pair(self, actor: Actor, pair_id: int) -> PairView:
        with self.db.session() as session:
            return pair_view(self._pair(session, actor, pair_id, "view pair"))

    def set_assessment(self, actor: Actor, pair_id: int, when: str, ratings: dict[str, str]) -> None:
        """The manager's own DigComp self-assessment at the start ("before") or the end ("after") of the
        programme: a level (not-yet | foundation | intermediate | advanced) per DigComp 2.2 competence."""
        moment = ASSESSMENT_MOMENTS.get(when)
        if moment is None:
            raise InvalidInput("when must be before (start) or after (end)")
        bad_codes = [code for code in ratings if not digcomp_code(code)]
        if bad_codes:
            raise InvalidInput(f"{', '.join(bad_codes)}: not a DigComp 2.2 competence code such as 4.2")
        bad_levels = sorted({level for level in ratings.values() if level not in SELF_LEVELS})
        if bad_levels:
            raise InvalidInput(f"{', '.join(bad_levels)}: a level is one of {', '.join(SELF_LEVELS)}")
        with self.db.session() as session:
            pair = self._pair_member_as(
                session, actor, pair_id, "manager", "self-assessment", "only the manager rates themselves"
            )
            setattr(pair, f"assessment_{moment}", dict(ratings))
            self._audit(session, actor, f"self-assessment {moment}", f"pair:{pair_id}")


class _RollBack(Exception):
    pass
