"""Follow-up exercises: the pair keeps them; only the manager marks one done, with feedback."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from companion.domain import Exercise
from companion.store.access import Actor, NotFound
from companion.store.base import MAX_TEXT, StoreBase, pair_view
from companion.store.models import AssignedExercise, MentoringSession
from companion.store.views import ExerciseView, PairView


def exercise_view(row: AssignedExercise) -> ExerciseView:
    return ExerciseView(
        id=row.id,
        pair_id=row.pair_id,
        session_id=row.session_id,
        title=row.title,
        level=row.level,
        minutes=row.minutes,
        steps=row.steps or [],
        citations=row.citations or [],
        status=row.status,
        feedback=row.feedback,
    )


class Exercises(StoreBase):
    def exercise_context(self, actor: Actor, pair_id: int) -> tuple[PairView, list[str]]:
        """What suggesting exercises needs (the pair and the topics covered): for the pair's own members only."""
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "suggest exercises")
            covered = session.scalars(select(MentoringSession.topics).where(MentoringSession.pair_id == pair_id))
            return pair_view(pair), list(dict.fromkeys(t for topics in covered for t in (topics or [])))

    def assign_exercises(
        self, actor: Actor, pair_id: int, exercises: list[Exercise], session_id: int | None = None
    ) -> list[ExerciseView]:
        with self.db.session() as session:
            self._member_pair(session, actor, pair_id, "assign exercises")
            rows = [
                AssignedExercise(
                    pair_id=pair_id,
                    session_id=session_id,
                    title=e.title,
                    level=e.level,
                    minutes=e.minutes,
                    steps=e.steps,
                    citations=e.citations,
                )
                for e in exercises
            ]
            session.add_all(rows)
            session.flush()
            self._audit(session, actor, "assign exercises", f"pair:{pair_id}", str(len(rows)))
            return [exercise_view(r) for r in rows]

    _exercise_view = staticmethod(exercise_view)  # the old private name, for callers that used it

    def exercises(self, actor: Actor, pair_id: int) -> list[ExerciseView]:
        with self.db.session() as session:
            self._member_pair(session, actor, pair_id, "view exercises")
            rows = session.scalars(
                select(AssignedExercise).where(AssignedExercise.pair_id == pair_id).order_by(AssignedExercise.id)
            )
            return [exercise_view(r) for r in rows]

    def complete_exercise(self, actor: Actor, exercise_id: int, feedback: str = "") -> ExerciseView:
        with self.db.session() as session:
            row = session.get(AssignedExercise, exercise_id)
            if row is None:
                raise NotFound(f"exercise {exercise_id} does not exist")
            pair = self._pair(session, actor, row.pair_id, "complete exercise")
            if actor.id != pair.manager_id:
                raise self._deny(
                    actor, "complete exercise", f"exercise:{exercise_id}", "only the manager marks it done"
                )
            row.status, row.feedback, row.done_at = "done", feedback.strip()[:MAX_TEXT], datetime.now(UTC)
            self._audit(session, actor, "complete exercise", f"exercise:{exercise_id}")
            return exercise_view(row)
