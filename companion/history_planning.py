"""Plan the next session from the pair's stored history (issue 11): new ground first, a review goes back over
what was taught, the approved curriculum's entry for the session is followed (or the plan says why not), and
the last check-ins shape the session (a manager who found the pace too fast gets one topic and more hands-on).

The result is the normal `SessionPlan` plus `based_on`: the facts it was built on, each naming where it came
from (a held session, the curriculum version, a check-in), so the mentor can see why."""

from __future__ import annotations

import logging
import re
from typing import Any, get_args

from pydantic import BaseModel, Field

from companion.domain import CurriculumSession, PairProfile, Person, SelfLevel, SessionPlan
from companion.generation.backend import final_as
from companion.generation.material import TopicMaterial
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


class BasedOn(BaseModel):
    """What the plan was built from; `facts` says it in short sentences, each citing its source in brackets."""

    session_number: int
    previous_topics: list[str]
    curriculum_version: int | None
    exercises_done: int
    exercises_total: int
    last_check_in: dict[str, Any] | None
    facts: list[str] = Field(default_factory=list)


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


def plan_next_session(planner: Planner, profile: PairProfile, history: PairHistory) -> HistoryPlan:
    """The next session's plan from the pair's history; raises PlanningError like `Planner.plan_session`."""
    lang = profile.language
    number = history.next_session_number
    profile = profile.model_copy(update={"session_number": number, "previous_topics": history.previous_topics})
    facts = [
        f"Session {s.number} ({s.held_on or 'date not recorded'}) covered {', '.join(s.topics) or 'no topic'} "
        f"[session {s.number}]"
        for s in history.held
    ] or ["No session has been held yet [history]"]

    format_slug = choose_format(number, profile.total_sessions)
    slugs: list[str] = []
    entry = CurriculumSession.model_validate(history.curriculum_entry) if history.curriculum_entry else None
    if entry is not None:
        usable = [slug for slug in entry.topics if planner.topic_material(slug, lang)]
        if planner.searcher.card(f"format-{entry.format}-{lang}"):
            format_slug = entry.format
            slugs = usable
            facts.append(
                f"Follows the approved curriculum: session {number} is “{entry.title}” "
                f"[curriculum v{history.curriculum_version}, session {number}]"
            )
        else:
            facts.append(
                f"The approved curriculum's session {number} names a format the library does not have "
                f"({entry.format}): planned from the goals instead [curriculum v{history.curriculum_version}]"
            )
    elif history.curriculum_version is not None:
        facts.append(
            f"The approved curriculum has no session {number}: planned from the goals "
            f"[curriculum v{history.curriculum_version}]"
        )
    else:
        facts.append("No approved curriculum yet: planned from the goals [curriculum]")

    wanted = topics_wanted(profile.session_minutes)
    check_in = last_check_in(history)
    slow_down = pace_too_fast(check_in)
    if slow_down:
        wanted = 1
        if format_slug == "skill-deep-dive":
            format_slug = HANDS_ON
        assert check_in is not None
        facts.append(
            f"The {check_in.side}'s check-in rated the last session {check_in.usefulness}/5"
            + (f" and asked: “{check_in.change}”" if check_in.change else "")
            + f": one topic and more hands-on practice [check-in, session {check_in.session_id}]"
        )
    elif check_in is not None:
        facts.append(f"The {check_in.side}'s last check-in rated the session {check_in.usefulness}/5 [check-in]")

    if not slugs:
        if format_slug == "follow-up-review" and history.previous_topics:
            slugs = history.previous_topics[-wanted:]
            facts.append(f"A review session: back over {', '.join(slugs)} [sessions held]")
        else:
            previous = tuple(history.previous_topics)
            if not profile.goals.strip():
                raise PlanningError("ask_goals")
            slugs = planner.rank_topics(profile.goals, lang, wanted, exclude=previous)
            if slugs:
                if previous:
                    facts.append(f"New ground first: skips {', '.join(previous)}, already covered [sessions held]")
            else:
                slugs = planner.rank_topics(profile.goals, lang, wanted)
                facts.append("Every topic the goals name was covered: one comes back for more practice [goals]")
    topics = [m for m in (planner.topic_material(slug, lang) for slug in slugs[: max(wanted, 1)]) if m]
    if not topics:
        raise PlanningError("no_topic_found")
    if history.exercises_total:
        facts.append(f"{history.exercises_done} of {history.exercises_total} follow-up exercises done [exercises]")

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
        facts=facts,
    )
    log.info("planned session %s of pair %s from its history (%s)", number, history.pair_id, format_slug)
    return HistoryPlan(**plan.model_dump(), based_on=based_on)


def _compose(planner: Planner, profile: PairProfile, format_slug: str, topics: list[TopicMaterial]) -> SessionPlan:
    """The planner's own plan, with the format and topics the history chose pinned."""
    events = planner.plan_session_events(
        profile, stream=False, topics=[topic.slug for topic in topics], format_slug=format_slug
    )
    return final_as(events, SessionPlan)
