"""The chat use case: what it understands, what it asks, what it remembers (offline)."""

from __future__ import annotations

import pytest

from companion.chat import ChatState, Conversation, detect_intent, goals_of, read_minutes, read_session_number
from companion.domain import Answer, Curriculum, ExerciseSet, SessionPlan, TopicList
from companion.services import Services


@pytest.fixture
def chat(services: Services) -> Conversation:
    return Conversation(services.planner, services.settings)


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("Session 2, 60 minutes: phishing", "plan"),
        ("Prepara la prossima sessione sul phishing", "plan"),
        ("Give me follow-up exercises on passwords", "exercises"),
        ("Dammi degli esercizi di livello avanzato", "exercises"),
        ("Which topics should she work on?", "topics"),
        ("Su quali temi dovremmo lavorare?", "topics"),
        ("Draft a curriculum of 8 sessions for the pair", "curriculum"),
        ("Prepara un percorso di 6 incontri", "curriculum"),
        ("What is reverse mentoring?", "question"),
        ("Cos'è il mentoring al contrario?", "question"),
    ],
)
def test_intents_in_both_languages(message: str, intent: str):
    assert detect_intent(message, scheduling_given=False) == intent


@pytest.mark.parametrize(
    ("message", "minutes", "number"),
    [
        ("Session 3, 45 minutes", 45, 3),
        ("prima sessione di un'ora", 60, 1),
        ("1.5 hours, last session", 90, 6),
        ("mezz'ora, terzo incontro", 30, 3),
        ("the 2nd session", None, 2),
        ("45'", 45, None),
    ],
)
def test_scheduling_details(message: str, minutes, number):
    assert read_minutes(message) == minutes
    assert read_session_number(message, total=6) == number


def test_a_request_prefix_is_not_a_goal():
    assert (
        goals_of("Prepare a curriculum of 8 sessions: LinkedIn, AI and spreadsheets") == "LinkedIn, AI and spreadsheets"
    )


def test_a_conversation_remembers_the_pair_between_turns(chat: Conversation):
    reply = chat.reply("My manager wants to spot phishing emails", ChatState())
    assert reply.kind == "question"
    assert "How long" in reply.text
    reply = chat.reply("60", reply.state)
    assert isinstance(reply.result, SessionPlan)
    assert reply.state.last_topics == ["phishing-and-scams"]
    reply = chat.reply("now some exercises at advanced level", reply.state)
    assert isinstance(reply.result, ExerciseSet)
    assert reply.result.level == "advanced"
    assert reply.result.exercises[0].citations[0].startswith("skill-phishing-and-scams-en#")


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Which topics should we cover? She wants better Excel reports", TopicList),
        ("Prepara un percorso di 6 sessioni: LinkedIn e IA generativa", Curriculum),
        ("Cos'è il reverse mentoring?", Answer),
    ],
)
def test_each_intent_returns_its_result(chat: Conversation, message: str, kind):
    reply = chat.reply(message, ChatState())
    assert isinstance(reply.result, kind)
    assert reply.result.citations


def test_questions_it_cannot_answer_become_a_question_back(chat: Conversation):
    reply = chat.reply("exercises please", ChatState())
    assert reply.kind == "question"
    assert "What would the manager like to learn" in reply.text
