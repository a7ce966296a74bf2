"""HR's workspace: the queue of submitted curricula (approve or ask for changes, with a comment) and the
programme dashboard for a period: sessions held per pair and per month, DigComp areas covered, exercise
completion, check-in ratings per side and month, self-assessment before and after, the pairs that need
attention (stalled, check-ins overdue), and the overview as CSV (built when it is downloaded). Never private
notes, journals or check-in text: the engine does not give them."""

from __future__ import annotations

from html import escape

import gradio as gr

from companion.app_services import Dashboard, Desks
from companion.app_services.hr import Attention
from companion.domain import DASHBOARD_PERIODS, DIGCOMP_AREAS, DashboardPeriod, Language
from companion.i18n import format_date, format_month, t
from companion.services import Services
from companion.ui.charts import bar_chart, completion_chart, level_chart, paired_chart
from companion.ui.common import HANDLED, Labels, format_number, friendly, username_of
from companion.ui.curriculum_panel import review_markdown

CHARTS = (
    "hr-chart-pairs",
    "hr-chart-months",
    "hr-chart-areas",
    "hr-chart-exercises",
    "hr-chart-usefulness",
    "hr-chart-assessment",
)
EMPTY_DASHBOARD: tuple[str, ...] = ("",) * (len(CHARTS) + 2)  # the summary, the attention list, the charts
RATING_TOP = 5  # the check-in scale's top: the ratings' bars run from 0 to 5 whatever the data
# The CSV is built on click into a hidden download button, which this then clicks: one click, a fresh file.


def how_many(lang: Language, unit: str, n: int) -> str:
    """ "1 week" / "3 weeks", "1 giorno" / "3 giorni": units are `weeks`, `days`, `check_ins`."""
    return t(lang, f"{unit}_one") if n == 1 else t(lang, f"{unit}_other", n=format_number(n, lang))


def rating(value: float | None, lang: Language) -> str:
    return "—" if value is None else format_number(value, lang, 1)


def dashboard_summary(board: Dashboard, lang: Language) -> str:
    summary = t(
        lang,
        "dashboard_summary",
        sessions=format_number(board.sessions_held, lang),
        percent=format_number(round(100 * board.exercise_completion), lang),
    )
    ratings = t(
        lang,
        "dashboard_ratings",
        check_ins=how_many(lang, "check_ins", board.check_ins),
        mentor=rating(board.usefulness["mentor"].average if "mentor" in board.usefulness else None, lang),
        manager=rating(board.usefulness["manager"].average if "manager" in board.usefulness else None, lang),
    )
    period = t(lang, "period_since", date=format_date(board.since, lang)) if board.since else t(lang, "period_all")
    return f"{period} · {summary}  \n{ratings}"


def attention_line(item: Attention, lang: Language) -> str:
    if item.kind == "overdue_check_in":
        return t(
            lang,
            "attention_overdue",
            pair=item.label,
            side=t(lang, f"side_{item.side}"),
            n=item.session_number,
            days=how_many(lang, "days", item.days or 0),
        )
    key = "attention_never_held" if item.never_held else "attention_stalled"
    return t(lang, key, pair=item.label, weeks=how_many(lang, "weeks", item.weeks or 0))


def attention_list(board: Dashboard, lang: Language) -> str:
    """Stalled pairs and overdue check-ins as a list under its own heading, with the thresholds that set them."""
    weeks = how_many(lang, "weeks", board.stalled_after_weeks)
    days = how_many(lang, "days", board.check_in_overdue_days)
    hint = t(lang, "attention_hint", weeks=weeks, days=days)
    if board.attention:
        items = "".join(f"<li>{escape(attention_line(item, lang))}</li>" for item in board.attention)
        body = f'<ul class="cmp-attention-list">{items}</ul>'
    else:
        body = f'<p class="cmp-empty">{escape(t(lang, "attention_none", weeks=weeks))}</p>'
    return (
        f'<section class="cmp-attention" id="hr-attention" aria-labelledby="hr-attention-title">'
        f'<h3 id="hr-attention-title">{escape(t(lang, "attention_heading"))}</h3>'
        f'<p class="cmp-scale">{escape(hint)}</p>{body}</section>'
    )


def usefulness_text(average: float | None, count: int, lang: Language) -> str:
    if average is None:
        return t(lang, "usefulness_none")
    return t(lang, "usefulness_value", average=rating(average, lang), count=how_many(lang, "check_ins", count))


def dashboard_charts(board: Dashboard, lang: Language) -> tuple[str, ...]:
    pairs, months, areas, exercises, usefulness, assessment = CHARTS
    return (
        bar_chart(
            pairs,
            t(lang, "chart_sessions_per_pair"),
            [(p.label, p.sessions_held, format_number(p.sessions_held, lang)) for p in board.pairs],
            lang,
        ),
        bar_chart(
            months,
            t(lang, "chart_over_time"),
            [(format_month(m.year, m.month, lang), n, format_number(n, lang)) for m, n in board.sessions_by_month],
            lang,
        ),
        bar_chart(
            areas,
            t(lang, "chart_areas_covered"),
            [
                (f"{a}. {t(lang, f'digcomp_area_{a}')}", board.areas[a], format_number(board.areas[a], lang))
                for a in DIGCOMP_AREAS
            ],
            lang,
        ),
        completion_chart(
            exercises,
            t(lang, "chart_exercise_completion"),
            [(p.label, p.exercises_done, p.exercises_assigned) for p in board.pairs],
            lang,
        ),
        paired_chart(
            usefulness,
            t(lang, "chart_usefulness"),
            (t(lang, "usefulness_mentors"), t(lang, "usefulness_managers")),
            [
                (
                    format_month(m.month.year, m.month.month, lang),
                    [
                        (average, usefulness_text(average, count, lang))
                        for average, count in ((m.mentor, m.mentor_count), (m.manager, m.manager_count))
                    ],
                )
                for m in board.usefulness_by_month
            ],
            RATING_TOP,
            lang,
        ),
        level_chart(
            assessment,
            t(lang, "chart_self_assessment"),
            [(p.label, p.level_before, p.level_after) for p in board.pairs],
            lang,
        ),
    )


def build_hr_tab(services: Services, desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels) -> dict:
    def queue(current: int | None, lang: Language, request: gr.Request):
        """The waiting curricula; the one chosen stays chosen while it is still waiting (a refused review keeps
        it selected)."""
        if not desks.people.is_staff(username_of(request)):
            return gr.update(choices=[]), ""  # the tab is hidden: nothing to load, nothing refused
        try:
            items = desks.hr.review_queue(username_of(request))
        except HANDLED as error:
            return gr.update(choices=[]), friendly(error, lang)
        choices = [(item.label, item.version_id) for item in items]
        keep = current if any(item.version_id == current for item in items) else None
        return gr.update(choices=choices, value=keep), "" if choices else t(lang, "queue_empty")

    def show(version_id: int | None, lang: Language, request: gr.Request) -> str:
        if not version_id:
            return ""
        try:
            review = desks.hr.curriculum_review(username_of(request), version_id)  # with what changed
            return review_markdown(review, lang, desks.library.topic_title)
        except HANDLED as error:
            return friendly(error, lang)

    def review(version_id: int | None, comment: str, approve: bool, lang: Language, request: gr.Request):
        try:
            desks.hr.review(username_of(request), version_id, approve, comment or "")
        except HANDLED as error:
            return friendly(error, lang), comment  # the comment stays in the box
        return f"✅ {t(lang, 'reviewed_approved' if approve else 'reviewed_changes')}", ""

    def dashboard(period: DashboardPeriod | None, lang: Language, request: gr.Request):
        if not desks.people.is_staff(username_of(request)):
            return EMPTY_DASHBOARD
        try:
            board = desks.hr.dashboard(username_of(request), period or "all")
        except HANDLED as error:
            return (friendly(error, lang), *EMPTY_DASHBOARD[1:])
        return (dashboard_summary(board, lang), attention_list(board, lang), *dashboard_charts(board, lang))

    labels.add(gr.Markdown(f"## {t(default_lang, 'review_queue')}"), "review_queue", "value", "## {}")
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=280):
            version = labels.add(
                gr.Dropdown(
                    choices=[], label=t(default_lang, "choose_version"), elem_id="hr-version", allow_custom_value=True
                ),
                "choose_version",
            )
            queue_status = gr.Markdown(elem_id="hr-queue-status")
            comment = labels.add(
                gr.Textbox(label=t(default_lang, "comment_label"), lines=3, elem_id="hr-comment"), "comment_label"
            )
            with gr.Row():
                approve = labels.add(
                    gr.Button(t(default_lang, "approve"), variant="primary", elem_id="hr-approve"), "approve", "value"
                )
                changes = labels.add(
                    gr.Button(t(default_lang, "request_changes"), elem_id="hr-changes"), "request_changes", "value"
                )
            review_status = gr.Markdown(elem_id="hr-review-status")
        with gr.Column(scale=3, min_width=280):
            preview = gr.Markdown(elem_id="hr-preview")
    labels.add(gr.Markdown(f"## {t(default_lang, 'dashboard')}"), "dashboard", "value", "## {}")
    with gr.Row(equal_height=False, elem_id="hr-dashboard-controls"):
        period = labels.add_choices(
            labels.add(
                gr.Dropdown(
                    [(t(default_lang, f"period_{p}"), p) for p in DASHBOARD_PERIODS],
                    value="all",
                    label=t(default_lang, "period_label"),
                    elem_id="hr-period",
                    scale=2,
                    min_width=200,
                ),
                "period_label",
            ),
            [(f"period_{p}", p) for p in DASHBOARD_PERIODS],
        )
        refresh = labels.add(
            gr.Button(t(default_lang, "refresh"), elem_id="hr-refresh", scale=1, min_width=120), "refresh", "value"
        )
        # Built when downloaded, behind the access rules, in the user's language (companion/ui/server.py).
        labels.add(
            gr.Button(
                t(default_lang, "export_overview"),
                link="/exports/programme-overview.csv",
                elem_id="hr-csv",
                scale=2,
                min_width=200,
            ),
            "export_overview",
            "value",
        )
    summary = gr.Markdown(elem_id="hr-summary")
    attention = gr.HTML(elem_id="hr-attention-box")
    charts = []
    for first in range(0, len(CHARTS), 2):
        with gr.Row(equal_height=False, elem_classes=["cmp-chart-row"]):
            for chart_id in CHARTS[first : first + 2]:
                charts.append(gr.HTML(elem_id=f"{chart_id}-box", min_width=280))

    version.change(show, [version, language], preview, api_name="curriculum_preview")

    def approve_version(version_id: int | None, text: str, lang: Language, request: gr.Request):
        return review(version_id, text, True, lang, request)

    def send_back(version_id: int | None, text: str, lang: Language, request: gr.Request):
        return review(version_id, text, False, lang, request)

    approve.click(approve_version, [version, comment, language], [review_status, comment], api_name="approve").then(
        queue, [version, language], [version, queue_status]
    )
    changes.click(send_back, [version, comment, language], [review_status, comment], api_name="request_changes").then(
        queue, [version, language], [version, queue_status]
    )
    outputs = [summary, attention, *charts]
    refresh.click(dashboard, [period, language], outputs, api_name="dashboard")
    period.input(dashboard, [period, language], outputs, api_visibility="private")

    def on_language(current: int | None, chosen: DashboardPeriod | None, lang: Language, request: gr.Request):
        return (*queue(current, lang, request), *dashboard(chosen, lang, request))

    return {
        "on_language": (on_language, [version, period, language], [version, queue_status, *outputs]),
    }
