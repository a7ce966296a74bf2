"""Floors on chat understanding, end to end through the offline conversation, on the dev set and on the
held-out set written blind after tuning stopped (its floors sit just under what it measured then)."""

from __future__ import annotations

import pytest

from companion.chat.evaluation import DEFAULT_CHAT_DATASET, evaluate_chat, load_dialogues
from companion.chat.setup import conversation_for
from companion.config import REPO_ROOT
from companion.services import Services

HELDOUT = REPO_ROOT / "tests" / "chat" / "heldout.jsonl"
FLOORS = {
    "dev": {"intent": 0.97, "topic_hit": 0.95, "minutes": 0.97, "date": 0.97, "revision": 0.95},
    "held-out": {"intent": 0.90, "topic_hit": 0.93, "minutes": 0.97, "date": 0.97, "revision": 0.80},
}


@pytest.mark.parametrize(("name", "path"), [("dev", DEFAULT_CHAT_DATASET), ("held-out", HELDOUT)])
def test_understanding_keeps_its_floors(services: Services, name: str, path):
    misses: list[str] = []
    report = evaluate_chat(conversation_for(services), load_dialogues(path), misses)
    assert set(report) == {"en", "it"}
    for lang, scores in report.items():
        for metric, floor in FLOORS[name].items():
            assert scores[metric] is not None, (name, lang, metric)
            assert scores[metric] >= floor, (name, lang, metric, scores, misses)


def test_the_sets_are_big_enough_and_half_italian():
    dev, heldout = load_dialogues(DEFAULT_CHAT_DATASET), load_dialogues(HELDOUT)
    assert len(dev) >= 150
    assert abs(sum(d.lang == "it" for d in dev) - len(dev) / 2) <= 5
    assert not {d.turns[0].user for d in dev} & {d.turns[0].user for d in heldout}
