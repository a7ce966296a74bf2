"""Search over the whole bundled library, in both languages and across them."""

from __future__ import annotations

import pytest

from companion.retrieval.search import Filters
from companion.services import Services


@pytest.mark.parametrize(
    ("query", "lang", "topic"),
    [
        ("phishing", "en", "phishing-and-scams"),
        ("how can my manager tell if an email asking for a bank transfer is a scam?", "en", "phishing-and-scams"),
        ("come si attiva l'autenticazione a due fattori", "it", "passwords-and-mfa"),
        ("scrivere richieste migliori a ChatGPT", "it", "prompt-writing"),
        ("tabelle pivot e formule nel foglio di calcolo", "it", "data-literacy-spreadsheets"),
        ("improve my LinkedIn profile", "en", "linkedin-personal-brand"),
    ],
)
def test_the_right_card_is_in_the_top_five(services: Services, query: str, lang: str, topic: str):
    hits = services.searcher.search(query, k=5, filters=Filters(lang=lang))
    assert len(hits) == 5
    assert topic in {t for hit in hits for t in hit.topics}
    assert all(hit.lang == lang for hit in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_an_italian_question_finds_english_cards_when_not_filtered(services: Services):
    hits = services.searcher.search("riconoscere una email di phishing", k=10, filters=Filters(lang="en"))
    assert hits
    assert hits[0].topics[0] == "phishing-and-scams"


def test_filters_by_kind_and_topic(services: Services):
    hits = services.searcher.search("session phases", k=5, filters=Filters(kind="format"))
    assert hits
    assert all(hit.kind == "format" for hit in hits)
    hits = services.searcher.search("checklist", k=5, filters=Filters(topic="passwords-and-mfa"))
    assert hits
    assert all("passwords-and-mfa" in hit.topics for hit in hits)


def test_an_empty_query_returns_nothing(services: Services):
    assert services.searcher.search("   ") == []


def test_hits_carry_text_and_a_source_path(services: Services):
    hit = services.searcher.search("phishing", k=1)[0]
    assert hit.source.startswith("knowledge/")
    assert hit.source.endswith(".md")
    assert hit.text
    assert not hit.text.startswith(hit.title)


def test_cards_from_memory_are_the_cards_in_chroma(services: Services):
    """`Searcher.card` reads the lexical index's rows instead of asking Chroma (half of a chat turn's time): every
    card must come back exactly as Chroma has it, chunk order included (plans follow it)."""
    from companion.knowledge.chunking import section_text

    searcher = services.searcher
    card_ids = {meta["card_id"] for meta in searcher.library.get(include=["metadatas"])["metadatas"] or []}
    assert len(card_ids) > 50
    for card_id in sorted(card_ids):
        data = searcher.library.get(where={"card_id": card_id}, include=["documents", "metadatas"])
        expected = [
            (cid, meta["heading"], section_text(doc), meta["source"])
            for cid, doc, meta in zip(data["ids"], data["documents"] or [], data["metadatas"] or [], strict=True)
        ]
        assert [(c.id, c.heading, c.text, c.source) for c in searcher.card(card_id).values()] == expected, card_id
    assert searcher.card("skill-no-such-card-en") == {}


def test_the_vector_cache_is_bounded_and_belongs_to_one_state_of_the_index():
    import numpy as np

    from companion.retrieval.search import VectorCache

    cache = VectorCache(capacity=3)
    vectors = {f"c{i}": np.full(4, i, dtype=np.float32) for i in range(5)}
    cache.put_many("v1", {k: vectors[k] for k in ("c0", "c1", "c2")})
    assert set(cache.get_many("v1", ["c0", "c9"])) == {"c0"}  # c0 is now the most recently used
    cache.put_many("v1", {"c3": vectors["c3"], "c4": vectors["c4"]})
    assert len(cache) == 3
    assert set(cache.get_many("v1", list(vectors))) == {"c0", "c3", "c4"}  # c1, c2 went first
    assert cache.get_many("v2", ["c0"]) == {}  # another index state: nothing is served from the old one
    cache.put_many("v2", {"c1": vectors["c1"]})
    assert len(cache) == 1
    assert cache.get_many("v1", ["c0"]) == {}


def test_scores_with_cached_vectors_are_the_scores_without(services: Services):
    searcher = services.searcher
    queries = [("pivot tables for the monthly report", "en"), ("usare LinkedIn per il personal branding", "it")]
    searcher.vectors.put_many(None, {})  # empty
    cold = [searcher.search(q, k=30, filters=Filters(lang=lang, kind="skill")) for q, lang in queries]
    assert len(searcher.vectors) > 0  # BM25-only sections had their vectors fetched and kept
    warm = [searcher.search(q, k=30, filters=Filters(lang=lang, kind="skill")) for q, lang in queries]
    assert [[(h.id, round(h.score, 6)) for h in hits] for hits in warm] == [
        [(h.id, round(h.score, 6)) for h in hits] for hits in cold
    ]
