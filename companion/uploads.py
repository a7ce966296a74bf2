"""Accept files uploaded through the web app: keep a private copy, index it, leave nothing public behind.

Gradio stores uploads in its cache, which anyone who learns the path can download; the copy we keep lives
under the data directory, and the cached files of this request are removed as soon as they are read. Only the
files this request uploaded are ever deleted: the paths come from Gradio's own upload cache, never from
anywhere else a client could name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from companion.domain import FileError, IngestReport
from companion.knowledge.documents import safe_name
from companion.knowledge.index import Progress
from companion.services import Services
from companion.store.access import Actor

logger = logging.getLogger(__name__)


def accept_uploads(
    services: Services,
    actor: Actor,
    uploaded: list[Path],
    owned: Callable[[Path], bool],
    progress: Progress | None = None,
) -> IngestReport:
    """Check the role, index the files under their own names, remove this request's cached copies.
    `owned(path)` says whether this user uploaded the file; anything else is refused and left alone."""
    mine = [p for p in uploaded if owned(p)]
    try:
        services.programme.authorize_upload(actor)  # raises AccessDenied (and logs it) for anyone but HR and admins
        report = services.add_documents(mine, progress, names=[safe_name(p.name) for p in mine])
    finally:
        for temporary in mine:
            temporary.unlink(missing_ok=True)
    for other in uploaded:
        if other not in mine:
            logger.warning("upload refused: %s was not uploaded by %s", other, actor.username)
            report.errors.append(FileError(file=safe_name(other.name), field="file", message="was not uploaded by you"))
    services.programme.record_upload(actor, report.added, report.updated, [e.file for e in report.errors])
    return report
