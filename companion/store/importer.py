"""Import pairs from CSV: every row is checked first, and the import is all or nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from pydantic import BaseModel

from companion.store.programme import Programme

COLUMNS = ("mentor", "manager", "goals", "language", "cadence_weeks", "session_minutes", "total_sessions")
REQUIRED = ("mentor", "manager")


class RowError(BaseModel):
    row: int  # the line number in the file, header = 1
    message: str


class ImportResult(BaseModel):
    imported: int
    errors: list[RowError]


def _csv_message(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return f"a field is longer than the {csv.field_size_limit():,}-character limit"
    return f"not valid CSV: {error}"


def _rows(reader: csv.DictReader[str], errors: list[RowError]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows with their line numbers; a row the csv module cannot read (an oversized field, a stray NUL) is a
    row error that ends the reading, never a traceback."""
    line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            errors.append(RowError(row=line, message=_csv_message(error)))
            return
        yield line, row
        line += 1


def import_pairs(programme: Programme, text: str) -> ImportResult:
    """Rows need mentor and manager user names; the other columns are optional. On any error nothing is saved."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as error:
        return ImportResult(imported=0, errors=[RowError(row=1, message=_csv_message(error))])
    missing = [c for c in REQUIRED if c not in (fieldnames or [])]
    if missing:
        return ImportResult(imported=0, errors=[RowError(row=1, message=f"missing column(s): {', '.join(missing)}")])
    rows: list[dict[str, object]] = []
    errors: list[RowError] = []
    for line, row in _rows(reader, errors):
        try:
            rows.append(
                dict(
                    mentor=(row.get("mentor") or "").strip().lower(),
                    manager=(row.get("manager") or "").strip().lower(),
                    goals=(row.get("goals") or "").strip(),
                    language=(row.get("language") or "en").strip() or "en",
                    cadence_weeks=int(row.get("cadence_weeks") or 3),
                    session_minutes=int(row.get("session_minutes") or 60),
                    total_sessions=int(row.get("total_sessions") or 6),
                )
            )
        except ValueError:
            errors.append(
                RowError(row=line, message="cadence_weeks, session_minutes and total_sessions must be numbers")
            )
    if errors:
        return ImportResult(imported=0, errors=errors)
    # One transaction in the store: a bad row anywhere rolls back every row.
    refused = programme.add_pairs(None, enumerate(rows, start=2))
    if refused:
        return ImportResult(imported=0, errors=[RowError(row=line, message=msg) for line, msg in refused.items()])
    return ImportResult(imported=len(rows), errors=[])
