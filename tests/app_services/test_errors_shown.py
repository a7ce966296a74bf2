"""Every error a user can meet is shown translated: planning keys exist in both languages, an unknown key
becomes a translated apology (never the key), and internal reasons stay out of the message."""

from __future__ import annotations

import re
from pathlib import Path

from companion.app_services import InvalidRequest, NotAllowed
from companion.config import REPO_ROOT
from companion.i18n import strings
from companion.ui.common import friendly

# A "based on" fact of history_planning: its text is the locale string based_on_<key>.
FACT_KEY = re.compile(r'Fact\(\s*key="([a-z_]+)"(?: if [^,]* else "([a-z_]+)")?')


def raised_keys(path: Path) -> set[str]:
    text = FACT_KEY.sub("", path.read_text(encoding="utf-8"))
    return set(re.findall(r'(?:PlanningError|key=)\(?"([a-z_]+)"', text))


def test_every_based_on_fact_is_in_both_locales():
    text = (REPO_ROOT / "companion" / "history_planning.py").read_text(encoding="utf-8")
    keys = {f"based_on_{key}" for found in FACT_KEY.findall(text) for key in found if key}
    assert {"based_on_held", "based_on_slow_down", "based_on_curriculum"} <= keys
    for lang in ("en", "it"):
        assert keys <= strings(lang).keys(), sorted(keys - strings(lang).keys())


def test_every_key_the_engine_raises_is_in_both_locales():
    keys: set[str] = set()
    for folder in ("companion", "companion/app_services"):
        for path in (REPO_ROOT / folder).glob("*.py"):
            keys |= raised_keys(path)
    assert {"ask_goals", "no_topic_found", "choose_exercise_first", "comment_needed"} <= keys
    for lang in ("en", "it"):
        assert keys <= strings(lang).keys(), sorted(keys - strings(lang).keys())


def test_an_unknown_key_is_a_translated_apology_not_the_key():
    shown = friendly(InvalidRequest(key="no_such_key_anywhere"), "it")
    assert "no_such_key_anywhere" not in shown
    assert shown == f"⚠️ {strings('it')['something_failed']}"


def test_the_engines_english_reason_stays_out_of_an_italian_message():
    shown = friendly(NotAllowed("review curriculum is for hr only"), "it")
    assert "hr only" not in shown
    assert shown.startswith("⚠️ Non consentito")
