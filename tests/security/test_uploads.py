"""Finding 1 (zip bombs, parser isolation, unique ids, atomic changes) and finding 5 (the upload route)."""

from __future__ import annotations

import io
import itertools
import statistics
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from companion.config import Settings
from companion.parsing import ParseLimits, Refused, parse_isolated
from companion.retrieval.search import Filters
from companion.services import Services
from companion.store.access import Actor
from companion.uploads import accept_uploads
from tests.support.documents import write_docx, write_pdf


def zip_bomb_docx(path: Path, unpacked_mb: int) -> Path:
    """A .docx-shaped zip whose document.xml inflates to `unpacked_mb` MiB (it compresses ~1000:1)."""
    body = b"<w:p><w:r><w:t>" + b"A" * 1024 * 1024 + b"</w:t></w:r></w:p>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document><w:body>')
            for _ in range(unpacked_mb):
                member.write(body)
            member.write(b"</w:body></w:document>")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def docs(tiny_services: Services) -> Services:
    return tiny_services


def test_a_zip_bomb_docx_is_refused_before_parsing(docs: Services, tmp_path: Path):
    bomb = zip_bomb_docx(tmp_path / "bomb.docx", 400)
    assert bomb.stat().st_size < 2 * 2**20  # small on disk: the old 20 MiB check let it through
    started = time.monotonic()
    report = docs.add_documents([bomb])
    assert time.monotonic() - started < 5
    assert report.added == []
    assert report.errors[0].file == "bomb.docx"
    assert "unpacks to 400.0 MiB, over the 100.0 MiB limit" in report.errors[0].message


def test_extracted_text_is_limited(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "d", upload_max_text_chars=1000, _env_file=None)
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(Refused, match="holds 5,000 characters of text, over the 1,000 limit"):
        parse_isolated(big, settings.parse_limits)


CAPPED_CHILD = (
    "import json, sys; from companion.parsing import ParseLimits, _limit_self; "
    "_limit_self(ParseLimits(**json.loads(sys.stdin.read())['limits'])); "
)


def test_the_parser_runs_in_a_process_with_a_memory_limit(tmp_path: Path):
    doc = write_docx(tmp_path / "fine.docx", ["A perfectly ordinary paragraph of company text."])
    limits = ParseLimits(memory_bytes=256 * 2**20)
    greedy = [sys.executable, "-c", CAPPED_CHILD + "block = bytearray(1024 ** 3)"]
    with pytest.raises(Refused, match="needs more than 256 MiB of memory"):
        parse_isolated(doc, limits, command=greedy)


def test_the_parser_is_killed_at_its_deadline(tmp_path: Path):
    doc = write_docx(tmp_path / "slow.docx", ["A perfectly ordinary paragraph of company text."])
    started = time.monotonic()
    with pytest.raises(Refused, match="took longer than 1 s"):
        parse_isolated(doc, ParseLimits(seconds=1), command=[sys.executable, "-c", "import time; time.sleep(60)"])
    assert time.monotonic() - started < 5


def test_real_files_still_parse_in_the_child(tmp_path: Path):
    pdf = write_pdf(tmp_path / "p.pdf", ["Hotels are refunded up to 150 euros a night in Milan."])
    assert "150 euros" in parse_isolated(pdf, ParseLimits())


def test_names_that_slug_alike_are_different_documents(docs: Services, tmp_path: Path):
    one = tmp_path / "good-policy.md"
    one.write_text("# Policy\n\nBadges must be worn visibly inside the Milan office at all times.\n", encoding="utf-8")
    two = tmp_path / "Good_Policy.txt"
    two.write_text("Parking spaces in the Rome garage are assigned by seniority every January.", encoding="utf-8")
    assert docs.add_documents([one, two]).added == ["good-policy.md", "Good_Policy.txt"]
    indexed = docs.documents.indexed()
    assert set(indexed) == {"good-policy.md", "Good_Policy.txt"}
    assert not set(indexed["good-policy.md"][1]) & set(indexed["Good_Policy.txt"][1])
    sources = {h.source for h in docs.searcher.search("badges parking", k=5, filters=Filters(kind="company"))}
    assert sources == {"good-policy.md", "Good_Policy.txt"}


def test_a_refused_re_upload_keeps_the_earlier_copy_and_chunks(docs: Services, tmp_path: Path):
    policy = write_pdf(tmp_path / "travel.pdf", ["Economy class for flights shorter than six hours, always."])
    docs.add_documents([policy])
    kept = docs.settings.data_dir / "uploads" / "travel.pdf"
    original = kept.read_bytes()
    broken = tmp_path / "upload" / "travel.pdf"
    broken.parent.mkdir()
    broken.write_bytes(b"%PDF-1.4 truncated")
    report = docs.add_documents([broken])
    assert report.errors
    assert report.errors[0].file == "travel.pdf"
    assert kept.read_bytes() == original
    assert docs.searcher.search("economy class flights", k=1, filters=Filters(kind="company"))[0].source == "travel.pdf"


def _two_versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "v1" / "rules.txt"
    new = tmp_path / "v2" / "rules.txt"
    old.parent.mkdir()
    new.parent.mkdir()
    old.write_text("Old rule: laptops are locked in the cabinet every evening before leaving.", encoding="utf-8")
    new.write_text("New rule: laptops go home with their owner and are encrypted with BitLocker.", encoding="utf-8")
    return old, new


def test_a_crash_before_the_kept_copy_is_replaced_is_rolled_back(docs: Services, tmp_path: Path, monkeypatch):
    old, new = _two_versions(tmp_path)
    docs.add_documents([old])
    before = docs.documents.indexed()["rules.txt"][1]
    import companion.knowledge.documents as documents

    real_replace = documents.os.replace

    def crash(source, target):
        if Path(target).parent.name == "uploads":  # the kept copy: the crash comes just before it
            raise OSError("power cut")
        real_replace(source, target)

    monkeypatch.setattr(documents.os, "replace", crash)
    with pytest.raises(OSError, match="power cut"):
        docs.add_documents([new])
    monkeypatch.undo()
    assert docs.documents.recover() == ["rules.txt"]
    assert docs.documents.indexed()["rules.txt"][1] == before
    kept = docs.settings.data_dir / "uploads" / "rules.txt"
    assert kept.read_text(encoding="utf-8").startswith("Old rule")
    assert docs.searcher.search("laptops cabinet", k=1, filters=Filters(kind="company"))[0].text.startswith("Old")


def test_a_crash_after_the_kept_copy_is_replaced_is_completed(docs: Services, tmp_path: Path, monkeypatch):
    old, new = _two_versions(tmp_path)
    docs.add_documents([old])
    import companion.knowledge.documents as documents

    def crash(self, ids):
        raise OSError("power cut")

    monkeypatch.setattr(documents.CompanyDocuments, "_delete_chunks", crash)
    with pytest.raises(OSError, match="power cut"):
        docs.add_documents([new])
    monkeypatch.undo()
    assert docs.documents.recover() == ["rules.txt"]
    ids = docs.documents.indexed()["rules.txt"][1]
    assert len(ids) == 1
    assert (docs.settings.data_dir / "uploads" / "rules.txt").read_text(encoding="utf-8").startswith("New rule")
    hit = docs.searcher.search("laptops", k=1, filters=Filters(kind="company"))[0]
    assert hit.text.startswith("New rule")


def test_remove_takes_the_copy_the_chunks_and_the_bm25_rows(docs: Services, tmp_path: Path):
    old, _ = _two_versions(tmp_path)
    docs.add_documents([old])
    assert docs.remove_document("rules.txt")
    assert not (docs.settings.data_dir / "uploads" / "rules.txt").exists()
    assert "rules.txt" not in docs.documents.indexed()
    assert docs.searcher.search("laptops cabinet", k=3, filters=Filters(kind="company")) == []
    assert not docs.remove_document("rules.txt")


def test_refusals_delete_only_files_this_user_uploaded(docs: Services, tmp_path: Path):
    """A mentor once deleted another user's cached export by naming its path in a refused upload."""
    export = tmp_path / "cache" / "someone" / "session-3.md"
    export.parent.mkdir(parents=True)
    export.write_text("another user's export", encoding="utf-8")
    docs.programme.create_user(None, "mentor.x", "Mentor", "mentor", "a-long-password")
    docs.programme.create_user(None, "hr.x", "HR", "hr", "a-long-password")
    mentor, hr = docs.programme.actor("mentor.x"), docs.programme.actor("hr.x")
    with pytest.raises(PermissionError):
        accept_uploads(docs, mentor, [export], owned=lambda p: False)
    assert export.exists()
    report = accept_uploads(docs, hr, [export], owned=lambda p: False)  # HR, but not HR's upload either
    assert export.exists()
    assert report.errors[0].message == "was not uploaded by you"
    actions = [(a.action, a.detail) for a in docs.programme.audit_log(Actor(0, "root", "admin"))]
    assert ("add documents", "refused: session-3.md") in actions


@pytest.mark.slow
def test_searches_stay_fast_while_a_document_is_embedded(tiny_indexed: Services, tmp_path: Path):
    """Embedding an upload must not block queries: p50 latency during an upload within 3x idle (+25 ms). A query
    waiting behind the upload's batches takes seconds; a query sharing the cores with it (the other test worker is
    busy too) took 2.4x idle in CI."""
    docs = tiny_indexed
    searcher = docs.searcher

    fresh = itertools.count()  # every query new: a cached query vector would time no embedding at all

    def timed(n: int) -> list[float]:
        times = []
        for _ in range(n):
            started = time.perf_counter()
            searcher.search(f"how do I spot a phishing email {next(fresh)}", k=5)
            times.append(time.perf_counter() - started)
        return times

    timed(3)
    idle = statistics.median(timed(15))
    paragraphs = [
        # Long enough to be embedding for a few seconds (15 searches take a quarter of one), no longer: the test
        # waits for the whole upload, at the lowest priority, while the other worker is busy.
        f"Section {n}. " + "The company travel policy explains hotels, trains and meals. " * 30
        for n in range(4)
    ]
    big = tmp_path / "handbook.txt"
    big.write_text("\n\n".join(paragraphs), encoding="utf-8")
    done = threading.Event()
    worker = threading.Thread(target=lambda: (docs.add_documents([big]), done.set()))
    worker.start()
    time.sleep(0.5)  # past the parse, into the embedding
    busy = []
    while not done.is_set() and len(busy) < 15:
        busy += timed(1)
    worker.join()
    assert len(busy) >= 5, "the upload finished before it could be measured"
    during = statistics.median(busy)
    print(f"search p50 idle {idle * 1000:.1f} ms, during an upload {during * 1000:.1f} ms")
    assert during <= 3 * idle + 0.025
