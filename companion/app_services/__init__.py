"""Application services: one method per user action, combining the store and the planner.

The web UI and the CLI call these and nothing deeper. Every method takes the signed-in user's name (the
role is looked up server-side on every call), returns pydantic domain objects or store views, and raises
only `UserError`s (see errors.py), which the caller translates by type.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.app_services.errors import InvalidRequest, Missing, NeedsMore, NotAllowed, UserError
from companion.app_services.hr import Dashboard, HrDesk, PairStats, QueueItem
from companion.app_services.journey import JourneyDesk
from companion.app_services.library import LibraryDesk
from companion.app_services.manager import ManagerDesk, ManagerOverview
from companion.app_services.mentor import MentorDesk, PairContext, ResumedPair, SavedPlan
from companion.app_services.people import PeopleDesk
from companion.services import Services

__all__ = [
    "Dashboard",
    "Desks",
    "HrDesk",
    "InvalidRequest",
    "JourneyDesk",
    "LibraryDesk",
    "ManagerDesk",
    "ManagerOverview",
    "MentorDesk",
    "Missing",
    "NeedsMore",
    "NotAllowed",
    "PairContext",
    "PairStats",
    "PeopleDesk",
    "QueueItem",
    "ResumedPair",
    "SavedPlan",
    "UserError",
]


@dataclass(frozen=True)
class Desks:
    """Every desk over one engine: what the UI holds."""

    people: PeopleDesk
    mentor: MentorDesk
    manager: ManagerDesk
    hr: HrDesk
    library: LibraryDesk
    journey: JourneyDesk

    @classmethod
    def over(cls, services: Services) -> Desks:
        return cls(
            PeopleDesk(services),
            MentorDesk(services),
            ManagerDesk(services),
            HrDesk(services),
            LibraryDesk(services),
            JourneyDesk(services),
        )
