"""Citations across any generated model: collect them, keep only retrieved ones, index their sources."""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import TypeVar

from pydantic import BaseModel

from companion.domain import Citation, Generated

G = TypeVar("G", bound=Generated)


def citation_lists(model: BaseModel) -> Iterator[list[str]]:
    """Every item-level `citations: list[str]`, in field order (the order the rendering shows them)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "citations" and isinstance(model, Generated):
            continue  # the result's own index of sources, not an item's citations
        if name == "citations":
            yield value
        elif isinstance(value, BaseModel):
            yield from citation_lists(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    yield from citation_lists(item)


def cited_ids(model: BaseModel) -> list[str]:
    return list(dict.fromkeys(cid for ids in citation_lists(model) for cid in ids))


def restrict_to(model: BaseModel, allowed: Container[str]) -> int:
    """Drop every citation that was not retrieved for this answer; returns how many were dropped."""
    dropped = 0
    for ids in citation_lists(model):
        kept = [cid for cid in ids if cid in allowed]
        dropped += len(ids) - len(kept)
        ids[:] = kept
    return dropped


def with_sources(result: G, sources: dict[str, str]) -> G:
    """Fill the top-level citation index (id and source) from the item citations."""
    result.citations = [Citation(id=cid, source=sources[cid]) for cid in cited_ids(result) if cid in sources]
    return result
