"""Exports: a curriculum or a session plan as Markdown or an iCalendar file; HR's overview as CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from companion.domain import Curriculum, SessionPlan
from companion.i18n import t
from companion.rendering import result_markdown
from companion.store.views import PairView, ProgrammeOverview, SessionView, UserView

START_HOUR = 9  # sessions without a time are placed at 09:00 local time; the pair moves them in their calendar
PRODID = "-//reverse-mentoring companion//EN"
_MARKUP = re.compile(r"\*\*|__|`|^#+\s*|\[(\d+)\]", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def plain_text(value: str) -> str:
    """Markdown to plain text for calendars and e-mails: no emphasis, headings, links' targets or citation marks."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", value)).split())


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _event(uid: str, start: datetime, minutes: int, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("description", description)
    return event


def _attendee(event: Event, user: UserView, role: str) -> None:
    """Both members are attendees; without an e-mail address the user name stands on a reserved domain."""
    address = f"mailto:{user.email or f'{user.username}@users.invalid'}"
    event.add("attendee", address, parameters={"CN": user.display_name, "ROLE": role, "PARTSTAT": "NEEDS-ACTION"})


def calendar(events: list[Event]) -> str:
    cal = _calendar()
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return str(cal.to_ical().decode("utf-8"))


def session_uid(pair_id: int, number: int) -> str:
    """Stable per pair and session number: exporting again updates the same calendar event."""
    return f"pair{pair_id}-session{number}@companion"


def session_description(plan: SessionPlan) -> str:
    """Agenda titles and minutes, then the topics, as plain text in the plan's language."""
    lang = plan.language
    minutes = t(lang, "minutes_short")
    lines = [f"{t(lang, 'agenda')}:"]
    lines += [f"- {plain_text(item.title)} ({item.minutes} {minutes})" for item in plan.agenda]
    if plan.topics:
        lines += ["", f"{t(lang, 'topics')}: " + ", ".join(plain_text(topic.title) for topic in plan.topics)]
    return "\n".join(lines)


def session_markdown(session: SessionView) -> str | None:
    """The plan the pair agreed (the mentor's edited text) or, before that, the generated one; None without a plan."""
    if session.agreed_plan:
        return str(session.agreed_plan["markdown"])
    return result_markdown(SessionPlan.model_validate(session.generated_plan)) if session.generated_plan else None


def manager_agenda_markdown(session: SessionView) -> str | None:
    """What the manager sees of a shared plan: the agenda, the topics and the manager's own reflection questions.
    Never the mentor's briefing nor the mentor's questions (the mentor's edited text may hold both, so it is not
    shown as is); None without a plan."""
    if not session.generated_plan:
        return None
    plan = SessionPlan.model_validate(session.generated_plan)
    lang = plan.language
    format_name = t(lang, f"format_{plan.format}") if plan.format else ""
    heading = t(lang, "plan_heading", number=plan.session_number, format=format_name, minutes=plan.session_minutes)
    lines = [f"### {heading}", "", f"#### {t(lang, 'agenda')}"]
    for item in plan.agenda:
        lines.append(f"- **{plain_text(item.title)}** ({item.minutes} {t(lang, 'minutes_short')})")
        lines += [f"  {plain_text(line)}" for line in item.activity.splitlines() if plain_text(line)]
    if plan.topics:
        lines += ["", f"#### {t(lang, 'topics')}"]
        lines += [f"- **{plain_text(topic.title)}**: {plain_text(topic.why)}" for topic in plan.topics]
    if plan.reflection_questions.manager:
        lines += ["", f"#### {t(lang, 'reflection_for_you')}"]
        lines += [f"- {plain_text(q.text)}" for q in plan.reflection_questions.manager]
    return "\n".join(lines)


def session_ics(pair: PairView, session: SessionView, summary: str | None = None) -> str:
    """One calendar event for a session with a plan: at its scheduled start in the pair's time zone (with its
    VTIMEZONE), or at 09:00 floating time on its day before it is scheduled; its length is the plan's; both
    members attend; the description is the agenda in plain text."""
    plan = SessionPlan.model_validate(session.generated_plan)
    if session.starts_at is not None:
        start = session.starts_at
    else:
        day = session.scheduled_on or date.today()
        start = datetime(day.year, day.month, day.day, START_HOUR, 0)
    names = f"{pair.mentor.display_name} & {pair.manager.display_name}"
    summary = summary or f"Reverse mentoring: {names} (session {session.number})"  # the desk passes it translated
    event = _event(
        session_uid(pair.id, session.number), start, plan.session_minutes, summary, session_description(plan)
    )
    if session.location:
        event.add("location", session.location)
    if session.status == "cancelled":
        event.add("status", "CANCELLED")
    _attendee(event, pair.mentor, "CHAIR")
    _attendee(event, pair.manager, "REQ-PARTICIPANT")
    return calendar([event])


def curriculum_ics(pair: PairView, curriculum: Curriculum, first_day: date) -> str:
    """One event per session, every `cadence_weeks` weeks from the first day, at 09:00 floating time."""
    events = []
    for item in curriculum.sessions:
        day = first_day + timedelta(weeks=pair.cadence_weeks * (item.number - 1))
        summary = f"{item.title} ({pair.mentor.display_name} & {pair.manager.display_name})"
        events.append(
            _event(
                f"pair{pair.id}-curriculum-{item.number}@companion",
                datetime(day.year, day.month, day.day, START_HOUR, 0),
                pair.session_minutes,
                summary,
                plain_text(item.rationale),
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
