"""The web app: tabs that call the engine's use cases. Per-user state lives in `gr.State` (one copy per
browser session); the engine objects passed in are shared and hold no user's data."""

from __future__ import annotations

import os

import gradio as gr

from companion.domain import Language
from companion.i18n import t
from companion.services import Services
from companion.ui.chat_tab import build_chat_tab
from companion.ui.library_tab import build_library_tab


def badge(services: Services, lang: Language) -> str:
    settings = services.settings
    if settings.active_backend == "llm":
        return f"`{t(lang, 'backend_llm')}: {settings.llm_model}`"
    return f"`{t(lang, 'backend_offline')}`"


def header(services: Services, lang: Language) -> str:
    return f"## {t(lang, 'app_title')}  {badge(services, lang)}\n{t(lang, 'app_intro')}"


def build_app(services: Services) -> gr.Blocks:
    default_lang = services.settings.default_language
    with gr.Blocks(title=t(default_lang, "app_title"), analytics_enabled=False) as app:
        with gr.Row():
            intro = gr.Markdown(header(services, default_lang), elem_id="intro")
            language = gr.Radio(
                [("English", "en"), ("Italiano", "it")], value=default_lang, label="Language / Lingua",
                elem_id="language", scale=0, min_width=220,
            )
        with gr.Tabs():
            with gr.Tab(t(default_lang, "tab_chat"), id="chat") as chat_tab:
                chat = build_chat_tab(services, language, default_lang)
            with gr.Tab(t(default_lang, "tab_library"), id="library") as library_tab:
                library = build_library_tab(services, language, default_lang)

        def switch_language(lang: Language, state: dict):
            return (
                header(services, lang),
                gr.update(placeholder=t(lang, "chat_placeholder")),
                gr.update(label=t(lang, "app_title")),
                {**state, "language": lang} if state else state,
                gr.update(label=t(lang, "tab_chat")),
                gr.update(label=t(lang, "tab_library")),
                t(lang, "library_intro"),
                gr.update(label=t(lang, "search_label"), placeholder=t(lang, "search_placeholder")),
                gr.update(value=t(lang, "search_button")),
                gr.update(value=t(lang, "upload_button")),
                gr.update(label=t(lang, "upload_label")),
            )

        language.change(
            switch_language, [language, chat["state"]],
            [intro, chat["message"], chat["chatbot"], chat["state"], chat_tab, library_tab, library["intro"],
             library["query"], library["search_button"], library["upload_button"], library["files"]],
            api_name=False,
        )
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
