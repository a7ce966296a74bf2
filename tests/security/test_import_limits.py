"""Hardening-2 finding 3: `companion pairs import` with a field over the CSV module's size limit (128 KiB) is
refused with a row-level message, not a traceback, and nothing is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from companion.config import REPO_ROOT
from companion.store.db import Database
from companion.store.importer import import_pairs
from companion.store.programme import Programme


def programme(data: Path) -> Programme:
    data.mkdir(parents=True, exist_ok=True)
    programme = Programme(Database(f"sqlite:///{data / 'companion.db'}"))
    for name, role in (("m1", "mentor"), ("b1", "manager"), ("m2", "mentor"), ("b2", "manager")):
        programme.create_user(None, name, name, role, "a-long-password")
    return programme


def oversized_csv(path: Path) -> Path:
    big = "x" * (128 * 1024 + 10)
    path.write_text(f"mentor,manager,goals\nm1,b1,phishing\nm2,b2,{big}\n", encoding="utf-8")
    return path


def test_an_oversized_field_is_a_row_error(tmp_path: Path):
    store = programme(tmp_path / "data")
    result = import_pairs(store, oversized_csv(tmp_path / "pairs.csv").read_text(encoding="utf-8"))
    assert result.imported == 0
    assert [e.row for e in result.errors] == [3]
    assert "longer than the 131,072-character limit" in result.errors[0].message
    assert store.pairs(store.actor("m1")) == []


def test_the_cli_refuses_an_oversized_field_without_a_traceback(tmp_path: Path):
    store = programme(tmp_path / "data")
    csv = oversized_csv(tmp_path / "pairs.csv")
    env = {**os.environ, "COMPANION_DATA_DIR": str(tmp_path / "data"), "COMPANION_BACKEND": "offline"}
    env.pop("COMPANION_DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "companion.cli", "pairs", "import", str(csv)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert f"error: {csv}, line 3: a field is longer than the 131,072-character limit" in run.stderr
    assert "nothing was imported" in run.stderr
    assert store.pairs(store.actor("m1")) == []
