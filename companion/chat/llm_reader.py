"""Understanding with an LLM: the same `Reading`, from the model's tool call (one tool per use case, pydantic
argument schemas) through langchain-openai's tool calling. The answer is validated like any untrusted input;
on any failure (HTTP error, timeout, no tool call, unknown tool, invalid arguments) the offline reading is used.

The offline reading is always computed first: it is cheap, it is the fallback, and its slots fill whatever
the model leaves out (a model that forgets the date does not lose it).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from companion.chat.reading import FormatSlug, Reading, Revision, RevisionAction
from companion.chat.understand import Context, Understander
from companion.config import Settings
from companion.domain import (
    MAX_EXERCISE_MINUTES,
    MAX_SESSION_MINUTES,
    MAX_SESSION_NUMBER,
    MIN_SESSION_MINUTES,
    Intent,
    Level,
)
from companion.generation.llm import describe_failure, load_prompt
from companion.language import detect_language

logger = logging.getLogger(__name__)


class _Session(BaseModel):
    goal: str = Field(default="", description="what the manager wants to learn, in the user's words, no names/dates")
    minutes: int | None = Field(default=None, ge=5, le=480, description="session length in minutes")
    date: dt.date | None = Field(default=None, description="the session's date, YYYY-MM-DD, from today's date")
    session_number: int | None = Field(default=None, ge=1, le=MAX_SESSION_NUMBER)
    total_sessions: int | None = Field(default=None, ge=1, le=MAX_SESSION_NUMBER)
    level: Level | None = None
    first_meeting: bool = Field(default=False, description="the pair do not know each other yet")
    closing: bool = Field(default=False, description="the last session of the programme")


class PlanSession(_Session):
    """Prepare the plan of one mentoring session."""


class PlanChange(BaseModel):
    """One change to the plan just made."""

    action: RevisionAction
    minutes: int | None = Field(default=None, ge=MIN_SESSION_MINUTES, le=MAX_SESSION_MINUTES)
    change: int | None = Field(
        default=None, ge=5, le=MAX_SESSION_MINUTES, description="for shorter/longer: the minutes taken off or added"
    )
    topic: str | None = Field(default=None, description="the topic to add or swap in, in the user's words")
    old_topic: str | None = Field(default=None, description="the topic to replace or drop, in the user's words")
    position: int | None = Field(default=None, ge=1, le=6, description="1-based position of that topic")
    level: Level | None = None
    direction: Literal["up", "down"] | None = None
    format: FormatSlug | None = None


class RevisePlan(PlanChange):
    """Change the plan just made; only what is named changes."""

    date: dt.date | None = None
    also: list[PlanChange] = Field(
        default_factory=list,
        max_length=4,
        description='further changes asked in the same message ("shorter and add Excel"), in the order asked',
    )


class FollowUpExercises(BaseModel):
    """Follow-up exercises for the manager between sessions."""

    goal: str = Field(default="", description="a new topic, only if the user names one")
    level: Level | None = None
    minutes: int | None = Field(default=None, ge=5, le=MAX_EXERCISE_MINUTES, description="time available per exercise")


class SuggestTopics(BaseModel):
    """Suggest topics for the manager to work on."""

    goal: str = ""
    covered: str = Field(default="", description="topics already done, in the user's words, to leave out")


class DraftCurriculum(BaseModel):
    """A curriculum of several sessions for the whole programme."""

    goal: str = ""
    sessions: int | None = Field(default=None, ge=2, le=24)


class AnswerQuestion(BaseModel):
    """Answer a question about reverse mentoring or a digital topic."""

    question: str = ""


class Smalltalk(BaseModel):
    """A greeting, thanks, or a request for help on what the companion does."""


TOOLS: dict[str, tuple[Intent, type[BaseModel]]] = {
    "plan_session": ("plan", PlanSession),
    "revise_plan": ("revise", RevisePlan),
    "follow_up_exercises": ("exercises", FollowUpExercises),
    "suggest_topics": ("topics", SuggestTopics),
    "draft_curriculum": ("curriculum", DraftCurriculum),
    "answer_question": ("question", AnswerQuestion),
    "smalltalk": ("smalltalk", Smalltalk),
}


class LLMReadError(RuntimeError):
    pass


def reading_from_call(name: str, args: dict[str, Any], offline: Reading, context: Context) -> Reading:
    """A validated Reading from one tool call; slots the model left out come from the offline reading."""
    if name not in TOOLS:
        raise LLMReadError(f"unknown tool {name!r}")
    intent, schema = TOOLS[name]
    parsed = schema.model_validate(args)
    if intent == "revise" and not context.has_plan:
        raise LLMReadError("a revision without a plan")
    data = parsed.model_dump()
    reading = offline.model_copy(
        update={"intent": intent, "source": "llm", "confidence": 0.9, "clarify": None, "revision": None, "also": []}
    )
    updates: dict[str, Any] = {}
    for key in ("goal", "minutes", "date", "session_number", "total_sessions", "level", "sessions", "covered"):
        if data.get(key) not in (None, ""):
            updates[key] = data[key]
    for key in ("first_meeting", "closing"):
        if data.get(key):
            updates[key] = True
    if intent == "question":
        updates["goal"] = ""
    if isinstance(parsed, RevisePlan):
        updates["revision"] = Revision.model_validate(parsed.model_dump(exclude={"date", "also"}))
        updates["also"] = [Revision.model_validate(change.model_dump()) for change in parsed.also]
        if parsed.date:
            updates["date"] = parsed.date
    date = updates.get("date")
    if date is not None and not context.today <= date <= context.today + dt.timedelta(days=366):
        updates.pop("date")  # a date in the past or far away is a misreading: keep the offline one
    return Reading.model_validate({**reading.model_dump(), **updates})


class LLMReader:
    """Reads a message with the model's tool calling; the offline understander is the fallback."""

    def __init__(self, settings: Settings, fallback: Understander, model: Any = None):
        self.settings = settings
        self.fallback = fallback
        self._model = model

    @property
    def model(self) -> Any:
        if self._model is None:
            from langchain_core.utils.function_calling import convert_to_openai_tool
            from langchain_openai import ChatOpenAI

            chat = ChatOpenAI(
                model=self.settings.llm_model,
                api_key=self.settings.openai_api_key or "not-needed",
                base_url=self.settings.openai_base_url,
                timeout=self.settings.llm_timeout_s,
                max_retries=self.settings.llm_max_retries,
                temperature=0,
            )
            tools = []
            for name, (_, schema) in TOOLS.items():
                tool = convert_to_openai_tool(schema)
                tool["function"]["name"] = name
                tools.append(tool)
            self._model = chat.bind_tools(tools, tool_choice="required", parallel_tool_calls=False)
        return self._model

    def read(self, message: str, context: Context) -> Reading:
        offline = self.fallback.read(message, context)
        try:
            return self._read(message, context, offline)
        except (LLMReadError, ValidationError, ValueError) as exc:
            logger.warning("LLM understanding failed (%s); using the offline reading", exc)
        except Exception as exc:  # noqa: BLE001 - any client failure falls back, as the brief requires
            logger.warning("LLM understanding failed (%s); using the offline reading", describe_failure(exc))
        return offline

    def _read(self, message: str, context: Context, offline: Reading) -> Reading:
        from langchain_core.messages import HumanMessage, SystemMessage

        lang = detect_language(message, "en")
        prompt = load_prompt(self.settings.prompts_dir, "understand", lang).substitute(
            today=context.today.isoformat(),
            weekday=context.today.strftime("%A"),
            has_plan="yes" if context.has_plan else "no",
            last_intent=context.last_intent or "none",
        )
        answer = self.model.invoke([SystemMessage(prompt), HumanMessage(message)])
        calls = getattr(answer, "tool_calls", None) or []
        if not calls:
            raise LLMReadError("the model called no tool")
        call = calls[0]
        return reading_from_call(call["name"], call.get("args") or {}, offline, context)
