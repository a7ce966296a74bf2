"""Corpus size per language and kind: what `companion stats` prints."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from companion.domain import LANGUAGES
from companion.knowledge.library import Library


class LanguageStats(BaseModel):
    documents: int = 0
    words: int = 0
    by_kind: dict[str, int] = {}


def library_stats(library: Library) -> dict[str, LanguageStats]:
    stats: dict[str, LanguageStats] = {}
    for lang in LANGUAGES:
        cards = [card for card in library.cards if card.meta.lang == lang]
        words = sum(
            len(card.intro.split())
            + sum(len(s.text.split()) + sum(len(sub.text.split()) for sub in s.subsections) for s in card.sections)
            for card in cards
        )
        stats[lang] = LanguageStats(
            documents=len(cards), words=words, by_kind=dict(Counter(card.meta.kind for card in cards))
        )
    return stats
