"""Invariants of the other use cases: topics, exercises, curriculum, answers (offline)."""

from __future__ import annotations

import pytest

from companion.domain import PairProfile
from companion.language import detect_language
from companion.planner import PlanningError, curriculum_outline, split_goals
from companion.services import Services


def indexed(services: Services, ids: list[str]) -> bool:
    return sorted(services.store.get(ids=ids, include=[])["ids"]) == sorted(set(ids))


@pytest.mark.parametrize("lang", ["en", "it"])
def test_topics_from_goals_and_self_assessment(services: Services, lang: str):
    result = services.planner.suggest_topics(
        lang,
        goals="spreadsheets for the monthly report" if lang == "en" else "fogli di calcolo per il report mensile",
        self_assessment={"4.2": "not-yet", "2.6": "foundation", "1.1": "advanced"},
    )
    slugs = [topic.slug for topic in result.topics]
    assert slugs[0] == "data-literacy-spreadsheets"
    assert {"phishing-and-scams", "passwords-and-mfa", "privacy-and-gdpr", "ai-risks-and-policy"} & set(slugs[1:])
    assert "online-search-and-research" not in slugs  # rated advanced: nothing to fix there
    reason = next(topic.why for topic in result.topics if "4.2" in topic.why)
    assert detect_language(reason, lang) == lang
    assert all(topic.citations for topic in result.topics)
    assert indexed(services, [c.id for c in result.citations])


def test_topics_need_goals_or_an_assessment(services: Services):
    with pytest.raises(PlanningError):
        services.planner.suggest_topics("en")


@pytest.mark.parametrize("level", ["foundation", "intermediate", "advanced"])
def test_exercises_are_at_the_level_asked(services: Services, level: str):
    result = services.planner.follow_up_exercises("it", goals="riconoscere il phishing", level=level)
    assert result.level == level
    assert result.exercises
    for exercise in result.exercises:
        assert exercise.level == level
        assert exercise.steps
        assert exercise.minutes
        assert all(cid.endswith(f"#exercises/{level}") for cid in exercise.citations)
        assert detect_language(" ".join(exercise.steps), "en") == "it"


def test_exercises_respect_the_time_available(services: Services):
    result = services.planner.follow_up_exercises(
        "en", topics=["phishing-and-scams", "passwords-and-mfa", "linkedin-personal-brand"], max_minutes=25
    )
    assert result.exercises
    assert all(e.minutes <= 25 for e in result.exercises)
    assert result.notice is None
    tight = services.planner.follow_up_exercises("en", topics=["phishing-and-scams"], level="advanced", max_minutes=5)
    assert len(tight.exercises) == 1
    assert "5 minutes" in tight.notice


@pytest.mark.parametrize(("sessions", "lang"), [(6, "en"), (4, "it"), (10, "en"), (2, "it")])
def test_curriculum_runs_from_first_meeting_to_closing(services: Services, sessions: int, lang: str):
    goals = "phishing, LinkedIn and spreadsheets" if lang == "en" else "phishing, LinkedIn e fogli di calcolo"
    result = services.planner.curriculum(PairProfile(language=lang, goals=goals), sessions)
    assert [s.number for s in result.sessions] == list(range(1, sessions + 1))
    assert result.sessions[0].format == "first-meeting"
    assert result.sessions[-1].format == "closing-session"
    assert all(s.citations and s.rationale for s in result.sessions)
    assert detect_language(" ".join(s.rationale for s in result.sessions), "en" if lang == "it" else "it") == lang
    taught = [s for s in result.sessions if s.format == "skill-deep-dive"]
    for deep_dive in taught:  # a topic is taught before it is practised
        labs = [s for s in result.sessions if s.format == "hands-on-lab" and s.topics == deep_dive.topics]
        assert all(lab.number > deep_dive.number for lab in labs)
    if sessions >= 6:
        assert {"phishing-and-scams", "linkedin-personal-brand", "data-literacy-spreadsheets"} <= {
            slug for s in taught for slug in s.topics
        }
    assert indexed(services, [c.id for c in result.citations])


def test_curriculum_outline_fits_every_length():
    for count in range(2, 25):
        for topics in range(1, 5):
            outline = curriculum_outline(count, topics)
            assert len(outline) == count
            assert outline[0][0] == "first-meeting"
            assert outline[-1][0] == "closing-session"


def test_answers_are_grounded_and_in_the_question_language(services: Services):
    answer = services.planner.answer("Cosa ha fatto GE nel 1999 con i giovani mentori?", "it")
    assert answer.points
    assert all(p.citations for p in answer.points)
    assert answer.citations[0].id.startswith(("case-ge-it", "program-reverse-mentoring-basics-it"))
    assert detect_language(" ".join(p.text for p in answer.points), "en") == "it"


@pytest.mark.parametrize(
    ("goals", "parts"),
    [
        ("phishing, LinkedIn and spreadsheets", 3),
        ("spot phishing emails and protect accounts", 2),
        ("riconoscere e segnalare il phishing", 1),
        ("pivot tables", 1),
    ],
)
def test_goals_written_as_a_list_are_split(goals: str, parts: int):
    assert len(split_goals(goals)) == parts


def test_a_review_session_goes_back_over_previous_topics(services: Services):
    profile = PairProfile(
        language="en",
        session_number=4,
        goals="use LinkedIn",
        session_minutes=45,
        previous_topics=["phishing-and-scams"],
    )
    plan = services.planner.plan_session(profile)
    assert plan.format == "follow-up-review"
    assert plan.topics[0].slug == "phishing-and-scams"
    nxt = services.planner.plan_session(
        profile.model_copy(update={"session_number": 2, "goals": "phishing and LinkedIn"})
    )
    assert nxt.topics[0].slug == "linkedin-personal-brand"  # new ground before repeating a topic
