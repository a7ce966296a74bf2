"""Hardening-2 finding 1: private files. A mentor's .md/.ics and HR's overview CSV are built when downloaded and
only for the accounts the access rules allow; Gradio's file route serves a cached file only to the user who put
it there; Gradio's cache is emptied of files older than the configured age."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from companion.app_services import Desks
from companion.domain import PairProfile
from companion.services import Services
from tests.ui.conftest import PASSWORDS, serve

pytestmark = pytest.mark.slow


@contextmanager
def signed_in(url: str, username: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=30) as web:
        answer = web.post("/login", data={"username": username, "password": PASSWORDS.get(username, "a-long-password")})
        assert answer.status_code == 200, answer.text
        yield web


def save_a_plan(services: Services, mentor: str) -> tuple[int, int]:
    desks = Desks.over(services)
    pair = desks.people.pairs(mentor)[0]
    number = desks.mentor.open_pair(mentor, pair.id).next_session_number
    plan = services.planner.plan_session(PairProfile(language=pair.language, goals=pair.goals, session_number=number))
    desks.mentor.save_plan(mentor, pair.id, plan.model_dump(mode="json"), "### Private plan of giulia\n", shared=False)
    return pair.id, number


def test_a_session_export_is_the_mentors_alone(demo: Services, app_url: str):
    pair_id, number = save_a_plan(demo, "giulia")
    url = f"/exports/pairs/{pair_id}/sessions/{number}"
    with signed_in(app_url, "giulia") as giulia:
        md = giulia.get(f"{url}.md")
        assert md.status_code == 200
        assert "Private plan of giulia" in md.text
        # Giulia works in Italian: the file is named in her language.
        assert md.headers["content-disposition"].startswith(f'attachment; filename="sessione-{number}.md"')
        assert md.headers["cache-control"] == "no-store"
        ics = giulia.get(f"{url}.ics")
        assert ics.status_code == 200
        assert ics.text.startswith("BEGIN:VCALENDAR")
        assert giulia.get(f"{url}.exe").status_code == 422
    for other in ("sam", "luca", "marco", "hr.laura"):
        with signed_in(app_url, other) as web:
            assert web.get(f"{url}.md").status_code in (403, 404), other
            assert web.get(f"{url}.ics").status_code in (403, 404), other
    assert httpx.get(f"{app_url}{url}.md").status_code == 401


def test_the_overview_csv_is_built_on_download_for_staff_only(demo: Services, app_url: str):
    with signed_in(app_url, "hr.laura") as hr:
        csv = hr.get("/exports/programme-overview.csv")
        assert csv.status_code == 200
        assert csv.text.startswith("pair,mentor")
        assert csv.headers["content-type"].startswith("text/csv")
    with signed_in(app_url, "giulia") as giulia:
        assert giulia.get("/exports/programme-overview.csv").status_code == 403


def upload(web: httpx.Client, name: str, text: str) -> str:
    answer = web.post("/gradio_api/upload", files={"files": (name, text.encode(), "text/plain")})
    assert answer.status_code == 200, answer.text
    return answer.json()[0]


def test_a_cached_upload_is_served_only_to_its_uploader(demo: Services, app_url: str):
    with signed_in(app_url, "hr.laura") as hr:
        path = upload(hr, "salaries.txt", "Confidential: the 2026 salary bands for every grade.")
        assert hr.get(f"/gradio_api/file={path}").status_code == 200
        for other in ("giulia", "admin"):
            with signed_in(app_url, other) as web:
                assert web.get(f"/gradio_api/file={path}").status_code == 404
                assert web.get(f"/gradio_api/file/{path}").status_code == 404
                assert web.head(f"/gradio_api/file={path}").status_code == 404
        # no remote fetches through the file route either
        assert hr.get("/gradio_api/file=http://127.0.0.1:1/secret").status_code == 404


@pytest.fixture
def short_cache_url(tiny_services: Services) -> Iterator[str]:
    tiny_services.settings.file_cache_max_age_s = 1
    tiny_services.programme.create_user(None, "hr.cache", "hr.cache", "hr", "a-long-password")
    yield from serve(tiny_services)


def test_cached_files_older_than_the_limit_are_deleted(short_cache_url: str):
    with signed_in(short_cache_url, "hr.cache") as hr:
        path = Path(upload(hr, "old-policy.txt", "Badges must be worn visibly at all times in the office."))
        assert path.exists()
        deadline = time.monotonic() + 15
        while path.exists() and time.monotonic() < deadline:
            time.sleep(0.25)
        assert not path.exists()
        assert hr.get(f"/gradio_api/file={path}").status_code in (403, 404)


def test_the_server_keeps_a_bounded_number_of_session_states(tiny_services: Services):
    """Found by bench/load.py --soak-minutes: every page load left ~0.4 MiB of Gradio session state until 10,000
    of them were kept (RSS grew ~1 MiB/s under load). The capacity is a setting now."""
    from companion.ui.server import build_server

    tiny_services.settings.session_state_capacity = 25
    holder = build_server(tiny_services).state.blocks.state_holder
    assert holder.capacity == 25
    for n in range(40):
        holder[f"session-{n}"]
    assert len(holder.session_data) == 25
