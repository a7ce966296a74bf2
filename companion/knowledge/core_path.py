"""A skill card's core path: per level, the activities that fit one 60-minute skill deep dive.

The front matter names them (`core_path: {foundation: [...], ...}`) by the bold names of bullets in
"What to show" and "What to try together"; this module resolves the names and checks the contract: every
declared level has a path, each path has a demo and a hands-on activity, and together they take at most
`MAX_CORE_MINUTES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.domain import Level
from companion.knowledge.cards import Card
from companion.knowledge.errors import KnowledgeError
from companion.knowledge.markdown import bullets, split_bold_name

MAX_CORE_MINUTES = 40  # demo + hands-on phases of the 60-minute skill deep dive
DEMO, HANDS_ON = 1, 2  # section positions on a skill card (see knowledge/README.md)
_MINUTES = re.compile(r"\((\d+)\s*min")


@dataclass(frozen=True)
class Activity:
    name: str
    minutes: int
    hands_on: bool
    text: str


def activities(card: Card) -> dict[str, Activity]:
    """The card's named activities, by name."""
    found: dict[str, Activity] = {}
    for position in (DEMO, HANDS_ON):
        for item in bullets(card.sections[position].text):
            name, rest = split_bold_name(item)
            minutes = _MINUTES.match(rest)
            if name and minutes:
                found[name] = Activity(name, int(minutes.group(1)), position == HANDS_ON, rest)
    return found


def core_path(card: Card, level: Level) -> list[Activity]:
    """The activities of the level's core path, in the card's order of names ([] when none is marked)."""
    named = activities(card)
    return [named[name] for name in card.meta.core_path.get(level, []) if name in named]


def check_core_path(card: Card) -> None:
    """Raise a KnowledgeError naming the file and the level when the core path breaks the contract."""
    if card.meta.kind != "skill":
        return
    named = activities(card)
    for level in card.meta.level:
        names = card.meta.core_path.get(level)
        where = f"core_path.{level}"
        if not names:
            raise KnowledgeError(card.source, where, "the card declares this level but marks no core path for it")
        missing = [name for name in names if name not in named]
        if missing:
            raise KnowledgeError(card.source, where, f"names no activity of the card: {missing}")
        path = [named[name] for name in names]
        if not any(a.hands_on for a in path) or all(a.hands_on for a in path):
            raise KnowledgeError(card.source, where, "needs one activity to show and one to try together")
        total = sum(a.minutes for a in path)
        if total > MAX_CORE_MINUTES:
            raise KnowledgeError(
                card.source, where, f"takes {total} minutes, over the {MAX_CORE_MINUTES} of a deep dive"
            )
    extra = set(card.meta.core_path) - set(card.meta.level)
    if extra:
        raise KnowledgeError(card.source, "core_path", f"marks levels the card does not declare: {sorted(extra)}")
