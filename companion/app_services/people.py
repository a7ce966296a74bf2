"""Actions every signed-in person has: who am I, my pairs, my language."""

from __future__ import annotations

from companion.app_services.base import Desk
from companion.app_services.errors import as_user_errors
from companion.domain import Language
from companion.store.views import PairView, UserView


class PeopleDesk(Desk):
    def me(self, username: str | None) -> UserView:
        with as_user_errors():
            return self.programme.user(self.actor(username))

    def is_staff(self, username: str | None) -> bool:
        return self.actor(username).is_staff

    def pairs(self, username: str | None) -> list[PairView]:
        with as_user_errors():
            return self.programme.pairs(self.actor(username))

    def set_language(self, username: str | None, language: Language) -> None:
        with as_user_errors():
            self.programme.set_language(self.actor(username), language)
