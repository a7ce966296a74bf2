"""The web app: sign-in with the programme's accounts, then one workspace per role (mentor, manager, HR) and
the library. The role is looked up server-side on every call; per-user state lives in `gr.State`; the engine
objects passed in are shared and hold no user's data."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

import gradio as gr

from companion.domain import Language
from companion.i18n import t
from companion.services import Services
from companion.ui.common import Labels, actor_of, pair_choices
from companion.ui.hr_tab import build_hr_tab
from companion.ui.library_tab import build_library_tab
from companion.ui.manager_tab import build_manager_tab
from companion.ui.mentor_tab import build_mentor_tab

if TYPE_CHECKING:
    from companion.ui.server import UploadLedger

logger = logging.getLogger(__name__)


def badge(services: Services, lang: Language) -> str:
    settings = services.settings
    if settings.active_backend == "llm":
        return f"`{t(lang, 'backend_llm')}: {settings.llm_model}`"
    return f"`{t(lang, 'backend_offline')}`"


def header(services: Services, lang: Language) -> str:
    return f"## {t(lang, 'app_title')}  {badge(services, lang)}\n{t(lang, 'app_intro')}"


def build_app(services: Services, ledger: UploadLedger | None = None) -> gr.Blocks:
    default_lang = services.settings.default_language
    labels = Labels()
    with gr.Blocks(title=t(default_lang, "app_title"), analytics_enabled=False) as app:
        with gr.Row():
            intro = gr.Markdown(header(services, default_lang), elem_id="intro")
            with gr.Column(scale=0, min_width=260):
                language = gr.Radio(
                    [("English", "en"), ("Italiano", "it")],
                    value=default_lang,
                    label="Language / Lingua",
                    elem_id="language",
                )
                who = gr.Markdown(elem_id="signed-in")
                labels.add(
                    gr.Button(t(default_lang, "sign_out"), link="/logout", size="sm", elem_id="sign-out"),
                    "sign_out",
                    "value",
                )
        with gr.Tabs() as tabs:
            with gr.Tab(t(default_lang, "tab_mentor"), id="mentor", visible=False) as mentor_tab:
                mentor = build_mentor_tab(services, language, default_lang, labels)
            with gr.Tab(t(default_lang, "tab_manager"), id="manager", visible=False) as manager_tab:
                manager = build_manager_tab(services, language, default_lang, labels)
            with gr.Tab(t(default_lang, "tab_hr"), id="hr", visible=False) as hr_tab:
                hr = build_hr_tab(services, language, default_lang, labels)
            with gr.Tab(t(default_lang, "tab_library"), id="library") as library_tab:
                library = build_library_tab(services, language, default_lang, labels, ledger)
        for tab, key in (
            (mentor_tab, "tab_mentor"),
            (manager_tab, "tab_manager"),
            (hr_tab, "tab_hr"),
            (library_tab, "tab_library"),
        ):
            labels.add(tab, key)

        def signed_in(lang: Language, request: gr.Request) -> str:
            actor = actor_of(services, request)
            user = services.programme.user(actor)
            return t(lang, "signed_in_as", name=user.display_name, role=t(lang, f"role_{user.role}"))

        def on_load(request: gr.Request):
            """Show the workspaces of the signed-in user's role, in their language, with their pairs."""
            actor = actor_of(services, request)
            lang = services.programme.user(actor).language
            pairs = pair_choices(services, actor, lang)
            first = pairs[0][1] if pairs else None
            return (
                lang,
                header(services, lang),
                signed_in(lang, request),
                gr.update(visible=actor.role == "mentor"),
                gr.update(visible=actor.role == "manager"),
                gr.update(visible=actor.is_staff),
                gr.update(visible=actor.is_staff),
                gr.update(choices=pairs, value=first if actor.role == "mentor" else None),
                gr.update(choices=pairs, value=first if actor.role == "manager" else None),
                gr.Tabs(selected={"mentor": "mentor", "manager": "manager"}.get(actor.role, "hr")),
                *labels.updates(lang),
            )

        def staff_only(handler, count: int):
            """HR's loaders run for HR and admins only: for anyone else they would only add refusals to the audit
            log on every page load."""

            def load(lang: Language, request: gr.Request):
                if not actor_of(services, request).is_staff:
                    return tuple(gr.update() for _ in range(count))
                return handler(lang, request)

            return load

        def switch_language(lang: Language, request: gr.Request):
            services.programme.set_language(actor_of(services, request), lang)  # remembered for next time
            return (header(services, lang), signed_in(lang, request), *labels.updates(lang))

        app.load(
            on_load,
            None,
            [
                language,
                intro,
                who,
                mentor_tab,
                manager_tab,
                hr_tab,
                library["upload_group"],
                mentor["pair"],
                manager["pair"],
                tabs,
                *labels.components,
            ],
            api_name=False,
        )
        for handler, inputs, outputs in (hr["load_queue"], hr["load_dashboard"]):
            app.load(staff_only(handler, len(outputs)), inputs, outputs, api_name=False)
        language.input(switch_language, [language], [intro, who, *labels.components], api_name=False)
    return app


def launch(services: Services, host: str | None = None, port: int | None = None) -> None:
    """Update the index, then serve the web app (sign-in page, workspaces) with uvicorn."""
    import uvicorn

    from companion.progress import terminal_progress
    from companion.ui.server import build_server

    with terminal_progress("Updating the knowledge index") as progress:
        report = services.ingest(progress)
    for error in report.errors:
        logger.warning("knowledge file refused: %s", error)
    if not services.programme.has_users():
        logger.warning("there are no accounts yet: create one with `companion users add`")
    _ = services.documents  # settles company uploads a crash left half-done
    server = build_server(services)
    uvicorn.run(
        server,
        host=host or os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        port=port or int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        log_level="warning",
        proxy_headers=services.settings.trusted_proxy,
        server_header=False,
    )
