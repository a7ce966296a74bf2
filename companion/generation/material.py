"""What the planner retrieved for one session: the input of every generation backend."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.domain import IndexedChunk, Level, PairProfile


@dataclass
class TopicMaterial:
    slug: str
    name: str
    card: dict[str, IndexedChunk]  # chunk id -> chunk of the topic's skill card
    card_id: str

    def section(self, key: str) -> IndexedChunk | None:
        found = self.card.get(f"{self.card_id}#{key}")
        if found is None and key == "why":  # programme cards: "Why it matters" / "Perché conta"
            found = self.card.get(f"{self.card_id}#why-it-matters") or self.card.get(f"{self.card_id}#perche-conta")
        return found


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

    def chunks(self) -> list[IndexedChunk]:
        """Everything retrieved for this plan: the only sections it may cite."""
        found = list(self.format_card.values())
        for topic in self.topics:
            found += topic.card.values()
        for bank in self.question_banks.values():
            found += bank.values()
        return found

    def sources(self) -> dict[str, str]:
        return {chunk.id: chunk.source for chunk in self.chunks()}
