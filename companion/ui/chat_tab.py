"""The mentor's chat: describe the pair and the next session, get a cited plan, streamed."""

from __future__ import annotations

from collections.abc import Iterator

import gradio as gr

from companion.chat import ChatReply, ChatState, Conversation, Preview
from companion.domain import Language
from companion.i18n import t
from companion.rendering import result_sections
from companion.services import Services

History = list[dict]


def build_chat_tab(services: Services, language: gr.Radio, default_lang: Language) -> dict[str, gr.components.Component]:
    conversation = Conversation(services.planner, services.settings)

    def send(message: str, history: History, state: dict, lang: Language) -> Iterator[tuple[History, str, dict, str]]:
        current = ChatState.model_validate(state) if state else ChatState(language=lang)
        asked = [*history, {"role": "user", "content": message}]
        for event in conversation.respond(message or "", current):
            if isinstance(event, Preview):  # the model is still writing: show what it has so far
                yield [*asked, {"role": "assistant", "content": event.markdown}], "", state, ""
                continue
            reply: ChatReply = event
            if reply.kind == "error":  # nothing is lost: the text stays in the box
                yield history, message, state, f"⚠️ {reply.text}"
                return
            new_state = reply.state.model_dump()
            if reply.result is None:
                yield [*asked, {"role": "assistant", "content": reply.text}], "", new_state, ""
                return
            written = ""
            for section in result_sections(reply.result):
                written += section + "\n"
                yield [*asked, {"role": "assistant", "content": written}], "", new_state, ""

    state = gr.State({})
    chatbot = gr.Chatbot(elem_id="chat", height=560, label=t(default_lang, "app_title"), buttons=["copy"])
    status = gr.Markdown("", elem_id="status")
    with gr.Row():
        message = gr.Textbox(
            placeholder=t(default_lang, "chat_placeholder"), show_label=False, lines=2, scale=5,
            elem_id="message", max_length=services.settings.max_message_chars * 2,
        )
        send_button = gr.Button("➤", variant="primary", scale=0, min_width=80, elem_id="send")
    gr.Examples(
        [t("en", "example_1"), t("it", "example_2"), t("it", "example_1"), t("en", "example_2")], inputs=message
    )
    outputs = [chatbot, message, state, status]
    message.submit(send, [message, chatbot, state, language], outputs, api_name="chat")
    send_button.click(send, [message, chatbot, state, language], outputs, api_name=False)
    return {"chatbot": chatbot, "message": message, "state": state}
