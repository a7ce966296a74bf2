"""The web app: a chat where a mentor prepares the next session.

Per-user state lives in `gr.State` (one copy per browser session); the engine objects passed in are
shared, stateless services.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import gradio as gr

from companion.chat import ChatState, Conversation
from companion.domain import Language
from companion.i18n import t
from companion.rendering import plan_sections
from companion.services import Services

History = list[dict]


def badge(services: Services, lang: Language) -> str:
    settings = services.settings
    if settings.active_backend == "llm":
        return f"`{t(lang, 'backend_llm')}: {settings.llm_model}`"
    return f"`{t(lang, 'backend_offline')}`"


def header(services: Services, lang: Language) -> str:
    return f"## {t(lang, 'app_title')}  {badge(services, lang)}\n{t(lang, 'app_intro')}"


def build_app(services: Services) -> gr.Blocks:
    conversation = Conversation(services.planner, services.settings)
    default_lang = services.settings.default_language

    def send(message: str, history: History, state: dict, lang: Language) -> Iterator[tuple[History, str, dict, str]]:
        current = ChatState.model_validate(state) if state else ChatState(language=lang)
        reply = conversation.reply(message or "", current)
        if reply.kind == "error":  # nothing is lost: the text stays in the box
            yield history, message, state, f"⚠️ {reply.text}"
            return
        new_state = reply.state.model_dump()
        history = [*history, {"role": "user", "content": message}]
        if reply.plan is None:
            yield [*history, {"role": "assistant", "content": reply.text}], "", new_state, ""
            return
        written = ""
        for section in plan_sections(reply.plan):
            written += section + "\n"
            yield [*history, {"role": "assistant", "content": written}], "", new_state, ""

    def switch_language(lang: Language, state: dict):
        if state:
            state = {**state, "language": lang}
        return (
            header(services, lang), gr.update(placeholder=t(lang, "chat_placeholder")),
            gr.update(label=t(lang, "app_title")), state,
        )

    with gr.Blocks(title=t(default_lang, "app_title"), analytics_enabled=False) as app:
        state = gr.State({})
        with gr.Row():
            intro = gr.Markdown(header(services, default_lang), elem_id="intro")
            language = gr.Radio(
                [("English", "en"), ("Italiano", "it")], value=default_lang, label="Language / Lingua",
                elem_id="language", scale=0, min_width=220,
            )
        chatbot = gr.Chatbot(elem_id="chat", height=560, label=t(default_lang, "app_title"), buttons=["copy"])
        status = gr.Markdown("", elem_id="status")
        with gr.Row():
            message = gr.Textbox(
                placeholder=t(default_lang, "chat_placeholder"), show_label=False, lines=2, scale=5,
                elem_id="message", max_length=services.settings.max_message_chars * 2,
            )
            send_button = gr.Button("➤", variant="primary", scale=0, min_width=80, elem_id="send")
        gr.Examples(
            [t("en", "example_1"), t("it", "example_2"), t("it", "example_1"), t("en", "example_2")],
            inputs=message,
        )
        outputs = [chatbot, message, state, status]
        message.submit(send, [message, chatbot, state, language], outputs, api_name="chat")
        send_button.click(send, [message, chatbot, state, language], outputs, api_name=False)
        language.change(switch_language, [language, state], [intro, message, chatbot, state], api_name=False)
    return app


def launch(services: Services, host: str | None = None, port: int | None = None) -> None:
    report = services.ingest()
    for error in report.errors:
        print(f"error: {error}")
    app = build_app(services)
    app.queue(default_concurrency_limit=4).launch(
        server_name=host or os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        server_port=port or int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        show_error=True,
    )
