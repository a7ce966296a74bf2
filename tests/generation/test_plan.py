"""Offline plans: minutes add up, one language throughout, every citation exists in the index."""

from __future__ import annotations

import pytest

from companion.domain import PairProfile, SessionPlan
from companion.generation.composer import allocate_minutes
from companion.language import detect_language
from companion.planner import PlanningError, choose_format
from companion.services import Services

PROFILES = [
    PairProfile(language="en", session_minutes=60, session_number=2, goals="spot phishing emails and protect accounts"),
    PairProfile(
        language="it", session_minutes=45, session_number=1, goals="usare LinkedIn e l'intelligenza artificiale"
    ),
    PairProfile(
        language="en", session_minutes=30, session_number=3, goals="build a pivot table for the monthly report"
    ),
    PairProfile(
        language="it", session_minutes=90, session_number=4, goals="riunioni ibride e strumenti di collaborazione"
    ),
    PairProfile(language="en", session_minutes=90, session_number=6, goals="keep using AI prompts after the programme"),
    PairProfile(
        language="it", session_minutes=75, session_number=5, goals="password manager e autenticazione a due fattori"
    ),
]


def all_texts(plan: SessionPlan) -> list[str]:
    texts = [item.activity for item in plan.agenda] + [t.why for t in plan.topics]
    texts += [q.text for q in plan.reflection_questions.mentor + plan.reflection_questions.manager]
    texts += [step for exercise in plan.exercises for step in exercise.steps]
    return texts + [note.text for note in plan.briefing]


@pytest.fixture(
    scope="module", params=PROFILES, ids=lambda p: f"{p.language}-{p.session_minutes}min-s{p.session_number}"
)
def planned(request, services: Services) -> tuple[PairProfile, SessionPlan]:
    return request.param, services.planner.plan_session(request.param)


def test_agenda_minutes_add_up(planned):
    profile, plan = planned
    assert sum(item.minutes for item in plan.agenda) == profile.session_minutes == plan.session_minutes
    assert all(item.minutes > 0 for item in plan.agenda)


def test_everything_is_in_the_profile_language(planned):
    profile, plan = planned
    assert plan.language == profile.language
    for text in all_texts(plan):
        assert detect_language(text, default=profile.language) == profile.language, text


def test_every_item_is_cited_and_every_citation_was_indexed(planned, services: Services):
    _, plan = planned
    cited = [c for item in plan.agenda for c in item.citations]
    cited += [c for e in plan.exercises for c in e.citations] + [c for t in plan.topics for c in t.citations]
    cited += [c for q in plan.reflection_questions.mentor + plan.reflection_questions.manager for c in q.citations]
    cited += [c for note in plan.briefing for c in note.citations]
    assert all(item.citations for item in plan.agenda)
    assert all(e.citations for e in plan.exercises)
    assert plan.exercises
    assert {c.id for c in plan.citations} == set(cited)
    stored = services.store.get(ids=[c.id for c in plan.citations], include=["metadatas"])
    assert sorted(stored["ids"]) == sorted(c.id for c in plan.citations)
    sources = {cid: meta["source"] for cid, meta in zip(stored["ids"], stored["metadatas"], strict=False)}
    assert all(sources[c.id] == c.source for c in plan.citations)


def test_plan_follows_the_goals_and_the_session_number(planned):
    profile, plan = planned
    assert plan.format == choose_format(profile.session_number, profile.total_sessions)
    assert plan.backend == "offline"
    assert plan.topics
    assert plan.reflection_questions.mentor
    assert plan.reflection_questions.manager


@pytest.mark.parametrize(
    ("goals", "topic"),
    [
        ("spot phishing emails", "phishing-and-scams"),
        ("usare LinkedIn per farsi conoscere", "linkedin-personal-brand"),
        ("build a pivot table for the monthly report", "data-literacy-spreadsheets"),
        ("scrivere prompt migliori per l'IA", "prompt-writing"),
    ],
)
def test_the_main_topic_matches_the_goal(services: Services, goals: str, topic: str):
    lang = "it" if " per " in goals else "en"
    plan = services.planner.plan_session(PairProfile(language=lang, goals=goals, session_number=2))
    assert plan.topics[0].slug == topic


def test_no_goals_is_a_question_not_a_guess(services: Services):
    with pytest.raises(PlanningError) as caught:
        services.planner.plan_session(PairProfile(goals="  ", session_number=2))
    assert caught.value.key == "ask_goals"


@pytest.mark.parametrize(
    ("number", "slugs"),
    [(1, ["ground-rules-confidentiality", "self-assessing-digital-skills"]),
     (6, ["closing-the-relationship", "self-assessing-digital-skills"])],
)  # fmt: skip
def test_first_and_closing_sessions_need_no_goals_and_get_programme_topics(services: Services, number, slugs):
    plan = services.planner.plan_session(PairProfile(goals="", session_number=number, total_sessions=6))
    assert [topic.slug for topic in plan.topics] == slugs
    assert all(topic.citations for topic in plan.topics)
    assert sum(item.minutes for item in plan.agenda) == plan.session_minutes


@pytest.mark.parametrize("total", [15, 30, 45, 60, 61, 90, 97, 240])
def test_minutes_allocation_is_exact_and_proportional(total: int):
    shares = [10, 10, 25, 35, 20]
    minutes = allocate_minutes(shares, total)
    assert sum(minutes) == total
    assert all(abs(m - total * s / 100) < 1 for m, s in zip(minutes, shares, strict=False))


def test_formats_run_from_first_meeting_to_closing():
    assert [choose_format(n, 6) for n in range(1, 7)] == [
        "first-meeting",
        "skill-deep-dive",
        "hands-on-lab",
        "follow-up-review",
        "managers-turn",
        "closing-session",
    ]
