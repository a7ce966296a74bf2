"""Access through the app itself: the engine's rules hold whatever the browser sends."""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client

from tests.ui.conftest import PASSWORDS, client

pytestmark = pytest.mark.slow


def test_a_manager_cannot_open_another_pair(app_url: str):
    agenda, exercises, _, journal = client(app_url, "anna").predict(1, "en", api_name="/manager_pair")
    assert agenda == "⚠️ Not allowed: your account cannot do this."  # the engine's reason stays in the log
    assert exercises == ""
    assert journal == ""


def test_hr_cannot_read_a_managers_journal_through_the_app(app_url: str):
    agenda, exercises, _, journal = client(app_url, "hr.laura").predict(1, "en", api_name="/manager_pair")
    assert agenda.startswith("⚠️ Not allowed")
    assert journal == ""
    assert exercises == ""


def test_a_mentor_cannot_review_curricula(app_url: str):
    status, comment = client(app_url, "giulia").predict(1, "approve it myself", "en", api_name="/approve")
    assert status == "⚠️ Not allowed: your account cannot do this."
    assert comment == "approve it myself"


def test_without_signing_in_nothing_is_reachable(app_url: str):
    with pytest.raises(Exception):  # noqa: B017, PT011 - gradio_client raises different types across versions
        Client(app_url, verbose=False).predict("x", [], "en", "", api_name="/chat")
    assert httpx.get(f"{app_url}/config").status_code in (401, 403)


def test_sign_out_ends_the_session(app_url: str):
    with httpx.Client(base_url=app_url, follow_redirects=False) as browser:
        assert browser.post("/login", data={"username": "marco", "password": PASSWORDS["marco"]}).status_code == 200
        assert browser.get("/config").status_code == 200
        browser.get("/logout")
        assert browser.get("/config").status_code in (401, 403)


def test_a_wrong_password_is_refused(app_url: str):
    response = httpx.post(f"{app_url}/login", data={"username": "marco", "password": "not-his-password"})
    assert response.status_code == 401
