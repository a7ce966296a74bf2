"""The library: search the knowledge base and company documents; add company documents."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from companion.domain import Language
from companion.i18n import t
from companion.rendering import hits_markdown, ingest_markdown
from companion.retrieval.search import Filters
from companion.services import Services
from companion.uploads import accept_uploads

KINDS = ["skill", "format", "questions", "program", "case-study", "company"]


def build_library_tab(services: Services, language: gr.Radio, default_lang: Language) -> dict[str, gr.components.Component]:
    def search(query: str, lang_filter: str, kind: str, lang: Language) -> str:
        filters = Filters(lang=lang_filter or None, kind=kind or None)
        return hits_markdown(services.searcher.search(query or "", k=8, filters=filters), lang)

    def upload(files: list[str] | None, lang: Language, progress=gr.Progress()) -> tuple[str, None]:
        if not files:
            return f"⚠️ {t(lang, 'upload_nothing')}", None
        progress(0, desc=t(lang, "upload_button"))
        report = accept_uploads(
            services, [Path(f) for f in files],
            lambda done, total, name: progress((done, total), desc=name, unit="file"),
        )
        return ingest_markdown(report, lang), None

    intro = gr.Markdown(t(default_lang, "library_intro"))
    with gr.Row():
        query = gr.Textbox(label=t(default_lang, "search_label"), placeholder=t(default_lang, "search_placeholder"),
                           scale=4, elem_id="library-query")
        lang_filter = gr.Dropdown([("—", ""), ("English", "en"), ("Italiano", "it")], value="",
                                  label=t(default_lang, "filter_language"), scale=1)
        kind = gr.Dropdown([("—", ""), *[(k, k) for k in KINDS]], value="", label=t(default_lang, "filter_kind"), scale=1)
        search_button = gr.Button(t(default_lang, "search_button"), scale=0, elem_id="library-search")
    results = gr.Markdown(elem_id="library-results")
    files = gr.File(label=t(default_lang, "upload_label"), file_count="multiple",
                    file_types=[".md", ".txt", ".pdf", ".docx"], elem_id="library-upload")
    upload_button = gr.Button(t(default_lang, "upload_button"), elem_id="library-add")
    upload_status = gr.Markdown(elem_id="library-status")

    query.submit(search, [query, lang_filter, kind, language], results, api_name="search")
    search_button.click(search, [query, lang_filter, kind, language], results, api_name=False)
    upload_button.click(upload, [files, language], [upload_status, files], api_name="upload")
    return {"intro": intro, "query": query, "search_button": search_button, "upload_button": upload_button,
            "files": files}
