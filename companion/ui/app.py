"""The web app: sign-in with the programme's accounts, then one workspace per role (mentor, manager, HR) and
the library. The role is looked up server-side on every call; per-user state lives in `gr.State`; the engine
objects passed in are shared and hold no user's data."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

import gradio as gr

from companion.app_services import Desks
from companion.domain import STAFF_ROLES, Language
from companion.i18n import t
from companion.logs import configure_logging
from companion.services import Services
from companion.ui.common import Labels, guard_handlers, pair_choices, username_of
from companion.ui.hr_tab import build_hr_tab
from companion.ui.library_tab import build_library_tab
from companion.ui.manager_tab import build_manager_tab
from companion.ui.mentor_tab import build_mentor_tab

if TYPE_CHECKING:
    from companion.ui.server import UploadLedger

log = logging.getLogger(__name__)


def badge(services: Services, lang: Language) -> str:
    settings = services.settings
    if settings.active_backend == "llm":
        return f"`{t(lang, 'backend_llm')}: {settings.llm_model}`"
    return f"`{t(lang, 'backend_offline')}`"


def header(services: Services, lang: Language) -> str:
    return f"## {t(lang, 'app_title')}  {badge(services, lang)}\n{t(lang, 'app_intro')}"


def build_app(services: Services, ledger: UploadLedger | None = None) -> gr.Blocks:
    default_lang = services.settings.default_language
    desks = Desks.over(services)
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
                mentor = build_mentor_tab(services, desks, language, default_lang, labels)
            with gr.Tab(t(default_lang, "tab_manager"), id="manager", visible=False) as manager_tab:
                manager = build_manager_tab(desks, language, default_lang, labels)
            with gr.Tab(t(default_lang, "tab_hr"), id="hr", visible=False) as hr_tab:
                hr = build_hr_tab(services, desks, language, default_lang, labels)
            with gr.Tab(t(default_lang, "tab_library"), id="library") as library_tab:
                library = build_library_tab(desks, language, default_lang, labels, ledger)
        for tab, key in (
            (mentor_tab, "tab_mentor"),
            (manager_tab, "tab_manager"),
            (hr_tab, "tab_hr"),
            (library_tab, "tab_library"),
        ):
            labels.add(tab, key)

        def signed_in(lang: Language, request: gr.Request) -> str:
            user = desks.people.me(username_of(request))
            return t(lang, "signed_in_as", name=user.display_name, role=t(lang, f"role_{user.role}"))

        def on_load(request: gr.Request):
            """Show the workspaces of the signed-in user's role, in their language, with their pairs."""
            user = desks.people.me(username_of(request))
            lang = user.language
            pairs = pair_choices(desks, user.username)
            first = pairs[0][1] if pairs else None
            staff = user.role in STAFF_ROLES
            return (
                lang,
                header(services, lang),
                signed_in(lang, request),
                gr.update(visible=user.role == "mentor"),
                gr.update(visible=user.role == "manager"),
                gr.update(visible=staff),
                gr.update(visible=staff),
                gr.update(choices=pairs, value=first if user.role == "mentor" else None),
                gr.update(choices=pairs, value=first if user.role == "manager" else None),
                gr.Tabs(selected={"mentor": "mentor", "manager": "manager"}.get(user.role, "hr")),
                *labels.updates(lang),
            )

        def switch_language(lang: Language, request: gr.Request):
            desks.people.set_language(username_of(request), lang)  # remembered for next time
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
            api_visibility="private",
        )
        for loader in (hr["load_queue"], hr["load_dashboard"]):
            app.load(*loader, api_visibility="private")
        language.input(switch_language, [language], [intro, who, *labels.components], api_visibility="private")
    guard_handlers(app, language, default_lang)  # unexpected errors: a generic message and a logged reference
    return app


def launch(services: Services, host: str | None = None, port: int | None = None) -> None:
    """Serve the web app (sign-in page, workspaces) with uvicorn at once; bring the index up to date and load
    the engine meanwhile, so the sign-in page answers before the engine is ready (bench/cold_start.py)."""
    import threading

    import uvicorn

    from companion.ui.server import build_server

    configure_logging(services.settings.log_level)
    threading.Thread(target=_prepare, args=(services,), name="prepare-engine", daemon=True).start()
    uvicorn.run(
        build_server(services),
        host=host or os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        port=port or int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        log_level="warning",
        proxy_headers=services.settings.trusted_proxy,
        server_header=False,
    )


def _prepare(services: Services) -> None:
    """Index, company documents (a crash's leftovers settled) and models, loaded while the server answers."""
    from companion.progress import terminal_progress

    with terminal_progress("Updating the knowledge index") as progress:
        services.ingest(progress)  # logs what it refused
    _ = services.documents
    services.warm_up()
    if not services.programme.has_users():
        log.warning(
            "no accounts yet: run `companion demo` for a demo programme, or `companion users add NAME --role admin`"
        )
