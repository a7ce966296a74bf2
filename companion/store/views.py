"""What the store returns: pydantic views, already filtered by the access rules for the asking user."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from companion.domain import CurriculumStatus, ExerciseStatus, Language, Role, SessionStatus, Side


class UserView(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    language: Language
    active: bool = True
    email: str = ""  # for calendar invitations and reminders; empty when unknown


class PairView(BaseModel):
    id: int
    mentor: UserView
    manager: UserView
    goals: str
    language: Language
    cadence_weeks: int
    session_minutes: int
    total_sessions: int
    assessment_before: dict[str, str] = {}
    assessment_after: dict[str, str] = {}


class CheckInView(BaseModel):
    """One person's check-in after a held session, as the asking member may see it."""

    id: int
    session_id: int
    author: str
    author_name: str = ""  # the display name, for people to read (the username is for the code)
    side: Side
    usefulness: int = Field(ge=1, le=5)
    learned: str
    change: str
    shared: bool
    updated_at: datetime


class SessionView(BaseModel):
    id: int
    pair_id: int
    number: int
    scheduled_on: date | None
    format: str
    status: SessionStatus
    topics: list[str]
    generated_plan: dict[str, Any] | None = None  # only the pair sees plans
    agreed_plan: dict[str, Any] | None = None
    starts_at: datetime | None = None  # aware, in the session's time zone
    time_zone: str | None = None
    location: str = ""
    held_at: datetime | None = None
    check_ins: list[CheckInView] = []  # those the asking member may see; staff see none
    checked_in: list[Side] = []  # which sides have filled theirs in (no content: staff see it too)


class NoteView(BaseModel):
    id: int
    session_id: int
    author: str
    text: str
    shared: bool
    created_at: datetime


class JournalEntryView(BaseModel):
    id: int
    pair_id: int
    text: str
    shared: bool
    created_at: datetime


class ExerciseView(BaseModel):
    id: int
    pair_id: int
    session_id: int | None
    title: str
    level: str
    minutes: int | None
    steps: list[str]
    citations: list[str]
    status: ExerciseStatus
    feedback: str


class CurriculumVersionView(BaseModel):
    id: int
    pair_id: int
    version: int
    status: CurriculumStatus
    content: dict[str, Any]
    hr_comment: str
    submitted_by: str | None
    reviewed_by: str | None
    created_at: datetime
    reviewed_at: datetime | None


class PairProgress(BaseModel):
    pair_id: int
    mentor: str
    manager: str
    language: str
    sessions_held: int
    sessions_planned: int
    held_dates: list[date]
    exercises_done: int
    exercises_assigned: int
    curriculum_status: CurriculumStatus | None
    topics_covered: list[str]
    assessment_before: dict[str, str]
    assessment_after: dict[str, str]
    sessions_scheduled: int = 0
    last_held: date | None = None
    check_ins: int = 0  # how many were filled in
    usefulness_average: float | None = None  # both sides, every held session: an aggregate, never a text


class RatingSummary(BaseModel):
    count: int
    average: float | None
    distribution: dict[int, int]  # rating 1-5 -> how many


class ProgrammeOverview(BaseModel):
    """What HR sees: progress and aggregates, never notes or journals."""

    pairs: list[PairProgress]
    sessions_held: int
    exercise_completion: float
    curricula_by_status: dict[str, int]
    usefulness: dict[str, RatingSummary] = {}  # "mentor" | "manager" -> the check-in ratings, aggregated


class AuditView(BaseModel):
    at: datetime
    actor: str | None
    action: str
    target: str
    allowed: bool
    detail: str


class ConversationMessageView(BaseModel):
    role: Literal["user", "assistant"]
    text: str
    at: datetime


class ConversationView(BaseModel):
    """A user's chat about a pair, kept server-side."""

    pair_id: int
    messages: list[ConversationMessageView]
    plan: dict[str, Any] | None = None


class HeldSession(BaseModel):
    number: int
    held_on: date | None
    format: str
    topics: list[str]


class MonthRating(BaseModel):
    """The check-in ratings of one side for the sessions held in one month: an aggregate, never a text."""

    month: date  # the first day of the month the rated sessions were held in
    side: Side
    count: int
    average: float


class PairPeriod(BaseModel):
    """What one pair did in a period: the sessions held in it, the exercises given in it (and how many of those
    are done), the check-ins filled in for its sessions. Counts and topics only."""

    pair_id: int
    held: list[HeldSession] = []
    exercises_done: int = 0
    exercises_assigned: int = 0
    check_ins: int = 0


class PeriodReport(BaseModel):
    """HR's figures for a period (since a day, or the whole programme): every pair, aggregates only."""

    since: date | None
    pairs: list[PairPeriod]
    usefulness: dict[Side, RatingSummary]  # both sides always present
    usefulness_by_month: list[MonthRating]  # months with ratings only, by month then side


class ExerciseFeedback(BaseModel):
    title: str
    status: ExerciseStatus
    feedback: str


class PairHistory(BaseModel):
    """What planning the next session needs to know about the pair's journey so far, as the asking member
    may see it."""

    pair_id: int
    language: Language
    goals: str
    session_minutes: int
    total_sessions: int
    next_session_number: int
    held: list[HeldSession]
    curriculum_version: int | None = None  # the approved one
    curriculum_entry: dict[str, Any] | None = None  # its session for next_session_number (a CurriculumSession)
    assessment_before: dict[str, str] = {}
    assessment_after: dict[str, str] = {}
    exercises_done: int = 0
    exercises_total: int = 0
    exercises: list[ExerciseFeedback] = []
    last_check_ins: list[CheckInView] = []  # the latest of each side the asker may see

    @property
    def previous_topics(self) -> list[str]:
        return list(dict.fromkeys(topic for session in self.held for topic in session.topics))


class Reminder(BaseModel):
    """Something waiting for a person when they sign in. `kind` names it; the rest are its facts."""

    kind: Literal["next_session", "check_in", "exercise_due", "stalled_pair", "overdue_check_in"]
    pair_id: int
    session_id: int | None = None
    session_number: int | None = None
    starts_at: datetime | None = None  # UTC
    time_zone: str | None = None  # the session's, to show starts_at in
    title: str = ""  # an exercise's title; never private text
    side: Side | None = None  # whose check-in is overdue
    weeks: int | None = None  # a stalled pair: weeks since the last held session (or since it started)
    never_held: bool = False  # a stalled pair that has not held a session yet (weeks count from its start)
    days: int | None = None  # an overdue check-in: days since the session was held
