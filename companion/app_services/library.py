"""The library: search for everyone, company documents for HR and admins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, Missing, as_user_errors
from companion.domain import Audience, Hit, IngestReport, Kind, Language, Level

if TYPE_CHECKING:
    from companion.knowledge.company_documents import CompanyDocument, DocumentRegister
    from companion.knowledge.index import Progress

SEARCH_RESULTS = 8


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

    @property
    def _documents_folder(self) -> Path:
        return self.services.settings.data_dir / "uploads"

    def _register(self) -> DocumentRegister:
        from companion.knowledge.company_documents import DocumentRegister

        return DocumentRegister(self.services.settings.data_dir)

    def upload(self, username: str | None, files: list[Path], progress: Progress | None = None) -> IngestReport:
        from companion.uploads import accept_uploads

        actor = self.actor(username)
        with as_user_errors():
            report = accept_uploads(self.services, actor, files, progress)
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
        """Take one company document out of Chroma and BM25 (and its kept copy); nothing else changes."""
        from companion.knowledge.company_documents import remove_document

        document = self._document(username, source)
        remove_document(self.services.company_store, self._documents_folder, self._register(), document.source)
        self.services.refresh_lexical()
        return document

    def replace_document(
        self, username: str | None, source: str | None, new_file: Path, progress: Progress | None = None
    ) -> IngestReport:
        """A new version of a company document. It keeps the old name (and its section ids) when the file type is
        the same; the old version leaves only once the new one is indexed, so a refused file loses nothing."""
        import shutil
        import tempfile

        from companion.knowledge.company_documents import outcome, remove_document, replacement_name
        from companion.uploads import safe_name

        document = self._document(username, source)
        name = replacement_name(document.source, safe_name(new_file.name))
        staged = Path(tempfile.mkdtemp(prefix="companion-replace-")) / name
        shutil.move(str(new_file), staged)
        report = self.upload(username, [staged], progress)
        if outcome(report, name) and name != document.source:
            remove_document(self.services.company_store, self._documents_folder, self._register(), document.source)
            self.services.refresh_lexical()
            report.removed.append(document.source)
        return report
