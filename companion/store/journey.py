"""The pair's journey read back: the history planning needs, what is waiting for each person when they sign
in, and which pairs HR should look at (stalled, check-ins overdue). Nothing private reaches HR."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.store.access import Actor
from companion.store.base import StoreBase
from companion.store.models import AssignedExercise, CheckIn, CurriculumVersion, MentoringSession, Pair
from companion.store.sessions import Sessions, as_utc
from companion.store.views import ExerciseFeedback, HeldSession, PairHistory, Reminder

STALLED_AFTER_WEEKS = 6
CHECK_IN_OVERDUE_DAYS = 7


class Journey(StoreBase):
    def pair_history(self, actor: Actor, pair_id: int) -> PairHistory:
        """What the next session builds on, for a member of the pair (it carries their check-ins and the
        manager's exercise feedback, so HR does not get it)."""
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "view history")
            records = list(
                session.scalars(
                    select(MentoringSession)
                    .where(MentoringSession.pair_id == pair_id)
                    .order_by(MentoringSession.number)
                )
            )
            held = [r for r in records if r.status == "held"]
            next_number = (held[-1].number if held else 0) + 1
            approved = session.scalar(
                select(CurriculumVersion)
                .where(CurriculumVersion.pair_id == pair_id, CurriculumVersion.status == "approved")
                .order_by(CurriculumVersion.version.desc())
                .limit(1)
            )
            entry = None
            if approved is not None:
                entry = next((s for s in approved.content.get("sessions", []) if s.get("number") == next_number), None)
            exercises = list(
                session.scalars(
                    select(AssignedExercise).where(AssignedExercise.pair_id == pair_id).order_by(AssignedExercise.id)
                )
            )
            # The latest check-in of each side the asker may see (their own; the other's once shared).
            number_of = {r.id: r.number for r in held}
            rows = session.scalars(select(CheckIn).where(CheckIn.session_id.in_(list(number_of))).order_by(CheckIn.id))
            latest: dict[int, CheckIn] = {}
            for row in rows:
                if row.author_id == actor.id or row.shared:
                    current = latest.get(row.author_id)
                    if current is None or number_of[row.session_id] >= number_of[current.session_id]:
                        latest[row.author_id] = row
            last_check_ins = sorted(
                (Sessions._check_in_view(row, pair) for row in latest.values()),
                key=lambda c: (c.session_id, c.side),
            )
            return PairHistory(
                pair_id=pair.id,
                language=pair.language,
                goals=pair.goals,
                session_minutes=pair.session_minutes,
                total_sessions=pair.total_sessions,
                next_session_number=next_number,
                held=[
                    HeldSession(number=r.number, held_on=r.scheduled_on, format=r.format, topics=r.topics or [])
                    for r in held
                ],
                curriculum_version=approved.version if approved else None,
                curriculum_entry=entry,
                assessment_before=pair.assessment_before or {},
                assessment_after=pair.assessment_after or {},
                exercises_done=sum(e.status == "done" for e in exercises),
                exercises_total=len(exercises),
                exercises=[ExerciseFeedback(title=e.title, status=e.status, feedback=e.feedback) for e in exercises],
                last_check_ins=last_check_ins,
            )

    # ---- what is waiting on sign-in -----------------------------------------------------------------------

    def reminders(
        self,
        actor: Actor,
        at: datetime | None = None,
        stalled_weeks: int = STALLED_AFTER_WEEKS,
        overdue_days: int = CHECK_IN_OVERDUE_DAYS,
    ) -> list[Reminder]:
        """For a mentor or a manager: each pair's next session, the check-ins to fill in, the open exercises
        (the manager's). For HR and admins: stalled pairs and overdue check-ins. Facts only, no private text."""
        at = as_utc(at) or datetime.now(UTC)
        with self.db.session() as session:
            query = select(Pair).order_by(Pair.id)
            if not actor.is_staff:
                query = query.where((Pair.mentor_id == actor.id) | (Pair.manager_id == actor.id))
            pairs = list(session.scalars(query))
            ids = [p.id for p in pairs]
            records = list(
                session.scalars(
                    select(MentoringSession)
                    .where(MentoringSession.pair_id.in_(ids))
                    .order_by(MentoringSession.pair_id, MentoringSession.number)
                )
            )
            authors: dict[int, set[int]] = {}
            for session_id, author_id in session.execute(
                select(CheckIn.session_id, CheckIn.author_id).where(
                    CheckIn.session_id.in_([r.id for r in records if r.status == "held"])
                )
            ):
                authors.setdefault(session_id, set()).add(author_id)
            if actor.is_staff:
                return self._nudges(pairs, records, authors, at, stalled_weeks, overdue_days)
            found = self._member_reminders(session, actor, pairs, records, authors, at)
            return found

    @staticmethod
    def _member_reminders(
        session: Session,
        actor: Actor,
        pairs: list[Pair],
        records: list[MentoringSession],
        authors: dict[int, set[int]],
        at: datetime,
    ) -> list[Reminder]:
        found: list[Reminder] = []
        for pair in pairs:
            mine = [r for r in records if r.pair_id == pair.id]
            upcoming = [
                r for r in mine if r.status == "scheduled" and (as_utc(r.starts_at) or at) >= at - timedelta(hours=2)
            ]
            if upcoming:
                nxt = min(upcoming, key=lambda r: as_utc(r.starts_at) or at)
                found.append(
                    Reminder(
                        kind="next_session",
                        pair_id=pair.id,
                        session_id=nxt.id,
                        session_number=nxt.number,
                        starts_at=as_utc(nxt.starts_at),
                        time_zone=nxt.time_zone,
                    )
                )
            for record in mine:
                if record.status == "held" and actor.id not in authors.get(record.id, set()):
                    found.append(
                        Reminder(kind="check_in", pair_id=pair.id, session_id=record.id, session_number=record.number)
                    )
            if actor.id == pair.manager_id:
                for exercise in session.scalars(
                    select(AssignedExercise)
                    .where(AssignedExercise.pair_id == pair.id, AssignedExercise.status == "assigned")
                    .order_by(AssignedExercise.id)
                ):
                    found.append(Reminder(kind="exercise_due", pair_id=pair.id, title=exercise.title))
        return found

    @staticmethod
    def _nudges(
        pairs: list[Pair],
        records: list[MentoringSession],
        authors: dict[int, set[int]],
        at: datetime,
        stalled_weeks: int,
        overdue_days: int,
    ) -> list[Reminder]:
        found: list[Reminder] = []
        for pair in pairs:
            mine = [r for r in records if r.pair_id == pair.id]
            held = [r for r in mine if r.status == "held"]
            last = max((as_utc(r.held_at) or at for r in held), default=as_utc(pair.created_at) or at)
            weeks = int((at - last).days // 7)
            if weeks >= stalled_weeks:
                found.append(Reminder(kind="stalled_pair", pair_id=pair.id, weeks=weeks, never_held=not held))
            for record in held:
                held_at = as_utc(record.held_at) or at
                if at - held_at < timedelta(days=overdue_days):
                    continue
                for side, person in (("mentor", pair.mentor_id), ("manager", pair.manager_id)):
                    if person not in authors.get(record.id, set()):
                        found.append(
                            Reminder(
                                kind="overdue_check_in",
                                pair_id=pair.id,
                                session_id=record.id,
                                session_number=record.number,
                                side=side,
                                days=(at - held_at).days,
                            )
                        )
        return found
