"""Shared fixtures. The full library index is built once into .pytest_cache and reused across runs:
ingest is idempotent, so later runs only compare file hashes (and re-embed what changed).

Tests run in parallel (`make test` uses pytest-xdist): one process builds or updates the cached index under
a file lock, and each worker then works on its own copy, so no two processes ever write one Chroma directory.
Each worker has its own PostgreSQL database too (tests/store/conftest.py). A file runs in one worker (see
`pytest_xdist_make_scheduler`), the longest files first and, while one worker builds the index, the files that do
not need it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher, profiles
from filelock import FileLock

from companion.config import REPO_ROOT, Settings
from companion.services import Services
from companion.store import passwords

INDEX_CACHE = REPO_ROOT / ".pytest_cache" / "companion-index"
TINY_INDEX_CACHE = REPO_ROOT / ".pytest_cache" / "companion-tiny-index"
CHROMIUM = os.environ.get("COMPANION_CHROMIUM", "/usr/bin/chromium")  # Debian's, driven by Playwright
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TINY_CARDS = ("phishing-and-scams.en.md", "phishing-and-scams.it.md", "passwords-and-mfa.en.md")


# The files that take longest (an evaluation, a browser walk over every workspace): they start first, so that no
# worker is left running one of them alone at the end. Only the order depends on this list, never a result.
LONGEST = (
    "tests/chat/test_eval_chat.py",
    "tests/retrieval/test_eval.py",
    "tests/ui/test_accessibility.py",
    "tests/store/test_journey.py",
    "tests/ui/test_browser.py",
    "tests/ui/test_journey_loop_browser.py",
    "tests/security/test_uploads.py",
)


def _file(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order the scheduler hands files out in (within a file, tests keep their order): the longest file
    first, which builds the index in one worker, then the files that do not need the index (the other worker
    runs them meanwhile instead of waiting on the lock), then the rest; slow files before fast ones, which fill
    the gaps at the end."""
    needs_index: set[str] = set()
    slow: set[str] = set()
    for item in items:
        if "services" in getattr(item, "fixturenames", ()):
            needs_index.add(_file(item))
        if item.get_closest_marker("slow"):
            slow.add(_file(item))
    first_seen = {name: n for n, name in reversed(list(enumerate(map(_file, items))))}

    def rank(item: pytest.Item) -> tuple[int, int, bool, int]:
        name = _file(item)
        longest = LONGEST.index(name) if name in LONGEST else len(LONGEST)
        phase = 0 if longest == 0 else 1 if name not in needs_index else 2
        return (phase, longest, name not in slow, first_seen[name])

    items.sort(key=rank)  # stable: a file's tests keep their order


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """`--dist loadgroup` (the Makefile's): whole files to a worker (module fixtures, such as the served app and the
    browser, start once), in the order of `pytest_collection_modifyitems`. xdist's own loadgroup cannot do it
    under pytest 9.2: it tags node ids, which pytest no longer lets a plugin change (pytest-xdist issue 1386),
    so the groups were silently ignored and tests went one by one."""
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid.split("::", 1)[0]

    config.option.loadscopereorder = False  # keep the order above, not the files' sizes
    return FileScheduling(config, log)


PRODUCTION_HASHER = passwords._hasher  # RFC 9106's parameters, as the app runs


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """Accounts are hashed with Argon2id at argon2-cffi's profile for tests (CHEAPEST) instead of RFC 9106's
    (a quarter of a second each here, and the suite creates hundreds of accounts). Hashing and checking stay
    real, wrong passwords still fail; tests about the cost itself (constant time, checks a few at a time) mark
    themselves `real_password_cost`. Session-wide, so module fixtures (the demo's accounts) get it too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
        yield


@pytest.fixture(autouse=True)
def real_password_cost(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("real_password_cost"):
        monkeypatch.setattr(passwords, "_hasher", PRODUCTION_HASHER)


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


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test process, shared by every browser test (each opens its own contexts)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """The shared Chromium for one test: whatever the test leaves open (contexts, pages, cookies) is closed after
    it, failed or not, so no test sees another's."""
    yield chromium
    for context in list(chromium.contexts):
        context.close()
