"""Chat understanding, measured end to end on labelled conversations (`companion eval-chat`).

A dataset is JSON lines, one conversation each:
`{"id", "lang", "today"?: "YYYY-MM-DD", "pair"?: {...}, "turns": [{"user": "...", "intent"?, "topics"?: [slug],
"minutes"?, "date"?: "YYYY-MM-DD", "revision"?: action, "level"?, "sessions"?}]}`.
Each turn runs through the real conversation (offline composer, real index). Per language:
- intent accuracy: the chat's intent equals the label;
- topic hit rate: the result is about one of the labelled topics (plan/topic list topics, exercise or
  curriculum topics);
- minutes / date exactness: the plan's length and the remembered date equal the labels;
- revision success: a labelled revision was read as one and its result shows the change (shorter is shorter,
  more hands-on has more hands-on minutes, a swapped-in topic is there and the others stayed, ...), with the
  minutes still adding up.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from companion.chat.conversation import ChatReply, ChatState, Conversation
from companion.chat.revise import kind_minutes
from companion.config import REPO_ROOT
from companion.domain import (
    LEVELS,
    Curriculum,
    ExerciseSet,
    Generated,
    Intent,
    Language,
    Level,
    SessionPlan,
    TopicList,
)

logger = logging.getLogger(__name__)

DEFAULT_CHAT_DATASET = REPO_ROOT / "tests" / "chat" / "devset.jsonl"
DEFAULT_TODAY = dt.date(2026, 11, 30)  # a Monday


class Turn(BaseModel):
    user: str
    intent: Intent | None = None
    topics: list[str] = Field(default_factory=list)
    minutes: int | None = None
    date: dt.date | None = None
    revision: str | None = None
    level: Level | None = None
    sessions: int | None = None


class PairSeed(BaseModel):
    goals: str = ""
    session_minutes: int | None = None
    session_number: int | None = None
    total_sessions: int | None = None


class Dialogue(BaseModel):
    id: str
    lang: Language
    today: dt.date = DEFAULT_TODAY
    pair: PairSeed = Field(default_factory=PairSeed)
    turns: list[Turn]


def load_dialogues(path: Path) -> list[Dialogue]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(Dialogue.model_validate_json(line))
        except ValidationError as exc:
            raise ValueError(f"{path.name}, line {number}: {exc.errors()[0]['msg']}") from exc
    if not found:
        raise ValueError(f"{path.name}: no conversations")
    return found


def seed_state(language: Language, pair: PairSeed) -> ChatState:
    state = ChatState(language=language, goals=pair.goals)
    state.session_minutes = pair.session_minutes
    state.session_number = pair.session_number
    if pair.total_sessions:
        state.total_sessions = pair.total_sessions
    return state


def result_topics(result: Generated | None) -> set[str]:
    if isinstance(result, SessionPlan | TopicList):
        return {topic.slug for topic in result.topics}
    if isinstance(result, Curriculum):
        return {slug for session in result.sessions for slug in session.topics}
    if isinstance(result, ExerciseSet):
        found = set()
        for exercise in result.exercises:
            for citation in exercise.citations:
                card = citation.split("#", 1)[0]
                found.add(card.removeprefix("skill-").removeprefix("program-").rsplit("-", 1)[0])
        return found
    return set()


def revision_done(turn: Turn, reply: ChatReply, before: SessionPlan | None, state: ChatState) -> bool:
    """Did the reply make the labelled change, and keep the plan whole?"""
    after = reply.result
    if reply.intent != "revise" or before is None or not isinstance(after, SessionPlan):
        return False
    if sum(item.minutes for item in after.agenda) != after.session_minutes:
        return False
    old, new = [t.slug for t in before.topics], [t.slug for t in after.topics]
    action = turn.revision
    hands_on: set[Any] = {"hands-on"}
    talk: set[Any] = {"discussion", "reflection"}
    # What each change must show, and what it must keep when it is the only change asked for.
    effects: dict[str, Callable[[], bool]] = {
        "shorter": lambda: after.session_minutes < before.session_minutes,
        "longer": lambda: after.session_minutes > before.session_minutes,
        "minutes": lambda: after.session_minutes == turn.minutes,
        "more_hands_on": lambda: (
            kind_minutes(after, hands_on) / after.session_minutes
            > kind_minutes(before, hands_on) / before.session_minutes
        ),
        "more_discussion": lambda: (
            kind_minutes(after, talk) / after.session_minutes > kind_minutes(before, talk) / before.session_minutes
        ),
        "swap_topic": lambda: bool(set(turn.topics) & set(new)),
        "add_topic": lambda: bool(set(turn.topics) & set(new)) and set(old) <= set(new),
        # a one-topic plan cannot lose its only topic: the next topic for the goals takes its place
        "drop_topic": lambda: (
            (len(new) == len(old) - 1 and set(new) < set(old)) or (len(old) == 1 and len(new) == 1 and new != old)
        ),
        "level": lambda: _level_moved(before, after, turn.level),
        "format": lambda: after.format != before.format,
        "date": lambda: state.date == turn.date,
    }
    keeps: dict[str, Callable[[], bool]] = {
        "shorter": lambda: new == old,
        "longer": lambda: new == old,
        "minutes": lambda: new == old,
        "swap_topic": lambda: len(set(old) & set(new)) >= len(old) - 1,
        "level": lambda: new == old,
        "format": lambda: new == old,
        "date": lambda: after == before,
    }
    actions = (action or "").split("+")  # "shorter+add_topic": several changes in one message, each shown
    if not all(a in effects for a in actions):
        return False
    if len(actions) == 1:
        return effects[actions[0]]() and keeps.get(actions[0], lambda: True)()
    return all(effects[a]() for a in actions)


def _level_moved(before: SessionPlan, after: SessionPlan, wanted: Level | None) -> bool:
    """The exercises' level moved towards the labelled one (a step up is enough for "more advanced")."""
    if not (before.exercises and after.exercises and wanted):
        return False
    old, new, goal = (LEVELS.index(x) for x in (before.exercises[0].level, after.exercises[0].level, wanted))
    return new == goal or (goal != old and (new - old) * (goal - old) > 0)


class Tally(BaseModel):
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def rate(self) -> float | None:
        return round(self.right / self.total, 3) if self.total else None


METRICS = ("intent", "topic_hit", "minutes", "date", "revision")


def evaluate_chat(
    conversation: Conversation, dialogues: list[Dialogue], misses: list[str] | None = None
) -> dict[str, dict[str, Any]]:
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: {m: Tally() for m in METRICS})
    for dialogue in dialogues:
        state = seed_state(dialogue.lang, dialogue.pair)
        scores = tallies[dialogue.lang]
        for turn in dialogue.turns:
            before = state.plan
            try:
                reply = conversation.reply(turn.user, state, dialogue.today)
            except Exception:  # a crash is a miss on every label of the turn, and is logged
                logger.exception("conversation %s crashed on %r", dialogue.id, turn.user)
                reply = ChatReply(kind="error", state=state, text="crash")
            state = reply.state
            checks: dict[str, bool] = {}
            if turn.intent:
                checks["intent"] = reply.intent == turn.intent
            if turn.topics and turn.revision is None:
                checks["topic_hit"] = bool(result_topics(reply.result) & set(turn.topics))
            if turn.minutes and turn.revision is None:
                planned = reply.result.session_minutes if isinstance(reply.result, SessionPlan) else None
                checks["minutes"] = (planned or state.session_minutes) == turn.minutes
            if turn.date:
                checks["date"] = state.date == turn.date
            if turn.revision:
                checks["revision"] = revision_done(turn, reply, before, state)
            for metric, ok in checks.items():
                scores[metric].add(ok)
                if not ok and misses is not None:
                    got = {
                        "intent": reply.intent,
                        "topics": sorted(result_topics(reply.result)),
                        "minutes": state.session_minutes,
                        "date": str(state.date),
                        "kind": reply.kind,
                        "text": reply.text[:80],
                    }
                    misses.append(f"{dialogue.id} [{metric}] {turn.user!r} -> {json.dumps(got, ensure_ascii=False)}")
    return {
        lang: {
            **{metric: tally.rate for metric, tally in scores.items()},
            "n": {metric: tally.total for metric, tally in scores.items()},
        }
        for lang, scores in sorted(tallies.items())
    }


def as_table(report: dict[str, dict[str, Any]]) -> str:
    rows = ["| lang | intent | topic hit | minutes | date | revision |", "|---|---|---|---|---|---|"]
    for lang, scores in report.items():
        cells = [f"{scores[m]} ({scores['n'][m]})" if scores[m] is not None else "-" for m in METRICS]
        rows.append(f"| {lang} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
