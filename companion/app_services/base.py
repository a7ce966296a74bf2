"""What every desk shares: the engine and who is asking."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from companion.app_services.errors import NotAllowed, as_user_errors
from companion.services import Services

if TYPE_CHECKING:
    from companion.knowledge.catalogue import Catalogue
    from companion.store.access import Actor
    from companion.store.programme import Programme


class Desk:
    def __init__(self, services: Services) -> None:
        self.services = services

    @cached_property
    def catalogue(self) -> Catalogue:
        """The topic list (topics.yaml) alone: names and DigComp codes without loading the library's cards."""
        from companion.knowledge.catalogue import load_catalogue

        return load_catalogue(self.services.settings.knowledge_dir / "topics.yaml")

    @property
    def programme(self) -> Programme:
        return self.services.programme

    def actor(self, username: str | None) -> Actor:
        """The signed-in user, looked up server-side: the browser never tells us the role."""
        if not username:
            raise NotAllowed("sign in first")
        with as_user_errors():
            return self.programme.actor(username)
