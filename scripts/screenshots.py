"""Regenerate the README screenshots: `.venv/bin/python -m scripts.screenshots` (needs Debian's chromium).

It loads the demo programme into a scratch database and signs in as each role, in English and in Italian, and
takes the mentor's and HR's workspaces on a phone-sized screen too. Look at every picture before committing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from companion.config import REPO_ROOT, Settings
from companion.demo import load_demo
from companion.services import Services
from tests.ui.browser import DESKTOP, PHONE, settle, sign_in
from tests.ui.conftest import serve
from tests.ui.test_browser import CHROMIUM, CHROMIUM_FLAGS

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


def switch(page, lang: str) -> None:
    page.locator("#language").get_by_label({"en": "English", "it": "Italiano"}[lang]).check()
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")
    settle(page, 1200)


def shoot(page, name: str, full_page: bool = False) -> None:
    settle(page, 800)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
    print("wrote", OUT / f"{name}.png")


def main() -> None:
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
            for lang in ("en", "it"):
                users = USERS[lang]
                for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
                    page = sign_in(browser, url, users["mentor"], viewport)
                    switch(page, lang)
                    page.fill("#message textarea", PLAN_REQUEST[lang])
                    page.click("#send")
                    page.locator("#chat").get_by_text("Agenda", exact=True).wait_for(timeout=60_000)
                    settle(page, 1500)
                    page.evaluate("document.querySelectorAll('#chat *').forEach(el => { el.scrollTop = 0; })")
                    shoot(page, f"mentor-{lang}{suffix}", full_page=bool(suffix))
                    page.context.close()

                page = sign_in(browser, url, users["manager"])
                switch(page, lang)
                page.click("#exercises-suggest")
                page.locator("#exercises-suggested").get_by_text("(", exact=False).first.wait_for(timeout=30_000)
                shoot(page, f"manager-{lang}", full_page=True)
                page.context.close()

                for viewport, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
                    page = sign_in(browser, url, users["hr"], viewport)
                    switch(page, lang)
                    page.locator("#hr-version input").click()
                    page.get_by_role("option").first.click()
                    page.locator("#hr-chart-pairs").wait_for(timeout=30_000)
                    shoot(page, f"hr-{lang}{suffix}", full_page=True)
                    page.context.close()

                page = sign_in(browser, url, users["hr"])
                switch(page, lang)
                page.get_by_role("tab", name=TAB[lang]["library"]).click()
                page.fill("#library-query textarea", SEARCH[lang])
                page.click("#library-search")
                page.locator("#library-results").locator("strong").first.wait_for(timeout=30_000)
                shoot(page, f"library-{lang}", full_page=True)
                page.context.close()
            browser.close()


if __name__ == "__main__":
    main()
