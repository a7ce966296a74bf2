"""The library: search the knowledge base and company documents; add company documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import gradio as gr

from companion.app_services import Desks
from companion.domain import Kind, Language
from companion.i18n import t
from companion.parsing import SUPPORTED
from companion.rendering import hits_markdown, ingest_markdown, safe_markdown
from companion.ui.common import HANDLED, Labels, friendly, username_of

if TYPE_CHECKING:
    from companion.ui.server import UploadLedger

KINDS = ["skill", "format", "questions", "program", "case-study", "company"]


def build_library_tab(
    desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels, ledger: UploadLedger | None = None
) -> dict:
    def search(query: str, lang_filter: str, kind: str, lang: Language) -> str:
        hits = desks.library.search(
            query or "", lang=cast(Language | None, lang_filter or None), kind=cast(Kind | None, kind or None)
        )
        return safe_markdown(hits_markdown(hits, lang))

    def upload(
        files: list[str] | None,
        lang: Language,
        request: gr.Request,
        progress=gr.Progress(),  # noqa: B008 - Gradio injects progress through this default
    ) -> tuple[str, None]:
        if not files:
            return f"⚠️ {t(lang, 'upload_nothing')}", None
        progress(0, desc=t(lang, "upload_button"))
        try:
            report = desks.library.upload(
                username_of(request),
                [Path(f) for f in files],
                lambda path: ledger.owner(path) if ledger is not None else None,
                lambda done, total, name: progress((done, total), desc=name, unit="file"),
            )
        except HANDLED as error:
            return friendly(error, lang), None
        return safe_markdown(ingest_markdown(report, lang)), None

    labels.add(gr.Markdown(t(default_lang, "library_intro")), "library_intro", "value")
    with gr.Row():
        query = labels.add(
            gr.Textbox(
                label=t(default_lang, "search_label"),
                placeholder=t(default_lang, "search_placeholder"),
                scale=4,
                elem_id="library-query",
            ),
            "search_label",
        )
        labels.add(query, "search_placeholder", "placeholder")
        lang_filter = labels.add(
            gr.Dropdown(
                [("—", ""), ("English", "en"), ("Italiano", "it")],
                value="",
                label=t(default_lang, "filter_language"),
                scale=1,
            ),
            "filter_language",
        )
        kind = labels.add(
            gr.Dropdown([("—", ""), *[(k, k) for k in KINDS]], value="", label=t(default_lang, "filter_kind"), scale=1),
            "filter_kind",
        )
        search_button = labels.add(
            gr.Button(t(default_lang, "search_button"), scale=0, elem_id="library-search"), "search_button", "value"
        )
    results = gr.Markdown(elem_id="library-results")
    with gr.Group(visible=False) as upload_group:  # shown to HR and admins; the engine checks the role anyway
        files = labels.add(
            gr.File(
                label=t(default_lang, "upload_label"),
                file_count="multiple",
                file_types=list(SUPPORTED),
                elem_id="library-upload",
            ),
            "upload_label",
        )
        upload_button = labels.add(
            gr.Button(t(default_lang, "upload_button"), elem_id="library-add"), "upload_button", "value"
        )
    upload_status = gr.Markdown(elem_id="library-status")

    query.submit(search, [query, lang_filter, kind, language], results, api_name="search")
    search_button.click(search, [query, lang_filter, kind, language], results, api_visibility="private")
    upload_button.click(upload, [files, language], [upload_status, files], api_name="upload")
    return {"upload_group": upload_group}
