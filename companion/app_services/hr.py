"""HR's actions: the review queue, reviews, the programme overview, its dashboard and its CSV."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from pydantic import BaseModel

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, Missing, as_user_errors
from companion.curriculum_edit import CurriculumChanges, changes
from companion.domain import DIGCOMP_AREAS, SELF_LEVELS, Curriculum, DashboardPeriod, SelfLevel
from companion.store.views import CurriculumVersionView, PairView, ProgrammeOverview


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


class Dashboard(BaseModel):
    """What HR's dashboard shows, for a period: every pair (also those with nothing in the period)."""

    period: DashboardPeriod
    since: date | None  # None: the whole programme
    pairs: list[PairStats]
    sessions_held: int
    sessions_by_month: list[tuple[date, int]]  # the first day of each month from the first to the last, gaps as 0
    areas: dict[str, int]  # DigComp area ("1".."5") -> sessions held in the period that touched it
    exercise_completion: float  # 0..1, over every assigned exercise (exercises carry no date)


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
        exercise completion and self-assessment before and after. Aggregates only, never notes or journals."""
        actor = self.actor(username)
        today = today or date.today()
        since = None if period == "all" else today - timedelta(days=int(period))
        with as_user_errors():
            overview = self.programme.overview(actor)
            held = {
                p.pair_id: [
                    s
                    for s in self.programme.sessions(actor, p.pair_id)
                    if s.status == "held" and (since is None or (s.scheduled_on or date.min) >= since)
                ]
                for p in overview.pairs
            }
        topics = self.catalogue.topics
        areas: Counter[str] = Counter()
        per_month: Counter[date] = Counter()
        for sessions in held.values():
            for s in sessions:
                touched = {code.split(".")[0] for slug in s.topics if slug in topics for code in topics[slug].digcomp}
                areas.update(touched)
                if s.scheduled_on:
                    per_month[s.scheduled_on.replace(day=1)] += 1
        months = months_between(min(per_month), max(per_month)) if per_month else []
        if since and per_month:
            months = months_between(since, max(max(per_month), today))
        pairs = [
            PairStats(
                pair_id=p.pair_id,
                label=f"{p.mentor} · {p.manager}",
                sessions_held=len(held[p.pair_id]),
                exercises_done=p.exercises_done,
                exercises_assigned=p.exercises_assigned,
                level_before=average_level(p.assessment_before),
                level_after=average_level(p.assessment_after),
            )
            for p in overview.pairs
        ]
        return Dashboard(
            period=period,
            since=since,
            pairs=pairs,
            sessions_held=sum(p.sessions_held for p in pairs),
            sessions_by_month=[(m, per_month.get(m, 0)) for m in months],
            areas={area: areas.get(area, 0) for area in DIGCOMP_AREAS},
            exercise_completion=overview.exercise_completion,
        )

    def overview_csv(self, username: str | None) -> str:
        """Built when it is asked for, so it is never stale."""
        from companion.exports import overview_csv

        return overview_csv(self.overview(username))
