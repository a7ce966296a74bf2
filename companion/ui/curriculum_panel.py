"""The mentor answers HR's "request changes" by editing the curriculum: the latest version's sessions (number →
topic) and HR's comment; move a session, give it another topic from the library, change the number of sessions,
then send the new version. HR's review shows what changed against the version before it (`review_markdown`).

Each handler makes one desk call; the draft lives in `gr.State` until it is sent, and the desk checks it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from companion.app_services import Desks
from companion.app_services.hr import CurriculumReview
from companion.app_services.mentor import CurriculumDraft
from companion.curriculum_edit import changes_summary, session_label
from companion.domain import MAX_PROGRAMME_SESSIONS, MIN_PROGRAMME_SESSIONS, Language
from companion.i18n import t
from companion.rendering import result_markdown, safe_markdown
from companion.ui.common import HANDLED, Labels, friendly, username_of

TopicName = Callable[[str, Language], str]


def draft_markdown(draft: CurriculumDraft, lang: Language, name: TopicName) -> str:
    """HR's comment, the sessions as the mentor is editing them, the changes not sent yet, and every version."""
    lines = []
    if draft.status == "changes_requested" and draft.hr_comment:
        lines.append(f"> {t(lang, 'curriculum_hr_comment', comment=safe_markdown(draft.hr_comment))}\n")
    if not draft.editable:
        lines.append(f"{t(lang, 'curriculum_locked')}\n")
    status = t(lang, f"cstatus_{draft.status}")
    lines.append(f"**{t(lang, 'curriculum_editing', version=draft.based_on, status=status)}**\n")
    lines += [
        f"{s.number}. {safe_markdown(session_label(s.format, s.topics, lang, name, full=True))}"
        for s in draft.curriculum.sessions
    ]
    if not draft.changes.empty:
        lines.append(
            f"\n{t(lang, 'curriculum_pending', changes=safe_markdown(changes_summary(draft.changes, lang, name)))}"
        )
    lines.append(f"\n**{t(lang, 'curriculum_versions')}**\n")
    for v in draft.versions:
        line = f"- {t(lang, 'curriculum_version_line', version=v.version, status=t(lang, f'cstatus_{v.status}'))}"
        if v.hr_comment:
            line += f" · “{safe_markdown(v.hr_comment)}”"
        if v.changes is not None:
            summary = safe_markdown(changes_summary(v.changes, lang, name))
            line += f"\n  - {t(lang, 'curriculum_changes_line', previous=v.version - 1, changes=summary)}"
        lines.append(line)
    return "\n".join(lines)


def review_markdown(review: CurriculumReview, lang: Language, name: TopicName) -> str:
    """HR's view of a waiting version: what changed from the version before it, then the curriculum."""
    if review.previous is None:
        head = f"*{t(lang, 'review_first_version')}*"
    else:
        found = safe_markdown(changes_summary(review.changes, lang, name))  # topics outside the library show raw
        head = f"**{t(lang, 'review_changes', previous=review.previous)}**: {found}"
        if review.previous_comment:
            comment = safe_markdown(review.previous_comment)
            head += f"\n\n{t(lang, 'review_previous_comment', previous=review.previous, comment=comment)}"
    return f"{head}\n\n{safe_markdown(result_markdown(review.curriculum))}"


def build_curriculum_panel(
    desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels, pair: gr.Dropdown, trigger: gr.Markdown
) -> dict[str, Any]:
    """The panel under the mentor's curriculum button; it reloads when `trigger` (that button's status) changes."""
    mentor, name = desks.mentor, desks.library.topic_title

    def shown(draft: CurriculumDraft, lang: Language, status: str = "") -> tuple:
        sessions = [
            (f"{s.number} · {session_label(s.format, s.topics, lang, name)}", s.number)
            for s in draft.curriculum.sessions
        ]
        return (
            draft_markdown(draft, lang, name),
            gr.update(choices=sessions),
            gr.update(choices=draft.topics),
            gr.update(value=len(draft.curriculum.sessions)),
            draft.model_dump(mode="json"),
            status,
            gr.update(open=True) if draft.status == "changes_requested" else gr.update(),
        )

    def nothing(message: str) -> tuple:
        return message, gr.update(choices=[], value=None), gr.update(), gr.update(), {}, "", gr.update()

    def load(pair_id: int | None, lang: Language, request: gr.Request):
        if not pair_id:
            return nothing("")
        try:
            return shown(mentor.curriculum_draft(username_of(request), pair_id, lang), lang)
        except HANDLED as error:
            return nothing(friendly(error, lang))

    def relabel(pair_id: int | None, state: dict, lang: Language, request: gr.Request):
        """The same draft in the new language: edits not sent yet stay."""
        if not pair_id:
            return nothing("")
        try:
            return shown(mentor.curriculum_draft(username_of(request), pair_id, lang, state or None), lang)
        except HANDLED as error:
            return nothing(friendly(error, lang))

    def edit(pair_id: int | None, state: dict, change: dict, lang: Language, request: gr.Request):
        if not pair_id:
            return nothing(t(lang, "no_pairs"))
        try:
            draft = mentor.edit_curriculum(username_of(request), pair_id, state or None, change, lang)
        except HANDLED as error:  # the draft stays as it was
            return gr.update(), gr.update(), gr.update(), gr.update(), state, friendly(error, lang), gr.update()
        return shown(draft, lang)

    def move_up(pair_id: int | None, state: dict, number: int | None, lang: Language, request: gr.Request):
        return edit(pair_id, state, {"action": "move", "number": number or 0, "step": -1}, lang, request)

    def move_down(pair_id: int | None, state: dict, number: int | None, lang: Language, request: gr.Request):
        return edit(pair_id, state, {"action": "move", "number": number or 0, "step": 1}, lang, request)

    def new_topic(
        pair_id: int | None, state: dict, number: int | None, topic: str | None, lang: Language, request: gr.Request
    ):
        change = {"action": "topic", "number": number or 0, "topic": topic or ""}
        return edit(pair_id, state, change, lang, request)

    def sessions(pair_id: int | None, state: dict, count: float | None, lang: Language, request: gr.Request):
        return edit(pair_id, state, {"action": "sessions", "sessions": int(count or 0)}, lang, request)

    def resubmit(pair_id: int | None, state: dict, lang: Language, request: gr.Request) -> str:
        if not pair_id:
            return t(lang, "no_pairs")
        try:
            version = mentor.resubmit_curriculum(username_of(request), pair_id, state or None)
        except HANDLED as error:
            return friendly(error, lang)
        return f"✅ {t(lang, 'curriculum_resubmitted', version=version.version)}"

    with gr.Accordion(t(default_lang, "curriculum_edit"), open=False, elem_id="curriculum-edit") as accordion:
        labels.add(accordion, "curriculum_edit")
        labels.add(gr.Markdown(t(default_lang, "curriculum_edit_hint")), "curriculum_edit_hint", "value")
        draft_box = gr.Markdown(elem_id="curriculum-draft")
        with gr.Row():
            session = labels.add(
                gr.Dropdown(
                    choices=[],
                    label=t(default_lang, "curriculum_pick_session"),
                    allow_custom_value=True,
                    elem_id="curriculum-session",
                    min_width=200,
                ),
                "curriculum_pick_session",
            )
            up = labels.add(
                gr.Button(t(default_lang, "curriculum_move_up"), elem_id="curriculum-up"), "curriculum_move_up", "value"
            )
            down = labels.add(
                gr.Button(t(default_lang, "curriculum_move_down"), elem_id="curriculum-down"),
                "curriculum_move_down",
                "value",
            )
        with gr.Row():
            topic = labels.add(
                gr.Dropdown(
                    choices=[],
                    label=t(default_lang, "curriculum_pick_topic"),
                    allow_custom_value=True,
                    elem_id="curriculum-topic",
                    min_width=200,
                ),
                "curriculum_pick_topic",
            )
            replace = labels.add(
                gr.Button(t(default_lang, "curriculum_replace_topic"), elem_id="curriculum-replace"),
                "curriculum_replace_topic",
                "value",
            )
        with gr.Row():
            count = labels.add(
                gr.Number(
                    label=t(default_lang, "curriculum_count_label"),
                    minimum=MIN_PROGRAMME_SESSIONS,
                    maximum=MAX_PROGRAMME_SESSIONS,
                    precision=0,
                    elem_id="curriculum-count",
                    min_width=160,
                ),
                "curriculum_count_label",
            )
            resize = labels.add(
                gr.Button(t(default_lang, "curriculum_set_count"), elem_id="curriculum-resize"),
                "curriculum_set_count",
                "value",
            )
        send = labels.add(
            gr.Button(t(default_lang, "curriculum_resubmit"), variant="primary", elem_id="curriculum-resubmit"),
            "curriculum_resubmit",
            "value",
        )
        status = gr.Markdown(elem_id="curriculum-edit-status")
    state = gr.State({})

    views = [draft_box, session, topic, count, state, status, accordion]
    pair.change(load, [pair, language], views, api_name="curriculum_draft")
    trigger.change(load, [pair, language], views, api_visibility="private")  # a curriculum was just drafted
    language.input(relabel, [pair, state, language], views, api_visibility="private")
    up.click(move_up, [pair, state, session, language], views, api_name="curriculum_move_up")
    down.click(move_down, [pair, state, session, language], views, api_name="curriculum_move_down")
    replace.click(new_topic, [pair, state, session, topic, language], views, api_name="curriculum_topic")
    resize.click(sessions, [pair, state, count, language], views, api_name="curriculum_sessions")
    sent = send.click(resubmit, [pair, state, language], status, api_name="curriculum_resubmit")

    def reload(pair_id: int | None, lang: Language, request: gr.Request):
        """After sending: the new version, ready to edit again; the status line stays."""
        return load(pair_id, lang, request)[:5]

    sent.then(reload, [pair, language], views[:5], api_visibility="private")
    return {"status": status}
