"""Plans as readable Markdown (chat, CLI, export), in the plan's own language."""

from __future__ import annotations

from collections.abc import Iterator

from companion.domain import CitedText, Hit, IngestReport, Language, SessionPlan
from companion.i18n import t


def _refs(citations: list[str], numbers: dict[str, int]) -> str:
    return " " + "".join(f"[{numbers[c]}]" for c in citations if c in numbers) if citations else ""


def _cited_list(items: list[CitedText], numbers: dict[str, int]) -> list[str]:
    return [f"- {item.text}{_refs(item.citations, numbers)}" for item in items]


def plan_sections(plan: SessionPlan) -> Iterator[str]:
    """The plan one section at a time, so the chat can stream it as it is written."""
    lang = plan.language
    numbers = {c.id: n for n, c in enumerate(plan.citations, start=1)}
    format_name = t(lang, f"format_{plan.format}") if plan.format else ""
    heading = t(lang, "plan_heading", number=plan.session_number, format=format_name, minutes=plan.session_minutes)
    yield f"### {heading}\n"
    if plan.notice:
        yield f"> ⚠️ {plan.notice}\n"

    if plan.topics:
        lines = [f"#### {t(lang, 'topics')}"]
        lines += [f"- **{topic.title}**: {topic.why}{_refs(topic.citations, numbers)}" for topic in plan.topics]
        yield "\n".join(lines) + "\n"

    lines = [f"#### {t(lang, 'agenda')}"]
    for n, item in enumerate(plan.agenda, start=1):
        first, *rest = item.activity.split("\n")
        lines.append(f"{n}. **{item.title}** ({item.minutes} {t(lang, 'minutes_short')}): {first}{_refs(item.citations, numbers)}")
        lines += [f"   {line}" for line in rest]
    yield "\n".join(lines) + "\n"

    questions = plan.reflection_questions
    lines = [f"#### {t(lang, 'reflection_questions')}", f"**{t(lang, 'for_mentor')}**"]
    lines += _cited_list(questions.mentor, numbers)
    lines += ["", f"**{t(lang, 'for_manager')}**"] + _cited_list(questions.manager, numbers)
    yield "\n".join(lines) + "\n"

    if plan.exercises:
        lines = [f"#### {t(lang, 'exercises')}"]
        for exercise in plan.exercises:
            level = t(lang, f"level_{exercise.level}")
            minutes = f", {exercise.minutes} {t(lang, 'minutes_short')}" if exercise.minutes else ""
            lines.append(f"**{exercise.title}** ({level}{minutes}){_refs(exercise.citations, numbers)}")
            lines += [f"{n}. {step}" for n, step in enumerate(exercise.steps, start=1)]
            lines.append("")
        yield "\n".join(lines)

    if plan.briefing:
        yield "\n".join([f"#### {t(lang, 'briefing')}", *_cited_list(plan.briefing, numbers)]) + "\n"

    lines = [f"#### {t(lang, 'sources')}"]
    lines += [f"{n}. `{c.id}` ({c.source})" for c, n in ((c, numbers[c.id]) for c in plan.citations)]
    yield "\n".join(lines) + "\n"


def plan_markdown(plan: SessionPlan) -> str:
    return "\n".join(plan_sections(plan))


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
    lines = [t(lang, "upload_done", added=len(report.added), updated=len(report.updated),
               unchanged=report.unchanged, chunks=report.chunks_written)]
    if report.errors:
        lines += ["", f"**{t(lang, 'upload_refused')}**"] + [f"- ⚠️ {error.file}: {error.message}" for error in report.errors]
    return "\n".join(lines)
