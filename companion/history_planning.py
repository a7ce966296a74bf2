"""Plan the next session from the pair's stored history (issue 11): new ground first, a review goes back over
what was taught, the approved curriculum's entry for the session is followed (or the plan says why not), and
the last check-ins shape the session (a manager who found the pace too fast gets one topic and more hands-on).

The result is the normal `SessionPlan` plus `based_on`: the facts it was built on, each naming where it came
from (a held session, the curriculum version, a check-in), so the mentor can see why."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from typing import Any, get_args

from pydantic import BaseModel, Field

from companion.domain import CurriculumSession, Language, PairProfile, Person, SelfLevel, SessionPlan
from companion.generation.backend import final_as
from companion.generation.material import TopicMaterial
from companion.i18n import format_date, t
from companion.planner import Planner, PlanningError, choose_format, topics_wanted
from companion.store.views import CheckInView, PairHistory, PairView

log = logging.getLogger(__name__)

# What a check-in says when the session went too fast for its author (English and Italian).
TOO_FAST = re.compile(
    r"too (?:fast|quick|much)|slow(?:er)? down|more time|fewer|"
    r"troppo (?:veloce|rapid|in fretta)|troppe cose|più (?:lento|lentamente|tempo)|rallent|meno cose",
    re.IGNORECASE,
)
LOW_RATING = 2  # a usefulness of 2 or less counts as "this did not work": slow down, more practice
HANDS_ON = "hands-on-lab"


class Fact(BaseModel):
    """One reason the plan gives, by locale key (`based_on_<key>`): `values` fill its placeholders as they
    are, `labels` with another locale string (by key), `topics` with topic names (lists of slugs)."""

    key: str
    values: dict[str, str | int] = Field(default_factory=dict)
    labels: dict[str, str] = Field(default_factory=dict)
    topics: dict[str, list[str]] = Field(default_factory=dict)


class BasedOn(BaseModel):
    """What the plan was built from; `facts` says it in short English sentences (the CLI's), each citing its
    source in brackets; `notes` are the same facts to write in any language (`based_on_markdown`)."""

    session_number: int
    previous_topics: list[str]
    curriculum_version: int | None
    exercises_done: int
    exercises_total: int
    last_check_in: dict[str, Any] | None
    facts: list[str] = Field(default_factory=list)
    notes: list[Fact] = Field(default_factory=list)


class HistoryPlan(SessionPlan):
    """The JSON of `companion plan --pair ID --json`: the plan of `companion plan --profile`, plus `based_on`."""

    based_on: BasedOn


def profile_for(pair: PairView, history: PairHistory) -> PairProfile:
    """The planner's profile of the pair at its next session."""
    levels = set(get_args(SelfLevel))
    assessment = history.assessment_after or history.assessment_before
    return PairProfile(
        language=pair.language,
        session_minutes=pair.session_minutes,
        session_number=min(history.next_session_number, 52),
        total_sessions=pair.total_sessions,
        mentor=Person(name=pair.mentor.display_name, role="mentor"),
        manager=Person(name=pair.manager.display_name, role="manager"),
        goals=pair.goals,
        previous_topics=history.previous_topics,
        self_assessment={code: level for code, level in assessment.items() if level in levels},
    )


def pace_too_fast(check_in: CheckInView | None) -> bool:
    return check_in is not None and (check_in.usefulness <= LOW_RATING or bool(TOO_FAST.search(check_in.change)))


def last_check_in(history: PairHistory) -> CheckInView | None:
    """The manager's latest check-in the asker may see, else the mentor's."""
    by_side = {c.side: c for c in history.last_check_ins}
    return by_side.get("manager") or by_side.get("mentor")


def plan_next_session(
    planner: Planner, profile: PairProfile, history: PairHistory, asked_goal: str = ""
) -> HistoryPlan:
    """The next session's plan from the pair's history; raises PlanningError like `Planner.plan_session`.
    `asked_goal` is what the mentor asked for in the chat, when it differs from the pair's goals: its topics
    replace those of the curriculum's entry (the format stays), even a topic already covered (the plan says so);
    the pair's own goals give new ground first."""
    lang = profile.language
    number = history.next_session_number
    asked_goal = asked_goal.strip()
    profile = profile.model_copy(
        update={
            "session_number": number,
            "previous_topics": history.previous_topics,
            **({"goals": asked_goal} if asked_goal else {}),
        }
    )
    notes = [
        Fact(key="held", values={"number": s.number, "date": s.held_on.isoformat()}, topics={"topics": s.topics})
        if s.held_on
        else Fact(key="held_undated", values={"number": s.number}, topics={"topics": s.topics})
        for s in history.held
    ] or [Fact(key="nothing_held")]

    format_slug = choose_format(number, profile.total_sessions)
    slugs: list[str] = []
    entry = CurriculumSession.model_validate(history.curriculum_entry) if history.curriculum_entry else None
    version = history.curriculum_version
    if entry is not None:
        usable = [slug for slug in entry.topics if planner.topic_material(slug, lang)]
        if planner.searcher.card(f"format-{entry.format}-{lang}"):
            format_slug = entry.format
            slugs = [] if asked_goal else usable
            notes.append(
                Fact(key="curriculum", values={"number": number, "title": entry.title, "version": version or 0})
            )
        else:
            notes.append(
                Fact(
                    key="curriculum_unknown_format",
                    values={"number": number, "format": entry.format, "version": version or 0},
                )
            )
    elif version is not None:
        notes.append(Fact(key="curriculum_beyond", values={"number": number, "version": version}))
    else:
        notes.append(Fact(key="no_curriculum"))
    if asked_goal:
        notes.append(Fact(key="asked", values={"goal": asked_goal}))

    wanted = topics_wanted(profile.session_minutes)
    check_in = last_check_in(history)
    slow_down = pace_too_fast(check_in)
    if slow_down:
        wanted = 1
        if format_slug == "skill-deep-dive":
            format_slug = HANDS_ON
        assert check_in is not None
        notes.append(
            Fact(
                key="slow_down_asked" if check_in.change else "slow_down",
                values={"usefulness": check_in.usefulness, "change": check_in.change},
                labels={"side": f"based_on_side_{check_in.side}"},
            )
        )
    elif check_in is not None:
        notes.append(
            Fact(
                key="check_in",
                values={"usefulness": check_in.usefulness},
                labels={"side": f"based_on_side_{check_in.side}"},
            )
        )

    if not slugs:
        if format_slug == "follow-up-review" and history.previous_topics and not asked_goal:
            slugs = history.previous_topics[-wanted:]
            notes.append(Fact(key="review", topics={"topics": slugs}))
        elif asked_goal:
            # What the mentor asks for now is planned even if it was covered: skipping it gave a topic the request
            # hardly touches ("run better hybrid meetings" after a session on video meetings: sustainable practices).
            slugs = planner.rank_topics(asked_goal, lang, wanted)
            again = [slug for slug in slugs if slug in history.previous_topics]
            if again:
                notes.append(Fact(key="asked_again", topics={"topics": again}))
        else:
            previous = tuple(history.previous_topics)
            if not profile.goals.strip():
                raise PlanningError("ask_goals")
            slugs = planner.rank_topics(profile.goals, lang, wanted, exclude=previous)
            if slugs:
                if previous:
                    notes.append(Fact(key="new_ground", topics={"topics": list(previous)}))
            else:
                slugs = planner.rank_topics(profile.goals, lang, wanted)
                notes.append(Fact(key="all_covered"))
    topics = [m for m in (planner.topic_material(slug, lang) for slug in slugs[: max(wanted, 1)]) if m]
    if not topics:
        raise PlanningError("no_topic_found")
    if history.exercises_total:
        notes.append(Fact(key="exercises", values={"done": history.exercises_done, "total": history.exercises_total}))

    plan = _compose(planner, profile, format_slug, topics)
    based_on = BasedOn(
        session_number=number,
        previous_topics=history.previous_topics,
        curriculum_version=history.curriculum_version,
        exercises_done=history.exercises_done,
        exercises_total=history.exercises_total,
        last_check_in=(
            {
                "session_id": check_in.session_id,
                "side": check_in.side,
                "usefulness": check_in.usefulness,
                "learned": check_in.learned,
                "change": check_in.change,
            }
            if check_in
            else None
        ),
        facts=[fact_text(note, "en") for note in notes],
        notes=notes,
    )
    log.info("planned session %s of pair %s from its history (%s)", number, history.pair_id, format_slug)
    return HistoryPlan(**plan.model_dump(), based_on=based_on)


def fact_text(
    fact: Fact, lang: Language, title: Callable[[str, Language], str] | None = None, written_dates: bool = False
) -> str:
    """One reason in the language; topics by `title` (their slugs without it: the CLI's English); dates as people
    write them with `written_dates` (ISO without: the CLI's JSON)."""
    name = title or (lambda slug, _lang: slug)
    values: dict[str, object] = dict(fact.values)
    if written_dates and isinstance(values.get("date"), str):
        values["date"] = format_date(date.fromisoformat(str(values["date"])), lang)
    values.update({key: t(lang, label) for key, label in fact.labels.items()})
    values.update(
        {
            key: ", ".join(name(slug, lang) for slug in slugs) or t(lang, "based_on_no_topic")
            for key, slugs in fact.topics.items()
        }
    )
    return t(lang, f"based_on_{fact.key}", **values)


def based_on_markdown(based_on: BasedOn, lang: Language, title: Callable[[str, Language], str] | None = None) -> str:
    """The "based on" section under a plan: what the history said, each fact naming where it came from."""
    notes = based_on.notes
    lines = [fact_text(note, lang, title, written_dates=True) for note in notes] if notes else based_on.facts
    return "\n".join([f"#### {t(lang, 'based_on')}", *(f"- {line}" for line in lines)]) + "\n"


def _compose(planner: Planner, profile: PairProfile, format_slug: str, topics: list[TopicMaterial]) -> SessionPlan:
    """The planner's own plan, with the format and topics the history chose pinned."""
    events = planner.plan_session_events(
        profile, stream=False, topics=[topic.slug for topic in topics], format_slug=format_slug
    )
    return final_as(events, SessionPlan)
