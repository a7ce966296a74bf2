"""HR manages company documents: a list people can read (title from the document, language, sections, who added
it and when), removal from both indexes with nothing else lost, and replacement by a new version."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.app_services import Desks, InvalidRequest, NotAllowed
from companion.retrieval.search import Filters
from companion.services import Services


def UPLOADED_BY_HR(path: Path) -> str:
    """The server's upload ledger would say so: these files are in the cache as hr.docs's uploads."""
    return "hr.docs"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def hr(tiny_indexed: Services, tmp_path: Path) -> tuple[Desks, Path]:
    tiny_indexed.programme.create_user(None, "hr.docs", "Dana HR", "hr", "a-long-password")
    tiny_indexed.programme.create_user(None, "mentor.docs", "Mo", "mentor", "a-long-password")
    folder = tmp_path / "incoming"
    folder.mkdir()
    return Desks.over(tiny_indexed), folder


EXPENSES = (
    "# Travel expenses policy\n\n## Hotels\n\nHotels are refunded up to 150 euros a night in Milan and Rome.\n\n"
    "## Claims\n\nFile expense claims within 30 days, with the receipts attached.\n"
)
PARKING = (
    "Regolamento del parcheggio\n\nIl parcheggio aziendale è riservato a chi arriva in auto condivisa con colleghi."
)


def test_the_list_shows_title_language_sections_and_who_added_it(hr):
    desks, folder = hr
    desks.library.upload(
        "hr.docs", [write(folder, "exp_pol_v3.md", EXPENSES), write(folder, "park.txt", PARKING)], UPLOADED_BY_HR
    )
    documents = {d.source: d for d in desks.library.company_documents("hr.docs")}
    assert documents["exp_pol_v3.md"].title == "Travel expenses policy"  # the heading, not the file name
    assert documents["park.txt"].title == "Regolamento del parcheggio"
    assert documents["exp_pol_v3.md"].language == "en"
    assert documents["park.txt"].language == "it"
    assert documents["exp_pol_v3.md"].sections >= 2
    assert documents["park.txt"].added_by == "hr.docs"
    assert documents["park.txt"].added_at is not None
    with pytest.raises(NotAllowed):
        desks.library.company_documents("mentor.docs")


def test_removing_a_document_takes_it_out_of_both_indexes_and_nothing_else(hr, tiny_services: Services):
    desks, folder = hr
    desks.library.upload(
        "hr.docs", [write(folder, "expenses.md", EXPENSES), write(folder, "park.txt", PARKING)], UPLOADED_BY_HR
    )
    library_before = len(tiny_services.store.get(include=[])["ids"])
    expense_ids = tiny_services.company_store.get(where={"source": "expenses.md"}, include=[])["ids"]
    assert expense_ids
    assert all(tiny_services.lexical.row(chunk_id) for chunk_id in expense_ids)
    removed = desks.library.remove_document("hr.docs", "expenses.md")
    assert removed.title == "Travel expenses policy"
    assert [d.source for d in desks.library.company_documents("hr.docs")] == ["park.txt"]
    assert tiny_services.company_store.get(where={"source": "expenses.md"}, include=[])["ids"] == []
    assert all(tiny_services.lexical.row(chunk_id) is None for chunk_id in expense_ids)  # BM25 too
    company = Filters(kind="company")
    assert all(h.source != "expenses.md" for h in tiny_services.searcher.search("hotel refund", k=5, filters=company))
    assert len(tiny_services.store.get(include=[])["ids"]) == library_before  # the library is untouched
    assert tiny_services.searcher.search("parcheggio auto condivisa", k=1, filters=company)[0].source == "park.txt"
    assert not (tiny_services.settings.data_dir / "uploads" / "expenses.md").exists()
    with pytest.raises(InvalidRequest):
        desks.library.remove_document("hr.docs", None)
    with pytest.raises(NotAllowed):
        desks.library.remove_document("mentor.docs", "park.txt")


def test_a_new_version_replaces_the_old_one(hr, tiny_services: Services):
    desks, folder = hr
    desks.library.upload("hr.docs", [write(folder, "expenses.md", EXPENSES)], UPLOADED_BY_HR)
    newer = EXPENSES.replace("150 euros", "180 euros")
    report = desks.library.replace_document(
        "hr.docs", "expenses.md", write(folder, "expenses-2026.md", newer), UPLOADED_BY_HR
    )
    assert report.ok
    [document] = desks.library.company_documents("hr.docs")
    assert document.source == "expenses.md"  # same type: same name, same section ids
    hit = tiny_services.searcher.search("hotel refund per night", k=1, filters=Filters(kind="company"))[0]
    assert "180 euros" in hit.text

    as_text = write(folder, "expenses.txt", "Travel expenses\n\nHotels are refunded up to 200 euros a night.")
    report = desks.library.replace_document("hr.docs", "expenses.md", as_text, UPLOADED_BY_HR)
    assert report.removed == ["expenses.md"]
    assert [d.source for d in desks.library.company_documents("hr.docs")] == ["expenses.txt"]


def test_a_refused_new_version_keeps_the_old_one(hr):
    desks, folder = hr
    desks.library.upload("hr.docs", [write(folder, "expenses.md", EXPENSES)], UPLOADED_BY_HR)
    empty = write(folder, "expenses.pdf", "")
    report = desks.library.replace_document("hr.docs", "expenses.md", empty, UPLOADED_BY_HR)
    assert not report.ok
    assert [d.source for d in desks.library.company_documents("hr.docs")] == ["expenses.md"]
