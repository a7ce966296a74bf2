"""HR's workspace: the queue of submitted curricula (approve or ask for changes, with a comment) and the
programme dashboard for a period: sessions held per pair and per month, DigComp areas covered, exercise
completion, self-assessment before and after, and the overview as CSV (built when it is downloaded). Never
private notes or journals: the engine does not give them."""

from __future__ import annotations

import gradio as gr

from companion.app_services import Dashboard, Desks
from companion.domain import DASHBOARD_PERIODS, DIGCOMP_AREAS, DashboardPeriod, Language
from companion.i18n import t
from companion.services import Services
from companion.ui.charts import bar_chart, completion_chart, level_chart
from companion.ui.common import HANDLED, Labels, format_date, format_month, format_number, friendly, username_of
from companion.ui.curriculum_panel import review_markdown

CHARTS = ("hr-chart-pairs", "hr-chart-months", "hr-chart-areas", "hr-chart-exercises", "hr-chart-assessment")
EMPTY_DASHBOARD: tuple[str, ...] = ("",) * (len(CHARTS) + 1)
# The CSV is built on click into a hidden download button, which this then clicks: one click, a fresh file.


def dashboard_summary(board: Dashboard, lang: Language) -> str:
    summary = t(
        lang,
        "dashboard_summary",
        sessions=format_number(board.sessions_held, lang),
        percent=format_number(round(100 * board.exercise_completion), lang),
    )
    period = t(lang, "period_since", date=format_date(board.since, lang)) if board.since else t(lang, "period_all")
    return f"{period} · {summary}"


def dashboard_charts(board: Dashboard, lang: Language) -> tuple[str, ...]:
    pairs, months, areas, exercises, assessment = CHARTS
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
        return (dashboard_summary(board, lang), *dashboard_charts(board, lang))

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
    charts = []
    with gr.Row(equal_height=False, elem_classes=["cmp-chart-row"]):
        for chart_id in CHARTS[:2]:
            charts.append(gr.HTML(elem_id=f"{chart_id}-box", min_width=280))
    with gr.Row(equal_height=False, elem_classes=["cmp-chart-row"]):
        for chart_id in CHARTS[2:4]:
            charts.append(gr.HTML(elem_id=f"{chart_id}-box", min_width=280))
    charts.append(gr.HTML(elem_id=f"{CHARTS[4]}-box"))

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
    outputs = [summary, *charts]
    refresh.click(dashboard, [period, language], outputs, api_name="dashboard")
    period.input(dashboard, [period, language], outputs, api_visibility="private")

    def on_language(current: int | None, chosen: DashboardPeriod | None, lang: Language, request: gr.Request):
        return (*queue(current, lang, request), *dashboard(chosen, lang, request))

    return {
        "on_language": (on_language, [version, period, language], [version, queue_status, *outputs]),
    }
