"""The mentor's edits to a plan (companion/plan_edits.py): what the editor sends is applied to the plan and
validated, or refused with a locale key that says why."""

from __future__ import annotations

import pytest

from companion.domain import (
    AgendaItem,
    Citation,
    CitedText,
    Exercise,
    ReflectionQuestions,
    SessionPlan,
    TopicSuggestion,
)
from companion.i18n import strings
from companion.plan_edits import (
    AgendaRow,
    PlanEditError,
    PlanEdits,
    agenda_total,
    apply_plan_edits,
    check_plan,
    edits_of,
    insert_after,
    kind_of,
    lines,
    move,
    remove,
    whole_minutes,
    with_titles,
)
from companion.rendering import result_markdown


def plan() -> SessionPlan:
    return SessionPlan(
        language="en",
        session_minutes=60,
        session_number=2,
        format="skill-deep-dive",
        topics=[
            TopicSuggestion(slug="phishing-and-scams", title="Phishing", why="Most attacks", citations=["a"]),
            TopicSuggestion(slug="passwords-and-mfa", title="Passwords", why="Reused everywhere", citations=["b"]),
        ],
        agenda=[
            AgendaItem(title="Check-in", minutes=10, activity="How did the week go?", kind="opening"),
            AgendaItem(title="Spot the fake", minutes=20, activity="Three real emails", kind="demo", citations=["a"]),
            AgendaItem(title="Try it", minutes=25, activity="Report one", kind="hands-on", citations=["c"]),
            AgendaItem(title="Wrap-up", minutes=5, activity="One thing to keep", kind="closing"),
        ],
        reflection_questions=ReflectionQuestions(
            mentor=[CitedText(text="What surprised you?", citations=["d"])],
            manager=[CitedText(text="Which email fooled you?", citations=["a"])],
        ),
        exercises=[Exercise(title="Report a phish", steps=["Open", "Report"], level="intermediate", citations=["c"])],
        citations=[Citation(id=i, source=f"{i}.md") for i in "abcd"],
    )


def rows(*items: tuple[str, str, object]) -> list[AgendaRow]:
    return [AgendaRow(title=title, kind=kind, minutes=minutes) for title, kind, minutes in items]


def edited(**changes) -> PlanEdits:
    return edits_of(plan(), "en").model_copy(update=changes)


def refusal(edits: PlanEdits) -> PlanEditError:
    with pytest.raises(PlanEditError) as caught:
        apply_plan_edits(plan(), edits)
    assert caught.value.key in strings("en")
    assert caught.value.key in strings("it")
    return caught.value


def test_the_plan_as_the_editor_shows_it_comes_back_unchanged_in_either_language():
    assert apply_plan_edits(plan(), edits_of(plan(), "en")) == plan()
    italian = edits_of(plan(), "it")
    assert [row.kind for row in italian.agenda] == ["Apertura", "Dimostrazione", "Pratica", "Chiusura"]
    assert apply_plan_edits(plan(), italian) == plan()


def test_minutes_that_do_not_add_up_to_the_session_are_refused_with_both_numbers():
    agenda = rows(("Check-in", "opening", 10), ("Spot the fake", "demo", 30), ("Try it", "hands-on", 25))
    error = refusal(edited(agenda=[*agenda, AgendaRow(title="Wrap-up", kind="closing", minutes=5)]))
    assert error.key == "plan_edit_minutes_sum"
    assert error.params == {"total": 70, "minutes": 60}
    assert agenda_total(agenda) == 65


def test_minutes_moved_between_steps_are_applied():
    agenda = rows(("Check-in", "opening", 5), ("Spot the fake", "demo", 25), ("Try it", "hands-on", 25))
    result = apply_plan_edits(plan(), edited(agenda=[*agenda, AgendaRow(title="Wrap-up", kind="closing", minutes="5")]))
    assert [item.minutes for item in result.agenda] == [5, 25, 25, 5]
    assert result.agenda[1].activity == "Three real emails"  # what the step was about is kept
    assert "**Spot the fake** (25 min)" in result_markdown(result)


def test_a_step_without_a_title_is_refused_and_an_empty_row_is_dropped():
    agenda = edits_of(plan(), "en").agenda
    error = refusal(edited(agenda=[agenda[0], AgendaRow(title="  ", kind="demo", minutes=20), *agenda[2:]]))
    assert error.key == "plan_edit_no_title"
    assert error.params == {"n": 2}
    result = apply_plan_edits(plan(), edited(agenda=[*agenda, AgendaRow(), AgendaRow(title=" ", minutes=None)]))
    assert len(result.agenda) == 4


def test_unknown_kinds_are_refused_and_kinds_are_read_by_value_or_label_in_any_language():
    agenda = edits_of(plan(), "en").agenda
    error = refusal(edited(agenda=[agenda[0].model_copy(update={"kind": "party"}), *agenda[1:]]))
    assert error.key == "plan_edit_unknown_kind"
    assert error.params == {"n": 1, "kind": "party"}
    assert [kind_of(text) for text in ("hands-on", "Pratica", " hands-ON ", "riflessione", "")] == [
        "hands-on",
        "hands-on",
        "hands-on",
        "reflection",
        None,
    ]
    blank = apply_plan_edits(plan(), edited(agenda=[agenda[0].model_copy(update={"kind": ""}), *agenda[1:]]))
    assert blank.agenda[0].kind == "discussion"  # a step added without a kind


@pytest.mark.parametrize("minutes", ["abc", 2.5, -5, 61, None, float("nan"), True])
def test_minutes_must_be_a_whole_number_within_the_session(minutes):
    agenda = edits_of(plan(), "en").agenda
    error = refusal(edited(agenda=[*agenda[:3], agenda[3].model_copy(update={"minutes": minutes})]))
    assert error.key == "plan_edit_bad_minutes"
    assert error.params == {"n": 4, "max": 60}


def test_questions_are_trimmed_blank_ones_dropped_and_their_citations_kept():
    result = apply_plan_edits(
        plan(),
        edited(
            mentor_questions=["  What   surprised you?  ", "   ", "\tWhat will you teach next? "],
            manager_questions=["Which email fooled you, and why?"],
        ),
    )
    mentor = result.reflection_questions.mentor
    assert [q.text for q in mentor] == ["What surprised you?", "What will you teach next?"]
    assert [q.citations for q in mentor] == [["d"], []]  # the new question cites nothing
    manager = result.reflection_questions.manager
    assert manager == [CitedText(text="Which email fooled you, and why?", citations=["a"])]  # reworded in place


def test_steps_keep_what_they_were_about_when_moved_renamed_or_removed():
    result = apply_plan_edits(
        plan(),
        edited(
            agenda=rows(
                ("Try it", "hands-on", 25),  # moved first: found by its title
                ("Spot the fake emails", "demo", 20),  # renamed in place
                ("Questions", "discussion", 15),  # new, where the closing step was
            )
        ),
    )
    assert [item.activity for item in result.agenda] == ["Report one", "Three real emails", ""]
    assert [item.citations for item in result.agenda] == [["c"], ["a"], []]
    assert [item.kind for item in result.agenda] == ["hands-on", "demo", "discussion"]


def test_topics_are_titles_and_sources_follow_what_is_still_cited():
    slug_of = with_titles({"Strong passwords and MFA": "passwords-and-mfa", "AI at work": "ai-assistants-at-work"})
    result = apply_plan_edits(plan(), edited(topics=["Phishing emails", "ai AT work", "Budget planning"]), slug_of)
    assert [(topic.slug, topic.title) for topic in result.topics] == [
        ("phishing-and-scams", "Phishing emails"),  # renamed: keeps its slug, reason and sources
        ("ai-assistants-at-work", "ai AT work"),  # a title the catalogue knows
        ("budget-planning", "Budget planning"),
    ]
    assert result.topics[0].why == "Most attacks"
    assert [c.id for c in result.citations] == ["a", "c", "d"]  # "b" was the removed topic's only source
    without_exercise = apply_plan_edits(plan(), edited(exercises=[]))
    assert [c.id for c in without_exercise.citations] == ["a", "b", "c", "d"]  # "c" is still the agenda's


def test_exercises_are_an_editable_list_of_titles():
    result = apply_plan_edits(plan(), edited(exercises=["Report a phish today", "  Change one password "]))
    first, second = result.exercises
    assert (first.title, first.steps, first.level) == ("Report a phish today", ["Open", "Report"], "intermediate")
    assert (second.title, second.steps, second.level, second.citations) == (
        "Change one password",
        [],
        "intermediate",
        [],
    )


def test_lists_and_lines_have_limits():
    assert refusal(edited(topics=["x" * 501])).key == "plan_edit_too_long"
    assert refusal(edited(exercises=[f"Exercise {n}" for n in range(41)])).key == "plan_edit_too_many"
    assert refusal(edited(agenda=[])).key == "plan_edit_no_steps"
    assert refusal(edited(agenda=[AgendaRow(title=f"S{n}", kind="demo", minutes=1) for n in range(41)])).key == (
        "plan_edit_too_many_steps"
    )


def test_a_saved_plan_must_fill_the_session():
    check_plan(plan())
    short = plan().model_copy(update={"agenda": plan().agenda[:3]})
    with pytest.raises(PlanEditError) as caught:
        check_plan(short)
    assert caught.value.params == {"total": 55, "minutes": 60}


def test_rows_move_within_the_table():
    assert move(["a", "b", "c"], 2, -1) == (["a", "c", "b"], 1)
    assert move(["a", "b", "c"], 0, -1) == (["a", "b", "c"], 0)  # the first row stays first
    assert move(["a", "b", "c"], 1, 5) == (["a", "c", "b"], 2)
    assert move(["a"], 3, 1) == (["a"], 3)  # nothing chosen: nothing moves
    assert remove(["a", "b", "c"], 2) == (["a", "b"], 1)
    assert insert_after(["a", "b"], 0, "new") == (["a", "new", "b"], 1)
    assert insert_after(["a", "b"], -1, "new") == (["a", "b", "new"], 2)


def test_what_is_typed_is_read_as_people_mean_it():
    assert lines("  one \n\n two\r\n  ") == ["one", "two"]
    assert [whole_minutes(v) for v in (5, 5.0, " 7 ", "7.5", "", None, float("inf"))] == [
        5,
        5,
        7,
        None,
        None,
        None,
        None,
    ]
