"""Search the knowledge base: the engine API behind `companion search` and the planner."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_chroma import Chroma
from langchain_core.documents import Document

from companion.domain import Audience, Hit, Kind, Language, Level
from companion.knowledge.chunking import section_text


@dataclass(frozen=True)
class IndexedChunk:
    id: str
    heading: str
    text: str
    source: str


@dataclass(frozen=True)
class Filters:
    lang: Language | None = None
    kind: Kind | None = None
    topic: str | None = None
    audience: Audience | None = None
    level: Level | None = None

    def where(self) -> dict | None:
        """The filters as one Chroma `where` clause (list fields are array metadata)."""
        clauses = [{field: value} for field, value in (("lang", self.lang), ("kind", self.kind)) if value]
        clauses += [
            {field: {"$contains": value}}
            for field, value in (("topics", self.topic), ("audience", self.audience), ("level", self.level))
            if value
        ]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def to_hit(doc: Document, score: float, chunk_id: str) -> Hit:
    meta = doc.metadata
    return Hit(
        id=chunk_id,
        title=meta["title"],
        lang=meta["lang"],
        kind=meta["kind"],
        topics=list(meta["topics"]),
        source=meta["source"],
        score=round(score, 4),
        text=section_text(doc.page_content),
        heading=meta.get("heading", ""),
    )


class Searcher:
    """Dense search over the knowledge collection."""

    def __init__(self, store: Chroma):
        self._store = store

    def search(self, query: str, k: int = 5, filters: Filters = Filters()) -> list[Hit]:
        query = query.strip()
        if not query:
            return []
        vector = self._store.embeddings.embed_query(query)
        found = self._store.similarity_search_by_vector_with_relevance_scores(vector, k=k, filter=filters.where())
        return [to_hit(doc, 1.0 - distance, doc.id) for doc, distance in found]

    def card(self, card_id: str) -> dict[str, IndexedChunk]:
        """Every chunk of one card, by chunk id, straight from the index (so citations always exist)."""
        data = self._store.get(where={"card_id": card_id}, include=["documents", "metadatas"])
        return {
            cid: IndexedChunk(id=cid, heading=meta["heading"], text=section_text(doc), source=meta["source"])
            for cid, doc, meta in zip(data["ids"], data["documents"], data["metadatas"], strict=True)
        }
