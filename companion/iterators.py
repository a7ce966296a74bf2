"""Closing generators on time: a handler's generator that Gradio closes (the browser left) must close the
generators it is reading from, down to the model's HTTP stream, at once, not whenever they are garbage-collected."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def closing_iterator(iterator: Iterator[T]) -> Iterator[Iterator[T]]:
    """`contextlib.closing` for any iterator: a generator is closed (its `finally` blocks run) when the block is
    left, also by the GeneratorExit of an outer generator being closed; other iterators are left alone."""
    try:
        yield iterator
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()
