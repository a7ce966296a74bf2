"""What the store returns: pydantic views, already filtered by the access rules for the asking user."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from companion.domain import CurriculumStatus, ExerciseStatus, Language, Role, SessionStatus


class UserView(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    language: Language
    active: bool = True


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


class SessionView(BaseModel):
    id: int
    pair_id: int
    number: int
    scheduled_on: date | None
    format: str
    status: SessionStatus
    topics: list[str]
    generated_plan: dict | None = None  # only the pair sees plans
    agreed_plan: dict | None = None


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
    content: dict
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


class ProgrammeOverview(BaseModel):
    """What HR sees: progress and aggregates, never notes or journals."""

    pairs: list[PairProgress]
    sessions_held: int
    exercise_completion: float
    curricula_by_status: dict[str, int]


class AuditView(BaseModel):
    at: datetime
    actor: str | None
    action: str
    target: str
    allowed: bool
    detail: str
