"""Company documents: four formats in, bad files refused by name and reason, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.knowledge.documents import MAX_DOCUMENT_BYTES
from companion.retrieval.search import Filters
from companion.services import Services
from tests.support.documents import write_docx, write_pdf

POLICY = [
    "Acme travel expense policy.",
    "Employees book economy class for flights shorter than six hours.",
    "Hotel costs are reimbursed up to 150 euros per night in Milan and Rome.",
    "Expense claims must be filed within 30 days with the original receipts.",
]


@pytest.fixture
def documents(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "onboarding.md").write_text(
        "# Onboarding\n\n## Laptops\n\nNew managers receive a laptop with the password manager installed.\n\n"
        "## Meetings\n\nHybrid meetings use the room cameras; join from your laptop with the sound off.\n",
        encoding="utf-8",
    )
    (folder / "note.txt").write_text(
        "La mensa aziendale è aperta dalle 12 alle 14 e accetta i buoni pasto.", encoding="utf-8"
    )
    return {
        "md": folder / "onboarding.md",
        "txt": folder / "note.txt",
        "pdf": write_pdf(folder / "travel-policy.pdf", POLICY),
        "docx": write_docx(
            folder / "it-rules.docx", ["IT rules: report lost phones to the service desk within one hour."]
        ),
    }


def test_all_four_formats_are_indexed_and_searchable(tiny_services: Services, documents):
    report = tiny_services.add_documents(list(documents.values()))
    assert report.ok
    assert sorted(report.added) == ["it-rules.docx", "note.txt", "onboarding.md", "travel-policy.pdf"]
    hit = tiny_services.searcher.search("hotel reimbursement per night", k=1, filters=Filters(kind="company"))[0]
    assert hit.source == "travel-policy.pdf"
    assert hit.kind == "company"
    assert "150 euros" in hit.text
    headings = {h.heading for h in tiny_services.searcher.search("laptop", k=5, filters=Filters(kind="company"))}
    assert "Laptops" in headings  # Markdown uploads keep their sections


def test_an_italian_question_finds_an_english_company_document(tiny_indexed: Services, documents):
    tiny_indexed.ingest()  # the library is there too: its Italian sections must not drown the policy
    tiny_indexed.add_documents([documents["pdf"]])
    hits = tiny_indexed.searcher.search("quanto mi rimborsano per l'albergo in trasferta?", k=5)
    assert "travel-policy.pdf" in [h.source for h in hits]
    policy = next(h for h in hits if h.source == "travel-policy.pdf")
    assert policy.lang == "en"
    assert {h.lang for h in hits if h.kind != "company"} <= {"it"}


def test_re_adding_an_unchanged_file_embeds_nothing(tiny_services: Services, documents):
    tiny_services.add_documents([documents["pdf"]])
    again = tiny_services.add_documents([documents["pdf"]])
    assert again.unchanged == 1
    assert again.chunks_written == 0


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"   \n", "contains no readable text"),
        ("tool.exe", b"MZ\x90\x00", "unsupported type '.exe'"),
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf", "cannot be read as a PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "cannot be read as a Word document"),
        ("binary.txt", b"abc\x00\x01\x02" * 20, "is not a text file"),
        ("latin.txt", "caffè ".encode("latin-1") * 20, "is not UTF-8 text"),
    ],
)
def test_a_bad_file_is_refused_by_name_and_reason(tiny_services: Services, tmp_path: Path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    report = tiny_services.add_documents([path])
    assert not report.ok
    assert report.added == []
    assert name in str(report.errors[0])
    assert reason in str(report.errors[0])


def test_an_oversized_file_is_refused(tiny_services: Services, tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    report = tiny_services.add_documents([path])
    assert "over the 20 MiB limit" in str(report.errors[0])


def test_a_corrupt_new_version_keeps_the_indexed_one(tiny_services: Services, documents, tmp_path: Path):
    tiny_services.add_documents([documents["pdf"]])
    documents["pdf"].write_bytes(b"%PDF-1.4 truncated")
    report = tiny_services.add_documents([documents["pdf"]])
    assert not report.ok
    hits = tiny_services.searcher.search("economy class flights", k=3, filters=Filters(kind="company"))
    assert hits
    assert hits[0].source == "travel-policy.pdf"


def test_one_bad_file_does_not_stop_the_others(tiny_services: Services, documents, tmp_path: Path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    report = tiny_services.add_documents([bad, documents["docx"]])
    assert report.added == ["it-rules.docx"]
    assert len(report.errors) == 1
