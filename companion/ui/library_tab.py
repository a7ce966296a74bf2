"""The library: search the knowledge base and company documents; HR and admins add, list, remove and replace
company documents."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, cast

import gradio as gr

from companion.app_services import Desks
from companion.domain import LANGUAGES, Hit, Kind, Language
from companion.i18n import format_date, t
from companion.parsing import SUPPORTED
from companion.rendering import ingest_markdown, safe_markdown
from companion.ui.common import HANDLED, Labels, format_number, friendly, username_of

if TYPE_CHECKING:
    from companion.ui.server import UploadLedger

KINDS: tuple[Kind, ...] = ("skill", "format", "questions", "program", "case-study", "company")
FILE_TYPES = list(SUPPORTED)
EXCERPT_CHARS = 420


def hits_view(hits: list[Hit], lang: Language) -> str:
    """Results as people read them: title, section, kind and language in words; the file name only for a company
    document (a library card's id and path are for the CLI)."""
    if not hits:
        return t(lang, "no_results")
    blocks = []
    for hit in hits:
        facts = [hit.heading] if hit.heading and hit.heading != hit.title else []
        facts += [t(lang, f"kind_{hit.kind}"), t(lang, f"lang_name_{hit.lang}")]
        if hit.kind == "company":
            facts.append(hit.source)
        excerpt = " ".join(hit.text.split())
        if len(excerpt) > EXCERPT_CHARS:
            excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
        blocks.append(f"**{hit.title}** · {' · '.join(facts)}\n\n> {excerpt}")
    return "\n\n".join(blocks)


def documents_table(desks: Desks, username: str | None, lang: Language) -> tuple[str, list[tuple[str, str]]]:
    """The company documents as an HTML table (headers in the language) and the choices for the dropdown."""
    documents = desks.library.company_documents(username)
    if not documents:
        return f"<p>{escape(t(lang, 'docs_empty'))}</p>", []
    head = "".join(
        f'<th scope="col">{escape(t(lang, key))}</th>'
        for key in ("doc_title", "doc_language", "doc_sections", "doc_added_by", "doc_added_on", "doc_file")
    )
    rows = "".join(
        "<tr>"
        f'<th scope="row">{escape(d.title)}</th>'
        f"<td>{escape(t(lang, f'lang_name_{d.language}'))}</td>"
        f"<td>{escape(format_number(d.sections, lang))}</td>"
        f"<td>{escape(d.added_by or t(lang, 'doc_unknown_author'))}</td>"
        f"<td>{escape(format_date(d.added_at, lang))}</td>"
        f"<td>{escape(d.source)}</td>"
        "</tr>"
        for d in documents
    )
    table = f'<table class="cmp-docs"><caption>{escape(t(lang, "docs_heading"))}</caption>'
    table += f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return table, [(f"{d.title} ({d.source})", d.source) for d in documents]


def build_library_tab(
    desks: Desks, language: gr.Radio, default_lang: Language, labels: Labels, ledger: UploadLedger | None = None
) -> dict:
    def owner_of(path: Path) -> str | None:
        """Who uploaded a file in Gradio's cache (the server's upload ledger); None when unknown."""
        return ledger.owner(path) if ledger is not None else None

    def search(query: str, lang_filter: str, kind: str, lang: Language) -> str:
        hits = desks.library.search(
            query or "", lang=cast(Language | None, lang_filter or None), kind=cast(Kind | None, kind or None)
        )
        return safe_markdown(hits_view(hits, lang))  # company documents are text someone uploaded

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
                owner_of,
                lambda done, total, name: progress((done, total), desc=name, unit="file"),
            )
        except HANDLED as error:
            return friendly(error, lang), None
        return safe_markdown(ingest_markdown(report, lang)), None

    def documents(current: str | None, lang: Language, request: gr.Request):
        if not desks.people.is_staff(username_of(request)):
            return "", gr.update(choices=[], value=None)
        try:
            table, choices = documents_table(desks, username_of(request), lang)
        except HANDLED as error:
            return friendly(error, lang), gr.update(choices=[], value=None)
        keep = current if any(value == current for _, value in choices) else None
        return table, gr.update(choices=choices, value=keep)

    def remove(source: str | None, lang: Language, request: gr.Request) -> str:
        try:
            document = desks.library.remove_document(username_of(request), source)
        except HANDLED as error:
            return friendly(error, lang)
        return f"✅ {t(lang, 'doc_removed', title=document.title)}"

    def replace(source: str | None, new_file: str | None, lang: Language, request: gr.Request):
        if not new_file:
            return f"⚠️ {t(lang, 'upload_nothing')}", None
        try:
            report = desks.library.replace_document(username_of(request), source, Path(new_file), owner_of)
        except HANDLED as error:
            return friendly(error, lang), None
        if not report.ok:
            return ingest_markdown(report, lang), None
        names = {*report.added, *report.updated, source}
        current = desks.library.company_documents(username_of(request))
        title = next((d.title for d in current if d.source in names), source or "")
        return f"✅ {t(lang, 'doc_replaced', title=title, chunks=report.chunks_written)}", None

    labels.add(gr.Markdown(t(default_lang, "library_intro")), "library_intro", "value")
    with gr.Row(elem_id="library-search-row"):
        query = labels.add(
            gr.Textbox(
                label=t(default_lang, "search_label"),
                placeholder=t(default_lang, "search_placeholder"),
                scale=4,
                min_width=240,
                elem_id="library-query",
            ),
            "search_label",
        )
        labels.add(query, "search_placeholder", "placeholder")
        language_choices = [("any_language", ""), *[(f"lang_name_{lang}", lang) for lang in LANGUAGES]]
        lang_filter = labels.add_choices(
            labels.add(
                gr.Dropdown(
                    [(t(default_lang, key), value) for key, value in language_choices],
                    value="",
                    label=t(default_lang, "filter_language"),
                    scale=1,
                    min_width=160,
                    elem_id="library-language",
                ),
                "filter_language",
            ),
            language_choices,
        )
        kind_choices = [("any_kind", ""), *[(f"kind_{kind}", kind) for kind in KINDS]]
        kind = labels.add_choices(
            labels.add(
                gr.Dropdown(
                    [(t(default_lang, key), value) for key, value in kind_choices],
                    value="",
                    label=t(default_lang, "filter_kind"),
                    scale=1,
                    min_width=160,
                    elem_id="library-kind",
                ),
                "filter_kind",
            ),
            kind_choices,
        )
        search_button = labels.add(
            gr.Button(t(default_lang, "search_button"), scale=0, min_width=100, elem_id="library-search"),
            "search_button",
            "value",
        )
    results = gr.Markdown(elem_id="library-results")
    with gr.Group(visible=False) as upload_group:  # shown to HR and admins; the engine checks the role anyway
        files = labels.add(
            gr.File(
                label=t(default_lang, "upload_label"),
                file_count="multiple",
                file_types=FILE_TYPES,
                elem_id="library-upload",
                elem_classes=["cmp-upload"],
            ),
            "upload_label",
        )
        upload_button = labels.add(
            gr.Button(t(default_lang, "upload_button"), elem_id="library-add"), "upload_button", "value"
        )
        labels.add(gr.Markdown(f"## {t(default_lang, 'docs_heading')}"), "docs_heading", "value", "## {}")
        labels.add(gr.Markdown(t(default_lang, "docs_hint")), "docs_hint", "value")
        documents_list = gr.HTML(elem_id="library-documents")
        with gr.Row():
            document = labels.add(
                gr.Dropdown(
                    choices=[],
                    label=t(default_lang, "choose_document"),
                    allow_custom_value=True,
                    elem_id="library-document",
                    scale=2,
                    min_width=240,
                ),
                "choose_document",
            )
            remove_button = labels.add(
                gr.Button(t(default_lang, "doc_remove"), variant="stop", elem_id="library-remove", scale=0),
                "doc_remove",
                "value",
            )
        new_version = labels.add(
            gr.File(
                label=t(default_lang, "doc_replace_label"),
                file_types=FILE_TYPES,
                elem_id="library-new-version",
                elem_classes=["cmp-upload"],
            ),
            "doc_replace_label",
        )
        replace_button = labels.add(
            gr.Button(t(default_lang, "doc_replace"), elem_id="library-replace"), "doc_replace", "value"
        )
    upload_status = gr.Markdown(elem_id="library-status")

    query.submit(search, [query, lang_filter, kind, language], results, api_name="search")
    search_button.click(search, [query, lang_filter, kind, language], results, api_visibility="private")
    listed = [document, language]
    upload_button.click(upload, [files, language], [upload_status, files], api_name="upload").then(
        documents, listed, [documents_list, document]
    )
    remove_button.click(remove, [document, language], upload_status, api_name="remove_document").then(
        documents, listed, [documents_list, document]
    )
    replace_button.click(
        replace, [document, new_version, language], [upload_status, new_version], api_name="replace_document"
    ).then(documents, listed, [documents_list, document])

    def on_language(
        current: str | None, query_text: str, lang_value: str, kind_value: str, lang: Language, request: gr.Request
    ):
        table, chosen = documents(current, lang, request)
        again = search(query_text, lang_value, kind_value, lang) if (query_text or "").strip() else ""
        return table, chosen, again

    return {
        "upload_group": upload_group,
        "on_language": (
            on_language,
            [document, query, lang_filter, kind, language],
            [documents_list, document, results],
        ),
    }
