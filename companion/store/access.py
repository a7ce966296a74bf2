"""Who may do what. The rules live here, in the engine, and every use case of the store goes through them;
the UI only decides what to show."""

from __future__ import annotations

from dataclasses import dataclass

from companion.domain import STAFF_ROLES, Role
from companion.store.models import AuditEvent, Pair


class AccessDenied(PermissionError):
    """A clear refusal; the store logs it in the audit log before raising it."""

    audit: AuditEvent | None = None  # the refusal's audit record, written once the transaction has rolled back


class NotFound(LookupError):
    pass


@dataclass(frozen=True)
class Actor:
    """The signed-in user as the engine sees them: looked up server-side, never taken from the client."""

    id: int
    username: str
    role: Role

    @property
    def is_staff(self) -> bool:
        """HR and admins run the programme: curricula, statuses, aggregates. Never private notes or journals."""
        return self.role in STAFF_ROLES


def in_pair(actor: Actor, pair: Pair) -> bool:
    return actor.id in (pair.mentor_id, pair.manager_id)


def can_see_pair(actor: Actor, pair: Pair) -> bool:
    return actor.is_staff or in_pair(actor, pair)


def can_see_note(actor: Actor, pair: Pair, author_id: int, shared: bool) -> bool:
    """A note is its author's; shared, it is the pair's. Staff never see notes."""
    return actor.id == author_id or (shared and in_pair(actor, pair))


def can_see_journal_entry(actor: Actor, pair: Pair, author_id: int, shared: bool) -> bool:
    """The journal is the manager's; an entry shared is the pair's. Staff never see it."""
    return actor.id == author_id or (shared and in_pair(actor, pair))
