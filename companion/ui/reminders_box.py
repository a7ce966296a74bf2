"""'What needs you': a short box at the top of the mentor's and the manager's workspace, filled in when the page
loads and again when the language changes: the next session, a check-in to fill in, exercises to do. One desk
call; the engine gives each person only their own facts (never the other side's notes or check-ins)."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from companion.app_services import Desks
from companion.domain import Language
from companion.i18n import t
from companion.rendering import safe_markdown
from companion.ui.common import HANDLED, friendly, username_of


def reminders_box(prefix: str) -> gr.Markdown:
    """Created inside a workspace's tab, first, so it sits at the top."""
    return gr.Markdown(elem_id=f"{prefix}-waiting", elem_classes=["cmp-waiting"])


def waiting_markdown(lines: list[str], lang: Language) -> str:
    items = [f"- {safe_markdown(line)}" for line in lines] or [t(lang, "reminders_none")]
    return "\n".join([f"**{t(lang, 'reminders')}**", *items])


def reminders_event(desks: Desks, language: gr.Radio, boxes: list[gr.Markdown]) -> tuple[Callable, list, list]:
    """(handler, inputs, outputs) to run after the page loads and after the language changes."""

    def waiting(lang: Language, request: gr.Request):
        try:
            text = waiting_markdown(desks.journey.reminders(username_of(request), lang), lang)
        except HANDLED as error:
            text = friendly(error, lang)
        return tuple(text for _ in boxes)

    return waiting, [language], list(boxes)
