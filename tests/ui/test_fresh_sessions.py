"""A new Gradio session (every page load, every API client) is built from a template of the blocks' configs, not
from scratch (~25 ms of CPU per session under the GIL, a quarter of the server's time at 50 users), and holds
exactly what Gradio's own would."""

from __future__ import annotations

import json
import uuid

from gradio.state_holder import SessionState

from companion.services import Services
from companion.ui.fresh_sessions import TemplatedStateHolder
from companion.ui.server import build_server
from tests.ui.conftest import serve
from tests.ui.test_chat_disconnect import join, signed_in


def test_a_new_session_builds_no_config_until_gradio_reads_one(demo: Services):
    blocks = build_server(demo).state.blocks
    session = blocks.state_holder[uuid.uuid4().hex[:11]]
    assert isinstance(blocks.state_holder, TemplatedStateHolder)
    assert dict.__len__(session.config_values) == 0  # Gradio's own: one config per block (~250), built at once


def test_a_templated_session_holds_what_gradios_own_would(demo: Services):
    blocks = build_server(demo).state.blocks
    templated = blocks.state_holder[uuid.uuid4().hex[:11]]
    from_scratch = SessionState(blocks)
    assert len(from_scratch.config_values) > 100
    assert dict(templated.config_values.items()) == from_scratch.config_values
    assert list(templated.components) == list(from_scratch.components)


def test_what_one_session_changes_stays_in_that_session(demo: Services):
    blocks = build_server(demo).state.blocks
    holder = blocks.state_holder
    first, second = holder[uuid.uuid4().hex[:11]], holder[uuid.uuid4().hex[:11]]
    key = next(key for key, config in holder.template.items() if "props" in config)
    before = holder.template[key]["props"].get("value")
    first._update_value_in_config(key, "only in the first session")
    assert first.config_values[key]["props"]["value"] == "only in the first session"
    assert second.config_values[key]["props"].get("value") == before
    assert holder.template[key]["props"].get("value") == before


def test_a_chat_turn_runs_on_a_templated_session(demo: Services):
    app = build_server(demo)
    session = uuid.uuid4().hex[:11]
    for url in serve(demo, app):
        web, fn_index = signed_in(url, "giulia")
        join(web, fn_index, session, "Session 2, 60 minutes: my manager wants to spot phishing emails")
        with web.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
            completed = [line for line in stream.iter_lines() if '"process_completed"' in line]
        web.close()
    assert len(completed) == 1
    assert json.loads(completed[0].removeprefix("data:"))["success"] is True
    assert dict.__len__(app.state.blocks.state_holder.session_data[session].config_values) < 20  # copied on use
