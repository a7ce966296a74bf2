"""The chat: describe the pair and the next session, get a cited plan (or exercises, topics, a curriculum,
an answer), streamed. A plan also lands in the side panel to edit (the mentor's workspace passes it)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

import gradio as gr

from companion.domain import Language, SessionPlan
from companion.i18n import t
from companion.iterators import closing_iterator
from companion.rendering import result_markdown, safe_markdown
from companion.services import Services
from companion.ui.common import HANDLED, Labels, friendly, username_of

if TYPE_CHECKING:
    from companion.app_services import Desks
    from companion.chat import Conversation

History = list[dict]


def build_chat(
    services: Services,
    language: gr.Radio,
    default_lang: Language,
    labels: Labels,
    plan_state: gr.State,
    plan_editor: gr.Markdown,
    desks: Desks | None = None,
) -> dict:
    """With `desks`, a chat about a chosen pair (its id in the chat's state) goes through the mentor's desk: the
    access is checked on every message, the plan comes from the pair's history, and the exchange is kept."""

    @cache
    def conversation() -> Conversation:
        """Built on the first message, so the page is served before the engine has loaded."""
        from companion.chat.setup import conversation_for

        return conversation_for(services)

    def send(
        message: str,
        history: History,
        state: dict,
        lang: Language,
        plan: dict,
        editor: str,
        request: gr.Request,
    ) -> Iterator[tuple]:
        from companion.chat import ChatReply, ChatState, Preview
        from companion.chat.display import reply_markdown

        current = ChatState.model_validate(state) if state else ChatState(language=lang)
        asked = [*history, {"role": "user", "content": safe_markdown(message)}]
        title = None
        if desks is not None and current.pair_id is not None:
            events = desks.mentor.chat(username_of(request), current.pair_id, message or "", current)
            title = desks.mentor.topic_title
        else:
            events = conversation().respond(message or "", current)
        # Gradio closes this generator at its next yield once the browser has left; closing the events with it
        # closes the model's HTTP stream and frees the LLM slot at once (tests/ui/test_chat_disconnect.py).
        try:
            with closing_iterator(events) as open_events:
                for event in open_events:
                    if isinstance(event, Preview):  # the model is still writing: show what it has so far
                        yield (
                            [*asked, {"role": "assistant", "content": safe_markdown(event.markdown)}],
                            "",
                            state,
                            "",
                            plan,
                            editor,
                        )
                        continue
                    reply: ChatReply = event
                    if reply.kind == "error":  # nothing is lost: the text stays in the box
                        yield history, message, state, f"⚠️ {reply.text}", plan, editor
                        return
                    if isinstance(reply.result, SessionPlan):
                        plan, editor = reply.result.model_dump(mode="json"), result_markdown(reply.result)
                    # One update with every section: the result is complete here (the model's text was streamed above
                    # as previews), and each update costs a full postprocess and diff of every output (bench/load.py).
                    written = reply_markdown(reply, title)
                    yield (
                        [*asked, {"role": "assistant", "content": written}],
                        "",
                        reply.state.model_dump(),
                        "",
                        plan,
                        editor,
                    )
                    return
        except HANDLED as error:  # not (or no longer) this mentor's pair: nothing is lost, the text stays
            yield history, message, state, friendly(error, lang), plan, editor

    state = gr.State({})
    chatbot = labels.add(
        gr.Chatbot(elem_id="chat", height=520, label=t(default_lang, "chat_label"), buttons=["copy"]), "chat_label"
    )
    status = gr.Markdown("", elem_id="status")
    with gr.Row(elem_id="composer"):
        message = labels.add(
            gr.Textbox(
                label=t(default_lang, "message_label"),  # the box's accessible name; shown only to screen readers
                placeholder=t(default_lang, "chat_placeholder"),
                show_label=False,
                lines=1,  # Enter sends; Shift+Enter adds a line (the box grows up to max_lines)
                max_lines=6,
                scale=5,
                min_width=200,
                elem_id="message",
                max_length=services.settings.max_message_chars * 2,
            ),
            "chat_placeholder",
            "placeholder",
        )
        labels.add(message, "message_label")
        send_button = labels.add(
            gr.Button(t(default_lang, "send"), variant="primary", scale=0, min_width=90, elem_id="send"),
            "send",
            "value",
        )
    new_button = labels.add(
        gr.Button(t(default_lang, "new_conversation"), size="sm", variant="secondary", elem_id="chat-new"),
        "new_conversation",
        "value",
    )
    examples = gr.Examples(
        [t(default_lang, "example_1"), t(default_lang, "example_2")], inputs=message, label=t(default_lang, "examples")
    )
    labels.add_update(
        examples.dataset,
        lambda lang: {"label": t(lang, "examples"), "samples": [[t(lang, "example_1")], [t(lang, "example_2")]]},
    )
    inputs = [message, chatbot, state, language, plan_state, plan_editor]
    outputs = [chatbot, message, state, status, plan_state, plan_editor]
    message.submit(send, inputs, outputs, api_name="chat")
    send_button.click(send, inputs, outputs, api_visibility="private")
    return {"chatbot": chatbot, "message": message, "state": state, "status": status, "new": new_button}
