"""The chat use case: what it understands, what it asks, what it remembers, how it revises (offline)."""

from __future__ import annotations

import datetime as dt

import pytest

from companion.chat import (
    ChatState,
    Context,
    Conversation,
    Understander,
    read_date,
    read_minutes,
    read_session_number,
)
from companion.chat.setup import conversation_for
from companion.domain import Answer, Curriculum, ExerciseSet, SessionPlan, TopicList
from companion.services import Services

TODAY = dt.date(2026, 11, 30)  # a Monday
THURSDAY = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def chat(services: Services) -> Conversation:
    return conversation_for(services)


@pytest.fixture(scope="module")
def reader(services: Services) -> Understander:
    return services.understander


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
        ("I'd like a programme of 8 meetings", "curriculum"),
        ("What is reverse mentoring?", "question"),
        ("Cos'è il mentoring al contrario?", "question"),
        ("what should I do if she gets frustrated?", "question"),
        ("hello", "smalltalk"),
        ("help", "smalltalk"),
        ("buongiorno", "smalltalk"),
        ("give him something to practise before we meet again", "exercises"),
    ],
)
def test_intents_in_both_languages(reader: Understander, message: str, intent: str):
    assert reader.read(message, Context(today=TODAY)).intent == intent


@pytest.mark.parametrize(
    "message", ["make it shorter", "more hands-on please", "swap the second topic for pivot tables",
                "fammela più corta", "più pratica per favore"],
)  # fmt: skip
def test_revisions_need_a_plan(reader: Understander, message: str):
    assert reader.read(message, Context(today=TODAY, has_plan=True)).intent == "revise"
    assert reader.read(message, Context(today=TODAY, has_plan=False)).intent != "revise"


@pytest.mark.parametrize(
    ("message", "minutes", "number"),
    [
        ("Session 3, 45 minutes", 45, 3),
        ("prima sessione di un'ora", 60, 1),
        ("1.5 hours, last session", 90, 6),
        ("mezz'ora, terzo incontro", 30, 3),
        ("the 2nd session", None, 2),
        ("45'", 45, None),
        ("per un'oretta", 60, None),
        ("un'ora e mezza", 90, None),
        ("forty-five minutes", 45, None),
    ],
)
def test_scheduling_details(message: str, minutes, number):
    assert read_minutes(message) == minutes
    assert read_session_number(message, total=6) == number


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("Thursday", THURSDAY),
        ("giovedì", THURSDAY),
        ("domani", dt.date(2026, 12, 1)),
        ("tomorow", dt.date(2026, 12, 1)),
        ("dopodomani", dt.date(2026, 12, 2)),
        ("lunedì prossimo", dt.date(2026, 12, 7)),
        ("next Monday", dt.date(2026, 12, 7)),
        ("Monday of next week", dt.date(2026, 12, 7)),
        ("giovedì della settimana prossima", dt.date(2026, 12, 10)),
        ("on 3 December", THURSDAY),
        ("il 3 dicembre", THURSDAY),
        ("December 3rd", THURSDAY),
        ("2027-01-15", dt.date(2027, 1, 15)),
        ("15/01", dt.date(2027, 1, 15)),
        ("tra 2 settimane", dt.date(2026, 12, 14)),
        ("today", TODAY),
        ("no date here", None),
    ],
)
def test_dates_relative_to_today(message: str, day):
    assert read_date(message, TODAY) == day


def test_names_days_and_filler_do_not_drown_the_goal(reader: Understander):
    reading = reader.read("ciao, giovedì ho Marco per un'oretta, vorrebbe capire ChatGPT", Context(today=TODAY))
    assert (reading.intent, reading.minutes, reading.date) == ("plan", 60, THURSDAY)
    assert reading.goal == "capire ChatGPT"
    reading = reader.read(
        "Can you help me get ready for Thursday? Helen keeps struggling to share her screen in Teams, we have 45 "
        "minutes",
        Context(today=TODAY),
    )
    assert "Helen" not in reading.goal
    assert "Thursday" not in reading.goal
    assert "Teams" in reading.goal


def test_the_brief_examples_end_to_end(chat: Conversation):
    reply = chat.reply(
        "Can you help me get ready for Thursday? Helen keeps struggling to share her screen in Teams, we have 45 "
        "minutes",
        ChatState(),
        TODAY,
    )
    plan = reply.result
    assert isinstance(plan, SessionPlan)
    assert plan.session_minutes == 45
    assert reply.state.date == THURSDAY
    assert plan.topics[0].slug == "video-meetings-and-hybrid-work"
    assert reply.line == "Plan · 45 min · Thu 3 Dec · Video meetings and hybrid work"
    assert {item.kind for item in plan.agenda} >= {"opening", "demo", "hands-on", "closing"}

    shorter = chat.reply("make it shorter", reply.state, TODAY)
    assert shorter.intent == "revise"
    assert isinstance(shorter.result, SessionPlan)
    assert shorter.result.session_minutes < 45
    assert sum(item.minutes for item in shorter.result.agenda) == shorter.result.session_minutes
    assert [t.slug for t in shorter.result.topics] == [t.slug for t in plan.topics]

    practical = chat.reply("more hands-on please", shorter.state, TODAY)
    assert isinstance(practical.result, SessionPlan)
    hands_on = lambda p: sum(i.minutes for i in p.agenda if i.kind == "hands-on")  # noqa: E731
    assert hands_on(practical.result) > hands_on(shorter.result)
    assert practical.result.session_minutes == shorter.result.session_minutes

    swapped = chat.reply("swap the second topic for pivot tables", practical.state, TODAY)
    assert isinstance(swapped.result, SessionPlan)
    slugs = [t.slug for t in swapped.result.topics]
    assert "data-literacy-spreadsheets" in slugs
    assert "video-meetings-and-hybrid-work" in slugs

    exercises = chat.reply("give him something to practise before we meet again", swapped.state, TODAY)
    assert isinstance(exercises.result, ExerciseSet)
    cited = {c.split("#")[0] for e in exercises.result.exercises for c in e.citations}
    assert cited <= {f"skill-{slug}-en" for slug in slugs}


def test_italian_revisions_keep_what_was_not_asked(chat: Conversation):
    reply = chat.reply("ciao, giovedì ho Marco per un'oretta, vorrebbe capire ChatGPT", ChatState(language="it"), TODAY)
    assert isinstance(reply.result, SessionPlan)
    assert reply.result.language == "it"
    assert reply.result.topics[0].slug == "generative-ai-basics"
    assert reply.line.startswith("Piano · 60 min · gio 3 dic")
    shorter = chat.reply("fammela più corta", reply.state, TODAY)
    assert isinstance(shorter.result, SessionPlan)
    assert shorter.result.session_minutes == 45
    assert shorter.result.format == reply.result.format
    practical = chat.reply("più pratica per favore", shorter.state, TODAY)
    assert isinstance(practical.result, SessionPlan)
    assert practical.result.session_minutes == 45


@pytest.mark.parametrize(
    ("message", "language", "fragment"),
    [("hello", "en", "Try for example"), ("help", "en", "Try for example"), ("buongiorno", "it", "Prova per esempio")],
)
def test_smalltalk_says_what_the_companion_does(chat: Conversation, message: str, language, fragment: str):
    reply = chat.reply(message, ChatState(language=language), TODAY)
    assert reply.intent == "smalltalk"
    assert reply.result is None
    assert fragment in reply.text


@pytest.mark.parametrize(
    ("message", "slugs"),
    [
        ("first session next week, we don't know each other yet, 60 minutes",
         {"ground-rules-confidentiality", "self-assessing-digital-skills"}),
        ("ultimo incontro, un'ora", {"closing-the-relationship", "self-assessing-digital-skills"}),
    ],
)  # fmt: skip
def test_first_and_closing_sessions_get_programme_topics(chat: Conversation, message: str, slugs: set[str]):
    reply = chat.reply(message, ChatState(), TODAY)
    assert isinstance(reply.result, SessionPlan)
    assert {t.slug for t in reply.result.topics} == slugs


@pytest.mark.parametrize("message", ["plan something with the usual vibe", "prepare the thing for Marco"])
def test_the_usual_length_is_assumed_never_a_topic(chat: Conversation, message: str):
    """A message read as a plan whose goal names no topic, with no length: no plan about whatever retrieval finds
    for its words ("sorry wrong window" once got one, on troubleshooting), but the question of what is needed."""
    reply = chat.reply(message, ChatState(), TODAY)
    assert (reply.kind, reply.result) == ("question", None)
    assert reply.state.awaiting == "clarify_intent"


@pytest.mark.parametrize("message", ["sorry wrong window lol", "ah scusa, messaggio sbagliato"])
def test_a_message_sent_by_mistake_gets_the_help_answer(chat: Conversation, message: str):
    reply = chat.reply(message, ChatState(), TODAY)
    assert (reply.intent, reply.result) == ("smalltalk", None)


def test_a_conversation_remembers_the_pair_between_turns(chat: Conversation):
    reply = chat.reply("My manager wants to spot phishing emails", ChatState(), TODAY)
    assert isinstance(reply.result, SessionPlan)  # no length said: the usual one, said in the reply
    assert "the usual length" in reply.text
    reply = chat.reply("45", reply.state, TODAY)
    assert isinstance(reply.result, SessionPlan)
    assert reply.result.session_minutes == 45
    assert reply.state.last_topics == ["phishing-and-scams"]
    reply = chat.reply("now some exercises at advanced level", reply.state, TODAY)
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
    reply = chat.reply(message, ChatState(), TODAY)
    assert isinstance(reply.result, kind)
    assert reply.result.citations


def test_questions_it_cannot_answer_become_a_question_back(chat: Conversation):
    reply = chat.reply("exercises please", ChatState(), TODAY)
    assert reply.kind == "question"
    assert "What would the manager like to learn" in reply.text


def test_a_revision_without_a_plan_asks_for_the_session(chat: Conversation):
    reply = chat.reply("make it shorter", ChatState(), TODAY)
    assert reply.kind == "question"
