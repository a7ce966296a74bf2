"""The mentor's actions: open a pair (as it was left, on any device), chat about its next session, save and
share a plan, submit a curriculum."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import date
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal, get_args

from pydantic import BaseModel, ValidationError

from companion.app_services.base import Desk
from companion.app_services.errors import InvalidRequest, Missing, NotAllowed, as_user_errors
from companion.curriculum_edit import CurriculumChanges, CurriculumEdit, apply_edit, changes, problems
from companion.domain import LANGUAGES, Curriculum, CurriculumStatus, ExportFormat, Language, PairProfile, SessionPlan
from companion.iterators import closing_iterator
from companion.plan_edits import PlanEdits
from companion.store.views import (
    ConversationMessageView,
    CurriculumVersionView,
    ExerciseView,
    JournalEntryView,
    PairView,
    SessionView,
)

if TYPE_CHECKING:
    from companion.chat import ChatReply, ChatState, Conversation, Preview

MAX_KEPT_REPLY = 19_000  # a reply kept in the conversation (the store takes 20,000 characters a message)


class PairContext(BaseModel):
    """Everything the mentor's workspace shows about one pair."""

    pair: PairView
    next_session_number: int
    sessions: list[SessionView]
    exercises: list[ExerciseView]
    shared_journal: list[JournalEntryView]  # the engine gives a mentor only what the manager shared
    curricula: list[CurriculumVersionView]
    curriculum_changes: CurriculumChanges | None = None  # the latest version against the one before it

    @property
    def exercises_done(self) -> int:
        return sum(e.status == "done" for e in self.exercises)


class ResumedPair(BaseModel):
    """The mentor's pair as they left it, on this device or another: the chat so far and the plan being worked
    on (the conversation's, else the plan saved last), with what it was based on."""

    context: PairContext
    messages: list[ConversationMessageView]
    plan: dict[str, Any] | None = None  # SessionPlan.model_dump(mode="json")
    markdown: str = ""  # the plan as the editor shows it
    based_on: dict[str, Any] | None = None  # a history_planning.BasedOn, for the plan of the pair's next session
    day: date | None = None  # the date the chat understood for the plan ("Thursday")


class VersionSummary(BaseModel):
    """One curriculum version in the mentor's list: "replaced" is a version a newer one replaced while it was
    still waiting for HR."""

    version: int
    status: CurriculumStatus | Literal["replaced"]
    hr_comment: str
    changes: CurriculumChanges | None  # against the version before it; None for the first


class CurriculumDraft(BaseModel):
    """The latest curriculum version as the mentor is editing it, and what changed so far."""

    pair_id: int
    based_on: int  # the version being edited
    status: CurriculumStatus
    hr_comment: str
    editable: bool  # not once approved
    curriculum: Curriculum
    changes: CurriculumChanges  # the draft against `based_on`
    versions: list[VersionSummary]
    topics: list[tuple[str, str]]  # the library's topics to choose from: (title, slug), in the asked language


def version_changes(versions: list[CurriculumVersionView]) -> list[CurriculumChanges | None]:
    """Each version against the one before it."""
    contents = [Curriculum.model_validate(v.content) for v in versions]
    return [None, *(changes(before, after) for before, after in pairwise(contents))]


def version_summaries(versions: list[CurriculumVersionView]) -> list[VersionSummary]:
    latest = versions[-1].version if versions else 0
    return [
        VersionSummary(
            version=v.version,
            status="replaced" if v.status == "submitted" and v.version != latest else v.status,
            hr_comment=v.hr_comment,
            changes=found,
        )
        for v, found in zip(versions, version_changes(versions), strict=True)
    ]


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
    @cached_property
    def conversation(self) -> Conversation:
        """The chat's engine (no user's state in it: each call brings its own ChatState)."""
        from companion.chat.setup import conversation_for

        return conversation_for(self.services)

    def open_pair(self, username: str | None, pair_id: int) -> PairContext:
        actor = self.actor(username)
        programme = self.programme
        with as_user_errors():
            curricula = programme.curricula(actor, pair_id)
            return PairContext(
                pair=programme.pair(actor, pair_id),
                next_session_number=programme.next_session_number(actor, pair_id),
                sessions=programme.sessions(actor, pair_id),
                exercises=programme.exercises(actor, pair_id),
                shared_journal=programme.journal(actor, pair_id),
                curricula=curricula,
                curriculum_changes=version_changes(curricula)[-1] if curricula else None,
            )

    def resume_pair(self, username: str | None, pair_id: int) -> ResumedPair:
        """Open the pair with the mentor's conversation about it and the plan they were working on."""
        context = self.open_pair(username, pair_id)
        actor = self.actor(username)
        with as_user_errors():
            kept = self.programme.conversation(actor, pair_id)  # the pair's mentor only
            saved = None if kept.plan else self.programme.last_saved_plan(actor, pair_id)
        record = kept.plan or {}
        if saved is not None and saved.generated_plan:
            record = {"plan": saved.generated_plan, "markdown": (saved.agreed_plan or {}).get("markdown", "")}
        return ResumedPair(
            context=context,
            messages=kept.messages,
            plan=record.get("plan"),
            markdown=record.get("markdown") or "",
            based_on=record.get("based_on"),
            day=record.get("date"),
        )

    def new_conversation(self, username: str | None, pair_id: int) -> ResumedPair:
        """Forget the chat about the pair and the plan in progress (saved plans stay with their sessions)."""
        actor = self.actor(username)
        with as_user_errors():
            self.programme.clear_conversation(actor, pair_id)
        return self.resume_pair(username, pair_id)

    def chat(
        self,
        username: str | None,
        pair_id: int,
        message: str,
        state: ChatState,
        today: dt.date | None = None,
    ) -> Iterator[Preview | ChatReply]:
        """One chat turn about the mentor's pair: a plan is the pair's next session planned from its stored
        history, what the chat understood on top. The exchange (and a new plan) is kept with the conversation,
        so the pair opens as it was left anywhere. Only the pair's mentor gets here."""
        from companion.chat import ChatReply, PairJourney
        from companion.chat.display import reply_markdown
        from companion.history_planning import profile_for
        from companion.rendering import result_markdown

        actor = self.actor(username)
        with as_user_errors():
            pair = self.programme.chat_pair(actor, pair_id)
            history = self.programme.pair_history(actor, pair_id)
        journey = PairJourney(profile=profile_for(pair, history), history=history)
        events = self.conversation.respond(message, state.model_copy(update={"pair_id": pair_id}), today, journey)
        with closing_iterator(events) as open_events:  # closed with this generator (the browser left)
            for event in open_events:
                if isinstance(event, ChatReply) and event.kind != "error":
                    record = None
                    if isinstance(event.result, SessionPlan):
                        based_on = event.state.based_on
                        record = {
                            "plan": event.result.model_dump(mode="json"),
                            "markdown": result_markdown(event.result),
                            "based_on": based_on.model_dump(mode="json") if based_on else None,
                            "date": event.state.date.isoformat() if event.state.date else None,
                        }
                    shown = reply_markdown(event, self.topic_title)
                    if len(shown) > MAX_KEPT_REPLY:
                        shown = shown[:MAX_KEPT_REPLY] + " …"
                    with as_user_errors():
                        self.programme.append_messages(
                            actor, pair_id, [("user", message), ("assistant", shown)], plan=record
                        )
                yield event

    def topic_title(self, slug: str, lang: Language) -> str:
        return self.catalogue.name(slug, lang)

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
        based_on: dict[str, Any] | None = None,
        edits: PlanEdits | None = None,
    ) -> SavedPlan:
        """Keep the plan with the mentor's `edits` applied (the same validation as `edit_plan`), the text the
        exports give (`markdown`, else the edited plan rendered), and the calendar entry for the session; `day` is
        the date the chat understood ("Thursday"), kept on the session unless it is already scheduled. The plan as
        saved becomes the conversation's plan in progress too (with `based_on`, what the chat built it from), so
        the pair reopens with it."""
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
            kept = {
                "plan": parsed.model_dump(mode="json"),
                "markdown": text,
                "based_on": _based_on(based_on),
                "date": (day.isoformat() if isinstance(day, date) else day) or None,
            }
            self.programme.set_conversation_plan(actor, pair_id, kept)
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

    # ---- answering HR's review by editing the curriculum -----------------------------------------------------

    def _versions(self, username: str | None, pair_id: int) -> list[CurriculumVersionView]:
        """The pair's curriculum versions, for its mentor (the manager and HR do not edit it)."""
        actor = self.actor(username)
        with as_user_errors():
            pair = self.programme.pair(actor, pair_id)
            if pair.mentor.username != actor.username:
                raise NotAllowed("only the pair's mentor edits its curriculum")
            versions = self.programme.curricula(actor, pair_id)
        if not versions:
            raise InvalidRequest(key="curriculum_nothing_to_edit")
        return versions

    def _draft(
        self, pair_id: int, versions: list[CurriculumVersionView], curriculum: Curriculum, lang: Language
    ) -> CurriculumDraft:
        latest = versions[-1]
        topics = sorted(
            ((topic.name(lang), slug) for slug, topic in self.catalogue.topics.items()),
            key=lambda item: item[0].casefold(),
        )
        return CurriculumDraft(
            pair_id=pair_id,
            based_on=latest.version,
            status=latest.status,
            hr_comment=latest.hr_comment,
            editable=latest.status != "approved",
            curriculum=curriculum,
            changes=changes(Curriculum.model_validate(latest.content), curriculum),
            versions=version_summaries(versions),
            topics=[(title, slug) for title, slug in topics],
        )

    def _edited(self, versions: list[CurriculumVersionView], draft: dict[str, Any] | None) -> Curriculum:
        """The mentor's draft, when it still edits the latest version (else a newer one came in meanwhile)."""
        latest = versions[-1]
        if latest.status == "approved":
            raise InvalidRequest(key="curriculum_locked")
        if not draft:
            return Curriculum.model_validate(latest.content)
        if draft.get("based_on") != latest.version:
            raise InvalidRequest(key="curriculum_stale")
        try:
            return Curriculum.model_validate(draft.get("curriculum"))
        except ValidationError as error:
            raise InvalidRequest(key="curriculum_cannot_send") from error

    def curriculum_draft(
        self, username: str | None, pair_id: int, lang: Language, draft: dict[str, Any] | None = None
    ) -> CurriculumDraft:
        """The latest version, ready to edit (unless approved), with HR's comment and every version's changes;
        with `draft`, the mentor's edits so far (shown again in another language), while they still apply."""
        versions = self._versions(username, pair_id)
        curriculum = Curriculum.model_validate(versions[-1].content)
        if draft:
            with suppress(InvalidRequest):  # approved or replaced meanwhile: the latest version as it is
                curriculum = self._edited(versions, draft)
        return self._draft(pair_id, versions, curriculum, lang)

    def edit_curriculum(
        self,
        username: str | None,
        pair_id: int,
        draft: dict[str, Any] | None,
        edit: CurriculumEdit | dict[str, Any],
        lang: Language,
    ) -> CurriculumDraft:
        """One change to the draft (move a session, give it another topic, change the number of sessions)."""
        versions = self._versions(username, pair_id)
        curriculum = self._edited(versions, draft)
        try:
            wanted = CurriculumEdit.model_validate(edit)
            if wanted.action == "topic" and wanted.topic not in self.catalogue.topics:
                raise InvalidRequest(key="curriculum_cannot_send")
            edited = apply_edit(curriculum, wanted, self.catalogue.name)
        except ValueError as error:  # pydantic's ValidationError is one; so is a session that does not exist
            raise InvalidRequest(str(error), key="curriculum_cannot_send") from error
        return self._draft(pair_id, versions, edited, lang)

    def resubmit_curriculum(
        self, username: str | None, pair_id: int, draft: dict[str, Any] | None
    ) -> CurriculumVersionView:
        """Send the edited curriculum to HR as a new version of the one it was edited from."""
        from companion.chat.reading import FormatSlug

        versions = self._versions(username, pair_id)
        curriculum = self._edited(versions, draft)
        latest = versions[-1]
        if changes(Curriculum.model_validate(latest.content), curriculum).empty:
            raise InvalidRequest(key="curriculum_unchanged")
        found = problems(curriculum, set(self.catalogue.topics), set(get_args(FormatSlug)))
        if found:
            raise InvalidRequest("; ".join(found), key="curriculum_cannot_send")
        with as_user_errors():
            return self.programme.submit_curriculum(self.actor(username), pair_id, curriculum, based_on=latest.version)

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


def _based_on(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a plan was built from, as the chat's state had it; anything else is not kept."""
    from companion.history_planning import BasedOn

    try:
        return BasedOn.model_validate(value).model_dump(mode="json") if value else None
    except ValueError:
        return None
