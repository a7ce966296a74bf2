"""Edit the plan just made: shorter or longer, more hands-on or more discussion, swap / add / drop a topic,
another level or format. Whatever the request does not name stays as it was (topics, format, length, level).

Length, topics, level and format changes re-plan with the rest pinned (so every item stays grounded and
cited); the balance between doing and talking is moved inside the agenda itself, minutes still adding up.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from companion.chat.reading import Revision
from companion.domain import (
    MAX_SESSION_MINUTES,
    MIN_SESSION_MINUTES,
    AgendaKind,
    Language,
    Level,
    PairProfile,
    SessionPlan,
)
from companion.generation.backend import Done, Event
from companion.generation.composer import flatten_activity
from companion.planner import Planner, PlanningError, choose_format
from companion.textnorm import fold

logger = logging.getLogger(__name__)

MIN_MINUTES, MAX_MINUTES = MIN_SESSION_MINUTES, MAX_SESSION_MINUTES
MIDDLE_FORMATS = ("skill-deep-dive", "hands-on-lab", "follow-up-review", "managers-turn")
LEVEL_STEPS: tuple[Level, ...] = ("foundation", "intermediate", "advanced")
SHIFT = 3  # a rebalance moves a third of each donor item's minutes


def shorter(minutes: int) -> int:
    return max(MIN_MINUTES, minutes - (15 if minutes <= 60 else 30))


def longer(minutes: int) -> int:
    return min(MAX_MINUTES, minutes + (15 if minutes < 60 else 30))


def plan_level(plan: SessionPlan, fallback: Level) -> Level:
    return plan.exercises[0].level if plan.exercises else fallback


@dataclass
class Edit:
    """A plan request with what a revision pinned."""

    profile: PairProfile
    topics: list[str]
    format_slug: str
    notes: list[str] = field(default_factory=list)


def rebalance(plan: SessionPlan, receivers: set[AgendaKind], donors: set[AgendaKind]) -> SessionPlan | None:
    """Move minutes from donor items to receiver items; None when the agenda has no such items."""
    new = plan.model_copy(deep=True)
    taking = [item for item in new.agenda if item.kind in donors and item.minutes >= 6]
    giving = [item for item in new.agenda if item.kind in receivers]
    if not taking or not giving:
        return None
    moved = 0
    for item in taking:
        take = max(1, item.minutes // SHIFT)
        item.minutes -= take
        moved += take
    share, extra = divmod(moved, len(giving))
    for index, item in enumerate(giving):
        item.minutes += share + (1 if index < extra else 0)
    for item in new.agenda:
        item.activity = flatten_activity(item.activity, item.minutes)
    assert sum(item.minutes for item in new.agenda) == plan.session_minutes
    return new


def kind_minutes(plan: SessionPlan, kinds: set[AgendaKind]) -> int:
    return sum(item.minutes for item in plan.agenda if item.kind in kinds)


# Where the use of, or the reason for, a named topic starts
_PURPOSE = re.compile(
    r"(?:\s*[,;:]\s*|\s+(?:for|per|to|so|so\s+that|cosi|in\s+order\s+to|because|since|perche|visto\s+che|which|that|"
    r"che|da\s+usare|to\s+use)\s+).*$"
)


class Reviser:
    def __init__(self, planner: Planner):
        self.planner = planner

    def resolve_topic(self, words: str, lang: Language, exclude: tuple[str, ...] = ()) -> str | None:
        """The topic slug the user's words name ("pivot tables" -> data-literacy-spreadsheets)."""
        if not words.strip():
            return None
        ranked = self.planner.rank_topics(self.named_part(words), lang, 1, exclude=exclude)
        return ranked[0] if ranked else None

    def named_part(self, words: str) -> str:
        """The thing named, without what it is for or why ("chatgpt for researching market trends", "linkedin,
        he's hiring and wants to search for candidates", "copilot per scrivere le mail"): when the first few words
        name a topic by its keywords, the use after them must not pull the topic elsewhere (to search, to email)."""
        folded = fold(words).strip()
        # "privacy personal data (confidential stuff, company policy)": words in brackets that hold a topic's own
        # phrase name the topic; the words around them only paraphrase it
        if (inside := re.search(r"\(([^()]+)\)", folded)) and max(
            self.planner.keywords.scores(inside.group(1)).values(), default=0
        ) >= 1.5:
            return inside.group(1)
        head = _PURPOSE.sub("", folded).strip()
        if (
            head
            and head != folded
            and len(head.split()) <= 3
            and max(self.planner.keywords.scores(head).values(), default=0) >= 1
        ):
            return head
        return words

    def replacement(self, plan: SessionPlan, revision: Revision, goals: str) -> str:
        """The topic that takes the place of a one-topic plan's only topic when it is dropped: the next topic
        the conversation's goals point to, without the words of what was dropped ("drop the Teams part" on
        "OneDrive, SharePoint and Teams files" leaves OneDrive and SharePoint); without such a topic, the
        user is asked which topic to put in its place."""
        lang = plan.language
        current = plan.topics[0].slug
        dropped = fold(revision.old_topic or "")
        rest = goals
        for word in dropped.split():
            if len(word) >= 3:
                rest = re.sub(rf"\b{re.escape(word)}\w*", " ", fold(rest))
        exclude: tuple[str, ...] = (current,)
        if dropped and (named := self.resolve_topic(dropped, lang)):
            exclude += (named,)
        for text in (rest, goals):
            if text.strip() and (slug := self.resolve_topic(text, lang, exclude=exclude)):
                return slug
        raise PlanningError("cannot_drop_last_topic")

    def events_all(
        self, plan: SessionPlan, revisions: list[Revision], profile: PairProfile, stream: bool = True
    ) -> Iterator[Event]:
        """Several changes asked in one message, one after the other; only the last one streams."""
        for revision in revisions[:-1]:
            for event in self.events(plan, revision, profile, stream=False):
                if isinstance(event, Done) and isinstance(event.result, SessionPlan):
                    plan = event.result
                    profile = profile.model_copy(update={"session_minutes": plan.session_minutes})
        yield from self.events(plan, revisions[-1], profile, stream=stream)

    def _position_of(self, plan: SessionPlan, revision: Revision, lang: Language) -> int:
        """0-based index of the topic a swap or drop is about: by position, by its name, else the last one."""
        count = len(plan.topics)
        if revision.position:
            return min(revision.position, count) - 1
        if revision.old_topic:
            words = set(fold(revision.old_topic).split())
            scores = self.planner.keywords.scores(revision.old_topic)
            for index, topic in enumerate(plan.topics):
                if topic.slug in scores or words & set(fold(topic.title).split()) - {"and", "e", "the", "di"}:
                    return index
            slug = self.resolve_topic(revision.old_topic, lang)
            for index, topic in enumerate(plan.topics):
                if topic.slug == slug:
                    return index
        return count - 1

    def _not_in_plan(self, plan: SessionPlan, revision: Revision, goals: str) -> bool:
        """The topic named to drop is none of the plan's: its words name other topics, match no topic's title
        and are not part of the goals the plan was made for ("drop the Teams part" of "OneDrive and Teams files")."""
        if revision.position or not revision.old_topic:
            return False
        named = set(self.planner.keywords.scores(revision.old_topic))
        if not named or named & {topic.slug for topic in plan.topics}:
            return False
        words = {word for word in fold(revision.old_topic).split() if len(word) >= 4}
        titles = {word for topic in plan.topics for word in fold(topic.title).split()}
        stems = {word[:5] for word in fold(goals).split()}
        return not (words & titles) and not any(word[:5] in stems for word in words)

    def events(
        self, plan: SessionPlan, revision: Revision, profile: PairProfile, stream: bool = True
    ) -> Iterator[Event]:
        """The revised plan. `profile` carries the conversation's goals, level and pair details."""
        lang = plan.language
        action = revision.action
        if action == "date":
            yield Done(plan)
            return
        if action in ("more_hands_on", "more_discussion"):
            hands_on = action == "more_hands_on"
            base = plan
            if revision.minutes and revision.minutes != plan.session_minutes:
                base = self._replan(plan, profile.model_copy(update={"session_minutes": revision.minutes}))
            receivers: set[AgendaKind] = {"hands-on"} if hands_on else {"discussion", "reflection"}
            donors: set[AgendaKind] = {"demo", "discussion"} if hands_on else {"demo", "hands-on"}
            moved = rebalance(base, receivers, donors)
            if moved is None and any(item.kind in receivers for item in base.agenda):
                # Already all talk (or all doing): the opening and closing give some of their time instead.
                spare: set[AgendaKind] = {item.kind for item in base.agenda} - receivers - {"opening"}
                moved = rebalance(base, receivers, spare)
            if moved is not None:
                yield Done(moved)
                return
            # No such step in this format: the format that has it, same topics and length.
            fmt = "hands-on-lab" if hands_on else ("skill-deep-dive" if base.format != "skill-deep-dive" else "")
            if not fmt:
                yield Done(base)
                return
            # at the length asked with the rebalance ("20 minutes, and more hands-on"), not the old one
            length = profile.model_copy(update={"session_minutes": base.session_minutes})
            yield from self._replan_events(base, length, fmt=fmt, stream=stream)
            return
        topics = [topic.slug for topic in plan.topics]
        minutes = plan.session_minutes
        level = profile.level or plan_level(plan, "foundation")
        fmt = plan.format
        if action == "shorter" and revision.change:  # "take half an hour off": that much less
            minutes -= revision.change
        elif action == "longer" and revision.change:  # "add 15 minutes": that much more
            minutes += revision.change
        elif action == "shorter":
            minutes = revision.minutes if revision.minutes and revision.minutes < minutes else shorter(minutes)
        elif action == "longer":
            minutes = revision.minutes if revision.minutes and revision.minutes > minutes else longer(minutes)
        elif action == "minutes" and revision.minutes:
            minutes = revision.minutes
        elif action == "swap_topic":
            if revision.position and revision.position > len(topics) and revision.position != 6:
                # "swap the second topic" when there is one: the first stays, the new one joins it
                index = len(topics)
                topics.append("")
            else:
                index = self._position_of(plan, revision, lang)
            others = tuple(slug for i, slug in enumerate(topics) if i != index and slug)
            slug = self.resolve_topic(revision.topic or "", lang, exclude=others)
            if slug is None:
                raise PlanningError("no_topic_found")
            topics[index] = slug
        elif action == "add_topic":
            # "add excel too" on a plan about spreadsheets: a keyword of a topic the plan has, and of no other, is
            # there already; anything said around it ("+ captions so deaf colleagues can follow", "+ diritti sulle
            # immagini") may mean another topic, which goes in
            part = fold(self.named_part(revision.topic or "")).strip()
            named = set(self.planner.keywords.scores(part))
            if named and named <= set(topics) and part in self.planner.keywords.known_words:
                yield Done(plan)
                return
            slug = self.resolve_topic(revision.topic or "", lang, exclude=tuple(topics))
            if slug is None:
                raise PlanningError("no_topic_found")
            topics.append(slug)
        elif action == "drop_topic":
            kept = self.resolve_topic(revision.topic, lang) if revision.topic else None
            if kept and kept not in topics:  # "niente linkedin, meglio le password": the wanted one takes its place
                topics[self._position_of(plan, revision, lang)] = kept
            elif not kept and self._not_in_plan(plan, revision, profile.goals):
                yield Done(plan)  # "drop the password bit" on a plan without passwords: nothing else goes instead
                return
            elif len(topics) <= 1:
                topics = [self.replacement(plan, revision, profile.goals)]
            else:
                topics.pop(self._position_of(plan, revision, lang))
        elif action == "level":
            if revision.level:
                level = revision.level
            elif revision.direction:
                step = LEVEL_STEPS.index(level) + (1 if revision.direction == "up" else -1)
                level = LEVEL_STEPS[max(0, min(step, len(LEVEL_STEPS) - 1))]
        elif action == "format":
            if revision.format:
                fmt = revision.format
            else:
                natural = choose_format(plan.session_number, profile.total_sessions)
                choices = [f for f in MIDDLE_FORMATS if f != plan.format]
                fmt = natural if natural != plan.format and natural in MIDDLE_FORMATS else choices[0]
        profile = profile.model_copy(
            update={"session_minutes": max(MIN_MINUTES, min(minutes, MAX_MINUTES)), "level": level}
        )
        yield from self._replan_events(plan, profile, topics=topics, fmt=fmt, stream=stream)

    def _replan_events(
        self,
        plan: SessionPlan,
        profile: PairProfile,
        topics: list[str] | None = None,
        fmt: str | None = None,
        stream: bool = True,
    ) -> Iterator[Event]:
        profile = profile.model_copy(update={"session_number": plan.session_number})
        yield from self.planner.plan_session_events(
            profile, stream=stream, topics=topics or [t.slug for t in plan.topics], format_slug=fmt or plan.format
        )

    def _replan(self, plan: SessionPlan, profile: PairProfile) -> SessionPlan:
        result = None
        for event in self._replan_events(plan, profile, stream=False):
            if isinstance(event, Done):
                result = event.result
        assert isinstance(result, SessionPlan)
        return result
