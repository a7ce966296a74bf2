"""The programme's memory (SQLAlchemy 2): people, pairs, sessions, notes, exercises, journals, curricula, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # mentor | manager | hr | admin
    language: Mapped[str] = mapped_column(String(2), default="en")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    email: Mapped[str] = mapped_column(String(254), default="")  # calendar invitations and reminders


class Pair(Base):
    __tablename__ = "pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    goals: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="en")
    cadence_weeks: Mapped[int] = mapped_column(Integer, default=3)
    session_minutes: Mapped[int] = mapped_column(Integer, default=60)
    total_sessions: Mapped[int] = mapped_column(Integer, default=6)
    assessment_before: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # DigComp code -> self-rating
    assessment_after: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    manager: Mapped[User] = relationship(foreign_keys=[manager_id])
    __table_args__ = (UniqueConstraint("mentor_id", "manager_id"),)


class MentoringSession(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    scheduled_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # the local date of starts_at
    format: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")  # planned | scheduled | held | cancelled
    generated_plan: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    agreed_plan: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The journey (migration 0002): when and where, in the pair's time zone; when it was held.
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # UTC
    time_zone: Mapped[str | None] = mapped_column(String(64), nullable=True)  # IANA, e.g. Europe/Rome
    location: Mapped[str] = mapped_column(String(500), default="")  # a room or a meeting link
    held_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    plan_saved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    __table_args__ = (UniqueConstraint("pair_id", "number"),)


class CheckIn(Base):
    """One person's one-minute check-in after a held session (Kirkpatrick level 1). It is its author's; shared,
    the other member of the pair sees it too. HR only ever sees the ratings, aggregated."""

    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    usefulness: Mapped[int] = mapped_column(Integer)  # 1-5
    learned: Mapped[str] = mapped_column(Text, default="")  # one thing learned (manager) or taught (mentor)
    change: Mapped[str] = mapped_column(Text, default="")  # one thing to change next time
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    __table_args__ = (UniqueConstraint("session_id", "author_id"),)


class Conversation(Base):
    """A user's chat about one pair, kept server-side: only its owner reads it."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    plan: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # the plan being worked on
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    __table_args__ = (UniqueConstraint("user_id", "pair_id"),)


class ConversationMessage(Base):
    __tablename__ = "conversation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # user | assistant
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Note(Base):
    """A session note: private to its author unless shared with the pair. Never visible to HR."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class JournalEntry(Base):
    """The manager's reflection journal: private to the manager unless an entry is shared with the mentor."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AssignedExercise(Base):
    __tablename__ = "exercises"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    steps: Mapped[list[str]] = mapped_column(JSON, default=list)
    citations: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="assigned")  # assigned | done
    feedback: Mapped[str] = mapped_column(Text, default="")
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CurriculumVersion(Base):
    """One version of a pair's curriculum; a new version keeps the old ones and their review history."""

    __tablename__ = "curricula"

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)  # a domain.Curriculum
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft|submitted|approved|changes_requested
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    hr_comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    __table_args__ = (UniqueConstraint("pair_id", "version"),)


class AuditEvent(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(120), default="")
    allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class WebSession(Base):
    """A signed-in browser or client, kept server-side: the cookie holds a random token, the table its hash."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    client: Mapped[str] = mapped_column(String(64), default="")


class SignInThrottle(Base):
    """Failed sign-ins per key ("account:<name>" or "address:<ip>"), so lockouts hold across instances and restarts."""

    __tablename__ = "sign_in_throttle"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
