"""One logging setup for every entry point (web app, CLI, benchmarks): module loggers everywhere,
the level from `COMPANION_LOG_LEVEL` (default INFO), one line per event on stderr."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str = "INFO") -> None:
    """Idempotent: a second call only changes the level (tests and the CLI may both call it)."""
    root = logging.getLogger()
    if not any(getattr(handler, "_companion", False) for handler in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(lambda record: record.levelno >= logging.getLogger().level)  # libraries set their own
        handler._companion = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level.upper())
    # Third-party chatter that drowns our own events at INFO.
    for noisy in ("httpx", "httpcore", "chromadb", "urllib3", "gradio", "uvicorn.access", "bm25s"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


@contextmanager
def timed(logger: logging.Logger, what: str, **fields: object) -> Iterator[None]:
    """Log how long a block took, at INFO: `timed(log, "ingest", files=3)`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        details = " ".join(f"{key}={value}" for key, value in fields.items())
        logger.info("%s took %.2f s %s", what, time.perf_counter() - started, details)
