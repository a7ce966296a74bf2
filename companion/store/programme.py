"""The programme's use cases over the database, as one object: every method takes the asking `Actor` first and
applies the access rules of companion.store.access; every change and every refusal is written to the audit log.

The use cases live by feature, each a mixin on `companion.store.base.StoreBase` (the shared access checks and
audit): people and pairs, sessions and check-ins, notes and journal, exercises, curricula, conversations, the
journey (history, reminders) and reporting. `Programme` composes them; callers only ever see `Programme`."""

from __future__ import annotations

from companion.domain import ROLES
from companion.store.base import MAX_TEXT, InvalidInput, StoreBase, logs_denials, pair_view, user_view
from companion.store.conversations import Conversations
from companion.store.curricula import Curricula
from companion.store.exercises import Exercises
from companion.store.journey import Journey
from companion.store.notes import NotesAndJournal
from companion.store.people import PeopleAndPairs
from companion.store.reporting import Reporting
from companion.store.sessions import Sessions

__all__ = ["MAX_TEXT", "ROLES", "InvalidInput", "Programme", "logs_denials", "pair_view", "user_view"]


class Programme(
    PeopleAndPairs,
    Sessions,
    NotesAndJournal,
    Exercises,
    Curricula,
    Conversations,
    Journey,
    Reporting,
    StoreBase,
):
    """The one public object of the store."""
