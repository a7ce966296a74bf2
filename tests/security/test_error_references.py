"""Hardening-2 finding 2: an unexpected exception in any handler of the served app shows the user only the
generic, translated message with a reference; the same reference is logged with the traceback; the browser never
sees SQL or other internals."""

from __future__ import annotations

import logging
import re

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from sqlalchemy.exc import OperationalError

from companion.app_services import Desks
from companion.chat.conversation import Conversation
from companion.services import Services
from tests.ui.conftest import PASSWORDS

pytestmark = pytest.mark.slow

SECRET_SQL = "SELECT password_hash FROM users WHERE username = 'giulia'"
GENERIC = {
    "en": re.compile(r"Something went wrong on our side .* administrator: ([0-9A-F]{8})\."),
    "it": re.compile(r"Qualcosa non ha funzionato .* amministratore: ([0-9A-F]{8})\."),
}


def broken(*args, **kwargs):
    raise OperationalError(SECRET_SQL, {}, Exception("database disk image is malformed"))


def logged_reference(caplog: pytest.LogCaptureFixture, ref: str) -> logging.LogRecord:
    records = [r for r in caplog.records if ref in r.getMessage()]
    assert len(records) == 1, [r.getMessage() for r in caplog.records]
    assert records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None
    assert records[0].exc_info[0] is OperationalError
    return records[0]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_failing_handler_shows_a_reference_that_is_logged(
    demo: Services, app_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, lang: str
):
    pair_id = Desks.over(demo).people.pairs("giulia")[0].id
    client = Client(app_url, auth=("giulia", PASSWORDS["giulia"]), verbose=False)
    monkeypatch.setattr(demo.programme, "next_session_number", broken)
    caplog.set_level(logging.ERROR)
    with pytest.raises(AppError) as raised:
        client.predict(pair_id, lang, api_name="/mentor_pair")
    text = str(raised.value)
    for internal in ("SELECT", "password_hash", "malformed", "OperationalError"):
        assert internal not in text
    match = GENERIC[lang].search(text)
    assert match, text
    record = logged_reference(caplog, match.group(1))
    assert "giulia" in record.getMessage()


def test_a_failing_stream_shows_a_reference_that_is_logged(
    demo: Services, app_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def respond(self, message, state):
        yield from ()
        broken()

    monkeypatch.setattr(Conversation, "respond", respond)
    caplog.set_level(logging.ERROR)
    client = Client(app_url, auth=("giulia", PASSWORDS["giulia"]), verbose=False)
    with pytest.raises(AppError) as raised:
        client.predict("Session 2, 60 minutes: phishing", [], "en", "", api_name="/chat")
    text = str(raised.value)
    assert "SELECT" not in text
    match = GENERIC["en"].search(text)
    assert match, text
    logged_reference(caplog, match.group(1))


def test_a_failing_export_shows_a_reference_that_is_logged(
    demo: Services, app_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    import httpx

    monkeypatch.setattr(demo.programme, "overview", broken)
    caplog.set_level(logging.ERROR)
    with httpx.Client(base_url=app_url, timeout=30) as web:
        web.post("/login", data={"username": "hr.laura", "password": PASSWORDS["hr.laura"]}).raise_for_status()
        answer = web.get("/exports/programme-overview.csv", headers={"accept-language": "it"})
    assert answer.status_code == 500
    assert "SELECT" not in answer.text
    match = GENERIC["it"].search(answer.json()["detail"])
    assert match, answer.text
    logged_reference(caplog, match.group(1))
