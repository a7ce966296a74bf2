"""The loader accepts the documented format and names the file and field of anything wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.config import REPO_ROOT
from companion.knowledge import KnowledgeError, load_catalogue, parse_card
from companion.knowledge.library import load_library

CATALOGUE = load_catalogue(REPO_ROOT / "knowledge" / "topics.yaml")
VALID = (REPO_ROOT / "knowledge" / "skills" / "phishing-and-scams.en.md").read_text(encoding="utf-8")


def parse(text: str):
    return parse_card(text, "knowledge/skills/test.en.md", CATALOGUE)


def test_a_real_card_parses_with_its_sections():
    card = parse(VALID)
    assert card.meta.id == "skill-phishing-and-scams-en"
    assert card.meta.digcomp == ["4.1", "4.2"]
    assert [s.heading for s in card.sections][:2] == ["Why it matters for a manager", "What to show"]


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda t: t.replace("---\n", "", 1), "front matter"),
        (lambda t: t.replace("title: Spotting", "title: [Spotting", 1), "front matter"),
        (lambda t: t.replace("kind: skill", "kind: recipe", 1), "kind"),
        (lambda t: t.replace("lang: en", "lang: fr", 1), "lang"),
        (lambda t: t.replace("topics: [phishing-and-scams]", "topics: [cooking]", 1), "topics"),
        (lambda t: t.replace('digcomp: ["4.1", "4.2"]', 'digcomp: ["9.9"]', 1), "digcomp"),
        (lambda t: t.replace("id: skill-phishing-and-scams-en", "id: Bad Id", 1), "id"),
        (lambda t: t.replace("lang: en", "lang: en\ncolour: blue", 1), "colour"),
        (lambda t: t.replace("## What to show", "## Show and tell", 1), "section 'What to show'"),
        (lambda t: t.replace("### Foundation:", "### Basic:", 1), "section 'Follow-up exercises'"),
    ],
    ids=[
        "no-front-matter",
        "bad-yaml",
        "kind",
        "lang",
        "unknown-topic",
        "digcomp",
        "id",
        "unknown-field",
        "missing-section",
        "exercise-level",
    ],
)
def test_a_malformed_card_is_rejected_naming_file_and_field(edit, field):
    with pytest.raises(KnowledgeError) as caught:
        parse(edit(VALID))
    assert caught.value.path == "knowledge/skills/test.en.md"
    assert caught.value.field == field
    assert "knowledge/skills/test.en.md" in str(caught.value)


def test_yaml_errors_give_the_line(tmp_path: Path):
    with pytest.raises(KnowledgeError, match=r"line \d+"):
        parse(VALID.replace("title: Spotting", "title: [Spotting", 1))


def test_format_phases_must_add_up_to_100():
    text = (REPO_ROOT / "knowledge" / "formats" / "skill-deep-dive.en.md").read_text(encoding="utf-8")
    assert parse_card(text, "f.md", CATALOGUE).meta.format == "skill-deep-dive"
    broken = text.replace("(10%)", "(15%)", 1)
    with pytest.raises(KnowledgeError, match="add up to 105%"):
        parse_card(broken, "f.md", CATALOGUE)


def test_library_collects_bad_files_without_dropping_good_ones(tiny_library: Path):
    (tiny_library / "skills" / "broken.en.md").write_text("no front matter here", encoding="utf-8")
    (tiny_library / "skills" / "binary.en.md").write_bytes(b"\xff\xfe\x00garbage")
    library = load_library(tiny_library)
    assert sorted(c.meta.id for c in library.cards) == [
        "skill-passwords-and-mfa-en",
        "skill-phishing-and-scams-en",
        "skill-phishing-and-scams-it",
    ]
    assert sorted(Path(e.path).name for e in library.errors) == ["binary.en.md", "broken.en.md"]


def test_duplicate_ids_are_an_error(tiny_library: Path):
    source = tiny_library / "skills" / "phishing-and-scams.en.md"
    (tiny_library / "skills" / "copy.en.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    library = load_library(tiny_library)
    assert [e.field for e in library.errors] == ["id"]
