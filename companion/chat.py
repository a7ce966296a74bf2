"""The chat use case: read what a mentor asks, ask for what is missing, and plan when it is all there.

The conversation's state is a plain `ChatState` that the caller keeps per user (gr.State in the UI),
so nothing about one user lives in the process.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from companion.config import Settings
from companion.domain import Language, PairProfile, SessionPlan
from companion.i18n import t
from companion.language import detect_language
from companion.planner import Planner, PlanningError

_MINUTES = re.compile(r"\b(\d{2,3})\s*(?:'|min\b|mins\b|minutes?\b|minuti\b|minuto\b)", re.I)
_HOURS = re.compile(r"\b(\d(?:[.,]5)?)\s*(?:h\b|hours?\b|hrs?\b|ora\b|ore\b)", re.I)
_ONE_HOUR = re.compile(r"\b(?:an hour|one hour|un'ora|un ora|una ora)\b", re.I)
_HALF_HOUR = re.compile(r"\b(?:half an hour|mezz'ora|mezzora|mezz ora)\b", re.I)
_BARE_NUMBER = re.compile(r"^\s*(\d{2,3})\s*$")
_SESSION = re.compile(r"\b(?:session|sessione|meeting|incontro)\s*(?:n\.?|no\.?|number|numero|#)?\s*(\d{1,2})\b", re.I)
_SESSION_ORDINAL = re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th|ª|°|a)\s+(?:session|sessione|meeting|incontro)\b", re.I)
_ORDINAL_WORDS = {
    1: r"first|prima|primo", 2: r"second|seconda|secondo", 3: r"third|terza|terzo",
    4: r"fourth|quarta|quarto", 5: r"fifth|quinta|quinto", 6: r"sixth|sesta|sesto",
}
_OF_TOTAL = re.compile(r"\b(?:of|su)\s+(\d{1,2})\b", re.I)
_LAST = re.compile(r"\b(?:last|final|closing|ultima|ultimo|finale|conclusiva)\s+(?:session|sessione|meeting|incontro)\b", re.I)
MIN_GOAL_WORDS = 3


class ChatState(BaseModel):
    """What the conversation has established so far."""

    language: Language = "en"
    session_minutes: int | None = None
    session_number: int | None = None
    total_sessions: int = 6
    goals: str = ""


class ChatReply(BaseModel):
    kind: Literal["plan", "question", "error"]
    state: ChatState
    text: str = ""
    plan: SessionPlan | None = None


def read_minutes(message: str) -> int | None:
    if match := _MINUTES.search(message):
        return int(match.group(1))
    if match := _HOURS.search(message):
        return round(float(match.group(1).replace(",", ".")) * 60)
    if _HALF_HOUR.search(message):
        return 30
    if _ONE_HOUR.search(message):
        return 60
    if match := _BARE_NUMBER.match(message):
        return int(match.group(1))
    return None


def read_session_number(message: str, total: int) -> int | None:
    for pattern in (_SESSION, _SESSION_ORDINAL):
        if match := pattern.search(message):
            return int(match.group(1))
    if _LAST.search(message):
        return total
    for number, words in _ORDINAL_WORDS.items():
        if re.search(rf"\b(?:{words})\s+(?:session|sessione|meeting|incontro)\b", message, re.I):
            return number
    return None


def goal_words(message: str) -> str:
    """The message without the scheduling details, to judge whether it names any goals."""
    stripped = message
    for pattern in (_MINUTES, _HOURS, _ONE_HOUR, _HALF_HOUR, _SESSION, _SESSION_ORDINAL, _LAST, _BARE_NUMBER):
        stripped = pattern.sub(" ", stripped)
    return " ".join(re.findall(r"[^\W\d_]{3,}", stripped))


def update_state(message: str, state: ChatState) -> ChatState:
    new = state.model_copy()
    new.language = detect_language(message, state.language)
    if match := _OF_TOTAL.search(message):
        new.total_sessions = max(1, min(int(match.group(1)), 52))
    new.session_minutes = read_minutes(message) or state.session_minutes
    new.session_number = read_session_number(message, new.total_sessions) or state.session_number
    if len(goal_words(message).split()) >= MIN_GOAL_WORDS:
        new.goals = message.strip()
    return new


class Conversation:
    """One turn at a time; the caller owns the state."""

    def __init__(self, planner: Planner, settings: Settings):
        self.planner = planner
        self.settings = settings

    def reply(self, message: str, state: ChatState) -> ChatReply:
        if not message.strip():
            return ChatReply(kind="error", state=state, text=t(state.language, "message_empty"))
        if len(message) > self.settings.max_message_chars:
            text = t(state.language, "message_too_long", length=len(message), limit=self.settings.max_message_chars)
            return ChatReply(kind="error", state=state, text=text)
        state = update_state(message, state)
        if not state.goals:
            return ChatReply(kind="question", state=state, text=t(state.language, "ask_goals"))
        if state.session_minutes is None:
            return ChatReply(kind="question", state=state, text=t(state.language, "ask_minutes"))
        profile = PairProfile(
            language=state.language,
            session_minutes=max(15, min(state.session_minutes, 240)),
            session_number=min(state.session_number or 1, state.total_sessions),
            total_sessions=state.total_sessions,
            goals=state.goals,
        )
        try:
            plan = self.planner.plan_session(profile)
        except PlanningError as error:
            return ChatReply(kind="question", state=state, text=t(state.language, error.key))
        return ChatReply(kind="plan", state=state, plan=plan)
