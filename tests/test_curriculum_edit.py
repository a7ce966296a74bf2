"""Editing a curriculum HR sent back, and the changes between two versions: pure functions, no store."""

from __future__ import annotations

import pytest

from companion.curriculum_edit import (
    CurriculumEdit,
    apply_edit,
    change_lines,
    changes,
    changes_summary,
    move_session,
    problems,
    replace_topic,
    resize,
)
from companion.domain import MAX_PROGRAMME_SESSIONS, MIN_PROGRAMME_SESSIONS, Citation, Curriculum, CurriculumSession

NAMES = {
    "en": {"phishing-and-scams": "Phishing", "video-meetings-and-hybrid-work": "Video meetings", "excel": "Excel"},
    "it": {"phishing-and-scams": "Phishing", "video-meetings-and-hybrid-work": "Videoriunioni", "excel": "Excel"},
}


def name(slug: str, lang: str) -> str:
    return NAMES[lang].get(slug, slug)


def session(number: int, fmt: str, topics: list[str], cite: str = "") -> CurriculumSession:
    return CurriculumSession(
        number=number,
        format=fmt,
        title=f"{fmt} {topics}",
        topics=topics,
        rationale="why",
        citations=[cite] if cite else [],
    )


def curriculum(lang: str = "en") -> Curriculum:
    both = ["phishing-and-scams", "excel"]
    return Curriculum(
        language=lang,
        goals="phishing, excel",
        rationale="r",
        sessions=[
            session(1, "first-meeting", both, "a#1"),
            session(2, "skill-deep-dive", ["phishing-and-scams"], "b#1"),
            session(3, "hands-on-lab", ["phishing-and-scams"]),
            session(4, "skill-deep-dive", ["excel"], "c#1"),
            session(5, "hands-on-lab", ["excel"]),
            session(6, "closing-session", both),
        ],
        citations=[Citation(id=i, source=f"{i}.md") for i in ("a#1", "b#1", "c#1")],
    )


def test_moving_a_session_swaps_it_with_its_neighbour_and_renumbers():
    moved = move_session(curriculum(), 4, -1)
    assert [(s.number, s.format, s.topics) for s in moved.sessions[2:4]] == [
        (3, "skill-deep-dive", ["excel"]),
        (4, "hands-on-lab", ["phishing-and-scams"]),
    ]
    assert move_session(curriculum(), 1, -1) == curriculum()  # nothing before the first
    assert move_session(curriculum(), 6, 1) == curriculum()


def test_a_replaced_topic_gets_its_title_in_the_curriculums_language_and_drops_the_old_sources():
    edited = replace_topic(curriculum("it"), 2, "video-meetings-and-hybrid-work", name)
    second = edited.sessions[1]
    assert second.topics == ["video-meetings-and-hybrid-work"]
    assert second.title == "Approfondimento di una competenza: Videoriunioni"
    assert "Videoriunioni" in second.rationale
    assert second.citations == []
    assert [c.id for c in edited.citations] == ["a#1", "c#1"]  # b#1 was only cited by the replaced session
    with pytest.raises(ValueError, match="no session 7"):
        replace_topic(curriculum(), 7, "excel", name)


def test_fewer_sessions_drop_those_before_the_closing_one():
    shorter = resize(curriculum(), 4, name)
    assert [s.format for s in shorter.sessions] == [
        "first-meeting",
        "skill-deep-dive",
        "hands-on-lab",
        "closing-session",
    ]
    assert [s.number for s in shorter.sessions] == [1, 2, 3, 4]


def test_more_sessions_add_labs_on_the_topics_in_turn_before_the_closing_one():
    longer = resize(curriculum(), 8, name)
    assert [(s.format, s.topics) for s in longer.sessions[5:]] == [
        ("hands-on-lab", ["phishing-and-scams"]),
        ("hands-on-lab", ["excel"]),
        ("closing-session", ["phishing-and-scams", "excel"]),
    ]
    assert longer.sessions[5].title == "Hands-on lab: Phishing"


def test_the_number_of_sessions_stays_within_the_programmes_limits():
    assert len(resize(curriculum(), 1, name).sessions) == MIN_PROGRAMME_SESSIONS
    assert len(resize(curriculum(), 99, name).sessions) == MAX_PROGRAMME_SESSIONS


def test_edits_by_name():
    c = curriculum()
    assert apply_edit(c, CurriculumEdit(action="move", number=2, step=1), name) == move_session(c, 2, 1)
    assert apply_edit(c, CurriculumEdit(action="topic", number=3, topic="excel"), name).sessions[2].topics == ["excel"]
    assert len(apply_edit(c, CurriculumEdit(action="sessions", sessions=3), name).sessions) == 3


def test_changes_name_each_session_that_differs_and_the_count():
    before = resize(curriculum(), 8, name)
    after = resize(replace_topic(before, 3, "video-meetings-and-hybrid-work", name), 6, name)
    found = changes(before, after)
    assert [c.number for c in found.sessions] == [3, 6]
    assert (found.count_before, found.count_after) == (8, 6)
    assert change_lines(found, "en", name) == [
        "session 3: Phishing → Video meetings",
        "session 6: Phishing → Closing session",
        "8 → 6 sessions",
    ]
    assert changes_summary(found, "it", name) == (
        "sessione 3: Phishing → Videoriunioni; sessione 6: Phishing → Sessione di chiusura; 8 → 6 sessioni"
    )


def test_a_swapped_deep_dive_and_lab_on_one_topic_name_the_formats():
    found = changes(curriculum(), move_session(curriculum(), 3, -1))
    assert change_lines(found, "en", name) == [
        "session 2: Skill deep-dive: Phishing → Hands-on lab: Phishing",
        "session 3: Hands-on lab: Phishing → Skill deep-dive: Phishing",
    ]


def test_no_changes_say_so_and_nothing_to_compare_says_nothing():
    found = changes(curriculum(), curriculum())
    assert found.empty
    assert changes_summary(found, "en", name) == "no changes"
    assert changes_summary(None, "en", name) == ""


def test_problems_refuse_unknown_topics_and_formats():
    known = {"phishing-and-scams", "excel"}
    formats = {"first-meeting", "skill-deep-dive", "hands-on-lab", "closing-session"}
    assert problems(curriculum(), known, formats) == []
    bad = replace_topic(curriculum(), 2, "made-up", name)
    assert problems(bad, known, formats) == ["unknown topic 'made-up'"]
    assert problems(curriculum(), known, formats - {"hands-on-lab"}) == [
        "unknown format 'hands-on-lab'",
        "unknown format 'hands-on-lab'",
    ]
