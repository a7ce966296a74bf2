"""The mentor's actions: open a pair, save and share a plan, submit a curriculum."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, Missing, NotAllowed, as_user_errors
from companion.domain import LANGUAGES, ExportFormat, PairProfile, SessionPlan
from companion.plan_edits import PlanEdits
from companion.store.views import CurriculumVersionView, ExerciseView, JournalEntryView, PairView, SessionView


class PairContext(BaseModel):
    """Everything the mentor's workspace shows about one pair."""

    pair: PairView
    next_session_number: int
    sessions: list[SessionView]
    exercises: list[ExerciseView]
    shared_journal: list[JournalEntryView]  # the engine gives a mentor only what the manager shared
    curricula: list[CurriculumVersionView]

    @property
    def exercises_done(self) -> int:
        return sum(e.status == "done" for e in self.exercises)


class SavedPlan(BaseModel):
    session: SessionView
    plan: SessionPlan  # as saved: with the mentor's edits applied
    shared: bool
    markdown: str
    ics: str


class ExportFile(BaseModel):
    """A download built when it is asked for: never written to a folder another user could read."""

    name: str
    media_type: str
    text: str


class MentorDesk(Desk):
    def open_pair(self, username: str | None, pair_id: int) -> PairContext:
        actor = self.actor(username)
        programme = self.programme
        with as_user_errors():
            return PairContext(
                pair=programme.pair(actor, pair_id),
                next_session_number=programme.next_session_number(actor, pair_id),
                sessions=programme.sessions(actor, pair_id),
                exercises=programme.exercises(actor, pair_id),
                shared_journal=programme.journal(actor, pair_id),
                curricula=programme.curricula(actor, pair_id),
            )

    def edit_plan(self, username: str | None, plan: dict[str, Any], edits: PlanEdits) -> SessionPlan:
        """The plan with the mentor's edits (topics, agenda rows, questions, exercises), validated by the engine:
        refused, with the reason's key, when the agenda's minutes do not fill the session or a row is wrong."""
        self.actor(username)
        parsed = self._parsed(plan)
        from companion.plan_edits import apply_plan_edits

        with as_user_errors():
            return apply_plan_edits(parsed, edits, self._topic_slug)

    def save_plan(
        self,
        username: str | None,
        pair_id: int,
        plan: dict[str, Any],
        markdown: str | None,
        shared: bool,
        day: date | str | None = None,
        edits: PlanEdits | None = None,
    ) -> SavedPlan:
        """Keep the plan with the mentor's `edits` applied (the same validation as `edit_plan`), the text the
        exports give (`markdown`, else the edited plan rendered), and the calendar entry for the session; `day` is
        the date the chat understood ("Thursday"), kept on the session unless it is already scheduled."""
        actor = self.actor(username)
        if not plan or (markdown is not None and not markdown.strip()):
            raise InvalidRequest(key="plan_empty")
        parsed = self._parsed(plan)
        from companion.exports import session_ics
        from companion.i18n import t
        from companion.plan_edits import apply_plan_edits, check_plan
        from companion.rendering import result_markdown

        with as_user_errors():
            if edits is not None:
                parsed = apply_plan_edits(parsed, edits, self._topic_slug)
            check_plan(parsed)  # a plan whose steps do not fill the session is not saved
            text = markdown if markdown is not None else result_markdown(parsed)
            record = self.programme.save_plan(actor, pair_id, parsed.session_number, parsed, text, shared)
            if day and record.starts_at is None:
                when = date.fromisoformat(day) if isinstance(day, str) else day
                record = self.programme.record_session(
                    actor, pair_id, record.number, scheduled_on=when, status=record.status
                )
            pair = self.programme.pair(actor, pair_id)
            lang = self.programme.user(actor).language
        summary = t(
            lang, "ics_summary", mentor=pair.mentor.display_name, manager=pair.manager.display_name, n=record.number
        )
        return SavedPlan(
            session=record, plan=parsed, shared=shared, markdown=text, ics=session_ics(pair, record, summary)
        )

    @staticmethod
    def _parsed(plan: dict[str, Any]) -> SessionPlan:
        if not plan:
            raise InvalidRequest(key="plan_empty")
        try:
            return SessionPlan.model_validate(plan)
        except ValueError as error:
            raise InvalidRequest(key="plan_empty") from error

    @cached_property
    def _topic_slug(self) -> Callable[[str], str | None]:
        """The catalogue's topic for a title typed in either language ("Phishing e truffe online")."""
        from companion.plan_edits import with_titles

        topics = self.catalogue.topics
        return with_titles({self.catalogue.name(slug, lang): slug for slug in topics for lang in LANGUAGES})

    def submit_curriculum(self, username: str | None, pair_id: int) -> CurriculumVersionView:
        """Plan the pair's whole programme from its goals and send it to HR for review."""
        actor = self.actor(username)
        with as_user_errors():
            pair = self.programme.pair(actor, pair_id)
            profile = PairProfile(
                language=pair.language,
                goals=pair.goals,
                total_sessions=pair.total_sessions,
                session_minutes=pair.session_minutes,
            )
            curriculum = self.services.planner.curriculum(profile, pair.total_sessions)
            return self.programme.submit_curriculum(actor, pair_id, curriculum)

    def session_file(self, username: str | None, pair_id: int, number: int, fmt: ExportFormat) -> ExportFile:
        """The saved plan of one session as Markdown or a calendar file, for the pair's mentor only."""
        from companion.exports import session_ics, session_markdown

        actor = self.actor(username)
        with as_user_errors():
            pair = self.programme.pair(actor, pair_id)
            if pair.mentor.username != actor.username:
                raise NotAllowed("exports are the mentor's")
            session = next((s for s in self.programme.sessions(actor, pair_id) if s.number == number), None)
        if session is None or not session.generated_plan:
            raise Missing(f"pair {pair_id} has no plan for session {number}")
        from companion.i18n import t

        lang = self.programme.user(actor).language
        name = t(lang, "file_session", n=number)
        if fmt == "ics":
            summary = t(
                lang, "ics_summary", mentor=pair.mentor.display_name, manager=pair.manager.display_name, n=number
            )
            return ExportFile(name=f"{name}.ics", media_type="text/calendar", text=session_ics(pair, session, summary))
        edited = (session.agreed_plan or {}).get("markdown")  # the plan as the pair edited it, else as planned
        return ExportFile(name=f"{name}.md", media_type="text/markdown", text=edited or session_markdown(session) or "")
