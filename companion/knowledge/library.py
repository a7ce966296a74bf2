"""Load the whole library: every card under knowledge/ plus the topic catalogue."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from companion.knowledge.cards import MAX_CARD_BYTES, Card, parse_card
from companion.knowledge.catalogue import Catalogue, load_catalogue
from companion.knowledge.errors import KnowledgeError

SKIPPED_NAMES = {"README.md"}


@dataclass
class Library:
    catalogue: Catalogue
    cards: list[Card] = field(default_factory=list)
    errors: list[KnowledgeError] = field(default_factory=list)

    def by_id(self) -> dict[str, Card]:
        return {card.meta.id: card for card in self.cards}


def card_files(knowledge_dir: Path) -> list[Path]:
    return sorted(p for p in knowledge_dir.rglob("*.md") if p.name not in SKIPPED_NAMES)


def relative_source(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def load_file(path: Path, catalogue: Catalogue, root: Path) -> Card:
    source = relative_source(path, root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(source, "file", f"cannot be read: {exc.strerror}") from exc
    if len(raw) > MAX_CARD_BYTES:
        raise KnowledgeError(source, "file", f"is {len(raw) // 1024} KiB, over the {MAX_CARD_BYTES // 1024} KiB limit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(source, "file", "is not UTF-8 text") from exc
    card = parse_card(text, source, catalogue, path)
    card.sha256 = hashlib.sha256(raw).hexdigest()
    return card


def load_library(knowledge_dir: Path, root: Path | None = None) -> Library:
    """Every valid card; invalid ones are collected in `errors`, never silently dropped."""
    root = root or knowledge_dir.parent
    library = Library(catalogue=load_catalogue(knowledge_dir / "topics.yaml"))
    seen: dict[str, str] = {}
    for path in card_files(knowledge_dir):
        try:
            card = load_file(path, library.catalogue, root)
        except KnowledgeError as error:
            library.errors.append(error)
            continue
        if card.meta.id in seen:
            library.errors.append(
                KnowledgeError(card.source, "id", f"{card.meta.id!r} is already used by {seen[card.meta.id]}")
            )
            continue
        seen[card.meta.id] = card.source
        library.cards.append(card)
    return library
