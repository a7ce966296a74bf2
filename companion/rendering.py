"""Plans as readable Markdown (chat, CLI, export), in the plan's own language."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import nh3

from companion.domain import (
    Answer,
    CitedText,
    Curriculum,
    Exercise,
    ExerciseSet,
    Generated,
    Hit,
    IngestReport,
    Language,
    SessionPlan,
    TopicList,
)
from companion.i18n import t

# What user-written Markdown may keep of HTML: text formatting only. No forms, inputs, images, iframes, styles,
# event handlers, or link schemes other than http(s) and mailto.
SAFE_TAGS = {
    "a", "b", "strong", "i", "em", "u", "s", "del", "code", "pre", "kbd", "br", "p", "ul", "ol", "li",
    "blockquote", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sub", "sup", "hr",
    "details", "summary",
}  # fmt: skip
SAFE_ATTRIBUTES = {"a": {"href", "title"}}
SAFE_SCHEMES = {"http", "https", "mailto"}
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")  # ![alt](url): an image fetched from anywhere
_MD_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data|file):[^)]*\)", re.IGNORECASE)
_MD_REF_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)  # [id]: url, reference-style targets


def safe_markdown(text: str | None) -> str:
    """User-written (or uploaded) text, safe to render as Markdown: one allow-list sanitiser (nh3) for HTML,
    plus the Markdown forms of the same dangers (images, script links, reference definitions)."""
    if not text:
        return ""
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_UNSAFE_LINK.sub("]()", text)
    text = _MD_REF_LINK.sub("", text)
    if "<" in text or "&" in text:
        text = nh3.clean(
            text,
            tags=SAFE_TAGS,
            attributes=SAFE_ATTRIBUTES,
            url_schemes=SAFE_SCHEMES,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
        text = re.sub(r"^((?:&gt;\s?)+)", lambda m: m.group(1).replace("&gt;", ">"), text, flags=re.MULTILINE)
    return text


def _refs(citations: list[str], numbers: dict[str, int]) -> str:
    return " " + "".join(f"[{numbers[c]}]" for c in citations if c in numbers) if citations else ""


def _cited_list(items: list[CitedText], numbers: dict[str, int]) -> list[str]:
    return [f"- {item.text}{_refs(item.citations, numbers)}" for item in items]


def _numbers(result: Generated) -> dict[str, int]:
    return {c.id: n for n, c in enumerate(result.citations, start=1)}


def sources_markdown(result: Generated) -> str:
    """Numbered sources as titles with their section; the section ids (for tools and the curious) folded away."""
    from companion.citation_labels import citation_label

    lang = result.language
    lines = [f"#### {t(lang, 'sources')}"]
    lines += [f"{n}. {citation_label(c, lang)}" for n, c in enumerate(result.citations, start=1)]
    if result.citations:
        lines += ["", f"<details><summary>{t(lang, 'source_ids')}</summary>", ""]
        lines += [f"{n}. `{c.id}` ({c.source})" for n, c in enumerate(result.citations, start=1)]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _notice(result: Generated) -> Iterator[str]:
    if result.notice:
        yield f"> ⚠️ {result.notice}\n"


def _exercise_lines(exercise: Exercise, lang: Language, numbers: dict[str, int]) -> list[str]:
    level = t(lang, f"level_{exercise.level}")
    minutes = f", {exercise.minutes} {t(lang, 'minutes_short')}" if exercise.minutes else ""
    lines = [f"**{exercise.title}** ({level}{minutes}){_refs(exercise.citations, numbers)}"]
    return lines + [f"{n}. {step}" for n, step in enumerate(exercise.steps, start=1)] + [""]


def plan_sections(plan: SessionPlan) -> Iterator[str]:
    """The plan one section at a time, so the chat can stream it as it is written."""
    lang = plan.language
    numbers = _numbers(plan)
    format_name = t(lang, f"format_{plan.format}") if plan.format else ""
    heading = t(lang, "plan_heading", number=plan.session_number, format=format_name, minutes=plan.session_minutes)
    yield f"### {heading}\n"
    yield from _notice(plan)

    if plan.topics:
        lines = [f"#### {t(lang, 'topics')}"]
        lines += [f"- **{topic.title}**: {topic.why}{_refs(topic.citations, numbers)}" for topic in plan.topics]
        yield "\n".join(lines) + "\n"

    lines = [f"#### {t(lang, 'agenda')}"]
    for n, item in enumerate(plan.agenda, start=1):
        first, *rest = item.activity.split("\n")
        minutes = f"{item.minutes} {t(lang, 'minutes_short')}"
        what = f": {first}" if first else ""  # a step the mentor added has a title and minutes only
        lines.append(f"{n}. **{item.title}** ({minutes}){what}{_refs(item.citations, numbers)}")
        lines += [f"   {line}" for line in rest]
    yield "\n".join(lines) + "\n"

    questions = plan.reflection_questions
    lines = [f"#### {t(lang, 'reflection_questions')}", f"**{t(lang, 'for_mentor')}**"]
    lines += _cited_list(questions.mentor, numbers)
    lines += ["", f"**{t(lang, 'for_manager')}**", *_cited_list(questions.manager, numbers)]
    yield "\n".join(lines) + "\n"

    if plan.exercises:
        lines = [f"#### {t(lang, 'exercises')}"]
        for exercise in plan.exercises:
            lines += _exercise_lines(exercise, lang, numbers)
        yield "\n".join(lines)

    if plan.briefing:
        yield "\n".join([f"#### {t(lang, 'briefing')}", *_cited_list(plan.briefing, numbers)]) + "\n"

    yield sources_markdown(plan)


def topics_sections(result: TopicList) -> Iterator[str]:
    numbers, lang = _numbers(result), result.language
    yield f"### {t(lang, 'heading_topics')}\n"
    yield from _notice(result)
    yield (
        "\n".join(f"- **{topic.title}**: {topic.why}{_refs(topic.citations, numbers)}" for topic in result.topics)
        + "\n"
    )
    yield sources_markdown(result)


def exercises_sections(result: ExerciseSet) -> Iterator[str]:
    numbers, lang = _numbers(result), result.language
    yield f"### {t(lang, 'heading_exercises', level=t(lang, f'level_{result.level}'))}\n"
    yield from _notice(result)
    for exercise in result.exercises:
        yield "\n".join(_exercise_lines(exercise, lang, numbers))
    yield sources_markdown(result)


def curriculum_sections(result: Curriculum) -> Iterator[str]:
    numbers, lang = _numbers(result), result.language
    yield f"### {t(lang, 'heading_curriculum', sessions=len(result.sessions))}\n"
    yield from _notice(result)
    yield result.rationale + "\n"
    yield (
        "\n".join(f"{s.number}. **{s.title}**: {s.rationale}{_refs(s.citations, numbers)}" for s in result.sessions)
        + "\n"
    )
    yield sources_markdown(result)


def answer_sections(result: Answer) -> Iterator[str]:
    numbers, lang = _numbers(result), result.language
    yield f"### {t(lang, 'heading_answer')}\n"
    yield from _notice(result)
    yield "\n".join(f"- {point.text}{_refs(point.citations, numbers)}" for point in result.points) + "\n"
    yield sources_markdown(result)


def result_sections(result: Generated) -> Iterator[str]:
    """Any use case's result, one section at a time."""
    renderers: dict[type[Generated], Callable[[Any], Iterator[str]]] = {
        SessionPlan: plan_sections,
        TopicList: topics_sections,
        ExerciseSet: exercises_sections,
        Curriculum: curriculum_sections,
        Answer: answer_sections,
    }
    return renderers[type(result)](result)


def result_markdown(result: Generated) -> str:
    return "\n".join(result_sections(result))


def preview_markdown(partial: dict, lang: Language) -> str:
    """A live view of a model's answer while it is being written: the titles and texts it has so far."""
    lines = ["✍️ …"]
    for key in ("topics", "agenda", "sessions", "exercises", "points"):
        for item in partial.get(key) or []:
            if isinstance(item, dict):
                text = item.get("title") or item.get("text") or ""
                minutes = (
                    f" ({item['minutes']} {t(lang, 'minutes_short')})" if isinstance(item.get("minutes"), int) else ""
                )
                if text:
                    lines.append(f"- {text}{minutes}")
    return "\n".join(lines)


def hits_markdown(hits: list[Hit], lang: Language) -> str:
    if not hits:
        return t(lang, "no_results")
    blocks = []
    for hit in hits:
        where = f"{hit.heading} · " if hit.heading and hit.heading != hit.title else ""
        excerpt = " ".join(hit.text.split())
        excerpt = excerpt if len(excerpt) <= 420 else excerpt[:420].rsplit(" ", 1)[0] + " …"
        blocks.append(f"**{hit.title}** `{hit.lang}` · {where}`{hit.id}` · {hit.source}\n\n> {excerpt}")
    return "\n\n".join(blocks)


def ingest_markdown(report: IngestReport, lang: Language) -> str:
    lines = [
        t(
            lang,
            "upload_done",
            added=len(report.added),
            updated=len(report.updated),
            unchanged=report.unchanged,
            chunks=report.chunks_written,
        )
    ]
    if report.errors:
        lines += ["", f"**{t(lang, 'upload_refused')}**"] + [
            f"- ⚠️ {error.file}: {error.message}" for error in report.errors
        ]
    return "\n".join(lines)
