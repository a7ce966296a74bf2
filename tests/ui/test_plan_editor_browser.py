"""The plan editor in headless Chromium, in Italian: a step's minutes edited in the agenda table, refused while
they do not fill the session (the running total says so), then applied and saved."""

from __future__ import annotations

import pytest

from companion.app_services import Desks
from companion.services import Services
from tests.ui.browser import PHONE, axe_violations, settle, sign_in

pytestmark = pytest.mark.slow


def cell(page, row: int, column: int):
    return page.locator(f"#plan-agenda [data-testid='cell-{row}-{column}']")


def type_into(page, row: int, column: int, text: str) -> None:
    """Edit one cell as a person does: open it, replace what it holds, confirm with Enter."""
    cell(page, row, column).dblclick()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_a_mentor_edits_a_step_of_the_agenda_in_italian(browser, demo: Services, app_url: str):
    desks = Desks.over(demo)
    desks.people.set_language("giulia", "it")
    pair = desks.people.pairs("giulia")[0]
    number = desks.mentor.open_pair("giulia", pair.id).next_session_number
    page = sign_in(browser, app_url, "giulia", viewport=PHONE, locale="it-IT")
    page.locator("#mentor-summary").get_by_text("Giulia Ferri").wait_for(timeout=20_000)
    page.fill("#message textarea", f"Sessione {number}, 60 minuti: vuole riconoscere le email di phishing")
    page.click("#send")
    total = page.locator("#plan-total")
    total.get_by_text("Totale: 60 di 60 minuti.").wait_for(timeout=60_000)
    assert page.locator("#plan-agenda").get_by_role("columnheader", name="Minuti").count() == 1
    settle(page)  # the first step is chosen for the step buttons (it was left empty once the table recounted)
    assert page.input_value("#plan-step input").startswith("1. ")
    assert axe_violations(page) == []  # every control of the editor has a name a screen reader reads
    first = int(cell(page, 0, 2).inner_text())
    second = int(cell(page, 1, 2).inner_text())
    assert second >= 5

    type_into(page, 0, 2, str(first + 5))
    total.get_by_text("I passi sommano 65 minuti, ma la sessione dura 60").wait_for(timeout=20_000)
    page.click("#plan-apply")
    status = page.locator("#plan-edit-status")
    status.get_by_text("I passi sommano 65 minuti").wait_for(timeout=20_000)

    type_into(page, 1, 2, str(second - 5))
    total.get_by_text("Totale: 60 di 60 minuti.").wait_for(timeout=20_000)
    page.click("#plan-apply")
    status.get_by_text("Modifiche applicate").wait_for(timeout=20_000)
    page.click("#plan-save")
    page.locator("#plan-status").get_by_text(f"Salvato per la sessione {number}").wait_for(timeout=30_000)
    saved = next(s for s in desks.mentor.open_pair("giulia", pair.id).sessions if s.number == number)
    assert [item["minutes"] for item in saved.generated_plan["agenda"]][:2] == [first + 5, second - 5]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the page scrolls sideways ({width}px)"

    page.locator("#language").get_by_text("English").click()  # the table follows the interface's language
    page.locator("#plan-agenda").get_by_role("columnheader", name="Minutes").wait_for(timeout=20_000)
    assert cell(page, 0, 1).inner_text() in ("Opening", "Demo", "Hands-on", "Discussion", "Reflection", "Closing")
    page.context.close()
    desks.people.set_language("giulia", "it")
