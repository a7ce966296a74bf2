"""Relevance floor and cross-language search, measured on a small bilingual set of company documents.

Each question is asked in the language the document is NOT written in, and no document in the question's own
language answers it; the library (English and Italian cards) is indexed too, so it competes."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.services import Services

DOCUMENTS = {
    "travel-expenses.md": "# Travel expenses\n\nHotels are refunded up to 150 euros a night. Expense claims must "
    "be filed within 30 days of the trip, with the original receipts. Economy class for flights under six hours.",
    "parental-leave.md": "# Parental leave\n\nEvery parent gets 16 weeks of paid parental leave, which can be taken "
    "in blocks within two years of the birth or adoption. Tell your manager eight weeks ahead.",
    "parcheggio.md": "# Regolamento del parcheggio\n\nIl parcheggio aziendale è riservato a chi arriva in auto "
    "condivisa. Le biciclette si lasciano nel cortile interno, le ricariche elettriche si prenotano in portineria.",
    "mensa.md": "# Mensa aziendale\n\nLa mensa è aperta dalle 12 alle 14 e accetta i buoni pasto. Il menù vegetariano "
    "e quello senza glutine si ordinano il giorno prima dal portale interno.",
}
QUESTIONS = [  # (question, the document that answers it): always across languages
    ("quanto mi rimborsano per l'albergo in trasferta?", "travel-expenses.md"),
    ("entro quanti giorni devo presentare la nota spese?", "travel-expenses.md"),
    ("quante settimane di congedo parentale retribuito spettano?", "parental-leave.md"),
    ("who can use the company car park?", "parcheggio.md"),
    ("where do I leave my bike at the office?", "parcheggio.md"),
    ("what time does the staff canteen open?", "mensa.md"),
    ("can I order a gluten-free lunch at the canteen?", "mensa.md"),
]


@pytest.fixture
def bilingual(tiny_indexed: Services, tmp_path: Path) -> Services:
    paths = []
    for name, text in DOCUMENTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    assert tiny_indexed.add_documents(paths).ok
    return tiny_indexed


def test_a_question_finds_the_company_document_written_in_the_other_language(bilingual: Services):
    found_first, found_top3 = 0, 0
    for question, answer in QUESTIONS:
        sources = [hit.source for hit in bilingual.searcher.search(question, k=3)]
        found_first += bool(sources) and sources[0] == answer
        found_top3 += answer in sources
    print(f"cross-language hit@1 {found_first}/{len(QUESTIONS)}, hit@3 {found_top3}/{len(QUESTIONS)}")
    assert found_top3 == len(QUESTIONS)
    assert found_first >= len(QUESTIONS) - 1


@pytest.mark.parametrize("query", ["qwxzv blorp", "xyzzy", "asdf jkl"])
def test_a_query_that_matches_nothing_finds_nothing(bilingual: Services, query: str):
    assert bilingual.searcher.search(query, k=5) == []


def test_a_real_question_still_finds_its_card(bilingual: Services):
    hits = bilingual.searcher.search("how do I spot a phishing email?", k=3)
    assert hits
    assert "phishing-and-scams" in hits[0].topics
