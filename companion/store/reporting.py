"""HR's view of the programme and the audit log: progress and aggregates, never private text.

`overview` and `period_report` run in a constant number of SQL statements whatever the number of pairs (one per
table)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from companion.domain import STAFF_ROLES, Side
from companion.store.access import Actor
from companion.store.base import StoreBase
from companion.store.models import (
    AssignedExercise,
    AuditEvent,
    CheckIn,
    CurriculumVersion,
    MentoringSession,
    Pair,
    User,
)
from companion.store.views import (
    AuditView,
    HeldSession,
    MonthRating,
    PairPeriod,
    PairProgress,
    PeriodReport,
    ProgrammeOverview,
    RatingSummary,
)


def rating_summary(ratings: list[int]) -> RatingSummary:
    return RatingSummary(
        count=len(ratings),
        average=round(sum(ratings) / len(ratings), 2) if ratings else None,
        distribution={score: ratings.count(score) for score in range(1, 6)},
    )


class Reporting(StoreBase):
    def overview(self, actor: Actor) -> ProgrammeOverview:
        self._require_role(actor, STAFF_ROLES, "programme overview")
        mentor, manager = aliased(User), aliased(User)
        with self.db.session() as session:
            pairs = session.execute(
                select(Pair, mentor.display_name, manager.display_name)
                .join(mentor, mentor.id == Pair.mentor_id)
                .join(manager, manager.id == Pair.manager_id)
                .order_by(Pair.id)
            ).all()
            records: dict[int, list[tuple[str, date | None, list[str]]]] = defaultdict(list)
            for pair_id, status, scheduled_on, topics in session.execute(
                select(
                    MentoringSession.pair_id,
                    MentoringSession.status,
                    MentoringSession.scheduled_on,
                    MentoringSession.topics,
                )
            ):
                records[pair_id].append((status, scheduled_on, topics or []))
            exercises = {
                pair_id: (int(done or 0), int(total))
                for pair_id, done, total in session.execute(
                    select(
                        AssignedExercise.pair_id,
                        func.sum(case((AssignedExercise.status == "done", 1), else_=0)),
                        func.count(AssignedExercise.id),
                    ).group_by(AssignedExercise.pair_id)
                )
            }
            newest = (
                select(CurriculumVersion.pair_id, func.max(CurriculumVersion.version).label("version"))
                .group_by(CurriculumVersion.pair_id)
                .subquery()
            )
            curriculum_status: dict[int, str] = dict(
                session.execute(
                    select(CurriculumVersion.pair_id, CurriculumVersion.status).join(
                        newest,
                        (newest.c.pair_id == CurriculumVersion.pair_id)
                        & (newest.c.version == CurriculumVersion.version),
                    )
                ).all()
            )
            ratings: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for pair_id, author_id, usefulness in session.execute(
                select(MentoringSession.pair_id, CheckIn.author_id, CheckIn.usefulness).join(
                    MentoringSession, MentoringSession.id == CheckIn.session_id
                )
            ):
                ratings[pair_id].append((author_id, usefulness))

            progress = []
            statuses: Counter[str] = Counter()
            by_side: dict[str, list[int]] = {"mentor": [], "manager": []}
            for pair, mentor_name, manager_name in pairs:
                rows = records[pair.id]
                held = [(day, topics) for status, day, topics in rows if status == "held"]
                done, assigned = exercises.get(pair.id, (0, 0))
                latest = curriculum_status.get(pair.id)
                if latest:
                    statuses[latest] += 1
                scores = [score for _, score in ratings[pair.id]]
                for author_id, score in ratings[pair.id]:
                    by_side["mentor" if author_id == pair.mentor_id else "manager"].append(score)
                held_dates = sorted(day for day, _ in held if day)
                progress.append(
                    PairProgress(
                        pair_id=pair.id,
                        mentor=mentor_name,
                        manager=manager_name,
                        language=pair.language,
                        sessions_held=len(held),
                        sessions_planned=sum(status == "planned" for status, _, _ in rows),
                        sessions_scheduled=sum(status == "scheduled" for status, _, _ in rows),
                        held_dates=held_dates,
                        last_held=held_dates[-1] if held_dates else None,
                        exercises_done=done,
                        exercises_assigned=assigned,
                        curriculum_status=latest,
                        topics_covered=sorted({t for _, topics in held for t in topics}),
                        assessment_before=pair.assessment_before or {},
                        assessment_after=pair.assessment_after or {},
                        check_ins=len(scores),
                        usefulness_average=round(sum(scores) / len(scores), 2) if scores else None,
                    )
                )
            done_total = sum(p.exercises_done for p in progress)
            assigned_total = sum(p.exercises_assigned for p in progress)
            return ProgrammeOverview(
                pairs=progress,
                sessions_held=sum(p.sessions_held for p in progress),
                exercise_completion=round(done_total / assigned_total, 3) if assigned_total else 0.0,
                curricula_by_status=dict(statuses),
                usefulness={side: rating_summary(scores) for side, scores in by_side.items()},
            )

    def period_report(self, actor: Actor, since: date | None = None) -> PeriodReport:
        """Every pair's figures for the period from `since` (a day, included) or for the whole programme:
        sessions held in it (by the day they were held), exercises given in it (`assigned_at`) and how many of
        those are done, and the check-in ratings of its sessions per side and per month. Ratings only, never
        the check-ins' text."""
        self._require_role(actor, STAFF_ROLES, "programme dashboard")
        start = datetime.combine(since, time.min, UTC) if since else None
        with self.db.session() as session:
            pairs = {
                pair_id: (mentor_id, PairPeriod(pair_id=pair_id))
                for pair_id, mentor_id in session.execute(select(Pair.id, Pair.mentor_id).order_by(Pair.id))
            }
            held = select(
                MentoringSession.pair_id,
                MentoringSession.number,
                MentoringSession.scheduled_on,
                MentoringSession.format,
                MentoringSession.topics,
            ).where(MentoringSession.status == "held")
            if since:
                held = held.where(MentoringSession.scheduled_on >= since)
            for pair_id, number, held_on, session_format, topics in session.execute(
                held.order_by(MentoringSession.pair_id, MentoringSession.number)
            ):
                pairs[pair_id][1].held.append(
                    HeldSession(number=number, held_on=held_on, format=session_format, topics=topics or [])
                )
            given = select(
                AssignedExercise.pair_id,
                func.sum(case((AssignedExercise.status == "done", 1), else_=0)),
                func.count(AssignedExercise.id),
            ).group_by(AssignedExercise.pair_id)
            if start:
                given = given.where(AssignedExercise.assigned_at >= start)
            for pair_id, done, total in session.execute(given):
                pairs[pair_id][1].exercises_done, pairs[pair_id][1].exercises_assigned = int(done or 0), int(total)
            rated = (
                select(MentoringSession.pair_id, MentoringSession.scheduled_on, CheckIn.author_id, CheckIn.usefulness)
                .join(MentoringSession, MentoringSession.id == CheckIn.session_id)
                .where(MentoringSession.status == "held")
            )
            if since:
                rated = rated.where(MentoringSession.scheduled_on >= since)
            by_side: dict[Side, list[int]] = {"mentor": [], "manager": []}
            by_month: dict[tuple[date, Side], list[int]] = defaultdict(list)
            for pair_id, held_on, author_id, usefulness in session.execute(rated):
                mentor_id, figures = pairs[pair_id]
                side: Side = "mentor" if author_id == mentor_id else "manager"
                figures.check_ins += 1
                by_side[side].append(usefulness)
                if held_on is not None:
                    by_month[(held_on.replace(day=1), side)].append(usefulness)
        return PeriodReport(
            since=since,
            pairs=[figures for _, figures in pairs.values()],
            usefulness={side: rating_summary(scores) for side, scores in by_side.items()},
            usefulness_by_month=[
                MonthRating(month=month, side=side, count=len(scores), average=round(sum(scores) / len(scores), 2))
                for (month, side), scores in sorted(
                    by_month.items(), key=lambda item: (item[0][0], item[0][1] != "mentor")
                )
            ],
        )

    def audit_log(self, actor: Actor, limit: int = 200) -> list[AuditView]:
        self._require_role(actor, ("admin",), "read audit log")
        with self.db.session() as session:
            rows = session.execute(
                select(AuditEvent, User.username)
                .outerjoin(User, User.id == AuditEvent.actor_id)
                .order_by(AuditEvent.id.desc())
                .limit(limit)
            )
            return [
                AuditView(at=e.at, actor=name, action=e.action, target=e.target, allowed=e.allowed, detail=e.detail)
                for e, name in rows
            ]
