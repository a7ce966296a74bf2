"""Checks that protect the bundled library (issue 3): complete, bilingual, linked, sourced."""

from __future__ import annotations

import re

import pytest

from companion.config import REPO_ROOT
from companion.knowledge import load_library
from companion.knowledge.cards import Card
from companion.knowledge.markdown import bullets
from companion.knowledge.sections import FORMATS
from companion.language import detect_language

LIBRARY = load_library(REPO_ROOT / "knowledge")
CARDS = LIBRARY.by_id()
# A figure: a percentage, a year, or a count of people or things stated as a fact.
FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s?%|\b(?:19|20)\d\d\b|\b\d+\s+(?:of|su|di)\s+\d+\b|\bmore than \d+|\boltre \d+")


def body(card: Card) -> str:
    parts = [card.intro]
    for section in card.sections:
        parts += [section.text] + [sub.heading + "\n" + sub.text for sub in section.subsections]
    return "\n".join(parts)


def test_every_document_parses_and_validates():
    assert LIBRARY.errors == []
    assert len(LIBRARY.cards) >= 100


@pytest.mark.parametrize("topic", sorted(LIBRARY.catalogue.topics))
def test_every_topic_has_an_english_and_an_italian_card(topic: str):
    langs = {card.meta.lang for card in LIBRARY.cards if topic in card.meta.topics}
    assert langs == {"en", "it"}
    if LIBRARY.catalogue.topics[topic].kind == "skill":
        assert f"skill-{topic}-en" in CARDS
        assert f"skill-{topic}-it" in CARDS


def test_every_italian_card_is_the_twin_of_an_english_one():
    for card in LIBRARY.cards:
        if card.meta.lang == "it":
            twin = CARDS.get(card.meta.translation_of or "")
            assert twin is not None, f"{card.source}: translation_of {card.meta.translation_of!r} does not exist"
            assert twin.meta.lang == "en"
            assert twin.meta.kind == card.meta.kind
            assert twin.meta.topics[0] == card.meta.topics[0]
            assert card.meta.id == twin.meta.id[:-3] + "-it"
    english = {c.meta.id for c in LIBRARY.cards if c.meta.lang == "en"}
    twinned = {c.meta.translation_of for c in LIBRARY.cards if c.meta.lang == "it"}
    assert english == twinned, f"English cards without an Italian twin: {sorted(english - twinned)}"


def test_all_six_session_formats_exist_in_both_languages():
    for slug in FORMATS:
        for lang in ("en", "it"):
            assert CARDS[f"format-{slug}-{lang}"].meta.format == slug


def test_the_landmark_case_studies_are_there():
    for org in ("ge", "the-hartford", "bny-mellon", "pwc", "estee-lauder", "kpmg-uk"):
        assert f"case-{org}-en" in CARDS
        assert f"case-{org}-it" in CARDS


@pytest.mark.parametrize("card", LIBRARY.cards, ids=lambda c: c.meta.id)
def test_the_body_is_written_in_the_declared_language(card: Card):
    paragraphs = [p for p in re.split(r"\n\s*\n", body(card)) if len(p.split()) >= 12]
    wrong = [p[:80] for p in paragraphs if detect_language(p, default=card.meta.lang) != card.meta.lang]
    assert detect_language(body(card), default="en" if card.meta.lang == "it" else "it") == card.meta.lang
    assert len(wrong) <= len(paragraphs) // 10, wrong


@pytest.mark.parametrize("card", LIBRARY.cards, ids=lambda c: c.meta.id)
def test_cards_that_state_figures_list_their_sources(card: Card):
    text = re.sub(r"\(\d+\s?%\)", "", body(card))  # a format phase's share of the time is not a figure
    if FIGURE.search(text):
        assert card.meta.sources, f"{card.source} states figures but lists no sources"


@pytest.mark.parametrize("card", [c for c in LIBRARY.cards if c.meta.kind == "skill"], ids=lambda c: c.meta.id)
def test_skill_cards_are_complete_enough_to_run_a_session(card: Card):
    sections = {s.heading: s for s in card.sections}
    demos, hands_on = (bullets(card.sections[i].text) for i in (1, 2))
    assert len(demos) >= 2, sections.keys()
    assert len(hands_on) >= 2, sections.keys()
    for item in demos + hands_on:
        assert re.match(r"\*\*.+?\*\*\s*\(\d+", item), f"{card.source}: activity without a name and time: {item[:60]}"
    questions = bullets(card.sections[4].text) + [q for sub in card.sections[5].subsections for q in bullets(sub.text)]
    assert questions
    assert all(q.rstrip().endswith("?") for q in questions)
