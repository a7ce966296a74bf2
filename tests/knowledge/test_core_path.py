"""Every skill card marks, per level, a core path that fits one 60-minute deep dive."""

from __future__ import annotations

import dataclasses

import pytest

from companion.config import REPO_ROOT
from companion.knowledge import load_library
from companion.knowledge.cards import Card
from companion.knowledge.core_path import MAX_CORE_MINUTES, check_core_path, core_path
from companion.knowledge.errors import KnowledgeError

SKILLS = [c for c in load_library(REPO_ROOT / "knowledge").cards if c.meta.kind == "skill"]


@pytest.mark.parametrize("card", SKILLS, ids=lambda c: c.meta.id)
def test_each_level_has_a_core_path_that_fits_a_deep_dive(card: Card):
    check_core_path(card)
    for level in card.meta.level:
        path = core_path(card, level)
        assert sum(a.minutes for a in path) <= MAX_CORE_MINUTES


def _with_path(card: Card, **path: list[str]) -> Card:
    return dataclasses.replace(card, meta=card.meta.model_copy(update={"core_path": {**card.meta.core_path, **path}}))


def test_a_path_naming_a_missing_activity_or_too_long_is_refused():
    card = next(c for c in SKILLS if c.meta.id == "skill-phishing-and-scams-en")
    with pytest.raises(KnowledgeError, match="names no activity"):
        check_core_path(_with_path(card, foundation=["An activity that is not there"]))
    everything = [a for a in card.sections[1].text.split("**")[1::2]] + card.sections[2].text.split("**")[1::2]
    with pytest.raises(KnowledgeError, match="over the 40"):
        check_core_path(_with_path(card, foundation=everything))
