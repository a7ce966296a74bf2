"""Citations as people read them: "Spotting phishing and online scams > What to show" (with a guillemet) for
`skill-phishing-and-scams-it#what-to-show`. The ids stay in the answers (tools and tests rely on them); the UI
shows these labels and keeps the ids in an expandable list."""

from __future__ import annotations

from functools import cache

from companion.config import REPO_ROOT
from companion.domain import Citation, Language
from companion.i18n import strings
from companion.knowledge.catalogue import Catalogue, load_catalogue
from companion.knowledge.sections import (
    FORMAT_SECTIONS,
    KRAM_PHASES,
    LEVEL_LABELS,
    MOMENTS,
    REFLECTION_AUDIENCES,
    SKILL_SECTIONS,
)

CASE_NAMES = {
    "ge": "GE",
    "the-hartford": "The Hartford",
    "bny-mellon": "BNY",
    "pwc": "PwC",
    "estee-lauder": "Estée Lauder",
    "kpmg-uk": "KPMG UK",
    "trumpf": "TRUMPF",
}
_SECTION_TABLES = (SKILL_SECTIONS, FORMAT_SECTIONS, KRAM_PHASES, MOMENTS, REFLECTION_AUDIENCES, LEVEL_LABELS)


@cache
def _catalogue() -> Catalogue:
    return load_catalogue(REPO_ROOT / "knowledge" / "topics.yaml")


def _words(slug: str) -> str:
    return slug.replace("-", " ").strip().capitalize()


def _section(key: str, lang: Language) -> str:
    for table in _SECTION_TABLES:
        if key in table:
            return table[key][lang]
    return _words(key)


def card_title(card_id: str, lang: Language) -> str:
    """The card's title in the user's language, from its id alone."""
    stem = card_id.removesuffix("-en").removesuffix("-it")
    kind, _, slug = stem.partition("-")
    catalogue = _catalogue()
    if kind in ("skill", "program") and slug in catalogue.topics:
        return catalogue.name(slug, lang)
    if kind == "format":
        return strings(lang).get(f"format_{slug}", _words(slug))
    if kind == "case":
        return CASE_NAMES.get(slug, _words(slug))
    return _words(slug)


def citation_label(citation: Citation, lang: Language) -> str:
    card, _, section = citation.id.partition("#")
    # A company document is known by its file name; a library card by its title.
    title = citation.source if card.startswith("doc-") else card_title(card, lang)
    parts = [_section(part, lang) for part in section.split("/") if part]
    return " › ".join([title, *parts])
