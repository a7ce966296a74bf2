"""Pydantic models shared by every layer, and the one vocabulary and set of limits they all use.

Every other module (store, planner, chat, UI, CLI choices via `typing.get_args`) imports these names
instead of repeating literals or numbers.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

# --- Vocabulary ---------------------------------------------------------------------------------------
Language = Literal["en", "it"]
CardKind = Literal["skill", "format", "questions", "exercise", "program", "case-study"]
Kind = Literal[CardKind, "company"]  # "company": a document a company uploaded
Level = Literal["foundation", "intermediate", "advanced"]
SelfLevel = Literal["not-yet", "foundation", "intermediate", "advanced"]
Audience = Literal["mentor", "manager", "hr"]
Role = Literal["mentor", "manager", "hr", "admin"]
Side = Literal["mentor", "manager"]  # the two sides of a pair (a check-in, a note)
SessionStatus = Literal["planned", "scheduled", "held", "cancelled"]
ExerciseStatus = Literal["assigned", "done"]
CurriculumStatus = Literal["draft", "submitted", "approved", "changes_requested"]
Backend = Literal["offline", "llm"]
ExportFormat = Literal["md", "ics"]
DashboardPeriod = Literal["all", "30", "90", "365"]  # HR's dashboard: the whole programme or the last N days
AssessmentMoment = Literal["before", "after"]  # the manager's self-assessment: at the start, at the end

LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
LEVELS: Final[tuple[Level, ...]] = get_args(Level)
SELF_LEVELS: Final[tuple[SelfLevel, ...]] = get_args(SelfLevel)  # ordered: a self-assessment's scale
DIGCOMP_AREAS: Final[tuple[str, ...]] = ("1", "2", "3", "4", "5")  # DigComp 2.2 competence areas
# The 21 DigComp 2.2 competences, in the framework's order (the self-assessment card in knowledge/program/).
DIGCOMP_COMPETENCES: Final[tuple[str, ...]] = (
    *("1.1", "1.2", "1.3"),
    *("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"),
    *("3.1", "3.2", "3.3", "3.4"),
    *("4.1", "4.2", "4.3", "4.4"),
    *("5.1", "5.2", "5.3", "5.4"),
)
ASSESSMENT_MOMENTS: Final[tuple[AssessmentMoment, ...]] = get_args(AssessmentMoment)
DASHBOARD_PERIODS: Final[tuple[DashboardPeriod, ...]] = get_args(DashboardPeriod)
ROLES: Final[tuple[Role, ...]] = get_args(Role)
STAFF_ROLES: Final[tuple[Role, ...]] = ("hr", "admin")  # run the programme; never read private notes
MEMBER_ROLES: Final[tuple[Role, ...]] = ("mentor", "manager")  # the two sides of a pair
MEMBER_AUDIENCE: Final[tuple[Audience, ...]] = ("mentor", "manager")

# --- Limits -------------------------------------------------------------------------------------------
MIN_SESSION_MINUTES: Final = 15
MAX_SESSION_MINUTES: Final = 240
DEFAULT_SESSION_MINUTES: Final = 60
MAX_SESSION_NUMBER: Final = 52  # a weekly meeting for a year
MIN_PROGRAMME_SESSIONS: Final = 2  # a curriculum has at least an opening and a closing
MAX_PROGRAMME_SESSIONS: Final = 24
DEFAULT_PROGRAMME_SESSIONS: Final = 6
MIN_CADENCE_WEEKS: Final = 1
MAX_CADENCE_WEEKS: Final = 26
MAX_EXERCISE_MINUTES: Final = 240
MAX_GOALS_CHARS: Final = 4000


def clamp_session_minutes(minutes: int | None) -> int:
    """A length someone typed, brought into the range a session can have."""
    return max(MIN_SESSION_MINUTES, min(minutes or DEFAULT_SESSION_MINUTES, MAX_SESSION_MINUTES))


def clamp_programme_sessions(count: int | None) -> int:
    return max(MIN_PROGRAMME_SESSIONS, min(count or DEFAULT_PROGRAMME_SESSIONS, MAX_PROGRAMME_SESSIONS))


class CardMeta(BaseModel):
    """The front matter of a knowledge-base card (see knowledge/README.md)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*-(en|it)$")
    kind: CardKind
    lang: Language
    title: str = Field(min_length=3)
    topics: list[str] = Field(min_length=1)
    digcomp: list[str] = Field(default_factory=list)
    level: list[Level] = Field(default_factory=lambda: list(LEVELS))
    audience: list[Audience] = Field(default_factory=lambda: list(MEMBER_AUDIENCE))
    minutes: int | None = Field(default=None, gt=0, le=MAX_SESSION_MINUTES)
    format: str | None = None
    translation_of: str | None = None
    sources: list[str] = Field(default_factory=list)
    # The words people type for this card's topics (tools, brands, slang) in the card's language; retrieval
    # matches them so "Teams" or "capire ChatGPT" reach the right card.
    keywords: list[str] = Field(default_factory=list)
    # Skill cards: per level, the names of the "What to show" / "What to try together" activities that fit
    # one 60-minute skill deep dive (at most 40 minutes together).
    core_path: dict[Level, list[str]] = Field(default_factory=dict)

    @field_validator("level", mode="before")
    @classmethod
    def _level_as_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("digcomp")
    @classmethod
    def _digcomp_codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            area, _, comp = str(code).partition(".")
            if not (area.isdigit() and comp.isdigit() and 1 <= int(area) <= 5 and 1 <= int(comp) <= 6):
                raise ValueError(f"{code!r} is not a DigComp 2.2 competence code such as '4.2'")
        return codes


class Chunk(BaseModel):
    """A section-sized, citable piece of a card."""

    id: str  # "<card id>#<section slug>[/<subsection slug>]"
    card_id: str
    title: str
    heading: str  # "Section > Subsection"
    text: str
    lang: Language
    kind: Kind
    topics: list[str]
    source: str  # path relative to the repo, or an uploaded file's name
    level: list[Level] = Field(default_factory=list)
    audience: list[Audience] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)  # the card's front-matter keywords (BM25 matches them)


class IndexedChunk(BaseModel):
    """A section as stored in the index: what the generators quote and cite."""

    model_config = ConfigDict(frozen=True)

    id: str
    heading: str
    text: str
    source: str


class Hit(BaseModel):
    """One search result; the JSON shape of `companion search --json`."""

    id: str
    title: str
    lang: Language
    kind: Kind
    topics: list[str]
    source: str
    score: float
    text: str
    heading: str = ""


class Person(BaseModel):
    name: str = ""
    role: str = ""


class PairProfile(BaseModel):
    """What the planner needs to know about a mentor/manager pair and the next session."""

    language: Language = "en"
    session_minutes: int = Field(default=DEFAULT_SESSION_MINUTES, ge=MIN_SESSION_MINUTES, le=MAX_SESSION_MINUTES)
    session_number: int = Field(default=1, ge=1, le=MAX_SESSION_NUMBER)
    total_sessions: int = Field(default=DEFAULT_PROGRAMME_SESSIONS, ge=1, le=MAX_SESSION_NUMBER)
    mentor: Person = Field(default_factory=Person)
    manager: Person = Field(default_factory=Person)
    goals: str = Field(default="", max_length=MAX_GOALS_CHARS)
    level: Level | None = None
    previous_topics: list[str] = Field(default_factory=list, description="topic slugs of earlier sessions")
    self_assessment: dict[str, SelfLevel] = Field(
        default_factory=dict, description="DigComp 2.2 competence code -> the manager's own rating"
    )

    @field_validator("goals", mode="before")
    @classmethod
    def _goals_as_text(cls, value: object) -> object:
        return "; ".join(str(v) for v in value) if isinstance(value, list) else value


class Citation(BaseModel):
    id: str
    source: str


AgendaKind = Literal["opening", "demo", "hands-on", "discussion", "reflection", "closing"]
AGENDA_KINDS: tuple[AgendaKind, ...] = ("opening", "demo", "hands-on", "discussion", "reflection", "closing")
Intent = Literal["plan", "revise", "exercises", "topics", "curriculum", "question", "smalltalk"]


class AgendaItem(BaseModel):
    """One flat step of a session: its minutes are the whole step (activities inside it never add up to more)."""

    title: str
    minutes: int = Field(ge=0)
    activity: str
    kind: AgendaKind = "discussion"
    citations: list[str] = Field(default_factory=list)


class TopicSuggestion(BaseModel):
    slug: str
    title: str
    why: str
    citations: list[str] = Field(default_factory=list)


class CitedText(BaseModel):
    """A question or a note, with the chunks it came from."""

    text: str
    citations: list[str] = Field(default_factory=list)


class ReflectionQuestions(BaseModel):
    mentor: list[CitedText] = Field(default_factory=list)
    manager: list[CitedText] = Field(default_factory=list)


class Exercise(BaseModel):
    title: str
    steps: list[str]
    minutes: int | None = None
    level: Level
    citations: list[str] = Field(default_factory=list)


class Generated(BaseModel):
    """What every use case returns: which backend wrote it, a notice when it fell back, and its sources."""

    language: Language
    backend: Backend = "offline"
    notice: str | None = None
    citations: list[Citation] = Field(default_factory=list)


class SessionPlan(Generated):
    """The JSON shape of `companion plan --json`."""

    session_minutes: int
    session_number: int = 1
    format: str = ""
    topics: list[TopicSuggestion]
    agenda: list[AgendaItem]
    reflection_questions: ReflectionQuestions
    exercises: list[Exercise]
    briefing: list[CitedText] = Field(default_factory=list)


class TopicList(Generated):
    topics: list[TopicSuggestion]


class ExerciseSet(Generated):
    level: Level
    exercises: list[Exercise]


class CurriculumSession(BaseModel):
    number: int
    format: str
    title: str
    topics: list[str] = Field(default_factory=list)
    rationale: str
    citations: list[str] = Field(default_factory=list)


class Curriculum(Generated):
    goals: str
    sessions: list[CurriculumSession]
    rationale: str


class Answer(Generated):
    question: str
    points: list[CitedText]


class FileError(BaseModel):
    """A file that could not be used: which one, which part of it, and why."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class IngestReport(BaseModel):
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: int = 0
    chunks_written: int = 0
    chunks_total: int = 0
    errors: list[FileError] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors
