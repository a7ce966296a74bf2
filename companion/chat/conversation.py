"""The chat use case: understand a message, ask for what is missing, run the use case, keep the plan to revise.

The conversation's state is a plain `ChatState` that the caller keeps per user (gr.State in the UI, the
CLI's loop), so nothing about one user lives in the process. With a pair's journey (read by the caller through
the access rules), a plan is the pair's next session planned from its history, what the chat understood on top.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from companion.chat.display import reading_line
from companion.chat.reading import Reading
from companion.chat.revise import Reviser
from companion.chat.understand import Context, Understander, content_words, without_laying_out
from companion.config import Settings
from companion.domain import (
    DEFAULT_SESSION_MINUTES,
    MAX_SESSION_NUMBER,
    Curriculum,
    Generated,
    Intent,
    Language,
    Level,
    PairProfile,
    SessionPlan,
    TopicList,
    clamp_session_minutes,
)
from companion.generation.backend import Done, Event, Partial
from companion.history_planning import BasedOn, plan_next_session
from companion.i18n import t
from companion.iterators import closing_iterator
from companion.language import detect_language
from companion.planner import Planner, PlanningError
from companion.rendering import preview_markdown
from companion.store.views import PairHistory
from companion.textnorm import fold

logger = logging.getLogger(__name__)

MAX_TOTAL_SESSIONS = MAX_SESSION_NUMBER


class Reader(Protocol):
    """Anything that turns a message into a Reading (the offline understander, the LLM reader)."""

    def read(self, message: str, context: Context) -> Reading: ...


class ChatState(BaseModel):
    """What the conversation has established so far."""

    language: Language = "en"
    intent: Intent | None = None
    session_minutes: int | None = None
    session_number: int | None = None
    total_sessions: int = 6
    sessions_wanted: int | None = None
    goals: str = ""
    level: Level | None = None
    date: dt.date | None = None
    last_topics: list[str] = Field(default_factory=list)
    plan: SessionPlan | None = None
    reading: Reading | None = None
    awaiting: str | None = None  # the locale key of the question just asked
    pair_id: int | None = None  # the mentor's chosen pair: its access is checked again on every message
    based_on: BasedOn | None = None  # what the plan of the pair's next session was built from


class PairJourney(BaseModel):
    """The chosen pair at its next session and its stored history, as the asking mentor may see them."""

    profile: PairProfile
    history: PairHistory


class ChatReply(BaseModel):
    kind: Literal["result", "question", "error"]
    state: ChatState
    text: str = ""
    result: Generated | None = None
    intent: Intent | None = None
    line: str = ""  # the understood request in one line, for the UI


class Preview(BaseModel):
    """A model's answer while it is being written."""

    markdown: str


class Conversation:
    """One turn at a time; the caller owns the state. `respond` streams previews while an LLM writes."""

    def __init__(self, planner: Planner, settings: Settings, reader: Reader | None = None):
        self.planner = planner
        self.settings = settings
        self.reader: Reader = reader or Understander(
            known_terms=planner.keywords.terms, known_phrases=planner.keywords.known_words
        )
        self.reviser = Reviser(planner)

    def reply(
        self, message: str, state: ChatState, today: dt.date | None = None, journey: PairJourney | None = None
    ) -> ChatReply:
        last = None
        for event in self.respond(message, state, today, journey):
            last = event
        assert isinstance(last, ChatReply)
        return last

    def respond(
        self, message: str, state: ChatState, today: dt.date | None = None, journey: PairJourney | None = None
    ) -> Iterator[Preview | ChatReply]:
        """One turn. With `journey`, a plan for the pair's next session comes from its history (`based_on` in
        the state says from what); a revision keeps that and changes only what it names."""
        lang = state.language
        if not message.strip():
            yield ChatReply(kind="error", state=state, text=t(lang, "message_empty"))
            return
        if len(message) > self.settings.max_message_chars:
            text = t(lang, "message_too_long", length=len(message), limit=self.settings.max_message_chars)
            yield ChatReply(kind="error", state=state, text=text)
            return
        today = today or dt.date.today()
        context = Context(
            today=today,
            has_plan=state.plan is not None,
            has_topics=bool(state.last_topics),
            last_intent=state.intent,
        )
        reading = self.reader.read(message, context)
        if state.goals and reading.goal and self._names_nothing(reading.goal):
            # "organizzami tutte e 6 le sessioni", "sessione 2 domani, me la imposti?": the words left over name no
            # goal, so the pair's goals stand
            reading = reading.model_copy(update={"goal": ""})
        state = absorb(reading, message, state)
        lang = state.language
        intent = state.intent or "plan"

        def reply(kind: Literal["result", "question", "error"], text: str = "", **extra: object) -> ChatReply:
            line = reading_line(reading, state, extra.get("result"), lang, intent)  # type: ignore[arg-type]
            return ChatReply(kind=kind, state=state, text=text, intent=intent, line=line, **extra)

        if intent == "smalltalk":
            yield reply("result", t(lang, "smalltalk_thanks" if reading.goodbye else "smalltalk_help"))
            return
        if reading.clarify and not state.awaiting:
            state.awaiting = reading.clarify
            yield reply("question", t(lang, reading.clarify))
            return
        if intent == "revise" and state.plan is None:
            state.awaiting = "ask_goals"
            yield reply("question", t(lang, "no_plan_to_revise"))
            return
        missing = self._missing(state, intent)
        if missing:
            state.awaiting = missing
            yield reply("question", t(lang, missing))
            return
        if self._unclear_without_length(state, intent, journey):
            state.awaiting = "clarify_intent"
            yield reply("question", t(lang, "clarify_intent"))
            return
        state.awaiting = None
        before = state.plan
        usual_length = self._assume_usual_length(state, intent, journey)
        try:
            # closed when we are (the browser left): down to the model's HTTP stream
            with closing_iterator(self._events(message, state, reading, intent, journey)) as events:
                for event in events:
                    if isinstance(event, Partial):
                        yield Preview(markdown=preview_markdown(event.data, lang))
                    elif isinstance(event, Done):
                        result = event.result
                        state.last_topics = topics_of(result) or state.last_topics
                        text = ""
                        if isinstance(result, SessionPlan):
                            state.plan = result
                            state.session_minutes = result.session_minutes
                            if intent == "revise" and reading.revision:
                                text = revised_text(reading, before, result, lang)
                            elif usual_length:
                                text = t(lang, "usual_length", minutes=result.session_minutes)
                        yield reply("result", text, result=result)
        except PlanningError as error:
            state.awaiting = error.key
            yield reply("question", t(lang, error.key))

    def _names_nothing(self, goal: str) -> bool:
        """Leftover words ("imposti", "all", "fatto 2 6 altri quattro"): no topic's words and too few to be a
        wish of their own (three unknown words, "qwxzv blorp fnord", are one: the chat says it has no card)."""
        goal = without_laying_out(goal)
        if self.planner.keywords.scores(goal):
            return False
        words = content_words(goal)
        return len(words) < 3 and not any(word in self.planner.keywords.terms for word in words)

    @staticmethod
    def _missing(state: ChatState, intent: Intent) -> str | None:
        """Ask instead of guessing: the locale key of the question to ask, if any."""
        if intent in ("question", "revise"):
            return None
        if intent == "exercises" and (state.last_topics or state.plan):
            return None
        programme_session = intent == "plan" and (
            state.session_number == 1 or (state.session_number or 0) >= state.total_sessions
        )
        if not state.goals and not programme_session:
            return "ask_goals"
        return None

    def _unclear_without_length(self, state: ChatState, intent: Intent, journey: PairJourney | None) -> bool:
        """A plan would get the usual length, yet its goal names no topic ("sorry, wrong window"): assume a length,
        never a topic, so ask what is needed instead of planning something."""
        if intent != "plan" or state.session_minutes is not None or journey is not None or state.plan is not None:
            return False
        if state.session_number == 1 or (state.session_number or 0) >= state.total_sessions:
            return False  # a first or closing session has its programme topics
        return not self.planner.keywords.scores(state.goals)

    @staticmethod
    def _assume_usual_length(state: ChatState, intent: Intent, journey: PairJourney | None) -> bool:
        """A plan asked without a length gets the usual one, said in the reply, instead of a question: people
        go on as if the plan were made ("tighter pls", "+ a bit on X"), so a plan they can revise serves them
        better than a question they skip."""
        if intent != "plan" or state.session_minutes is not None:
            return False
        if journey is not None:
            return False  # the pair's own length is on file
        state.session_minutes = DEFAULT_SESSION_MINUTES
        return True

    def profile(self, state: ChatState) -> PairProfile:
        number = state.session_number or (2 if state.goals else 1)
        return PairProfile(
            language=state.language,
            session_minutes=clamp_session_minutes(state.session_minutes),
            session_number=min(number, state.total_sessions),
            total_sessions=state.total_sessions,
            goals=state.goals,
            level=state.level,
        )

    def _events(
        self, message: str, state: ChatState, reading: Reading, intent: Intent, journey: PairJourney | None = None
    ) -> Iterator[Event]:
        lang = state.language
        if intent == "question":
            return self.planner.answer_events(message, lang)
        if intent == "topics":
            covered = self.planner.keywords.scores(reading.covered) if reading.covered else {}
            goals = state.goals
            if covered and self._names_nothing(goals):
                # "we've done excel, teams and phishing. what next?" with no goal on file: what follows from the
                # topics done (their neighbours), not leftover words ("che altro") ranked at random
                goals = reading.covered
            return self.planner.suggest_topics_events(lang, goals, exclude=tuple(covered))
        if intent == "revise":
            assert state.plan is not None
            assert reading.revision is not None
            return self.reviser.events_all(state.plan, [reading.revision, *reading.also], self.profile(state))
        if intent == "exercises":
            current = [topic.slug for topic in state.plan.topics] if state.plan else state.last_topics
            # after a plan, only a topic's own words move the exercises off the plan's topics ("with her own
            # sales file" describes the exercise, it names no new topic)
            names_new_goal = bool(reading.goal) and (
                bool(self.planner.keywords.scores(reading.goal)) or (len(reading.goal.split()) >= 3 and not current)
            )
            return self.planner.follow_up_exercises_events(
                lang,
                goals=state.goals,
                level=state.level or "foundation",
                topics=None if names_new_goal or not current else current,
                max_minutes=reading.minutes,
            )
        if intent == "curriculum":
            return self.planner.curriculum_events(self.profile(state), state.sessions_wanted)
        if journey is not None and state.session_number in (None, journey.history.next_session_number):
            return self._history_plan_events(state, journey)
        state.based_on = None  # another session than the pair's next: planned as asked, without its history
        return self.planner.plan_session_events(self.profile(state))

    def _history_plan_events(self, state: ChatState, journey: PairJourney) -> Iterator[Event]:
        """The pair's next session from its history, with the length, level and goal the chat understood."""
        pair = journey.profile
        asked = state.goals if fold(state.goals).strip() != fold(pair.goals).strip() else ""
        profile = pair.model_copy(
            update={
                "language": state.language,
                "session_minutes": clamp_session_minutes(state.session_minutes or pair.session_minutes),
                "level": state.level or pair.level,
            }
        )
        plan = plan_next_session(self.planner, profile, journey.history, asked_goal=asked)
        state.based_on = plan.based_on
        state.session_number = plan.session_number
        yield Done(SessionPlan.model_validate(plan.model_dump(exclude={"based_on"})))


def absorb(reading: Reading, message: str, state: ChatState) -> ChatState:
    """The state after this message: new details overwrite old ones; what the message does not say stays."""
    new = state.model_copy(deep=True)
    new.reading = reading
    new.language = detect_language(message, state.language)
    intent: Intent = reading.intent
    # An answer to our question ("60", "spot phishing") continues the request that was waiting for it.
    if state.awaiting in ("ask_goals", "clarify_intent") and state.intent and reading.confidence < 0.95:
        own_cue = reading.intent not in ("plan", "smalltalk") and reading.confidence >= 0.8
        if not own_cue and reading.intent != "smalltalk":
            intent = state.intent if state.awaiting != "clarify_intent" else reading.intent
    if state.awaiting == "clarify_intent" and reading.intent != "smalltalk":
        new.awaiting = None
    new.intent = intent
    if intent == "revise":
        if reading.date:
            new.date = reading.date
        return new
    if reading.total_sessions:
        new.total_sessions = max(1, min(reading.total_sessions, MAX_TOTAL_SESSIONS))
    if reading.first_meeting and not reading.session_number:
        new.session_number = 1
    elif reading.closing:
        new.session_number = new.total_sessions
    elif reading.session_number:
        new.session_number = reading.session_number
    if intent != "exercises":  # "stuff that takes 10 minutes" is how long a task takes, not the session
        new.session_minutes = reading.minutes or state.session_minutes
    new.sessions_wanted = reading.sessions or state.sessions_wanted
    new.level = reading.level or state.level
    new.date = reading.date or state.date
    if reading.goal and intent in ("plan", "exercises", "topics", "curriculum"):
        new.goals = reading.goal
    if intent == "plan" and (reading.goal or reading.session_number or reading.first_meeting or reading.closing):
        new.plan = None if reading.goal or reading.session_number else new.plan
    return new


def revised_text(reading: Reading, before: SessionPlan | None, after: SessionPlan, lang: Language) -> str:
    """What the revision did, in a sentence."""
    assert reading.revision is not None
    if reading.also:
        return t(lang, "revised_several")
    dropped = reading.revision.action == "drop_topic"
    if dropped and before is not None and before.topics == after.topics:  # it named a topic the plan lacks
        return t(lang, "revised_drop_absent", words=reading.revision.old_topic or "")
    swapped = reading.revision.action in ("swap_topic", "add_topic")
    if swapped and before is not None and [x.slug for x in before.topics] == [x.slug for x in after.topics]:
        return t(lang, "revised_topic_already")  # the topic named is the one the plan already has
    if reading.revision.action == "level":  # the level reached, said for the whole plan, not just its exercises
        level = after.exercises[0].level if after.exercises else reading.revision.level
        return t(lang, "revised_level", level=t(lang, f"level_{level}")) if level else t(lang, "revised_level_other")
    if dropped and reading.revision.topic and before is not None and len(after.topics) == len(before.topics):
        return t(lang, "revised_swap_topic")  # what was wanted instead took the dropped topic's place
    if dropped and before is not None and len(before.topics) == 1:
        return t(lang, "revised_drop_replaced")
    return t(lang, f"revised_{reading.revision.action}")


def topics_of(result: Generated) -> list[str]:
    """The topic slugs a result is about, remembered so "exercises for this" needs no repeating."""
    if isinstance(result, SessionPlan | TopicList):
        return [topic.slug for topic in result.topics]
    if isinstance(result, Curriculum):
        return list(dict.fromkeys(slug for session in result.sessions for slug in session.topics))
    return []
