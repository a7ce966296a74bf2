"""What the chat understood from one message: one typed reading, whoever produced it (rules, embeddings, LLM)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from companion.domain import MAX_SESSION_MINUTES, MAX_SESSION_NUMBER, MIN_SESSION_MINUTES, Intent, Level

INTENTS: tuple[Intent, ...] = ("plan", "revise", "exercises", "topics", "curriculum", "question", "smalltalk")
RevisionAction = Literal[
    "shorter",
    "longer",
    "minutes",
    "more_hands_on",
    "more_discussion",
    "swap_topic",
    "add_topic",
    "drop_topic",
    "level",
    "format",
    "date",
]
FormatSlug = Literal[
    "first-meeting", "skill-deep-dive", "hands-on-lab", "follow-up-review", "managers-turn", "closing-session"
]


class Revision(BaseModel):
    """What to change in the plan just made; everything not named stays as it is."""

    action: RevisionAction
    minutes: int | None = Field(
        default=None, ge=MIN_SESSION_MINUTES, le=MAX_SESSION_MINUTES, description="the new session length, if stated"
    )
    change: int | None = Field(
        default=None, ge=5, le=MAX_SESSION_MINUTES, description="minutes to take off or add, when said as an amount"
    )
    topic: str | None = Field(default=None, description="the user's words for the topic to add or swap in")
    old_topic: str | None = Field(default=None, description="the user's words for the topic to replace or drop")
    position: int | None = Field(default=None, ge=1, le=6, description="1-based position of the topic to change")
    level: Level | None = None
    direction: Literal["up", "down"] | None = Field(default=None, description="a level change relative to the plan")
    format: FormatSlug | None = None


class Reading(BaseModel):
    """One message, understood. `goal` is what the manager wants to learn, without names, dates or filler."""

    intent: Intent
    goal: str = ""
    minutes: int | None = Field(default=None, ge=5, le=480)
    session_number: int | None = Field(default=None, ge=1, le=MAX_SESSION_NUMBER)
    total_sessions: int | None = Field(default=None, ge=1, le=MAX_SESSION_NUMBER)
    sessions: int | None = Field(default=None, ge=2, le=24, description="sessions wanted in a curriculum")
    date: dt.date | None = None
    level: Level | None = None
    first_meeting: bool = False
    closing: bool = False
    covered: str = Field(default="", description="the user's words for topics already done, to leave out")
    goodbye: bool = Field(default=False, description="smalltalk that thanks or says goodbye and asks nothing")
    revision: Revision | None = None
    also: list[Revision] = Field(
        default_factory=list, description="further changes asked in the same message, applied after `revision`"
    )
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    clarify: str | None = Field(default=None, description="a locale key: the question to ask when unsure")
    source: Literal["offline", "llm"] = "offline"
