"""The only errors that cross the UI boundary: each names a locale key, so the UI translates by type and
never shows a raw key or an internal message. Anything else is a bug and propagates as one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class UserError(Exception):
    """Something the user can act on. `key` is the locale string; `params` fill it in."""

    key = "invalid"

    def __init__(self, reason: str = "", *, key: str | None = None, **params: object) -> None:
        super().__init__(reason or key or self.key)
        self.reason = reason
        if key:
            self.key = key
        self.params = params


class NotAllowed(UserError):
    key = "not_allowed"


class Missing(UserError):
    key = "not_found"


class InvalidRequest(UserError):
    key = "invalid"


class NeedsMore(UserError):
    """The request cannot be served as it stands; the key explains what to add (e.g. `ask_goals`)."""


@contextmanager
def as_user_errors() -> Iterator[None]:
    """Translate the engine's refusals into user errors at the application-service boundary."""
    # Imported on first use: the web server starts before the engine is loaded (bench/cold_start.py).
    from companion.plan_edits import PlanEditError
    from companion.planner import PlanningError
    from companion.store.access import AccessDenied, NotFound
    from companion.store.programme import InvalidInput

    try:
        yield
    except AccessDenied as error:
        raise NotAllowed(str(error)) from error
    except NotFound as error:
        raise Missing(str(error)) from error
    except InvalidInput as error:
        raise InvalidRequest(str(error)) from error
    except PlanningError as error:
        raise NeedsMore(key=error.key) from error
    except PlanEditError as error:  # an edit the plan cannot take: the key says why, its values fill it in
        refused = InvalidRequest(key=error.key)
        refused.params = dict(error.params)
        raise refused from error
