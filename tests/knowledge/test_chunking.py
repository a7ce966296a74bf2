from __future__ import annotations

from companion.config import REPO_ROOT
from companion.knowledge import chunk_card, load_catalogue, parse_card

CATALOGUE = load_catalogue(REPO_ROOT / "knowledge" / "topics.yaml")


def card(name: str):
    path = REPO_ROOT / "knowledge" / "skills" / name
    return parse_card(path.read_text(encoding="utf-8"), f"knowledge/skills/{name}", CATALOGUE)


def test_chunks_follow_sections_with_stable_language_neutral_ids():
    english = {c.id.split("#")[1] for c in chunk_card(card("phishing-and-scams.en.md"))}
    italian = {c.id.split("#")[1] for c in chunk_card(card("phishing-and-scams.it.md"))}
    assert english == italian  # twins cite the same sections under the same keys
    assert {
        "why",
        "what-to-show",
        "try-together",
        "exercises/foundation",
        "exercises/advanced",
        "reflection/mentor",
        "reflection/manager",
        "mentor-tips",
    } <= english


def test_chunk_ids_are_unique_and_deterministic():
    first = [c.id for c in chunk_card(card("passwords-and-mfa.en.md"))]
    assert first == [c.id for c in chunk_card(card("passwords-and-mfa.en.md"))]
    assert len(first) == len(set(first))


def test_every_chunk_keeps_its_heading_and_source():
    for chunk in chunk_card(card("phishing-and-scams.it.md")):
        assert chunk.source == "knowledge/skills/phishing-and-scams.it.md"
        assert chunk.heading
        assert chunk.text.strip()
        assert chunk.lang == "it"
