"""Checks on what a card *claims*: that its facts are sourced, and that EN/IT twins state the same ones.

These run in `companion validate` / `python -m companion.knowledge.validate` and in the test suite. They are
separate from the structural checks of the loader (`cards.py`): a card with a missing source is still
readable, so the running app keeps serving it, but the validator reports it and the tests fail.

Rules (documented in knowledge/README.md):

* every card lists at least one entry in `sources`;
* a card that states a figure (a percentage, a year, or a number attached to people, participants,
  mentees, years, offices...) must list sources; the error quotes the figure and the section it is in;
* an Italian card and its English twin mention the same numbers (as a multiset: "12" twice in one means
  twice in the other) and the same proper names (capitalised words such as organisation and people names,
  as a set). Words that legitimately differ between the languages are allowed for in `NAME_ALIASES`
  and `NAME_IGNORED` below; keep those lists short.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from companion.knowledge.cards import Card
from companion.knowledge.errors import KnowledgeError

# --- figures -----------------------------------------------------------------------------------------

_PEOPLE_EN = (
    r"people|persons?|participants?|mentees?|mentors?|managers?|executives?|leaders?|partners?|directors?|"
    r"employees?|colleagues?|staff|millennials?|pairs?|years?|offices?|states|countries|companies|firms|cohorts?"
)
_PEOPLE_IT = (
    r"persone|partecipanti|mentee|mentor|manager|dirigenti|leader|soci|direttori|dipendenti|colleghi|"
    r"millennial|coppie|anni|sedi|stati|paesi|aziende|gruppi"
)
# A figure: a percentage; a year; a count attached to people or things ("122 mentors", "più di 160 persone",
# "11 of the 12", "28-year-old"). Minutes, levels and list numbers are not figures.
FIGURE = re.compile(
    r"\d+(?:[.,]\d+)?\s?%"
    r"|\b(?:19|20)\d\d\b"
    r"|\b\d+\s+(?:of|su|di|dei|degli|delle)\s+(?:the\s+|i\s+|gli\s+|le\s+)?\d+\b"
    r"|\b\d+-year-old\b|\bdi\s+\d+\s+anni\b"
    rf"|\b\d[\d,.]*\s+(?:[\w-]+\s+)?(?:{_PEOPLE_EN}|{_PEOPLE_IT})\b",
    re.IGNORECASE,
)
# A format card's phase share, "1. **Check-in** (10%): ...", is a share of the session, not a fact.
_PHASE_SHARE = re.compile(r"\(\s*\d{1,3}\s?%[^)]*\)")


def card_text(card: Card) -> list[tuple[str, str]]:
    """The body as (where, text) pairs: the intro, each section and each subsection."""
    parts = [("intro", card.intro)] if card.intro.strip() else []
    for section in card.sections:
        parts.append((f"section '{section.heading}'", section.text))
        for sub in section.subsections:
            parts.append((f"section '{section.heading} / {sub.heading}'", sub.heading + "\n" + sub.text))
    return parts


def find_figure(card: Card) -> tuple[str, str] | None:
    """The first figure the card states, with where it is, or None."""
    for where, text in card_text(card):
        match = FIGURE.search(_PHASE_SHARE.sub("", text))
        if match:
            return where, match.group(0)
    return None


def check_sources(card: Card) -> None:
    """Every card cites at least one source; a card stating a figure must, and the error says which figure."""
    sources = [s for s in card.meta.sources if isinstance(s, str) and s.strip()]
    if sources:
        return
    figure = find_figure(card)
    if figure:
        where, text = figure
        raise KnowledgeError(card.source, "sources", f"is empty, but the card states a figure ({text!r} in {where})")
    raise KnowledgeError(
        card.source, "sources", "is empty: every card cites at least one source (see knowledge/README.md)"
    )


# --- EN/IT twins -------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|#+)\s+", re.MULTILINE)
_PERCENT_SPACE = re.compile(r"(\d)\s+%")
# A "word" that may be a name: letters, with inner apostrophes, dots, ampersands or hyphens (Estée, BNY, McGee).
_WORD = re.compile(r"[^\W\d_](?:[\w&’'-]*[\w&])?")
_MARKUP = "*_\"“”«»()[]>|-–—' \t"

# Capitalised words that are not names in one language, or that each language writes its own way.
# Canonical form on the right (the English spelling); both twins are mapped before comparing.
NAME_ALIASES: dict[str, str] = {
    "IA": "AI",
    "UE": "EU",
    "Regno": "UK",  # "Regno Unito"
    "Unito": "UK",
    "Stati": "US",  # "Stati Uniti"
    "Uniti": "US",
    "Unione": "EU",  # "Unione europea"
    "Commissione": "Commission",  # official Italian names of EU bodies
    "Centro": "Centre",
}
# Ignored in both languages: words English capitalises and Italian does not (months, weekdays,
# nationalities and languages), the pronoun "I", and job titles written as abbreviations in one language only.
NAME_IGNORED: frozenset[str] = frozenset(
    {
        "AI",
        "CEO",
        "COO",
        "CFO",
        "CIO",
        "HR",
        "IT",
        "CV",
        "CVs",
        "Internet",
        "Web",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "English",
        "Italian",
        "German",
        "European",
        "American",
        "Australian",
        "British",
        "Black",
        "Gen",
        "Z",
        "Foundation",
        "Intermediate",
        "Advanced",
        "Base",
        "Intermedio",
        "Avanzato",
    }
)


@dataclass
class Facts:
    numbers: Counter[str]
    names: set[str]  # capitalised words inside a sentence: names
    initials: set[str]  # capitalised words that open a sentence, a bullet or a cell: maybe names


def _plain(text: str) -> str:
    text = re.sub(r"`[^`]*`", " ", text)  # code spans: slugs and commands, not prose
    text = re.sub(r"https?://\S+", " ", text)
    text = _LIST_MARKER.sub("", text)
    return _PERCENT_SPACE.sub(r"\1%", text)


def _number(token: str, lang: str) -> str:
    if lang == "it" and re.fullmatch(r"\d+,\d+", token):
        return token.replace(",", ".")  # decimal comma
    if lang == "en" and re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return token.replace(",", "")  # thousands separator
    if lang == "it" and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return token.replace(".", "")
    return token


def _opens_sentence(text: str, start: int) -> bool:
    """True when a word opens a sentence, a line, a heading, a table cell, a quotation or a bold span."""
    head = text[text.rfind("\n", 0, start) + 1 : start]
    if not head.strip(_MARKUP + "0123456789.)"):
        return True  # only list markers, numbers ("1.2 Evaluating") or markup before it on its line
    before = head.rstrip(" \t")
    if before[-1] in '|"“«(*_>':
        return True
    return before.rstrip(_MARKUP).endswith((".", "!", "?", ":", ";"))


def extract_facts(text: str, lang: str) -> Facts:
    """The numbers (multiset) and capitalised proper names (set) that a text states."""
    text = _plain(text)
    numbers = Counter(_number(m.group(0), lang) for m in _NUMBER.finditer(text))
    names: set[str] = set()
    initials: set[str] = set()
    for match in _WORD.finditer(text):
        # GE's -> GE, AI-generated -> AI, I'm -> I, nell'Area -> Area, dell'UE -> UE; single letters are never names.
        parts = re.split(r"[’']", match.group(0))
        word = parts[1] if len(parts) > 1 and parts[0].islower() and parts[1] else parts[0]
        word = word.split("-")[0]
        if len(word) < 2 or not word[0].isupper():
            continue
        word = NAME_ALIASES.get(word, word)
        if word in NAME_IGNORED:
            continue
        (initials if _opens_sentence(text, match.start()) else names).add(word)
    return Facts(numbers, names, initials)


def body_text(card: Card) -> str:
    return "\n\n".join(text for _, text in card_text(card))


# Skill cards name menu items, functions and buttons as each language's software shows them (Sheets/Fogli,
# VLOOKUP/CERCA.VERT), so only their numbers must match; elsewhere (cases, programme guides) names are facts.
NAMES_ARE_FACTS_IN: frozenset[str] = frozenset({"case-study", "program", "format", "questions"})


def compare_twins(english: Card, italian: Card) -> list[str]:
    """How the two twins differ in the numbers (and, where names are facts, the names) they state."""
    en, it = extract_facts(body_text(english), "en"), extract_facts(body_text(italian), "it")
    problems = []
    only_en, only_it = en.numbers - it.numbers, it.numbers - en.numbers
    if only_en or only_it:
        problems.append(f"numbers differ: only in English {_show(only_en)}, only in Italian {_show(only_it)}")
    if english.meta.kind not in NAMES_ARE_FACTS_IN:
        return problems
    # A name inside a sentence in one twin may open a sentence in the other: that still counts as present.
    names_en, names_it = en.names - it.names - it.initials, it.names - en.names - en.initials
    if names_en or names_it:
        problems.append(f"names differ: only in English {sorted(names_en)}, only in Italian {sorted(names_it)}")
    return problems


def _show(counter: Counter[str]) -> list[str]:
    return sorted(counter.elements(), key=lambda n: (len(n), n))


def check_twin(english: Card, italian: Card) -> None:
    problems = compare_twins(english, italian)
    if problems:
        raise KnowledgeError(
            italian.source, "body", f"does not match its twin {english.source}: " + "; ".join(problems)
        )
