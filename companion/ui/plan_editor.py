"""The plan as a document to edit, in the mentor's side panel: topics by title, the agenda as a table of steps
(title, kind, minutes) with its running total, reflection questions and follow-up exercises as lists, the sources
by card and section (their ids folded away), and the plan as it will be saved.

`plan_state` (the plan's JSON) is the one source of truth: whoever sets it (the chat, the pair's last plan, a
save) gets the editor written again from it. "Apply edits" sends what is on screen to the mentor's desk, which
has the engine validate it (companion/plan_edits.py); the validated plan becomes the new `plan_state`.
"""

from __future__ import annotations

import math
from typing import Any

import gradio as gr

from companion.app_services import Desks
from companion.domain import AGENDA_KINDS, Language, SessionPlan
from companion.i18n import t
from companion.plan_edits import (
    AgendaRow,
    PlanEdits,
    agenda_total,
    edits_of,
    insert_after,
    kind_label,
    kind_of,
    lines,
    move,
    remove,
)
from companion.rendering import result_markdown, safe_markdown, sources_markdown
from companion.ui.common import HANDLED, Labels, friendly, username_of
from companion.ui.style import TABLE_CLASS

COLUMNS = ("step_title", "step_kind", "step_minutes")


# --- The agenda table ----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def rows_of(table: Any) -> list[AgendaRow]:
    """The table's rows as the browser sent them (a list of lists, or {"data": ...}); short rows padded."""
    data = table.get("data") if isinstance(table, dict) else table
    rows = []
    for cells in data or []:
        title, kind, minutes = [*list(cells), None, None, None][:3]
        if isinstance(minutes, float) and math.isnan(minutes):
            minutes = None
        rows.append(AgendaRow(title=_cell(title), kind=_cell(kind), minutes=minutes if minutes != "" else None))
    return rows


def table_value(rows: list[AgendaRow], lang: Language) -> dict:
    return {"headers": [t(lang, key) for key in COLUMNS], "data": [[r.title, r.kind, r.minutes] for r in rows]}


def step_choices(rows: list[AgendaRow]) -> list[tuple[str, int]]:
    """The steps by number and title; the value is the step's number (1, 2...), never a falsy 0."""
    return [(f"{n}. {row.title.strip() or '…'}", n) for n, row in enumerate(rows, start=1)]


def total_markdown(rows: list[AgendaRow], plan: dict | None, lang: Language) -> str:
    """The running total against the session's length, and what to do when they differ."""
    if not plan:
        return ""
    total, minutes = agenda_total(rows), int(plan["session_minutes"])
    line = t(lang, "plan_total", total=total, minutes=minutes)
    return line if total == minutes else f"{line}\n\n⚠️ {t(lang, 'plan_edit_minutes_sum', total=total, minutes=minutes)}"


def kinds_hint(lang: Language) -> str:
    return t(lang, "plan_kinds_hint", kinds=" · ".join(kind_label(kind, lang) for kind in AGENDA_KINDS))


def edits_from(topics: str, table: Any, mentor: str, manager: str, exercises: str) -> PlanEdits:
    """What is on screen, as the engine reads edits."""
    return PlanEdits(
        topics=lines(topics),
        agenda=rows_of(table),
        mentor_questions=lines(mentor),
        manager_questions=lines(manager),
        exercises=lines(exercises),
    )


def _index(step: Any) -> int:
    """The chosen step's row (0-based), or -1 when none is chosen."""
    try:
        return int(step) - 1
    except (TypeError, ValueError):
        return -1


# --- The editor ----------------------------------------------------------------------------------------


def build_plan_editor(
    desks: Desks,
    language: gr.Radio,
    default_lang: Language,
    labels: Labels,
    plan_state: gr.State,
    preview: gr.Markdown,
) -> dict:
    """The editor's components (rendered where it is called) and its events; returns what the workspace needs:
    `fields` (the inputs of `edits_from`, in order). `preview` (created unrendered, as the chat writes into it) is
    rendered here: the plan as it will be saved."""
    with gr.Column(elem_id="plan-editor"):
        labels.add(gr.Markdown(f"### {t(default_lang, 'plan_panel')}"), "plan_panel", "value", "### {}")
        heading = gr.Markdown(t(default_lang, "plan_empty"), elem_id="plan-heading")
        with gr.Column(visible=False, elem_id="plan-fields") as fields:
            topics = labels.add(
                gr.Textbox(label=t(default_lang, "plan_topics_label"), lines=2, max_lines=8, elem_id="plan-topics"),
                "plan_topics_label",
            )
            agenda = labels.add(
                gr.Dataframe(
                    value=table_value([], default_lang),
                    headers=[t(default_lang, key) for key in COLUMNS],
                    datatype=["str", "str", "number"],
                    type="array",
                    column_count=(len(COLUMNS), "fixed"),  # type: ignore[arg-type]  # Gradio 6 still reads it: no new columns
                    interactive=True,
                    wrap=True,
                    column_widths=["50%", "32%", "18%"],
                    label=t(default_lang, "agenda"),
                    show_label=True,
                    buttons=[],
                    elem_id="plan-agenda",
                    elem_classes=[TABLE_CLASS],  # the page script gives its menu's words in the page's language
                ),
                "agenda",
            )
            hint = gr.Markdown(kinds_hint(default_lang), elem_id="plan-kinds")
            labels.add_update(hint, lambda lang: {"value": kinds_hint(lang)})
            total = gr.Markdown(elem_id="plan-total")
            with gr.Row(elem_id="plan-steps"):
                step = labels.add(
                    gr.Dropdown(
                        choices=[],
                        label=t(default_lang, "plan_step_choice"),
                        elem_id="plan-step",
                        min_width=200,
                        allow_custom_value=True,  # the choices are each user's; a step not in the table moves nothing
                    ),
                    "plan_step_choice",
                )
                buttons = {}
                for key, elem in (
                    ("plan_step_up", "plan-step-up"),
                    ("plan_step_down", "plan-step-down"),
                    ("plan_step_remove", "plan-step-remove"),
                    ("plan_step_add", "plan-step-add"),
                ):
                    buttons[key] = labels.add(
                        gr.Button(t(default_lang, key), size="sm", min_width=80, elem_id=elem), key, "value"
                    )
            mentor_questions = labels.add(
                gr.Textbox(label=t(default_lang, "plan_mentor_questions"), lines=2, max_lines=10, elem_id="plan-qm"),
                "plan_mentor_questions",
            )
            manager_questions = labels.add(
                gr.Textbox(label=t(default_lang, "plan_manager_questions"), lines=2, max_lines=10, elem_id="plan-qa"),
                "plan_manager_questions",
            )
            exercises = labels.add(
                gr.Textbox(label=t(default_lang, "plan_exercises_label"), lines=2, max_lines=10, elem_id="plan-ex"),
                "plan_exercises_label",
            )
            apply_button = labels.add(
                gr.Button(t(default_lang, "plan_apply"), elem_id="plan-apply"), "plan_apply", "value"
            )
            edit_status = gr.Markdown(elem_id="plan-edit-status")
            sources = gr.Markdown(elem_id="plan-sources")
            with labels.add(gr.Accordion(t(default_lang, "plan_preview"), open=False), "plan_preview"):
                preview.render()

    editable = [topics, agenda, mentor_questions, manager_questions, exercises]

    def show(plan: dict | None, lang: Language):
        """The editor written from the plan (or emptied when there is none)."""
        if not plan:
            hidden = gr.update(choices=[], value=None)
            return (t(lang, "plan_empty"), gr.update(visible=False), "", table_value([], lang), hidden, *[""] * 6)
        parsed = SessionPlan.model_validate(plan)
        edits = edits_of(parsed, lang)
        title = result_markdown(parsed).split("\n", 1)[0]  # the plan's own heading, in the plan's language
        notice = f"\n\n> ⚠️ {safe_markdown(parsed.notice)}" if parsed.notice else ""
        return (
            safe_markdown(title) + notice,
            gr.update(visible=True),
            "\n".join(edits.topics),
            table_value(edits.agenda, lang),
            gr.update(choices=step_choices(edits.agenda), value=1 if edits.agenda else None),
            "\n".join(edits.mentor_questions),
            "\n".join(edits.manager_questions),
            "\n".join(edits.exercises),
            total_markdown(edits.agenda, plan, lang),
            safe_markdown(sources_markdown(parsed)),
            safe_markdown(result_markdown(parsed)),
        )

    shown = [
        heading,
        fields,
        topics,
        agenda,
        step,
        mentor_questions,
        manager_questions,
        exercises,
        total,
        sources,
        preview,
    ]
    plan_state.change(show, [plan_state, language], shown, api_name="plan_editor_show")

    def recount(table: Any, plan: dict | None, chosen: Any, lang: Language):
        """The total and the step list again. The step chosen stays; with none (a new plan's table fires this
        before its step is written), the first step is chosen, as `show` does."""
        rows = rows_of(table)
        index = _index(chosen)
        if not 0 <= index < len(rows):
            index = 0
        return total_markdown(rows, plan, lang), gr.update(
            choices=step_choices(rows), value=index + 1 if rows else None
        )

    agenda.change(
        recount,
        [agenda, plan_state, step, language],
        [total, step],
        trigger_mode="always_last",
        show_progress="hidden",
        api_visibility="private",
    )

    def pick(event: gr.SelectData):
        index = event.index
        return index[0] + 1 if isinstance(index, list | tuple) and index else gr.update()

    agenda.select(pick, None, step, show_progress="hidden", api_visibility="private")

    def moved(offset: int):
        def handler(table: Any, chosen: Any, lang: Language):
            rows, position = move(rows_of(table), _index(chosen), offset)
            return table_value(rows, lang), gr.update(choices=step_choices(rows), value=position + 1)

        return handler

    def removed(table: Any, chosen: Any, lang: Language):
        rows = rows_of(table)
        if not 0 <= _index(chosen) < len(rows):
            return gr.update(), gr.update()
        rows, position = remove(rows, _index(chosen))
        return table_value(rows, lang), gr.update(choices=step_choices(rows), value=position + 1 if rows else None)

    def added(table: Any, chosen: Any, lang: Language):
        new = AgendaRow(title=t(lang, "plan_new_step"), kind=kind_label("discussion", lang), minutes=0)
        rows, position = insert_after(rows_of(table), _index(chosen), new)
        return table_value(rows, lang), gr.update(choices=step_choices(rows), value=position + 1)

    for key, handler in (
        ("plan_step_up", moved(-1)),
        ("plan_step_down", moved(1)),
        ("plan_step_remove", removed),
        ("plan_step_add", added),
    ):
        buttons[key].click(handler, [agenda, step, language], [agenda, step], api_name=key)

    def apply(
        plan: dict | None, topics_text, table, mentor_text, manager_text, exercises_text, lang, request: gr.Request
    ):
        if not plan:
            return gr.update(), f"⚠️ {t(lang, 'plan_empty')}"
        edits = edits_from(topics_text, table, mentor_text, manager_text, exercises_text)
        try:
            edited = desks.mentor.edit_plan(username_of(request), plan, edits)
        except HANDLED as error:
            return gr.update(), friendly(error, lang)
        return edited.model_dump(mode="json"), f"✅ {t(lang, 'plan_applied')}"

    apply_button.click(apply, [plan_state, *editable, language], [plan_state, edit_status], api_name="plan_apply")

    def relabel(table: Any, plan: dict | None, lang: Language):
        """The table's headers and kinds in the new language; what was typed stays."""
        rows = rows_of(table)
        for row in rows:
            kind = kind_of(row.kind)
            if kind is not None:
                row.kind = kind_label(kind, lang)
        return table_value(rows, lang), t(lang, "plan_empty") if not plan else gr.update()

    language.change(relabel, [agenda, plan_state, language], [agenda, heading], api_visibility="private")
    return {"fields": editable}
