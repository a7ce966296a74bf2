"""Small pieces every workspace shares: who is asking, translated labels, friendly errors, dates per language."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import gradio as gr

from companion.app_services import Desks, UserError
from companion.domain import Language
from companion.i18n import strings, t

log = logging.getLogger(__name__)


def username_of(request: gr.Request | None) -> str | None:
    """Who is signed in; the desks look the account (and its role) up server-side on every call."""
    return request.username if request else None


def friendly(error: UserError, lang: Language) -> str:
    """A user error in the user's language, by its type: never a raw key or an internal (English) message.
    The reason, written for the log, stays in the log."""
    if error.reason:
        log.info("refused (%s): %s", error.key, error.reason)
    if error.key not in strings(lang):
        log.warning("no locale string %r for a user error", error.key)
        return f"⚠️ {t(lang, 'something_failed')}"
    return f"⚠️ {t(lang, error.key, reason=error.reason, **error.params)}"


HANDLED = (UserError,)


def format_date(value: date | datetime | None, lang: Language) -> str:
    """A date as people write it in the language (12 March 2026 / March 12, 2026), never ISO; "—" without one."""
    if value is None:
        return "—"
    month = t(lang, f"month_{value.month}")
    return t(lang, "date_format", day=value.day, month=month, year=value.year)


def format_month(year: int, month: int, lang: Language) -> str:
    return t(lang, "month_year", month=t(lang, f"month_{month}"), year=year)


def format_number(value: float, lang: Language, digits: int = 0) -> str:
    """Thousands and decimals as the language writes them (1,234.5 / 1.234,5)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".") if lang == "it" else text


Update = Callable[[Language], dict[str, Any]]


@dataclass
class Labels:
    """Components whose label, placeholder, value or choices are locale strings, so the whole UI can switch
    language."""

    entries: list[tuple[Any, Update]] = field(default_factory=list)

    def add(self, component, key: str, attr: str = "label", template: str = "{}"):
        self.entries.append((component, lambda lang: {attr: template.format(t(lang, key))}))
        return component

    def add_choices(self, component, choices: Sequence[tuple[str, Any]]):
        """A dropdown or radio whose choices are (locale key, value): shown translated, the value unchanged."""
        self.entries.append((component, lambda lang: {"choices": [(t(lang, key), value) for key, value in choices]}))
        return component

    def add_update(self, component, update: Update):
        self.entries.append((component, update))
        return component

    @property
    def components(self) -> list:
        return [entry[0] for entry in self.entries]

    def updates(self, lang: Language) -> list:
        return [gr.update(**update(lang)) for _, update in self.entries]


def pair_choices(desks: Desks, username: str | None) -> list[tuple[str, int]]:
    """The user's own pairs. Dropdowns of ids accept any value (allow_custom_value): their choices differ per
    user, so Gradio cannot check them, and the engine checks every id it is given anyway."""
    return [(f"{p.mentor.display_name} · {p.manager.display_name}", p.id) for p in desks.people.pairs(username)]
