"""Cut a card into section-sized, citable chunks with stable ids."""

from __future__ import annotations

from companion.domain import Chunk
from companion.knowledge.cards import Card
from companion.knowledge.markdown import slugify
from companion.knowledge.sections import section_key


def _key(heading: str, card: Card) -> str:
    return section_key(heading, card.meta.lang) or slugify(heading)


def chunk_card(card: Card) -> list[Chunk]:
    meta = card.meta
    common = dict(
        card_id=meta.id,
        title=meta.title,
        lang=meta.lang,
        kind=meta.kind,
        topics=meta.topics,
        source=card.source,
        level=meta.level,
        audience=meta.audience,
        keywords=meta.keywords,
    )
    chunks: list[Chunk] = []
    used: set[str] = set()

    def add(key: str, heading: str, text: str) -> None:
        if not text.strip():
            return
        chunk_id, n = f"{meta.id}#{key}", 2
        while chunk_id in used:  # two sections with the same heading stay distinct
            chunk_id, n = f"{meta.id}#{key}-{n}", n + 1
        used.add(chunk_id)
        chunks.append(Chunk(id=chunk_id, heading=heading, text=text.strip(), **common))

    add("intro", meta.title, card.intro)
    for section in card.sections:
        key = _key(section.heading, card)
        add(key, section.heading, section.text)
        for sub in section.subsections:
            add(f"{key}/{_key(sub.heading, card)}", f"{section.heading} > {sub.heading}", sub.text)
    return chunks


def embedding_text(chunk: Chunk) -> str:
    """What the embedding model reads: the card title and heading give a short section its context."""
    return f"{chunk.title}. {chunk.heading}\n{chunk.text}"


def section_text(document: str) -> str:
    """The section's own text back from a stored document (drops the context line added above)."""
    return document.split("\n", 1)[1] if "\n" in document else document
