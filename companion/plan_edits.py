"""The mentor's edits to a session plan, applied and validated: topics by title, the agenda as rows (title, kind,
minutes) whose minutes add up to the session's length, reflection questions and follow-up exercises as lists.

Pure functions over the domain's models: the editor in the web UI gathers the rows and lines, a desk applies them
here, and whatever is refused says why with a locale key (`PlanEditError.key`) and its values.

What an edited line keeps of the plan (citations, an agenda step's activity, an exercise's steps): the original
with the same text, else the original at the same position when no other line kept it. A line the mentor added
is new and cites nothing; citations no item uses any more leave the plan's sources.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Final, TypeVar

from pydantic import BaseModel, Field

from companion.domain import (
    AGENDA_KINDS,
    LANGUAGES,
    AgendaItem,
    AgendaKind,
    CitedText,
    Exercise,
    Language,
    SessionPlan,
    TopicSuggestion,
)
from companion.i18n import t

MAX_AGENDA_STEPS: Final = 40
MAX_LIST_ITEMS: Final = 40
MAX_LINE_CHARS: Final = 500
DEFAULT_KIND: Final[AgendaKind] = "discussion"  # a step added without a kind


class PlanEditError(ValueError):
    """An edit the plan cannot take. `key` is the locale string; `params` fill it in."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class AgendaRow(BaseModel):
    """One row of the agenda table as the mentor left it: the kind is its value or its label in any language;
    the minutes as typed (a number, a text, or nothing)."""

    title: str = ""
    kind: str = ""
    minutes: int | float | str | None = None


class PlanEdits(BaseModel):
    topics: list[str] = Field(default_factory=list)  # titles
    agenda: list[AgendaRow] = Field(default_factory=list)
    mentor_questions: list[str] = Field(default_factory=list)
    manager_questions: list[str] = Field(default_factory=list)
    exercises: list[str] = Field(default_factory=list)  # titles


# --- Reading what was typed ----------------------------------------------------------------------------


def lines(text: str | None) -> list[str]:
    """A list typed one item a line: each trimmed, blank lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def kind_label(kind: AgendaKind, lang: Language) -> str:
    return t(lang, f"step_{kind}")


def kind_of(text: str) -> AgendaKind | None:
    """A step's kind from its value ("hands-on") or its label in either language ("Pratica"); None if neither."""
    wanted = " ".join(text.split()).casefold()
    for kind in AGENDA_KINDS:
        if wanted == kind or any(wanted == kind_label(kind, lang).casefold() for lang in LANGUAGES):
            return kind
    return None


def whole_minutes(value: object) -> int | None:
    """Minutes as typed: a whole number (5, 5.0, " 5 "), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,4}\s*", value):
        return int(value)
    return None


def is_blank(row: AgendaRow) -> bool:
    """A row left empty (the table's spare row): dropped, never refused."""
    return not row.title.strip() and not row.kind.strip() and whole_minutes(row.minutes) in (None, 0)


def agenda_total(rows: Sequence[AgendaRow]) -> int:
    """The minutes the rows add up to so far (what cannot be read as minutes counts as nothing)."""
    return sum(max(whole_minutes(row.minutes) or 0, 0) for row in rows)


# --- Moving rows (the table's own buttons) -------------------------------------------------------------

Row = TypeVar("Row")


def move(rows: Sequence[Row], index: int, offset: int) -> tuple[list[Row], int]:
    """The row at `index` moved by `offset` (kept inside the list); the rows and where it went."""
    moved = list(rows)
    if not 0 <= index < len(moved):
        return moved, index
    target = max(0, min(index + offset, len(moved) - 1))
    moved.insert(target, moved.pop(index))
    return moved, target


def remove(rows: Sequence[Row], index: int) -> tuple[list[Row], int]:
    """Without the row at `index`; the row to select next."""
    kept = [row for n, row in enumerate(rows) if n != index]
    return kept, max(0, min(index, len(kept) - 1))


def insert_after(rows: Sequence[Row], index: int, row: Row) -> tuple[list[Row], int]:
    """`row` added after the row at `index` (at the end when there is none); where it went."""
    added = list(rows)
    position = index + 1 if 0 <= index < len(added) else len(added)
    added.insert(position, row)
    return added, position


# --- Applying the edits --------------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _keeps(originals: Sequence[str], edited: Sequence[str]) -> list[int | None]:
    """For each edited line, the original whose details it keeps (see the module's docstring), or None."""
    kept: list[int | None] = [None] * len(edited)
    used: set[int] = set()
    for i, text in enumerate(edited):
        same = next((j for j, orig in enumerate(originals) if j not in used and _key(orig) == _key(text)), None)
        if same is not None:
            kept[i] = same
            used.add(same)
    for i in range(len(edited)):
        if kept[i] is None and i < len(originals) and i not in used:
            kept[i] = i
            used.add(i)
    return kept


def _checked_lines(items: Sequence[str]) -> list[str]:
    """A list's items trimmed (inner runs of spaces too), blank ones dropped, within the limits."""
    texts = [" ".join(item.split()) for item in items if item.strip()]
    if len(texts) > MAX_LIST_ITEMS:
        raise PlanEditError("plan_edit_too_many", max=MAX_LIST_ITEMS)
    for text in texts:
        if len(text) > MAX_LINE_CHARS:
            raise PlanEditError("plan_edit_too_long", start=text[:40], max=MAX_LINE_CHARS)
    return texts


def slugify(title: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "topic"


def _topics(plan: SessionPlan, titles: list[str], slug_of: Callable[[str], str | None]) -> list[TopicSuggestion]:
    keeps = _keeps([topic.title for topic in plan.topics], titles)
    topics = []
    for title, kept in zip(titles, keeps, strict=True):
        known = slug_of(title)  # a topic the catalogue knows by this title is that topic, not a rewording
        if kept is not None and known in (None, plan.topics[kept].slug):
            topics.append(plan.topics[kept].model_copy(update={"title": title}))
        else:
            topics.append(TopicSuggestion(slug=known or slugify(title), title=title, why=""))
    return topics


def _questions(originals: list[CitedText], texts: list[str]) -> list[CitedText]:
    keeps = _keeps([q.text for q in originals], texts)
    return [
        CitedText(text=text, citations=list(originals[kept].citations) if kept is not None else [])
        for text, kept in zip(texts, keeps, strict=True)
    ]


def _exercises(plan: SessionPlan, titles: list[str]) -> list[Exercise]:
    keeps = _keeps([exercise.title for exercise in plan.exercises], titles)
    level = plan.exercises[0].level if plan.exercises else "foundation"
    return [
        plan.exercises[kept].model_copy(update={"title": title})
        if kept is not None
        else Exercise(title=title, steps=[], level=level)
        for title, kept in zip(titles, keeps, strict=True)
    ]


def _agenda(plan: SessionPlan, rows: Sequence[AgendaRow]) -> list[AgendaItem]:
    filled = [row for row in rows if not is_blank(row)]
    if not filled:
        raise PlanEditError("plan_edit_no_steps")
    if len(filled) > MAX_AGENDA_STEPS:
        raise PlanEditError("plan_edit_too_many_steps", max=MAX_AGENDA_STEPS)
    titles = []
    for n, row in enumerate(filled, start=1):
        title = " ".join(row.title.split())
        if not title:
            raise PlanEditError("plan_edit_no_title", n=n)
        if len(title) > MAX_LINE_CHARS:
            raise PlanEditError("plan_edit_too_long", start=title[:40], max=MAX_LINE_CHARS)
        titles.append(title)
    keeps = _keeps([item.title for item in plan.agenda], titles)
    agenda = []
    for n, (row, title, kept) in enumerate(zip(filled, titles, keeps, strict=True), start=1):
        kind = kind_of(row.kind) if row.kind.strip() else DEFAULT_KIND
        if kind is None:
            raise PlanEditError("plan_edit_unknown_kind", n=n, kind=row.kind.strip()[:40])
        minutes = whole_minutes(row.minutes)
        if minutes is None or not 0 <= minutes <= plan.session_minutes:
            raise PlanEditError("plan_edit_bad_minutes", n=n, max=plan.session_minutes)
        if kept is not None:
            agenda.append(plan.agenda[kept].model_copy(update={"title": title, "kind": kind, "minutes": minutes}))
        else:
            agenda.append(AgendaItem(title=title, kind=kind, minutes=minutes, activity=""))
    return agenda


def check_plan(plan: SessionPlan) -> None:
    """What a plan must hold to be saved: at least one step, and steps that fill the session exactly."""
    if not plan.agenda:
        raise PlanEditError("plan_edit_no_steps")
    total = sum(item.minutes for item in plan.agenda)
    if total != plan.session_minutes:
        raise PlanEditError("plan_edit_minutes_sum", total=total, minutes=plan.session_minutes)


def _cited(plan: SessionPlan) -> set[str]:
    questions = [*plan.reflection_questions.mentor, *plan.reflection_questions.manager, *plan.briefing]
    lists: list[list[str]] = [item.citations for item in questions]
    lists += [item.citations for item in plan.topics] + [item.citations for item in plan.agenda]
    lists += [item.citations for item in plan.exercises]
    return {citation for citations in lists for citation in citations}


def apply_plan_edits(
    plan: SessionPlan, edits: PlanEdits, slug_of: Callable[[str], str | None] = lambda title: None
) -> SessionPlan:
    """The plan with the mentor's edits, validated; `PlanEditError` when it cannot be. `slug_of` names a topic
    typed by its title (the catalogue's slug for a title it knows)."""
    topics = _topics(plan, _checked_lines(edits.topics), slug_of)
    agenda = _agenda(plan, edits.agenda)
    questions = plan.reflection_questions.model_copy(
        update={
            "mentor": _questions(plan.reflection_questions.mentor, _checked_lines(edits.mentor_questions)),
            "manager": _questions(plan.reflection_questions.manager, _checked_lines(edits.manager_questions)),
        }
    )
    exercises = _exercises(plan, _checked_lines(edits.exercises))
    edited = plan.model_copy(
        update={"topics": topics, "agenda": agenda, "reflection_questions": questions, "exercises": exercises}
    )
    check_plan(edited)
    cited = _cited(edited)
    edited = edited.model_copy(update={"citations": [c for c in plan.citations if c.id in cited]})
    return SessionPlan.model_validate(edited.model_dump())  # every field checked again, as the domain defines it


def edits_of(plan: SessionPlan, lang: Language) -> PlanEdits:
    """The plan as the editor shows it: kinds by their label in `lang`."""
    return PlanEdits(
        topics=[topic.title for topic in plan.topics],
        agenda=[
            AgendaRow(title=item.title, kind=kind_label(item.kind, lang), minutes=item.minutes) for item in plan.agenda
        ],
        mentor_questions=[q.text for q in plan.reflection_questions.mentor],
        manager_questions=[q.text for q in plan.reflection_questions.manager],
        exercises=[exercise.title for exercise in plan.exercises],
    )


def with_titles(slugs: Mapping[str, str]) -> Callable[[str], str | None]:
    """`slug_of` from a table of titles (any language, any case) to slugs."""
    table = {_key(title): slug for title, slug in slugs.items()}
    return lambda title: table.get(_key(title))
