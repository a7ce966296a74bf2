"""The mentor's workspace: pick a pair, prepare the next session in the chat, edit and save the plan, share
it with the manager, export it, see the pair's history, and submit a curriculum to HR."""

from __future__ import annotations

import gradio as gr

from companion.app_services import Desks, PairContext, ResumedPair
from companion.curriculum_edit import changes_summary
from companion.domain import Language
from companion.i18n import format_date, t
from companion.rendering import safe_markdown
from companion.services import Services
from companion.ui.chat_tab import build_chat
from companion.ui.common import HANDLED, Labels, friendly, username_of
from companion.ui.curriculum_panel import build_curriculum_panel
from companion.ui.journey_panel import build_journey_panel, check_in_line
from companion.ui.plan_editor import build_plan_editor, edits_from


def export_link(pair_id: int, number: int, fmt: str) -> str:
    """Built when downloaded, for the pair's mentor only (companion/ui/server.py): no file another user can read."""
    return f"/exports/pairs/{int(pair_id)}/sessions/{int(number)}.{fmt}"


def pair_state(context: PairContext) -> dict:
    """The chat's state seeded with the pair and its next session."""
    pair = context.pair
    return {
        "pair_id": pair.id,
        "language": pair.language,
        "session_minutes": pair.session_minutes,
        "session_number": context.next_session_number,
        "total_sessions": pair.total_sessions,
        "goals": pair.goals,
        "intent": "plan",
    }


def resumed_state(resumed: ResumedPair) -> dict:
    """The chat's state for the pair as it was left: a revision ("make it shorter") works on the plan again."""
    state = pair_state(resumed.context)
    if resumed.plan:
        state["plan"] = resumed.plan
        state["last_topics"] = [topic.get("slug") for topic in resumed.plan.get("topics", []) if topic.get("slug")]
        if resumed.based_on and resumed.based_on.get("session_number") == resumed.plan.get("session_number"):
            state["based_on"] = resumed.based_on
        if resumed.day:
            state["date"] = resumed.day
    return state


def chat_messages(resumed: ResumedPair) -> list[dict]:
    """The kept conversation as the chat shows it (sanitised again: it is read back from the database)."""
    return [{"role": m.role, "content": safe_markdown(m.text)} for m in resumed.messages]


def summary_markdown(context: PairContext, lang: Language) -> str:
    pair = context.pair
    return t(
        lang,
        "pair_summary",
        mentor=pair.mentor.display_name,
        manager=pair.manager.display_name,
        goals=safe_markdown(pair.goals) or "-",
        next=context.next_session_number,
        total=pair.total_sessions,
        minutes=pair.session_minutes,
    )


def history_markdown(context: PairContext, lang: Language, topic_title=lambda slug, lang: slug) -> str:
    pair = context.pair
    lines = [f"### {t(lang, 'history')}"]
    if not context.sessions:
        lines.append(t(lang, "history_empty"))
    for s in context.sessions:
        lines.append(
            "- "
            + t(
                lang,
                "history_line",
                n=s.number,
                status=t(lang, f"status_{s.status}"),
                date=format_date(s.scheduled_on, lang),
                topics=", ".join(topic_title(slug, lang) for slug in s.topics) or "—",
            )
        )
    lines.append("\n" + t(lang, "exercises_done_line", done=context.exercises_done, total=len(context.exercises)))
    feedback = [f"- {safe_markdown(e.title)}: “{safe_markdown(e.feedback)}”" for e in context.exercises if e.feedback]
    if feedback:
        lines += [f"\n**{t(lang, 'exercise_feedback')}**", *feedback]
    shared_check_ins = [  # the engine gives a mentor only the manager's check-ins that were shared
        check_in_line(s.number, c, lang, pair.manager.display_name)
        for s in context.sessions
        for c in s.check_ins
        if c.side == "manager"
    ]
    if shared_check_ins:
        lines += [f"\n**{t(lang, 'shared_check_ins')}**", *shared_check_ins]
    if context.shared_journal:  # the mentor sees only the entries the manager shared
        lines += [
            f"\n**{t(lang, 'shared_journal')}**",
            *(f"- {format_date(e.created_at, lang)} {safe_markdown(e.text)}" for e in context.shared_journal),
        ]
    if context.curricula:
        last = context.curricula[-1]
        lines.append(
            t(lang, "curriculum_status_line", version=last.version, status=t(lang, f"cstatus_{last.status}"))
            + (f" · “{safe_markdown(last.hr_comment)}”" if last.hr_comment else "")
        )
        if context.curriculum_changes is not None:  # what the latest version changed (curriculum_panel.py)
            found = safe_markdown(changes_summary(context.curriculum_changes, lang, topic_title))
            lines.append("\n" + t(lang, "curriculum_changes_line", previous=last.version - 1, changes=found))
    else:
        lines.append(t(lang, "curriculum_none"))
    return "\n".join(lines)


def build_mentor_tab(
    services: Services, desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels
) -> dict:
    def history(context: PairContext, lang: Language) -> str:
        return history_markdown(context, lang, desks.library.topic_title)

    def choose(pair_id: int | None, lang: Language, request: gr.Request):
        """The pair as the mentor left it, here or on another device: the chat so far and the plan in progress."""
        if not pair_id:
            return t(lang, "no_pairs"), {}, "", [], {}, ""
        try:
            resumed = desks.mentor.resume_pair(username_of(request), pair_id)
        except HANDLED as error:
            return friendly(error, lang), {}, "", [], {}, ""
        context = resumed.context
        return (
            summary_markdown(context, lang),
            resumed_state(resumed),
            history(context, lang),
            chat_messages(resumed),
            resumed.plan or {},
            resumed.markdown,
        )

    def new_conversation(pair_id: int | None, lang: Language, request: gr.Request):
        """Start the chat again: for a pair, its kept conversation goes too; the last saved plan stays."""
        if not pair_id:
            return [], {}, "", {}, ""
        try:
            resumed = desks.mentor.new_conversation(username_of(request), pair_id)
        except HANDLED as error:
            return gr.update(), gr.update(), friendly(error, lang), gr.update(), gr.update()
        return chat_messages(resumed), resumed_state(resumed), "", resumed.plan or {}, resumed.markdown

    def save(
        pair_id: int | None,
        plan: dict,
        topics: str,
        agenda,
        mentor_questions: str,
        manager_questions: str,
        exercises: str,
        shared: bool,
        lang: Language,
        chat_state: dict | None,
        request: gr.Request,
    ):
        """Save the plan with what the editor shows (the desk applies and validates the edits): the exports are
        written from the saved plan."""
        if not pair_id or not plan:
            return f"⚠️ {t(lang, 'plan_empty')}", gr.update(), None, None, gr.update()
        edits = edits_from(topics, agenda, mentor_questions, manager_questions, exercises)
        try:
            day = (chat_state or {}).get("date")  # the date the chat understood ("Thursday") goes to the .ics
            based_on = (chat_state or {}).get("based_on")  # kept with the plan, to show it when the pair reopens
            saved = desks.mentor.save_plan(
                username_of(request), pair_id, plan, None, shared, day=day, edits=edits, based_on=based_on
            )
            context = desks.mentor.open_pair(username_of(request), pair_id)
        except HANDLED as error:
            return friendly(error, lang), gr.update(), None, None, gr.update()
        number = saved.session.number
        message = t(lang, "plan_saved_shared" if shared else "plan_saved", n=number)
        return (
            f"✅ {message}",
            history(context, lang),
            gr.update(link=export_link(pair_id, number, "md")),
            gr.update(link=export_link(pair_id, number, "ics")),
            saved.plan.model_dump(mode="json"),
        )

    def submit_curriculum(pair_id: int | None, lang: Language, request: gr.Request):
        if not pair_id:
            return t(lang, "no_pairs"), gr.update()
        try:
            version = desks.mentor.submit_curriculum(username_of(request), pair_id)
            context = desks.mentor.open_pair(username_of(request), pair_id)
        except HANDLED as error:
            return friendly(error, lang), gr.update()
        return f"✅ {t(lang, 'curriculum_submitted', version=version.version)}", history(context, lang)

    with gr.Row(elem_id="mentor-top"):
        pair = labels.add(
            gr.Dropdown(
                choices=[],
                label=t(default_lang, "choose_pair"),
                elem_id="mentor-pair",
                allow_custom_value=True,
                scale=1,
                min_width=260,
            ),
            "choose_pair",
        )
        summary = gr.Markdown(elem_id="mentor-summary", min_width=260)
    plan_state = gr.State({})
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            # Created first (the chat writes the plan as it will be saved into it), shown in the side column.
            preview = gr.Markdown(elem_id="plan-preview", render=False)
            chat = build_chat(services, language, default_lang, labels, plan_state, preview, desks)
        with gr.Column(scale=2, min_width=300):
            editor = build_plan_editor(desks, language, default_lang, labels, plan_state, preview)
            share = labels.add(
                gr.Checkbox(label=t(default_lang, "share_with_manager"), elem_id="plan-share"), "share_with_manager"
            )
            save_button = labels.add(
                gr.Button(t(default_lang, "save_plan"), variant="primary", elem_id="plan-save"), "save_plan", "value"
            )
            save_status = gr.Markdown(elem_id="plan-status")
            with gr.Row():
                md_file = labels.add(gr.Button(t(default_lang, "export_md"), elem_id="plan-md"), "export_md", "value")
                ics_file = labels.add(
                    gr.Button(t(default_lang, "export_ics"), elem_id="plan-ics"), "export_ics", "value"
                )
            history_box = gr.Markdown(elem_id="mentor-history")
            curriculum_button = labels.add(
                gr.Button(t(default_lang, "submit_curriculum"), elem_id="curriculum-submit"),
                "submit_curriculum",
                "value",
            )
            curriculum_status = gr.Markdown(elem_id="curriculum-status")
            curriculum_panel = build_curriculum_panel(desks, language, default_lang, labels, pair, curriculum_status)
    build_journey_panel(desks, language, default_lang, labels, pair, "mentor")

    pair.change(
        choose,
        [pair, language],
        [summary, chat["state"], history_box, chat["chatbot"], plan_state, preview],
        api_name="mentor_pair",
    )
    chat["new"].click(
        new_conversation,
        [pair, language],
        [chat["chatbot"], chat["state"], chat["status"], plan_state, preview],
        api_name="new_conversation",
    )
    save_button.click(
        save,
        [pair, plan_state, *editor["fields"], share, language, chat["state"]],
        [save_status, history_box, md_file, ics_file, plan_state],
        api_name="save_plan",
    )
    curriculum_button.click(
        submit_curriculum, [pair, language], [curriculum_status, history_box], api_name="submit_curriculum"
    )

    def on_language(pair_id: int | None, lang: Language, request: gr.Request):
        """Write the pair's summary and history again in the new language; the chat and the plan stay."""
        if not pair_id:
            return t(lang, "no_pairs"), ""
        try:
            context = desks.mentor.open_pair(username_of(request), pair_id)
        except HANDLED as error:
            return friendly(error, lang), ""
        return summary_markdown(context, lang), history(context, lang)

    # A version sent from the curriculum panel shows in the history at once.
    curriculum_panel["status"].change(on_language, [pair, language], [summary, history_box], api_visibility="private")
    return {"pair": pair, "on_language": (on_language, [pair, language], [summary, history_box])}
