"""Shared fixtures. The full library index is built once into .pytest_cache and reused across runs:
ingest is idempotent, so later runs only compare file hashes (and re-embed what changed).

Tests run in parallel (`make test` uses pytest-xdist): one process builds or updates the cached index under
a file lock, and each worker then works on its own copy, so no two processes ever write one Chroma directory.
Tests sharing a database on a server (PostgreSQL in CI) run in one worker; the rest go by file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from companion.config import REPO_ROOT, Settings
from companion.services import Services

INDEX_CACHE = REPO_ROOT / ".pytest_cache" / "companion-index"
TINY_INDEX_CACHE = REPO_ROOT / ".pytest_cache" / "companion-tiny-index"
TINY_CARDS = ("phishing-and-scams.en.md", "phishing-and-scams.it.md", "passwords-and-mfa.en.md")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups to schedule them
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Groups for `--dist loadgroup`: a file stays in one worker (its module fixtures and order hold), and
    every test on the server database shares one worker (they reset its tables)."""
    for item in items:
        group = "server-database" if "database_url" in getattr(item, "fixturenames", ()) else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


def _index_copy(target: Path) -> Path:
    """Bring the cached index up to date (one process at a time) and copy it for this process alone."""
    with FileLock(f"{INDEX_CACHE}.lock"):
        builder = Services(Settings(data_dir=INDEX_CACHE, backend="offline", _env_file=None))
        report = builder.ingest()
        assert report.ok, report.errors
        del builder
        shutil.copytree(INDEX_CACHE, target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def services(tmp_path_factory) -> Services:
    """The engine over the whole bundled library, on a real Chroma directory, with a fresh SQLite database."""
    data_dir = _index_copy(tmp_path_factory.mktemp("index"))
    database = tmp_path_factory.mktemp("db") / "companion.db"
    shared = Services(
        Settings(data_dir=data_dir, database_url=f"sqlite:///{database}", backend="offline", _env_file=None)
    )
    report = shared.ingest()  # nothing to embed: the copy is current
    assert report.ok, report.errors
    assert not report.chunks_written, "the index copy should have been current"
    return shared


@pytest.fixture
def tiny_library(tmp_path: Path) -> Path:
    """A copy of a few real cards and the catalogue in a folder the test may change."""
    knowledge = tmp_path / "knowledge"
    (knowledge / "skills").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "knowledge" / "topics.yaml", knowledge)
    for name in TINY_CARDS:
        shutil.copy(REPO_ROOT / "knowledge" / "skills" / name, knowledge / "skills" / name)
    return knowledge


@pytest.fixture
def tiny_services(tiny_library: Path, tmp_path: Path) -> Services:
    return Services(Settings(data_dir=tmp_path / "data", knowledge_dir=tiny_library, backend="offline", _env_file=None))


@pytest.fixture
def tiny_indexed(tiny_services: Services) -> Services:
    """`tiny_services` with its three cards already indexed: a copy of an index built once and brought up to date
    like the full one (embedding even three cards takes seconds; most tests only need them there). Tests of
    ingest itself start from `tiny_services`, empty."""
    settings = tiny_services.settings
    with FileLock(f"{TINY_INDEX_CACHE}.lock"):
        builder = Services(Settings(data_dir=TINY_INDEX_CACHE, knowledge_dir=settings.knowledge_dir, _env_file=None))
        report = builder.ingest()
        assert report.ok, report.errors
        del builder
        shutil.copytree(TINY_INDEX_CACHE, settings.data_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.db"))
    return tiny_services


@pytest.fixture
def cli_index(services: Services, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`companion` commands started by a test read this process's index copy."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(services.settings.data_dir))
    return services.settings.data_dir
