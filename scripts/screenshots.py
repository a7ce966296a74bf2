"""Regenerate the README screenshots: `.venv/bin/python -m scripts.screenshots` (needs Debian's chromium).

It loads the demo programme into a scratch database and signs in as each role, in English and in Italian, on a
desktop screen and on a phone-sized one: the mentor with a plan from the chat in the plan editor, the manager
with exercises suggested and the self-assessment open, HR's dashboard (ratings and the pairs that need
attention) with a curriculum under review, the library with results. The pictures are saved with a 256-colour
palette to keep them small. Look at every picture before committing."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from companion.config import REPO_ROOT, Settings
from companion.demo import load_demo
from companion.services import Services
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.ui.browser import DESKTOP, PHONE, settle, sign_in, wait_until
from tests.ui.conftest import serve

OUT = REPO_ROOT / "docs" / "screenshots"
TAB = {"en": {"library": "Library"}, "it": {"library": "Biblioteca"}}
PLAN_REQUEST = {
    "en": "Session 3, 60 minutes. Helen wants to run better hybrid meetings.",
    "it": "Sessione 4, 60 minuti: vuole usare meglio l'intelligenza artificiale generativa",
}
SEARCH = {"en": "how to measure the impact of the programme", "it": "come misurare l'impatto del programma"}
USERS = {  # who shows each workspace in each language (their pair's language matches)
    "en": {"mentor": "sam", "manager": "helen", "hr": "hr.laura"},
    "it": {"mentor": "giulia", "manager": "marco", "hr": "hr.laura"},
}
MENTOR_DESKTOP = {"width": 1400, "height": 1250}  # the chat and the plan editor's agenda in one screen
VIEWPORTS = ((DESKTOP, ""), (PHONE, "-phone"))


def switch(page, lang: str) -> None:
    page.locator("#language").get_by_label({"en": "English", "it": "Italiano"}[lang]).check()
    wait_until(page, f"document.documentElement.lang === '{lang}'")  # not wait_for_function: the CSP forbids eval
    settle(page, 1200)


def shoot(page, name: str, full_page: bool = False) -> None:
    settle(page, 800)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    with Image.open(path) as image:  # a UI has few colours: a palette keeps the file a third of the size
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    print("wrote", path, f"{path.stat().st_size // 1024} KiB")


def open_accordion(page, elem_id: str, inside: str) -> None:
    if not page.locator(inside).is_visible():
        page.locator(f"#{elem_id} > button").first.click()
    page.locator(inside).wait_for(state="visible", timeout=20_000)


def mentor(browser, url: str, user: str, lang: str, viewport: dict, suffix: str) -> None:
    page = sign_in(browser, url, user, MENTOR_DESKTOP if not suffix else viewport)
    switch(page, lang)
    page.click("#chat-new")  # the pair's kept conversation (from the desktop picture) starts again
    settle(page, 800)
    page.fill("#message textarea", PLAN_REQUEST[lang])
    page.click("#send")
    page.locator("#plan-agenda [data-testid='cell-0-0']").wait_for(timeout=60_000)  # the plan is in the editor
    settle(page, 1500)
    page.evaluate("document.querySelectorAll('#chat *').forEach(el => { el.scrollTop = 0; })")
    shoot(page, f"mentor-{lang}{suffix}", full_page=bool(suffix))
    page.context.close()


def manager(browser, url: str, user: str, lang: str, viewport: dict, suffix: str) -> None:
    page = sign_in(browser, url, user, viewport)
    switch(page, lang)
    page.click("#exercises-suggest")
    page.locator("#exercises-suggested").get_by_text("(", exact=False).first.wait_for(timeout=30_000)
    open_accordion(page, "assessment", "#assessment-1-1")
    shoot(page, f"manager-{lang}{suffix}", full_page=True)
    page.context.close()


def hr(browser, url: str, user: str, lang: str, viewport: dict, suffix: str) -> None:
    page = sign_in(browser, url, user, viewport)
    switch(page, lang)
    page.locator("#hr-chart-usefulness").wait_for(timeout=30_000)  # the ratings
    page.locator("#hr-attention").wait_for(timeout=30_000)
    page.locator("#hr-version input").click()
    page.get_by_role("option").first.click()
    wait_until(page, "document.querySelector('#hr-preview').innerText.trim().length > 100")  # the curriculum
    shoot(page, f"hr-{lang}{suffix}", full_page=True)
    page.context.close()


def library(browser, url: str, user: str, lang: str, viewport: dict, suffix: str) -> None:
    page = sign_in(browser, url, user, viewport)
    switch(page, lang)
    page.get_by_role("tab", name=TAB[lang]["library"]).click()
    page.fill("#library-query textarea", SEARCH[lang])
    page.click("#library-search")
    page.locator("#library-results").locator("strong").first.wait_for(timeout=30_000)
    shoot(page, f"library-{lang}{suffix}", full_page=True)
    page.context.close()


SHOTS = {"mentor": mentor, "manager": manager, "hr": hr, "library": library}
PHONE_SHOTS = ("mentor", "manager", "hr")  # the library on a phone is the same list, narrower


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=sorted(SHOTS), help="these workspaces only")
    parser.add_argument("--lang", nargs="*", choices=["en", "it"], default=["en", "it"])
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    services = Services(
        Settings(
            data_dir=REPO_ROOT / ".pytest_cache" / "companion-index",
            database_url=f"sqlite:///{scratch / 'demo.db'}",
            backend="offline",
            _env_file=None,
        )
    )
    services.ingest()
    load_demo(services.programme, services.planner)
    for url in serve(services):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for lang in args.lang:
                for workspace in args.only or SHOTS:
                    user = USERS[lang].get(workspace, USERS[lang]["hr"])
                    for viewport, suffix in VIEWPORTS:
                        if suffix and workspace not in PHONE_SHOTS:
                            continue
                        SHOTS[workspace](browser, url, user, lang, viewport, suffix)
            browser.close()


if __name__ == "__main__":
    main()
