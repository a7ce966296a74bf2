"""Company documents as HR manages them: list what is indexed (title, language, sections, who added it and
when), remove one, replace one with a new version. The library's own cards are never touched.

Who added a document and when is kept in a small register in the data directory (`<data>/company-documents.json`):
the index holds what was read from the file, the register what happened to it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from companion.domain import IngestReport, Language

log = logging.getLogger(__name__)

REGISTER = "company-documents.json"


class CompanyDocument(BaseModel):
    source: str  # the kept file's name: the document's key in the index
    title: str
    language: Language
    sections: int
    added_by: str | None = None
    added_at: datetime | None = None


class DocumentRegister:
    """source -> {"added_by", "added_at"}; written atomically, read on every call (several workers may share it)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / REGISTER

    def read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("the document register %s cannot be read; starting a new one", self.path)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".documents-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(temporary, self.path)

    def record(self, sources: list[str], username: str, when: datetime | None = None) -> None:
        if not sources:
            return
        data = self.read()
        stamp = (when or datetime.now(UTC)).isoformat()
        for source in sources:
            data[source] = {"added_by": username, "added_at": stamp}
        self._write(data)

    def forget(self, source: str) -> None:
        data = self.read()
        if data.pop(source, None) is not None:
            self._write(data)


def list_documents(metadatas: list[dict], register: DocumentRegister) -> list[CompanyDocument]:
    """One entry per indexed file, newest first, from the company collection's chunk metadata."""
    found: dict[str, CompanyDocument] = {}
    for meta in metadatas:
        source = str(meta["source"])
        if source in found:
            found[source].sections += 1
            continue
        found[source] = CompanyDocument(source=source, title=str(meta["title"]), language=meta["lang"], sections=1)
    known = register.read()
    for source, document in found.items():
        entry = known.get(source, {})
        document.added_by = entry.get("added_by")
        if stamp := entry.get("added_at"):
            document.added_at = datetime.fromisoformat(stamp)
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(found.values(), key=lambda d: (d.added_at or oldest, d.title.lower()), reverse=True)


def replacement_name(old_source: str, new_name: str) -> str:
    """A new version keeps the old file's name (so its citations' ids stay) unless its type changed."""
    return old_source if Path(old_source).suffix.lower() == Path(new_name).suffix.lower() else new_name


def outcome(report: IngestReport, name: str) -> bool:
    """Whether `name` is in the index after an ingest (added, updated or unchanged, not refused)."""
    return name not in {error.file for error in report.errors}
