"""The manager's workspace: the next agenda, follow-up exercises (ask, keep, mark done with feedback) and a
private reflection journal."""

from __future__ import annotations

import gradio as gr

from companion.app_services import Desks
from companion.domain import LEVELS, MAX_EXERCISE_MINUTES, Language, Level
from companion.i18n import format_date, t
from companion.rendering import result_markdown, safe_markdown
from companion.ui.assessment_panel import build_assessment_panel
from companion.ui.common import HANDLED, Labels, friendly, username_of
from companion.ui.journey_panel import build_journey_panel


def build_manager_tab(desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels) -> dict:
    def overview(pair_id: int | None, lang: Language, request: gr.Request):
        """Agenda, exercises (list and choices) and journal for the chosen pair."""
        if not pair_id:
            return t(lang, "no_pairs"), "", gr.update(choices=[]), ""
        try:
            seen = desks.manager.overview(username_of(request), pair_id)
        except HANDLED as error:
            return friendly(error, lang), "", gr.update(choices=[]), ""
        agenda_md = safe_markdown(seen.agenda_markdown) if seen.agenda_markdown else t(lang, "no_agenda")

        def line(e) -> str:
            level, status = t(lang, f"level_{e.level}"), t(lang, f"estatus_{e.status}")
            feedback = f" · “{safe_markdown(e.feedback)}”" if e.feedback else ""
            title = safe_markdown(e.title)
            return f"- {t(lang, 'exercise_line', title=title, level=level, status=status)}{feedback}"

        lines = [line(e) for e in seen.exercises]
        open_choices = [(e.title, e.id) for e in seen.open_exercises]
        entries = [
            f"- {format_date(e.created_at, lang)} {'🔗 ' if e.shared else '🔒 '}{safe_markdown(e.text)}"
            for e in seen.journal
        ]
        return (
            agenda_md,
            "\n".join(lines) or t(lang, "exercises_empty"),
            gr.update(choices=open_choices, value=None),
            "\n".join(entries) or t(lang, "journal_empty"),
        )

    def suggest(pair_id: int | None, level: Level, minutes: float | None, lang: Language, request: gr.Request):
        if not pair_id:
            return t(lang, "no_pairs"), {}
        try:
            result = desks.manager.suggest_exercises(
                username_of(request), pair_id, level, int(minutes) if minutes else None
            )
        except HANDLED as error:
            return friendly(error, lang), {}
        return safe_markdown(result_markdown(result)), result.model_dump(mode="json")

    def keep(pair_id: int | None, suggested: dict, lang: Language, request: gr.Request):
        if not pair_id or not suggested:
            return t(lang, "exercises_empty")
        try:
            exercises = desks.manager.keep_exercises(username_of(request), pair_id, suggested)
        except HANDLED as error:
            return friendly(error, lang)
        return f"✅ {t(lang, 'exercises_added', n=len(exercises))}"

    def done(exercise_id: int | None, feedback: str, lang: Language, request: gr.Request):
        try:
            desks.manager.complete_exercise(username_of(request), exercise_id, feedback or "")
        except HANDLED as error:
            return friendly(error, lang), feedback  # the feedback stays in the box
        return f"✅ {t(lang, 'exercise_done')}", ""

    def write(pair_id: int | None, text: str, shared: bool, lang: Language, request: gr.Request):
        if not pair_id:
            return t(lang, "no_pairs"), text
        try:
            desks.manager.write_journal(username_of(request), pair_id, text or "", shared)
        except HANDLED as error:
            return friendly(error, lang), text  # what was typed stays in the box
        return f"✅ {t(lang, 'journal_saved')}", ""

    pair = labels.add(
        gr.Dropdown(choices=[], label=t(default_lang, "choose_pair"), elem_id="manager-pair", allow_custom_value=True),
        "choose_pair",
    )
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            labels.add(gr.Markdown(f"## {t(default_lang, 'next_agenda')}"), "next_agenda", "value", "## {}")
            agenda = gr.Markdown(elem_id="manager-agenda")
        with gr.Column(scale=2, min_width=300):
            labels.add(gr.Markdown(f"## {t(default_lang, 'my_exercises')}"), "my_exercises", "value", "## {}")
            exercise_list = gr.Markdown(elem_id="manager-exercises")
            with gr.Row():
                level = labels.add_choices(
                    labels.add(
                        gr.Dropdown(
                            [(t(default_lang, f"level_{lv}"), lv) for lv in LEVELS],
                            value="foundation",
                            label=t(default_lang, "level_label"),
                            elem_id="exercise-level",
                            min_width=160,
                        ),
                        "level_label",
                    ),
                    [(f"level_{lv}", lv) for lv in LEVELS],
                )
                minutes = labels.add(
                    gr.Number(
                        label=t(default_lang, "minutes_available"),
                        value=30,
                        minimum=5,
                        maximum=MAX_EXERCISE_MINUTES,
                        elem_id="exercise-minutes",
                        min_width=160,
                    ),
                    "minutes_available",
                )
            suggest_button = labels.add(
                gr.Button(t(default_lang, "get_exercises"), elem_id="exercises-suggest"), "get_exercises", "value"
            )
            suggested_md = gr.Markdown(elem_id="exercises-suggested")
            suggested = gr.State({})
            keep_button = labels.add(
                gr.Button(t(default_lang, "add_exercises"), elem_id="exercises-keep"), "add_exercises", "value"
            )
            keep_status = gr.Markdown(elem_id="exercises-status")
            open_exercise = labels.add(
                gr.Dropdown(
                    choices=[],
                    label=t(default_lang, "choose_exercise"),
                    allow_custom_value=True,
                    elem_id="exercise-open",
                ),
                "choose_exercise",
            )
            feedback = labels.add(
                gr.Textbox(label=t(default_lang, "feedback_label"), lines=2, elem_id="exercise-feedback"),
                "feedback_label",
            )
            done_button = labels.add(
                gr.Button(t(default_lang, "mark_done"), elem_id="exercise-done"), "mark_done", "value"
            )
            done_status = gr.Markdown(elem_id="exercise-done-status")
    labels.add(gr.Markdown(f"## {t(default_lang, 'journal')}"), "journal", "value", "## {}")
    labels.add(gr.Markdown(t(default_lang, "journal_hint")), "journal_hint", "value")
    journal_text = labels.add(
        gr.Textbox(label=t(default_lang, "journal_entry"), lines=3, elem_id="journal-text"), "journal_entry"
    )
    share = labels.add(
        gr.Checkbox(label=t(default_lang, "share_with_mentor"), elem_id="journal-share"), "share_with_mentor"
    )
    save_entry = labels.add(gr.Button(t(default_lang, "save_entry"), elem_id="journal-save"), "save_entry", "value")
    journal_status = gr.Markdown(elem_id="journal-status")
    journal_list = gr.Markdown(elem_id="journal-list")
    build_assessment_panel(desks, language, default_lang, labels, pair)  # the DigComp self-assessment
    build_journey_panel(desks, language, default_lang, labels, pair, "manager")

    views = [agenda, exercise_list, open_exercise, journal_list]
    pair.change(overview, [pair, language], views, api_name="manager_pair")
    suggest_button.click(
        suggest, [pair, level, minutes, language], [suggested_md, suggested], api_name="suggest_exercises"
    )
    keep_button.click(keep, [pair, suggested, language], keep_status, api_name="keep_exercises").then(
        overview, [pair, language], views
    )
    done_button.click(
        done, [open_exercise, feedback, language], [done_status, feedback], api_name="complete_exercise"
    ).then(overview, [pair, language], views)
    save_entry.click(
        write, [pair, journal_text, share, language], [journal_status, journal_text], api_name="journal_entry"
    ).then(overview, [pair, language], views)
    return {"pair": pair, "on_language": (overview, [pair, language], views)}
