"""Every workspace in both languages, in headless Chromium: nothing of the other language, no raw locale key or
topic slug on screen, no serious or critical axe-core violation; a phone-sized screen; keyboard-only journeys;
HR's dashboard and review in Italian; errors said in the user's language."""

from __future__ import annotations

import re

import pytest

from companion.app_services import Desks
from companion.i18n import strings
from companion.knowledge.catalogue import load_catalogue
from companion.services import Services
from tests.ui.browser import PHONE, axe_violations, settle, sign_in, visible_text, wait_until

pytestmark = pytest.mark.slow

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONTHS_EN += ["November", "December"]
MONTHS_IT = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre"]
MONTHS_IT += ["ottobre", "novembre", "dicembre"]
# Words of the interface (not of content such as a pair's goals): in the other language they are a bug.
ENGLISH_UI = [
    "Save", "Sign out", "Signed in", "Library", "Pair", "Refresh", "Download", "Add to calendar", "Examples",
    "Send", "Search", "Language", "History", "Session", "Sessions", "Approve", "Request changes", "Curriculum",
    "Comment", "Mark done", "Level", "Minutes", "foundation", "intermediate", "advanced", "Exercise", "journal",
    "Information", "Communication", "Safety", "Problem solving", "before", "after", "Whole programme", "Period",
    "Textbox", "Drop File", "Click to Upload", "Built with Gradio", "Use via API", "Offline composer", "Kind",
    "Nothing", "planned", "held", "approved", "Choose", "Upload file", *MONTHS_EN,
    # Accessible names of Gradio's own controls (the chatbot's copy and clear buttons, its messages and log):
    "Clear", "Copy message", "Copied message", "Scroll down", "chatbot conversation", "Loading response",
    "More tabs", "user's message", "bot's message",
    # ... and of the plan editor's agenda table (a gr.Dataframe): a chosen cell, its menu, a cell being edited:
    "Open cell menu", "Table actions", "Select column", "Select row", "Edit cell", "Cell is read-only",
    "Add row above", "Add row below", "Delete row", "Add row", "Delete column", "Sort ascending", "Sort descending",
    "Clear sort", "Filter", "Drop CSV or TSV files",
]  # fmt: skip
ITALIAN_UI = [
    "Salva", "Esci", "Biblioteca", "Coppia", "Aggiorna", "Scarica", "Esempi", "Invia", "Cerca", "Lingua",
    "Storico", "Sessione", "Sessioni", "Approva", "Percorso", "Commento", "Segna come fatto", "Livello", "Minuti",
    "avanzato", "intermedio", "Esercizio", "Diario", "Sicurezza", "prima", "dopo", "Accesso come", "Periodo",
    "Compositore", "Tipo", "pianificata", "svolta", "Scegli", *MONTHS_IT,
    "Copia il messaggio", "Cancella la conversazione", "Conversazione", "Il tuo messaggio",
    "Apri il menu della cella", "Azioni sulla tabella", "Modifica la cella", "Elimina la riga",
]  # fmt: skip
OTHER_LANGUAGE = {"en": ITALIAN_UI, "it": ENGLISH_UI}
RAW_KEYS = sorted(key for key in strings("en") if "_" in key)


def topic_slugs(services: Services) -> list[str]:
    return sorted(load_catalogue(services.settings.knowledge_dir / "topics.yaml").topics)


def problems(text: str, lang: str, slugs: list[str]) -> list[str]:
    found = [f"{word!r}" for word in OTHER_LANGUAGE[lang] if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    found += [f"raw key {key}" for key in RAW_KEYS if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text)]
    found += [f"raw slug {slug}" for slug in slugs if slug in text]
    return found


def choose_language(page, lang: str) -> None:
    label = {"en": "English", "it": "Italiano"}[lang]
    page.locator("#language").get_by_label(label).check()
    wait_until(page, f"document.documentElement.lang === '{lang}'", timeout=20_000)
    page.wait_for_timeout(1500)  # what is on screen is written again


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(800)


def open_accordion(page, elem_id: str, inside: str) -> None:
    """Open a closed accordion (an open one stays open) and wait for `inside` to show."""
    if not page.locator(inside).is_visible():
        page.locator(f"#{elem_id} > button").first.click()
    page.locator(inside).wait_for(state="visible", timeout=20_000)


def plan_editor_states(page) -> list[str]:
    """The agenda table's own controls, which Gradio names in English whatever the page's language: a chosen cell
    (its menu button, the buttons that choose its row and column), the cell's menu open (checked by axe too), a
    cell being edited. What is visible in each state."""
    cell = page.locator("#plan-agenda [data-testid='cell-0-0']")
    cell.wait_for(timeout=30_000)
    cell.click()
    menu_button = page.locator("#plan-agenda button.cell-menu-button").first
    menu_button.wait_for(timeout=10_000)
    settle(page, 400)
    seen = [visible_text(page)]
    menu_button.click()
    page.get_by_role("menu").first.wait_for(timeout=10_000)
    settle(page, 400)
    seen.append(visible_text(page))
    assert axe_violations(page) == [], "the agenda's cell menu"
    page.locator("#plan-kinds").click()  # a click elsewhere closes the menu
    page.get_by_role("menu").first.wait_for(state="hidden", timeout=10_000)
    cell.dblclick()
    page.locator("#plan-agenda textarea").first.wait_for(timeout=10_000)
    settle(page, 400)
    seen.append(visible_text(page))
    page.keyboard.press("Escape")
    return seen


TABS = {
    "en": {"mentor": "Prepare sessions", "manager": "My programme", "hr": "Programme review", "library": "Library"},
    "it": {"mentor": "Prepara le sessioni", "manager": "Il mio percorso", "hr": "Revisione del programma"}
    | {"library": "Biblioteca"},
}
WALKS = [("sam", "mentor"), ("helen", "manager"), ("hr.laura", "hr")]


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize(("username", "workspace"), WALKS)
def test_every_workspace_speaks_one_language_and_passes_axe(browser, app_url, demo, username, workspace, lang):
    other = "en" if lang == "it" else "it"
    Desks.over(demo).people.set_language(username, other)  # a known start, whatever ran before
    page = sign_in(browser, app_url, username)
    # The saved language arrives with the workspace; switching before it has would race with it.
    wait_until(page, f"document.documentElement.lang === '{other}'", timeout=30_000)
    choose_language(page, lang)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.title() == strings(lang)["app_title"]
    slugs = topic_slugs(demo)
    seen: dict[str, list[str]] = {}
    for tab in (workspace, "library"):
        states: list[str] = []  # what the workspace showed in states it has left (a menu opened and closed)
        open_tab(page, TABS[lang][tab])
        if tab == "library":
            query = {"it": "come riconoscere una email di phishing", "en": "how to spot a phishing email"}[lang]
            page.fill("#library-query textarea", query)  # results are in the query's language
            page.click("#library-search")
            page.locator("#library-results").get_by_text("phishing", exact=False).first.wait_for(timeout=30_000)
        if tab == "manager":
            page.click("#exercise-done")  # nothing chosen: the error is said in the user's language
            page.locator("#exercise-done-status").get_by_text(strings(lang)["choose_exercise_first"]).wait_for(
                timeout=20_000
            )
        if tab == "hr":
            page.locator("#hr-chart-pairs").wait_for(timeout=20_000)
            page.locator("#hr-attention").wait_for(timeout=20_000)
            page.locator("#hr-chart-usefulness").wait_for(timeout=20_000)
        if tab == "mentor":  # a message and its answer: Gradio's copy and clear buttons appear
            message = {"it": "Sessione 3, 45 minuti: riconoscere il phishing", "en": "Session 3, 45 minutes: phishing"}
            page.fill("#message textarea", message[lang])
            page.click("#send")
            wait_until(page, "document.querySelectorAll('#chat [role=log] button[aria-label]').length >= 1", 60_000)
            settle(page)
            names = page.evaluate(
                "[...document.querySelectorAll('#chat button[aria-label], #chat [role=log]')]"
                ".map(el => el.getAttribute('aria-label'))"
            )
            for key in ("gradio_copy_message", "gradio_clear", "gradio_conversation"):
                assert strings(lang)[key] in names, (key, names)
            page.locator("#plan-total").get_by_text("45", exact=False).first.wait_for(timeout=30_000)  # the plan
            states += plan_editor_states(page)
            open_accordion(page, "curriculum-edit", "#curriculum-draft")  # sam's curriculum waits for HR
            page.locator("#curriculum-draft").get_by_text(strings(lang)["curriculum_versions"]).wait_for()
        if tab == "manager":
            open_accordion(page, "assessment", "#assessment-1-1")  # helen rated herself at the start
            assert page.locator("#assessment-1-1 input:checked").count() == 1
        if tab in ("mentor", "manager"):  # "what needs you", at the top
            page.locator(f"#{tab}-waiting").get_by_text(strings(lang)["reminders"], exact=True).wait_for()
        settle(page)
        text = "\n".join([*states, visible_text(page)])
        seen[tab] = problems(text, lang, slugs)
        violations = axe_violations(page)
        assert violations == [], f"{username} {tab} {lang}: {violations}"
    page.context.close()
    assert seen == {workspace: [], "library": []}


def test_an_italian_hr_user_sees_an_italian_dashboard_from_the_start(browser, app_url, demo):
    if "hr.giada" not in {u.username for u in demo.programme.users(demo.programme.actor("admin"))}:
        demo.programme.create_user(None, "hr.giada", "Giada Conti", "hr", "giada-demo-2026", language="it")
    from tests.ui import conftest

    conftest.PASSWORDS["hr.giada"] = "giada-demo-2026"
    page = sign_in(browser, app_url, "hr.giada")
    summary = page.locator("#hr-summary")
    summary.get_by_text("sessioni svolte", exact=False).wait_for(timeout=30_000)  # no Refresh needed
    assert "Sessioni svolte per coppia" in page.locator("#hr-chart-pairs").inner_text()
    page.get_by_role("button", name="Aggiorna").click()
    page.wait_for_timeout(1500)
    pairs = page.locator("#hr-chart-pairs").inner_text()
    assert "Luca Moretti · Anna Ricci" in pairs  # Refresh in Italian keeps every chart and every pair
    assert "Risolvere problemi" in page.locator("#hr-chart-areas").inner_text()

    # A refused request for changes (no comment) keeps the curriculum chosen.
    page.locator("#hr-version input").click()
    page.get_by_role("option").first.click()
    chosen = page.input_value("#hr-version input")
    assert chosen
    page.click("#hr-changes")
    page.locator("#hr-review-status").get_by_text("ha bisogno di un commento", exact=False).wait_for(timeout=20_000)
    page.wait_for_timeout(1000)
    assert page.input_value("#hr-version input") == chosen
    assert page.locator("#hr-queue-status").inner_text().strip() == ""  # never "Nothing is waiting"

    # The CSV is built on the click, with an Italian file name.
    with page.expect_download(timeout=30_000) as download:
        page.locator("#hr-csv").get_by_text("Scarica il riepilogo (CSV)").click()  # a link, built on download
    assert download.value.suggested_filename == "riepilogo-programma.csv"
    page.context.close()


def test_on_a_phone_the_title_reads_the_pair_fits_and_the_chat_comes_first(browser, app_url):
    page = sign_in(browser, app_url, "giulia", viewport=PHONE)
    page.locator("#mentor-summary").get_by_text("Giulia Ferri").wait_for(timeout=20_000)
    page.wait_for_timeout(1000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the page scrolls sideways ({width}px)"
    title = page.locator("#intro h1").bounding_box()
    assert title
    assert title["height"] < 140
    summary = page.locator("#mentor-summary").bounding_box()
    assert summary
    assert summary["width"] > 250
    pair = page.locator("#mentor-pair input").bounding_box()
    assert pair
    assert pair["x"] >= 0
    assert pair["x"] + pair["width"] <= PHONE["width"]
    chat = page.locator("#chat").bounding_box()
    plan = page.locator("#plan-editor").bounding_box()
    assert chat
    assert plan
    assert chat["y"] < plan["y"]
    assert axe_violations(page) == []
    page.context.close()


def test_a_manager_can_do_the_follow_up_with_the_keyboard_only(browser, app_url):
    page = sign_in(browser, app_url, "helen")
    page.locator("#manager-agenda").wait_for(timeout=20_000)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('#exercises-suggest') !== null"):
            break
    else:
        pytest.fail("Tab never reaches 'Suggest exercises'")
    page.keyboard.press("Enter")
    suggested = page.locator("#exercises-suggested").get_by_role("heading", name="Follow-up exercises")
    suggested.first.wait_for(timeout=30_000)
    page.context.close()


def test_a_mentor_can_ask_the_chat_with_the_keyboard_only_and_a_failure_is_translated(browser, app_url):
    page = sign_in(browser, app_url, "giulia")
    page.locator("#mentor-summary").get_by_text("Giulia Ferri").wait_for(timeout=20_000)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('#message') !== null"):
            break
    else:
        pytest.fail("Tab never reaches the message box")
    page.keyboard.type("Sessione 5, 60 minuti: qwxzv blorp fnord")
    page.keyboard.press("Tab")  # in a multi-line box Enter is a new line: Tab moves to Send
    assert page.evaluate("document.activeElement.closest('#send') !== null")
    page.keyboard.press("Enter")
    page.locator("#chat").get_by_text("qwxzv", exact=False).first.wait_for(timeout=60_000)
    settle(page, 1500)
    chat = page.locator("#chat").inner_text() + page.locator("#status").inner_text()
    assert not [key for key in RAW_KEYS if key in chat]
    known = [strings("it")[key] for key in ("no_topic_found", "ask_goals")]
    assert any(message in chat for message in known), chat
    page.context.close()
