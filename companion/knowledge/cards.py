"""Read one card: front matter, body, and the structure its kind promises."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from companion.domain import CardMeta
from companion.knowledge.catalogue import Catalogue
from companion.knowledge.errors import KnowledgeError
from companion.knowledge.markdown import Section, bullets, exercise_heading, numbered, phases, split_sections
from companion.knowledge.sections import (
    LEVEL_LABELS,
    MOMENTS,
    REFLECTION_AUDIENCES,
    REQUIRED_SECTIONS,
    section_key,
)

MAX_CARD_BYTES = 512 * 1024


@dataclass
class Card:
    meta: CardMeta
    intro: str
    sections: list[Section]
    source: str  # path relative to the repo root (or an upload's name)
    sha256: str = ""
    path: Path | None = field(default=None, repr=False)


def split_front_matter(text: str, path: Path | str) -> tuple[dict, str]:
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        raise KnowledgeError(path, "front matter", "the file must start with a '---' line")
    end = text.find("\n---", 3)
    if end < 0:
        raise KnowledgeError(path, "front matter", "no closing '---' line")
    try:
        data = yaml.safe_load(text[3:end])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise KnowledgeError(path, "front matter", f"invalid YAML{where}: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(path, "front matter", "must be a YAML mapping of fields")
    body = text[end + 4 :].split("\n", 1)[1] if "\n" in text[end + 4 :] else ""
    return data, body


def parse_meta(data: dict, path: Path | str) -> CardMeta:
    try:
        return CardMeta.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field_name = ".".join(str(p) for p in error["loc"]) or "front matter"
        raise KnowledgeError(path, field_name, error["msg"]) from exc


def parse_card(text: str, source: str, catalogue: Catalogue | None = None, path: Path | None = None) -> Card:
    data, body = split_front_matter(text, source)
    meta = parse_meta(data, source)
    if catalogue is not None:
        for slug in meta.topics:
            if slug not in catalogue.topics:
                raise KnowledgeError(source, "topics", f"{slug!r} is not in knowledge/topics.yaml")
    if meta.translation_of and not meta.translation_of.endswith("-en" if meta.lang == "it" else "-it"):
        raise KnowledgeError(source, "translation_of", "must name the twin card in the other language")
    intro, sections = split_sections(body)
    card = Card(meta=meta, intro=intro, sections=sections, source=source, path=path)
    check_structure(card)
    return card


def check_structure(card: Card) -> None:
    """The layout the planner parses must be there (knowledge/README.md)."""
    meta, source = card.meta, card.source
    required = REQUIRED_SECTIONS.get(meta.kind)
    if not card.sections and not card.intro.strip():
        raise KnowledgeError(source, "body", "the document has no text")
    if required is None:
        return
    present = {section_key(s.heading, meta.lang): s for s in card.sections}
    for key, names in required.items():
        section = present.get(key)
        if section is None:
            raise KnowledgeError(source, f"section '{names[meta.lang]}'", "missing (see knowledge/README.md)")
        if not section.text.strip() and not any(sub.text.strip() for sub in section.subsections):
            raise KnowledgeError(source, f"section '{names[meta.lang]}'", "is empty")
    if meta.kind == "skill":
        _check_skill(card, present)
    elif meta.kind == "format":
        _check_format(card, present)
    elif meta.kind == "questions":
        _check_question_bank(card, present)


def _check_skill(card: Card, present: dict[str | None, Section]) -> None:
    lang, source = card.meta.lang, card.source
    for key in ("what-to-show", "try-together"):
        if not bullets(present[key].text):
            raise KnowledgeError(source, f"section '{present[key].heading}'", "needs a bullet list of activities")
    reflection = present["reflection"]
    for names in REFLECTION_AUDIENCES.values():
        sub = next((s for s in reflection.subsections if s.heading.lower() == names[lang].lower()), None)
        if sub is None or not bullets(sub.text):
            raise KnowledgeError(source, f"section '{reflection.heading}'", f"needs '### {names[lang]}' with questions")
    exercises = present["exercises"]
    for level, names in LEVEL_LABELS.items():
        sub = next((s for s in exercises.subsections if section_key(s.heading, lang) == level), None)
        if sub is None:
            raise KnowledgeError(
                source, f"section '{exercises.heading}'", f"needs '### {names[lang]}: <title> (<N> min)'"
            )
        if exercise_heading(sub.heading) is None:
            raise KnowledgeError(source, f"exercise '{sub.heading}'", "heading must end with '(<N> minutes)'")
        if not numbered(sub.text):
            raise KnowledgeError(source, f"exercise '{sub.heading}'", "needs numbered steps")


def _check_format(card: Card, present: dict[str | None, Section]) -> None:
    source = card.source
    if not card.meta.format:
        raise KnowledgeError(source, "format", "a session format needs its format slug")
    found = phases(present["phases"].text)
    if len(found) < 2:
        raise KnowledgeError(source, "section 'Phases'", "needs numbered phases like '1. **Name** (20%): ...'")
    total = sum(p.share for p in found)
    if total != 100:
        raise KnowledgeError(source, "section 'Phases'", f"phase shares add up to {total}%, not 100%")


def _check_question_bank(card: Card, present: dict[str | None, Section]) -> None:
    lang = card.meta.lang
    for key in ("initiation", "cultivation", "separation", "redefinition"):
        moments = {section_key(s.heading, lang) for s in present[key].subsections if bullets(s.text)}
        missing = [MOMENTS[m][lang] for m in MOMENTS if m not in moments]
        if missing:
            raise KnowledgeError(card.source, f"section '{present[key].heading}'", f"missing {', '.join(missing)}")
