"""Whoever runs the server sees the events that matter: refusals, fallbacks, ingest reports."""

from __future__ import annotations

import logging

import pytest

from companion.logs import configure_logging
from companion.store.access import AccessDenied
from companion.store.programme import Programme
from tests.store.conftest import People


def test_configure_logging_is_idempotent_and_sets_the_level():
    configure_logging("DEBUG")
    configure_logging("warning")
    root = logging.getLogger()
    assert root.level == logging.WARNING
    assert sum(getattr(handler, "_companion", False) for handler in root.handlers) == 1
    configure_logging("INFO")


def test_a_refusal_is_logged_with_what_was_refused(programme: Programme, people: People, caplog):
    caplog.set_level(logging.WARNING, logger="companion")
    with pytest.raises(AccessDenied):
        programme.journal(people.hr, people.pair1)
    refusals = [r for r in caplog.records if r.name.startswith("companion.store") and "refused" in r.getMessage()]
    assert refusals, caplog.text
    assert "journal" in refusals[0].getMessage()


def test_an_ingest_is_logged_with_its_report(tiny_indexed, caplog):
    caplog.set_level(logging.INFO, logger="companion")
    tiny_indexed.ingest()
    messages = [r.getMessage() for r in caplog.records if r.name == "companion.services"]
    assert any("library ingest:" in m and "added" in m for m in messages), messages
    assert any(m.startswith("library ingest took") for m in messages), messages
