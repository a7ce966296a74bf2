"""Company documents (.md, .txt, .pdf, .docx): read, check, chunk and index them in their own collection.

A file that cannot be used is refused with its name and the reason; what is already indexed stays, and so does
the copy kept of its earlier version. Every change to a document (add, replace, remove) touches three places:
the kept copy under `<data>/uploads`, the Chroma collection and the BM25 index. It is done in an order that a
journal entry, written first, lets `recover()` finish or undo after a crash:

    embed (nothing changed yet) -> journal -> upsert new chunks -> replace kept copy -> delete old chunks
    -> rebuild BM25 -> drop journal

Before the kept copy is replaced, recovery rolls back (deletes the new chunks); after it, recovery rolls
forward (deletes the old ones). Chunk ids carry a hash of the file name and content, so two files never share
ids (`Good_Policy.txt` cannot overwrite a section of `good-policy.md`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chromadb.api.models.Collection import Collection

from companion.domain import Chunk, IngestReport, Language
from companion.knowledge.chunking import embedding_text
from companion.knowledge.errors import KnowledgeError
from companion.knowledge.index import Progress, chunk_metadata, fingerprint
from companion.knowledge.markdown import slugify, split_sections
from companion.language import detect_language
from companion.parsing import SUPPORTED, ParseLimits, Refused, parse_isolated

__all__ = ["MAX_DOCUMENT_BYTES", "SUPPORTED", "CompanyDocuments", "chunk_document", "extract_text", "safe_name"]

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = ParseLimits().max_bytes
MIN_TEXT_CHARS = 40
WINDOW_WORDS = 180  # about 250 tokens: one readable, citable passage


def refuse(path: Path, reason: str) -> KnowledgeError:
    return KnowledgeError(path.name, "file", reason)


def safe_name(name: str) -> str:
    """The file name alone: no directories, no hidden files."""
    return Path(name.replace("\\", "/")).name.lstrip(".") or "upload"


def extract_text(path: Path, limits: ParseLimits | None = None) -> str:
    """The file's text, parsed in a separate process under memory, time and size limits."""
    try:
        text = parse_isolated(path, limits or ParseLimits())
    except Refused as refused:
        raise refuse(path, str(refused)) from refused
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise refuse(path, "contains no readable text (a scanned PDF needs OCR first)")
    return text


def _windows(text: str) -> list[str]:
    """Paragraphs packed into passages of about WINDOW_WORDS words."""
    passages: list[str] = []
    current: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        words = paragraph.split()
        while words:
            room = WINDOW_WORDS - len(current)
            current += words[:room]
            words = words[room:]
            if len(current) >= WINDOW_WORDS:
                passages.append(" ".join(current))
                current = []
    if current:
        passages.append(" ".join(current))
    return passages


def document_title(name: str, text: str) -> str:
    """What people call the document: its first Markdown heading, else a short first line that reads as a title,
    else the file name without its extension."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    heading = next((line.lstrip("#").strip() for line in lines if re.match(r"#{1,3}\s+\S", line)), "")
    first = lines[0] if lines else ""
    if not heading and len(first) <= 100 and not first.endswith((".", ":", ";", ",")):
        heading = first
    return heading or Path(name).stem.replace("_", " ").replace("-", " ").strip() or name


def document_id(name: str, sha256: str) -> str:
    """Readable and unique: the name's slug plus a hash of the name and the content."""
    digest = hashlib.sha256(f"{name}\0{sha256}".encode()).hexdigest()[:12]
    return f"doc-{slugify(Path(name).stem, 60)}-{digest}"


def chunk_document(name: str, text: str, default_language: Language, sha256: str = "") -> list[Chunk]:
    doc_id = document_id(name, sha256 or hashlib.sha256(text.encode()).hexdigest())
    lang = detect_language(text[:3000], default_language)
    title = document_title(name, text)
    pieces: list[tuple[str, str]] = []
    if Path(name).suffix.lower() in (".md", ".markdown"):
        intro, sections = split_sections(text)
        pieces += [(title, p) for p in _windows(intro)]
        for section in sections:
            pieces += [(section.heading, p) for p in _windows(section.text)]
            for sub in section.subsections:
                pieces += [(f"{section.heading} > {sub.heading}", p) for p in _windows(sub.text)]
    else:
        pieces = [(title, p) for p in _windows(text)]
    return [
        Chunk(
            id=f"{doc_id}#p{n:03d}",
            card_id=doc_id,
            title=title,
            heading=heading,
            text=passage,
            lang=lang,
            kind="company",
            topics=[],
            source=name,
        )
        for n, (heading, passage) in enumerate(pieces, start=1)
    ]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_atomically(path: Path, data: str) -> None:
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


@dataclass
class CompanyDocuments:
    """The company's documents: kept copies, their chunks in Chroma, and BM25 (through `refresh_lexical`)."""

    folder: Path  # the kept copies, one per file name
    work: Path  # staging, journal and trash: same file system as `folder`, so renames are atomic
    collection: Collection
    embed: Callable[[Sequence[str]], list[list[float]]]
    refresh_lexical: Callable[[], None]
    default_language: Language = "en"
    limits: ParseLimits = field(default_factory=ParseLimits)

    def __post_init__(self) -> None:
        self._writer = threading.Lock()  # one change at a time; searches never wait on it
        for sub in (self.folder, self.staging, self.journal, self.trash):
            sub.mkdir(parents=True, exist_ok=True)

    @property
    def staging(self) -> Path:
        return self.work / "staging"

    @property
    def journal(self) -> Path:
        return self.work / "journal"

    @property
    def trash(self) -> Path:
        return self.work / "trash"

    def _entry(self, name: str) -> Path:
        return self.journal / f"{hashlib.sha256(name.encode()).hexdigest()[:16]}.json"

    def indexed(self) -> dict[str, tuple[str, list[str]]]:
        """source -> (fingerprint, chunk ids)."""
        found: dict[str, tuple[str, list[str]]] = {}
        data = self.collection.get(include=["metadatas"])
        for chunk_id, meta in zip(data["ids"], data["metadatas"] or [], strict=True):
            _, ids = found.setdefault(str(meta["source"]), (str(meta.get("fingerprint", "")), []))
            ids.append(chunk_id)
        return found

    def names(self) -> list[str]:
        return sorted(self.indexed())

    # ---- add or replace ------------------------------------------------------------------------------------

    def add(self, paths: list[Path], progress: Progress | None = None, names: list[str] | None = None) -> IngestReport:
        """Add or replace documents by file name (`names`, else each path's own); unchanged files are skipped."""
        report = IngestReport()
        with self._writer:
            before = self.indexed()
            changed = False
            for done, path in enumerate(paths, start=1):
                name = safe_name(names[done - 1] if names else path.name)
                try:
                    changed |= self._add_one(path, name, before, report)
                except KnowledgeError as error:
                    report.errors.append(error.report())
                if progress:
                    progress(done, len(paths), name)
            if changed:
                self.refresh_lexical()
                for entry in self.journal.glob("*.json"):
                    entry.unlink(missing_ok=True)  # BM25 now matches Chroma: every change is complete
            report.chunks_total = len(self.collection.get(include=[])["ids"])
        return report

    def _add_one(self, path: Path, name: str, before: dict, report: IngestReport) -> bool:
        text = self._extract(path, name)
        sha = _sha256(path)
        old_fingerprint, old_ids = before.get(name, ("", []))
        if old_fingerprint == fingerprint(sha) and (self.folder / name).exists():
            report.unchanged += 1
            return False
        chunks = chunk_document(name, text, self.default_language, sha)
        texts = [embedding_text(c) for c in chunks]
        vectors = self.embed(texts)  # the slow part, before anything changes
        staged = self.staging / name
        shutil.copyfile(path, staged)
        new_ids = [c.id for c in chunks]
        _write_atomically(
            self._entry(name), json.dumps({"action": "add", "name": name, "new": new_ids, "old": old_ids})
        )
        self.collection.upsert(
            ids=new_ids,
            embeddings=vectors,  # type: ignore[arg-type]
            documents=texts,
            metadatas=[chunk_metadata(c, sha) for c in chunks],  # type: ignore[misc]
        )
        os.replace(staged, self.folder / name)
        self._delete_chunks([cid for cid in old_ids if cid not in set(new_ids)])
        (report.updated if name in before else report.added).append(name)
        report.chunks_written += len(chunks)
        before[name] = (fingerprint(sha), new_ids)
        logger.info("company document %s: %d chunks (%s)", name, len(chunks), "replaced" if old_ids else "added")
        return True

    def _extract(self, path: Path, name: str) -> str:
        """Parse under the name the document will have (the refusal names it, the suffix picks the parser)."""
        try:
            return extract_text(path, self.limits)
        except KnowledgeError as error:
            if error.path == name:
                raise
            raise KnowledgeError(name, error.field, error.message) from error

    def _delete_chunks(self, ids: list[str]) -> None:
        if ids:
            self.collection.delete(ids=ids)

    # ---- remove --------------------------------------------------------------------------------------------

    def remove(self, name: str) -> bool:
        """Remove a document: its kept copy, its chunks, its BM25 rows. False when there is no such document."""
        name = safe_name(name)
        with self._writer:
            ids = self.indexed().get(name, ("", []))[1]
            kept = self.folder / name
            if not ids and not kept.exists():
                return False
            _write_atomically(self._entry(name), json.dumps({"action": "remove", "name": name, "old": ids}))
            if kept.exists():
                os.replace(kept, self.trash / name)
            self._delete_chunks(ids)
            self.refresh_lexical()
            (self.trash / name).unlink(missing_ok=True)
            self._entry(name).unlink(missing_ok=True)
            logger.info("company document %s removed (%d chunks)", name, len(ids))
            return True

    # ---- recovery ------------------------------------------------------------------------------------------

    def recover(self) -> list[str]:
        """Finish or undo changes a crash left half-done; returns the names it touched."""
        touched = []
        with self._writer:
            for entry in sorted(self.journal.glob("*.json")):
                try:
                    work = json.loads(entry.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    entry.unlink(missing_ok=True)
                    continue
                name, old, new = work["name"], work.get("old", []), work.get("new", [])
                if work["action"] == "add" and (self.staging / name).exists():
                    self._delete_chunks([cid for cid in new if cid not in set(old)])  # roll back
                    (self.staging / name).unlink()
                    logger.warning("recovery: the interrupted upload of %s was undone", name)
                elif work["action"] == "add":
                    self._delete_chunks([cid for cid in old if cid not in set(new)])  # roll forward
                    logger.warning("recovery: the interrupted replacement of %s was completed", name)
                else:
                    self._delete_chunks(old)
                    (self.trash / name).unlink(missing_ok=True)
                    logger.warning("recovery: the interrupted removal of %s was completed", name)
                touched.append(name)
            for leftover in self.staging.iterdir():
                leftover.unlink(missing_ok=True)
            if touched:
                self.refresh_lexical()
            for entry in self.journal.glob("*.json"):
                entry.unlink(missing_ok=True)
        return touched
