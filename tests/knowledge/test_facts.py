"""Facts behind the cards: every card cites a source, figures need one, and EN/IT twins state the same facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.config import REPO_ROOT
from companion.knowledge import KnowledgeError, load_catalogue, load_library, parse_card
from companion.knowledge.cards import Card
from companion.knowledge.facts import check_sources, check_twin, compare_twins, extract_facts
from companion.knowledge.validate import main as validate

CATALOGUE = load_catalogue(REPO_ROOT / "knowledge" / "topics.yaml")
LIBRARY = load_library(REPO_ROOT / "knowledge")
CARDS = LIBRARY.by_id()
# The folders this check is enforced on; skills/ is reported by `companion validate` while it is being edited.
CHECKED = ("knowledge/",)  # every folder: sources everywhere; twins compare names only where they are facts

CASE = """---
id: case-acme-{lang}
kind: case-study
lang: {lang}
title: Acme
topics: [landmark-programmes]
digcomp: []
level: [foundation]
audience: [hr]
{extra}
---

## {heading}

{text}
"""


def card(text: str, lang: str = "en", sources: str = "sources: []", heading: str = "What they did") -> Card:
    extra = sources + ("\ntranslation_of: case-acme-en" if lang == "it" else "")
    return parse_card(
        CASE.format(lang=lang, extra=extra, heading=heading, text=text), f"knowledge/cases/acme.{lang}.md", CATALOGUE
    )


def test_a_card_without_sources_is_rejected_naming_file_and_field():
    with pytest.raises(KnowledgeError) as caught:
        check_sources(card("Pairs meet once a month and agree the agenda together."))
    assert caught.value.path == "knowledge/cases/acme.en.md"
    assert caught.value.field == "sources"
    assert "at least one source" in caught.value.message


def test_blank_source_entries_do_not_count():
    with pytest.raises(KnowledgeError, match="sources"):
        check_sources(card("Pairs meet monthly.", sources='sources: ["  "]'))


@pytest.mark.parametrize(
    "text",
    [
        "80% rated it effective.",
        "In 2014 the firm started.",
        "122 millennials mentored 200 partners.",
        "11 of the 12 mentors were promoted.",
        "più di 160 persone in 10 sedi.",
        "a 28-year-old mentor",
    ],
)
def test_a_figure_without_a_source_is_named_in_the_error(text: str):
    with pytest.raises(KnowledgeError) as caught:
        check_sources(card(text))
    assert caught.value.field == "sources"
    assert "states a figure" in caught.value.message
    assert "section 'What they did'" in caught.value.message


def test_a_sourced_card_passes_and_phase_shares_are_not_figures():
    check_sources(card("80% rated it effective.", sources='sources: ["A brief, May 2013"]'))
    with pytest.raises(KnowledgeError) as caught:
        check_sources(card("1. **Check-in** (10%): what happened since last time."))
    assert "states a figure" not in caught.value.message


def test_twins_compare_numbers_as_a_multiset_with_the_decimal_comma():
    english = extract_facts("Levels went from 2.4 to 3.6 in 12 of 12 teams, on 27 February 2000.", "en")
    italian = extract_facts("I livelli sono passati da 2,4 a 3,6 in 12 team su 12, il 27 febbraio 2000.", "it")
    assert english.numbers == italian.numbers


def test_twins_compare_names_but_allow_what_each_language_writes_its_own_way():
    en = card("In June 1999 the CEO of GE, Jack Welch, asked his managers to learn the Internet with AI.")
    it = card(
        "Nel giugno 1999 l'amministratore delegato di GE, Jack Welch, chiese ai manager di imparare Internet con l'IA.",
        lang="it",
    )
    assert compare_twins(en, it) == []


def test_a_name_opening_a_sentence_in_one_twin_still_counts():
    en = card("Harvard Business Review names the top reason.")
    it = card("Secondo la Harvard Business Review il motivo principale è questo.", lang="it")
    assert compare_twins(en, it) == []


def test_twins_that_disagree_on_a_figure_or_a_name_are_reported():
    en = card("Of 12 mentees at The Hartford, 11 mentors were promoted.")
    it = card("Dei 12 dirigenti di The Hartford, 10 mentor sono stati promossi.", lang="it")
    problems = compare_twins(en, it)
    assert problems
    assert "numbers differ" in problems[0]
    assert "'11'" in problems[0]
    assert "'10'" in problems[0]
    with pytest.raises(KnowledgeError) as caught:
        check_twin(en, card("Dei 12 dirigenti di Acme, 11 mentor sono stati promossi.", lang="it"))
    assert caught.value.path == "knowledge/cases/acme.it.md"
    assert caught.value.field == "body"
    assert "Hartford" in caught.value.message
    assert "knowledge/cases/acme.en.md" in caught.value.message


def test_the_validator_command_fails_on_a_card_without_sources(tmp_path: Path, capsys):
    path = tmp_path / "acme.en.md"
    path.write_text(
        CASE.format(lang="en", extra="sources: []", heading="What they did", text="80% said yes."), encoding="utf-8"
    )
    assert validate([str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out
    assert "acme.en.md: sources:" in out
    assert "'80%'" in out


@pytest.mark.parametrize("card", [c for c in LIBRARY.cards if c.source.startswith(CHECKED)], ids=lambda c: c.meta.id)
def test_every_card_in_the_checked_folders_cites_sources(card: Card):
    check_sources(card)


@pytest.mark.parametrize(
    "italian",
    [c for c in LIBRARY.cards if c.meta.lang == "it" and c.source.startswith(CHECKED)],
    ids=lambda c: c.meta.id,
)
def test_italian_twins_state_the_same_numbers_and_names(italian: Card):
    assert compare_twins(CARDS[italian.meta.translation_of or ""], italian) == []
