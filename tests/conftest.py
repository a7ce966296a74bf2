"""Shared fixtures. The full library index is built once into .pytest_cache and reused across runs:
ingest is idempotent, so later runs only compare file hashes (and re-embed what changed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.config import REPO_ROOT, Settings
from companion.services import Services

INDEX_CACHE = REPO_ROOT / ".pytest_cache" / "companion-index"


@pytest.fixture(scope="session")
def services(tmp_path_factory) -> Services:
    """The engine over the whole bundled library, on a real Chroma directory, with a fresh SQLite database."""
    database = tmp_path_factory.mktemp("db") / "companion.db"
    shared = Services(
        Settings(data_dir=INDEX_CACHE, database_url=f"sqlite:///{database}", backend="offline", _env_file=None)
    )
    report = shared.ingest()
    assert report.ok, report.errors
    return shared


@pytest.fixture
def tiny_library(tmp_path: Path) -> Path:
    """A copy of a few real cards and the catalogue in a folder the test may change."""
    knowledge = tmp_path / "knowledge"
    (knowledge / "skills").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "knowledge" / "topics.yaml", knowledge)
    for name in ("phishing-and-scams.en.md", "phishing-and-scams.it.md", "passwords-and-mfa.en.md"):
        shutil.copy(REPO_ROOT / "knowledge" / "skills" / name, knowledge / "skills" / name)
    return knowledge


@pytest.fixture
def tiny_services(tiny_library: Path, tmp_path: Path) -> Services:
    return Services(Settings(data_dir=tmp_path / "data", knowledge_dir=tiny_library, backend="offline", _env_file=None))
