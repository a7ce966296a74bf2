"""The manager's actions: the shared agenda, follow-up exercises, the reflection journal."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, as_user_errors
from companion.domain import DIGCOMP_COMPETENCES, SELF_LEVELS, AssessmentMoment, Exercise, ExerciseSet, Level, SelfLevel
from companion.store.views import ExerciseView, JournalEntryView, SessionView


class ManagerOverview(BaseModel):
    agenda: SessionView | None
    # What the manager may read of it: agenda, topics, their own questions; never the mentor's briefing.
    agenda_markdown: str | None
    exercises: list[ExerciseView]
    journal: list[JournalEntryView]

    @property
    def open_exercises(self) -> list[ExerciseView]:
        return [e for e in self.exercises if e.status == "assigned"]


class SelfAssessment(BaseModel):
    """The manager's DigComp self-assessment: competence code -> level, at the start and at the end."""

    before: dict[str, SelfLevel]
    after: dict[str, SelfLevel]


class ManagerDesk(Desk):
    def overview(self, username: str | None, pair_id: int) -> ManagerOverview:
        from companion.exports import manager_agenda_markdown

        actor = self.actor(username)
        with as_user_errors():
            agenda = self.programme.shared_agenda(actor, pair_id)
            return ManagerOverview(
                agenda=agenda,
                agenda_markdown=manager_agenda_markdown(agenda) if agenda else None,
                exercises=self.programme.exercises(actor, pair_id),
                journal=self.programme.journal(actor, pair_id),
            )

    def suggest_exercises(self, username: str | None, pair_id: int, level: Level, minutes: int | None) -> ExerciseSet:
        """Exercises on what the pair has covered so far (or on its goals before the first session)."""
        actor = self.actor(username)
        with as_user_errors():
            pair, covered = self.programme.exercise_context(actor, pair_id)  # the pair's own members only
            return self.services.planner.follow_up_exercises(
                pair.language,
                goals=pair.goals,
                level=level,
                topics=covered or None,
                max_minutes=minutes or None,
            )

    def keep_exercises(self, username: str | None, pair_id: int, suggested: dict[str, Any]) -> list[Exercise]:
        if not suggested:
            raise InvalidRequest(key="exercises_empty")
        try:
            exercises = ExerciseSet.model_validate(suggested).exercises
        except ValueError as error:
            raise InvalidRequest(key="exercises_empty") from error
        with as_user_errors():
            self.programme.assign_exercises(self.actor(username), pair_id, exercises)
        return exercises

    def complete_exercise(self, username: str | None, exercise_id: int | None, feedback: str) -> ExerciseView:
        if not exercise_id:
            raise InvalidRequest(key="choose_exercise_first")
        with as_user_errors():
            return self.programme.complete_exercise(self.actor(username), exercise_id, feedback)

    def write_journal(self, username: str | None, pair_id: int, text: str, shared: bool) -> JournalEntryView:
        with as_user_errors():
            return self.programme.add_journal_entry(self.actor(username), pair_id, text, shared)

    def self_assessment(self, username: str | None, pair_id: int) -> SelfAssessment:
        """What the manager rated so far, at the start and at the end of the programme."""
        with as_user_errors():
            pair = self.programme.pair(self.actor(username), pair_id)
        return SelfAssessment(
            before={c: v for c, v in pair.assessment_before.items() if v in SELF_LEVELS},
            after={c: v for c, v in pair.assessment_after.items() if v in SELF_LEVELS},
        )

    def save_self_assessment(
        self, username: str | None, pair_id: int, moment: AssessmentMoment, ratings: dict[str, str | None]
    ) -> SelfAssessment:
        """One level per DigComp competence rated (those left empty are left out); only the pair's manager rates
        themselves (the store refuses anyone else)."""
        rated = {code: level for code, level in ratings.items() if level}
        if not rated:
            raise InvalidRequest(key="assessment_empty")
        unknown = [code for code in rated if code not in DIGCOMP_COMPETENCES]
        if unknown:
            raise InvalidRequest(f"not DigComp competences: {unknown}")
        with as_user_errors():
            self.programme.set_assessment(self.actor(username), pair_id, moment, rated)
        return self.self_assessment(username, pair_id)
