"""HR's dashboard from the desk to the charts: whole numbers from zero, every pair, the framework's level names,
a period filter, text in the user's language; and a refused review that keeps its curriculum waiting."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest

from companion.app_services import Desks, InvalidRequest
from companion.app_services.hr import average_level, months_between
from companion.config import Settings
from companion.demo import load_demo
from companion.services import Services
from companion.ui.common import friendly
from companion.ui.hr_tab import attention_list, dashboard_charts, dashboard_summary


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
    assert board.check_ins == 0
    assert board.exercises_assigned == 0


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
    pairs, months, areas, exercises, usefulness, assessment = dashboard_charts(board, "it")
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
    assert "Valutazioni dei check-in" in usefulness
    assert "su 5" in usefulness
    assert "Mentor" in usefulness
    for chart in (pairs, months, areas, exercises, usefulness, assessment):
        visible = re.sub(r"<[^>]+>", " ", chart)  # the text, not the markup's class names
        for english in ("Sessions", "Pair", "Count", "before", "after", "Information", "Safety", "of ", "out of"):
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


def ratings_as_the_members_see_them(desks: Desks, since: date | None = None) -> dict[tuple[date, str], list[int]]:
    """Each member's own check-ins, read the way the pair reads them (not through HR's aggregate): by month
    of the session held, and side."""
    programme = desks.hr.programme
    found: dict[tuple[date, str], list[int]] = {}
    for pair in programme.pairs(programme.actor("hr.laura")):
        for side, person in (("mentor", pair.mentor.username), ("manager", pair.manager.username)):
            member = programme.actor(person)
            for held in programme.sessions(member, pair.id):
                if held.status != "held" or held.scheduled_on is None:
                    continue
                if since and held.scheduled_on < since:
                    continue
                for check_in in programme.check_ins(member, held.id):
                    if check_in.author == person:
                        found.setdefault((held.scheduled_on.replace(day=1), side), []).append(check_in.usefulness)
    return found


def check_in_texts(desks: Desks) -> list[str]:
    programme = desks.hr.programme
    texts = []
    for pair in programme.pairs(programme.actor("hr.laura")):
        member = programme.actor(pair.manager.username)
        for held in programme.sessions(member, pair.id):
            if held.status == "held":
                texts += [c.learned for c in programme.check_ins(member, held.id) if c.learned]
                texts += [c.change for c in programme.check_ins(member, held.id) if c.change]
    return texts


@pytest.mark.parametrize("period", ["all", "30"])
def test_check_in_ratings_are_averaged_per_side_and_month_as_the_pairs_gave_them(desks: Desks, period: str):
    board = desks.hr.dashboard("hr.laura", period)  # type: ignore[arg-type]
    expected = ratings_as_the_members_see_them(desks, board.since)
    assert expected, "the demo programme has check-ins"
    by_month = {m.month: m for m in board.usefulness_by_month}
    for (month, side), scores in expected.items():
        entry = by_month[month]
        assert getattr(entry, side) == round(sum(scores) / len(scores), 2), (month, side)
        assert getattr(entry, f"{side}_count") == len(scores)
    assert board.check_ins == sum(len(s) for s in expected.values()) == sum(p.check_ins for p in board.pairs)
    for side in ("mentor", "manager"):
        mine = [score for (_, s), scores in expected.items() if s == side for score in scores]
        assert board.usefulness[side].count == len(mine)
        assert board.usefulness[side].average == (round(sum(mine) / len(mine), 2) if mine else None)
    # The months run with the sessions' months, gaps included, so the two charts line up.
    assert [m.month for m in board.usefulness_by_month] == [m for m, _ in board.sessions_by_month]
    dumped = board.model_dump_json()
    texts = check_in_texts(desks)
    assert texts, "the demo's check-ins have text"
    assert not [text for text in texts if text in dumped]  # HR gets the ratings, never a word of the check-ins


def test_the_rating_chart_and_summary_read_from_zero_to_five_in_both_languages(desks: Desks):
    board = desks.hr.dashboard("hr.laura")
    usefulness = dashboard_charts(board, "en")[4]
    assert "Check-in ratings: average usefulness per month (1-5)" in usefulness
    assert "Mentors" in usefulness
    assert "Managers" in usefulness
    widths = [float(w) for w in re.findall(r'style="width:([\d.]+)%"', usefulness)]
    assert widths
    assert all(0 < w <= 100 for w in widths)
    top = max(m.mentor or 0 for m in board.usefulness_by_month)
    assert 100 * top / 5 in widths  # on the 0-5 scale, not stretched to the highest average
    summary_en, summary_it = dashboard_summary(board, "en"), dashboard_summary(board, "it")
    mentor = board.usefulness["mentor"].average
    assert mentor is not None
    assert f"{board.check_ins} check-ins" in summary_en
    assert f"mentors **{mentor:.1f}**" in summary_en
    assert f"mentor **{mentor:.1f}".replace(".", ",") in summary_it
    assert "utilità media" in summary_it
    far = desks.hr.dashboard("hr.laura", "30", today=date.today() + timedelta(days=3 * 365))
    assert far.check_ins == 0
    assert "Ancora nulla in questo periodo." in dashboard_charts(far, "it")[4]
    assert "mentor **—**" in dashboard_summary(far, "it")


def test_exercises_count_in_the_period_they_were_given(desks: Desks):
    whole = desks.hr.dashboard("hr.laura")
    assert whole.exercises_assigned == sum(p.exercises_assigned for p in whole.pairs) > 0
    assert whole.exercise_completion == round(whole.exercises_done / whole.exercises_assigned, 3)
    recent = desks.hr.dashboard("hr.laura", "30")  # the demo gives its exercises on the day it is loaded
    assert recent.exercises_assigned == whole.exercises_assigned
    later = desks.hr.dashboard("hr.laura", "30", today=date.today() + timedelta(days=90))
    assert later.exercises_assigned == 0
    assert later.exercise_completion == 0.0
    assert all(p.exercises_assigned == 0 for p in later.pairs)


def test_stalled_pairs_and_overdue_check_ins_are_listed_with_names_and_how_long(desks: Desks):
    today = desks.hr.dashboard("hr.laura")
    weeks, days = desks.hr.services.settings.stalled_after_weeks, desks.hr.services.settings.check_in_overdue_days
    assert (today.stalled_after_weeks, today.check_in_overdue_days) == (weeks, days)
    overdue = [a for a in today.attention if a.kind == "overdue_check_in"]
    # The demo's latest session of each pair, held three weeks ago, still waits for the manager's check-in.
    assert {a.label for a in overdue} >= {"Luca Moretti · Anna Ricci", "Sam Patel · Helen Clarke"}
    assert all(a.side == "manager" and a.days is not None and a.days >= days for a in overdue)
    assert not [a for a in today.attention if a.kind == "stalled_pair"]  # every pair met three weeks ago

    later = desks.hr.dashboard("hr.laura", today=date.today() + timedelta(weeks=10))
    stalled = [a for a in later.attention if a.kind == "stalled_pair"]
    assert {a.label for a in stalled} == {p.label for p in later.pairs}
    assert all(a.weeks is not None and a.weeks >= 10 and not a.never_held for a in stalled)
    assert later.attention[: len(stalled)] == stalled  # stalled pairs first

    english, italian = unescape(attention_list(later, "en")), unescape(attention_list(later, "it"))
    assert "Needs attention" in english
    assert "Luca Moretti · Anna Ricci: no session held for 1" in english  # "13 weeks"
    assert re.search(r"the manager's check-in for session \d+ is missing, \d+ days after the session", english)
    assert "Da seguire" in italian
    assert re.search(r"Luca Moretti · Anna Ricci: nessuna sessione svolta da \d+ settimane", italian)
    assert re.search(r"manca il check-in del manager per la sessione \d+, a \d+ giorni dalla sessione", italian)
    for english_word in ("weeks", "days", "session", "missing", "Needs"):
        assert not re.search(rf"\b{english_word}\b", re.sub(r"<[^>]+>", " ", italian)), english_word


def test_the_stalled_threshold_is_a_setting(desks: Desks, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COMPANION_STALLED_AFTER_WEEKS", "2")
    monkeypatch.setenv("COMPANION_CHECK_IN_OVERDUE_DAYS", "60")
    settings = Settings(_env_file=None)
    assert (settings.stalled_after_weeks, settings.check_in_overdue_days) == (2, 60)
    monkeypatch.setattr(
        desks.hr.services,
        "settings",
        desks.hr.services.settings.model_copy(
            update=settings.model_dump(include={"stalled_after_weeks", "check_in_overdue_days"})
        ),
    )
    board = desks.hr.dashboard("hr.laura", today=date.today())  # at noon: the demo's pairs met 21 days ago
    stalled = {a.label: a.weeks for a in board.attention if a.kind == "stalled_pair"}
    assert stalled == {p.label: 3 for p in board.pairs}
    assert not [a for a in board.attention if a.kind == "overdue_check_in"]  # none is 60 days late
    assert "2 weeks or more" in attention_list(board, "en")
    assert "da 2 settimane o più" in attention_list(board, "it")
