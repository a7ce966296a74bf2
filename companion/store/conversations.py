"""The mentor's chat about a pair, kept server-side: messages (who said it, what) and the plan being worked on.
Only the pair's mentor reads or writes it (not the manager, HR, admins or another mentor); "new conversation"
clears it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from companion.store.access import Actor
from companion.store.base import InvalidInput, StoreBase, clean_text, pair_view
from companion.store.models import Conversation, ConversationMessage, Pair, now
from companion.store.sessions import as_utc
from companion.store.views import ConversationMessageView, ConversationView, PairView

MAX_MESSAGES = 500  # a conversation keeps its latest messages; older ones go


ONLY_THE_MENTOR = "only the pair's mentor chats about its sessions"


class Conversations(StoreBase):
    def _chat_pair(self, session: Session, actor: Actor, pair_id: int, action: str) -> Pair:
        return self._pair_member_as(session, actor, pair_id, "mentor", action, ONLY_THE_MENTOR)

    def chat_pair(self, actor: Actor, pair_id: int) -> PairView:
        """The pair, for its mentor's chat: anyone else is refused (and the refusal audited)."""
        with self.db.session() as session:
            return pair_view(self._chat_pair(session, actor, pair_id, "chat about pair"))

    def _conversation(self, session: Session, actor: Actor, pair_id: int, action: str) -> Conversation:
        self._chat_pair(session, actor, pair_id, action)
        row = session.scalar(
            select(Conversation).where(Conversation.user_id == actor.id, Conversation.pair_id == pair_id)
        )
        if row is None:
            row = Conversation(user_id=actor.id, pair_id=pair_id)
            session.add(row)
            session.flush()
        return row

    def append_messages(
        self,
        actor: Actor,
        pair_id: int,
        messages: list[tuple[str, str]],
        plan: dict[str, Any] | None = None,
    ) -> None:
        """Add (role, text) messages to the actor's conversation about the pair; `plan`, when given, becomes
        the plan being worked on."""
        for role, _ in messages:
            if role not in ("user", "assistant"):
                raise InvalidInput("a message's role is user or assistant")
        with self.db.session() as session:
            row = self._conversation(session, actor, pair_id, "save conversation")
            session.add_all(
                ConversationMessage(conversation_id=row.id, role=role, text=clean_text(text, "message"))
                for role, text in messages
            )
            if plan is not None:
                row.plan = plan
            row.updated_at = now()
            session.flush()
            keep = select(ConversationMessage.id).where(ConversationMessage.conversation_id == row.id)
            oldest_kept = session.scalar(keep.order_by(ConversationMessage.id.desc()).offset(MAX_MESSAGES - 1).limit(1))
            if oldest_kept is not None:
                session.execute(
                    delete(ConversationMessage).where(
                        ConversationMessage.conversation_id == row.id, ConversationMessage.id < oldest_kept
                    )
                )

    def append_message(self, actor: Actor, pair_id: int, role: str, text: str) -> None:
        self.append_messages(actor, pair_id, [(role, text)])

    def set_conversation_plan(self, actor: Actor, pair_id: int, plan: dict[str, Any] | None) -> None:
        with self.db.session() as session:
            row = self._conversation(session, actor, pair_id, "save conversation")
            row.plan, row.updated_at = plan, now()

    def conversation(self, actor: Actor, pair_id: int) -> ConversationView:
        """The mentor's conversation about the pair (empty when there is none)."""
        with self.db.session() as session:
            self._chat_pair(session, actor, pair_id, "read conversation")
            row = session.scalar(
                select(Conversation).where(Conversation.user_id == actor.id, Conversation.pair_id == pair_id)
            )
            if row is None:
                return ConversationView(pair_id=pair_id, messages=[])
            messages = session.scalars(
                select(ConversationMessage)
                .where(ConversationMessage.conversation_id == row.id)
                .order_by(ConversationMessage.id)
            )
            return ConversationView(
                pair_id=pair_id,
                messages=[
                    ConversationMessageView(role=m.role, text=m.text, at=as_utc(m.created_at) or now())
                    for m in messages
                ],
                plan=row.plan,
            )

    def clear_conversation(self, actor: Actor, pair_id: int) -> None:
        """A new conversation: the messages and the plan in progress go (saved plans stay with the sessions)."""
        with self.db.session() as session:
            self._chat_pair(session, actor, pair_id, "clear conversation")
            row = session.scalar(
                select(Conversation).where(Conversation.user_id == actor.id, Conversation.pair_id == pair_id)
            )
            if row is not None:
                session.execute(delete(ConversationMessage).where(ConversationMessage.conversation_id == row.id))
                session.delete(row)
                self._audit(session, actor, "clear conversation", f"pair:{pair_id}")
