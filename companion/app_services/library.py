"""The library: search for everyone, company documents for HR and admins."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, Missing, NotAllowed, as_user_errors
from companion.domain import Audience, Hit, IngestReport, Kind, Language, Level

if TYPE_CHECKING:
    from companion.knowledge.company_documents import CompanyDocument, DocumentRegister
    from companion.knowledge.index import Progress

SEARCH_RESULTS = 8
OwnerOf = Callable[[Path], "str | None"]  # who uploaded a file in Gradio's cache (the server's upload ledger)


class LibraryDesk(Desk):
    def search(
        self,
        query: str,
        lang: Language | None = None,
        kind: Kind | None = None,
        audience: Audience | None = None,
        level: Level | None = None,
        k: int = SEARCH_RESULTS,
    ) -> list[Hit]:
        from companion.retrieval.search import Filters

        filters = Filters(lang=lang, kind=kind, audience=audience, level=level)
        return self.services.searcher.search(query, k=k, filters=filters)

    def topic_title(self, slug: str, lang: Language) -> str:
        """A topic as people read it (its catalogue title), never its slug."""
        return self.catalogue.name(slug, lang)

    def _register(self) -> DocumentRegister:
        from companion.knowledge.company_documents import DocumentRegister

        return DocumentRegister(self.services.settings.data_dir)

    def upload(
        self, username: str | None, files: list[Path], owner_of: OwnerOf, progress: Progress | None = None
    ) -> IngestReport:
        """Index the files this user uploaded (`owner_of` says who uploaded each cached file; anything else is
        refused and left alone), under their own names, and audit it."""
        from companion.uploads import accept_uploads

        actor = self.actor(username)
        with as_user_errors():
            report = accept_uploads(
                self.services, actor, files, lambda path: owner_of(path) == actor.username, progress
            )
        self._register().record([*report.added, *report.updated], actor.username)
        return report

    def company_documents(self, username: str | None) -> list[CompanyDocument]:
        """The company documents in the library (HR and admins): title, language, sections, who added it, when."""
        from companion.knowledge.company_documents import list_documents

        actor = self.actor(username)
        with as_user_errors():
            self.programme.authorize_upload(actor)
        data = self.services.company_store.get(include=["metadatas"])
        return list_documents(list(data["metadatas"] or []), self._register())

    def _document(self, username: str | None, source: str | None) -> CompanyDocument:
        if not source:
            raise InvalidRequest(key="choose_document_first")
        document = next((d for d in self.company_documents(username) if d.source == source), None)
        if document is None:
            raise Missing(f"company document {source!r}")
        return document

    def remove_document(self, username: str | None, source: str | None) -> CompanyDocument:
        """Take one company document out of Chroma and BM25 (and its kept copy), atomically; nothing else changes."""
        document = self._document(username, source)
        self.services.remove_document(document.source)
        self._register().forget(document.source)
        return document

    def replace_document(
        self,
        username: str | None,
        source: str | None,
        new_file: Path,
        owner_of: OwnerOf,
        progress: Progress | None = None,
    ) -> IngestReport:
        """A new version of a company document. It keeps the old name (and so replaces it in one atomic step) when
        the file type is the same; otherwise the old version leaves once the new one is indexed. A refused file
        loses nothing."""
        from companion.knowledge.company_documents import outcome, replacement_name
        from companion.uploads import safe_name

        document = self._document(username, source)
        actor = self.actor(username)
        if owner_of(new_file) != actor.username:
            raise NotAllowed("that file was not uploaded by you")
        name = replacement_name(document.source, safe_name(new_file.name))
        try:
            report = self.services.add_documents([new_file], progress, names=[name])
        finally:
            new_file.unlink(missing_ok=True)
        self.programme.record_upload(actor, report.added, report.updated, [e.file for e in report.errors])
        if outcome(report, name) and name != document.source:
            self.services.remove_document(document.source)
            self._register().forget(document.source)
            report.removed.append(document.source)
        self._register().record([*report.added, *report.updated], actor.username)
        return report
