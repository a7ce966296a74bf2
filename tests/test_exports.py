"""Calendar files read back with the icalendar package: the scheduled start in the pair's time zone, the place,
both people, a plain-text agenda, and one UID per session so a second export updates the same event."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from companion.domain import AgendaItem, SessionPlan, TopicSuggestion
from companion.exports import plain_text, session_ics
from companion.store.db import Database
from companion.store.programme import Programme

PLAN = SessionPlan(
    language="en",
    session_minutes=45,
    session_number=2,
    format="skill-deep-dive",
    topics=[TopicSuggestion(slug="phishing-and-scams", title="Spotting **phishing**", why="w", citations=["a#b"])],
    agenda=[
        AgendaItem(title="Check-in", minutes=5, activity="- **Ask** how it went", citations=["format-x-en#phases"]),
        AgendaItem(title="**Demo**: a fake invoice", minutes=30, activity="Show it [1]", citations=["a#b"]),
        AgendaItem(title="Wrap-up", minutes=10, activity="Agree the exercise", citations=["format-x-en#phases"]),
    ],
    reflection_questions={"mentor": [], "manager": []},
    exercises=[],
)


def parsed(ics: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(ics)
    [event] = calendar.walk("VEVENT")
    return event


def make_pair(tmp_path: Path):
    programme = Programme(Database(f"sqlite:///{tmp_path / 'ics.db'}"))
    programme.create_user(None, "giulia", "Giulia Ferri", "mentor", "a-long-password", email="giulia@example.com")
    programme.create_user(None, "marco", "Marco Bellini", "manager", "a-long-password")
    pair = programme.create_pair(None, "giulia", "marco", goals="phishing", language="it")
    return programme, programme.actor("giulia"), pair.id


def test_a_scheduled_session_exports_at_its_time_in_the_pairs_zone(tmp_path: Path):
    programme, mentor, pair_id = make_pair(tmp_path)
    programme.save_plan(mentor, pair_id, 2, PLAN, "**Our** agenda", shared=True)
    session = programme.schedule_session(
        mentor, pair_id, 2, datetime(2026, 3, 30, 17, 0), "Europe/Rome", "Sala 2, https://meet.example.com/x"
    )
    ics = session_ics(programme.pair(mentor, pair_id), session)
    calendar = icalendar.Calendar.from_ical(ics)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    event = parsed(ics)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime(2026, 3, 30, 17, 0, tzinfo=ZoneInfo("Europe/Rome"))
    assert start.astimezone(UTC) == datetime(2026, 3, 30, 15, 0, tzinfo=UTC)
    assert (end - start).total_seconds() == 45 * 60
    assert str(event["LOCATION"]) == "Sala 2, https://meet.example.com/x"
    attendees = {str(a): a.params["CN"] for a in event["ATTENDEE"]}
    assert attendees == {"mailto:giulia@example.com": "Giulia Ferri", "mailto:marco@users.invalid": "Marco Bellini"}
    description = str(event["DESCRIPTION"])
    assert description.splitlines() == [
        "Agenda:",
        "- Check-in (5 min)",
        "- Demo: a fake invoice (30 min)",
        "- Wrap-up (10 min)",
        "",
        "Topics: Spotting phishing",
    ]
    assert "**" not in description
    assert "#" not in description  # no section ids
    assert str(event["UID"]) == "pair1-session2@companion"


def test_moving_a_session_re_exports_the_same_event(tmp_path: Path):
    programme, mentor, pair_id = make_pair(tmp_path)
    programme.save_plan(mentor, pair_id, 2, PLAN, "agenda", shared=True)
    first = programme.schedule_session(mentor, pair_id, 2, datetime(2026, 3, 30, 17, 0), "Europe/Rome")
    moved = programme.move_session(mentor, first.id, datetime(2026, 4, 2, 8, 30), "America/New_York")
    pair = programme.pair(mentor, pair_id)
    before, after = parsed(session_ics(pair, first)), parsed(session_ics(pair, moved))
    assert before["UID"] == after["UID"]
    assert after.decoded("DTSTART") == datetime(2026, 4, 2, 8, 30, tzinfo=ZoneInfo("America/New_York"))
    cancelled = programme.cancel_session(mentor, first.id)
    assert str(parsed(session_ics(pair, cancelled))["STATUS"]) == "CANCELLED"


def test_plain_text_drops_markdown():
    assert plain_text("**Demo**: see [the card](https://x.y) `now` [2]") == "Demo: see the card now"


def test_the_managers_agenda_never_shows_the_mentors_briefing_or_questions(tmp_path: Path):
    from companion.domain import CitedText, ReflectionQuestions
    from companion.exports import manager_agenda_markdown

    plan = PLAN.model_copy(
        update={
            "briefing": [CitedText(text="MENTOR-BRIEFING: she is nervous about basics", citations=["a#b"])],
            "reflection_questions": ReflectionQuestions(
                mentor=[CitedText(text="MENTOR-QUESTION: did I talk too much?", citations=["a#b"])],
                manager=[CitedText(text="What will you try on Monday?", citations=["a#b"])],
            ),
        }
    )
    programme, mentor, pair_id = make_pair(tmp_path)
    saved = programme.save_plan(
        mentor, pair_id, 2, plan, "Agenda\n\nMENTOR-BRIEFING in the edited text too", shared=True
    )
    shown = manager_agenda_markdown(programme.shared_agenda(programme.actor("marco"), pair_id))
    assert "MENTOR-" not in shown
    assert "Demo: a fake invoice" in shown  # the agenda
    assert "Spotting phishing" in shown  # the topics
    assert "What will you try on Monday?" in shown  # the manager's own questions
    assert saved.number == 2
