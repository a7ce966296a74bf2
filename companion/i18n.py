"""UI and template strings in English and Italian (companion/locales/*.yaml)."""

from __future__ import annotations

from datetime import date, datetime
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


def format_date(value: date | datetime | None, lang: Language) -> str:
    """A date as people write it in the language (12 marzo 2026 / March 12, 2026), never ISO; "—" without one."""
    if value is None:
        return "—"
    month = t(lang, f"month_{value.month}")
    return t(lang, "date_format", day=value.day, month=month, year=value.year)


def format_month(year: int, month: int, lang: Language) -> str:
    return t(lang, "month_year", month=t(lang, f"month_{month}"), year=year)


def format_when(moment: datetime, zone: str | None, lang: Language) -> str:
    """A session's start as people read it: "2 dicembre 2026, 17:30 (Europe/Rome)"."""
    return f"{format_date(moment, lang)}, {moment:%H:%M}" + (f" ({zone})" if zone else "")
