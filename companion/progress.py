"""A terminal progress bar for long ingests (the UI has its own, gr.Progress)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from companion.knowledge.index import Progress


@contextmanager
def terminal_progress(description: str = "Embedding", quiet: bool = False) -> Iterator[Progress]:
    from tqdm import tqdm

    bar = tqdm(total=0, unit="file", desc=description, disable=quiet or None)

    def progress(done: int, total: int, source: str) -> None:
        bar.total = total
        bar.set_postfix_str(Path(source).name, refresh=False)
        bar.update(1)

    try:
        yield progress
    finally:
        bar.close()
