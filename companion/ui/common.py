"""Small pieces every workspace shares: who is asking, translated labels, friendly errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from companion.app_services import Desks, UserError
from companion.domain import Language
from companion.i18n import t


def username_of(request: gr.Request | None) -> str | None:
    """Who is signed in; the desks look the account (and its role) up server-side on every call."""
    return request.username if request else None


def friendly(error: UserError, lang: Language) -> str:
    """A user error in the user's language, by its type: never a raw key or an internal message."""
    if error.reason and "reason" not in error.params:
        return f"⚠️ {t(lang, error.key, reason=error.reason, **error.params)}"
    return f"⚠️ {t(lang, error.key, **error.params)}"


HANDLED = (UserError,)


@dataclass
class Labels:
    """Components whose label, placeholder or value is a locale string, so the whole UI can switch language."""

    entries: list[tuple[gr.components.Component, str, str, str]] = field(default_factory=list)

    def add(self, component, key: str, attr: str = "label", template: str = "{}"):
        self.entries.append((component, attr, key, template))
        return component

    @property
    def components(self) -> list:
        return [entry[0] for entry in self.entries]

    def updates(self, lang: Language) -> list:
        changes: list[dict[str, Any]] = [
            {attr: template.format(t(lang, key))} for _, attr, key, template in self.entries
        ]
        return [gr.update(**change) for change in changes]


def pair_choices(desks: Desks, username: str | None) -> list[tuple[str, int]]:
    """The user's own pairs. Dropdowns of ids accept any value (allow_custom_value): their choices differ per
    user, so Gradio cannot check them, and the engine checks every id it is given anyway."""
    return [(f"{p.mentor.display_name} · {p.manager.display_name}", p.id) for p in desks.people.pairs(username)]
