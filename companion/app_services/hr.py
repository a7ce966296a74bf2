"""HR's actions: the review queue, reviews, the programme overview and its CSV."""

from __future__ import annotations

from pydantic import BaseModel

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, Missing, as_user_errors
from companion.domain import Curriculum
from companion.store.views import CurriculumVersionView, PairView, ProgrammeOverview


class QueueItem(BaseModel):
    version_id: int
    label: str  # "mentor · manager · v2"


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

    def review(
        self, username: str | None, version_id: int | None, approve: bool, comment: str
    ) -> CurriculumVersionView:
        if not version_id:
            raise InvalidRequest(key="choose_version_first")
        with as_user_errors():
            return self.programme.review_curriculum(self.actor(username), version_id, approve, comment)

    def overview(self, username: str | None) -> ProgrammeOverview:
        with as_user_errors():
            return self.programme.overview(self.actor(username))

    def overview_csv(self, username: str | None) -> str:
        """Built when it is asked for, so it is never stale."""
        from companion.exports import overview_csv

        return overview_csv(self.overview(username))
