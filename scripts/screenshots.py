"""Regenerate the README screenshots: `.venv/bin/python -m scripts.screenshots` (needs Debian's chromium)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from companion.config import REPO_ROOT, Settings
from companion.services import Services
from companion.ui.app import build_app
from tests.ui.test_browser import CHROMIUM, CHROMIUM_FLAGS

OUT = REPO_ROOT / "docs" / "screenshots"
SHOTS = {
    "chat-en.png": ("en", "Session 2, 60 minutes. My manager wants to learn to spot phishing emails."),
    "chat-it.png": ("it", "Prima sessione, 45 minuti: vuole iniziare a usare LinkedIn."),
}


def main() -> None:
    services = Services(Settings(data_dir=REPO_ROOT / ".pytest_cache" / "companion-index", backend="offline"))
    services.ingest()
    app = build_app(services)
    app.queue()
    _, url, _ = app.launch(server_name="127.0.0.1", server_port=7899, prevent_thread_lock=True, quiet=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, (lang, message) in SHOTS.items():
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.goto(url)
            if lang == "it":
                page.get_by_label("Italiano").check()
            page.fill("#message textarea", message)
            page.click("#send")
            page.locator("#chat").get_by_text("Agenda", exact=True).wait_for(timeout=60_000)
            page.wait_for_timeout(500)
            page.evaluate("document.querySelectorAll('#chat *').forEach(el => { el.scrollTop = 0; })")
            page.wait_for_timeout(300)
            page.screenshot(path=str(Path(OUT / name)))
            page.close()
        browser.close()
    app.close()


if __name__ == "__main__":
    main()
