"""The plan editor of the launched app, driven by gradio_client over HTTP: a plan from the chat is edited as a
document (its agenda as rows), refused while its minutes do not fill the session, saved, and exported."""

from __future__ import annotations

import httpx
import pytest

from companion.app_services import Desks
from companion.services import Services
from tests.ui.conftest import PASSWORDS, client

pytestmark = pytest.mark.slow


def signed_in_get(url: str, username: str, path: str) -> httpx.Response:
    with httpx.Client(base_url=url, timeout=30) as web:
        answer = web.post("/login", data={"username": username, "password": PASSWORDS[username]})
        assert answer.status_code == 200, answer.text
        return web.get(path)


def test_a_mentor_edits_the_agenda_as_rows_and_the_export_carries_the_edit(demo: Services, app_url: str):
    desks = Desks.over(demo)
    desks.people.set_language("luca", "en")
    pair = desks.people.pairs("luca")[0]
    number = desks.mentor.open_pair("luca", pair.id).next_session_number
    app = client(app_url, "luca")
    app.predict(pair.id, "en", api_name="/mentor_pair")
    app.predict(
        f"Session {number}, 60 minutes: my manager wants to spot phishing emails.", [], "en", "", api_name="/chat"
    )
    # What the browser does when the chat sets the plan (plan_state.change): write the editor from it.
    shown = app.predict("en", api_name="/plan_editor_show")
    heading, topics, table, _step, mentor_q, manager_q, exercises, total, sources, _preview = shown  # no layout
    assert f"Session {number}" in heading
    assert table["headers"] == ["Step", "Kind", "Minutes"]
    rows = table["data"]
    assert len(rows) >= 2
    assert all(kind in ("Opening", "Demo", "Hands-on", "Discussion", "Reflection", "Closing") for _, kind, _ in rows)
    assert sum(int(minutes) for *_, minutes in rows) == 60
    assert total == "Total: 60 of 60 minutes."
    assert "#" not in topics  # titles, not slugs or section ids
    assert "skill-phishing-and-scams-en#" in sources  # the ids, folded away under the titles
    assert sources.index("<details>") < sources.index("skill-phishing-and-scams-en#")

    # Five more minutes for the first step and a new title: refused, in the user's language, with both numbers.
    first_title, first_kind, first_minutes = rows[0]
    edited = [["Coffee and ground rules", first_kind, int(first_minutes) + 5], *rows[1:]]
    fields = (topics, {"headers": table["headers"], "data": edited}, mentor_q, manager_q, exercises)
    refused = app.predict(*fields, "it", api_name="/plan_apply")
    assert refused == "⚠️ I passi sommano 65 minuti, ma la sessione dura 60: cambia i minuti perché tornino."
    unchanged = app.predict("en", api_name="/plan_editor_show")
    assert unchanged[2]["data"][0][0] == first_title  # the refused edit did not reach the plan

    # Taken from the second step instead: the minutes fill the session again.
    second = edited[1]
    assert int(second[2]) >= 5
    edited[1] = [second[0], second[1], int(second[2]) - 5]
    fields = (topics, {"headers": table["headers"], "data": edited}, mentor_q, manager_q, exercises)
    assert app.predict(*fields, "en", api_name="/plan_apply") == "✅ Edits applied: the plan is up to date."
    applied = app.predict("en", api_name="/plan_editor_show")
    assert applied[2]["data"][0] == ["Coffee and ground rules", first_kind, int(first_minutes) + 5]
    assert f"**Coffee and ground rules** ({int(first_minutes) + 5} min)" in applied[9]  # the preview

    status, _history = app.predict(pair.id, *fields, False, "en", api_name="/save_plan")
    assert status == f"✅ Saved for session {number}."
    exported = signed_in_get(app_url, "luca", f"/exports/pairs/{pair.id}/sessions/{number}.md")
    assert exported.status_code == 200
    assert f"**Coffee and ground rules** ({int(first_minutes) + 5} min)" in exported.text
    assert first_title not in exported.text.split("####")[2]  # the agenda section names the new title only
    calendar = signed_in_get(app_url, "luca", f"/exports/pairs/{pair.id}/sessions/{number}.ics")
    assert "Coffee and ground rules" in calendar.text


def test_a_save_whose_minutes_do_not_fill_the_session_is_refused(demo: Services, app_url: str):
    desks = Desks.over(demo)
    pair = desks.people.pairs("sam")[0]
    number = desks.mentor.open_pair("sam", pair.id).next_session_number
    before = [s.model_dump() for s in desks.mentor.open_pair("sam", pair.id).sessions]
    app = client(app_url, "sam")
    app.predict(pair.id, "en", api_name="/mentor_pair")
    app.predict(f"Session {number}, 45 minutes: pivot tables for the monthly report", [], "en", "", api_name="/chat")
    _, topics, table, _, mentor_q, manager_q, exercises, *_ = app.predict("en", api_name="/plan_editor_show")
    rows = [*table["data"][:-1]]  # the last step removed: its minutes are missing
    fields = (topics, {"headers": table["headers"], "data": rows}, mentor_q, manager_q, exercises)
    status, *_ = app.predict(pair.id, *fields, False, "en", api_name="/save_plan")
    total = sum(int(minutes) for *_, minutes in rows)
    assert (
        status == f"⚠️ The steps add up to {total} minutes, but the session lasts 45: change the minutes so they match."
    )
    assert [s.model_dump() for s in desks.mentor.open_pair("sam", pair.id).sessions] == before  # nothing saved


def test_steps_are_added_moved_and_removed_with_the_row_buttons(app_url: str):
    app = client(app_url, "luca")
    table = {"headers": ["Passo", "Tipo", "Minuti"], "data": [["Apertura", "Apertura", 10], ["Prova", "Pratica", 50]]}
    moved, step = app.predict(table, 2, "it", api_name="/plan_step_up")
    assert moved["data"] == [["Prova", "Pratica", 50], ["Apertura", "Apertura", 10]]
    assert step["value"] == 1  # the moved step stays chosen
    assert step["choices"] == [["1. Prova", 1], ["2. Apertura", 2]]
    added, step = app.predict(moved, 1, "it", api_name="/plan_step_add")
    assert added["data"][1] == ["Nuovo passo", "Discussione", 0]  # after the chosen step, with no minutes
    assert step["value"] == 2
    down, step = app.predict(added, 2, "it", api_name="/plan_step_down")
    assert [row[0] for row in down["data"]] == ["Prova", "Apertura", "Nuovo passo"]
    assert step["value"] == 3
    removed, step = app.predict(down, 1, "en", api_name="/plan_step_remove")
    assert removed["headers"] == ["Step", "Kind", "Minutes"]
    assert [row[0] for row in removed["data"]] == ["Apertura", "Nuovo passo"]
    assert step["value"] == 1
    unchosen, _ = app.predict(removed, None, "en", api_name="/plan_step_remove")
    assert unchosen == {"__type__": "update"}  # nothing chosen: the table is left as it is
