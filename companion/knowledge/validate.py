"""`python -m companion.knowledge.validate [FILE...]`: check cards against knowledge/README.md.

Three kinds of check, each naming the file and the field: the structure the loader needs (cards.py),
the sources behind the card's facts, and, for a card whose twin is also checked, that the English and
Italian versions state the same numbers and names (facts.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from companion.config import REPO_ROOT
from companion.knowledge.cards import Card
from companion.knowledge.catalogue import load_catalogue
from companion.knowledge.core_path import check_core_path
from companion.knowledge.errors import KnowledgeError
from companion.knowledge.facts import check_sources, check_twin
from companion.knowledge.library import card_files, load_file


def main(argv: list[str] | None = None) -> int:
    knowledge_dir = REPO_ROOT / "knowledge"
    catalogue = load_catalogue(knowledge_dir / "topics.yaml")
    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])] or card_files(knowledge_dir)
    failed: set[Path] = set()
    loaded: dict[str, tuple[Path, Card]] = {}
    for path in paths:
        try:
            card = load_file(path, catalogue, REPO_ROOT)
            loaded[card.meta.id] = (path, card)
            check_sources(card)
            check_core_path(card)
        except KnowledgeError as error:
            failed.add(path)
            print(f"FAIL {error}")
    for path, card in loaded.values():
        twin = loaded.get(card.meta.translation_of or "") if card.meta.lang == "it" else None
        if twin is None:
            continue
        try:
            check_twin(twin[1], card)
        except KnowledgeError as error:
            failed.add(path)
            print(f"FAIL {error}")
    for path in paths:
        if path not in failed:
            print(f"ok   {path}")
    print(f"{len(paths) - len(failed)} valid, {len(failed)} invalid")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
