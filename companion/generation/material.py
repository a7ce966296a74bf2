"""What the planner retrieved for one session: the input of every generation backend."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.domain import Level, PairProfile
from companion.retrieval.search import IndexedChunk


@dataclass
class TopicMaterial:
    slug: str
    name: str
    card: dict[str, IndexedChunk]  # chunk id -> chunk of the topic's skill card
    card_id: str

    def section(self, key: str) -> IndexedChunk | None:
        return self.card.get(f"{self.card_id}#{key}")


@dataclass
class PlanMaterial:
    profile: PairProfile
    format_slug: str
    format_card: dict[str, IndexedChunk]
    format_card_id: str
    topics: list[TopicMaterial]
    kram_phase: str
    level: Level
    question_banks: dict[str, dict[str, IndexedChunk]] = field(default_factory=dict)  # audience -> chunks

    def retrieved_ids(self) -> set[str]:
        ids = set(self.format_card)
        for topic in self.topics:
            ids |= set(topic.card)
        for bank in self.question_banks.values():
            ids |= set(bank)
        return ids
