"""Keep the Chroma index in step with the library: only changed files are re-embedded."""

from __future__ import annotations

from collections.abc import Callable

from langchain_chroma import Chroma

from companion.domain import Chunk, IngestReport
from companion.knowledge.chunking import chunk_card, embedding_text
from companion.knowledge.library import Library

Progress = Callable[[int, int, str], None]  # (done, total, file)

# Bump when chunking or metadata change: every file's fingerprint changes, so the next ingest rebuilds.
INDEX_SCHEMA = "2"


def fingerprint(sha256: str) -> str:
    return f"{INDEX_SCHEMA}:{sha256}"


def chunk_metadata(chunk: Chunk, sha256: str) -> dict[str, str | list[str]]:
    """Lists are Chroma array metadata, filtered with `$contains`; Chroma refuses empty ones, so they are left out."""
    meta: dict[str, str | list[str]] = {
        "card_id": chunk.card_id,
        "title": chunk.title,
        "heading": chunk.heading,
        "lang": chunk.lang,
        "kind": chunk.kind,
        "source": chunk.source,
        "fingerprint": fingerprint(sha256),
    }
    for field in ("topics", "level", "audience", "keywords"):
        if values := getattr(chunk, field):
            meta[field] = list(values)
    return meta


def indexed_files(store: Chroma) -> dict[str, tuple[str, list[str]]]:
    """source -> (fingerprint, chunk ids) for everything in the collection."""
    found: dict[str, tuple[str, list[str]]] = {}
    data = store.get(include=["metadatas"])
    for chunk_id, meta in zip(data["ids"], data["metadatas"], strict=True):
        _, ids = found.setdefault(meta["source"], (meta.get("fingerprint", ""), []))
        ids.append(chunk_id)
    return found


def sync_index(store: Chroma, library: Library, progress: Progress | None = None) -> IngestReport:
    """Idempotent ingest. A file that fails validation keeps its previous chunks: nothing is lost."""
    report = IngestReport(errors=[error.report() for error in library.errors])
    before = indexed_files(store)
    broken = {error.path for error in library.errors}
    current = {card.source for card in library.cards}

    for source in sorted(set(before) - current - broken):
        store.delete(ids=before[source][1])
        report.removed.append(source)

    changed = [card for card in library.cards if before.get(card.source, ("",))[0] != fingerprint(card.sha256)]
    report.unchanged = len(library.cards) - len(changed)
    for done, card in enumerate(changed, start=1):
        chunks = chunk_card(card)
        store.add_texts(  # an upsert: the new version is in before the old one leaves
            texts=[embedding_text(c) for c in chunks],
            metadatas=[chunk_metadata(c, card.sha256) for c in chunks],
            ids=[c.id for c in chunks],
        )
        if card.source in before:
            new_ids = {c.id for c in chunks}
            if stale := [cid for cid in before[card.source][1] if cid not in new_ids]:
                store.delete(ids=stale)
            report.updated.append(card.source)
        else:
            report.added.append(card.source)
        report.chunks_written += len(chunks)
        if progress:
            progress(done, len(changed), card.source)
    report.chunks_total = len(store.get(include=[])["ids"])
    return report
