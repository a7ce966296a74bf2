"""Reminders on sign-in and by e-mail, against a real SMTP server (aiosmtpd) on 127.0.0.1 started by the test.
Nothing private (notes, journal, check-in text) may reach an e-mail."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from companion.config import Settings
from companion.reminders import reminder_lines, send_reminders
from companion.store.db import Database
from companion.store.programme import Programme

PRIVATE = ("NOTE-SECRET", "JOURNAL-SECRET", "CHECKIN-SECRET", "CHANGE-SECRET")


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield f"smtp://127.0.0.1:{controller.port}", inbox
    controller.stop()


@pytest.fixture
def programme(tmp_path: Path) -> Programme:
    programme = Programme(Database(f"sqlite:///{tmp_path / 'mail.db'}"))
    people = [
        ("root", "admin", ""),
        ("laura", "hr", "laura@example.com"),
        ("giulia", "mentor", "giulia@example.com"),
        ("marco", "manager", "marco@example.com"),
        ("sam", "mentor", ""),
        ("helen", "manager", "helen@example.com"),
    ]
    for name, role, email in people:
        programme.create_user(
            None, name, name.title(), role, "a-long-password", "it" if name == "marco" else "en", email
        )
    pair = programme.create_pair(None, "giulia", "marco", goals="phishing", language="it").id
    programme.create_pair(None, "sam", "helen", goals="LinkedIn")
    giulia, marco = programme.actor("giulia"), programme.actor("marco")
    now = datetime.now(UTC)
    held = programme.record_session(giulia, pair, 1, (now - timedelta(days=10)).date(), status="held")
    programme.add_note(giulia, held.id, "NOTE-SECRET", shared=True)
    programme.add_journal_entry(marco, pair, "JOURNAL-SECRET", shared=True)
    programme.check_in(giulia, held.id, 4, "CHECKIN-SECRET", "CHANGE-SECRET", shared=True)
    programme.schedule_session(giulia, pair, 2, datetime(2030, 3, 30, 17, 0), "Europe/Rome", "Sala 2")
    return programme


def test_sign_in_reminders_in_the_users_language(programme: Programme):
    settings = Settings(_env_file=None)
    assert reminder_lines(programme, programme.actor("marco"), settings) == [
        "Prossima sessione (2) con Giulia: 30 marzo 2030, 17:00 (Europe/Rome)",
        "Il tuo check-in per la sessione 1 con Giulia ti aspetta",
    ]
    assert reminder_lines(programme, programme.actor("giulia"), settings) == [
        "Next session (2) with Marco: March 30, 2030, 17:00 (Europe/Rome)"
    ]
    later = datetime.now(UTC) + timedelta(weeks=8)
    hr = reminder_lines(programme, programme.actor("laura"), settings, at=later)
    assert "Giulia & Marco: the manager's check-in for session 1 is overdue" in hr
    assert "Sam & Helen: no session held for 8 weeks" in hr


def test_reminders_by_email_carry_no_private_text(programme: Programme, smtp):
    url, inbox = smtp
    settings = Settings(_env_file=None, smtp_url=url, smtp_from="companion@example.com")
    sent = send_reminders(programme, programme.actor("root"), settings, at=datetime.now(UTC) + timedelta(weeks=8))
    recipients = sorted(to for tos, _ in inbox.messages for to in tos)
    assert sent == len(inbox.messages) == 3
    assert recipients == ["giulia@example.com", "laura@example.com", "marco@example.com"]  # sam has no address
    for _, message in inbox.messages:
        body = message.get_payload(decode=True).decode()
        assert message["From"] == "companion@example.com"
        assert not any(secret in body for secret in PRIVATE), body
    marco = next(m for tos, m in inbox.messages if tos == ["marco@example.com"])
    assert marco["Subject"] == "Reverse mentoring: cosa ti aspetta"
    assert "check-in per la sessione 1" in marco.get_payload(decode=True).decode()


def test_no_smtp_url_means_no_email(programme: Programme, smtp):
    _, inbox = smtp
    assert send_reminders(programme, programme.actor("root"), Settings(_env_file=None)) == 0
    assert inbox.messages == []


def test_only_staff_send_reminders(programme: Programme, smtp):
    from companion.store.access import AccessDenied

    url, inbox = smtp
    with pytest.raises(AccessDenied):
        send_reminders(programme, programme.actor("giulia"), Settings(_env_file=None, smtp_url=url))
    assert inbox.messages == []
