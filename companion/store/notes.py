"""Session notes and the manager's reflection journal: private to their author unless shared with the pair;
never visible to HR."""

from __future__ import annotations

from sqlalchemy import select

from companion.store.access import Actor, can_see_journal_entry, can_see_note, in_pair
from companion.store.base import StoreBase, clean_text
from companion.store.models import JournalEntry, Note, User
from companion.store.views import JournalEntryView, NoteView


class NotesAndJournal(StoreBase):
    # ---- session notes ------------------------------------------------------------------------------------

    def add_note(self, actor: Actor, session_id: int, text: str, shared: bool = False) -> NoteView:
        with self.db.session() as session:
            record, _ = self._session_and_pair(session, actor, session_id, "add note", "notes belong to the pair")
            note = Note(session_id=record.id, author_id=actor.id, text=clean_text(text, "note"), shared=shared)
            session.add(note)
            session.flush()
            self._audit(session, actor, "add note", f"note:{note.id}")
            return NoteView(
                id=note.id,
                session_id=record.id,
                author=actor.username,
                text=note.text,
                shared=shared,
                created_at=note.created_at,
            )

    def notes(self, actor: Actor, session_id: int) -> list[NoteView]:
        with self.db.session() as session:
            record, pair = self._session_and_pair(session, actor, session_id, "view notes")
            if actor.is_staff and not in_pair(actor, pair):
                raise self._deny(actor, "view notes", f"session:{session_id}", "private notes are not visible to HR")
            rows = session.execute(
                select(Note, User.username)
                .join(User, User.id == Note.author_id)
                .where(Note.session_id == record.id)
                .order_by(Note.id)
            )
            return [
                NoteView(
                    id=n.id,
                    session_id=n.session_id,
                    author=author,
                    text=n.text,
                    shared=n.shared,
                    created_at=n.created_at,
                )
                for n, author in rows
                if can_see_note(actor, pair, n.author_id, n.shared)
            ]

    # ---- the manager's journal ----------------------------------------------------------------------------

    def add_journal_entry(self, actor: Actor, pair_id: int, text: str, shared: bool = False) -> JournalEntryView:
        with self.db.session() as session:
            self._pair_member_as(
                session, actor, pair_id, "manager", "write journal", "the journal is the manager's own"
            )
            entry = JournalEntry(
                pair_id=pair_id, author_id=actor.id, text=clean_text(text, "journal entry"), shared=shared
            )
            session.add(entry)
            session.flush()
            self._audit(session, actor, "write journal", f"journal:{entry.id}")
            return JournalEntryView(
                id=entry.id, pair_id=pair_id, text=entry.text, shared=shared, created_at=entry.created_at
            )

    def journal(self, actor: Actor, pair_id: int) -> list[JournalEntryView]:
        with self.db.session() as session:
            pair = self._pair(session, actor, pair_id, "read journal")
            if actor.is_staff and not in_pair(actor, pair):
                raise self._deny(actor, "read journal", f"pair:{pair_id}", "journals are not visible to HR")
            entries = session.scalars(
                select(JournalEntry).where(JournalEntry.pair_id == pair_id).order_by(JournalEntry.id)
            )
            return [
                JournalEntryView(id=e.id, pair_id=pair_id, text=e.text, shared=e.shared, created_at=e.created_at)
                for e in entries
                if can_see_journal_entry(actor, pair, e.author_id, e.shared)
            ]
