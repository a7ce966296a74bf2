"""The journey through the app itself (real HTTP, gradio_client): scheduling and check-ins follow the engine's
rules whatever the browser sends, and the manager's agenda never shows the mentor's briefing or questions."""

from __future__ import annotations

import pytest

from companion.services import Services
from tests.ui.conftest import client

pytestmark = pytest.mark.slow


def session_ids(demo: Services, username: str) -> dict[int, int]:
    actor = demo.programme.actor(username)
    [pair] = demo.programme.pairs(actor)
    return {s.number: s.id for s in demo.programme.sessions(actor, pair.id)}


def test_a_manager_checks_in_and_an_outsider_cannot(app_url: str, demo: Services):
    third = session_ids(demo, "marco")[3]
    refused, *_ = client(app_url, "anna").predict(third, 5, "x", "y", False, "en", api_name="/manager_check_in")
    assert refused.startswith("⚠️ Not allowed")
    status, learned, change = client(app_url, "marco").predict(
        third, 4, "link checks", "slower please", True, "it", api_name="/manager_check_in"
    )
    assert status == "✅ Check-in salvato."
    assert (learned, change) == ("", "")
    giulia = demo.programme.actor("giulia")
    assert [c.learned for c in demo.programme.check_ins(giulia, third) if c.side == "manager"] == ["link checks"]


def test_scheduling_through_the_app_follows_the_pairs_rules(app_url: str, demo: Services):
    [pair] = demo.programme.pairs(demo.programme.actor("luca"))
    refused = client(app_url, "hr.laura").predict(
        pair.id, 3, "2030-05-06 17:00", "Europe/Rome", "Sala 1", "en", api_name="/mentor_schedule"
    )
    assert refused.startswith("⚠️ Not allowed")
    bad = client(app_url, "luca").predict(
        pair.id, 3, "next tuesday", "Europe/Rome", "", "en", api_name="/mentor_schedule"
    )
    assert bad.startswith("⚠️ 'next tuesday' is not a date and time")
    assert "YYYY-MM-DD HH:MM" in bad
    done = client(app_url, "luca").predict(
        pair.id, 3, "2030-05-06 17:00", "Europe/Rome", "Sala 1", "en", api_name="/mentor_schedule"
    )
    assert done == "✅ Session 3 is in the calendar: May 6, 2030, 17:00 (Europe/Rome)."


def test_the_managers_agenda_shows_no_briefing_and_no_mentor_questions(app_url: str, demo: Services):
    giulia = demo.programme.actor("giulia")
    [pair] = demo.programme.pairs(giulia)
    fourth = next(s for s in demo.programme.sessions(giulia, pair.id) if s.number == 4)
    plan = fourth.generated_plan
    assert plan["briefing"]
    assert plan["reflection_questions"]["mentor"]
    # The plan comes from the chat's server-side state, so the mentor's save is made on the engine here.
    from companion.domain import SessionPlan

    demo.programme.save_plan(
        giulia, pair.id, 4, SessionPlan.model_validate(plan), "La nostra agenda, con la mia nota privata", True
    )
    agenda, *_ = client(app_url, "marco").predict(pair.id, "it", api_name="/manager_pair")
    for private in [b["text"] for b in plan["briefing"]] + [q["text"] for q in plan["reflection_questions"]["mentor"]]:
        assert private not in agenda
    assert "la mia nota privata" not in agenda
    assert plan["agenda"][0]["title"] in agenda
    assert plan["reflection_questions"]["manager"][0]["text"] in agenda
