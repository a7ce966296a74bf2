"""The first chat router (first-match regexes), kept as the baseline the benchmark and the chat eval compare
the understanding step with. Not used by the chat any more."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from companion.domain import MAX_SESSION_NUMBER, Language, Level
from companion.language import detect_language

_MINUTES = re.compile(r"\b(\d{2,3})\s*(?:'|min\b|mins\b|minutes?\b|minuti\b|minuto\b)", re.I)
_HOURS = re.compile(r"\b(\d(?:[.,]5)?)\s*(?:h\b|hours?\b|hrs?\b|ora\b|ore\b)", re.I)
_ONE_HOUR = re.compile(r"\b(?:an hour|one hour|un'ora|un ora|una ora)\b", re.I)
_HALF_HOUR = re.compile(r"\b(?:half an hour|mezz'ora|mezzora|mezz ora)\b", re.I)
_BARE_NUMBER = re.compile(r"^\s*(\d{2,3})\s*$")
_SESSION = re.compile(r"\b(?:session|sessione|meeting|incontro)\s*(?:n\.?|no\.?|number|numero|#)?\s*(\d{1,2})\b", re.I)
_SESSION_ORDINAL = re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th|ª|°|a)\s+(?:session|sessione|meeting|incontro)\b", re.I)
_ORDINAL_WORDS = {
    1: r"first|prima|primo",
    2: r"second|seconda|secondo",
    3: r"third|terza|terzo",
    4: r"fourth|quarta|quarto",
    5: r"fifth|quinta|quinto",
    6: r"sixth|sesta|sesto",
}
_OF_TOTAL = re.compile(r"\b(?:of|su)\s+(\d{1,2})\b", re.I)
_LAST = re.compile(
    r"\b(?:last|final|closing|ultima|ultimo|finale|conclusiva)\s+(?:session|sessione|meeting|incontro)\b", re.I
)
MIN_GOAL_WORDS = 3


Intent = Literal["plan", "exercises", "topics", "curriculum", "question"]

_INTENTS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        "curriculum",
        re.compile(
            r"\b(?:curricul\w*|percorso|programma di \d+|\d+\s+(?:sessions|sessioni|incontri)\b(?!\s*\d))", re.I
        ),
    ),
    ("exercises", re.compile(r"\b(?:exercis\w*|homework|practice tasks?|esercizi\w*|compiti|esercitazion\w*)\b", re.I)),
    (
        "topics",
        re.compile(
            r"\b(?:topics?|temi|argomenti|what should (?:we|i|he|she) (?:learn|cover|work on)|su cosa lavorare|"
            r"quali competenze|which skills)\b",
            re.I,
        ),
    ),
    ("plan", re.compile(r"\b(?:session|sessione|agenda|meeting|incontro|prepare|preparare|plan|piano)\b", re.I)),
]
_QUESTION = re.compile(
    r"^\s*(?:what|how|why|who|when|which|where|is|are|can|should|does|do|cos[a'’]?|come|perch[eé]|chi|quando|"
    r"qual[ei]?|dove|è|posso|devo|si può)\b|\?\s*$",
    re.I,
)
_LEVELS: dict[Level, re.Pattern[str]] = {
    "advanced": re.compile(r"\b(?:advanced|expert|avanzat\w*|espert\w*)\b", re.I),
    "intermediate": re.compile(r"\b(?:intermediate|intermedi\w*|medium|medio)\b", re.I),
    "foundation": re.compile(r"\b(?:foundation|basic|beginner|easy|base|principiante|facil\w*|semplic\w*)\b", re.I),
}
_SESSIONS_WANTED = re.compile(r"\b(\d{1,2})\s+(?:sessions|sessioni|incontri)\b", re.I)


def detect_intent(message: str, scheduling_given: bool) -> Intent | None:
    for intent, pattern in _INTENTS:
        if pattern.search(message):
            return intent
    if _QUESTION.search(message):
        return "question"
    return "plan" if scheduling_given else None


def read_level(message: str) -> Level | None:
    return next((level for level, pattern in _LEVELS.items() if pattern.search(message)), None)


class RegexState(BaseModel):
    """What the conversation has established so far."""

    language: Language = "en"
    intent: Intent | None = None
    session_minutes: int | None = None
    session_number: int | None = None
    total_sessions: int = 6
    sessions_wanted: int | None = None
    goals: str = ""
    level: Level | None = None
    last_topics: list[str] = []


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


def strip_scheduling(message: str) -> str:
    """The message without its scheduling details (length, session number), i.e. what it says about goals."""
    stripped = message
    ordinals = "|".join(_ORDINAL_WORDS.values())
    session_words = rf"\b(?:{ordinals})\s+(?:session|sessione|meeting|incontro)\b"
    for pattern in (
        _MINUTES,
        _HOURS,
        _ONE_HOUR,
        _HALF_HOUR,
        _SESSION,
        _SESSION_ORDINAL,
        _LAST,
        _BARE_NUMBER,
        _OF_TOTAL,
    ):
        stripped = pattern.sub(" ", stripped)
    stripped = re.sub(session_words, " ", stripped, flags=re.I)
    stripped = re.sub(r"^[\s,.;:–—-]+|(?<=\s)[,.;:]+(?=\s)", " ", stripped)
    return " ".join(stripped.split()).strip(" ,.;:-")


_REQUEST_WORDS = re.compile(
    r"\b(?:give|show|suggest|want|need|please|some|more|about|level|minutes?|with|the|for|this|that|these|"
    r"dammi|mostrami|suggerisci|vorrei|servono|per favore|qualche|altri|altre|livello|minuti|con|questo|questa|"
    r"questi|della|delle|degli|per)\b",
    re.I,
)


def goal_words(message: str) -> str:
    """The words of a message that could name goals: without scheduling, request words, intents and levels."""
    text = strip_scheduling(message)
    for pattern in [p for _, p in _INTENTS] + list(_LEVELS.values()) + [_REQUEST_WORDS]:
        text = pattern.sub(" ", text)
    return " ".join(re.findall(r"[^\W\d_]{3,}", text))


def update_state(message: str, state: RegexState) -> RegexState:
    new = state.model_copy(deep=True)
    new.language = detect_language(message, state.language)
    if match := _OF_TOTAL.search(message):
        new.total_sessions = max(1, min(int(match.group(1)), MAX_SESSION_NUMBER))
    minutes, number = read_minutes(message), read_session_number(message, new.total_sessions)
    new.session_minutes = minutes or state.session_minutes
    new.session_number = number or state.session_number
    if match := _SESSIONS_WANTED.search(message):
        new.sessions_wanted = int(match.group(1))
    new.level = read_level(message) or state.level
    new.intent = detect_intent(message, bool(minutes or number)) or state.intent or "plan"
    if len(goal_words(message).split()) >= MIN_GOAL_WORDS:
        new.goals = goals_of(message)
    return new


def goals_of(message: str) -> str:
    """What the message asks the manager to learn.

    "Prepare a curriculum of 8 sessions: LinkedIn, AI" -> "LinkedIn, AI".
    """
    text = strip_scheduling(message)
    head, colon, tail = text.partition(":")
    if colon and tail.strip() and any(p.search(head) for _, p in _INTENTS):
        return tail.strip()
    return text
