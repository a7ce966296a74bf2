"""HR's workspace: the queue of submitted curricula (approve or ask for changes, with a comment) and the
programme dashboard: sessions per pair over time, DigComp areas covered, exercise completion, self-assessment
before and after, and the overview as CSV. Never private notes or journals: the engine does not give them."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from companion.app_services import Desks
from companion.domain import Language
from companion.i18n import t
from companion.rendering import result_markdown, safe_markdown
from companion.services import Services
from companion.ui.common import HANDLED, Labels, friendly, username_of

AREAS = {"1": "1 Information", "2": "2 Communication", "3": "3 Content", "4": "4 Safety", "5": "5 Problem solving"}
LEVEL_SCORE = {"not-yet": 0, "foundation": 1, "intermediate": 2, "advanced": 3}


def dashboard_frames(services: Services, overview, lang: Language) -> tuple[pd.DataFrame, ...]:
    pair, count, area, when = (
        t(lang, "pair_label"),
        t(lang, "count_label"),
        t(lang, "area_label"),
        t(lang, "when_label"),
    )
    sessions = pd.DataFrame(
        [
            {pair: f"{p.mentor} · {p.manager}", "date": pd.Timestamp(d), count: n + 1}
            for p in overview.pairs
            for n, d in enumerate(p.held_dates)
        ],
        columns=[pair, "date", count],
    )
    topics = services.library.catalogue.topics
    covered: dict[str, int] = {}
    for p in overview.pairs:
        for slug in p.topics_covered:
            for code in topics[slug].digcomp if slug in topics else []:
                label = AREAS[code.split(".")[0]]
                covered[label] = covered.get(label, 0) + 1
    areas = pd.DataFrame([{area: a, count: covered.get(a, 0)} for a in AREAS.values()], columns=[area, count])
    exercises = pd.DataFrame(
        [
            {
                pair: f"{p.mentor} · {p.manager}",
                "%": round(100 * p.exercises_done / p.exercises_assigned) if p.exercises_assigned else 0,
            }
            for p in overview.pairs
        ],
        columns=[pair, "%"],
    )
    rows = []
    for p in overview.pairs:
        for label, ratings in (
            (t(lang, "before_label"), p.assessment_before),
            (t(lang, "after_label"), p.assessment_after),
        ):
            if ratings:
                rows.append(
                    {
                        pair: f"{p.mentor} · {p.manager}",
                        when: label,
                        "level": round(sum(LEVEL_SCORE.get(v, 0) for v in ratings.values()) / len(ratings), 2),
                    }
                )
    assessment = pd.DataFrame(rows, columns=[pair, when, "level"])
    return sessions, areas, exercises, assessment


def build_hr_tab(services: Services, desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels) -> dict:
    def queue(lang: Language, request: gr.Request):
        if not desks.people.is_staff(username_of(request)):
            return gr.update(choices=[]), ""  # the tab is hidden: nothing to load, nothing refused
        try:
            items = desks.hr.review_queue(username_of(request))
        except HANDLED as error:
            return gr.update(choices=[]), friendly(error, lang)
        choices = [(item.label, item.version_id) for item in items]
        return gr.update(choices=choices, value=None), "" if choices else t(lang, "queue_empty")

    def show(version_id: int | None, lang: Language, request: gr.Request) -> str:
        if not version_id:
            return ""
        try:
            return safe_markdown(result_markdown(desks.hr.waiting_curriculum(username_of(request), version_id)))
        except HANDLED as error:
            return friendly(error, lang)

    def review(version_id: int | None, comment: str, approve: bool, lang: Language, request: gr.Request):
        try:
            desks.hr.review(username_of(request), version_id, approve, comment or "")
        except HANDLED as error:
            return friendly(error, lang), comment  # the comment stays in the box
        return f"✅ {t(lang, 'reviewed_approved' if approve else 'reviewed_changes')}", ""

    def dashboard(lang: Language, request: gr.Request):
        if not desks.people.is_staff(username_of(request)):
            return ("", None, None, None, None)
        try:
            overview = desks.hr.overview(username_of(request))
        except HANDLED as error:
            return (friendly(error, lang), None, None, None, None)
        summary = t(
            lang,
            "dashboard_summary",
            sessions=overview.sessions_held,
            percent=round(100 * overview.exercise_completion),
        )
        return (summary, *dashboard_frames(services, overview, lang))

    labels.add(gr.Markdown(f"### {t(default_lang, 'review_queue')}"), "review_queue", "value", "### {}")
    with gr.Row(equal_height=False):
        with gr.Column(scale=2):
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
        with gr.Column(scale=3):
            preview = gr.Markdown(elem_id="hr-preview")
    labels.add(gr.Markdown(f"### {t(default_lang, 'dashboard')}"), "dashboard", "value", "### {}")
    refresh = labels.add(gr.Button(t(default_lang, "refresh"), elem_id="hr-refresh"), "refresh", "value")
    summary = gr.Markdown(elem_id="hr-summary")
    pair, count, area = t(default_lang, "pair_label"), t(default_lang, "count_label"), t(default_lang, "area_label")
    with gr.Row():
        sessions_plot = gr.LinePlot(
            x="date", y=count, color=pair, label=t(default_lang, "chart_sessions"), elem_id="hr-chart-sessions"
        )
        areas_plot = gr.BarPlot(x=area, y=count, label=t(default_lang, "chart_areas"), elem_id="hr-chart-areas")
    with gr.Row():
        exercises_plot = gr.BarPlot(
            x=pair, y="%", label=t(default_lang, "chart_exercises"), elem_id="hr-chart-exercises"
        )
        assessment_plot = gr.BarPlot(
            x=pair,
            y="level",
            color=t(default_lang, "when_label"),
            label=t(default_lang, "chart_assessment"),
            elem_id="hr-chart-assessment",
        )
    # Built when downloaded, behind the access rules (companion/ui/server.py), never at page load.
    labels.add(
        gr.Button(t(default_lang, "export_csv"), link="/exports/programme-overview.csv", elem_id="hr-csv"),
        "export_csv",
        "value",
    )

    version.change(show, [version, language], preview, api_name="curriculum_preview")

    def approve_version(version_id: int | None, text: str, lang: Language, request: gr.Request):
        return review(version_id, text, True, lang, request)

    def send_back(version_id: int | None, text: str, lang: Language, request: gr.Request):
        return review(version_id, text, False, lang, request)

    approve.click(approve_version, [version, comment, language], [review_status, comment], api_name="approve").then(
        queue, [language], [version, queue_status]
    )
    changes.click(send_back, [version, comment, language], [review_status, comment], api_name="request_changes").then(
        queue, [language], [version, queue_status]
    )
    outputs = [summary, sessions_plot, areas_plot, exercises_plot, assessment_plot]
    refresh.click(dashboard, [language], outputs, api_name="dashboard")
    return {
        "load_queue": (queue, [language], [version, queue_status]),
        "load_dashboard": (dashboard, [language], outputs),
    }
