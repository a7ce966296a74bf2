"""Each role's journey in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright): sign in, do
the job, see the result. The demo programme supplies the accounts."""

from __future__ import annotations

import pytest

from companion.app_services import Desks
from companion.domain import Language, PairProfile
from companion.services import Services
from tests.ui.conftest import PASSWORDS

pytestmark = pytest.mark.slow


def sign_in(browser, url: str, username: str):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(url)
    page.locator("input").nth(0).fill(username)
    page.locator("input[type=password]").fill(PASSWORDS[username])
    page.keyboard.press("Enter")
    page.locator("#signed-in").get_by_text(username[:1].upper(), exact=False).first.wait_for(timeout=30_000)
    return page


def speaks(services: Services, username: str, lang: Language) -> None:
    """The account's saved language, as the journey expects it (another test may have switched it)."""
    Desks.over(services).people.set_language(username, lang)


def test_mentor_prepares_saves_and_shares_a_plan_in_italian(browser, demo: Services, app_url: str):
    speaks(demo, "giulia", "it")
    page = sign_in(browser, app_url, "giulia")  # Giulia prefers Italian: the whole UI follows
    page.get_by_role("tab", name="Prepara le sessioni").wait_for(timeout=20_000)
    assert page.get_by_role("tab", name="Il mio percorso").count() == 0  # not a manager's workspace
    page.locator("#mentor-summary").get_by_text("Giulia Ferri").wait_for(timeout=20_000)
    page.fill("#message textarea", "Sessione 4, 60 minuti: vuole usare meglio l'intelligenza artificiale generativa")
    page.click("#send")
    page.locator("#chat").get_by_text("Agenda", exact=True).wait_for(timeout=60_000)
    page.locator("#plan-heading").get_by_text("Piano della sessione 4").wait_for(timeout=20_000)
    assert page.locator("#plan-agenda").get_by_role("columnheader", name="Tipo").count() == 1
    page.locator("#plan-share input").check()
    page.click("#plan-save")
    page.locator("#plan-status").get_by_text("condiviso con il manager").wait_for(timeout=30_000)
    assert "Sessione 4" in page.locator("#mentor-history").inner_text()
    page.context.close()


def share_a_plan(services: Services, mentor: str) -> str:
    """What the mentor's journey does through the browser, done directly: tests must not depend on order.
    Returns the heading the manager should see for it."""
    desks = Desks.over(services)
    pair = desks.people.pairs(mentor)[0]
    number = desks.mentor.open_pair(mentor, pair.id).next_session_number
    plan = services.planner.plan_session(PairProfile(language=pair.language, goals=pair.goals, session_number=number))
    desks.mentor.save_plan(mentor, pair.id, plan.model_dump(mode="json"), "### Piano\n", shared=True)
    return plan.agenda[0].title


def test_manager_sees_the_shared_agenda_and_does_the_follow_up(browser, demo: Services, app_url: str):
    title = share_a_plan(demo, "giulia")
    speaks(demo, "marco", "it")
    page = sign_in(browser, app_url, "marco")
    page.get_by_role("tab", name="Il mio percorso").wait_for(timeout=20_000)
    agenda = page.locator("#manager-agenda")
    agenda.get_by_text(title, exact=False).first.wait_for(timeout=30_000)
    page.click("#exercises-suggest")
    suggested = page.locator("#exercises-suggested").get_by_role("heading", name="Esercizi di follow-up")
    suggested.first.wait_for(timeout=30_000)
    page.click("#exercises-keep")
    page.locator("#exercises-status").get_by_text("aggiunti alla tua lista").wait_for(timeout=30_000)
    page.locator("#exercise-open input").click()
    page.get_by_role("option").first.click()
    page.fill("#exercise-feedback textarea", "Utile, fatto in venti minuti")
    page.click("#exercise-done")
    page.locator("#exercise-done-status").get_by_text("Segnato come fatto").wait_for(timeout=30_000)
    page.fill("#journal-text textarea", "Oggi ho capito perché la verifica delle fonti conta")
    page.click("#journal-save")
    page.locator("#journal-list").get_by_text("verifica delle fonti").wait_for(timeout=30_000)
    page.context.close()


def test_hr_reviews_a_curriculum_and_sees_the_dashboard(browser, demo: Services, app_url: str):
    speaks(demo, "hr.laura", "en")
    page = sign_in(browser, app_url, "hr.laura")
    page.get_by_role("tab", name="Programme review").click()
    page.locator("#hr-version input").click()
    page.get_by_role("option").first.click()
    page.locator("#hr-preview").get_by_text("Curriculum", exact=False).first.wait_for(timeout=30_000)
    page.fill("#hr-comment textarea", "Well balanced, approved.")
    page.click("#hr-approve")
    page.locator("#hr-review-status").get_by_text("Approved.").wait_for(timeout=30_000)
    page.click("#hr-refresh")
    page.locator("#hr-summary").get_by_text("%").wait_for(timeout=30_000)
    assert page.locator("#hr-chart-pairs").is_visible()
    assert page.locator("#hr-csv").is_visible()
    assert page.get_by_role("tab", name="Prepare sessions").count() == 0
    page.context.close()


def test_the_interface_switches_language_and_the_library_searches(browser, demo: Services, app_url: str):
    speaks(demo, "helen", "en")
    page = sign_in(browser, app_url, "helen")  # English by preference
    page.get_by_role("tab", name="My programme").wait_for(timeout=20_000)
    page.get_by_label("Italiano").check()
    page.get_by_role("tab", name="Biblioteca").wait_for(timeout=10_000)
    page.get_by_role("tab", name="Biblioteca").click()
    page.fill("#library-query textarea", "regole per il primo incontro")
    page.click("#library-search")
    page.locator("#library-results").get_by_text("Guida al programma", exact=False).first.wait_for(timeout=30_000)
    assert page.locator("#library-upload").count() == 0 or not page.locator("#library-upload").is_visible()
    page.get_by_label("English").check()
    page.get_by_role("tab", name="Library").wait_for(timeout=10_000)
    page.context.close()


def test_the_mentors_chat_is_there_again_after_a_reload(
    browser, demo: Services, app_url: str, monkeypatch: pytest.MonkeyPatch
):
    """The conversation and the plan live on the server: reloading the page (or another device) finds them."""
    from datetime import date

    programme = demo.programme
    mentor, manager = "browser.chat.mentor", "browser.chat.manager"
    programme.create_user(None, mentor, "Bettina", "mentor", "a-long-password", language="en")
    programme.create_user(None, manager, "Bruno", "manager", "a-long-password")
    pair_id = programme.create_pair(None, mentor, manager, goals="spot phishing emails and use MFA").id
    first = demo.planner.plan_session(PairProfile(goals="phishing", session_number=1))
    held = programme.record_session(programme.actor(mentor), pair_id, 1, date(2026, 3, 2), first, "held")
    programme.check_in(programme.actor(manager), held.id, 2, "", "The pace was too fast", shared=True)
    monkeypatch.setitem(PASSWORDS, mentor, "a-long-password")
    page = sign_in(browser, app_url, mentor)
    page.locator("#mentor-summary").get_by_text("Bettina").wait_for(timeout=20_000)
    page.fill("#message textarea", "Plan the next session")
    page.click("#send")
    page.locator("#chat").get_by_text("Based on", exact=True).wait_for(timeout=60_000)
    page.reload()
    page.locator("#mentor-summary").get_by_text("Bettina").wait_for(timeout=30_000)
    chat = page.locator("#chat")
    chat.get_by_text("Plan the next session", exact=True).wait_for(timeout=30_000)
    chat.get_by_text("Based on", exact=True).wait_for(timeout=30_000)
    page.locator("#plan-heading").get_by_text("Session 2 plan: Hands-on lab").wait_for(timeout=30_000)
    page.click("#chat-new")
    chat.get_by_text("Plan the next session", exact=True).wait_for(state="detached", timeout=30_000)
    page.locator("#plan-heading").get_by_text("Session 2 plan").wait_for(state="detached", timeout=30_000)
    assert not page.locator("#plan-fields").is_visible()
    page.context.close()


def test_the_schedule_form_proposes_the_browsers_time_zone(
    browser, demo: Services, app_url: str, monkeypatch: pytest.MonkeyPatch
):
    """A mentor in New York schedules in New York time without typing it; a zone typed by hand stays."""
    from tests.ui.browser import settle, sign_in, wait_until
    from tests.ui.test_journey_loop_browser import open_journey

    programme = demo.programme
    mentor = "browser.zone.mentor"
    programme.create_user(None, mentor, "Bice", "mentor", "a-long-password", language="en")
    for manager, name in (("browser.zone.first", "Filippo"), ("browser.zone.second", "Serena")):
        programme.create_user(None, manager, name, "manager", "a-long-password")
        programme.create_pair(None, mentor, manager, goals="video meetings")
    monkeypatch.setitem(PASSWORDS, mentor, "a-long-password")
    page = sign_in(browser, app_url, mentor, timezone_id="America/New_York")
    page.locator("#mentor-summary").get_by_text("Filippo").wait_for(timeout=20_000)  # the first pair has loaded
    open_journey(page, "mentor")
    page.locator("#mentor-zone").wait_for(timeout=20_000)
    field = "document.querySelector('#mentor-zone input, #mentor-zone textarea')"
    wait_until(page, f"{field}.value === 'America/New_York'")
    settle(page)  # the page's own updates are done (Gradio may write the default back; the script proposes again)
    wait_until(page, f"{field}.value === 'America/New_York'")
    page.locator("#mentor-zone input, #mentor-zone textarea").first.fill("Asia/Tokyo")
    wait_until(page, f"{field}.value === 'Asia/Tokyo'")
    page.locator("#mentor-pair input").click()
    page.get_by_role("option", name="Serena", exact=False).first.click(timeout=20_000)
    page.locator("#mentor-summary").get_by_text("Serena").wait_for(timeout=20_000)
    assert page.evaluate(f"{field}.value") == "Asia/Tokyo"
    page.context.close()
