"""The offline composer: a deterministic plan assembled only from retrieved knowledge-base text.

Every sentence it emits comes from a card (in the profile's language); the only words of its own are
labels from companion/locales. Every item carries the chunk ids it came from.
"""

from __future__ import annotations

import re

from companion.domain import (
    AgendaItem,
    AgendaKind,
    CitedText,
    Exercise,
    IndexedChunk,
    ReflectionQuestions,
    SessionPlan,
    TopicSuggestion,
)
from companion.generation.citations import with_sources
from companion.generation.material import PlanMaterial, TopicMaterial
from companion.i18n import t
from companion.knowledge.markdown import bullets, exercise_heading, numbered, phases, plain, split_bold_name

# What each middle phase of a format is filled with, in order (the first phase is the check-in and the
# last the wrap-up in every format card). None keeps the format's own description only.
CONTENT_BY_FORMAT: dict[str, list[str | None]] = {
    "first-meeting": [None, None, "try-together"],
    "skill-deep-dive": ["discussion", "what-to-show", "try-together"],
    "hands-on-lab": [None, "try-together", "try-together"],
    "follow-up-review": [None, "discussion", None],
    "managers-turn": [None, None, None],
    "closing-session": [None, None, None],
}
CONTENT_LABEL = {"what-to-show": "demo", "try-together": "hands_on", "discussion": "discussion"}
CONTENT_KIND: dict[str, AgendaKind] = {"what-to-show": "demo", "try-together": "hands-on", "discussion": "discussion"}
# A phase without card content is classed by its name (format cards in both languages).
_PHASE_KINDS: list[tuple[AgendaKind, re.Pattern[str]]] = [
    ("reflection", re.compile(r"reflect|riflession|look\s+back|guardare\s+indietro|bilancio", re.I)),
    ("hands-on", re.compile(r"small\s+win|piccol\w+\s+success|teach\s+it\s+back|insegna|lab|prova|try|practi", re.I)),
    ("demo", re.compile(r"\bdemo|show|mostra", re.I)),
]
_ITEM_MINUTES = re.compile(r"\((\d+)\s*min")
_MINUTES_NOTE = re.compile(r"\s*\(\d+\s*min[^)]*\)")


def phase_kind(index: int, count: int, name: str, content: str | None) -> AgendaKind:
    """opening for the first phase, closing for the last, else what the phase is filled with."""
    if index == 0:
        return "opening"
    if index == count - 1:
        return "closing"
    if content:
        return CONTENT_KIND[content]
    return next((kind for kind, pattern in _PHASE_KINDS if pattern.search(name)), "discussion")


def flatten_activity(activity: str, minutes: int) -> str:
    """An agenda item is flat: if the activities listed inside it claim more minutes than the item has, their
    own timings are dropped (the item's minutes are the plan)."""
    claimed = sum(int(m) for m in _ITEM_MINUTES.findall(activity))
    return _MINUTES_NOTE.sub("", activity) if claimed > minutes else activity


def allocate_minutes(shares: list[int], total: int) -> list[int]:
    """Largest-remainder rounding: whole minutes in proportion to the shares, adding up to `total`."""
    exact = [total * share / sum(shares) for share in shares]
    minutes = [int(x) for x in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: exact[i] - minutes[i], reverse=True)
    for i in by_remainder[: total - sum(minutes)]:
        minutes[i] += 1
    return minutes


def first_sentences(text: str, limit: int = 2) -> str:
    """The opening sentences of a section, list markers dropped (list items count as sentences)."""
    items: list[str] = []
    new_item = True
    for line in text.splitlines():
        marker = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line)
        if not line.strip():
            new_item = True
        elif marker or new_item:
            items.append(line[marker.end() :] if marker else line.strip())
            new_item = False
        else:
            items[-1] += " " + line.strip()  # a wrapped line continues its item
    items = [item.strip() for item in items if item.strip()]
    items = [item if item[-1] in ".!?:" else item + "." for item in items]
    sentences = re.split(r"(?<=[.!?])\s+", plain(" ".join(" ".join(items).split())))
    return " ".join(sentences[:limit])


def item_minutes(item: str) -> int | None:
    match = _ITEM_MINUTES.search(item)
    return int(match.group(1)) if match else None


def pick_items(chunk: IndexedChunk, budget: int, taken: set[str]) -> list[str]:
    """Activities from a card section that fit the phase's minutes (always at least one)."""
    chosen: list[str] = []
    used = 0
    for item in bullets(chunk.text):
        if item in taken:
            continue
        need = item_minutes(item) or 10
        if chosen and used + need > budget:
            break
        chosen.append(item)
        used += need
        taken.add(item)
    return chosen


def format_activity(item: str, label: str) -> str:
    name, rest = split_bold_name(item)
    return f"{label}: **{name}** {rest}".strip() if name else f"{label}: {item}"


class OfflineComposer:
    name = "offline"

    def compose(self, material: PlanMaterial) -> SessionPlan:
        profile = material.profile
        lang = profile.language
        agenda = self._agenda(material)
        topics = [self._topic(topic) for topic in material.topics]
        plan = SessionPlan(
            language=lang,
            session_minutes=profile.session_minutes,
            session_number=profile.session_number,
            format=material.format_slug,
            backend="offline",
            agenda=agenda,
            topics=topics,
            reflection_questions=self._reflection(material),
            exercises=self._exercises(material),
            briefing=self._briefing(material),
        )
        return with_citation_index(plan, material)

    def _agenda(self, material: PlanMaterial) -> list[AgendaItem]:
        lang = material.profile.language
        phases_id = f"{material.format_card_id}#phases"
        found = phases(material.format_card[phases_id].text)
        minutes = allocate_minutes([p.share for p in found], material.profile.session_minutes)
        middle = CONTENT_BY_FORMAT.get(material.format_slug, [])
        turn = 0
        taken: set[str] = set()
        items = []
        for index, (phase, phase_minutes) in enumerate(zip(found, minutes, strict=True)):
            is_middle = 0 < index < len(found) - 1
            content = middle[index - 1] if is_middle and index - 1 < len(middle) else None
            description = plain(phase.text)
            activity, citations = description[:1].upper() + description[1:], [phases_id]
            if content and material.topics:
                # The next topic in turn that has this kind of content (programme cards have no demo).
                count = len(material.topics)
                order = [material.topics[(turn + i) % count] for i in range(count)]
                topic = next((c for c in order if c.section(content) is not None), order[0])
                turn = (material.topics.index(topic) + 1) % count
                chunk = topic.section(content)
                if chunk is not None:
                    label = t(lang, CONTENT_LABEL[content])
                    picked = pick_items(chunk, phase_minutes, taken)
                    activity += "\n" + "\n".join(f"- {format_activity(i, label)}" for i in picked)
                    citations.append(chunk.id)
            kind = phase_kind(index, len(found), phase.name, content if content and len(citations) > 1 else None)
            items.append(
                AgendaItem(
                    title=phase.name,
                    minutes=phase_minutes,
                    activity=flatten_activity(activity, phase_minutes),
                    kind=kind,
                    citations=citations,
                )
            )
        return items

    def _topic(self, topic: TopicMaterial) -> TopicSuggestion:
        why = topic.section("why")
        return TopicSuggestion(
            slug=topic.slug,
            title=topic.name,
            why=first_sentences(why.text) if why else "",
            citations=[why.id] if why else [],
        )

    def _reflection(self, material: PlanMaterial) -> ReflectionQuestions:
        questions: dict[str, list[CitedText]] = {"mentor": [], "manager": []}
        for who in questions:
            for topic in material.topics[:1]:
                chunk = topic.section(f"reflection/{who}")
                if chunk:
                    questions[who] += [CitedText(text=plain(q), citations=[chunk.id]) for q in bullets(chunk.text)[:2]]
            bank = material.question_banks.get(who, {})
            for moment in ("during", "after"):
                chunk = next((c for c in bank.values() if c.id.endswith(f"#{material.kram_phase}/{moment}")), None)
                if chunk:
                    questions[who] += [CitedText(text=plain(q), citations=[chunk.id]) for q in bullets(chunk.text)[:1]]
        return ReflectionQuestions(**questions)

    def _exercises(self, material: PlanMaterial) -> list[Exercise]:
        exercises = []
        for topic in material.topics:
            chunk = topic.section(f"exercises/{material.level}")
            heading = exercise_heading(chunk.heading.split(" > ")[-1]) if chunk else None
            if chunk is None or heading is None:
                continue
            exercises.append(
                Exercise(
                    title=heading.title,
                    steps=[plain(step) for step in numbered(chunk.text)],
                    minutes=heading.minutes,
                    level=material.level,
                    citations=[chunk.id],
                )
            )
        return exercises

    def _briefing(self, material: PlanMaterial) -> list[CitedText]:
        notes = []
        for topic in material.topics:
            chunk = topic.section("mentor-tips")
            if chunk:
                notes += [CitedText(text=plain(tip), citations=[chunk.id]) for tip in bullets(chunk.text)[:2]]
        return notes


def with_citation_index(plan: SessionPlan, material: PlanMaterial) -> SessionPlan:
    """Fill `citations` with id and source of every cited chunk (all of them retrieved by construction)."""
    return with_sources(plan, material.sources())
