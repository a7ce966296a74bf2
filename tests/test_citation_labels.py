"""Sources read as titles with their section, in the user's language; the ids stay, folded away."""

from __future__ import annotations

from companion.citation_labels import citation_label
from companion.domain import Answer, Citation, CitedText
from companion.rendering import result_markdown


def test_a_citation_reads_as_the_cards_title_and_its_section():
    cited = Citation(id="skill-phishing-and-scams-it#what-to-show", source="knowledge/skills/phishing-and-scams.it.md")
    assert citation_label(cited, "it") == "Riconoscere phishing e truffe online › Cosa mostrare"
    assert citation_label(cited, "en") == "Spotting phishing and online scams › What to show"
    level = Citation(id="skill-prompt-writing-en#exercises/advanced", source="x")
    assert citation_label(level, "it").endswith("Esercizi di follow-up › Avanzato")
    case = Citation(id="case-the-hartford-en#what-they-did", source="x")
    assert citation_label(case, "en").startswith("The Hartford")
    assert citation_label(Citation(id="doc-policy-1a2b#intro", source="policy.md"), "en").startswith("policy.md")


def test_the_sources_list_shows_titles_and_folds_the_ids():
    cited = "skill-phishing-and-scams-en#why"
    answer = Answer(
        language="en",
        question="q",
        points=[CitedText(text="p", citations=[cited])],
        citations=[Citation(id=cited, source="knowledge/skills/phishing-and-scams.en.md")],
    )
    text = result_markdown(answer)
    listed, folded = text.split("<details>")
    assert "1. Spotting phishing and online scams › Why it matters for a manager" in listed
    assert cited not in listed
    assert cited in folded
