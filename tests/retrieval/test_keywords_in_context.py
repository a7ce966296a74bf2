"""Topic words read by their context: an assistant inside the office apps, a misconception, never switching off."""

from __future__ import annotations

import pytest

from companion.retrieval.keywords import KeywordMatcher


@pytest.mark.parametrize(
    "text",
    [
        "Tom wants to use copilot in excel and word",
        "copilot in excel e word per il direttore",
        "the assistant built into teams and outlook",
        "which AI helper in office can build the deck",
    ],
)
def test_an_assistant_inside_the_office_apps_is_ai_assistants_not_the_apps(text: str):
    scores = KeywordMatcher().scores(text)
    assert max(scores, key=lambda slug: scores[slug]) == "ai-assistants-at-work"
    assert "data-literacy-spreadsheets" not in scores


@pytest.mark.parametrize(
    "text",
    [
        "explain what an LLM actually is to someone who thinks chatgpt is a search engine",
        "spiegare cos'e davvero un llm a uno che pensa che chatgpt sia un motore di ricerca",
    ],
)
def test_what_something_is_mistaken_for_is_not_the_topic(text: str):
    scores = KeywordMatcher().scores(text)
    assert "online-search-and-research" not in scores
    assert "generative-ai-basics" in scores


def test_never_switching_off_is_digital_wellbeing():
    assert "digital-wellbeing" in KeywordMatcher().scores("risponde alle mail di notte e non stacca mai")


def test_a_request_after_the_misconception_still_counts():
    scores = KeywordMatcher().scores("he thinks chatgpt is a search engine and wants to learn prompt writing")
    assert "online-search-and-research" not in scores
    assert "prompt-writing" in scores
