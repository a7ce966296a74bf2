"""The topic catalogue (knowledge/topics.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ValidationError

from companion.domain import Language
from companion.knowledge.errors import KnowledgeError


class Topic(BaseModel):
    slug: str
    en: str
    it: str
    kind: Literal["skill", "program"]
    digcomp: list[str] = []

    def name(self, lang: Language) -> str:
        return getattr(self, lang)


class Catalogue(BaseModel):
    topics: dict[str, Topic]

    def name(self, slug: str, lang: Language) -> str:
        topic = self.topics.get(slug)
        return topic.name(lang) if topic else slug

    def skills(self) -> list[Topic]:
        return [t for t in self.topics.values() if t.kind == "skill"]


def load_catalogue(path: Path) -> Catalogue:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(path, "topics", f"cannot read the catalogue: {exc}") from exc
    topics: dict[str, Topic] = {}
    for index, entry in enumerate(raw.get("topics") or []):
        try:
            topic = Topic.model_validate(entry)
        except ValidationError as exc:
            raise KnowledgeError(path, f"topics[{index}]", str(exc.errors()[0]["msg"])) from exc
        if topic.slug in topics:
            raise KnowledgeError(path, f"topics[{index}].slug", f"duplicate slug {topic.slug!r}")
        topics[topic.slug] = topic
    if not topics:
        raise KnowledgeError(path, "topics", "the catalogue lists no topics")
    return Catalogue(topics=topics)
