"""Topic keywords: misspelt tool names and inflected phrases still name their topic; near words do not."""

from __future__ import annotations

import pytest

from companion.retrieval.keywords import KeywordMatcher, tool_names_fixed


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("capire ciatgpt", "capire chatgpt"),
        ("chat gtp for drafts", "chatgpt for drafts"),
        ("usare il copilota", "usare il copilot"),
        ("her linkedn profile", "her linkedin profile"),
        ("files in one drive", "files in onedrive"),
        ("the clause in the contract", "the clause in the contract"),
        ("dodgy links in emails", "dodgy links in emails"),
    ],
)
def test_misspelt_tool_names(text: str, fixed: str):
    assert tool_names_fixed(text) == fixed


def test_a_phrase_keyword_matches_its_inflections_once():
    matcher = KeywordMatcher({"digital-wellbeing": ["annegare nelle email"]})
    assert matcher.scores("annega nelle email")["digital-wellbeing"] == 2.0
    assert matcher.scores("sharing her screen")["video-meetings-and-hybrid-work"] == 2.0
    assert "linkedin-personal-brand" not in matcher.scores("she clicks on links in emails")
    assert matcher.scores("try chatgbt")["generative-ai-basics"] == 1.0


def test_misspelt_brand_names_the_cards_list_are_read_as_the_name():
    """Not only the names in code: a card keyword styled like a product ("Bitwarden", "XLOOKUP", "CapCut")
    is a name a typo is corrected towards; a short capitalised word ("Planner", "Shorts") is not."""
    from companion.retrieval.keywords import brand_names

    names = brand_names(["Bitwarden", "XLOOKUP", "CapCut", "1Password", "Planner", "Shorts", "screen time"])
    assert names == {"bitwarden", "xlookup", "capcut", "1password"}
    matcher = KeywordMatcher({"passwords-and-mfa": ["Bitwarden"], "data-literacy-spreadsheets": ["XLOOKUP"]})
    assert "passwords-and-mfa" in matcher.scores("she wants to set up bitwardn")
    assert "data-literacy-spreadsheets" in matcher.scores("xlokup in excel")
    assert matcher.names_fixed("bitwardn on her phone") == "bitwarden on her phone"
    assert matcher.names_fixed("make it shorter") is None


def test_a_hyphen_in_a_keyword_may_be_a_space_or_nothing():
    matcher = KeywordMatcher(
        {"misinformation-and-fact-checking": ["AI-generated images"], "mobile-productivity": ["e-mail app"]}
    )
    assert "misinformation-and-fact-checking" in matcher.scores("spotting ai generated images")
    assert "misinformation-and-fact-checking" in matcher.scores("spotting AI-generated images")
    assert "mobile-productivity" in matcher.scores("the email app on her phone")
