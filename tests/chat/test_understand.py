"""The offline reading of single messages (rules only, no embeddings), and the topic mapping of general words."""

from __future__ import annotations

import datetime as dt

import pytest

from companion.chat.slots import goal_text, parse_slots
from companion.chat.understand import Context, Understander
from companion.services import Services

TODAY = dt.date(2026, 11, 30)
WITH_PLAN = Context(today=TODAY, has_plan=True, has_topics=True, last_intent="plan")
FRESH = Context(today=TODAY)


@pytest.mark.parametrize(
    ("message", "action", "topic"),
    [
        ("cambialo con i prompt", "swap_topic", "prompt"),
        ("sostituiscila con la privacy", "swap_topic", "privacy"),
        ("swap it for prompt writing", "swap_topic", "prompt writing"),
        ("put phishing in place of the first topic", "swap_topic", "phishing"),
        ("invece di Excel facciamo Power BI", "swap_topic", "power bi"),
        ("aggiungi qualcosa sulle chat di Teams", "add_topic", "chat di teams"),
        ("ci metterei anche qualcosa sull'AI Act", "add_topic", "ai act"),
        ("leva la parte su Excel", "drop_topic", None),
        ("più spazio per la discussione", "more_discussion", None),
        ("more time for talking", "more_discussion", None),
        ("more room for practice", "more_hands_on", None),
        ("take it up a level", "level", None),
        ("alziamo il livello", "level", None),
        ("cut it to 45", "shorter", None),
        ("spostiamo tutto a giovedì", "date", None),
    ],
)
def test_revisions_of_the_plan_just_made(message: str, action: str, topic: str | None):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == action, reading.revision
    if topic is not None:
        assert reading.revision.topic == topic


def test_a_swap_without_naming_the_old_topic_keeps_no_pronoun_as_its_name():
    reading = Understander().read("swap it for prompt writing", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.old_topic is None


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("mi aiuti a scegliere gli argomenti per Luca? lavora in amministrazione", "topics"),
        ("can you suggest what to cover with a CFO who is new to all this", "topics"),
        ("attività pratiche sulle formule di Excel", "exercises"),
        ("practice activities on Excel formulas", "exercises"),
        ("che differenza c'è tra PEC e email normale?", "question"),
        ("la privacy vale anche per le note condivise?", "question"),
        ("do we need a laptop for every meeting?", "question"),
    ],
)
def test_requests_and_questions_without_scheduling(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


def test_the_goal_keeps_the_little_words_between_its_words():
    message = "il suo team usa malissimo la chat di Teams, 45 minuti lunedì"
    slots, folded = parse_slots(message, TODAY)
    assert goal_text(message, slots, folded) == "suo team usa malissimo la chat di Teams"
    message = "ho Marco per un'oretta, vorrebbe capire ChatGPT"
    slots, folded = parse_slots(message, TODAY)
    assert goal_text(message, slots, folded) == "capire ChatGPT"


def test_general_security_and_ai_words_reach_the_entry_topics_not_the_regulations(services: Services):
    planner = services.planner
    assert planner.rank_topics("security first", "en", 2)[0] in ("phishing-and-scams", "passwords-and-mfa")
    assert planner.rank_topics("partendo dalla sicurezza", "it", 1) != ["nis2-and-incident-response"]
    assert planner.rank_topics("AI for a sales director", "en", 1) == ["generative-ai-basics"]
    assert planner.rank_topics("NIS2 incident reporting for the board", "en", 1) == ["nis2-and-incident-response"]
    assert planner.rank_topics("what the AI Act asks of his team", "en", 1) == ["ai-act-and-ai-literacy"]


def test_a_second_topic_named_by_its_keyword_is_kept(services: Services):
    ranked = services.planner.rank_topics("linkedin e instagram per il suo personal brand", "it", 2)
    assert ranked == ["linkedin-personal-brand", "social-media-platforms"]
