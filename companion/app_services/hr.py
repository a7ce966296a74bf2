"""HR's actions: the review queue, reviews, the programme overview, its dashboard and its CSV."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic import BaseModel

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, Missing, as_user_errors
from companion.curriculum_edit import CurriculumChanges, changes
from companion.domain import DIGCOMP_AREAS, SELF_LEVELS, Curriculum, DashboardPeriod, SelfLevel, Side
from companion.store.views import CurriculumVersionView, PairView, ProgrammeOverview, RatingSummary


class QueueItem(BaseModel):
    version_id: int
    label: str  # "mentor · manager · v2"


class CurriculumReview(BaseModel):
    """A curriculum waiting for HR, with what changed from the version before it and HR's comment on that one."""

    curriculum: Curriculum
    version: int
    previous: int | None  # the version before it, if any
    previous_comment: str
    changes: CurriculumChanges | None


class PairStats(BaseModel):
    """One pair on the dashboard: counts are integers, levels are the framework's own names."""

    pair_id: int
    label: str  # "mentor · manager"
    sessions_held: int  # in the period
    exercises_done: int
    exercises_assigned: int
    level_before: SelfLevel | None  # the average self-assessment, rounded to the nearest level
    level_after: SelfLevel | None
    check_ins: int = 0  # filled in for the sessions held in the period (both sides)


class MonthUsefulness(BaseModel):
    """The check-in ratings (1-5) of the sessions held in one month, averaged per side; None: no rating."""

    month: date  # its first day
    mentor: float | None = None
    mentor_count: int = 0
    manager: float | None = None
    manager_count: int = 0


class Attention(BaseModel):
    """A pair HR should look at now: stalled (no session held for `weeks`), or a held session's check-in
    missing for `days`. Facts only, no private text."""

    kind: Literal["stalled_pair", "overdue_check_in"]
    pair_id: int
    label: str  # "mentor · manager"
    weeks: int | None = None
    never_held: bool = False  # stalled since the pair started
    days: int | None = None
    session_number: int | None = None
    side: Side | None = None  # whose check-in is missing


class Dashboard(BaseModel):
    """What HR's dashboard shows, for a period: every pair (also those with nothing in the period)."""

    period: DashboardPeriod
    since: date | None  # None: the whole programme
    pairs: list[PairStats]
    sessions_held: int
    sessions_by_month: list[tuple[date, int]]  # the first day of each month from the first to the last, gaps as 0
    areas: dict[str, int]  # DigComp area ("1".."5") -> sessions held in the period that touched it
    exercise_completion: float  # 0..1: of the exercises given in the period, the share done
    exercises_done: int = 0
    exercises_assigned: int = 0  # given in the period
    check_ins: int = 0  # for the sessions held in the period
    usefulness: dict[Side, RatingSummary] = {}  # mentor / manager: the ratings of the period, averaged
    usefulness_by_month: list[MonthUsefulness] = []  # the same months as sessions_by_month
    attention: list[Attention] = []  # now, whatever the period: stalled pairs, then overdue check-ins
    stalled_after_weeks: int = 0  # the settings behind `attention`
    check_in_overdue_days: int = 0


def average_level(ratings: dict[str, str]) -> SelfLevel | None:
    """The mean of a self-assessment on the framework's scale, as the nearest level name (not a bare 0-3)."""
    scores = [SELF_LEVELS.index(v) for v in ratings.values() if v in SELF_LEVELS]
    if not scores:
        return None
    return SELF_LEVELS[min(len(SELF_LEVELS) - 1, int(sum(scores) / len(scores) + 0.5))]


def months_between(first: date, last: date) -> list[date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


class HrDesk(Desk):
    def review_queue(self, username: str | None) -> list[QueueItem]:
        actor = self.actor(username)
        with as_user_errors():
            versions = self.programme.review_queue(actor)
            pairs = {p.id: p for p in self.programme.pairs(actor)}

        def label(pair: PairView, version: int) -> str:
            return f"{pair.mentor.display_name} · {pair.manager.display_name} · v{version}"

        return [QueueItem(version_id=v.id, label=label(pairs[v.pair_id], v.version)) for v in versions]

    def waiting_curriculum(self, username: str | None, version_id: int) -> Curriculum:
        actor = self.actor(username)
        with as_user_errors():
            version = next((v for v in self.programme.review_queue(actor) if v.id == version_id), None)
        if version is None:
            raise Missing(f"curriculum version {version_id}")
        return Curriculum.model_validate(version.content)

    def curriculum_review(self, username: str | None, version_id: int) -> CurriculumReview:
        """A waiting version and what changed against the pair's version before it."""
        actor = self.actor(username)
        with as_user_errors():
            version = next((v for v in self.programme.review_queue(actor) if v.id == version_id), None)
            if version is None:
                raise Missing(f"curriculum version {version_id}")
            earlier = [v for v in self.programme.curricula(actor, version.pair_id) if v.version < version.version]
        curriculum = Curriculum.model_validate(version.content)
        previous = earlier[-1] if earlier else None
        return CurriculumReview(
            curriculum=curriculum,
            version=version.version,
            previous=previous.version if previous else None,
            previous_comment=previous.hr_comment if previous else "",
            changes=changes(Curriculum.model_validate(previous.content), curriculum) if previous else None,
        )

    def review(
        self, username: str | None, version_id: int | None, approve: bool, comment: str
    ) -> CurriculumVersionView:
        if not version_id:
            raise InvalidRequest(key="choose_version_first")
        if not approve and not comment.strip():  # said in the user's language, before the store refuses it
            raise InvalidRequest(key="comment_needed")
        with as_user_errors():
            return self.programme.review_curriculum(self.actor(username), version_id, approve, comment)

    def overview(self, username: str | None) -> ProgrammeOverview:
        with as_user_errors():
            return self.programme.overview(self.actor(username))

    def dashboard(self, username: str | None, period: DashboardPeriod = "all", today: date | None = None) -> Dashboard:
        """The overview for a period: sessions held (per pair, per month), DigComp areas of those sessions,
        exercises given in it and done, check-in ratings per side and per month, self-assessment before and
        after; and, as of today, the stalled pairs and overdue check-ins. Aggregates only, never notes, journals
        or check-in text."""
        actor = self.actor(username)
        at = datetime.now(UTC) if today is None else datetime.combine(today, time(12), UTC)
        today = today or date.today()
        since = None if period == "all" else today - timedelta(days=int(period))
        settings = self.services.settings
        with as_user_errors():
            overview = self.programme.overview(actor)
            report = self.programme.period_report(actor, since)
            nudges = self.programme.reminders(
                actor, at=at, stalled_weeks=settings.stalled_after_weeks, overdue_days=settings.check_in_overdue_days
            )
        figures = {p.pair_id: p for p in report.pairs}
        topics = self.catalogue.topics
        areas: Counter[str] = Counter()
        per_month: Counter[date] = Counter()
        for pair in report.pairs:
            for s in pair.held:
                touched = {code.split(".")[0] for slug in s.topics if slug in topics for code in topics[slug].digcomp}
                areas.update(touched)
                if s.held_on:
                    per_month[s.held_on.replace(day=1)] += 1
        rated = {r.month for r in report.usefulness_by_month}
        known = set(per_month) | rated
        months = months_between(min(known), max(known)) if known else []
        if since and known:
            months = months_between(since, max(max(known), today))
        labels = {p.pair_id: f"{p.mentor} · {p.manager}" for p in overview.pairs}
        pairs = [
            PairStats(
                pair_id=p.pair_id,
                label=labels[p.pair_id],
                sessions_held=len(figures[p.pair_id].held),
                exercises_done=figures[p.pair_id].exercises_done,
                exercises_assigned=figures[p.pair_id].exercises_assigned,
                level_before=average_level(p.assessment_before),
                level_after=average_level(p.assessment_after),
                check_ins=figures[p.pair_id].check_ins,
            )
            for p in overview.pairs
        ]
        done = sum(p.exercises_done for p in pairs)
        given = sum(p.exercises_assigned for p in pairs)
        by_month = {month: MonthUsefulness(month=month) for month in months}
        for rating in report.usefulness_by_month:
            entry = by_month.setdefault(rating.month, MonthUsefulness(month=rating.month))
            if rating.side == "mentor":
                entry.mentor, entry.mentor_count = rating.average, rating.count
            else:
                entry.manager, entry.manager_count = rating.average, rating.count
        attention = [
            Attention(
                kind=n.kind,
                pair_id=n.pair_id,
                label=labels.get(n.pair_id, "?"),
                weeks=n.weeks,
                never_held=n.never_held,
                days=n.days,
                session_number=n.session_number,
                side=n.side,
            )
            for n in nudges
            if n.kind in ("stalled_pair", "overdue_check_in")
        ]
        attention.sort(key=lambda a: (a.kind != "stalled_pair", -(a.weeks or 0), -(a.days or 0), a.label))
        return Dashboard(
            period=period,
            since=since,
            pairs=pairs,
            sessions_held=sum(p.sessions_held for p in pairs),
            sessions_by_month=[(m, per_month.get(m, 0)) for m in months],
            areas={area: areas.get(area, 0) for area in DIGCOMP_AREAS},
            exercise_completion=round(done / given, 3) if given else 0.0,
            exercises_done=done,
            exercises_assigned=given,
            check_ins=sum(p.check_ins for p in pairs),
            usefulness=report.usefulness,
            usefulness_by_month=[by_month[m] for m in sorted(by_month)],
            attention=attention,
            stalled_after_weeks=settings.stalled_after_weeks,
            check_in_overdue_days=settings.check_in_overdue_days,
        )

    def overview_csv(self, username: str | None) -> str:
        """Built when it is asked for, so it is never stale."""
        from companion.exports import overview_csv

        return overview_csv(self.overview(username))
