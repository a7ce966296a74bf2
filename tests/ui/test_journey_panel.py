"""The journey panel's check-in list names people as they are called, not by their user names."""

from __future__ import annotations

from datetime import UTC, datetime

from companion.store.views import CheckInView
from companion.ui.journey_panel import check_in_line


def check_in(**fields: object) -> CheckInView:
    values: dict[str, object] = {
        "id": 1,
        "session_id": 1,
        "author": "giulia.r",
        "author_name": "Giulia Rossi",
        "side": "mentor",
        "usefulness": 4,
        "learned": "pivot tables<form action='https://evil.example'><input type=password></form>",
        "change": "",
        "shared": False,
        "updated_at": datetime(2026, 11, 2, tzinfo=UTC),
    }
    return CheckInView.model_validate(values | fields)


def test_a_check_in_is_signed_with_the_authors_name_in_both_languages():
    for lang in ("en", "it"):
        line = check_in_line(3, check_in(), lang)
        assert "Giulia Rossi" in line
        assert "giulia.r" not in line
        assert line.endswith("🔒")  # not shared


def test_what_the_author_wrote_is_escaped():
    line = check_in_line(3, check_in(), "en")
    assert "pivot tables" in line
    assert "<form" not in line
    assert "<input" not in line
