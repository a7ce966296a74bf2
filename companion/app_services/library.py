"""The library: search for everyone, company documents for HR and admins."""

from __future__ import annotations

from collections.abc import Callable
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

    def upload(
        self,
        username: str | None,
        files: list[Path],
        owner_of: Callable[[Path], str | None],
        progress: Progress | None = None,
    ) -> IngestReport:
        """Index the files this user uploaded (`owner_of` says who uploaded each cached file; anything else is
        refused and left alone), under their own names, and audit it."""
        from companion.uploads import accept_uploads

        actor = self.actor(username)
        with as_user_errors():
            return accept_uploads(self.services, actor, files, lambda path: owner_of(path) == actor.username, progress)
