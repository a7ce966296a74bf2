"""A pair's sessions, for either member: schedule, move, cancel, mark held, the one-minute check-in."""

from __future__ import annotations

from datetime import datetime

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, as_user_errors
from companion.domain import Language
from companion.store.views import CheckInView, SessionView


def parse_start(value: str) -> datetime:
    """'2026-12-03 14:30' (the zone is chosen separately) -> a naive local datetime."""
    try:
        return datetime.fromisoformat((value or "").strip())
    except ValueError as error:
        raise InvalidRequest(key="bad_start", value=value) from error


class JourneyDesk(Desk):
    def sessions(self, username: str | None, pair_id: int) -> list[SessionView]:
        with as_user_errors():
            return self.programme.sessions(self.actor(username), pair_id)

    def schedule(
        self, username: str | None, pair_id: int, number: int, starts: str, zone: str, place: str
    ) -> SessionView:
        actor, when = self.actor(username), parse_start(starts)
        with as_user_errors():
            return self.programme.schedule_session(actor, pair_id, number, when, zone or "UTC", place or "")

    def move(self, username: str | None, session_id: int, starts: str, zone: str, place: str | None) -> SessionView:
        actor, when = self.actor(username), parse_start(starts)
        with as_user_errors():
            return self.programme.move_session(actor, session_id, when, zone or None, place)

    def cancel(self, username: str | None, session_id: int) -> SessionView:
        with as_user_errors():
            return self.programme.cancel_session(self.actor(username), session_id)

    def mark_held(self, username: str | None, session_id: int) -> SessionView:
        with as_user_errors():
            return self.programme.mark_held(self.actor(username), session_id)

    def check_in(
        self, username: str | None, session_id: int, usefulness: int, learned: str, change: str, shared: bool
    ) -> CheckInView:
        with as_user_errors():
            return self.programme.check_in(self.actor(username), session_id, usefulness, learned, change, shared)

    def reminders(self, username: str | None, lang: Language, at: datetime | None = None) -> list[str]:
        """What is waiting for the signed-in person, one sentence each in `lang`: their next session, their own
        check-ins to fill in, the manager's open exercises. Facts only: never the other side's text."""
        from companion.reminders import reminder_line, reminders_for

        actor = self.actor(username)
        with as_user_errors():
            pairs = {p.id: p for p in self.programme.pairs(actor)}
            found = reminders_for(self.programme, actor, self.services.settings, at)
        return [reminder_line(r, lang, pairs, actor.username) for r in found]
