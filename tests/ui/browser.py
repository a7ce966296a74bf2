"""Shared browser helpers: sign in, walk a workspace, run axe-core, read what is visible."""

from __future__ import annotations

import time
from pathlib import Path

from tests.ui.conftest import PASSWORDS

AXE = Path(__file__).resolve().parents[1] / "support" / "vendor" / "axe.min.js"  # axe-core 4.10.3 (MPL-2.0), from npm
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}


def sign_in(
    browser, url: str, username: str, viewport: dict | None = None, locale: str = "en-US", timezone_id: str = "UTC"
):
    page = browser.new_context(viewport=viewport or DESKTOP, locale=locale, timezone_id=timezone_id).new_page()
    page.goto(url)
    page.locator("input").nth(0).fill(username)
    page.locator("input[type=password]").fill(PASSWORDS[username])
    page.keyboard.press("Enter")
    page.locator("#signed-in").get_by_text(username[:1].upper(), exact=False).first.wait_for(timeout=30_000)
    wait_until(page, "document.documentElement.dataset.companionReady === '1'", timeout=30_000)  # loaded
    return page


def wait_until(page, expression: str, timeout: float = 30_000) -> None:
    """Poll a page expression from Python: Playwright's wait_for_function compiles its predicate with eval, which
    the app's Content Security Policy forbids (as it should)."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(100)


def settle(page, quiet_ms: int = 600) -> None:
    """Wait until no Gradio component is loading (results fade while they load, which axe would flag)."""
    wait_until(
        page,
        "document.querySelectorAll('.pending, .generating, [data-testid=\"status-tracker\"] .eta-bar').length === 0",
        timeout=30_000,
    )
    page.wait_for_timeout(quiet_ms)


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """axe-core on the page as it is; violations of the given impacts, each with a few of its elements."""
    settle(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # not a script tag: the app's CSP refuses those, rightly
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || ''))}));
        }"""
    )
    return [v for v in result if v["impact"] in impacts]


# Content written in the pair's language (a shared plan, a curriculum, the chat's messages), not the interface's:
# an English pair's agenda is English in an Italian manager's workspace, and rightly so.
PAIR_CONTENT = ("#manager-agenda", "#hr-preview", "#chat [role=log]")


def visible_text(page) -> str:
    """What a person sees (and a screen reader reads as names) of the interface: text plus labels, placeholders,
    aria-labels, without the pair's own content (PAIR_CONTENT). A name inside that content that carries the
    content after a colon (Gradio names each chat message "<who>'s message: <text>") counts up to the colon: the
    words before it are the interface's."""
    return page.evaluate(
        """(content) => {
            let body = document.body.innerText;
            const inside = [...document.querySelectorAll(content.join(','))];
            for (const el of inside) body = body.replace(el.innerText, '');
            const parts = [body, document.title];
            for (const el of document.querySelectorAll('[placeholder],[aria-label],[title],img[alt]')) {
                if (el.offsetParent === null) continue;
                const isContent = inside.some(box => box !== el && box.contains(el));
                for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
                    const value = el.getAttribute(a);
                    if (value) parts.push(isContent && value.includes(': ') ? value.split(': ')[0] : value);
                }
            }
            return parts.join('\\n');
        }""",
        list(PAIR_CONTENT),
    )
