"""Retrieval evaluation: hit@1, hit@5 and MRR per language, ours against a dense-only baseline.

A dataset is JSON lines `{"q": "...", "lang": "en|it", "topics": ["slug", ...]}`; a hit is a result
that carries one of the query's topics. Both retrievers get the query alone (no language filter).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from companion.config import REPO_ROOT
from companion.domain import Hit, Language
from companion.retrieval.search import Searcher

DEFAULT_DATASET = REPO_ROOT / "tests" / "retrieval" / "devset.jsonl"
DEPTH = 10  # MRR counts the first relevant result within the top 10


class EvalQuery(BaseModel):
    q: str
    lang: Language
    topics: list[str]


class Scores(BaseModel):
    hit_at_1: float
    hit_at_5: float
    mrr: float
    n: int

    def as_contract(self) -> dict:
        return {"hit@1": self.hit_at_1, "hit@5": self.hit_at_5, "mrr": self.mrr, "n": self.n}


def load_dataset(path: Path) -> list[EvalQuery]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            queries.append(EvalQuery.model_validate_json(line))
        except ValidationError as exc:
            raise ValueError(f"{path.name}, line {number}: {exc.errors()[0]['msg']}") from exc
    if not queries:
        raise ValueError(f"{path.name}: no queries")
    return queries


def first_relevant_rank(hits: list[Hit], topics: list[str]) -> int | None:
    for rank, hit in enumerate(hits, start=1):
        if set(hit.topics) & set(topics):
            return rank
    return None


def score(search: Callable[[str], list[Hit]], queries: list[EvalQuery]) -> dict[str, Scores]:
    ranks: dict[str, list[int | None]] = {}
    for query in queries:
        ranks.setdefault(query.lang, []).append(first_relevant_rank(search(query.q), query.topics))
    return {
        lang: Scores(
            hit_at_1=round(sum(r == 1 for r in found) / len(found), 3),
            hit_at_5=round(sum(r is not None and r <= 5 for r in found) / len(found), 3),
            mrr=round(sum(1 / r for r in found if r) / len(found), 3),
            n=len(found),
        )
        for lang, found in sorted(ranks.items())
    }


def evaluate(searcher: Searcher, queries: list[EvalQuery]) -> dict[str, dict[str, Scores]]:
    return {
        "ours": score(lambda q: searcher.search(q, k=DEPTH), queries),
        "baseline": score(lambda q: searcher.dense_only(q, k=DEPTH), queries),
    }


def misses(searcher: Searcher, queries: list[EvalQuery]) -> list[tuple[EvalQuery, list[Hit]]]:
    """Queries whose top five hold no relevant result: what to look at when the score drops."""
    found = []
    for query in queries:
        hits = searcher.search(query.q, k=5)
        if first_relevant_rank(hits, query.topics) is None:
            found.append((query, hits))
    return found


def as_json(result: dict[str, dict[str, Scores]]) -> str:
    return json.dumps(
        {who: {lang: s.as_contract() for lang, s in per_lang.items()} for who, per_lang in result.items()}, indent=2
    )


def as_table(result: dict[str, dict[str, Scores]]) -> str:
    rows = ["| retriever | lang | n | hit@1 | hit@5 | MRR |", "|---|---|---|---|---|---|"]
    for who, label in (("ours", "hybrid (ours)"), ("baseline", "dense only")):
        for lang, s in result[who].items():
            rows.append(f"| {label} | {lang} | {s.n} | {s.hit_at_1:.3f} | {s.hit_at_5:.3f} | {s.mrr:.3f} |")
    return "\n".join(rows)
