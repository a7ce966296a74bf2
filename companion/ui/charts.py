"""Dashboard charts as plain HTML: a table per chart with a bar and its number in each row. Every bar starts
at zero, counts are whole numbers, every row (a pair with one session too) is visible, the text is in the
user's language, and a screen reader reads the same table a sighted user sees."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from companion.domain import SELF_LEVELS, Language, SelfLevel
from companion.i18n import t


def _figure(chart_id: str, title: str, body: str) -> str:
    return (
        f'<figure class="cmp-chart" id="{chart_id}" aria-labelledby="{chart_id}-title">'
        f'<figcaption id="{chart_id}-title">{escape(title)}</figcaption>{body}</figure>'
    )


def _bar(value: float, top: float, text: str, tone: str = "") -> str:
    width = 0 if top <= 0 else round(100 * value / top, 1)
    return (
        f'<span class="cmp-track"><span class="cmp-bar {tone}" style="width:{width}%"></span></span>'
        f'<span class="cmp-value">{escape(text)}</span>'
    )


def bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, str]], lang: Language) -> str:
    """rows: (label, whole number, the number as written in the language); bars share one scale from zero."""
    if not rows or not any(value for _, value, _ in rows):
        return _figure(chart_id, title, f'<p class="cmp-empty">{escape(t(lang, "no_data"))}</p>')
    top = max(value for _, value, _ in rows)
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{_bar(value, top, text)}</td></tr>' for label, value, text in rows
    )
    return _figure(chart_id, title, f'<table class="cmp-bars"><tbody>{body}</tbody></table>')


def completion_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, int]], lang: Language) -> str:
    """rows: (pair, done, assigned); the bar is the share done, the text says "2 of 3"."""
    if not rows:
        return _figure(chart_id, title, f'<p class="cmp-empty">{escape(t(lang, "no_data"))}</p>')
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        f"<td>{_bar(done, assigned, t(lang, 'exercises_of', done=done, total=assigned))}</td></tr>"
        for label, done, assigned in rows
    )
    return _figure(chart_id, title, f'<table class="cmp-bars"><tbody>{body}</tbody></table>')


def level_chart(
    chart_id: str, title: str, rows: Sequence[tuple[str, SelfLevel | None, SelfLevel | None]], lang: Language
) -> str:
    """rows: (pair, level before, level after) on the framework's own scale (not yet ... advanced)."""
    if not rows:
        return _figure(chart_id, title, f'<p class="cmp-empty">{escape(t(lang, "no_data"))}</p>')
    top = len(SELF_LEVELS) - 1
    scale = " · ".join(t(lang, f"self_level_{level}") for level in SELF_LEVELS)
    head = (
        f'<thead><tr><td></td><th scope="col">{escape(t(lang, "before_label"))}</th>'
        f'<th scope="col">{escape(t(lang, "after_label"))}</th></tr></thead>'
    )

    def cell(level: SelfLevel | None, tone: str) -> str:
        if level is None:
            return f'<td><span class="cmp-value cmp-muted">{escape(t(lang, "not_assessed"))}</span></td>'
        return f"<td>{_bar(SELF_LEVELS.index(level), top, t(lang, f'self_level_{level}'), tone)}</td>"

    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>{cell(before, "cmp-before")}{cell(after, "cmp-after")}</tr>'
        for label, before, after in rows
    )
    return _figure(
        chart_id,
        title,
        f'<table class="cmp-bars cmp-levels">{head}<tbody>{body}</tbody></table>'
        f'<p class="cmp-scale">{escape(scale)}</p>',
    )


def paired_chart(
    chart_id: str,
    title: str,
    columns: tuple[str, str],
    rows: Sequence[tuple[str, Sequence[tuple[float | None, str]]]],
    top: float,
    lang: Language,
) -> str:
    """Two bars per row on one fixed scale from zero to `top` (the check-in ratings: 0 to 5, whatever the data):
    rows are (label, [(value or None, the value as written), (...)]); None is said in words, never a bar."""
    if not any(value is not None for _, cells in rows for value, _ in cells):
        return _figure(chart_id, title, f'<p class="cmp-empty">{escape(t(lang, "no_data"))}</p>')
    head = (
        f'<thead><tr><td></td><th scope="col">{escape(columns[0])}</th>'
        f'<th scope="col">{escape(columns[1])}</th></tr></thead>'
    )

    def cell(value: float | None, text: str, tone: str) -> str:
        if value is None:
            return f'<td><span class="cmp-value cmp-muted">{escape(text)}</span></td>'
        return f"<td>{_bar(value, top, text, tone)}</td>"

    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(
            cell(value, text, tone) for (value, text), tone in zip(cells, ("cmp-before", "cmp-after"), strict=True)
        )
        + "</tr>"
        for label, cells in rows
    )
    return _figure(
        chart_id,
        title,
        f'<table class="cmp-bars cmp-levels">{head}<tbody>{body}</tbody></table>'
        f'<p class="cmp-scale">{escape(t(lang, "chart_table_hint"))}</p>',
    )
