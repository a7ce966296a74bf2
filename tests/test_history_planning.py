"""Planning the next session from the stored history: real store (SQLite), real library index, offline backend."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from companion.domain import Curriculum, CurriculumSession, PairProfile
from companion.history_planning import plan_next_session, profile_for
from companion.services import Services
from companion.store.db import Database
from companion.store.programme import Programme

GOALS = "spot phishing emails, protect accounts with passwords and MFA, and build a LinkedIn profile"


@pytest.fixture
def journey(tmp_path: Path, services: Services):
    programme = Programme(Database(f"sqlite:///{tmp_path / 'journey.db'}"))
    for name, role in (("hr", "hr"), ("ment", "mentor"), ("mana", "manager")):
        programme.create_user(None, name, name.title(), role, "a-long-password")
    pair = programme.create_pair(None, "ment", "mana", goals=GOALS, total_sessions=6)
    return programme, pair.id, services.planner


def hold(programme: Programme, pair_id: int, number: int, planner, topics_from_goals: bool = True) -> int:
    mentor = programme.actor("ment")
    history = programme.pair_history(mentor, pair_id)
    plan = plan_next_session(planner, profile_for(programme.pair(mentor, pair_id), history), history)
    assert plan.session_number == number
    record = programme.record_session(mentor, pair_id, number, date(2026, 1, number), plan, "held")
    return record.id


def plan_for(programme: Programme, pair_id: int, planner, as_user: str = "ment"):
    actor = programme.actor(as_user)
    history = programme.pair_history(actor, pair_id)
    return plan_next_session(planner, profile_for(programme.pair(actor, pair_id), history), history)


def test_new_ground_first_then_a_review_goes_back_over_it(journey):
    programme, pair_id, planner = journey
    first = plan_for(programme, pair_id, planner)
    assert first.based_on.session_number == 1
    assert first.format == "first-meeting"
    assert first.based_on.previous_topics == []
    assert first.based_on.curriculum_version is None
    assert any("No approved curriculum" in fact for fact in first.based_on.facts)
    hold(programme, pair_id, 1, planner)
    hold(programme, pair_id, 2, planner)
    covered = programme.pair_history(programme.actor("ment"), pair_id).previous_topics
    third = plan_for(programme, pair_id, planner)
    assert third.format == "hands-on-lab"
    assert not set(covered) & {t.slug for t in third.topics}, "new ground first"
    assert any("New ground first" in fact for fact in third.based_on.facts)
    assert sum(item.minutes for item in third.agenda) == third.session_minutes
    hold(programme, pair_id, 3, planner)
    review = plan_for(programme, pair_id, planner)
    assert review.format == "follow-up-review"
    assert {t.slug for t in review.topics} <= set(review.based_on.previous_topics)
    assert review.based_on.previous_topics == programme.pair_history(programme.actor("ment"), pair_id).previous_topics


def test_the_approved_curriculum_is_followed(journey):
    programme, pair_id, planner = journey
    hold(programme, pair_id, 1, planner)
    curriculum = Curriculum(
        language="en",
        goals=GOALS,
        rationale="r",
        sessions=[
            CurriculumSession(number=1, format="first-meeting", title="First meeting", rationale="r"),
            CurriculumSession(
                number=2,
                format="skill-deep-dive",
                title="LinkedIn profile",
                topics=["linkedin-personal-brand"],
                rationale="r",
            ),
        ],
    )
    version = programme.submit_curriculum(programme.actor("ment"), pair_id, curriculum)
    programme.review_curriculum(programme.actor("hr"), version.id, approve=True)
    plan = plan_for(programme, pair_id, planner, as_user="mana")
    assert plan.based_on.curriculum_version == 1
    assert plan.format == "skill-deep-dive"
    assert [t.slug for t in plan.topics] == ["linkedin-personal-brand"]
    assert any("curriculum v1, session 2" in fact for fact in plan.based_on.facts)
    # Beyond the curriculum's sessions the plan says why it does not follow it.
    hold(programme, pair_id, 2, planner)
    beyond = plan_for(programme, pair_id, planner)
    assert any("has no session 3" in fact for fact in beyond.based_on.facts)


def test_a_manager_who_found_the_pace_too_fast_gets_one_topic_and_more_hands_on(journey):
    programme, pair_id, planner = journey
    hold(programme, pair_id, 1, planner)
    baseline = plan_for(programme, pair_id, planner)
    assert baseline.format == "skill-deep-dive"
    assert len(baseline.topics) == 2
    session_id = programme.sessions(programme.actor("mana"), pair_id)[0].id
    programme.check_in(programme.actor("mana"), session_id, 3, "fake senders", "The pace was too fast", shared=True)
    slower = plan_for(programme, pair_id, planner)
    assert slower.format == "hands-on-lab"
    assert len(slower.topics) == 1
    assert slower.based_on.last_check_in["change"] == "The pace was too fast"
    assert slower.based_on.last_check_in["side"] == "manager"
    assert any("too fast" in fact and "hands-on" in fact for fact in slower.based_on.facts)
    # Not shared, the manager's check-in does not reach the mentor's planning, but it reaches the manager's.
    programme.share_check_in(programme.actor("mana"), session_id, shared=False)
    assert plan_for(programme, pair_id, planner).based_on.last_check_in is None
    assert plan_for(programme, pair_id, planner, as_user="mana").format == "hands-on-lab"


def test_the_profile_carries_the_self_assessment_at_the_end_over_the_start(journey):
    programme, pair_id, _ = journey
    manager = programme.actor("mana")
    programme.set_assessment(manager, pair_id, "before", {"4.2": "not-yet"})
    history = programme.pair_history(manager, pair_id)
    profile = profile_for(programme.pair(manager, pair_id), history)
    assert isinstance(profile, PairProfile)
    assert profile.self_assessment == {"4.2": "not-yet"}
    programme.set_assessment(manager, pair_id, "after", {"4.2": "advanced"})
    history = programme.pair_history(manager, pair_id)
    assert profile_for(programme.pair(manager, pair_id), history).self_assessment == {"4.2": "advanced"}


def test_a_topic_asked_for_again_is_planned_and_the_plan_says_it_was_covered(journey):
    """Asking in the chat for what an earlier session covered plans that topic again (it used to be skipped for
    "new ground", which gave a topic the request hardly touched); the pair's own goals still go to new ground."""
    programme, pair_id, planner = journey
    mentor = programme.actor("ment")
    hold(programme, pair_id, 1, planner)
    history = programme.pair_history(mentor, pair_id)
    second = plan_next_session(
        planner, profile_for(programme.pair(mentor, pair_id), history), history, asked_goal="run better hybrid meetings"
    )
    assert [t.slug for t in second.topics][:1] == ["video-meetings-and-hybrid-work"]
    programme.record_session(mentor, pair_id, 2, date(2026, 1, 2), second, "held")
    history = programme.pair_history(mentor, pair_id)
    assert "video-meetings-and-hybrid-work" in history.previous_topics
    again = plan_next_session(
        planner, profile_for(programme.pair(mentor, pair_id), history), history, asked_goal="run better hybrid meetings"
    )
    assert "video-meetings-and-hybrid-work" in {t.slug for t in again.topics}
    said = [fact for fact in again.based_on.facts if fact.startswith("Covered already and asked for again:")]
    assert len(said) == 1
    assert "video-meetings-and-hybrid-work" in said[0]
    assert not any("New ground first" in fact for fact in again.based_on.facts)
