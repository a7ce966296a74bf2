"""Accept files uploaded through the web app: keep a private copy, index it, leave nothing public behind.

Gradio stores uploads in its cache, which anyone who learns the path can download; the copy we keep lives
under the data directory, and the cached file is removed as soon as it is read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from companion.domain import IngestReport
from companion.knowledge.index import Progress
from companion.services import Services
from companion.store.access import AccessDenied, Actor


def safe_name(name: str) -> str:
    """The file name alone: no directories, no hidden files."""
    return Path(name.replace("\\", "/")).name.lstrip(".") or "upload"


def accept_uploads(
    services: Services, actor: Actor, uploaded: list[Path], progress: Progress | None = None
) -> IngestReport:
    try:
        services.programme.authorize_upload(actor)  # raises AccessDenied (and logs it) for anyone but HR and admins
    except AccessDenied:
        for temporary in uploaded:
            temporary.unlink(missing_ok=True)
        raise
    folder = services.settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for temporary in uploaded:
        target = folder / safe_name(temporary.name)
        try:
            shutil.copyfile(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        kept.append(target)
    report = services.add_documents(kept, progress)
    refused = {error.file for error in report.errors}
    for path in kept:
        if path.name in refused:
            path.unlink(missing_ok=True)  # a refused file is not kept
    return report
