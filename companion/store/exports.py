"""Exports: a curriculum or a session plan as Markdown or an iCalendar file; HR's overview as CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from companion.domain import Curriculum, SessionPlan
from companion.rendering import result_markdown
from companion.store.views import PairView, ProgrammeOverview, SessionView

START_HOUR = 9  # sessions without a time are placed at 09:00 local time; the pair moves them in their calendar


def _ics_text(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones continue on lines starting with a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    return "\r\n".join([*out, current])


def _event(uid: str, day: date, minutes: int, summary: str, description: str) -> list[str]:
    start = datetime(day.year, day.month, day.day, START_HOUR, 0)
    end = start + timedelta(minutes=minutes)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",
        f"DTEND:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{_ics_text(summary)}",
        f"DESCRIPTION:{_ics_text(description)}",
        "END:VEVENT",
    ]


def calendar(events: list[list[str]]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//reverse-mentoring companion//EN", "CALSCALE:GREGORIAN"]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def session_markdown(session: SessionView) -> str | None:
    """The plan the pair agreed (the mentor's edited text) or, before that, the generated one; None without a plan."""
    if session.agreed_plan:
        return session.agreed_plan["markdown"]
    return result_markdown(SessionPlan.model_validate(session.generated_plan)) if session.generated_plan else None


def session_ics(pair: PairView, session: SessionView, summary: str | None = None) -> str:
    """One calendar event for a session with a plan; its length is the plan's, its description the plan.
    `summary` is the event's title in the user's language (the application service translates it)."""
    plan = SessionPlan.model_validate(session.generated_plan)
    day = session.scheduled_on or date.today()
    names = f"{pair.mentor.display_name} & {pair.manager.display_name}"
    summary = summary or f"Reverse mentoring: {names} (session {session.number})"
    return calendar(
        [
            _event(
                f"pair{pair.id}-session{session.number}@companion",
                day,
                plan.session_minutes,
                summary,
                session_markdown(session) or "",
            )
        ]
    )


def curriculum_ics(pair: PairView, curriculum: Curriculum, first_day: date) -> str:
    """One event per session, every `cadence_weeks` weeks from the first day."""
    events = []
    for item in curriculum.sessions:
        day = first_day + timedelta(weeks=pair.cadence_weeks * (item.number - 1))
        summary = f"{item.title} ({pair.mentor.display_name} & {pair.manager.display_name})"
        events.append(
            _event(
                f"pair{pair.id}-curriculum-{item.number}@companion", day, pair.session_minutes, summary, item.rationale
            )
        )
    return calendar(events)


def overview_csv(overview: ProgrammeOverview) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "pair",
            "mentor",
            "manager",
            "language",
            "sessions_held",
            "sessions_planned",
            "exercises_done",
            "exercises_assigned",
            "curriculum_status",
            "topics_covered",
            "digcomp_rated_before",
            "digcomp_rated_after",
        ]
    )
    for p in overview.pairs:
        writer.writerow(
            [
                p.pair_id,
                p.mentor,
                p.manager,
                p.language,
                p.sessions_held,
                p.sessions_planned,
                p.exercises_done,
                p.exercises_assigned,
                p.curriculum_status or "",
                " ".join(p.topics_covered),
                len(p.assessment_before),
                len(p.assessment_after),
            ]
        )
    return buffer.getvalue()
