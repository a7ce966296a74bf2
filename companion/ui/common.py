"""Small pieces every workspace shares: who is asking, translated labels, friendly errors, and the generic
message (with a reference that matches a log line) for unexpected ones."""

from __future__ import annotations

import functools
import inspect
import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from companion.app_services import Desks, UserError
from companion.domain import LANGUAGES, Language
from companion.i18n import strings, t

log = logging.getLogger(__name__)

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


def reference() -> str:
    """A short id the user can quote and an administrator can find in the log."""
    return secrets.token_hex(4).upper()


def unexpected(error: BaseException, where: str, lang: Language, user: str | None) -> gr.Error:
    """Log an unexpected failure with its traceback under a fresh reference; the user gets only the generic,
    translated message with that reference (never the exception's text: SQL, paths, internals)."""
    ref = reference()
    log.error("unexpected error in %s for %s, reference %s", where, user or "-", ref, exc_info=error)
    return gr.Error(t(lang, "error_generic", ref=ref), print_exception=False)


def guard_handlers(blocks: gr.Blocks, language: gr.components.Component, default_lang: Language) -> None:
    """Wrap every event handler of `blocks` so an unexpected exception becomes `unexpected(...)`. The user's
    language is the handler's `language` input when it has one, else the browser's, else the default."""
    for block_fn in blocks.fns.values():
        if block_fn.fn is None or getattr(block_fn.fn, "__guarded__", False):
            continue
        position = next((i for i, c in enumerate(block_fn.inputs) if c is language), None)
        block_fn.fn = _guarded(block_fn.fn, block_fn.name or "handler", position, default_lang)


def _language_of(args: tuple, position: int | None, default_lang: Language) -> tuple[Language, str | None]:
    request = next((a for a in args if isinstance(a, gr.Request)), None)
    user = username_of(request)
    if position is not None and position < len(args) and args[position] in LANGUAGES:
        return args[position], user
    accept = (request.headers.get("accept-language", "") if request is not None else "").lower()
    return ("it" if accept.startswith("it") else default_lang), user


def _guarded(fn: Callable, where: str, position: int | None, default_lang: Language) -> Callable:
    passed = (gr.Error, UserError)  # gr.Error is meant for the user; user errors are translated where raised

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def generator(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except passed:
                raise
            except Exception as error:  # noqa: BLE001 - the boundary: every unexpected error gets a reference
                lang, user = _language_of(args, position, default_lang)
                raise unexpected(error, where, lang, user) from None

        wrapper: Callable = generator
    elif inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn):
        return fn  # none in this app; left as Gradio handles them
    else:

        @functools.wraps(fn)
        def plain(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except passed:
                raise
            except Exception as error:  # noqa: BLE001 - the boundary: every unexpected error gets a reference
                lang, user = _language_of(args, position, default_lang)
                raise unexpected(error, where, lang, user) from None

        wrapper = plain
    wrapper.__guarded__ = True  # type: ignore[attr-defined]
    return wrapper
