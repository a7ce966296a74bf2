"""The web app: sign-in with the programme's accounts, then one workspace per role (mentor, manager, HR) and
the library. The role is looked up server-side on every call; per-user state lives in `gr.State`; the engine
objects passed in are shared and hold no user's data."""

from __future__ import annotations

import logging
import os
import warnings
from typing import TYPE_CHECKING

import gradio as gr

from companion.app_services import Desks
from companion.domain import LANGUAGES, STAFF_ROLES, Language, Role
from companion.i18n import t
from companion.logs import configure_logging
from companion.services import Services
from companion.ui.common import Labels, guard_handlers, pair_choices, username_of
from companion.ui.hr_tab import build_hr_tab
from companion.ui.journey_panel import DEFAULT_ZONE
from companion.ui.library_tab import build_library_tab
from companion.ui.manager_tab import build_manager_tab
from companion.ui.mentor_tab import build_mentor_tab
from companion.ui.reminders_box import reminders_box, reminders_event
from companion.ui.style import CSS, builtin_names, language_css, page_script

if TYPE_CHECKING:
    from companion.ui.server import UploadLedger

log = logging.getLogger(__name__)

APP_CSS = CSS + language_css({lang: t(lang, "drop_files") for lang in LANGUAGES})  # pass css=APP_CSS when mounting
# Pass head=APP_HEAD when mounting: the page's one script (nonced by the server's CSP).
APP_HEAD = page_script(
    {
        lang: {"title": t(lang, "app_title"), "upload": t(lang, "drop_files"), **builtin_names(lang)}
        for lang in LANGUAGES
    },
    zone_defaults=sorted(DEFAULT_ZONE.values()),
)


def badge(services: Services, lang: Language) -> str:
    settings = services.settings
    if settings.active_backend == "llm":
        return f"`{t(lang, 'backend_llm')}: {settings.llm_model}`"
    return f"`{t(lang, 'backend_offline')}`"


def header(services: Services, lang: Language, role: Role | None = None) -> str:
    """The title and a line for whoever is signed in: mentors, managers and staff each read what they do here."""
    intro = {"mentor": "app_intro_mentor", "manager": "app_intro_manager"}.get(role or "", "app_intro_staff")
    return f"# {t(lang, 'app_title')}  {badge(services, lang)}\n\n{t(lang, intro)}"


def build_app(services: Services, ledger: UploadLedger | None = None) -> gr.Blocks:
    default_lang = services.settings.default_language
    desks = Desks.over(services)
    labels = Labels()
    # Gradio 6 reads CSS in launch() and falls back to the constructor's: given here it also reaches the test and
    # screenshot servers; mounting with gr.mount_gradio_app needs css=CSS passed there.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The parameters have been moved", UserWarning)
        blocks = gr.Blocks(title=t(default_lang, "app_title"), analytics_enabled=False, css=APP_CSS)
    with blocks as app:
        with gr.Row(elem_id="top"):
            intro = gr.Markdown(f"# {t(default_lang, 'app_title')}", elem_id="intro")
            with gr.Column(scale=0, min_width=240, elem_id="account"):
                language = labels.add(
                    gr.Radio(
                        [(t(lang, f"lang_name_{lang}").capitalize(), lang) for lang in LANGUAGES],
                        value=default_lang,
                        label=t(default_lang, "language_label"),
                        elem_id="language",
                    ),
                    "language_label",
                )
                who = gr.Markdown(elem_id="signed-in")
                labels.add(
                    gr.Button(t(default_lang, "sign_out"), link="/logout", size="sm", elem_id="sign-out"),
                    "sign_out",
                    "value",
                )
        with gr.Tabs(elem_id="workspaces") as tabs:
            with gr.Tab(t(default_lang, "tab_mentor"), id="mentor", visible=False) as mentor_tab:
                mentor_waiting = reminders_box("mentor")  # what needs the mentor, at the top
                mentor = build_mentor_tab(services, desks, language, default_lang, labels)
            with gr.Tab(t(default_lang, "tab_manager"), id="manager", visible=False) as manager_tab:
                manager_waiting = reminders_box("manager")
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
                header(services, lang, user.role),
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
            role = desks.people.me(username_of(request)).role
            return (header(services, lang, role), signed_in(lang, request), *labels.updates(lang))

        loaded = app.load(
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
        # The HR workspace loads after the user's language is known: an Italian HR user's first dashboard is Italian.
        loaded.then(*hr["on_language"], api_visibility="private")
        loaded.then(*library["on_language"], api_visibility="private")
        waiting = reminders_event(desks, language, [mentor_waiting, manager_waiting])
        loaded.then(*waiting, api_name="reminders")
        switched = language.input(
            switch_language, [language], [intro, who, *labels.components], api_visibility="private"
        )
        for workspace in (mentor, manager, hr, library):  # what is already on screen is written again
            switched.then(*workspace["on_language"], api_visibility="private")
        switched.then(*waiting, api_visibility="private")
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
