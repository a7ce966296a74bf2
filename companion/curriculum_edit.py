"""The mentor's answer to HR's "request changes" (issue 11): edit the curriculum (reorder sessions, replace a
session's topic, change the number of sessions) instead of drafting a new one, and what changed between two
versions, said in either language. Pure functions over `Curriculum`s: no store, no index.

A session is shown by its topic ("Phishing") when it has one topic of its own, else by its format ("First
meeting and ground rules"); when two sessions share that label, by both ("Hands-on lab: Phishing")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from companion.domain import (
    MAX_PROGRAMME_SESSIONS,
    MIN_PROGRAMME_SESSIONS,
    Curriculum,
    CurriculumSession,
    Language,
    clamp_programme_sessions,
)
from companion.generation.citations import cited_ids
from companion.i18n import t

TopicName = Callable[[str, Language], str]  # a topic slug as people read it (the catalogue's title)
ADDED_FORMAT = "hands-on-lab"  # sessions added to a curriculum practise its topics, one after the other


class CurriculumEdit(BaseModel):
    """One change the mentor asks for: move a session earlier (-1) or later (+1), give it another topic, or
    make the curriculum `sessions` long."""

    action: Literal["move", "topic", "sessions"]
    number: int = Field(default=0, ge=0)  # the session moved or given a topic
    step: Literal[-1, 0, 1] = 0
    topic: str = ""
    sessions: int = 0


class SessionChange(BaseModel):
    """Session `number` was one thing and is now another (format and topics)."""

    number: int
    before_format: str
    before_topics: list[str]
    after_format: str
    after_topics: list[str]


class CurriculumChanges(BaseModel):
    """What changed from one version to the next: sessions whose content differs at the same number, and the
    number of sessions."""

    sessions: list[SessionChange] = []
    count_before: int
    count_after: int

    @property
    def empty(self) -> bool:
        return not self.sessions and self.count_before == self.count_after


# ---- editing -----------------------------------------------------------------------------------------------


def _renumbered(curriculum: Curriculum, sessions: list[CurriculumSession]) -> Curriculum:
    numbered = [s.model_copy(update={"number": i}) for i, s in enumerate(sessions, start=1)]
    edited = curriculum.model_copy(update={"sessions": numbered}, deep=True)
    kept = set(cited_ids(edited))
    edited.citations = [c for c in edited.citations if c.id in kept]  # sources no session cites any more go
    return edited


def _title(format_slug: str, topic: str | None, lang: Language, name: TopicName) -> str:
    format_name = t(lang, f"format_{format_slug}")
    return t(lang, "curriculum_session_title", format=format_name, topic=name(topic, lang)) if topic else format_name


def move_session(curriculum: Curriculum, number: int, step: int) -> Curriculum:
    """Swap session `number` with the one before (step -1) or after (+1); at either end nothing moves."""
    sessions = list(curriculum.sessions)
    here, there = number - 1, number - 1 + step
    if step == 0 or not (0 <= here < len(sessions) and 0 <= there < len(sessions)):
        return curriculum.model_copy(deep=True)
    sessions[here], sessions[there] = sessions[there], sessions[here]
    return _renumbered(curriculum, sessions)


def replace_topic(curriculum: Curriculum, number: int, slug: str, name: TopicName) -> Curriculum:
    """Session `number` is about `slug` now: its title follows; its rationale says the mentor chose the topic
    (the old one's reason and sources no longer apply)."""
    if not 1 <= number <= len(curriculum.sessions):
        raise ValueError(f"there is no session {number}")
    lang = curriculum.language
    sessions = list(curriculum.sessions)
    old = sessions[number - 1]
    if old.topics == [slug]:
        return curriculum.model_copy(deep=True)
    sessions[number - 1] = old.model_copy(
        update={
            "topics": [slug],
            "title": _title(old.format, slug, lang, name),
            "rationale": t(lang, "curriculum_topic_chosen", topic=name(slug, lang)),
            "citations": [],
        }
    )
    return _renumbered(curriculum, sessions)


def resize(curriculum: Curriculum, count: int, name: TopicName) -> Curriculum:
    """`count` sessions (brought into the programme's limits). The last session stays last (the closing one):
    fewer sessions drop those just before it; more add hands-on labs before it, on the curriculum's topics in
    turn."""
    count = clamp_programme_sessions(count)
    sessions = list(curriculum.sessions)
    if count == len(sessions):
        return curriculum.model_copy(deep=True)
    if len(sessions) <= 1:
        raise ValueError("a curriculum to resize has an opening and a closing session")
    last = sessions[-1]
    middle = sessions[:-1]
    if count < len(sessions):
        return _renumbered(curriculum, [*middle[: count - 1], last])
    lang = curriculum.language
    topics = list(dict.fromkeys(s.topics[0] for s in sessions if len(s.topics) == 1))
    added = []
    for i in range(count - len(sessions)):
        topic = topics[i % len(topics)] if topics else None
        added.append(
            CurriculumSession(
                number=0,
                format=ADDED_FORMAT,
                title=_title(ADDED_FORMAT, topic, lang, name),
                topics=[topic] if topic else [],
                rationale=t(lang, "curriculum_session_added"),
            )
        )
    return _renumbered(curriculum, [*middle, *added, last])


def apply_edit(curriculum: Curriculum, edit: CurriculumEdit, name: TopicName) -> Curriculum:
    if edit.action == "move":
        return move_session(curriculum, edit.number, edit.step)
    if edit.action == "topic":
        return replace_topic(curriculum, edit.number, edit.topic, name)
    return resize(curriculum, edit.sessions, name)


def problems(curriculum: Curriculum, topics: set[str], formats: set[str]) -> list[str]:
    """Why a curriculum sent back for review cannot be submitted (empty when it can): every topic from the
    library, every format a known one, a count within the programme's limits."""
    found = []
    count = len(curriculum.sessions)
    if not MIN_PROGRAMME_SESSIONS <= count <= MAX_PROGRAMME_SESSIONS:
        found.append(f"{count} sessions: a curriculum has {MIN_PROGRAMME_SESSIONS}-{MAX_PROGRAMME_SESSIONS}")
    if [s.number for s in curriculum.sessions] != list(range(1, count + 1)):
        found.append("sessions are not numbered 1..n")
    found += [f"unknown topic {slug!r}" for s in curriculum.sessions for slug in s.topics if slug not in topics]
    found += [f"unknown format {s.format!r}" for s in curriculum.sessions if s.format not in formats]
    return found


# ---- what changed ------------------------------------------------------------------------------------------


def changes(before: Curriculum, after: Curriculum) -> CurriculumChanges:
    """Session by session (same number, different format or topics) and the number of sessions."""
    moved = [
        SessionChange(
            number=new.number,
            before_format=old.format,
            before_topics=list(old.topics),
            after_format=new.format,
            after_topics=list(new.topics),
        )
        for old, new in zip(before.sessions, after.sessions, strict=False)
        if (old.format, old.topics) != (new.format, new.topics)
    ]
    return CurriculumChanges(sessions=moved, count_before=len(before.sessions), count_after=len(after.sessions))


def session_label(format_slug: str, topics: list[str], lang: Language, name: TopicName, full: bool = False) -> str:
    """The topic when the session has one of its own, else the format; `full`: the format and the topic."""
    if len(topics) != 1:
        return t(lang, f"format_{format_slug}")
    topic = name(topics[0], lang)
    return t(lang, "curriculum_session_title", format=t(lang, f"format_{format_slug}"), topic=topic) if full else topic


def change_lines(found: CurriculumChanges, lang: Language, name: TopicName) -> list[str]:
    """One line per changed session, then the number of sessions: "session 3: Phishing → Video meetings"."""
    lines = []
    for change in found.sessions:
        before = session_label(change.before_format, change.before_topics, lang, name)
        after = session_label(change.after_format, change.after_topics, lang, name)
        if before == after:  # the same topic in another format (a deep-dive and its lab swapped)
            before = session_label(change.before_format, change.before_topics, lang, name, full=True)
            after = session_label(change.after_format, change.after_topics, lang, name, full=True)
        lines.append(t(lang, "curriculum_change_session", n=change.number, before=before, after=after))
    if found.count_before != found.count_after:
        lines.append(t(lang, "curriculum_change_count", before=found.count_before, after=found.count_after))
    return lines


def changes_summary(found: CurriculumChanges | None, lang: Language, name: TopicName) -> str:
    """The changes on one line ("session 3: Phishing → Video meetings; 8 → 6 sessions"); "" without any."""
    if found is None:
        return ""
    lines = change_lines(found, lang, name)
    return "; ".join(lines) if lines else t(lang, "curriculum_no_changes")
