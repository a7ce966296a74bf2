"""The pair's journey from a terminal (issue 11), with the same access rules as the web app: `--as USER` acts as
that account. Registered from companion/cli.py:

    companion pairs list --as USER --json
    companion sessions list --pair ID --as USER --json
    companion sessions schedule --pair ID --number N --at ISO_DATETIME [--tz ZONE] [--place TEXT] --as USER --json
    companion sessions move --session ID --at ISO_DATETIME [--tz ZONE] [--place TEXT] --as USER --json
    companion sessions cancel --session ID --as USER --json
    companion sessions held --session ID [--rating 1-5] [--note TEXT] [--change TEXT] [--share] --as USER --json
    companion plan --pair ID --as USER --json          (the next session's plan from the stored history)
    companion reminders [--send] --as USER [--json]

Exit codes: 0 done, 1 the planner could not plan, 2 refused (access, not found, bad input)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from companion.store.access import AccessDenied, Actor, NotFound
from companion.store.programme import InvalidInput, Programme
from companion.store.views import SessionView

log = logging.getLogger(__name__)


def _fail(message: str, code: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _programme() -> Programme:
    from companion.cli import _services

    return _services(ready=False).programme


def _as(args: argparse.Namespace, run: Callable[[Programme, Actor], int]) -> int:
    """Run a command as the --as user; refusals become a clear message and exit code 2."""
    programme = _programme()
    try:
        return run(programme, programme.actor(args.as_user))
    except (AccessDenied, NotFound, InvalidInput) as exc:
        log.info("cli refused for %s: %s", args.as_user, exc)
        return _fail(str(exc))


def _print(value: Any, args: argparse.Namespace, text: str) -> int:
    print(json.dumps(value, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def _when(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidInput(f"{value!r} is not an ISO date and time such as 2026-03-30T17:00") from exc


def session_json(session: SessionView) -> dict[str, Any]:
    return {
        "id": session.id,
        "number": session.number,
        "status": session.status,
        "starts_at": session.starts_at.isoformat() if session.starts_at else None,
        "topics": session.topics,
        "check_ins": [
            {
                "by": c.author,
                "side": c.side,
                "usefulness": c.usefulness,
                "learned": c.learned,
                "change": c.change,
                "shared": c.shared,
            }
            for c in session.check_ins
        ],
    }


def _session_line(s: SessionView) -> str:
    when = s.starts_at.isoformat() if s.starts_at else "-"
    return f"session {s.number} (id {s.id}): {s.status}, {when}, {', '.join(s.topics) or '-'}"


# ---- commands ---------------------------------------------------------------------------------------------


def cmd_pairs_list(args: argparse.Namespace) -> int:
    def run(programme: Programme, actor: Actor) -> int:
        rows = [
            {
                "id": p.id,
                "mentor": p.mentor.username,
                "manager": p.manager.username,
                "language": p.language,
                "next_session_number": programme.next_session_number(actor, p.id),
                "total_sessions": p.total_sessions,
            }
            for p in programme.pairs(actor)
        ]
        text = "\n".join(
            f"{r['id']}: {r['mentor']} & {r['manager']} ({r['language']}), next session {r['next_session_number']}"
            f" of {r['total_sessions']}"
            for r in rows
        )
        return _print(rows, args, text or "no pairs")

    return _as(args, run)


def cmd_sessions_list(args: argparse.Namespace) -> int:
    def run(programme: Programme, actor: Actor) -> int:
        sessions = programme.sessions(actor, args.pair)
        return _print(
            [session_json(s) for s in sessions], args, "\n".join(map(_session_line, sessions)) or "no sessions"
        )

    return _as(args, run)


def cmd_sessions_schedule(args: argparse.Namespace) -> int:
    def run(programme: Programme, actor: Actor) -> int:
        session = programme.schedule_session(actor, args.pair, args.number, _when(args.at), args.tz, args.place or "")
        return _print(session_json(session), args, _session_line(session))

    return _as(args, run)


def cmd_sessions_move(args: argparse.Namespace) -> int:
    def run(programme: Programme, actor: Actor) -> int:
        session = programme.move_session(actor, args.session, _when(args.at), args.tz, args.place)
        return _print(session_json(session), args, _session_line(session))

    return _as(args, run)


def cmd_sessions_cancel(args: argparse.Namespace) -> int:
    def run(programme: Programme, actor: Actor) -> int:
        session = programme.cancel_session(actor, args.session)
        return _print(session_json(session), args, _session_line(session))

    return _as(args, run)


def cmd_sessions_held(args: argparse.Namespace) -> int:
    """Mark the session held and, with --rating, record the user's own check-in in the same command."""

    def run(programme: Programme, actor: Actor) -> int:
        if args.rating is None and (args.note or args.change):
            raise InvalidInput("a check-in needs --rating 1-5")
        session = programme.mark_held(actor, args.session)
        if args.rating is not None:
            programme.check_in(actor, args.session, args.rating, args.note or "", args.change or "", args.share)
            session = next(s for s in programme.sessions(actor, session.pair_id) if s.id == args.session)
        return _print(session_json(session), args, _session_line(session))

    return _as(args, run)


def cmd_plan_pair(args: argparse.Namespace) -> int:
    """The next session's plan from the pair's stored history (`companion plan --pair ID --as USER`)."""
    from companion.cli import _services
    from companion.history_planning import plan_next_session, profile_for
    from companion.i18n import t
    from companion.planner import PlanningError
    from companion.rendering import result_markdown

    if not args.as_user:
        return _fail("--pair needs --as USER: plans are made as a member of the pair")
    services = _services()
    programme = services.programme
    try:
        actor = programme.actor(args.as_user)
        pair = programme.pair(actor, args.pair)
        history = programme.pair_history(actor, args.pair)
    except (AccessDenied, NotFound, InvalidInput) as exc:
        return _fail(str(exc))
    try:
        plan = plan_next_session(services.planner, profile_for(pair, history), history)
    except PlanningError as exc:
        return _fail(t(pair.language, exc.key), code=1)
    if args.json:
        print(plan.model_dump_json(indent=2))
    else:
        print(result_markdown(plan))
        print("\n".join(f"- {fact}" for fact in plan.based_on.facts))
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    """What is waiting for the user (members) or HR's nudges; --send e-mails everyone (admin or HR)."""
    from companion.config import Settings
    from companion.reminders import reminder_lines, reminders_for, send_reminders

    settings = Settings()

    def run(programme: Programme, actor: Actor) -> int:
        if args.send:
            sent = send_reminders(programme, actor, settings)
            return _print({"sent": sent}, args, f"sent {sent} e-mail(s)")
        if args.json:
            return _print([r.model_dump(mode="json") for r in reminders_for(programme, actor, settings)], args, "")
        return _print(None, args, "\n".join(reminder_lines(programme, actor, settings)) or "nothing is waiting")

    return _as(args, run)


# ---- registration -----------------------------------------------------------------------------------------


def _as_user(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_user", required=True, help="act as this user, through the app's rules")
    parser.add_argument("--json", action="store_true")


def register(sub: Any, pairs_sub: Any) -> None:
    """Add the journey's commands to the root parser's subcommands and to `companion pairs`."""
    listing = pairs_sub.add_parser("list", help="the pairs the user may see, with their next session number")
    _as_user(listing)
    listing.set_defaults(run=cmd_pairs_list)

    sessions = sub.add_parser("sessions", help="a pair's sessions: list, schedule, move, cancel, mark held")
    sessions_sub = sessions.add_subparsers(dest="sessions_command", required=True)

    listed = sessions_sub.add_parser("list", help="the pair's sessions with the check-ins the user may see")
    listed.add_argument("--pair", type=int, required=True)
    _as_user(listed)
    listed.set_defaults(run=cmd_sessions_list)

    schedule = sessions_sub.add_parser("schedule", help="put a session in the calendar")
    schedule.add_argument("--pair", type=int, required=True)
    schedule.add_argument("--number", type=int, required=True)
    schedule.add_argument("--at", required=True, help="ISO date and time, e.g. 2026-03-30T17:00 (local to --tz)")
    schedule.add_argument("--tz", default="UTC", help="IANA time zone, e.g. Europe/Rome (default UTC)")
    schedule.add_argument("--place", help="a room or a meeting link")
    _as_user(schedule)
    schedule.set_defaults(run=cmd_sessions_schedule)

    move = sessions_sub.add_parser("move", help="a new date and time for a session not held yet")
    move.add_argument("--session", type=int, required=True)
    move.add_argument("--at", required=True)
    move.add_argument("--tz", help="IANA time zone (default: the session's)")
    move.add_argument("--place")
    _as_user(move)
    move.set_defaults(run=cmd_sessions_move)

    cancel = sessions_sub.add_parser("cancel", help="cancel a session not held yet")
    cancel.add_argument("--session", type=int, required=True)
    _as_user(cancel)
    cancel.set_defaults(run=cmd_sessions_cancel)

    held = sessions_sub.add_parser("held", help="mark a session held; with --rating, your one-minute check-in")
    held.add_argument("--session", type=int, required=True)
    held.add_argument("--rating", type=int, choices=range(1, 6), metavar="1-5", help="how useful it was")
    held.add_argument("--note", help="one thing learned (manager) or taught (mentor)")
    held.add_argument("--change", help="one thing to change next time")
    held.add_argument("--share", action="store_true", help="share the check-in with the other member")
    _as_user(held)
    held.set_defaults(run=cmd_sessions_held)

    reminders = sub.add_parser("reminders", help="what is waiting for the user; --send e-mails everyone")
    reminders.add_argument("--send", action="store_true", help="send the e-mails (COMPANION_SMTP_URL; admin or HR)")
    _as_user(reminders)
    reminders.set_defaults(run=cmd_reminders)
