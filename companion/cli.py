"""`companion ingest | search | plan | serve | validate`: the engine from a terminal, with --json for tools.
The pair's journey (pairs list, sessions, plan --pair, reminders) lives in companion/cli_journey.py."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import cast, get_args

from pydantic import ValidationError

from companion.domain import LANGUAGES, LEVELS, ROLES, Audience, ExportFormat, Kind, Language, PairProfile
from companion.logs import configure_logging


def _services(ready: bool = True):
    """The engine; with `ready`, an empty index is built first (the library ships unindexed)."""
    from companion.services import Services

    services = Services()
    if ready and services.index_is_empty():
        from companion.progress import terminal_progress

        print("The knowledge index is empty: building it once (about three minutes)...", file=sys.stderr)
        with terminal_progress() as progress:
            report = services.ingest(progress)
        for error in report.errors:
            print(f"error: {error}", file=sys.stderr)
    return services


def cmd_ingest(args: argparse.Namespace) -> int:
    from companion.progress import terminal_progress

    services = _services(ready=False)
    started = time.perf_counter()
    with terminal_progress(quiet=args.quiet) as progress:
        if args.paths:  # company documents; the library itself is always knowledge/
            report = services.add_documents([Path(p) for p in args.paths], progress)
        else:
            report = services.ingest(progress)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged; {report.chunks_written} chunks embedded, {report.chunks_total} in the index "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0 if report.ok else 1


def cmd_search(args: argparse.Namespace) -> int:
    from companion.retrieval.search import Filters

    hits = _services().searcher.search(
        args.query,
        k=args.k,
        filters=Filters(lang=args.lang, kind=args.kind, topic=args.topic, audience=args.audience, level=args.level),
    )
    if args.json:
        print(json.dumps([hit.model_dump(exclude={"heading"}) for hit in hits], ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(f"{hit.score:.3f}  [{hit.lang}]  {hit.id}  ({hit.source})")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    if args.pair is not None:
        from companion.cli_journey import cmd_plan_pair

        return cmd_plan_pair(args)
    profile = _read_profile(args.profile)
    return _run_use_case(args, profile.language, lambda planner: planner.plan_session(profile))


def _run_use_case(args: argparse.Namespace, language: str, call) -> int:
    """Run a use case; print its JSON or Markdown; turn a request it cannot serve into a clear error."""
    from companion.i18n import t
    from companion.planner import PlanningError
    from companion.rendering import result_markdown

    try:
        result = call(_services().planner)
    except PlanningError as exc:
        print(f"error: {t(cast(Language, language), exc.key)}", file=sys.stderr)
        return 1
    print(result.model_dump_json(indent=2) if args.json else result_markdown(result))
    return 0


def _read_profile(path: str) -> PairProfile:
    try:
        return PairProfile.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SystemExit(_fail(f"cannot read {path}: {exc.strerror}")) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "profile"
        raise SystemExit(_fail(f"{path}: {where}: {first['msg']}")) from exc


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_exercises(args: argparse.Namespace) -> int:
    return _run_use_case(
        args,
        args.lang,
        lambda planner: planner.follow_up_exercises(
            args.lang,
            goals=args.goals or "",
            level=args.level,
            topics=args.topic or None,
            max_minutes=args.minutes,
        ),
    )


def cmd_topics(args: argparse.Namespace) -> int:
    assessment = {}
    if args.self_assessment:
        try:
            assessment = json.loads(Path(args.self_assessment).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return _fail(f"cannot read {args.self_assessment}: {exc}")
    return _run_use_case(
        args,
        args.lang,
        lambda planner: planner.suggest_topics(
            args.lang,
            goals=args.goals or "",
            self_assessment=assessment,
            limit=args.limit,
        ),
    )


def cmd_curriculum(args: argparse.Namespace) -> int:
    profile = _read_profile(args.profile)
    return _run_use_case(args, profile.language, lambda planner: planner.curriculum(profile, args.sessions))


def cmd_ask(args: argparse.Namespace) -> int:
    return _run_use_case(args, args.lang, lambda planner: planner.answer(args.question, args.lang))


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    return getpass.getpass(f"Password for {args.username}: ")


def cmd_users_add(args: argparse.Namespace) -> int:
    """Run on the server by whoever administers it: creates the account directly (the first admin too)."""
    from companion.store.programme import InvalidInput

    try:
        user = _services(ready=False).programme.create_user(
            None, args.username, args.name or args.username, args.role, _password(args), args.language
        )
    except (InvalidInput, ValueError) as exc:
        return _fail(str(exc))
    print(f"created {user.username} ({user.role})")
    return 0


def cmd_pairs_import(args: argparse.Namespace) -> int:
    from companion.store.importer import import_pairs

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"cannot read {args.file}: {exc}")
    result = import_pairs(_services(ready=False).programme, text)
    for error in result.errors:
        print(f"error: {args.file}, line {error.row}: {error.message}", file=sys.stderr)
    if result.errors:
        print("nothing was imported", file=sys.stderr)
        return 1
    print(f"imported {result.imported} pair(s)")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from companion.demo import load_demo

    services = _services(ready=False)
    if args.if_empty and services.programme.has_users():
        print("Accounts exist already: the demo programme was not loaded.")
        return 0
    services = _services()  # the demo plans its sessions: the index must be there
    accounts = load_demo(services.programme, services.planner)
    print("Demo accounts (user name, role, password):")
    for account in accounts:
        print(f"  {account.username:<10} {account.role:<8} {account.password}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Exports act as a user (--as) so the engine's access rules apply on the command line too."""
    from datetime import date

    from companion.domain import Curriculum
    from companion.exports import curriculum_ics, overview_csv, session_ics, session_markdown
    from companion.rendering import result_markdown
    from companion.store.access import AccessDenied, NotFound

    programme = _services(ready=False).programme
    try:
        actor = programme.actor(args.as_user)
        if args.what == "overview":
            print(overview_csv(programme.overview(actor)), end="")
            return 0
        pair = programme.pair(actor, args.pair)
        if args.what == "curriculum":
            version = (
                programme.approved_curriculum(actor, args.pair) or (programme.curricula(actor, args.pair) or [None])[-1]
            )
            if version is None:
                return _fail(f"pair {args.pair} has no curriculum yet")
            curriculum = Curriculum.model_validate(version.content)
            print(
                curriculum_ics(pair, curriculum, date.today()) if args.format == "ics" else result_markdown(curriculum),
                end="",
            )
            return 0
        session = next((s for s in programme.sessions(actor, args.pair) if s.number == args.session), None)
        if session is None or not session.generated_plan:  # staff get sessions without plans: the pair's only
            return _fail(f"pair {args.pair} has no plan for session {args.session} that you can see")
        print(session_ics(pair, session) if args.format == "ics" else session_markdown(session), end="")
        return 0
    except (AccessDenied, NotFound) as exc:
        return _fail(str(exc))


def cmd_serve(args: argparse.Namespace) -> int:
    from companion.ui.app import launch

    launch(_services(), host=args.host, port=args.port)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from collections import Counter

    from companion.knowledge.stats import library_stats

    services = _services()
    stats = library_stats(services.library)
    chunks = Counter(m["lang"] for m in services.store.get(include=["metadatas"])["metadatas"])
    result = {lang: {**s.model_dump(), "chunks": chunks.get(lang, 0)} for lang, s in stats.items()}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for lang, row in result.items():
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(row["by_kind"].items()))
            print(f"{lang}: {row['documents']} documents ({kinds}), {row['words']} words, {row['chunks']} chunks")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from companion.evaluation import DEFAULT_DATASET, as_json, as_table, evaluate, load_dataset, misses

    try:
        queries = load_dataset(Path(args.dataset) if args.dataset else DEFAULT_DATASET)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    searcher = _services().searcher
    result = evaluate(searcher, queries)
    print(as_json(result) if args.json else as_table(result))
    if args.misses:
        for query, hits in misses(searcher, queries):
            print(f"miss [{query.lang}] {query.q!r} wants {query.topics}; got {[h.id for h in hits]}", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from companion.knowledge.validate import main

    return main(args.files)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="companion", description="The reverse-mentoring session companion.")
    sub = root.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser(
        "ingest", help="update the library index (only changed cards are embedded); with PATHs, add company documents"
    )
    ingest.add_argument("paths", nargs="*", metavar="PATH", help=".md, .txt, .pdf or .docx company documents")
    ingest.add_argument("--quiet", action="store_true")
    ingest.set_defaults(run=cmd_ingest)

    search = sub.add_parser("search", help="search the knowledge base")
    search.add_argument("query")
    search.add_argument("--lang", choices=LANGUAGES)
    search.add_argument("--kind", choices=get_args(Kind))
    search.add_argument("--topic", help="a topic slug from knowledge/topics.yaml")
    search.add_argument("--audience", choices=get_args(Audience))
    search.add_argument("--level", choices=LEVELS)
    search.add_argument("--k", type=int, default=5)
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=cmd_search)

    plan = sub.add_parser("plan", help="plan a session from a pair profile (JSON file) or a pair's stored history")
    source = plan.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile")
    source.add_argument("--pair", type=int, help="the pair's next session from its history (with --as USER)")
    plan.add_argument("--as", dest="as_user", help="with --pair: the member planning, through the app's rules")
    plan.add_argument("--json", action="store_true")
    plan.set_defaults(run=cmd_plan)

    exercises = sub.add_parser("exercises", help="follow-up exercises for the manager")
    exercises.add_argument("--goals", help="what the manager is working on")
    exercises.add_argument("--topic", action="append", help="a topic slug (repeatable) instead of goals")
    exercises.add_argument("--level", choices=LEVELS, default="foundation")
    exercises.add_argument("--minutes", type=int, help="time available per exercise")
    exercises.add_argument("--lang", choices=LANGUAGES, default="en")
    exercises.add_argument("--json", action="store_true")
    exercises.set_defaults(run=cmd_exercises)

    topics = sub.add_parser("topics", help="suggest topics from goals and/or a DigComp self-assessment")
    topics.add_argument("--goals")
    topics.add_argument("--self-assessment", help='JSON file {"4.2": "not-yet", "1.1": "intermediate", ...}')
    topics.add_argument("--limit", type=int, default=3)
    topics.add_argument("--lang", choices=LANGUAGES, default="en")
    topics.add_argument("--json", action="store_true")
    topics.set_defaults(run=cmd_topics)

    curriculum = sub.add_parser("curriculum", help="a curriculum from first meeting to closing, for HR review")
    curriculum.add_argument("--profile", required=True)
    curriculum.add_argument("--sessions", type=int, help="default: the profile's total_sessions (6)")
    curriculum.add_argument("--json", action="store_true")
    curriculum.set_defaults(run=cmd_curriculum)

    ask = sub.add_parser("ask", help="answer a question from the knowledge base, with sources")
    ask.add_argument("question")
    ask.add_argument("--lang", choices=LANGUAGES, default="en")
    ask.add_argument("--json", action="store_true")
    ask.set_defaults(run=cmd_ask)

    users = sub.add_parser("users", help="manage accounts (run on the server)")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="create an account; the password is asked for (or read from stdin)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", help="display name")
    add.add_argument("--language", choices=LANGUAGES, default="en")
    add.add_argument("--password-stdin", action="store_true")
    add.set_defaults(run=cmd_users_add)

    pairs = sub.add_parser("pairs", help="pairs of mentor and manager")
    pairs_sub = pairs.add_subparsers(dest="pairs_command", required=True)
    imp = pairs_sub.add_parser("import", help="import pairs from CSV (all rows or none)")
    imp.add_argument(
        "file", help="columns: mentor, manager[, goals, language, cadence_weeks, session_minutes, total_sessions]"
    )
    imp.set_defaults(run=cmd_pairs_import)

    from companion.cli_journey import register as register_journey

    register_journey(sub, pairs_sub)  # pairs list, sessions ..., reminders (companion/cli_journey.py)

    demo = sub.add_parser("demo", help="load a demo programme and print its accounts (safe to run twice)")
    demo.add_argument("--if-empty", action="store_true", help="only when the database has no accounts yet")
    demo.set_defaults(run=cmd_demo)

    export = sub.add_parser("export", help="a curriculum or session plan (Markdown or .ics), or HR's overview (CSV)")
    export.add_argument("what", choices=["curriculum", "session", "overview"])
    export.add_argument("--as", dest="as_user", required=True, help="the user the export is made for")
    export.add_argument("--pair", type=int)
    export.add_argument("--session", type=int, default=1)
    export.add_argument("--format", choices=get_args(ExportFormat), default="md")
    export.set_defaults(run=cmd_export)

    serve = sub.add_parser("serve", help="start the web app")
    serve.add_argument("--host", default=None, help="default: GRADIO_SERVER_NAME or 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: GRADIO_SERVER_PORT or 7860")
    serve.set_defaults(run=cmd_serve)

    evaluation = sub.add_parser("eval", help="retrieval quality on a labelled dataset, ours vs dense-only")
    evaluation.add_argument("--dataset", help="JSON lines {q, lang, topics}; default: the bundled dev set")
    evaluation.add_argument("--json", action="store_true")
    evaluation.add_argument("--misses", action="store_true", help="list the queries missed in the top 5 (stderr)")
    evaluation.set_defaults(run=cmd_eval)

    stats = sub.add_parser("stats", help="corpus size per language: documents, words, indexed chunks")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(run=cmd_stats)

    from companion.cli_chat import register as register_chat

    register_chat(sub)

    validate = sub.add_parser("validate", help="check knowledge cards against knowledge/README.md")
    validate.add_argument("files", nargs="*")
    validate.set_defaults(run=cmd_validate)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    configure_logging(os.environ.get("COMPANION_LOG_LEVEL", "WARNING"))  # stdout stays the command's output
    if getattr(args, "k", 1) < 1:
        parser().error("--k must be at least 1")
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
