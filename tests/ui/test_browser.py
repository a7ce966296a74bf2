"""The page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

import os
import shutil

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("COMPANION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def page(app_url: str):
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(app_url)
        page.wait_for_selector("#message textarea", timeout=30_000)
        yield page
        browser.close()


def test_send_a_message_and_see_an_agenda(page):
    page.fill("#message textarea", "Session 2, 60 minutes. My manager wants to learn to spot phishing emails.")
    page.click("#send")
    chat = page.locator("#chat")
    chat.get_by_text("Agenda", exact=True).wait_for(timeout=60_000)
    chat.get_by_text("Sources", exact=True).wait_for(timeout=60_000)
    assert "Dissect a real phishing email" in chat.inner_text()
    assert page.input_value("#message textarea") == ""


def test_empty_message_shows_an_error(page):
    page.fill("#message textarea", "")
    page.click("#send")
    page.locator("#status").get_by_text("Please write a message").wait_for(timeout=30_000)


def test_library_search_in_the_browser(page):
    page.get_by_role("tab", name="Library").click()
    page.fill("#library-query textarea", "ground rules for the first meeting")
    page.click("#library-search")
    results = page.locator("#library-results")
    results.get_by_text("knowledge/", exact=False).first.wait_for(timeout=30_000)
    assert "ground-rules" in results.inner_text() or "first-meeting" in results.inner_text()


def test_the_interface_switches_to_italian(page):
    page.get_by_label("Italiano").check()
    page.get_by_role("tab", name="Biblioteca").wait_for(timeout=10_000)
    page.get_by_role("tab", name="Prepara una sessione").click()
    assert "Companion per il reverse mentoring" in page.locator("#intro").inner_text()
    page.get_by_label("English").check()
    page.get_by_role("tab", name="Library").wait_for(timeout=10_000)
