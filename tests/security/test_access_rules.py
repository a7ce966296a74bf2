"""Finding 6: access rules in the engine (a manager submitting a curriculum, HR asking for a pair's exercises),
no spurious refusals in the audit log, and a CSV import that refuses an oversized field cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.domain import Curriculum
from companion.store.access import AccessDenied, Actor
from companion.store.db import Database
from companion.store.programme import Programme


@pytest.fixture
def programme(tmp_path: Path) -> Programme:
    programme = Programme(Database(f"sqlite:///{tmp_path / 'c.db'}"))
    for name, role in (("mentor.a", "mentor"), ("manager.a", "manager"), ("hr.a", "hr")):
        programme.create_user(None, name, name, role, "a-long-password")
    programme.create_pair(None, "Mentor.A", "manager.a", goals="phishing")  # names are case-insensitive
    return programme


def test_only_the_mentor_submits_a_curriculum(programme: Programme):
    manager = programme.actor("manager.a")
    curriculum = Curriculum(language="en", goals="g", sessions=[], rationale="r", citations=[])
    with pytest.raises(AccessDenied, match="only the pair's mentor"):
        programme.submit_curriculum(manager, 1, curriculum)


def test_hr_cannot_ask_for_a_pairs_exercise_context(programme: Programme):
    with pytest.raises(AccessDenied):
        programme.exercise_context(programme.actor("hr.a"), 1)
    pair, covered = programme.exercise_context(programme.actor("manager.a"), 1)
    assert pair.id == 1
    assert covered == []
    denials = [a for a in programme.audit_log(Actor(0, "root", "admin")) if not a.allowed]
    assert [d.action for d in denials] == ["suggest exercises"]
