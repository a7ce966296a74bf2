"""The chat endpoint of the launched app, driven by gradio_client over HTTP."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.ui.conftest import client

pytestmark = pytest.mark.slow


def last_reply(history: list[dict]) -> str:
    content = history[-1]["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def test_a_mentor_gets_a_cited_agenda(app_url: str):
    chat = client(app_url, "giulia")
    history, box, status, _ = chat.predict(
        "Session 2, 60 minutes. My manager wants to learn to spot phishing emails.", [], "en", "", api_name="/chat"
    )
    reply = last_reply(history)
    assert "#### Agenda" in reply
    assert "Skill deep-dive (60 minutes)" in reply
    assert "#### Sources" in reply
    assert "skill-phishing-and-scams-en#" in reply
    assert box == ""
    assert status == ""


def test_italian_request_gets_an_italian_plan(app_url: str):
    chat = client(app_url, "giulia")
    history, _, _, _ = chat.predict(
        "Prima sessione, 45 minuti: vuole iniziare a usare LinkedIn.", [], "en", "", api_name="/chat"
    )
    reply = last_reply(history)
    assert "Piano della sessione 1" in reply
    assert "#### Fonti" in reply
    assert "skill-linkedin-personal-brand-it" in reply


def test_missing_length_plans_the_usual_one_and_a_bare_length_then_fits_the_plan(app_url: str):
    chat = client(app_url, "giulia")
    history, _, _, _ = chat.predict(
        "My manager wants to build pivot tables for the monthly report", [], "en", "", api_name="/chat"
    )
    assert "60 minutes, the usual length" in last_reply(history)
    assert "#### Agenda" in last_reply(history)
    history, _, _, _ = chat.predict("45", history, "en", "", api_name="/chat")
    assert "(45 minutes)" in last_reply(history)
    assert "#### Agenda" in last_reply(history)


def test_conversation_state_belongs_to_each_user(app_url: str):
    first = client(app_url, "giulia")
    first.predict("My manager wants to build pivot tables for the monthly report", [], "en", "", api_name="/chat")
    other = client(app_url, "giulia")  # another browser session: it must not see the first one's goals
    history, _, _, _ = other.predict("45", [], "en", "", api_name="/chat")
    assert "What would the manager like to learn" in last_reply(history)


@pytest.mark.parametrize("message", ["", "   ", "x" * 5000], ids=["empty", "blank", "huge"])
def test_bad_messages_get_a_clear_error_and_keep_the_text(app_url: str, message: str):
    history, box, status, _ = client(app_url, "giulia").predict(message, [], "en", "", api_name="/chat")
    assert history == []
    assert box == message
    assert status.startswith("⚠️")
    assert "Please write a message" in status or "the limit is 4000" in status


def test_two_users_at_once_get_their_own_plans(app_url: str):
    requests = {
        "phishing-and-scams": "Session 3, 60 minutes: spot phishing and scam emails",
        "data-visualization": "Session 3, 60 minutes: make clearer charts for the board",
    }

    def ask(message: str) -> str:
        history, _, _, _ = client(app_url, "giulia").predict(message, [], "en", "", api_name="/chat")
        return last_reply(history)

    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = dict(zip(requests, pool.map(ask, requests.values()), strict=False))
    for topic, reply in replies.items():
        assert f"skill-{topic}-en#" in reply
    assert "skill-data-visualization-en#" not in replies["phishing-and-scams"]


@pytest.fixture
def llm_app(demo):
    """The app with generation through a scripted OpenAI-compatible server (same index as the others)."""
    from tests.support.fake_openai import ScriptedOpenAI
    from tests.ui.conftest import llm_services, serve

    with ScriptedOpenAI() as server:
        for url in serve(llm_services(demo, server.base_url, llm_timeout_s=2.0)):
            yield url, server, demo


def test_the_llm_answer_streams_through_the_app_and_failures_show_a_notice(llm_app):
    from tests.generation.test_llm import model_plan
    from tests.support.fake_openai import Reply

    url, server, services = llm_app
    # With an endpoint, each message is first understood by the model (a tool call), then planned.
    server.script(
        Reply.tool_call("plan_session", {"goal": "spot phishing emails", "minutes": 60, "session_number": 2}),
        Reply.json(model_plan(services), chunk_chars=30, chunk_delay=0.01),
        Reply.error(500),  # understanding falls back to the offline reading
        Reply.error(500),  # and the plan to the offline composer, with a notice
    )
    chat = client(url, "sam")
    job = chat.submit("Session 2, 60 minutes: my manager wants to spot phishing emails", [], "en", "", api_name="/chat")
    history, _, _, _ = job.result(timeout=60)
    updates = [last_reply(output[0]) for output in job.outputs() if output[0]]
    assert any(update.startswith("✍️") for update in updates)  # previews while the model wrote
    assert "with the manager's own inbox" in last_reply(history)

    history, _, _, _ = chat.predict("Session 3, 45 minutes: she wants to use LinkedIn", [], "en", "", api_name="/chat")
    reply = last_reply(history)
    assert "The language model was not available (HTTP 500)" in reply
    assert "#### Agenda" in reply
