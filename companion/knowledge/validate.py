"""`python -m companion.knowledge.validate [FILE...]`: check cards against knowledge/README.md."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.config import REPO_ROOT
from companion.knowledge.catalogue import load_catalogue
from companion.knowledge.errors import KnowledgeError
from companion.knowledge.library import card_files, load_file


def main(argv: list[str] | None = None) -> int:
    knowledge_dir = REPO_ROOT / "knowledge"
    catalogue = load_catalogue(knowledge_dir / "topics.yaml")
    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or card_files(knowledge_dir)
    failures = 0
    for path in paths:
        try:
            load_file(path, catalogue, REPO_ROOT)
        except KnowledgeError as error:
            failures += 1
            print(f"FAIL {error}")
        else:
            print(f"ok   {path}")
    print(f"{len(paths) - failures} valid, {failures} invalid")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
