"""The programme's use cases over the database: every method takes the asking `Actor` first and applies the
access rules of companion.store.access; every change and every refusal is written to the audit log."""

from __future__ import annotations

import functools
from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from companion.domain import Curriculum, Exercise, SessionPlan
from companion.store.access import (
    AccessDenied,
    Actor,
    NotFound,
    can_see_journal_entry,
    can_see_note,
    can_see_pair,
    in_pair,
)
from companion.store.db import Database
from companion.store.models import (
    AssignedExercise,
    AuditEvent,
    CurriculumVersion,
    JournalEntry,
    MentoringSession,
    Note,
    Pair,
    User,
)
from companion.store.passwords import hash_password, spend_like_a_verify, verify_password
from companion.store.signin import canonical
from companion.store.views import (
    AuditView,
    CurriculumVersionView,
    ExerciseView,
    JournalEntryView,
    NoteView,
    PairProgress,
    PairView,
    ProgrammeOverview,
    SessionView,
    UserView,
)

ROLES = ("mentor", "manager", "hr", "admin")
MAX_TEXT = 20_000


class InvalidInput(ValueError):
    pass


def user_view(user: User) -> UserView:
    return UserView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        language=user.language,
        active=user.active,
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


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"the {what} is empty")
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"the {what} has {len(value)} characters; the limit is {MAX_TEXT}")
    return value


def logs_denials(cls: type) -> type:
    """Every public use case of the class writes its refusals to the audit log, after its own transaction
    has rolled back (SQLite allows one writer at a time, so not from inside it)."""

    def wrap(method):
        @functools.wraps(method)
        def use_case(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except AccessDenied as denied:
                if getattr(denied, "audit", None) is not None:
                    self._log_denial(denied)
                    denied.audit = None
                raise

        return use_case

    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_"):
            setattr(cls, name, wrap(member))
    return cls


@logs_denials
class Programme:
    def __init__(self, database: Database):
        self.db = database

    # ---- audit and refusals ---------------------------------------------------------------------------

    def _audit(self, session: Session, actor: Actor | None, action: str, target: str = "", detail: str = "") -> None:
        session.add(AuditEvent(actor_id=actor.id if actor else None, action=action, target=target, detail=detail))

    def _deny(self, actor: Actor, action: str, target: str, why: str) -> AccessDenied:
        """The refusal to raise; `logs_denials` writes it to the audit log once the transaction has rolled back."""
        denied = AccessDenied(why)
        denied.audit = AuditEvent(actor_id=actor.id, action=action, target=target, allowed=False, detail=why)
        return denied

    def _log_denial(self, denied: AccessDenied) -> None:
        with self.db.session() as session:
            session.add(denied.audit)

    def _require_role(self, actor: Actor, roles: tuple[str, ...], action: str, target: str = "") -> None:
        if actor.role not in roles:
            raise self._deny(actor, action, target, f"{action} is for {' or '.join(roles)} only")

    def _pair(self, session: Session, actor: Actor, pair_id: int, action: str) -> Pair:
        pair = session.get(Pair, pair_id)
        if pair is None:
            raise NotFound(f"pair {pair_id} does not exist")
        if not can_see_pair(actor, pair):
            raise self._deny(actor, action, f"pair:{pair_id}", "this pair is not yours")
        return pair

    def _member_pair(self, session: Session, actor: Actor, pair_id: int, action: str) -> Pair:
        pair = self._pair(session, actor, pair_id, action)
        if not in_pair(actor, pair):
            raise self._deny(
                actor, action, f"pair:{pair_id}", "only the mentor and the manager of the pair can do this"
            )
        return pair

    def _session_and_pair(self, session: Session, actor: Actor, session_id: int, action: str):
        record = session.get(MentoringSession, session_id)
        if record is None:
            raise NotFound(f"session {session_id} does not exist")
        return record, self._pair(session, actor, record.pair_id, action)

    # ---- people -----------------------------------------------------------------------------------------

    def authenticate(self, username: str, password: str) -> Actor | None:
        """A bare password check (no throttling): the web app signs in through companion.store.signin."""
        with self.db.session() as session:
            user = session.scalar(select(User).where(User.username == canonical(username)))
            if user is None:
                spend_like_a_verify(password or "")
            ok = user is not None and user.active and verify_password(user.password_hash, password)
            self._audit(session, None, "sign-in" if ok else "sign-in failed", f"user:{canonical(username)}")
            return Actor(user.id, user.username, user.role) if ok and user is not None else None

    def has_users(self) -> bool:
        with self.db.session() as session:
            return session.scalar(select(func.count(User.id))) > 0

    def actor(self, username: str) -> Actor:
        """The role is looked up server-side from the signed-in user name."""
        with self.db.session() as session:
            user = session.scalar(select(User).where(User.username == canonical(username)))
            if user is None or not user.active:
                raise NotFound(f"user {username!r} does not exist")
            return Actor(user.id, user.username, user.role)

    def user(self, actor: Actor) -> UserView:
        with self.db.session() as session:
            return user_view(session.get(User, actor.id))

    def create_user(
        self, actor: Actor | None, username: str, display_name: str, role: str, password: str, language: str = "en"
    ) -> UserView:
        """Admins create users; `actor=None` is the command line on the server itself (`companion users add`)."""
        if actor is not None:
            self._require_role(actor, ("admin",), "create user", f"user:{username}")
        username = username.strip().lower()
        if not username or not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise InvalidInput(f"{username!r} is not a valid user name (letters, digits, . - _)")
        if role not in ROLES:
            raise InvalidInput(f"role must be one of {', '.join(ROLES)}")
        if language not in ("en", "it"):
            raise InvalidInput("language must be en or it")
        try:
            with self.db.session() as session:
                user = User(
                    username=username,
                    display_name=display_name.strip() or username,
                    role=role,
                    language=language,
                    password_hash=hash_password(password),
                )
                session.add(user)
                session.flush()
                self._audit(session, actor, "create user", f"user:{user.id}", role)
                return user_view(user)
        except IntegrityError as exc:
            raise InvalidInput(f"user name {username!r} is taken") from exc

    def set_language(self, actor: Actor, language: str) -> None:
        if language not in ("en", "it"):
            raise InvalidInput("language must be en or it")
        with self.db.session() as session:
            session.get(User, actor.id).language = language

    def users(self, actor: Actor) -> list[UserView]:
        self._require_role(actor, ("admin", "hr"), "list users")
        with self.db.session() as session:
            return [user_view(u) for u in session.scalars(select(User).order_by(User.username))]

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
            self._require_role(actor, ("admin", "hr"), "create pair")
        with self.db.session() as session:
            return pair_view(
                self.add_pair_in(
                    session, actor, mentor, manager, goals, language, cadence_weeks, session_minutes, total_sessions
                )
            )

    def add_pair_in(
        self,
        session: Session,
        actor: Actor | None,
        mentor: str,
        manager: str,
        goals: str,
        language: str,
        cadence_weeks: int,
        session_minutes: int,
        total_sessions: int,
    ) -> Pair:
        """Add a pair inside the caller's transaction (the CSV import adds many in one)."""
        mentor, manager = canonical(mentor), canonical(manager)
        people = {u.username: u for u in session.scalars(select(User).where(User.username.in_([mentor, manager])))}
        if mentor not in people or people[mentor].role != "mentor":
            raise InvalidInput(f"{mentor!r} is not a mentor")
        if manager not in people or people[manager].role != "manager":
            raise InvalidInput(f"{manager!r} is not a manager")
        if language not in ("en", "it"):
            raise InvalidInput("language must be en or it")
        if not (15 <= session_minutes <= 240 and 1 <= cadence_weeks <= 26 and 2 <= total_sessions <= 24):
            raise InvalidInput("session length 15-240 minutes, cadence 1-26 weeks, 2-24 sessions")
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
        """The manager's own DigComp self-assessment, before or after the programme."""
        if when not in ("before", "after"):
            raise InvalidInput("when must be before or after")
        with self.db.session() as session:
            pair = self._pair(session, actor, pair_id, "self-assessment")
            if actor.id != pair.manager_id:
                raise self._deny(actor, "self-assessment", f"pair:{pair_id}", "only the manager rates themselves")
            setattr(pair, f"assessment_{when}", dict(ratings))
            self._audit(session, actor, f"self-assessment {when}", f"pair:{pair_id}")

    # ---- sessions and notes -------------------------------------------------------------------------------

    def record_session(
        self,
        actor: Actor,
        pair_id: int,
        number: int,
        scheduled_on: date | None = None,
        plan: SessionPlan | None = None,
        status: str = "planned",
    ) -> SessionView:
        if status not in ("planned", "held", "cancelled"):
            raise InvalidInput("status must be planned, held or cancelled")
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "record session")
            record = session.scalar(
                select(MentoringSession).where(MentoringSession.pair_id == pair.id, MentoringSession.number == number)
            )
            if record is None:
                record = MentoringSession(pair_id=pair.id, number=number)
                session.add(record)
            record.scheduled_on = scheduled_on or record.scheduled_on
            record.status = status
            if plan is not None:
                record.generated_plan = plan.model_dump(mode="json")
                record.format = plan.format
                record.topics = [t.slug for t in plan.topics]
            session.flush()
            self._audit(session, actor, "record session", f"session:{record.id}", status)
            return self._session_view(record, pair, actor)

    def set_session_status(self, actor: Actor, session_id: int, status: str) -> SessionView:
        if status not in ("planned", "held", "cancelled"):
            raise InvalidInput("status must be planned, held or cancelled")
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "session status")
            if not in_pair(actor, pair):
                raise self._deny(actor, "session status", f"session:{session_id}", "only the pair updates its sessions")
            record.status = status
            self._audit(session, actor, "session status", f"session:{session_id}", status)
            return self._session_view(record, pair, actor)

    @staticmethod
    def _session_view(record: MentoringSession, pair: Pair, actor: Actor) -> SessionView:
        mine = in_pair(actor, pair)
        return SessionView(
            id=record.id,
            pair_id=record.pair_id,
            number=record.number,
            scheduled_on=record.scheduled_on,
            format=record.format,
            status=record.status,
            topics=record.topics or [],
            generated_plan=record.generated_plan if mine else None,
            agreed_plan=record.agreed_plan if mine else None,
        )

    def sessions(self, actor: Actor, pair_id: int) -> list[SessionView]:
        with self.db.session() as session:
            pair = self._pair(session, actor, pair_id, "view sessions")
            records = session.scalars(
                select(MentoringSession).where(MentoringSession.pair_id == pair_id).order_by(MentoringSession.number)
            )
            return [self._session_view(r, pair, actor) for r in records]

    def add_note(self, actor: Actor, session_id: int, text: str, shared: bool = False) -> NoteView:
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "add note")
            if not in_pair(actor, pair):
                raise self._deny(actor, "add note", f"session:{session_id}", "notes belong to the pair")
            note = Note(session_id=record.id, author_id=actor.id, text=_text(text, "note"), shared=shared)
            session.add(note)
            session.flush()
            self._audit(session, actor, "add note", f"note:{note.id}")
            return NoteView(
                id=note.id,
                session_id=record.id,
                author=actor.username,
                text=note.text,
                shared=shared,
                created_at=note.created_at,
            )

    def notes(self, actor: Actor, session_id: int) -> list[NoteView]:
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "view notes")
            if actor.is_staff and not in_pair(actor, pair):
                raise self._deny(actor, "view notes", f"session:{session_id}", "private notes are not visible to HR")
            rows = session.execute(
                select(Note, User.username)
                .join(User, User.id == Note.author_id)
                .where(Note.session_id == record.id)
                .order_by(Note.id)
            )
            return [
                NoteView(
                    id=n.id,
                    session_id=n.session_id,
                    author=author,
                    text=n.text,
                    shared=n.shared,
                    created_at=n.created_at,
                )
                for n, author in rows
                if can_see_note(actor, pair, n.author_id, n.shared)
            ]

    def save_plan(
        self, actor: Actor, pair_id: int, number: int, plan: SessionPlan, markdown: str, shared: bool
    ) -> SessionView:
        """The mentor's edited plan for a session: kept as the agreed plan, shown to the manager once shared."""
        with self.db.session() as session:
            pair = self._pair(session, actor, pair_id, "save plan")
            if actor.id != pair.mentor_id:
                raise self._deny(actor, "save plan", f"pair:{pair_id}", "only the pair's mentor saves its plans")
            record = session.scalar(
                select(MentoringSession).where(MentoringSession.pair_id == pair_id, MentoringSession.number == number)
            )
            if record is None:
                record = MentoringSession(pair_id=pair_id, number=number)
                session.add(record)
            record.generated_plan, record.format = plan.model_dump(mode="json"), plan.format
            record.topics = [topic.slug for topic in plan.topics]
            record.agreed_plan = {"markdown": _text(markdown, "plan"), "shared": shared}
            session.flush()
            self._audit(session, actor, "save plan", f"session:{record.id}", "shared" if shared else "draft")
            return self._session_view(record, pair, actor)

    def next_session_number(self, actor: Actor, pair_id: int) -> int:
        held = [s.number for s in self.sessions(actor, pair_id) if s.status == "held"]
        return max(held, default=0) + 1

    def shared_agenda(self, actor: Actor, pair_id: int) -> SessionView | None:
        """The next session whose plan the mentor has shared: what the manager sees as the coming agenda."""
        upcoming = [
            s
            for s in self.sessions(actor, pair_id)
            if s.status == "planned" and s.agreed_plan and s.agreed_plan.get("shared")
        ]
        return upcoming[0] if upcoming else None

    def exercise_context(self, actor: Actor, pair_id: int) -> tuple[PairView, list[str]]:
        """What suggesting exercises needs (the pair and the topics covered): for the pair's own members only."""
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "suggest exercises")
            covered = session.scalars(select(MentoringSession.topics).where(MentoringSession.pair_id == pair_id))
            return pair_view(pair), list(dict.fromkeys(t for topics in covered for t in (topics or [])))

    def authorize_upload(self, actor: Actor) -> None:
        """Company documents go into everyone's search: HR and admins add them."""
        self._require_role(actor, ("hr", "admin"), "add documents")

    def record_upload(self, actor: Actor, added: list[str], updated: list[str], refused: list[str]) -> None:
        """Company uploads are audited: who added, replaced or had refused which files."""
        detail = "; ".join(
            f"{what}: {', '.join(names)}"[:2000]
            for what, names in (("added", added), ("updated", updated), ("refused", refused))
            if names
        )
        with self.db.session() as session:
            self._audit(session, actor, "add documents", "company-documents", detail or "nothing")

    # ---- the manager's journal ----------------------------------------------------------------------------

    def add_journal_entry(self, actor: Actor, pair_id: int, text: str, shared: bool = False) -> JournalEntryView:
        with self.db.session() as session:
            pair = self._pair(session, actor, pair_id, "write journal")
            if actor.id != pair.manager_id:
                raise self._deny(actor, "write journal", f"pair:{pair_id}", "the journal is the manager's own")
            entry = JournalEntry(pair_id=pair_id, author_id=actor.id, text=_text(text, "journal entry"), shared=shared)
            session.add(entry)
            session.flush()
            self._audit(session, actor, "write journal", f"journal:{entry.id}")
            return JournalEntryView(
                id=entry.id, pair_id=pair_id, text=entry.text, shared=shared, created_at=entry.created_at
            )

    def journal(self, actor: Actor, pair_id: int) -> list[JournalEntryView]:
        with self.db.session() as session:
            pair = self._pair(session, actor, pair_id, "read journal")
            if actor.is_staff and not in_pair(actor, pair):
                raise self._deny(actor, "read journal", f"pair:{pair_id}", "journals are not visible to HR")
            entries = session.scalars(
                select(JournalEntry).where(JournalEntry.pair_id == pair_id).order_by(JournalEntry.id)
            )
            return [
                JournalEntryView(id=e.id, pair_id=pair_id, text=e.text, shared=e.shared, created_at=e.created_at)
                for e in entries
                if can_see_journal_entry(actor, pair, e.author_id, e.shared)
            ]

    # ---- exercises --------------------------------------------------------------------------------------

    def assign_exercises(
        self, actor: Actor, pair_id: int, exercises: list[Exercise], session_id: int | None = None
    ) -> list[ExerciseView]:
        with self.db.session() as session:
            self._member_pair(session, actor, pair_id, "assign exercises")
            rows = [
                AssignedExercise(
                    pair_id=pair_id,
                    session_id=session_id,
                    title=e.title,
                    level=e.level,
                    minutes=e.minutes,
                    steps=e.steps,
                    citations=e.citations,
                )
                for e in exercises
            ]
            session.add_all(rows)
            session.flush()
            self._audit(session, actor, "assign exercises", f"pair:{pair_id}", str(len(rows)))
            return [self._exercise_view(r) for r in rows]

    @staticmethod
    def _exercise_view(row: AssignedExercise) -> ExerciseView:
        return ExerciseView(
            id=row.id,
            pair_id=row.pair_id,
            session_id=row.session_id,
            title=row.title,
            level=row.level,
            minutes=row.minutes,
            steps=row.steps or [],
            citations=row.citations or [],
            status=row.status,
            feedback=row.feedback,
        )

    def exercises(self, actor: Actor, pair_id: int) -> list[ExerciseView]:
        with self.db.session() as session:
            self._member_pair(session, actor, pair_id, "view exercises")
            rows = session.scalars(
                select(AssignedExercise).where(AssignedExercise.pair_id == pair_id).order_by(AssignedExercise.id)
            )
            return [self._exercise_view(r) for r in rows]

    def complete_exercise(self, actor: Actor, exercise_id: int, feedback: str = "") -> ExerciseView:
        with self.db.session() as session:
            row = session.get(AssignedExercise, exercise_id)
            if row is None:
                raise NotFound(f"exercise {exercise_id} does not exist")
            pair = self._pair(session, actor, row.pair_id, "complete exercise")
            if actor.id != pair.manager_id:
                raise self._deny(
                    actor, "complete exercise", f"exercise:{exercise_id}", "only the manager marks it done"
                )
            row.status, row.feedback, row.done_at = "done", feedback.strip()[:MAX_TEXT], datetime.now(UTC)
            self._audit(session, actor, "complete exercise", f"exercise:{exercise_id}")
            return self._exercise_view(row)

    # ---- curricula and the HR review ----------------------------------------------------------------------

    def _curriculum_view(self, session: Session, row: CurriculumVersion) -> CurriculumVersionView:
        names = {
            u.id: u.username
            for u in session.scalars(
                select(User).where(User.id.in_([i for i in (row.submitted_by, row.reviewed_by) if i]))
            )
        }
        return CurriculumVersionView(
            id=row.id,
            pair_id=row.pair_id,
            version=row.version,
            status=row.status,
            content=row.content,
            hr_comment=row.hr_comment,
            submitted_by=names.get(row.submitted_by),
            reviewed_by=names.get(row.reviewed_by),
            created_at=row.created_at,
            reviewed_at=row.reviewed_at,
        )

    def submit_curriculum(self, actor: Actor, pair_id: int, curriculum: Curriculum) -> CurriculumVersionView:
        """A new version for HR to review; earlier versions and their reviews are kept."""
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "submit curriculum")
            if actor.id != pair.mentor_id:
                raise self._deny(
                    actor, "submit curriculum", f"pair:{pair_id}", "only the pair's mentor submits its curriculum"
                )
            latest = session.scalar(
                select(func.max(CurriculumVersion.version)).where(CurriculumVersion.pair_id == pair_id)
            )
            row = CurriculumVersion(
                pair_id=pair_id,
                version=(latest or 0) + 1,
                content=curriculum.model_dump(mode="json"),
                status="submitted",
                submitted_by=actor.id,
            )
            session.add(row)
            session.flush()
            self._audit(session, actor, "submit curriculum", f"curriculum:{row.id}", f"v{row.version}")
            return self._curriculum_view(session, row)

    def review_curriculum(
        self, actor: Actor, version_id: int, approve: bool, comment: str = ""
    ) -> CurriculumVersionView:
        self._require_role(actor, ("hr",), "review curriculum", f"curriculum:{version_id}")
        with self.db.session() as session:
            row = session.get(CurriculumVersion, version_id)
            if row is None:
                raise NotFound(f"curriculum version {version_id} does not exist")
            if row.status != "submitted":
                raise InvalidInput(f"version {row.version} is {row.status.replace('_', ' ')}, not waiting for review")
            if not approve and not comment.strip():
                raise InvalidInput("say what should change: a request for changes needs a comment")
            row.status = "approved" if approve else "changes_requested"
            row.hr_comment, row.reviewed_by, row.reviewed_at = comment.strip()[:MAX_TEXT], actor.id, datetime.now(UTC)
            self._audit(session, actor, "review curriculum", f"curriculum:{row.id}", row.status)
            return self._curriculum_view(session, row)

    def curricula(self, actor: Actor, pair_id: int) -> list[CurriculumVersionView]:
        with self.db.session() as session:
            self._pair(session, actor, pair_id, "view curricula")
            rows = session.scalars(
                select(CurriculumVersion)
                .where(CurriculumVersion.pair_id == pair_id)
                .order_by(CurriculumVersion.version)
            )
            return [self._curriculum_view(session, r) for r in rows]

    def approved_curriculum(self, actor: Actor, pair_id: int) -> CurriculumVersionView | None:
        approved = [v for v in self.curricula(actor, pair_id) if v.status == "approved"]
        return approved[-1] if approved else None

    def review_queue(self, actor: Actor) -> list[CurriculumVersionView]:
        self._require_role(actor, ("hr", "admin"), "review queue")
        with self.db.session() as session:
            rows = session.scalars(
                select(CurriculumVersion)
                .where(CurriculumVersion.status == "submitted")
                .order_by(CurriculumVersion.created_at)
            )
            return [self._curriculum_view(session, r) for r in rows]

    # ---- HR's overview and the audit log ------------------------------------------------------------------

    def overview(self, actor: Actor) -> ProgrammeOverview:
        self._require_role(actor, ("hr", "admin"), "programme overview")
        with self.db.session() as session:
            progress = []
            statuses: Counter[str] = Counter()
            done_total = assigned_total = 0
            for pair in session.scalars(select(Pair).order_by(Pair.id)):
                records = list(session.scalars(select(MentoringSession).where(MentoringSession.pair_id == pair.id)))
                exercises = list(session.scalars(select(AssignedExercise).where(AssignedExercise.pair_id == pair.id)))
                latest = session.scalar(
                    select(CurriculumVersion)
                    .where(CurriculumVersion.pair_id == pair.id)
                    .order_by(CurriculumVersion.version.desc())
                    .limit(1)
                )
                held = [r for r in records if r.status == "held"]
                done = sum(e.status == "done" for e in exercises)
                done_total, assigned_total = done_total + done, assigned_total + len(exercises)
                if latest:
                    statuses[latest.status] += 1
                progress.append(
                    PairProgress(
                        pair_id=pair.id,
                        mentor=pair.mentor.display_name,
                        manager=pair.manager.display_name,
                        language=pair.language,
                        sessions_held=len(held),
                        sessions_planned=sum(r.status == "planned" for r in records),
                        held_dates=sorted(r.scheduled_on for r in held if r.scheduled_on),
                        exercises_done=done,
                        exercises_assigned=len(exercises),
                        curriculum_status=latest.status if latest else None,
                        topics_covered=sorted({t for r in held for t in (r.topics or [])}),
                        assessment_before=pair.assessment_before or {},
                        assessment_after=pair.assessment_after or {},
                    )
                )
            return ProgrammeOverview(
                pairs=progress,
                sessions_held=sum(p.sessions_held for p in progress),
                exercise_completion=round(done_total / assigned_total, 3) if assigned_total else 0.0,
                curricula_by_status=dict(statuses),
            )

    def audit_log(self, actor: Actor, limit: int = 200) -> list[AuditView]:
        self._require_role(actor, ("admin",), "read audit log")
        with self.db.session() as session:
            rows = session.execute(
                select(AuditEvent, User.username)
                .outerjoin(User, User.id == AuditEvent.actor_id)
                .order_by(AuditEvent.id.desc())
                .limit(limit)
            )
            return [
                AuditView(at=e.at, actor=name, action=e.action, target=e.target, allowed=e.allowed, detail=e.detail)
                for e, name in rows
            ]
