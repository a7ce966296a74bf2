"""Typos in the words that name a use case ("exercizes", "esercizzi", "agnda"), corrected before the cues run.

A word is corrected only when it is not a word we know (a request word, a topic keyword), starts with the same
letter as a request word, and is one edit away from it (insertion, deletion, substitution or two neighbouring
letters swapped); a word of nine letters or more may be two edits from a long request noun. Short words are
never touched: "topic", "plan" and "temi" have too many real neighbours.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The words the intent cues rely on, in both languages (folded: lower case, no accents).
INTENT_VOCABULARY: frozenset[str] = frozenset(
    [
        # exercises
        "exercise", "exercises", "homework", "practice", "practise", "assignments", "esercizi", "esercizio",
        "esercitazioni", "esercitazione", "esercitarsi", "compiti", "compito",
        # plan
        "agenda", "scaletta", "session", "sessions", "sessione", "sessioni", "meeting", "meetings", "incontro",
        "incontri", "prepare", "prepara", "preparare", "preparami", "lesson", "lezione", "schedule",
        # topics
        "topics", "themes", "subjects", "argomenti", "argomento", "suggest", "suggerisci", "suggeriscimi",
        "proponi", "propormi", "consigliami",
        # curriculum
        "curriculum", "syllabus", "percorso", "programme", "roadmap",
    ]
)  # fmt: skip
# Real words one edit away from a request word: never "corrected".
REAL_WORDS = frozenset(
    ["programmi", "programs", "incontra", "incontrare", "incontri", "sessioni", "lessons", "agende", "topic", "theme",
     "subject", "temi", "compita", "preparo", "prepari", "prepare"]
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{5,}")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit); anything above `limit` is limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# Long nouns that may be two edits away ("exersizes", "esercitazzioni"); verbs are not, their inflections are words.
TWO_EDITS = frozenset(["exercises", "esercizi", "esercizio", "esercitazioni", "curriculum", "argomenti", "homework"])


def allowed_edits(word: str, known: str) -> int:
    return 2 if len(word) >= 9 and known in TWO_EDITS else 1


@lru_cache(maxsize=4096)
def closest(word: str, vocabulary: frozenset[str]) -> str | None:
    """The nearest vocabulary word `word` is a typo of, or None (already a word, or near none)."""
    if word in vocabulary:
        return None
    found = sorted(
        (distance, known)
        for known in vocabulary
        if known[0] == word[0]
        and (distance := edit_distance(word, known, allowed_edits(word, known))) <= allowed_edits(word, known)
    )
    return found[0][1] if found else None


def correct_intent_words(message: str, known: frozenset[str] = frozenset()) -> str:
    """`message` with misspelt request words replaced by their spelling (other words untouched)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in known or lower in REAL_WORDS:
            return word
        return closest(lower, INTENT_VOCABULARY) or word

    return _WORD.sub(fix, message)
