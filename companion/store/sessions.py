"""Sessions and check-ins: the pair's journey. A session is planned (a plan, no date), scheduled (a date, a time
in the pair's time zone, a place or a link), held, or cancelled. Holding it opens a one-minute check-in for
each side (Kirkpatrick level 1): a usefulness rating 1-5, one thing learned or taught, one thing to change.
A check-in is its author's; shared, the other member sees it; HR only sees ratings, aggregated (reporting)."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from companion.domain import SessionPlan, Side
from companion.store.access import Actor, in_pair
from companion.store.base import InvalidInput, StoreBase, clean_text
from companion.store.models import CheckIn, MentoringSession, Pair, now
from companion.store.views import CheckInView, SessionView

log = logging.getLogger(__name__)

STATUSES = ("planned", "scheduled", "held", "cancelled")
CHECK_IN_TEXT = 2000  # a one-minute check-in: a sentence or two each


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: everything the store writes is UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo((name or "").strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"{name!r} is not an IANA time zone such as Europe/Rome") from exc


def side_of(actor: Actor, pair: Pair) -> Side:
    return "mentor" if actor.id == pair.mentor_id else "manager"


class Sessions(StoreBase):
    # ---- views --------------------------------------------------------------------------------------------

    @staticmethod
    def _check_in_view(row: CheckIn, pair: Pair) -> CheckInView:
        side: Side = "mentor" if row.author_id == pair.mentor_id else "manager"
        author = pair.mentor if side == "mentor" else pair.manager
        return CheckInView(
            id=row.id,
            session_id=row.session_id,
            author=author.username,
            author_name=author.display_name,
            side=side,
            usefulness=row.usefulness,
            learned=row.learned,
            change=row.change,
            shared=row.shared,
            updated_at=as_utc(row.updated_at) or now(),
        )

    @classmethod
    def _session_view(
        cls, record: MentoringSession, pair: Pair, actor: Actor, check_ins: list[CheckIn] | None = None
    ) -> SessionView:
        mine = in_pair(actor, pair)
        rows = check_ins or []
        starts_at = as_utc(record.starts_at)
        if starts_at is not None and record.time_zone:
            starts_at = starts_at.astimezone(ZoneInfo(record.time_zone))
        return SessionView(
            id=record.id,
            pair_id=record.pair_id,
            number=record.number,
            scheduled_on=record.scheduled_on,
            format=record.format,
            status=record.status,
            topics=record.topics or [],
            generated_plan=record.generated_plan if mine else None,
            agreed_plan=record.agreed_plan if mine else None,
            starts_at=starts_at,
            time_zone=record.time_zone,
            location=record.location or "",
            held_at=as_utc(record.held_at),
            check_ins=[
                cls._check_in_view(row, pair) for row in rows if mine and (row.author_id == actor.id or row.shared)
            ],
            checked_in=sorted({"mentor" if row.author_id == pair.mentor_id else "manager" for row in rows}),
        )

    def _view_with_check_ins(self, session: Session, record: MentoringSession, pair: Pair, actor: Actor) -> SessionView:
        rows = list(session.scalars(select(CheckIn).where(CheckIn.session_id == record.id).order_by(CheckIn.id)))
        return self._session_view(record, pair, actor, rows)

    @staticmethod
    def _status(status: str) -> str:
        if status not in STATUSES:
            raise InvalidInput(f"status must be {', '.join(STATUSES[:-1])} or {STATUSES[-1]}")
        return status

    def _refuse_if_held(self, record: MentoringSession, what: str) -> None:
        if record.status == "held":
            log.info("refused: %s on held session %s", what, record.id)
            raise InvalidInput(f"session {record.number} was held already: {what} is not possible any more")

    @staticmethod
    def _set_plan(record: MentoringSession, plan: SessionPlan) -> None:
        record.generated_plan = plan.model_dump(mode="json")
        record.format = plan.format
        record.topics = [t.slug for t in plan.topics]

    @staticmethod
    def _hold(record: MentoringSession) -> None:
        """Held: on its scheduled start, or its day, when that is past (a session recorded afterwards); else now.
        A session held before its day (brought forward) takes the day it was held, in its time zone: reports,
        the history and the next plan date it by that day, not by the calendar entry it replaced."""
        record.status = "held"
        if record.held_at is None:
            start = as_utc(record.starts_at)
            if start is None and record.scheduled_on is not None:
                start = datetime.combine(record.scheduled_on, time(12), UTC)
            record.held_at = start if start is not None and start < now() else now()
        held_at = as_utc(record.held_at) or now()
        held_on = held_at.astimezone(zone(record.time_zone or "UTC")).date()
        if record.scheduled_on is None or record.scheduled_on > held_on:
            record.scheduled_on = held_on

    # ---- the pair's sessions ------------------------------------------------------------------------------

    def record_session(
        self,
        actor: Actor,
        pair_id: int,
        number: int,
        scheduled_on: date | None = None,
        plan: SessionPlan | None = None,
        status: str = "planned",
    ) -> SessionView:
        self._status(status)
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "record session")
            record = self._session_record(session, pair.id, number)
            if plan is not None:
                self._refuse_if_held(record, "changing its plan")
                self._set_plan(record, plan)
            record.scheduled_on = scheduled_on or record.scheduled_on
            if status == "held":
                self._hold(record)
            else:
                self._refuse_if_held(record, f"marking it {status}")
                record.status = status
            session.flush()
            self._audit(session, actor, "record session", f"session:{record.id}", status)
            return self._view_with_check_ins(session, record, pair, actor)

    def set_session_status(self, actor: Actor, session_id: int, status: str) -> SessionView:
        self._status(status)
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "session status", members_only=True)
            if status == "held":
                self._hold(record)
            else:
                self._refuse_if_held(record, f"marking it {status}")
                record.status = status
            self._audit(session, actor, "session status", f"session:{session_id}", status)
            return self._view_with_check_ins(session, record, pair, actor)

    def sessions(self, actor: Actor, pair_id: int) -> list[SessionView]:
        with self.db.session() as session:
            pair = self._pair(session, actor, pair_id, "view sessions")
            records = list(
                session.scalars(
                    select(MentoringSession)
                    .where(MentoringSession.pair_id == pair_id)
                    .order_by(MentoringSession.number)
                )
            )
            by_session: dict[int, list[CheckIn]] = defaultdict(list)
            for row in session.scalars(
                select(CheckIn)
                .join(MentoringSession, MentoringSession.id == CheckIn.session_id)
                .where(MentoringSession.pair_id == pair_id)
                .order_by(CheckIn.id)
            ):
                by_session[row.session_id].append(row)
            return [self._session_view(r, pair, actor, by_session[r.id]) for r in records]

    def save_plan(
        self, actor: Actor, pair_id: int, number: int, plan: SessionPlan, markdown: str, shared: bool
    ) -> SessionView:
        """The mentor's edited plan for a session: kept as the agreed plan, shown to the manager once shared.
        A session already held keeps the plan it was held with."""
        with self.db.session() as session:
            pair = self._pair_member_as(
                session, actor, pair_id, "mentor", "save plan", "only the pair's mentor saves its plans"
            )
            record = self._session_record(session, pair_id, number)
            self._refuse_if_held(record, "changing its plan")
            self._set_plan(record, plan)
            record.agreed_plan = {"markdown": clean_text(markdown, "plan"), "shared": shared}
            record.plan_saved_at = now()
            session.flush()
            self._audit(session, actor, "save plan", f"session:{record.id}", "shared" if shared else "draft")
            return self._view_with_check_ins(session, record, pair, actor)

    def last_saved_plan(self, actor: Actor, pair_id: int) -> SessionView | None:
        """The plan the pair saved last (to reopen it in the editor); None before any was saved."""
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "open saved plan")
            record = session.scalar(
                select(MentoringSession)
                .where(MentoringSession.pair_id == pair_id, MentoringSession.agreed_plan.is_not(None))
                .order_by(MentoringSession.plan_saved_at.desc().nulls_last(), MentoringSession.number.desc())
                .limit(1)
            )
            return self._view_with_check_ins(session, record, pair, actor) if record else None

    def next_session_number(self, actor: Actor, pair_id: int) -> int:
        """One after the last session held (cancelled and planned ones do not count)."""
        with self.db.session() as session:
            self._pair(session, actor, pair_id, "view sessions")
            last = session.scalar(
                select(func.max(MentoringSession.number)).where(
                    MentoringSession.pair_id == pair_id, MentoringSession.status == "held"
                )
            )
            return (last or 0) + 1

    def shared_agenda(self, actor: Actor, pair_id: int) -> SessionView | None:
        """The next session whose plan the mentor has shared: what the manager sees as the coming agenda."""
        upcoming = [
            s
            for s in self.sessions(actor, pair_id)
            if s.status in ("planned", "scheduled") and s.agreed_plan and s.agreed_plan.get("shared")
        ]
        return upcoming[0] if upcoming else None

    # ---- the lifecycle ------------------------------------------------------------------------------------

    def schedule_session(
        self,
        actor: Actor,
        pair_id: int,
        number: int,
        starts_at: datetime,
        time_zone: str = "UTC",
        location: str = "",
    ) -> SessionView:
        """Put session `number` in the calendar: `starts_at` is wall-clock time in `time_zone` when naive.
        Either member of the pair schedules; a held session stays as it was."""
        tz = zone(time_zone)
        local = starts_at.replace(tzinfo=tz) if starts_at.tzinfo is None else starts_at.astimezone(tz)
        if len(location) > 500:
            raise InvalidInput("the place or link has more than 500 characters")
        with self.db.session() as session:
            pair = self._member_pair(session, actor, pair_id, "schedule session")
            record = self._session_record(session, pair.id, number)
            self._refuse_if_held(record, "scheduling it")
            record.starts_at, record.time_zone = local.astimezone(UTC), tz.key
            record.scheduled_on, record.status = local.date(), "scheduled"
            record.location = location.strip()
            session.flush()
            self._audit(session, actor, "schedule session", f"session:{record.id}", local.isoformat())
            log.info("session %s of pair %s scheduled for %s", number, pair_id, local.isoformat())
            return self._view_with_check_ins(session, record, pair, actor)

    def move_session(
        self,
        actor: Actor,
        session_id: int,
        starts_at: datetime,
        time_zone: str | None = None,
        location: str | None = None,
    ) -> SessionView:
        """A new date and time (and, if given, zone or place) for a session not held yet."""
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "move session", members_only=True)
            self._refuse_if_held(record, "moving it")
            tz = zone(time_zone or record.time_zone or "UTC")
            local = starts_at.replace(tzinfo=tz) if starts_at.tzinfo is None else starts_at.astimezone(tz)
            record.starts_at, record.time_zone = local.astimezone(UTC), tz.key
            record.scheduled_on, record.status = local.date(), "scheduled"
            if location is not None:
                record.location = location.strip()[:500]
            self._audit(session, actor, "move session", f"session:{session_id}", local.isoformat())
            return self._view_with_check_ins(session, record, pair, actor)

    def cancel_session(self, actor: Actor, session_id: int) -> SessionView:
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "cancel session", members_only=True)
            self._refuse_if_held(record, "cancelling it")
            record.status = "cancelled"
            self._audit(session, actor, "cancel session", f"session:{session_id}")
            return self._view_with_check_ins(session, record, pair, actor)

    def mark_held(self, actor: Actor, session_id: int) -> SessionView:
        """The session took place: the next session number moves on and each side's check-in opens.
        Marking it held twice changes nothing."""
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "mark held", members_only=True)
            if record.status == "cancelled":
                raise InvalidInput(f"session {record.number} was cancelled: schedule it again first")
            if record.status != "held":
                self._hold(record)
                self._audit(session, actor, "mark held", f"session:{session_id}")
            return self._view_with_check_ins(session, record, pair, actor)

    # ---- check-ins ----------------------------------------------------------------------------------------

    def check_in(
        self,
        actor: Actor,
        session_id: int,
        usefulness: int,
        learned: str = "",
        change: str = "",
        shared: bool = False,
    ) -> CheckInView:
        """The actor's own check-in on a held session; filling it in again updates it."""
        if not isinstance(usefulness, int) or not 1 <= usefulness <= 5:
            raise InvalidInput("usefulness is a rating from 1 to 5")
        learned, change = (learned or "").strip(), (change or "").strip()
        if len(learned) > CHECK_IN_TEXT or len(change) > CHECK_IN_TEXT:
            raise InvalidInput(f"a check-in answer has at most {CHECK_IN_TEXT} characters")
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "check in", members_only=True)
            if record.status != "held":
                raise InvalidInput(f"session {record.number} is {record.status}: check-ins open once it is held")
            row = session.scalar(select(CheckIn).where(CheckIn.session_id == session_id, CheckIn.author_id == actor.id))
            if row is None:
                row = CheckIn(session_id=session_id, author_id=actor.id)
                session.add(row)
            row.usefulness, row.learned, row.change, row.shared = usefulness, learned, change, shared
            row.updated_at = now()
            session.flush()
            self._audit(session, actor, "check in", f"session:{session_id}", side_of(actor, pair))
            return self._check_in_view(row, pair)

    def share_check_in(self, actor: Actor, session_id: int, shared: bool = True) -> CheckInView:
        """Share one's own check-in with the other member of the pair (or take it back)."""
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "share check-in", members_only=True)
            row = session.scalar(select(CheckIn).where(CheckIn.session_id == record.id, CheckIn.author_id == actor.id))
            if row is None:
                raise InvalidInput(f"there is no check-in of yours for session {record.number} yet")
            row.shared = shared
            self._audit(session, actor, "share check-in", f"session:{session_id}", str(shared).lower())
            return self._check_in_view(row, pair)

    def check_ins(self, actor: Actor, session_id: int) -> list[CheckInView]:
        """The check-ins of a session the actor may read: their own, and the other side's once shared.
        HR sees ratings only in the programme overview, aggregated."""
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "read check-ins")
            if not in_pair(actor, pair):
                raise self._deny(actor, "read check-ins", f"session:{session_id}", "check-ins are not visible to HR")
            return self._view_with_check_ins(session, record, pair, actor).check_ins
