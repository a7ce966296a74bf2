"""The retrieval eval runs in the suite with a floor, and its JSON contract holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.evaluation import DEFAULT_DATASET, evaluate, load_dataset
from companion.services import Services

HELDOUT = Path(__file__).with_name("heldout.jsonl")


def test_the_development_set_is_big_and_bilingual_enough():
    queries = load_dataset(DEFAULT_DATASET)
    assert len(queries) >= 70
    assert sum(q.lang == "it" for q in queries) >= len(queries) // 2


@pytest.mark.slow  # an evaluation over the whole library
def test_hybrid_beats_the_floor_and_the_dense_baseline(services: Services):
    result = evaluate(services.searcher, load_dataset(DEFAULT_DATASET))
    for lang in ("en", "it"):
        ours, baseline = result["ours"][lang], result["baseline"][lang]
        assert ours.hit_at_5 >= 0.95, (lang, ours)
        assert ours.mrr >= 0.85, (lang, ours)
        assert ours.mrr > baseline.mrr, (lang, ours, baseline)


@pytest.mark.slow
def test_the_held_out_set_stays_above_a_floor(services: Services):
    """Written blind after tuning: it guards against tuning to the development set."""
    result = evaluate(services.searcher, load_dataset(HELDOUT))
    for lang in ("en", "it"):
        ours = result["ours"][lang]
        assert ours.hit_at_5 >= 0.85, ours  # 0.867 in Italian on a fresh index: one query of 30 in reserve
        assert ours.mrr >= 0.75, ours


@pytest.mark.slow  # a companion process
@pytest.mark.usefixtures("cli_index")
def test_eval_json_contract(tmp_path: Path):
    from tests.test_cli import run_cli

    dataset = tmp_path / "mini.jsonl"
    dataset.write_text(
        '{"q": "spot a phishing email", "lang": "en", "topics": ["phishing-and-scams"]}\n'
        '{"q": "autenticazione a due fattori", "lang": "it", "topics": ["passwords-and-mfa"]}\n',
        encoding="utf-8",
    )
    result = run_cli("eval", "--dataset", str(dataset), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"ours", "baseline"}
    for who in data.values():
        assert set(who) == {"en", "it"}
        assert all(set(scores) == {"hit@1", "hit@5", "mrr", "n"} and scores["n"] == 1 for scores in who.values())


@pytest.mark.slow
@pytest.mark.usefixtures("cli_index")
def test_a_malformed_dataset_line_is_named(tmp_path: Path):
    from tests.test_cli import run_cli

    dataset = tmp_path / "bad.jsonl"
    dataset.write_text(
        '{"q": "ok", "lang": "en", "topics": []}\n{"q": "x", "lang": "de", "topics": []}\n', encoding="utf-8"
    )
    result = run_cli("eval", "--dataset", str(dataset))
    assert result.returncode == 2
    assert "bad.jsonl, line 2" in result.stderr
