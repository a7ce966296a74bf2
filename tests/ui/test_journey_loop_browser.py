"""Issue 11's acceptance test: the whole loop of one pair through the UI alone, in headless Chromium.

The mentor (English) schedules session 1 and plans it in the chat, saves and shares the plan; the manager (Italian)
sees the agenda without the mentor's briefing and questions, and the next session waiting for them; the mentor marks
the session held and checks in; the manager checks in (2/5, "the pace was too fast"), shares it, and does an
exercise; the mentor finds the feedback and the check-in in the pair's history and the next plan is based on them;
HR's dashboard counts the session held for the pair and shows the ratings, never the check-in's text.

The pair and its two accounts are the test's own, in this file's demo programme; the test reads the database only
for what to look for (the plan's private parts, the dashboard before the loop), never to act."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.app_services import Desks
from companion.i18n import format_date, format_month, format_when
from companion.services import Services
from companion.ui.hr_tab import usefulness_text
from tests.ui.browser import sign_in, wait_until
from tests.ui.conftest import PASSWORDS

pytestmark = pytest.mark.slow

MENTOR, MANAGER, PASSWORD = "tessa.loop", "ugo.loop", "a-long-password"
MENTOR_NAME, MANAGER_NAME = "Tessa Lund", "Ugo Ferraris"
WAIT = 30_000  # ms: every wait is bounded, so a failure is quick and says what was missing
CHAT_WAIT = 90_000  # a chat answer on a loaded two-core machine
PACE = "the pace was too fast"
FEEDBACK = "Did it on my own phone in ten minutes"


def ready(page) -> None:
    wait_until(page, "document.documentElement.dataset.companionReady === '1'", timeout=WAIT)


def choose(page, dropdown: str, option: str) -> None:
    """Pick an option of a Gradio dropdown as a person does: open it, click the option."""
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option, exact=False).first.click(timeout=WAIT)


def open_journey(page, prefix: str) -> None:
    panel = page.locator(f"#{prefix}-journey")
    if not page.locator(f"#{prefix}-schedule_session").is_visible():
        panel.locator("button").first.click()
    page.locator(f"#{prefix}-schedule_session").wait_for(timeout=WAIT)


def check_in(page, prefix: str, session: str, rating: int, learned: str, change: str) -> None:
    """Fill the one-minute check-in for `session` (the dropdown's label) and share it."""
    choose(page, f"#{prefix}-session", session)
    slider = page.locator(f"#{prefix}-usefulness input[type=number]")
    slider.fill(str(rating))
    slider.press("Enter")
    page.fill(f"#{prefix}-learned textarea", learned)
    page.fill(f"#{prefix}-change textarea", change)
    page.locator(f"#{prefix}-share-check-in input").check()
    page.click(f"#{prefix}-check-in")


def test_one_pair_goes_round_the_whole_loop_in_the_browser(
    browser,
    demo: Services,
    app_url: str,
    monkeypatch: pytest.MonkeyPatch,
):
    programme, desks = demo.programme, Desks.over(demo)
    programme.create_user(None, MENTOR, MENTOR_NAME, "mentor", PASSWORD, language="en")
    programme.create_user(None, MANAGER, MANAGER_NAME, "manager", PASSWORD, language="it")
    pair_id = programme.create_pair(None, MENTOR, MANAGER, goals="spot phishing emails and use MFA", language="en").id
    for name in (MENTOR, MANAGER):
        monkeypatch.setitem(PASSWORDS, name, PASSWORD)
    before = desks.hr.dashboard("hr.laura")  # the programme's ratings before this pair's: what HR should see after
    day = date.today() + timedelta(days=7)
    starts = datetime.combine(day, time(17, 30))
    when_en, when_it = (format_when(starts, "Europe/Rome", lang) for lang in ("en", "it"))

    # 1. The mentor schedules session 1, plans it in the chat, saves and shares the plan.
    mentor = sign_in(browser, app_url, MENTOR)
    mentor.locator("#mentor-summary").get_by_text(MANAGER_NAME).wait_for(timeout=WAIT)
    open_journey(mentor, "mentor")
    mentor.fill("#mentor-number input", "1")
    mentor.fill("#mentor-starts textarea", f"{day:%Y-%m-%d} 17:30")
    mentor.fill("#mentor-zone textarea", "Europe/Rome")
    mentor.fill("#mentor-place textarea", "Meeting room 4B")
    mentor.click("#mentor-schedule_session")
    mentor.locator("#mentor-session-status").get_by_text(f"Session 1 is in the calendar: {when_en}.").wait_for(
        timeout=WAIT
    )
    mentor.fill("#message textarea", "Plan the next session, 60 minutes")
    mentor.click("#send")
    mentor.locator("#plan-heading").get_by_text("Session 1 plan").wait_for(timeout=CHAT_WAIT)
    mentor_questions = mentor.locator("#plan-qm textarea").input_value().splitlines()
    assert mentor_questions, "the mentor's own questions are in the editor"
    mentor.locator("#plan-share input").check()
    mentor.click("#plan-save")
    mentor.locator("#plan-status").get_by_text("Saved for session 1 and shared with the manager").wait_for(timeout=WAIT)
    [first] = desks.journey.sessions(MENTOR, pair_id)
    plan = first.generated_plan or {}
    briefing = [item["text"] for item in plan["briefing"]]
    assert briefing

    # 2. The manager, in Italian, sees the agenda without the briefing or the mentor's questions, and the session.
    manager = sign_in(browser, app_url, MANAGER, locale="it-IT")
    manager.get_by_role("tab", name="Il mio percorso").wait_for(timeout=WAIT)
    agenda = manager.locator("#manager-agenda")
    agenda.get_by_text(plan["agenda"][0]["title"], exact=False).first.wait_for(timeout=WAIT)
    shown = agenda.inner_text()
    assert plan["reflection_questions"]["manager"][0]["text"] in shown
    for private in briefing + [q["text"] for q in plan["reflection_questions"]["mentor"]] + mentor_questions:
        assert private not in shown, f"the manager sees the mentor's own: {private!r}"
    waiting = manager.locator("#manager-waiting")
    waiting.get_by_text(f"Prossima sessione (1) con {MENTOR_NAME}: {when_it}").wait_for(timeout=WAIT)

    # 3. The mentor marks it held and checks in; the manager checks in, shares it, does an exercise.
    mentor.locator("#mentor-session input").click()
    mentor.get_by_role("option", name="Session 1 · scheduled", exact=False).first.click(timeout=WAIT)
    mentor.click("#mentor-mark_held")
    mentor.locator("#mentor-session-status").get_by_text("Session 1 held.").wait_for(timeout=WAIT)
    # The session stays chosen, ready for its check-in.
    wait_until(mentor, "document.querySelector('#mentor-session input').value.includes('held')", timeout=WAIT)
    check_in(mentor, "mentor", "Session 1 · held", 4, "how to spot a fake sender", "bring printed examples")
    mentor.locator("#mentor-check-in-status").get_by_text("Check-in saved.").wait_for(timeout=WAIT)

    manager.reload()
    ready(manager)
    open_journey(manager, "manager")
    check_in(manager, "manager", "Sessione 1 · svolta", 2, "fake senders have odd addresses", PACE)
    manager.locator("#manager-check-in-status").get_by_text("Check-in salvato.").wait_for(timeout=WAIT)
    manager.locator("#manager-check-ins").get_by_text("2/5", exact=False).first.wait_for(timeout=WAIT)
    manager.click("#exercises-suggest")
    manager.locator("#exercises-suggested h2, #exercises-suggested h3").first.wait_for(timeout=WAIT)
    manager.click("#exercises-keep")
    manager.locator("#exercises-status").get_by_text("aggiunti alla tua lista").wait_for(timeout=WAIT)
    manager.locator("#exercise-open input").click()
    manager.get_by_role("option").first.click(timeout=WAIT)
    manager.fill("#exercise-feedback textarea", FEEDBACK)
    manager.click("#exercise-done")
    manager.locator("#exercise-done-status").get_by_text("Segnato come fatto").wait_for(timeout=WAIT)
    manager.context.close()

    # 4. The mentor sees the feedback and the shared check-in; the next plan is based on them.
    mentor.reload()
    ready(mentor)
    history = mentor.locator("#mentor-history")
    # Held today in the pair's time zone (Rome), which is not the server's day near midnight UTC.
    held_on = datetime.now(ZoneInfo("Europe/Rome")).date()
    history.get_by_text(f"Session 1 · held · {format_date(held_on, 'en')}").wait_for(timeout=WAIT)
    history.get_by_text(FEEDBACK, exact=False).wait_for(timeout=WAIT)
    history.get_by_text(PACE, exact=False).wait_for(timeout=WAIT)
    mentor.fill("#message textarea", "Plan the next session")
    mentor.click("#send")
    mentor.locator("#plan-heading").get_by_text("Session 2 plan").wait_for(timeout=CHAT_WAIT)
    reply = mentor.locator("#chat .bot").last.inner_text()
    assert f"The manager's check-in rated the last session 2/5 and asked: “{PACE}”" in reply
    assert re.search(r"1 of \d+ follow-up exercises done", reply), reply
    mentor.context.close()

    # 5. HR: the session held for the pair and the ratings, never the check-in's text.
    hr = sign_in(browser, app_url, "hr.laura")
    pairs = hr.locator("#hr-chart-pairs tr", has_text=f"{MENTOR_NAME} · {MANAGER_NAME}")
    pairs.wait_for(timeout=WAIT)
    assert pairs.locator(".cmp-value").inner_text() == "1"
    hr.locator("#hr-summary").get_by_text(f"{before.sessions_held + 1} sessions held", exact=False).wait_for(
        timeout=WAIT
    )
    today = date.today()
    month = next(
        (m for m in before.usefulness_by_month if (m.month.year, m.month.month) == (today.year, today.month)), None
    )
    expected = [  # this month's average per side with the pair's two ratings added: mentors 4, managers 2
        usefulness_text(((average or 0) * count + rating) / (count + 1), count + 1, "en")
        for rating, average, count in (
            (4, month.mentor if month else None, month.mentor_count if month else 0),
            (2, month.manager if month else None, month.manager_count if month else 0),
        )
    ]
    row = hr.locator("#hr-chart-usefulness tr", has_text=format_month(today.year, today.month, "en"))
    assert [cell.inner_text() for cell in row.locator(".cmp-value").all()] == expected
    seen = hr.locator("body").inner_text()
    assert PACE not in seen
    assert "fake senders" not in seen
    hr.context.close()
