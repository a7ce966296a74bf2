"""Issue 11 through the app itself (real HTTP, gradio_client): the mentor answers HR's review by editing the
curriculum and HR sees what changed; the manager's self-assessment; what is waiting for each person on sign-in.
The curriculum and the self-assessment use a pair of their own, so the demo's pairs stay as other tests expect."""

from __future__ import annotations

import re

import pytest

from companion.domain import DIGCOMP_COMPETENCES
from companion.services import Services
from tests.ui.conftest import client

pytestmark = pytest.mark.slow

NEW_TOPIC = "video-meetings-and-hybrid-work"


@pytest.fixture(scope="module")
def loop_pair(demo: Services) -> int:
    for name, role in (("ui.loop.mentor", "mentor"), ("ui.loop.manager", "manager")):
        demo.programme.create_user(None, name, name.title(), role, "a-long-password")
    pair = demo.programme.create_pair(
        None, "ui.loop.mentor", "ui.loop.manager", goals="spot phishing", total_sessions=8
    )
    return pair.id


def test_the_mentor_edits_what_hr_sent_back_and_hr_sees_the_changes(app_url: str, demo: Services, loop_pair: int):
    mentor = client(app_url, "ui.loop.mentor")
    submitted, _ = mentor.predict(loop_pair, "en", api_name="/submit_curriculum")
    assert submitted == "✅ Version 1 submitted to HR for review."
    [first] = demo.programme.curricula(demo.programme.actor("hr.laura"), loop_pair)
    hr = client(app_url, "hr.laura")
    hr.predict(first.id, "Six sessions, and one on hybrid meetings", "en", api_name="/request_changes")

    draft, *_ = mentor.predict(loop_pair, "en", api_name="/curriculum_draft")
    assert "HR asked for changes: “Six sessions, and one on hybrid meetings”" in draft
    assert "**Version 1 (changes requested), as you are editing it**" in draft
    assert NEW_TOPIC not in draft  # topics by title, never by slug
    third = first.content["sessions"][2]
    assert third["topics"] != [NEW_TOPIC]
    format_name = {"skill-deep-dive": "Skill deep-dive", "hands-on-lab": "Hands-on lab"}[third["format"]]

    draft, *_ = mentor.predict(loop_pair, 3, NEW_TOPIC, "en", api_name="/curriculum_topic")
    assert f"3. {format_name}: Video meetings and hybrid work" in draft
    draft, *_ = mentor.predict(loop_pair, 6, "en", api_name="/curriculum_sessions")
    assert "8 → 6 sessions" in draft
    assert "Your changes, not sent yet: session 3: " in draft

    refused = client(app_url, "ui.loop.manager").predict(loop_pair, "en", api_name="/curriculum_resubmit")
    assert refused == "⚠️ Not allowed: your account cannot do this."
    sent = mentor.predict(loop_pair, "it", api_name="/curriculum_resubmit")
    assert sent == "✅ Versione 2 inviata all'HR con le tue modifiche."

    second = demo.programme.curricula(demo.programme.actor("hr.laura"), loop_pair)[-1]
    assert (second.version, second.status, len(second.content["sessions"])) == (2, "submitted", 6)
    preview = hr.predict(second.id, "it", api_name="/curriculum_preview")
    assert "**Cosa è cambiato rispetto alla versione 1**: sessione 3: " in preview
    assert re.search(r"sessione 3: [^;]+ → Videoriunioni e lavoro ibrido;", preview)
    assert "8 → 6 sessioni" in preview
    assert "Commento alla versione 1: «Six sessions, and one on hybrid meetings»" in preview


def test_the_manager_fills_in_the_self_assessment_and_finds_it_again(app_url: str, loop_pair: int):
    levels = {code: None for code in DIGCOMP_COMPETENCES} | {"1.1": "foundation", "4.1": "not-yet"}
    refused = client(app_url, "ui.loop.mentor").predict(
        loop_pair, "before", "en", *levels.values(), api_name="/save_assessment"
    )
    assert refused.startswith("⚠️ Not allowed")
    manager = client(app_url, "ui.loop.manager")
    saved = manager.predict(loop_pair, "before", "en", *levels.values(), api_name="/save_assessment")
    assert saved == "✅ Self-assessment saved: 2 of 21 competences rated."
    status, *shown = client(app_url, "ui.loop.manager").predict(loop_pair, "before", "en", api_name="/self_assessment")
    assert status == ""
    assert dict(zip(DIGCOMP_COMPETENCES, shown, strict=True)) == levels
    _, *at_the_end = manager.predict(loop_pair, "after", "en", api_name="/self_assessment")
    assert not any(at_the_end)


def test_each_side_sees_what_is_waiting_for_them_in_their_language(app_url: str, demo: Services):
    marco = demo.programme.actor("marco")
    [pair] = demo.programme.pairs(marco)
    open_titles = [e.title for e in demo.programme.exercises(marco, pair.id) if e.status == "assigned"]
    assert open_titles
    for_marco, same = client(app_url, "marco").predict("it", api_name="/reminders")
    assert for_marco == same  # the same box at the top of either workspace
    assert for_marco.startswith("**Ti aspetta**")
    assert re.search(r"Prossima sessione \(\d+\) con Giulia Ferri: \d+ \w+ \d{4}, \d\d:\d\d \(Europe/Rome\)", for_marco)
    assert f"Esercizio da fare: {open_titles[0]}" in for_marco
    for_giulia, _ = client(app_url, "giulia").predict("en", api_name="/reminders")
    assert for_giulia.startswith("**Waiting for you**")
    assert "Next session" in for_giulia
    assert not any(title in for_giulia for title in open_titles)  # the manager's exercises are theirs
