"""Curricula and HR's review: the pair submits a version, HR approves it or asks for changes with a comment;
every version keeps its history."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.domain import STAFF_ROLES, Curriculum
from companion.store.access import Actor, NotFound
from companion.store.base import MAX_TEXT, InvalidInput, StoreBase
from companion.store.models import CurriculumVersion, User
from companion.store.views import CurriculumVersionView


class Curricula(StoreBase):
    def _curriculum_views(self, session: Session, rows: list[CurriculumVersion]) -> list[CurriculumVersionView]:
        """Views of many versions with one query for the people named in them."""
        ids = {i for row in rows for i in (row.submitted_by, row.reviewed_by) if i}
        names = dict(session.execute(select(User.id, User.username).where(User.id.in_(ids))).all()) if ids else {}
        return [
            CurriculumVersionView(
                id=row.id,
                pair_id=row.pair_id,
                version=row.version,
                status=row.status,
                content=row.content,
                hr_comment=row.hr_comment,
                submitted_by=names.get(row.submitted_by) if row.submitted_by else None,
                reviewed_by=names.get(row.reviewed_by) if row.reviewed_by else None,
                created_at=row.created_at,
                reviewed_at=row.reviewed_at,
            )
            for row in rows
        ]

    def _curriculum_view(self, session: Session, row: CurriculumVersion) -> CurriculumVersionView:
        return self._curriculum_views(session, [row])[0]

    def submit_curriculum(
        self, actor: Actor, pair_id: int, curriculum: Curriculum, based_on: int | None = None
    ) -> CurriculumVersionView:
        """A new version for HR to review; earlier versions and their reviews are kept. `based_on`: the version
        the mentor edited, which must still be the latest and not approved (an edit answers a review)."""
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "submit curriculum")
            if actor.id != pair.mentor_id:
                raise self._deny(
                    actor, "submit curriculum", f"pair:{pair_id}", "only the pair's mentor submits its curriculum"
                )
            latest = self._latest_version(session, pair_id)
            if based_on is not None:
                if latest is None or latest.version != based_on:
                    raise InvalidInput(f"version {based_on} is not the pair's latest curriculum")
                if latest.status == "approved":
                    raise InvalidInput(f"version {based_on} is approved: it is no longer edited")
            row = CurriculumVersion(
                pair_id=pair_id,
                version=(latest.version if latest else 0) + 1,
                content=curriculum.model_dump(mode="json"),
                status="submitted",
                submitted_by=actor.id,
            )
            session.add(row)
            session.flush()
            detail = f"v{row.version}" + (f", edited from v{based_on}" if based_on is not None else "")
            self._audit(session, actor, "submit curriculum", f"curriculum:{row.id}", detail)
            return self._curriculum_view(session, row)

    @staticmethod
    def _latest_version(session: Session, pair_id: int) -> CurriculumVersion | None:
        return session.scalar(
            select(CurriculumVersion)
            .where(CurriculumVersion.pair_id == pair_id)
            .order_by(CurriculumVersion.version.desc())
            .limit(1)
        )

    def review_curriculum(
        self, actor: Actor, version_id: int, approve: bool, comment: str = ""
    ) -> CurriculumVersionView:
        self._require_role(actor, ("hr",), "review curriculum", f"curriculum:{version_id}")
        with self.db.session() as session:
            row = session.get(CurriculumVersion, version_id)
            if row is None:
                raise NotFound(f"curriculum version {version_id} does not exist")
            if row.status != "submitted":
                raise InvalidInput(f"version {row.version} is {row.status.replace('_', ' ')}, not waiting for review")
            latest = self._latest_version(session, row.pair_id)
            if latest is not None and latest.version != row.version:
                raise InvalidInput(
                    f"version {row.version} was replaced by version {latest.version}, not waiting for review"
                )
            if not approve and not comment.strip():
                raise InvalidInput("say what should change: a request for changes needs a comment")
            row.status = "approved" if approve else "changes_requested"
            row.hr_comment, row.reviewed_by, row.reviewed_at = comment.strip()[:MAX_TEXT], actor.id, datetime.now(UTC)
            self._audit(session, actor, "review curriculum", f"curriculum:{row.id}", row.status)
            return self._curriculum_view(session, row)

    def curricula(self, actor: Actor, pair_id: int) -> list[CurriculumVersionView]:
        with self.db.session() as session:
            self._pair(session, actor, pair_id, "view curricula")
            rows = session.scalars(
                select(CurriculumVersion)
                .where(CurriculumVersion.pair_id == pair_id)
                .order_by(CurriculumVersion.version)
            )
            return self._curriculum_views(session, list(rows))

    def approved_curriculum(self, actor: Actor, pair_id: int) -> CurriculumVersionView | None:
        approved = [v for v in self.curricula(actor, pair_id) if v.status == "approved"]
        return approved[-1] if approved else None

    def review_queue(self, actor: Actor) -> list[CurriculumVersionView]:
        """Each pair's latest version when it waits for review (a newer version replaces one still waiting)."""
        self._require_role(actor, STAFF_ROLES, "review queue")
        with self.db.session() as session:
            latest = (
                select(CurriculumVersion.pair_id, func.max(CurriculumVersion.version).label("version"))
                .group_by(CurriculumVersion.pair_id)
                .subquery()
            )
            rows = session.scalars(
                select(CurriculumVersion)
                .join(
                    latest,
                    (CurriculumVersion.pair_id == latest.c.pair_id) & (CurriculumVersion.version == latest.c.version),
                )
                .where(CurriculumVersion.status == "submitted")
                .order_by(CurriculumVersion.created_at)
            )
            return self._curriculum_views(session, list(rows))
