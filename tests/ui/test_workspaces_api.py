"""Access through the app itself: the engine's rules hold whatever the browser sends."""

from __future__ import annotations

from html import unescape

import httpx
import pytest
from gradio_client import Client

from companion.app_services import Desks
from companion.services import Services
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


def test_hr_gets_the_dashboard_with_ratings_and_attention_and_no_check_in_text(app_url: str, demo: Services):
    outputs = client(app_url, "hr.laura").predict("all", "it", api_name="/dashboard")
    summary, attention, _pairs, _months, _areas, _exercises, usefulness, _assessment = outputs
    board = Desks.over(demo).hr.dashboard("hr.laura")  # what the desk says, as the page must show it
    mentor = f"{board.usefulness['mentor'].average:.1f}".replace(".", ",")
    assert f"**{board.check_ins} check-in** per le sessioni svolte" in summary
    assert f"utilità media (1-5): mentor **{mentor}**" in summary
    assert "Valutazioni dei check-in: utilità media per mese (1-5)" in usefulness
    assert f"{mentor} su 5" in usefulness
    assert "Da seguire" in attention
    assert "manca il check-in del manager per la sessione" in attention  # the demo's latest sessions
    texts = []  # every check-in's words, read as the pairs' managers may read them (they are shared)
    for pair in demo.programme.pairs(demo.programme.actor("hr.laura")):
        manager = demo.programme.actor(pair.manager.username)
        for held in demo.programme.sessions(manager, pair.id):
            if held.status == "held":
                texts += [t for c in demo.programme.check_ins(manager, held.id) for t in (c.learned, c.change) if t]
    assert len(texts) >= 6
    seen = unescape("\n".join(outputs))
    assert [text for text in texts if text in seen] == []
    recent = client(app_url, "hr.laura").predict("30", "en", api_name="/dashboard")
    assert recent[0].startswith("Since ")
    assert "Needs attention" in recent[1]


def test_a_mentor_gets_no_dashboard(app_url: str):
    outputs = client(app_url, "giulia").predict("all", "en", api_name="/dashboard")
    assert len(outputs) == 8
    assert all(output == "" for output in outputs)
