"""The machine-readable contracts of `companion chat --json` and `companion eval-chat --json` (DESIGN.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from companion.config import REPO_ROOT
from companion.retrieval.keywords import KeywordMatcher
from companion.retrieval.lexical import Row, indexed_text
from tests.conftest import INDEX_CACHE

REPLY_KEYS = {"intent", "kind", "text", "date", "result"}


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "COMPANION_DATA_DIR": str(INDEX_CACHE), "COMPANION_BACKEND": "offline"}
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=300,
    )


@pytest.mark.slow  # companion processes
@pytest.mark.usefixtures("services")
def test_chat_json_contract():
    request = {
        "language": "en",
        "pair": {"goals": "", "total_sessions": 8},
        "messages": [
            "Can you help me get ready for Thursday? Helen keeps struggling to share her screen in Teams, "
            "we have 45 minutes",
            "make it shorter",
            "hello",
            "give him something to practise before we meet again",
            "I'd like a programme of 8 meetings",
        ],
    }
    result = run_cli("chat", "--json", "--today", "2026-11-30", stdin=json.dumps(request))
    assert result.returncode == 0, result.stderr
    replies = json.loads(result.stdout)
    assert [r["intent"] for r in replies] == ["plan", "revise", "smalltalk", "exercises", "curriculum"]
    assert all(set(r) == REPLY_KEYS for r in replies)
    plan = replies[0]["result"]
    assert replies[0]["kind"] == "result"
    assert replies[0]["date"] == "2026-12-03"
    assert plan["session_minutes"] == 45
    assert sum(item["minutes"] for item in plan["agenda"]) == 45
    assert all(item["kind"] in {"opening", "demo", "hands-on", "discussion", "reflection", "closing"}
               for item in plan["agenda"])  # fmt: skip
    assert replies[1]["result"]["session_minutes"] < 45
    assert replies[2]["result"] is None
    assert replies[3]["result"]["exercises"]
    assert len(replies[4]["result"]["sessions"]) == 8  # with the goals the conversation already has


@pytest.mark.slow
def test_chat_refuses_bad_input():
    result = run_cli("chat", "--json", stdin='{"messages": "not a list"}')
    assert result.returncode == 2
    assert "messages" in result.stderr


def test_card_keywords_reach_the_keyword_matcher_and_bm25():
    matcher = KeywordMatcher({"phishing-and-scams": ["Zorblax mail"]})
    assert matcher.scores("she opened a zorblax mail")["phishing-and-scams"] > 0
    assert "Teams" not in matcher.scores("Teams")  # keys are slugs
    row = Row("x#y", "section text", {"keywords": ["ChatGPT", "Copilot"]})
    assert indexed_text(row).endswith("ChatGPT Copilot")
    assert indexed_text(Row("x#z", "plain", {})) == "plain"
