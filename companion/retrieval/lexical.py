"""BM25 per language (bm25s, Snowball stemming), persisted beside Chroma and rebuilt from it.

The lexical index is derived data: it is rebuilt from the Chroma collections after every ingest and
whenever its manifest does not match them, so the two can never drift apart for long.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bm25s
import numpy as np

from companion.domain import Language

LANGUAGES: tuple[Language, ...] = ("en", "it")
# Bump when what BM25 indexes changes (not the chunks): a saved index of another version is rebuilt.
LEXICAL_VERSION = "2"  # 2: a card's front-matter keywords are indexed with each of its sections
_STEMMERS = {"en": "english", "it": "italian"}
_STOPWORDS = {"en": "en", "it": "it"}


@dataclass(frozen=True)
class Row:
    """One chunk as the lexical side sees it."""

    id: str
    text: str
    meta: dict


@cache
def _stemmer(lang: Language):
    import Stemmer

    return Stemmer.Stemmer(_STEMMERS[lang])


def tokenize(texts: list[str], lang: Language, return_ids: bool = True):
    return bm25s.tokenize(
        texts,
        stopwords=_STOPWORDS[lang],
        stemmer=_stemmer(lang).stemWords,
        return_ids=return_ids,
        show_progress=False,
    )


def indexed_text(row: Row) -> str:
    """What BM25 reads for a chunk: its text and the words people type for its card (front-matter keywords)."""
    keywords = row.meta.get("keywords") or []
    return f"{row.text}\n{' '.join(keywords)}" if keywords else row.text


def state_fingerprint(rows: Iterable[tuple[str, str]]) -> str:
    """A digest of (chunk id, file fingerprint) pairs: equal digests mean the same indexed content."""
    digest = hashlib.sha256(f"lexical-v{LEXICAL_VERSION}\n".encode())
    for chunk_id, fingerprint in sorted(rows):
        digest.update(f"{chunk_id}\0{fingerprint}\n".encode())
    return digest.hexdigest()


class _LanguageIndex:
    def __init__(self, lang: Language, rows: list[Row], retriever: bm25s.BM25 | None = None):
        self.lang = lang
        self.rows = rows
        if retriever is None and rows:
            retriever = bm25s.BM25()
            retriever.index(tokenize([indexed_text(r) for r in rows], lang), show_progress=False)
        self.retriever = retriever
        self._masks: dict[object, np.ndarray] = {}

    def mask(self, filters) -> np.ndarray | None:
        """1.0 where a row passes the filters; cached per filter combination (there are few)."""
        if filters is None:
            return None
        if filters not in self._masks:
            self._masks[filters] = np.array(
                [1.0 if filters.matches(r.meta) else 0.0 for r in self.rows], dtype=np.float32
            )
        return self._masks[filters]

    def search(self, query: str, k: int, filters=None) -> list[tuple[Row, float]]:
        if not self.rows or self.retriever is None:
            return []
        tokens = tokenize([query], self.lang, return_ids=False)
        if not tokens[0]:
            return []
        mask = self.mask(filters)
        if mask is not None and not mask.any():
            return []
        found, scores = self.retriever.retrieve(
            # n_threads=0: a plain map; with 1 bm25s starts a thread pool (a new thread) for every query.
            tokens,
            k=min(k, len(self.rows)),
            show_progress=False,
            weight_mask=mask,
            n_threads=0,
        )
        return [(self.rows[i], float(s)) for i, s in zip(found[0], scores[0], strict=True) if s > 0]


class LexicalIndex:
    def __init__(self, directory: Path):
        self.directory = directory
        self._indexes: dict[Language, _LanguageIndex] = {}
        self._by_id: dict[str, Row] = {}
        self._by_card: dict[str, list[Row]] = {}
        self._kinds: set[str | None] = set()
        self._shares: dict[object, float] = {}
        self.fingerprint: str | None = None
        self._lock = threading.Lock()

    def rebuild(self, rows: list[Row], fingerprint: str) -> None:
        indexes = {lang: _LanguageIndex(lang, [r for r in rows if r.meta.get("lang") == lang]) for lang in LANGUAGES}
        self._install(indexes, fingerprint)
        self._save()

    def _install(self, indexes: dict[Language, _LanguageIndex], fingerprint: str) -> None:
        by_id = {row.id: row for index in indexes.values() for row in index.rows}
        kinds = {row.meta.get("kind") for row in by_id.values()}
        by_card: dict[str, list[Row]] = {}
        for row in by_id.values():
            if row.meta.get("card_id"):
                by_card.setdefault(row.meta["card_id"], []).append(row)
        with self._lock:
            self._indexes, self.fingerprint, self._by_id, self._kinds = indexes, fingerprint, by_id, kinds
            self._by_card, self._shares = by_card, {}

    def row(self, chunk_id: str) -> Row | None:
        """Text and metadata of any indexed chunk, from memory (the dense side returns ids only)."""
        return self._by_id.get(chunk_id)

    def card(self, card_id: str) -> list[Row]:
        """Every chunk of one card, in index order, from memory."""
        return self._by_card.get(card_id, [])

    def share(self, filters) -> float:
        """The fraction of all chunks that pass the filters (cached per filter combination)."""
        if filters not in self._shares:
            rows = self._by_id.values()
            self._shares[filters] = sum(filters.matches(r.meta) for r in rows) / max(len(rows), 1)
        return self._shares[filters]

    def has_kind(self, kind: str) -> bool:
        return kind in self._kinds

    def _save(self) -> None:
        tmp = self.directory.with_name(self.directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for lang, index in self._indexes.items():
            rows = [{"id": r.id, "text": r.text, "meta": r.meta} for r in index.rows]
            (tmp / f"{lang}.rows.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            if index.retriever is not None:
                index.retriever.save(str(tmp / lang), show_progress=False)
        (tmp / "manifest.json").write_text(json.dumps({"fingerprint": self.fingerprint}), encoding="utf-8")
        shutil.rmtree(self.directory, ignore_errors=True)
        tmp.rename(self.directory)  # readers never see a half-written index

    def load(self, expected_fingerprint: str) -> bool:
        """Load the saved index if it matches the collections; False means: rebuild it."""
        manifest = self.directory / "manifest.json"
        try:
            if json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") != expected_fingerprint:
                return False
            indexes = {}
            for lang in LANGUAGES:
                raw = json.loads((self.directory / f"{lang}.rows.json").read_text(encoding="utf-8"))
                rows = [Row(r["id"], r["text"], r["meta"]) for r in raw]
                retriever = bm25s.BM25.load(str(self.directory / lang), show_progress=False) if rows else None
                indexes[lang] = _LanguageIndex(lang, rows, retriever)
        except (OSError, ValueError, KeyError):
            return False
        self._install(indexes, expected_fingerprint)
        return True

    def search(self, query: str, lang: Language, k: int, filters=None) -> list[tuple[Row, float]]:
        index = self._indexes.get(lang)
        return index.search(query, k, filters) if index else []
