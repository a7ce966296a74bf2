"""HR's dashboard from the desk to the charts: whole numbers from zero, every pair, the framework's level names,
a period filter, text in the user's language; and a refused review that keeps its curriculum waiting."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from companion.app_services import Desks, InvalidRequest
from companion.app_services.hr import average_level, months_between
from companion.demo import load_demo
from companion.services import Services
from companion.ui.common import friendly
from companion.ui.hr_tab import dashboard_charts, dashboard_summary


@pytest.fixture(scope="module")
def desks(services: Services) -> Desks:
    load_demo(services.programme, services.planner)
    return Desks.over(services)


def test_every_pair_is_on_the_dashboard_with_whole_counts(desks: Desks):
    board = desks.hr.dashboard("hr.laura")
    labels = [p.label for p in board.pairs]
    assert "Luca Moretti · Anna Ricci" in labels  # the pair with a single session is there too
    assert all(isinstance(p.sessions_held, int) and p.sessions_held >= 1 for p in board.pairs)
    assert (
        sum(n for _, n in board.sessions_by_month) == board.sessions_held == sum(p.sessions_held for p in board.pairs)
    )
    assert set(board.areas) == {"1", "2", "3", "4", "5"}
    assert sum(board.areas.values()) > 0


def test_self_assessment_is_read_on_the_frameworks_level_names(desks: Desks):
    board = desks.hr.dashboard("hr.laura")
    assert {p.level_before for p in board.pairs} <= {"not-yet", "foundation", "intermediate", "advanced"}
    assert average_level({"1.1": "foundation", "2.6": "not-yet", "4.2": "intermediate"}) == "foundation"
    assert average_level({"1.1": "advanced", "2.6": "intermediate"}) == "advanced"  # 2.5 rounds up
    assert average_level({}) is None


def test_a_period_keeps_every_pair_and_counts_only_what_happened_in_it(desks: Desks):
    later = date.today() + timedelta(days=3 * 365)
    board = desks.hr.dashboard("hr.laura", "30", today=later)
    assert board.since == later - timedelta(days=30)
    assert len(board.pairs) == len(desks.hr.dashboard("hr.laura").pairs)
    assert board.sessions_held == 0
    assert all(n == 0 for n in board.areas.values())


def test_months_run_without_gaps():
    assert months_between(date(2025, 11, 20), date(2026, 2, 3)) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_the_charts_speak_italian_for_an_italian_user(desks: Desks):
    board = desks.hr.dashboard("hr.laura")
    summary = dashboard_summary(board, "it")
    pairs, months, areas, exercises, assessment = dashboard_charts(board, "it")
    assert "sessioni svolte" in summary
    assert "Tutto il programma" in summary
    assert "Sessioni svolte per coppia" in pairs
    assert "Luca Moretti · Anna Ricci" in pairs
    assert "Alfabetizzazione su informazioni e dati" in areas
    assert "Risolvere problemi" in areas
    assert " su " in exercises  # "2 su 3"
    assert "prima" in assessment
    assert "dopo" in assessment
    month_names = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto")
    month_names += ("settembre", "ottobre", "novembre", "dicembre")
    assert any(name in months for name in month_names)
    for chart in (pairs, months, areas, exercises, assessment):
        visible = re.sub(r"<[^>]+>", " ", chart)  # the text, not the markup's class names
        for english in ("Sessions", "Pair", "Count", "before", "after", "Information", "Safety", "of "):
            assert english not in visible


def test_a_request_for_changes_without_a_comment_is_refused_in_the_users_language(desks: Desks):
    waiting = desks.hr.review_queue("hr.laura")
    assert waiting
    with pytest.raises(InvalidRequest) as caught:
        desks.hr.review("hr.laura", waiting[0].version_id, approve=False, comment="  ")
    assert caught.value.key == "comment_needed"
    assert "commento" in friendly(caught.value, "it")
    assert [item.version_id for item in desks.hr.review_queue("hr.laura")] == [w.version_id for w in waiting]


def test_the_overview_csv_is_built_when_asked(desks: Desks):
    text = desks.hr.overview_csv("hr.laura")
    assert text.splitlines()[0].startswith("pair,mentor,manager")
    assert len(text.splitlines()) == 1 + len(desks.hr.dashboard("hr.laura").pairs)
