"""The mentor's workspace: pick a pair, prepare the next session in the chat, edit and save the plan, share
it with the manager, export it, see the pair's history, and submit a curriculum to HR."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import gradio as gr

from companion.domain import Language, PairProfile, SessionPlan
from companion.i18n import t
from companion.services import Services
from companion.store.exports import session_ics
from companion.ui.chat_tab import build_chat
from companion.ui.common import HANDLED, Labels, actor_of, friendly

EXPORTS = Path(tempfile.gettempdir()) / "companion-exports"


def pair_context(services: Services, request: gr.Request, pair_id: int | None, lang: Language) -> tuple[str, dict, str]:
    """Summary line, a chat state seeded with the pair, and its history."""
    if not pair_id:
        return t(lang, "no_pairs"), {}, ""
    actor = actor_of(services, request)
    programme = services.programme
    pair = programme.pair(actor, pair_id)
    number = programme.next_session_number(actor, pair_id)
    summary = t(
        lang,
        "pair_summary",
        mentor=pair.mentor.display_name,
        manager=pair.manager.display_name,
        goals=pair.goals or "-",
        next=number,
        total=pair.total_sessions,
        minutes=pair.session_minutes,
    )
    state = {
        "language": pair.language,
        "session_minutes": pair.session_minutes,
        "session_number": number,
        "total_sessions": pair.total_sessions,
        "goals": pair.goals,
        "intent": "plan",
    }
    return summary, state, history_markdown(services, request, pair_id, lang)


def history_markdown(services: Services, request: gr.Request, pair_id: int, lang: Language) -> str:
    actor = actor_of(services, request)
    programme = services.programme
    sessions = programme.sessions(actor, pair_id)
    lines = [f"#### {t(lang, 'history')}"]
    if not sessions:
        lines.append(t(lang, "history_empty"))
    for s in sessions:
        lines.append(
            "- "
            + t(
                lang,
                "history_line",
                n=s.number,
                status=t(lang, f"status_{s.status}"),
                date=s.scheduled_on or "—",
                topics=", ".join(s.topics) or "—",
            )
        )
    exercises = programme.exercises(actor, pair_id)
    lines.append(
        "\n" + t(lang, "exercises_done_line", done=sum(e.status == "done" for e in exercises), total=len(exercises))
    )
    versions = programme.curricula(actor, pair_id)
    if versions:
        last = versions[-1]
        lines.append(
            t(lang, "curriculum_status_line", version=last.version, status=t(lang, f"cstatus_{last.status}"))
            + (f" · “{last.hr_comment}”" if last.hr_comment else "")
        )
    else:
        lines.append(t(lang, "curriculum_none"))
    return "\n".join(lines)


def build_mentor_tab(services: Services, language: gr.Radio, default_lang: Language, labels: Labels) -> dict:
    programme = services.programme

    def choose(pair_id: int | None, lang: Language, request: gr.Request):
        try:
            summary, state, history = pair_context(services, request, pair_id, lang)
        except HANDLED as error:
            return friendly(error, lang), {}, "", [], {}, ""
        return summary, state, history, [], {}, ""

    def save(
        pair_id: int | None,
        plan: dict,
        markdown: str,
        shared: bool,
        lang: Language,
        chat_state: dict | None,
        request: gr.Request,
    ):
        if not pair_id or not plan:
            return f"⚠️ {t(lang, 'plan_empty')}", gr.update(), None, None
        try:
            actor = actor_of(services, request)
            parsed = SessionPlan.model_validate(plan)
            record = programme.save_plan(actor, pair_id, parsed.session_number, parsed, markdown, shared)
            day = (chat_state or {}).get("date")  # the date the chat understood ("Thursday") goes to the .ics
            if day:
                day = date.fromisoformat(day) if isinstance(day, str) else day
                programme.record_session(actor, pair_id, record.number, scheduled_on=day, status=record.status)
                record = next(s for s in programme.sessions(actor, pair_id) if s.number == record.number)
            pair = programme.pair(actor, pair_id)
        except HANDLED as error:
            return friendly(error, lang), gr.update(), None, None
        EXPORTS.mkdir(exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=EXPORTS))
        md_file = folder / f"session-{record.number}.md"
        md_file.write_text(markdown, encoding="utf-8")
        ics_file = folder / f"session-{record.number}.ics"
        ics_file.write_text(session_ics(pair, record), encoding="utf-8")
        message = t(lang, "plan_saved_shared" if shared else "plan_saved", n=record.number)
        return f"✅ {message}", history_markdown(services, request, pair_id, lang), str(md_file), str(ics_file)

    def submit_curriculum(pair_id: int | None, lang: Language, request: gr.Request):
        if not pair_id:
            return t(lang, "no_pairs"), gr.update()
        try:
            actor = actor_of(services, request)
            pair = programme.pair(actor, pair_id)
            profile = PairProfile(
                language=pair.language,
                goals=pair.goals,
                total_sessions=pair.total_sessions,
                session_minutes=pair.session_minutes,
            )
            curriculum = services.planner.curriculum(profile, pair.total_sessions)
            version = programme.submit_curriculum(actor, pair_id, curriculum)
        except HANDLED as error:
            return friendly(error, lang), gr.update()
        return f"✅ {t(lang, 'curriculum_submitted', version=version.version)}", history_markdown(
            services, request, pair_id, lang
        )

    with gr.Row():
        pair = labels.add(
            gr.Dropdown(
                choices=[],
                label=t(default_lang, "choose_pair"),
                elem_id="mentor-pair",
                allow_custom_value=True,
                scale=1,
            ),
            "choose_pair",
        )
        summary = gr.Markdown(elem_id="mentor-summary")
    plan_state = gr.State({})
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            # Created first (the chat writes into it), shown in the side column.
            plan_editor = labels.add(
                gr.Textbox(
                    label=t(default_lang, "plan_panel"),
                    lines=22,
                    max_lines=40,
                    placeholder=t(default_lang, "plan_empty"),
                    elem_id="plan-editor",
                    render=False,
                ),
                "plan_panel",
            )
            chat = build_chat(services, language, default_lang, labels, plan_state, plan_editor)
        with gr.Column(scale=2):
            plan_editor.render()
            share = labels.add(
                gr.Checkbox(label=t(default_lang, "share_with_manager"), elem_id="plan-share"), "share_with_manager"
            )
            save_button = labels.add(
                gr.Button(t(default_lang, "save_plan"), variant="primary", elem_id="plan-save"), "save_plan", "value"
            )
            save_status = gr.Markdown(elem_id="plan-status")
            with gr.Row():
                md_file = labels.add(
                    gr.DownloadButton(t(default_lang, "export_md"), elem_id="plan-md"), "export_md", "value"
                )
                ics_file = labels.add(
                    gr.DownloadButton(t(default_lang, "export_ics"), elem_id="plan-ics"), "export_ics", "value"
                )
            history = gr.Markdown(elem_id="mentor-history")
            curriculum_button = labels.add(
                gr.Button(t(default_lang, "submit_curriculum"), elem_id="curriculum-submit"),
                "submit_curriculum",
                "value",
            )
            curriculum_status = gr.Markdown(elem_id="curriculum-status")

    pair.change(
        choose,
        [pair, language],
        [summary, chat["state"], history, chat["chatbot"], plan_state, plan_editor],
        api_name="mentor_pair",
    )
    save_button.click(
        save,
        [pair, plan_state, plan_editor, share, language, chat["state"]],
        [save_status, history, md_file, ics_file],
        api_name="save_plan",
    )
    curriculum_button.click(
        submit_curriculum, [pair, language], [curriculum_status, history], api_name="submit_curriculum"
    )
    return {"pair": pair}
