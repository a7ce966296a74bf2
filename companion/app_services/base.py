"""What every desk shares: the engine and who is asking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.app_services.errors import NotAllowed, as_user_errors
from companion.services import Services

if TYPE_CHECKING:
    from companion.store.access import Actor
    from companion.store.programme import Programme


class Desk:
    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    def programme(self) -> Programme:
        return self.services.programme

    def actor(self, username: str | None) -> Actor:
        """The signed-in user, looked up server-side: the browser never tells us the role."""
        if not username:
            raise NotAllowed("sign in first")
        with as_user_errors():
            return self.programme.actor(username)
