"""Regenerate the README screenshots: `.venv/bin/python -m scripts.screenshots` (needs Debian's chromium).

It loads the demo programme into a scratch database and signs in as each role."""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from companion.config import REPO_ROOT, Settings
from companion.demo import load_demo
from companion.services import Services
from tests.ui.conftest import PASSWORDS, serve
from tests.ui.test_browser import CHROMIUM, CHROMIUM_FLAGS

OUT = REPO_ROOT / "docs" / "screenshots"


def sign_in(browser, url: str, username: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1050})
    page.goto(url)
    page.locator("input").nth(0).fill(username)
    page.locator("input[type=password]").fill(PASSWORDS[username])
    page.keyboard.press("Enter")
    page.locator("#signed-in").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    return page


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
            page = sign_in(browser, url, "sam")
            page.fill("#message textarea", "Session 3, 60 minutes. Helen wants to run better hybrid meetings.")
            page.click("#send")
            page.locator("#chat").get_by_text("Agenda", exact=True).wait_for(timeout=60_000)
            page.wait_for_timeout(800)
            page.evaluate("document.querySelectorAll('#chat *').forEach(el => { el.scrollTop = 0; })")
            page.screenshot(path=str(OUT / "mentor.png"))
            page.locator("#plan-share input").check()
            page.click("#plan-save")
            page.locator("#plan-status").get_by_text("shared").wait_for(timeout=30_000)
            page.close()

            page = sign_in(browser, url, "helen")
            page.click("#exercises-suggest")
            page.locator("#exercises-suggested").get_by_text("Follow-up exercises", exact=False).wait_for(
                timeout=30_000
            )
            page.screenshot(path=str(OUT / "manager.png"))
            page.close()

            page = sign_in(browser, url, "hr.laura")
            page.locator("#hr-version input").click()
            page.get_by_role("option").first.click()
            page.click("#hr-refresh")
            page.locator("#hr-summary").get_by_text("%").wait_for(timeout=30_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(OUT / "hr.png"), full_page=True)
            page.close()

            page = sign_in(browser, url, "giulia")  # Italian by preference
            page.get_by_role("tab", name="Biblioteca").click()
            page.fill("#library-query textarea", "come misurare l'impatto del programma")
            page.click("#library-search")
            page.locator("#library-results").get_by_text("knowledge/", exact=False).first.wait_for(timeout=30_000)
            page.screenshot(path=str(OUT / "library-it.png"))
            browser.close()


if __name__ == "__main__":
    main()
