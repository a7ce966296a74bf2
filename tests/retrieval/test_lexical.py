"""BM25 stays in step with Chroma: every ingest, edit and deletion, and across restarts."""

from __future__ import annotations

from companion.config import Settings
from companion.retrieval.search import Filters
from companion.services import Services


def lexical_ids(services: Services, query: str, lang: str = "en") -> list[str]:
    return [row.id for row, _ in services.lexical.search(query, lang, 10)]


def test_bm25_follows_every_ingest(tiny_indexed: Services):
    tiny_indexed.ingest()
    assert lexical_ids(tiny_indexed, "quishing")  # a word only BM25 can match exactly
    card = tiny_indexed.settings.knowledge_dir / "skills" / "passwords-and-mfa.en.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("## Pitfalls", "## Pitfalls\n\n- Zebrafication of passwords.", 1),
        encoding="utf-8",
    )
    tiny_indexed.ingest()
    assert lexical_ids(tiny_indexed, "zebrafication") == ["skill-passwords-and-mfa-en#pitfalls"]
    card.unlink()
    tiny_indexed.ingest()
    assert lexical_ids(tiny_indexed, "zebrafication") == []


def test_the_saved_index_is_reused_after_a_restart_and_rebuilt_when_stale(tiny_indexed: Services):
    tiny_indexed.ingest()
    settings = tiny_indexed.settings
    restarted = Services(settings)
    rows, fingerprint = restarted._indexed_rows()
    assert restarted.lexical.fingerprint == fingerprint
    assert (settings.lexical_dir / "manifest.json").is_file()
    # Someone deleted chunks behind our back: the manifest no longer matches, so it is rebuilt.
    restarted.store.delete(ids=[rows[0].id])
    again = Services(Settings(**{**settings.model_dump(), "_env_file": None}))
    assert rows[0].id not in [r.id for lang in ("en", "it") for r in again.lexical._indexes[lang].rows]


def test_lexical_filters_match_the_dense_ones(tiny_indexed: Services):
    tiny_indexed.ingest()
    filters = Filters(lang="en", topic="passwords-and-mfa")
    found = tiny_indexed.lexical.search("phishing password", "en", 10, filters)
    assert found
    assert all("passwords-and-mfa" in row.meta["topics"] for row, _ in found)
