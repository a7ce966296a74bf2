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
from companion.rendering import result_markdown, result_sections, safe_markdown
from companion.services import Services
from companion.ui.common import Labels

if TYPE_CHECKING:
    from companion.chat import Conversation

History = list[dict]


def build_chat(
    services: Services,
    language: gr.Radio,
    default_lang: Language,
    labels: Labels,
    plan_state: gr.State,
    plan_editor: gr.Textbox,
) -> dict:
    @cache
    def conversation() -> Conversation:
        """Built on the first message, so the page is served before the engine has loaded."""
        from companion.chat.setup import conversation_for

        return conversation_for(services)

    def send(message: str, history: History, state: dict, lang: Language, plan: dict, editor: str) -> Iterator[tuple]:
        from companion.chat import ChatReply, ChatState, Preview

        current = ChatState.model_validate(state) if state else ChatState(language=lang)
        asked = [*history, {"role": "user", "content": safe_markdown(message)}]
        # Gradio closes this generator at its next yield once the browser has left; closing `respond` with it
        # closes the model's HTTP stream and frees the LLM slot at once (tests/ui/test_chat_disconnect.py).
        with closing_iterator(conversation().respond(message or "", current)) as events:
            for event in events:
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
                new_state = reply.state.model_dump()
                # What the chat understood, in one discreet line above the answer ("Plan · 45 min · Thu 3 Dec · ...").
                understood = f"<sub>{safe_markdown(reply.line)}</sub>\n\n" if reply.line else ""
                if reply.result is None:
                    content = understood + safe_markdown(reply.text)
                    yield [*asked, {"role": "assistant", "content": content}], "", new_state, "", plan, editor
                    return
                if isinstance(reply.result, SessionPlan):
                    plan, editor = reply.result.model_dump(mode="json"), result_markdown(reply.result)
                # One update with every section: the result is complete here (the model's text was streamed above as
                # previews), and each update costs a full postprocess and diff of every output (bench/load.py).
                written = understood + (f"{safe_markdown(reply.text)}\n\n" if reply.text else "")
                written += "".join(safe_markdown(section) + "\n" for section in result_sections(reply.result))
                yield [*asked, {"role": "assistant", "content": written}], "", new_state, "", plan, editor

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
    return {"chatbot": chatbot, "message": message, "state": state, "status": status}
