"""Small, strict Markdown readers for the card layout: sections, bullets, steps, phases."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_BOLD_NAME = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$")
_PHASE = re.compile(r"^\*\*(?P<name>.+?)\*\*\s*\((?P<share>\d{1,3})\s*%\)\s*[:.\-–—]?\s*(?P<text>.*)$")
_EXERCISE = re.compile(r"^(?P<label>[^:]+):\s*(?P<title>.+?)\s*\((?P<minutes>\d+)\s*(?:minutes|minuti|min)\.?\)\s*$")


@dataclass
class Section:
    heading: str
    text: str = ""
    subsections: list[Section] = field(default_factory=list)


def split_sections(body: str) -> tuple[str, list[Section]]:
    """Split a body into its intro and `##` sections, each with its `###` subsections."""
    intro: list[str] = []
    sections: list[Section] = []
    lines: dict[int, list[str]] = {}  # section identity -> its own lines
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match and len(match.group(1)) == 2:
            sections.append(Section(match.group(2)))
        elif match and sections:
            sections[-1].subsections.append(Section(match.group(2)))
        elif sections:
            owner = sections[-1].subsections[-1] if sections[-1].subsections else sections[-1]
            lines.setdefault(id(owner), []).append(line)
        else:
            intro.append(line)
    for section in sections:
        for part in (section, *section.subsections):
            part.text = "\n".join(lines.get(id(part), [])).strip()
    return "\n".join(intro).strip(), sections


def _items(text: str, marker: re.Pattern[str]) -> list[str]:
    items: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        match = marker.match(line)
        if match and not raw.startswith(("  ", "\t")):
            items.append(match.group(1).strip())
        elif line and items and raw.startswith((" ", "\t")):
            items[-1] += " " + line  # a wrapped continuation line
    return items


def bullets(text: str) -> list[str]:
    return _items(text, _BULLET)


def numbered(text: str) -> list[str]:
    return _items(text, _NUMBERED)


def split_bold_name(item: str) -> tuple[str, str]:
    """'**Name** (10 min): text' -> ('Name', '(10 min): text')."""
    match = _BOLD_NAME.match(item)
    return (match.group(1).strip(), match.group(2).strip()) if match else ("", item)


@dataclass
class Phase:
    name: str
    share: int
    text: str


def phases(text: str) -> list[Phase]:
    found = []
    for item in numbered(text):
        match = _PHASE.match(item)
        if match:
            found.append(Phase(match["name"].strip(), int(match["share"]), match["text"].strip()))
    return found


@dataclass
class ExerciseHeading:
    label: str
    title: str
    minutes: int


def exercise_heading(heading: str) -> ExerciseHeading | None:
    match = _EXERCISE.match(heading.strip())
    return ExerciseHeading(match["label"].strip(), match["title"].strip(), int(match["minutes"])) if match else None


def plain(text: str) -> str:
    """Markdown emphasis removed, for one-line display."""
    return re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`", lambda m: next(g for g in m.groups() if g), text).strip()


def slugify(text: str, limit: int = 48) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "section"
