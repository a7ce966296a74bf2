"""The understood request in one discreet line: "Plan · 45 min · Thu 3 Dec · Video meetings and hybrid work"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from companion.chat.reading import Reading
from companion.domain import Curriculum, ExerciseSet, Generated, Language, SessionPlan, TopicList
from companion.i18n import t
from companion.rendering import result_sections, safe_markdown

if TYPE_CHECKING:
    from companion.chat.conversation import ChatReply

WEEKDAYS: dict[Language, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "it": ("lun", "mar", "mer", "gio", "ven", "sab", "dom"),
}
MONTHS: dict[Language, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
}


def short_date(day: dt.date, lang: Language) -> str:
    return f"{WEEKDAYS[lang][day.weekday()]} {day.day} {MONTHS[lang][day.month - 1]}"


def reading_line(
    reading: Reading, state: object, result: Generated | None, lang: Language, intent: str | None = None
) -> str:
    """Intent, length, date and topics as understood (and, once planned, as planned)."""
    intent = intent or reading.intent
    if intent == "smalltalk":
        return ""
    parts = [t(lang, f"intent_{intent}")]
    minutes = result.session_minutes if isinstance(result, SessionPlan) else reading.minutes
    if minutes:
        parts.append(f"{minutes} {t(lang, 'minutes_short')}")
    date = reading.date or getattr(state, "date", None)
    if date and intent in ("plan", "revise"):
        parts.append(short_date(date, lang))
    if isinstance(result, Curriculum):
        parts.append(t(lang, "line_sessions", sessions=len(result.sessions)))
    if isinstance(result, ExerciseSet):
        parts.append(t(lang, f"level_{result.level}"))
    if isinstance(result, SessionPlan | TopicList):
        parts.append(", ".join(topic.title for topic in result.topics))
    return " · ".join(part for part in parts if part)


def reply_markdown(reply: ChatReply, title: Callable[[str, Language], str] | None = None) -> str:
    """A reply as the chat shows it (and keeps it): what was understood in one discreet line, the text, then
    the result's sections; a plan of the pair's next session says what it was based on under its heading."""
    from companion.history_planning import based_on_markdown

    # What the chat understood, in one discreet line above the answer ("Plan · 45 min · Thu 3 Dec · ...").
    understood = f"<sub>{safe_markdown(reply.line)}</sub>\n\n" if reply.line else ""
    if reply.result is None:
        return understood + safe_markdown(reply.text)
    sections = list(result_sections(reply.result))
    based_on = reply.state.based_on
    if isinstance(reply.result, SessionPlan) and based_on and based_on.session_number == reply.result.session_number:
        sections.insert(1, based_on_markdown(based_on, reply.result.language, title))
    written = understood + (f"{safe_markdown(reply.text)}\n\n" if reply.text else "")
    return written + "".join(safe_markdown(section) + "\n" for section in sections)
