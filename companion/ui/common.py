"""Small pieces every workspace shares: who is asking, translated labels, friendly errors."""

from __future__ import annotations

from dataclasses import dataclass, field

import gradio as gr

from companion.domain import Language
from companion.i18n import t
from companion.services import Services
from companion.store.access import AccessDenied, Actor, NotFound
from companion.store.programme import InvalidInput


def actor_of(services: Services, request: gr.Request) -> Actor:
    """The signed-in user, looked up server-side on every call: the browser never tells us the role."""
    if not request or not request.username:
        raise AccessDenied("sign in first")
    return services.programme.actor(request.username)


def friendly(error: Exception, lang: Language) -> str:
    if isinstance(error, AccessDenied | NotFound):
        return f"⚠️ {t(lang, 'not_allowed', reason=error)}"
    return f"⚠️ {t(lang, 'invalid', reason=error)}"


HANDLED = (AccessDenied, NotFound, InvalidInput, ValueError)


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
        return [gr.update(**{attr: template.format(t(lang, key))}) for _, attr, key, template in self.entries]


def pair_choices(services: Services, actor: Actor, lang: Language) -> list[tuple[str, int]]:
    """The user's own pairs. Dropdowns of ids accept any value (allow_custom_value): their choices differ per
    user, so Gradio cannot check them, and the engine checks every id it is given anyway."""
    return [(f"{p.mentor.display_name} · {p.manager.display_name}", p.id) for p in services.programme.pairs(actor)]
