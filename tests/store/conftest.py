"""The store tests run on SQLite by default and on PostgreSQL when COMPANION_TEST_DATABASE_URL is set
(.ci/run starts Debian's PostgreSQL on 127.0.0.1 and runs them again against it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from companion.store.access import Actor
from companion.store.db import Database
from companion.store.models import Base
from companion.store.programme import Programme

PASSWORD = "correct-horse-battery"


def _reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


POSTGRES = os.environ.get("COMPANION_TEST_DATABASE_URL")
ENGINES = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]
if os.environ.get("CI") and not POSTGRES:
    raise RuntimeError("CI runs the store tests on PostgreSQL too: .ci/run sets COMPANION_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> str:
    """This test process's own PostgreSQL database (tests run in parallel workers, and each resets its tables)."""
    assert POSTGRES
    if worker_id == "master":
        return POSTGRES
    url = make_url(POSTGRES)
    name = f"{url.database}_{worker_id}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first():
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=ENGINES)
def database_url(request, tmp_path: Path) -> Iterator[str]:
    """Every store test runs on SQLite and, where one is given, on PostgreSQL: only the URL changes."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'companion.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    _reset(url)
    yield url
    _reset(url)


@pytest.fixture
def programme(database_url: str) -> Programme:
    return Programme(Database(database_url))


class People:
    """Two pairs, HR and an admin: enough to try every rule from every side."""

    def __init__(self, programme: Programme):
        for username, role in [
            ("admin", "admin"),
            ("hr", "hr"),
            ("mentor1", "mentor"),
            ("manager1", "manager"),
            ("mentor2", "mentor"),
            ("manager2", "manager"),
        ]:
            programme.create_user(None, username, username.title(), role, PASSWORD)
        self.admin, self.hr = programme.actor("admin"), programme.actor("hr")
        self.mentor1, self.manager1 = programme.actor("mentor1"), programme.actor("manager1")
        self.mentor2, self.manager2 = programme.actor("mentor2"), programme.actor("manager2")
        self.pair1 = programme.create_pair(self.hr, "mentor1", "manager1", goals="phishing").id
        self.pair2 = programme.create_pair(self.hr, "mentor2", "manager2", goals="LinkedIn").id

    def everyone(self) -> list[Actor]:
        return [self.admin, self.hr, self.mentor1, self.manager1, self.mentor2, self.manager2]


@pytest.fixture
def people(programme: Programme) -> People:
    return People(programme)
