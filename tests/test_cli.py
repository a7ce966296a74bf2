"""The machine-readable contracts of `companion search` and `companion plan` (DESIGN.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.config import REPO_ROOT

HIT_KEYS = {"id", "title", "lang", "kind", "topics", "source", "score", "text"}


pytestmark = [pytest.mark.usefixtures("cli_index"), pytest.mark.slow]  # each test starts a companion process


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COMPANION_BACKEND": "offline"}
    return subprocess.run(
        [sys.executable, "-m", "companion.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=300,
    )


@pytest.mark.usefixtures("services")
def test_search_json_contract():
    result = run_cli("search", "phishing", "--json", "--k", "3")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    assert all(set(hit) == HIT_KEYS for hit in hits)
    assert hits[0]["topics"][0] == "phishing-and-scams"
    assert (REPO_ROOT / hits[0]["source"]).is_file()


@pytest.mark.usefixtures("services")
def test_search_language_filter():
    hits = json.loads(run_cli("search", "truffe via email", "--lang", "it", "--json").stdout)
    assert hits
    assert {hit["lang"] for hit in hits} == {"it"}


@pytest.mark.usefixtures("services")
def test_plan_json_contract(tmp_path: Path):
    profile = {
        "language": "it",
        "session_minutes": 60,
        "session_number": 2,
        "mentor": {"name": "Giulia", "role": "Data analyst"},
        "manager": {"name": "Marco", "role": "CFO"},
        "goals": ["riconoscere le email di phishing", "proteggere gli account"],
    }
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    result = run_cli("plan", "--profile", str(path), "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert {
        "language",
        "session_minutes",
        "backend",
        "agenda",
        "topics",
        "reflection_questions",
        "exercises",
        "citations",
    } <= set(plan)
    assert plan["language"] == "it"
    assert plan["backend"] == "offline"
    assert sum(item["minutes"] for item in plan["agenda"]) == 60
    assert set(plan["agenda"][0]) == {"title", "minutes", "activity", "kind", "citations"}
    assert plan["agenda"][0]["kind"] == "opening"
    assert plan["agenda"][-1]["kind"] == "closing"
    assert set(plan["exercises"][0]) == {"title", "steps", "minutes", "level", "citations"}
    assert set(plan["topics"][0]) >= {"slug", "title", "why"}
    assert set(plan["citations"][0]) == {"id", "source"}


def test_a_bad_profile_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "profile.json"
    path.write_text('{"language": "fr", "goals": "x"}', encoding="utf-8")
    result = run_cli("plan", "--profile", str(path), "--json")
    assert result.returncode == 2
    assert "language" in result.stderr
    assert "profile.json" in result.stderr
    assert run_cli("plan", "--profile", str(tmp_path / "missing.json")).returncode == 2


@pytest.mark.usefixtures("services")
@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["exercises", "--goals", "spot phishing", "--level", "advanced", "--lang", "it"], "exercises"),
        (["topics", "--goals", "LinkedIn and AI prompts"], "topics"),
        (["ask", "What are Kirkpatrick's four levels?"], "points"),
    ],
    ids=["exercises", "topics", "ask"],
)
def test_every_use_case_has_a_json_command(args: list[str], key: str):
    result = run_cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data[key]
    assert data["citations"]
    assert data["backend"] == "offline"


@pytest.mark.usefixtures("services")
def test_curriculum_command(tmp_path: Path):
    path = tmp_path / "pair.json"
    path.write_text(json.dumps({"language": "en", "goals": "phishing, LinkedIn"}), encoding="utf-8")
    data = json.loads(run_cli("curriculum", "--profile", str(path), "--sessions", "5", "--json").stdout)
    assert [s["format"] for s in data["sessions"]][::4] == ["first-meeting", "closing-session"]


@pytest.mark.usefixtures("services")
def test_a_use_case_that_needs_more_says_what():
    result = run_cli("topics", "--lang", "it")
    assert result.returncode == 1
    assert "obiettivi" in result.stderr
