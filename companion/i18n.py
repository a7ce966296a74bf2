"""UI and template strings in English and Italian (companion/locales/*.yaml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from companion.domain import Language

LOCALES = Path(__file__).parent / "locales"


@cache
def strings(lang: Language) -> dict[str, str]:
    return yaml.safe_load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))


def t(lang: Language, key: str, **values: object) -> str:
    text = strings(lang)[key]
    return text.format(**values) if values else text
