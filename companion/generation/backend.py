"""One way to run every use case: the offline draft first, then, when an LLM is configured, the model's
version of it, checked like any untrusted input. Any failure returns the draft with a visible notice.

Checks on the model's answer: it parses into the same pydantic model; citations outside the retrieved
sections are dropped (and counted); every item must still cite something; the text is in the asked language;
task-specific invariants hold (a plan's minutes add up).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from companion.config import Settings
from companion.domain import Generated, IndexedChunk, Language
from companion.generation.citations import citation_lists, restrict_to, with_sources
from companion.generation.llm import LLMClient, LLMError, as_json
from companion.i18n import t
from companion.iterators import closing_iterator
from companion.language import detect_language

log = logging.getLogger(__name__)
G = TypeVar("G", bound=Generated)

NOT_PROSE = {"id", "slug", "format", "language", "level", "backend", "notice", "citations", "source", "topics"}
ENVELOPE = {"backend", "notice", "citations"}  # ours to fill, not the model's
LANGUAGE_SAMPLE_CHARS = 1500  # enough text to tell English from Italian; the detector's cost grows with length


@dataclass
class Partial:
    """The model's answer so far (a partial JSON object), for a live preview."""

    data: dict[str, Any]


@dataclass
class Done:
    result: Generated


Event = Partial | Done


def prose(value: object, key: str = "") -> Iterator[str]:
    """Every human-readable string in a result, for the language check."""
    if key in NOT_PROSE:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from prose(getattr(value, name), name)
    elif isinstance(value, list):
        for item in value:
            yield from prose(item, key)


def final(events: Iterator[Event]) -> Generated:
    result = None
    for event in events:
        if isinstance(event, Done):
            result = event.result
    assert result is not None, "a generation always ends with Done"
    return result


def final_as(events: Iterator[Event], kind: type[G]) -> G:
    """`final`, typed: the use case knows which model its generation ends with."""
    result = final(events)
    assert isinstance(result, kind), f"expected a {kind.__name__}, got a {type(result).__name__}"
    return result


class Generator:
    def __init__(self, settings: Settings, llm: LLMClient | None = None):
        self.settings = settings
        self.llm = llm if llm is not None else (LLMClient(settings) if settings.active_backend == "llm" else None)

    @property
    def backend(self) -> str:
        return "llm" if self.llm else "offline"

    def run(
        self,
        task: str,
        draft: Generated,
        sections: list[IndexedChunk],
        variables: dict[str, str],
        fixed: AbstractSet[str] = frozenset(),
        finalize: Callable[[Generated], Generated] = lambda result: result,
        stream: bool = False,
    ) -> Iterator[Event]:
        """With `stream`, the model's answer arrives token by token and `Partial` events show it growing."""
        if self.llm is None:
            yield Done(draft)
            return
        lang: Language = draft.language
        allowed = {chunk.id: chunk.source for chunk in sections}
        payload = {
            **variables,
            "draft": as_json(draft.model_dump(exclude=ENVELOPE)),
            "material": "\n\n".join(f"[{c.id}] {c.heading}\n{c.text}" for c in sections),
        }
        try:
            if stream:
                answer: dict[str, Any] = {}
                with closing_iterator(self.llm.stream_json(task, lang, payload)) as answers:  # closed when we are
                    for answer in answers:
                        yield Partial(answer)
            else:
                answer = self.llm.complete_json(task, lang, payload)
            pinned = draft.model_dump(include={*fixed, "language"})
            result = type(draft).model_validate({**answer, **pinned, "backend": "llm", "notice": None})
            dropped = restrict_to(result, allowed)
            if any(not ids for ids in citation_lists(result)):
                raise LLMError("an item cited no retrieved section")
            text = " ".join(prose(result))[:LANGUAGE_SAMPLE_CHARS]
            if detect_language(text, lang) != lang:
                raise LLMError("the answer was not in the asked language")
            result = finalize(result)
        except (LLMError, ValidationError) as exc:
            reason = str(exc) if isinstance(exc, LLMError) else "the answer did not match the expected shape"
            log.warning("LLM %s answer fell back to the offline result: %s", task, reason)
            draft.notice = t(lang, "llm_fallback", reason=reason)
            yield Done(draft)
            return
        if dropped:
            log.info("LLM %s answer: %d invented citation(s) dropped", task, dropped)
            result.notice = t(lang, "llm_dropped_citations", count=dropped)
        yield Done(with_sources(result, allowed))
