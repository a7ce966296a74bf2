"""Company documents (.md, .txt, .pdf, .docx): read, check, chunk and index them in their own collection.

A file that cannot be used is refused with its name and the reason; what is already indexed stays.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from langchain_chroma import Chroma

from companion.domain import Chunk, IngestReport, Language
from companion.knowledge.chunking import embedding_text
from companion.knowledge.errors import KnowledgeError
from companion.knowledge.index import Progress, chunk_metadata, fingerprint, indexed_files
from companion.knowledge.markdown import slugify, split_sections
from companion.language import detect_language

SUPPORTED = (".md", ".markdown", ".txt", ".pdf", ".docx")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MIN_TEXT_CHARS = 40
WINDOW_WORDS = 180  # about 250 tokens: one readable, citable passage


def refuse(path: Path, reason: str) -> KnowledgeError:
    return KnowledgeError(path.name, "file", reason)


def extract_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise refuse(path, f"unsupported type '{suffix or 'none'}' (use {', '.join(SUPPORTED)})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise refuse(path, f"cannot be read: {exc.strerror}") from exc
    if size > MAX_DOCUMENT_BYTES:
        raise refuse(path, f"is {size / 2**20:.1f} MiB, over the {MAX_DOCUMENT_BYTES // 2**20} MiB limit")
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    else:
        raw = path.read_bytes()
        if b"\x00" in raw:
            raise refuse(path, "is not a text file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise refuse(path, "is not UTF-8 text") from exc
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise refuse(path, "contains no readable text (a scanned PDF needs OCR first)")
    return text


# Parsers of untrusted files fail in many ways (their own errors, lxml's, zlib's, recursion): any failure
# to parse is the file's fault and becomes a refusal with its name, never a crash of the whole ingest.


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
        text = "" if encrypted else "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:
        raise refuse(path, f"cannot be read as a PDF ({type(exc).__name__})") from exc
    if encrypted:
        raise refuse(path, "is a password-protected PDF")
    return text


def _docx_text(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise refuse(path, f"cannot be read as a Word document ({type(exc).__name__})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n\n".join(lines)


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


def chunk_document(name: str, text: str, default_language: Language) -> list[Chunk]:
    doc_id = f"doc-{slugify(Path(name).stem, 60)}"
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


def ingest_documents(
    store: Chroma, paths: list[Path], default_language: Language, progress: Progress | None = None
) -> IngestReport:
    """Add or replace documents by file name; unchanged files are not re-embedded."""
    report = IngestReport()
    before = indexed_files(store)
    for done, path in enumerate(paths, start=1):
        try:
            text = extract_text(path)
        except KnowledgeError as error:
            report.errors.append(error.report())
            continue
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        name = path.name
        if before.get(name, ("",))[0] == fingerprint(sha):
            report.unchanged += 1
            continue
        chunks = chunk_document(name, text, default_language)
        store.add_texts(
            texts=[embedding_text(c) for c in chunks],
            metadatas=[chunk_metadata(c, sha) for c in chunks],
            ids=[c.id for c in chunks],
        )
        # The old version leaves only once the new one is in: nothing is lost on the way.
        stale = [cid for cid in before.get(name, ("", []))[1] if cid not in {c.id for c in chunks}]
        if stale:
            store.delete(ids=stale)
        (report.updated if name in before else report.added).append(name)
        report.chunks_written += len(chunks)
        if progress:
            progress(done, len(paths), name)
    report.chunks_total = len(store.get(include=[])["ids"])
    return report
