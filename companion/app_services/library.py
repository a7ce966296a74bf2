"""The library: search for everyone, company documents for HR and admins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from companion.app_services.base import Desk
from companion.app_services.errors import as_user_errors
from companion.domain import Audience, Hit, IngestReport, Kind, Language, Level

if TYPE_CHECKING:
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

    def upload(self, username: str | None, files: list[Path], progress: Progress | None = None) -> IngestReport:
        from companion.uploads import accept_uploads

        actor = self.actor(username)
        with as_user_errors():
            return accept_uploads(self.services, actor, files, progress)
