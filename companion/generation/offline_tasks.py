"""Offline composition of the smaller use cases: topics, exercises, curriculum, answers.

Like the plan composer, every sentence comes from a retrieved section; the only words of its own are
labels from companion/locales.
"""

from __future__ import annotations

from companion.domain import Answer, CitedText, Exercise, Hit, IndexedChunk, Language, Level
from companion.generation.composer import first_sentences
from companion.knowledge.markdown import exercise_heading, numbered, plain


def exercise_from(chunk: IndexedChunk, level: Level) -> Exercise | None:
    heading = exercise_heading(chunk.heading.split(" > ")[-1])
    if heading is None:
        return None
    steps = [plain(step) for step in numbered(chunk.text)]
    return Exercise(title=heading.title, steps=steps, minutes=heading.minutes, level=level, citations=[chunk.id])


def answer_from(question: str, language: Language, hits: list[Hit]) -> Answer:
    points = [CitedText(text=first_sentences(hit.text, 3), citations=[hit.id]) for hit in hits if hit.text.strip()]
    return Answer(language=language, question=question, points=points)


def session_rationale(format_purpose: IndexedChunk | None, topic_why: IndexedChunk | None) -> tuple[str, list[str]]:
    parts, citations = [], []
    for chunk in (format_purpose, topic_why):
        if chunk is not None:
            parts.append(first_sentences(chunk.text, 1))
            citations.append(chunk.id)
    return " ".join(parts), citations
