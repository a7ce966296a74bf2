"""Gradio's queue analytics (a record per event, a pandas summary of all of them after every event) are switched
off: in a soak they cost ~10 ms of CPU per chat turn once 10,000 events were recorded, and churned memory."""

from __future__ import annotations

import sys
import uuid

import pytest

from companion.services import Services
from companion.ui.server import build_server
from tests.ui.conftest import serve
from tests.ui.test_chat_disconnect import join, signed_in

pytestmark = pytest.mark.slow


def test_chat_turns_leave_no_analytics_behind(demo: Services):
    app = build_server(demo)
    queue = app.state.blocks._queue
    for url in serve(demo, app):
        web, fn_index = signed_in(url, "giulia")
        for _ in range(5):
            session = uuid.uuid4().hex[:11]
            join(web, fn_index, session, "Session 2, 60 minutes: my manager wants to spot phishing emails")
            with web.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
                for line in stream.iter_lines():
                    if '"process_completed"' in line:
                        break
        web.close()
    assert queue.events_recorded >= 5  # the turns went through this queue
    assert len(queue.event_analytics) <= 1  # before: one record per event, up to 10,000
    assert queue.event_count_at_last_cache == 0  # the pandas summary was never rebuilt (before: after every event)


def test_sessions_evicted_by_the_state_holder_leave_nothing_in_the_queue(demo: Services):
    """Gradio 6.31 keeps an (empty) set per session in `pending_event_ids_session` for ever and a message queue
    per session in `pending_messages_per_session` (up to 2,000): a page load is a session, so without
    `forget_evicted_sessions` both grow with every reload, past the state holder's capacity."""
    app = build_server(demo)
    blocks = app.state.blocks
    blocks.state_holder.capacity = 3
    queue = blocks._queue
    sessions = [uuid.uuid4().hex[:11] for _ in range(8)]
    for url in serve(demo, app):
        web, fn_index = signed_in(url, "giulia")
        for session in sessions:
            join(web, fn_index, session, "Session 2, 60 minutes: my manager wants to spot phishing emails")
            with web.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
                lines = list(stream.iter_lines())  # to the end: Gradio closes the stream after the last event
            assert any('"process_completed"' in line for line in lines)
        web.close()
    assert queue.events_recorded >= len(sessions)  # the turns went through this queue
    held = set(blocks.state_holder.session_data)
    assert held == set(sessions[-3:])  # the holder kept the newest three
    # before: all eight sessions, each with an empty set and a message queue
    assert set(queue.pending_event_ids_session) <= held
    assert set(queue.pending_messages_per_session) <= held


def test_gradios_matplotlib_switch_around_each_event_searches_no_disk(demo: Services):
    """Gradio imports matplotlib twice around every event; without it installed, each import searched sys.path
    on disk (~2.5 % of the server's time at 50 users)."""
    from gradio.utils import MatplotlibBackendMananger

    build_server(demo)
    searched: list[str] = []

    class Spy:
        @staticmethod
        def find_spec(name: str, path: object = None, target: object = None) -> None:
            if name == "matplotlib":
                searched.append(name)

    sys.meta_path.insert(0, Spy)  # type: ignore[arg-type]
    try:
        with MatplotlibBackendMananger():
            pass
    finally:
        sys.meta_path.remove(Spy)  # type: ignore[arg-type]
    assert searched == []
