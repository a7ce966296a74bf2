from __future__ import annotations

from pathlib import Path


class KnowledgeError(ValueError):
    """A document that cannot be used, with the file and the field that are wrong."""

    def __init__(self, path: Path | str, field: str, message: str):
        self.path, self.field, self.message = str(path), field, message
        super().__init__(f"{self.path}: {field}: {message}")

    def report(self):
        from companion.domain import FileError

        return FileError(file=self.path, field=self.field, message=self.message)
