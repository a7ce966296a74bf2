"""Ingest is idempotent: unchanged files are not re-embedded, edits replace, deletions leave."""

from __future__ import annotations

import pytest

from companion.services import Services


def indexed_sources(services: Services) -> set[str]:
    return {m["source"] for m in services.store.get(include=["metadatas"])["metadatas"]}


@pytest.mark.slow  # embeds three cards from scratch
def test_first_ingest_indexes_every_card(tiny_services: Services):
    report = tiny_services.ingest()
    assert report.ok
    assert len(report.added) == 3
    assert report.unchanged == 0
    assert report.chunks_written == report.chunks_total > 20
    assert indexed_sources(tiny_services) == {
        "knowledge/skills/phishing-and-scams.en.md",
        "knowledge/skills/phishing-and-scams.it.md",
        "knowledge/skills/passwords-and-mfa.en.md",
    }


def test_second_ingest_embeds_nothing(tiny_indexed: Services):
    first = tiny_indexed.ingest()
    second = tiny_indexed.ingest()
    assert (second.added, second.updated, second.removed) == ([], [], [])
    assert second.unchanged == 3
    assert second.chunks_written == 0
    assert second.chunks_total == first.chunks_total


def test_an_edited_file_is_replaced_and_a_deleted_one_leaves(tiny_indexed: Services):
    tiny_indexed.ingest()
    knowledge = tiny_indexed.settings.knowledge_dir
    edited = knowledge / "skills" / "passwords-and-mfa.en.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "## Pitfalls", "## Pitfalls\n\n- A brand-new pitfall about sticky notes.", 1
        ),
        encoding="utf-8",
    )
    (knowledge / "skills" / "phishing-and-scams.it.md").unlink()

    report = tiny_indexed.ingest()
    assert report.updated == ["knowledge/skills/passwords-and-mfa.en.md"]
    assert report.removed == ["knowledge/skills/phishing-and-scams.it.md"]
    assert "knowledge/skills/phishing-and-scams.it.md" not in indexed_sources(tiny_indexed)
    pitfalls = tiny_indexed.searcher.card("skill-passwords-and-mfa-en")["skill-passwords-and-mfa-en#pitfalls"]
    assert "sticky notes" in pitfalls.text


def test_a_file_that_breaks_keeps_its_previous_chunks(tiny_indexed: Services):
    tiny_indexed.ingest()
    card = tiny_indexed.settings.knowledge_dir / "skills" / "passwords-and-mfa.en.md"
    card.write_text("---\nid: [broken\n---\n", encoding="utf-8")
    report = tiny_indexed.ingest()
    assert not report.ok
    assert "passwords-and-mfa.en.md" in str(report.errors[0])
    assert report.removed == []  # nothing already indexed is lost
    assert tiny_indexed.searcher.card("skill-passwords-and-mfa-en")
