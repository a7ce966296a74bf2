"""The pair's sessions in a workspace (mentor and manager alike): schedule, move, cancel, mark held, and the
one-minute check-in after a held session. Each handler makes one engine call; the engine checks who may."""

from __future__ import annotations

from typing import Any

import gradio as gr

from companion.app_services import Desks
from companion.domain import Language
from companion.i18n import format_date, format_when, t
from companion.rendering import safe_markdown
from companion.store.views import CheckInView, SessionView
from companion.ui.common import HANDLED, Labels, friendly, username_of
from companion.ui.style import ZONE_CLASS

# Before the browser has said its own: the page's script (ui/style.py) puts the browser's zone in the field until
# someone types in it.
DEFAULT_ZONE = {"en": "Europe/London", "it": "Europe/Rome"}


def _when(session: SessionView, lang: Language) -> str:
    if session.starts_at is None:
        return format_date(session.scheduled_on, lang)
    return format_when(session.starts_at, session.time_zone, lang)


def session_choices(sessions: list[SessionView], lang: Language) -> list[tuple[str, int]]:
    return [
        (f"{t(lang, 'session_number_label')} {s.number} · {t(lang, f'status_{s.status}')} · {_when(s, lang)}", s.id)
        for s in sessions
    ]


def check_in_line(number: int, check_in: CheckInView, lang: Language, who: str | None = None) -> str:
    """One check-in as a list item (`who`: the author's name, when known); what its author wrote goes through the
    sanitiser (the other member reads it)."""
    line = t(
        lang,
        "check_in_line",
        who=safe_markdown(who or check_in.author_name or check_in.author),
        n=number,
        rating=check_in.usefulness,
        learned=safe_markdown(check_in.learned) or "—",
        change=safe_markdown(check_in.change) or "—",
    )
    return f"- {line}" + ("" if check_in.shared else " 🔒")


def check_in_lines(sessions: list[SessionView], lang: Language) -> str:
    return "\n".join(check_in_line(s.number, c, lang) for s in sessions for c in s.check_ins)


def build_journey_panel(
    desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels, pair: gr.Dropdown, prefix: str
) -> dict[str, Any]:
    """The panel; `prefix` keeps element ids and API names apart between the mentor's and the manager's tab."""
    journey = desks.journey

    def refresh(pair_id: int | None, lang: Language, request: gr.Request, keep: int | None = None) -> tuple[Any, str]:
        """The pair's sessions; `keep` stays chosen if it is still there (marking a session held leads straight
        to its check-in, without choosing it again)."""
        if not pair_id:
            return gr.update(choices=[], value=None), ""
        try:
            sessions = journey.sessions(username_of(request), pair_id)
        except HANDLED as error:
            return gr.update(choices=[], value=None), friendly(error, lang)
        choices = session_choices(sessions, lang)
        value = keep if keep in {session_id for _, session_id in choices} else None
        return gr.update(choices=choices, value=value), check_in_lines(sessions, lang)

    def refresh_keeping(pair_id: int | None, chosen: int | None, lang: Language, request: gr.Request):
        return refresh(pair_id, lang, request, keep=chosen)

    def schedule(
        pair_id: int | None,
        number: float | None,
        starts: str,
        zone: str,
        place: str,
        lang: Language,
        request: gr.Request,
    ) -> str:
        if not pair_id:
            return t(lang, "no_pairs")
        try:
            s = journey.schedule(username_of(request), pair_id, int(number or 0), starts, zone, place)
        except HANDLED as error:
            return friendly(error, lang)
        return f"✅ {t(lang, 'session_scheduled', n=s.number, when=_when(s, lang))}"

    def move(
        session_id: int | None, starts: str, zone: str, place: str | None, lang: Language, request: gr.Request
    ) -> str:
        if not session_id:
            return t(lang, "choose_session")
        try:
            s = journey.move(username_of(request), session_id, starts, zone, place)
        except HANDLED as error:
            return friendly(error, lang)
        return f"✅ {t(lang, 'session_moved', n=s.number, when=_when(s, lang))}"

    def cancel(session_id: int | None, lang: Language, request: gr.Request) -> str:
        if not session_id:
            return t(lang, "choose_session")
        try:
            s = journey.cancel(username_of(request), session_id)
        except HANDLED as error:
            return friendly(error, lang)
        return f"✅ {t(lang, 'session_cancelled', n=s.number)}"

    def held(session_id: int | None, lang: Language, request: gr.Request) -> str:
        if not session_id:
            return t(lang, "choose_session")
        try:
            s = journey.mark_held(username_of(request), session_id)
        except HANDLED as error:
            return friendly(error, lang)
        return f"✅ {t(lang, 'session_held', n=s.number)}"

    def check_in(
        session_id: int | None,
        rating: float | None,
        learned: str,
        change: str,
        shared: bool,
        lang: Language,
        request: gr.Request,
    ) -> tuple[str, str, str]:
        if not session_id:
            return t(lang, "choose_session"), learned, change
        try:
            journey.check_in(
                username_of(request), session_id, int(rating or 0), learned or "", change or "", bool(shared)
            )
        except HANDLED as error:
            return friendly(error, lang), learned, change  # what was typed stays
        return f"✅ {t(lang, 'check_in_saved')}", "", ""

    with gr.Accordion(t(default_lang, "journey"), open=False, elem_id=f"{prefix}-journey") as accordion:
        labels.add(accordion, "journey")
        session = labels.add(
            gr.Dropdown(
                choices=[],
                label=t(default_lang, "choose_session"),
                allow_custom_value=True,
                elem_id=f"{prefix}-session",
            ),
            "choose_session",
        )
        with gr.Row():
            number = labels.add(
                gr.Number(
                    label=t(default_lang, "session_number_label"),
                    value=1,
                    minimum=1,
                    precision=0,
                    elem_id=f"{prefix}-number",
                ),
                "session_number_label",
            )
            starts = labels.add(
                gr.Textbox(label=t(default_lang, "starts_at_label"), elem_id=f"{prefix}-starts"), "starts_at_label"
            )
            zone = labels.add(
                gr.Textbox(
                    label=t(default_lang, "time_zone_label"),
                    value=DEFAULT_ZONE[default_lang],
                    elem_id=f"{prefix}-zone",
                    elem_classes=[ZONE_CLASS],
                ),
                "time_zone_label",
            )
            place = labels.add(
                gr.Textbox(label=t(default_lang, "location_label"), elem_id=f"{prefix}-place"), "location_label"
            )
        with gr.Row():
            buttons = [
                labels.add(gr.Button(t(default_lang, key), elem_id=f"{prefix}-{key}"), key, "value")
                for key in ("schedule_session", "move_session", "cancel_session", "mark_held")
            ]
        status = gr.Markdown(elem_id=f"{prefix}-session-status")
        labels.add(gr.Markdown(f"#### {t(default_lang, 'check_in')}"), "check_in", "value", "#### {}")
        labels.add(gr.Markdown(t(default_lang, "check_in_hint")), "check_in_hint", "value")
        rating = labels.add(
            gr.Slider(1, 5, value=4, step=1, label=t(default_lang, "usefulness_label"), elem_id=f"{prefix}-usefulness"),
            "usefulness_label",
        )
        learned_key = f"learned_label_{'mentor' if prefix == 'mentor' else 'manager'}"
        learned = labels.add(
            gr.Textbox(label=t(default_lang, learned_key), lines=1, elem_id=f"{prefix}-learned"), learned_key
        )
        change = labels.add(
            gr.Textbox(label=t(default_lang, "change_label"), lines=1, elem_id=f"{prefix}-change"), "change_label"
        )
        shared = labels.add(
            gr.Checkbox(label=t(default_lang, "share_check_in"), elem_id=f"{prefix}-share-check-in"), "share_check_in"
        )
        save = labels.add(
            gr.Button(t(default_lang, "save_check_in"), elem_id=f"{prefix}-check-in"), "save_check_in", "value"
        )
        check_in_status = gr.Markdown(elem_id=f"{prefix}-check-in-status")
        check_ins = gr.Markdown(elem_id=f"{prefix}-check-ins")

    views = [session, check_ins]
    pair.change(refresh, [pair, language], views)
    schedule_button, move_button, cancel_button, held_button = buttons
    schedule_button.click(
        schedule, [pair, number, starts, zone, place, language], status, api_name=f"{prefix}_schedule"
    ).then(refresh, [pair, language], views)
    move_button.click(move, [session, starts, zone, place, language], status, api_name=f"{prefix}_move").then(
        refresh_keeping, [pair, session, language], views
    )
    cancel_button.click(cancel, [session, language], status, api_name=f"{prefix}_cancel").then(
        refresh, [pair, language], views
    )
    held_button.click(held, [session, language], status, api_name=f"{prefix}_held").then(
        refresh_keeping, [pair, session, language], views
    )
    save.click(
        check_in,
        [session, rating, learned, change, shared, language],
        [check_in_status, learned, change],
        api_name=f"{prefix}_check_in",
    ).then(refresh_keeping, [pair, session, language], views)
    return {"session": session, "status": status}
