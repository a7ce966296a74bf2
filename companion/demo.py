"""`companion demo`: a realistic programme to try the app with: pairs in both languages, sessions held and
planned, notes, a journal, exercises done and open, curricula approved, submitted and sent back.
Safe to run twice: what exists is left as it is."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from pydantic import BaseModel

from companion.domain import PairProfile
from companion.planner import Planner
from companion.store.access import NotFound
from companion.store.programme import Programme

log = logging.getLogger(__name__)


class DemoAccount(BaseModel):
    username: str
    role: str
    password: str
    display_name: str


ACCOUNTS = [
    DemoAccount(username="admin", role="admin", password="admin-demo-2026", display_name="Programme admin"),
    DemoAccount(username="hr.laura", role="hr", password="laura-demo-2026", display_name="Laura Conti"),
    DemoAccount(username="giulia", role="mentor", password="giulia-demo-2026", display_name="Giulia Ferri"),
    DemoAccount(username="marco", role="manager", password="marco-demo-2026", display_name="Marco Bellini"),
    DemoAccount(username="sam", role="mentor", password="sam-demo-2026", display_name="Sam Patel"),
    DemoAccount(username="helen", role="manager", password="helen-demo-2026", display_name="Helen Clarke"),
    DemoAccount(username="luca", role="mentor", password="luca-demo-2026", display_name="Luca Moretti"),
    DemoAccount(username="anna", role="manager", password="anna-demo-2026", display_name="Anna Ricci"),
]

PAIRS = [
    # mentor, manager, language, goals, sessions held, curriculum status after review
    (
        "giulia",
        "marco",
        "it",
        "riconoscere il phishing, usare LinkedIn e l'intelligenza artificiale generativa",
        3,
        "approved",
    ),
    ("sam", "helen", "en", "spot phishing, run better hybrid meetings and build pivot tables", 2, "submitted"),
    ("luca", "anna", "it", "fogli di calcolo per il budget e grafici per il consiglio", 1, "changes_requested"),
]


def load_demo(programme: Programme, planner: Planner, today: date | None = None) -> list[DemoAccount]:
    today = today or date.today()
    existing = programme.has_users()
    for account in ACCOUNTS:
        try:
            programme.actor(account.username)
        except NotFound:
            programme.create_user(
                None,
                account.username,
                account.display_name,
                account.role,
                account.password,
                language="it" if account.username in ("giulia", "marco", "luca", "anna") else "en",
            )
    if existing:  # the programme was loaded before: keep what people changed since
        return ACCOUNTS
    hr = programme.actor("hr.laura")
    for mentor_name, manager_name, lang, goals, held, review in PAIRS:
        pair = programme.create_pair(None, mentor_name, manager_name, goals=goals, language=lang)
        mentor, manager = programme.actor(mentor_name), programme.actor(manager_name)
        programme.set_assessment(
            manager,
            pair.id,
            "before",
            {"1.1": "foundation", "2.6": "not-yet", "4.2": "not-yet", "1.3": "foundation", "5.4": "intermediate"},
        )
        curriculum = planner.curriculum(PairProfile(language=lang, goals=goals), pair.total_sessions)
        previous: list[str] = []
        for number in range(1, held + 2):
            day = today - timedelta(weeks=pair.cadence_weeks * (held - number + 1))
            profile = PairProfile(
                language=lang,
                goals=goals,
                session_number=number,
                session_minutes=pair.session_minutes,
                total_sessions=pair.total_sessions,
            )
            profile.previous_topics = previous
            plan = planner.plan_session(profile)
            previous += [t.slug for t in plan.topics if t.slug not in previous]
            if number > held:  # the next one: planned and in the calendar, at 17:00 in the pair's time zone
                programme.record_session(mentor, pair.id, number, plan=plan)
                programme.schedule_session(
                    mentor,
                    pair.id,
                    number,
                    datetime.combine(today + timedelta(days=4 + pair.id), time(17)),
                    ZONES[lang],
                    _text(lang, "place", number),
                )
                continue
            record = programme.record_session(mentor, pair.id, number, day, plan, "held")
            programme.add_note(mentor, record.id, _text(lang, "mentor_note", number), shared=False)
            programme.add_note(manager, record.id, _text(lang, "shared_note", number), shared=True)
            exercises = programme.assign_exercises(mentor, pair.id, plan.exercises[:1], record.id)
            if number < held:
                programme.complete_exercise(manager, exercises[0].id, _text(lang, "feedback", number))
            programme.check_in(
                mentor, record.id, 4, _text(lang, "taught", number), _text(lang, "mentor_change", number), shared=True
            )
            if number < held:  # the last session's check-in is still waiting for the manager
                slow = number == held - 1
                programme.check_in(
                    manager,
                    record.id,
                    3 if slow else 5,
                    _text(lang, "learned", number),
                    _text(lang, "too_fast" if slow else "manager_change", number),
                    shared=True,
                )
        programme.add_journal_entry(manager, pair.id, _text(lang, "journal", 1), shared=False)
        programme.add_journal_entry(manager, pair.id, _text(lang, "journal_shared", 2), shared=True)
        version = programme.submit_curriculum(mentor, pair.id, curriculum)
        if review == "approved":
            programme.review_curriculum(hr, version.id, approve=True, comment=_text(lang, "approved", 0))
        elif review == "changes_requested":
            programme.review_curriculum(hr, version.id, approve=False, comment=_text(lang, "changes", 0))
    log.info("demo programme loaded: %d pairs", len(PAIRS))
    return ACCOUNTS


ZONES = {"en": "Europe/London", "it": "Europe/Rome"}


_TEXTS = {
    "en": {
        "mentor_note": "Session {n}: she learns fastest when she drives; next time I keep my hands off the keyboard.",
        "shared_note": "Session {n}: agreed to try the exercise before Friday and bring one real example.",
        "feedback": "Done in twenty minutes; the second step was the useful one.",
        "journal": "I was more nervous about asking basic questions than I expected.",
        "journal_shared": "Sharing this one: the team noticed I now report suspicious emails first.",
        "approved": "Approved: good balance of security and collaboration topics.",
        "changes": "Please add a session on data visualisation before the closing session.",
        "place": "Meeting room 2 or https://meet.example.com/pair-{n}",
        "taught": "How to check where a link really goes before clicking.",
        "mentor_change": "Leave more time for her own examples.",
        "learned": "I can now spot a fake sender address.",
        "manager_change": "Keep the hands-on part; it is what sticks.",
        "too_fast": "The pace was too fast for me: fewer things, more time to try them.",
    },
    "it": {
        "mentor_note": (
            "Sessione {n}: impara più in fretta quando è lui a usare il computer; "
            "la prossima volta tengo le mani lontane dalla tastiera."
        ),
        "shared_note": "Sessione {n}: concordato di provare l'esercizio entro venerdì e di portare un esempio reale.",
        "feedback": "Fatto in venti minuti; il secondo passo è stato il più utile.",
        "journal": "Avevo più timore del previsto a fare domande semplici.",
        "journal_shared": "Lo condivido: il gruppo ha notato che ora segnalo per primo le email sospette.",
        "approved": "Approvato: buon equilibrio tra sicurezza e collaborazione.",
        "changes": "Aggiungete una sessione sui grafici prima della sessione di chiusura.",
        "place": "Sala riunioni 2 o https://meet.example.com/coppia-{n}",
        "taught": "Come controllare dove porta davvero un link prima di cliccare.",
        "mentor_change": "Lasciare più tempo ai suoi esempi.",
        "learned": "Ora riconosco un mittente falso.",
        "manager_change": "Tenere la parte pratica: è quella che resta.",
        "too_fast": "Il ritmo era troppo veloce per me: meno cose e più tempo per provarle.",
    },
}


def _text(lang: str, key: str, number: int) -> str:
    return _TEXTS[lang][key].format(n=number)
