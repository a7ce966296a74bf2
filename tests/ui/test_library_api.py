"""The library tab's endpoints: search, and uploads that are indexed and not left in Gradio's cache."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from gradio_client import handle_file

from companion.services import Services
from tests.support.documents import write_pdf
from tests.ui.conftest import client

pytestmark = pytest.mark.slow


def test_search_shows_title_section_kind_and_language_in_words(app_url: str):
    result = client(app_url, "hr.laura").predict(
        "autenticazione a due fattori", "it", "skill", "it", api_name="/search"
    )
    assert "**Password, password manager e autenticazione a più fattori**" in result
    assert "Competenza digitale · italiano" in result
    assert "passwords-and-mfa" not in result  # no card ids, slugs or paths: those are for the CLI
    assert "knowledge/" not in result


def test_a_query_that_matches_nothing_says_so_in_the_users_language(app_url: str):
    hr = client(app_url, "hr.laura")
    assert hr.predict("qwxzv blorp", "", "", "it", api_name="/search") == (
        "Nessun risultato. Prova altre parole o togli un filtro."
    )
    assert hr.predict("qwxzv blorp", "", "", "en", api_name="/search") == (
        "Nothing found. Try other words, or remove a filter."
    )


def test_search_with_nothing_found_says_so(app_url: str):
    result = client(app_url, "hr.laura").predict("", "", "", "en", api_name="/search")
    assert result == "Nothing found. Try other words, or remove a filter."


def test_upload_indexes_the_file_and_leaves_no_public_copy(tiny_app_url: str, tiny_services: Services, tmp_path: Path):
    policy = write_pdf(
        tmp_path / "travel-policy.pdf", ["Acme travel policy.", "Hotels are refunded up to 150 euros a night."]
    )
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    hr = client(tiny_app_url, "hr.tiny")
    status, files = hr.predict([handle_file(str(policy)), handle_file(str(broken))], "en", api_name="/upload")
    assert "Added 1" in status
    assert "broken.pdf: cannot be read as a PDF" in status
    assert files is None

    kept = tiny_services.settings.data_dir / "uploads"
    assert sorted(p.name for p in kept.iterdir()) == ["travel-policy.pdf"]  # refused files are not kept
    hits = hr.predict("hotel refund per night", "", "company", "en", api_name="/search")
    assert "travel-policy.pdf" in hits

    # Nothing of the upload is left in Gradio's cache for someone to fetch by URL.
    from gradio.utils import get_upload_folder

    cached = [p for p in Path(get_upload_folder()).rglob("travel-policy.pdf")]
    assert cached == []


def test_upload_with_no_files_is_a_clear_message(tiny_app_url: str):
    status, _ = client(tiny_app_url, "hr.tiny").predict(None, "it", api_name="/upload")
    assert "Scegli prima uno o più file" in status


def test_only_hr_and_admins_add_documents(tiny_app_url: str, tmp_path: Path):
    note = tmp_path / "note.txt"
    note.write_text("A company note that is long enough to be indexed by the library.", encoding="utf-8")
    mentor = client(tiny_app_url, "mentor.tiny")
    with pytest.raises(httpx.HTTPStatusError, match="403"):  # not even into Gradio's upload cache
        mentor.predict([handle_file(str(note))], "en", api_name="/upload")
