"""`companion chat [--json] [--today YYYY-MM-DD]` and `companion eval-chat`: the chat from a terminal.

`chat --json` reads `{"language", "pair": {"goals"?, "session_minutes"?, "session_number"?, "total_sessions"?},
"messages": [str, ...]}` from stdin and prints a JSON list, one object per message, in order:
`{"intent", "kind": "result|question|error", "text", "date": "YYYY-MM-DD"|null, "result": <the matching
command's --json output>|null}`. Without --json it prints a readable transcript.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from companion.domain import Language


class ChatInput(BaseModel):
    language: Language = "en"
    pair: dict[str, Any] = Field(default_factory=dict)
    messages: list[str]


def _today(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise SystemExit(_fail(f"--today: {value!r} is not a date YYYY-MM-DD")) from exc


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_chat(args: argparse.Namespace) -> int:
    from companion.chat.evaluation import PairSeed, seed_state
    from companion.chat.setup import conversation_for
    from companion.cli import _services
    from companion.rendering import result_markdown

    try:
        request = ChatInput.model_validate_json(sys.stdin.read())
        pair = PairSeed.model_validate(request.pair)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "input"
        return _fail(f"stdin: {where}: {first['msg']}")
    today = _today(args.today)
    conversation = conversation_for(_services())
    state = seed_state(request.language, pair)
    out = []
    for message in request.messages:
        reply = conversation.reply(message, state, today)
        state = reply.state
        out.append(
            {
                "intent": reply.intent,
                "kind": reply.kind,
                "text": reply.text or reply.line,
                "date": state.date.isoformat() if state.date else None,
                "result": json.loads(reply.result.model_dump_json()) if reply.result else None,
            }
        )
        if not args.json:
            print(f"> {message}")
            if reply.line:
                print(f"  [{reply.line}]")
            if reply.text:
                print(reply.text)
            if reply.result:
                print(result_markdown(reply.result))
            print()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def cmd_eval_chat(args: argparse.Namespace) -> int:
    from companion.chat.evaluation import DEFAULT_CHAT_DATASET, as_table, evaluate_chat, load_dialogues
    from companion.chat.setup import conversation_for
    from companion.cli import _services

    try:
        dialogues = load_dialogues(Path(args.dataset) if args.dataset else DEFAULT_CHAT_DATASET)
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    misses: list[str] = []
    report = evaluate_chat(conversation_for(_services()), dialogues, misses)
    print(json.dumps(report, indent=2) if args.json else as_table(report))
    if args.misses:
        for miss in misses:
            print(f"miss {miss}", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    """Add `chat` and `eval-chat` to the CLI's subcommands."""
    chat = sub.add_parser("chat", help="run chat messages (JSON on stdin) through the chat, as the web app does")
    chat.add_argument("--json", action="store_true")
    chat.add_argument("--today", help="the date relative days count from (YYYY-MM-DD; default: today)")
    chat.set_defaults(run=cmd_chat)

    evaluation = sub.add_parser("eval-chat", help="chat understanding on labelled conversations")
    evaluation.add_argument("--dataset", help="JSON lines, one conversation each; default: tests/chat/devset.jsonl")
    evaluation.add_argument("--json", action="store_true")
    evaluation.add_argument("--misses", action="store_true", help="list every missed label (stderr)")
    evaluation.set_defaults(run=cmd_eval_chat)
