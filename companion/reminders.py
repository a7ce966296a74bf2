"""Reminders and nudges (issue 11): what is waiting for each person when they sign in, HR's stalled pairs and
overdue check-ins, and, when `COMPANION_SMTP_URL` is set, the same as an e-mail. An e-mail carries facts only:
dates, session numbers, exercise titles from the library; never notes, journal entries or check-in text."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from companion.config import Settings
from companion.domain import Language
from companion.i18n import format_when, t
from companion.store.access import Actor
from companion.store.programme import Programme
from companion.store.views import PairView, Reminder, UserView

log = logging.getLogger(__name__)


def reminders_for(programme: Programme, actor: Actor, settings: Settings, at: datetime | None = None) -> list[Reminder]:
    """What is waiting for the signed-in user (members), or what HR should look at (staff)."""
    return programme.reminders(
        actor, at=at, stalled_weeks=settings.stalled_after_weeks, overdue_days=settings.check_in_overdue_days
    )


def when(reminder: Reminder, lang: Language) -> str:
    """The start in the session's own time zone, named, written the language's way."""
    if reminder.starts_at is None:
        return "-"
    zone = reminder.time_zone or "UTC"
    return format_when(reminder.starts_at.astimezone(ZoneInfo(zone)), zone, lang)


def reminder_line(reminder: Reminder, lang: Language, pairs: dict[int, PairView], me: str) -> str:
    """One reminder as a sentence in the user's language."""
    pair = pairs.get(reminder.pair_id)
    mentor = pair.mentor.display_name if pair else "?"
    manager = pair.manager.display_name if pair else "?"
    other = manager if pair and pair.mentor.username == me else mentor
    if reminder.kind == "next_session":
        return t(lang, "reminder_next_session", n=reminder.session_number, other=other, when=when(reminder, lang))
    if reminder.kind == "check_in":
        return t(lang, "reminder_check_in", n=reminder.session_number, other=other)
    if reminder.kind == "exercise_due":
        return t(lang, "reminder_exercise_due", title=reminder.title)
    if reminder.kind == "stalled_pair":
        return t(lang, "reminder_stalled_pair", mentor=mentor, manager=manager, weeks=reminder.weeks)
    side = t(lang, f"side_{reminder.side}")
    return t(lang, "reminder_overdue_check_in", mentor=mentor, manager=manager, side=side, n=reminder.session_number)


def reminder_lines(programme: Programme, actor: Actor, settings: Settings, at: datetime | None = None) -> list[str]:
    user = programme.user(actor)
    pairs = {p.id: p for p in programme.pairs(actor)}
    return [
        reminder_line(r, user.language, pairs, actor.username) for r in reminders_for(programme, actor, settings, at)
    ]


def reminder_email(user: UserView, lines: list[str], sender: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = t(user.language, "reminder_subject")
    message["From"] = sender
    message["To"] = user.email
    body = [t(user.language, "reminder_intro", name=user.display_name), ""]
    body += [f"- {line}" for line in lines]
    body += ["", t(user.language, "reminder_footer")]
    message.set_content("\n".join(body))
    return message


def _smtp(url: str, timeout: float) -> smtplib.SMTP:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError("COMPANION_SMTP_URL must start with smtp:// or smtps://")
    host = parts.hostname or "localhost"
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, parts.port or 465, timeout=timeout)
    else:
        client = smtplib.SMTP(host, parts.port or 587, timeout=timeout)
        if parts.port != 25 and client.has_extn("starttls"):
            client.starttls()
    if parts.username:
        client.login(unquote(parts.username), unquote(parts.password or ""))
    return client


def send_reminders(
    programme: Programme, admin: Actor, settings: Settings, at: datetime | None = None, timeout: float = 30.0
) -> int:
    """E-mail each active user with an address what is waiting for them; returns how many e-mails were sent.
    Off (0) without `COMPANION_SMTP_URL`. Run by an admin or HR (they list the users)."""
    if not settings.smtp_url:
        log.info("e-mail reminders are off: COMPANION_SMTP_URL is not set")
        return 0
    sent = 0
    with _smtp(settings.smtp_url, timeout) as client:
        for user in programme.users(admin):
            if not user.active or not user.email:
                continue
            actor = programme.actor(user.username)
            lines = reminder_lines(programme, actor, settings, at)
            if not lines:
                continue
            client.send_message(reminder_email(user, lines, settings.smtp_from))
            sent += 1
    log.info("sent %d reminder e-mail(s)", sent)
    return sent
