"""Hybrid and bilingual behaviour over the whole library."""

from __future__ import annotations

import pytest

from companion.retrieval.search import Filters
from companion.services import Services


def test_a_rare_exact_term_is_found_through_bm25(services: Services):
    hits = services.searcher.search("quishing", k=3, filters=Filters(lang="en"))
    assert hits[0].topics[0] == "phishing-and-scams"


def test_a_query_is_answered_in_its_own_language(services: Services):
    italian = services.searcher.search("come si riconosce una email truffa che chiede un bonifico urgente", k=5)
    english = services.searcher.search("how do I recognise a scam email asking for an urgent transfer", k=5)
    assert {h.lang for h in italian} == {"it"}
    assert {h.lang for h in english} == {"en"}
    assert italian[0].topics[0] == english[0].topics[0] == "phishing-and-scams"


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (Filters(audience="hr"), lambda h, meta: "hr" in meta["audience"]),
        (Filters(level="advanced", kind="skill"), lambda h, meta: h.kind == "skill" and "advanced" in meta["level"]),
        (Filters(kind="case-study", lang="it"), lambda h, meta: h.kind == "case-study" and h.lang == "it"),
        (Filters(topic="matching-pairs"), lambda h, meta: "matching-pairs" in h.topics),
    ],
    ids=["audience", "level+kind", "kind+lang", "topic"],
)
def test_every_filter_holds_for_every_hit(services: Services, filters: Filters, check):
    hits = services.searcher.search("how should the first session go", k=8, filters=filters)
    assert hits
    stored = services.store.get(ids=[h.id for h in hits], include=["metadatas"])
    metas = dict(zip(stored["ids"], stored["metadatas"], strict=True))
    assert all(check(hit, metas[hit.id]) for hit in hits)


def test_huge_and_odd_queries_do_not_break_search(services: Services):
    assert services.searcher.search("phishing " * 5000, k=3)
    assert len(services.searcher.search("?!", k=3)) <= 3  # punctuation only: no BM25 terms, still a dense answer
    assert services.searcher.search("phishing", k=0) == []
