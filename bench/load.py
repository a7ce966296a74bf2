"""Load and soak against the real served app: `python -m bench.load [--users 50] [--turns 3] [--soak-minutes 10]`.

The app (sign-in page, guard, Gradio workspaces; offline backend) runs in a child process on 127.0.0.1 over a
private copy of the index and a fresh SQLite programme with one mentor/manager pair per simulated user. Each
user signs in through the real POST /login, then chats through Gradio's queue over HTTP (POST
/gradio_api/queue/join, then the SSE stream /gradio_api/queue/data) exactly as the browser does; a turn is timed
from the join to `process_completed`. In the same run:

- baseline: one user alone, `--turns` turns;
- load: `--users` users at once, `--turns` turns each (a think time between turns is optional);
- soak (with --soak-minutes): the users chat without pause for that long, starting a new conversation (a new
  Gradio session, as a reload does) every 10 turns, while the server's RSS is sampled every 5 s.

Everything is bounded: request timeouts, an overall deadline per phase, and the child is stopped at the end.
Results are printed as a Markdown table and written to bench/results/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from companion.config import REPO_ROOT

RESULTS = REPO_ROOT / "bench" / "results"
INDEX = REPO_ROOT / ".pytest_cache" / "companion-index"
PASSWORD = "load-test-password-2026"
CONVERSATION_TURNS = 10  # a user starts a new conversation (a new Gradio session) after this many turns
GOALS = [
    "spot phishing emails",
    "pivot tables for the monthly report",
    "usare LinkedIn per il personal branding",
    "write better prompts for ChatGPT",
    "run a better hybrid meeting",
    "proteggere gli account con l'autenticazione a due fattori",
]
# The four fixed messages of earlier runs (--same-messages): after the first round their query vectors come from
# the embedding cache, so those runs did not time the model.
MESSAGES = [
    "Session 2, 60 minutes: my manager wants to spot phishing emails",
    "Sessione 3, 45 minuti: vuole usare meglio LinkedIn",
    "Session 4, 90 minutes: pivot tables and charts for the board",
    "Sessione 2, 30 minuti: scrivere prompt migliori per l'IA generativa",
]
# By default every turn is a message not sent before in the run (10,240 of them, then they repeat), as with real
# users: each one is embedded.
NAMES = ("Marco", "Helen", "Paola", "Luca", "Anna", "Franco", "Sam", "Bea")
WANTS = {
    "en": (
        "spot phishing emails",
        "build pivot tables for the monthly report",
        "write better prompts for ChatGPT",
        "share the screen in Teams",
        "set up a password manager",
        "post on LinkedIn without oversharing",
        "check whether a viral story is true",
        "make a chart for the board",
    ),
    "it": (
        "riconoscere le email di phishing",
        "usare meglio LinkedIn",
        "fare tabelle pivot per il budget",
        "scrivere prompt migliori per ChatGPT",
        "condividere lo schermo su Teams",
        "attivare l'autenticazione a due fattori",
        "verificare una notizia virale",
        "preparare un grafico per il consiglio",
    ),
}
TEMPLATES = {
    "en": (
        "Session {number}, {minutes} minutes: {name} wants to {want}",
        "{minutes} min with {name} for session {number}, they'd like to {want}",
        "session {number} with {name} ({minutes} minutes): help them {want}",
        "Plan session {number} for {name}, {minutes} mins, they want to {want}",
    ),
    "it": (
        "Sessione {number}, {minutes} minuti: {name} vuole {want}",
        "{minutes} minuti con {name} per la sessione {number}, vorrebbe {want}",
        "sessione {number} con {name} ({minutes} minuti): aiutarla a {want}",
        "Prepara la sessione {number} per {name}, {minutes} minuti, vuole {want}",
    ),
}
MINUTES = (30, 45, 60, 90)
SESSION_NUMBERS = (2, 3, 4, 5, 6)


@dataclass
class MessageSource:
    """What the simulated users type: fresh messages (the default) or the four fixed ones."""

    same: bool = False
    sent: int = 0

    def next(self, user: int, done: int) -> str:
        if self.same:
            return MESSAGES[(user + done) % len(MESSAGES)]
        self.sent += 1
        return fresh_message(self.sent - 1)


def fresh_message(k: int) -> str:
    """The k-th message of the run, alternating languages; distinct for k below 10,240."""
    lang = ("en", "it")[k % 2]
    k //= 2
    k, name = divmod(k, len(NAMES))
    k, want = divmod(k, len(WANTS[lang]))
    k, minutes = divmod(k, len(MINUTES))
    k, number = divmod(k, len(SESSION_NUMBERS))
    template = TEMPLATES[lang][k % len(TEMPLATES[lang])]
    return template.format(
        number=SESSION_NUMBERS[number], minutes=MINUTES[minutes], name=NAMES[name], want=WANTS[lang][want]
    )


# ---------------------------------------------------------------- the server (child process)


def trace_memory(target: Path, every_s: float, frames: int = 6) -> None:
    """Child process, diagnosis: tracemalloc snapshots every `every_s` seconds, each compared with the first one
    taken after warm-up; the biggest growths (by traceback) are appended to `target`."""
    import threading
    import tracemalloc

    tracemalloc.start(frames)

    def snapshots() -> None:
        ignore = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen importlib*")]
        time.sleep(every_s)
        first = tracemalloc.take_snapshot().filter_traces(ignore)
        begun = time.monotonic()
        while True:
            time.sleep(every_s)
            snapshot = tracemalloc.take_snapshot().filter_traces(ignore)
            traced, _peak = tracemalloc.get_traced_memory()
            lines = [f"== after {time.monotonic() - begun:.0f} s: traced {traced / 2**20:.1f} MiB, RSS "
                     f"{rss_mb(os.getpid()):.0f} MiB"]  # fmt: skip
            for stat in snapshot.compare_to(first, "traceback")[:12]:
                lines.append(f"{stat.size_diff / 2**20:+.2f} MiB {stat.count_diff:+d} blocks")
                lines += [f"    {frame}" for frame in stat.traceback.format()[-2 * frames :]]
            with target.open("a", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")

    threading.Thread(target=snapshots, name="trace-memory", daemon=True).start()


def serve(data_dir: Path, port: int, concurrency: int | None) -> None:
    """Child process: the real app over `data_dir`, offline."""
    import uvicorn

    from companion.config import Settings
    from companion.logs import configure_logging
    from companion.services import Services
    from companion.ui.server import build_server

    settings = Settings(data_dir=data_dir, backend="offline")  # COMPANION_* variables apply (e.g. capacity)
    configure_logging("WARNING")
    services = Services(settings)
    services.warm_up()
    app = build_server(services) if concurrency is None else build_server(services, concurrency=concurrency)
    if os.environ.get("COMPANION_BENCH_TRACE_MEMORY"):  # from here on: the growth while serving is what matters
        trace_memory(Path(os.environ["COMPANION_BENCH_TRACE_MEMORY"]), 60.0)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", server_header=False)


def prepare(data_dir: Path, users: int) -> None:
    """A private index copy and a programme with one pair per simulated user."""
    from companion.config import Settings
    from companion.services import Services

    if not INDEX.exists():
        raise SystemExit(f"no index at {INDEX}: run the tests once (or `companion ingest`) first")
    shutil.copytree(INDEX, data_dir, dirs_exist_ok=True, ignore=shutil.ignore_patterns("companion.db*"))
    services = Services(Settings(data_dir=data_dir, backend="offline", _env_file=None))
    programme = services.programme
    for i in range(users):
        programme.create_user(None, f"mentor{i}", f"Mentor {i}", "mentor", PASSWORD)
        programme.create_user(None, f"manager{i}", f"Manager {i}", "manager", PASSWORD)
        programme.create_pair(None, f"mentor{i}", f"manager{i}", goals=GOALS[i % len(GOALS)])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ---------------------------------------------------------------- the users


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    first_update: list[float] = field(default_factory=list)
    bytes_per_turn: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    answered: list[bool] = field(default_factory=list)  # the answer was a plan (it has an agenda)


async def sign_in(url: str, username: str, timeout: float) -> httpx.AsyncClient:
    web = httpx.AsyncClient(base_url=url, timeout=timeout)
    answer = await web.post("/login", data={"username": username, "password": PASSWORD})
    answer.raise_for_status()
    return web


async def chat_fn_index(web: httpx.AsyncClient) -> int:
    config = (await web.get("/config")).json()
    return next(int(d["id"]) for d in config["dependencies"] if d.get("api_name") == "chat")


async def turn(web: httpx.AsyncClient, fn_index: int, session: str, message: str, history: list, out: Results) -> list:
    """One chat message through Gradio's queue; returns the chat history after the answer."""
    started = time.perf_counter()
    # inputs: message, chatbot, state (server-side: null), language, plan state (null), plan editor
    body = {"data": [message, history, None, "en", None, ""], "fn_index": fn_index, "session_hash": session}
    body |= {"event_data": None, "trigger_id": None}
    joined = await web.post("/gradio_api/queue/join", json=body)
    joined.raise_for_status()
    received, first = 0, None
    async with web.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        async for line in stream.aiter_lines():
            received += len(line)
            if not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event.get("msg") == "process_generating" and first is None:
                first = time.perf_counter() - started
            if event.get("msg") == "process_completed":
                output = event.get("output", {})
                if not event.get("success") or output.get("error"):
                    raise RuntimeError(f"failed: {output.get('error')}")
                out.latencies.append(time.perf_counter() - started)
                out.first_update.append(first if first is not None else out.latencies[-1])
                out.bytes_per_turn.append(received)
                history = list(output["data"][0] or [])
                last = str(history[-1].get("content", "")) if history else ""
                out.answered.append("Agenda" in last)
                return history
    raise RuntimeError("the stream ended without process_completed")


async def signed_in_user(url: str, n: int, out: Results, timeout: float) -> tuple[httpx.AsyncClient, int] | None:
    try:
        web = await sign_in(url, f"mentor{n}", timeout)
    except Exception as error:  # noqa: BLE001 - counted, the run goes on
        out.errors.append(f"sign-in mentor{n}: {error!r}")
        return None
    try:
        return web, await chat_fn_index(web)
    except Exception as error:  # noqa: BLE001
        out.errors.append(f"config mentor{n}: {error!r}")
        await web.aclose()
        return None


async def user(
    signed: tuple[httpx.AsyncClient, int],
    n: int,
    turns: int,
    think_s: float,
    deadline: float,
    out: Results,
    timeout: float,
    messages: MessageSource,
) -> None:
    web, fn_index = signed
    session, history = uuid.uuid4().hex[:11], []
    done = 0
    try:
        while time.monotonic() < deadline and (turns <= 0 or done < turns):
            try:
                message = messages.next(n, done)
                history = await asyncio.wait_for(turn(web, fn_index, session, message, history, out), timeout)
            except Exception as error:  # noqa: BLE001
                out.errors.append(f"turn mentor{n}: {error!r}")
            done += 1
            if done % CONVERSATION_TURNS == 0:  # a new conversation (a reload): histories stay realistic
                session, history = uuid.uuid4().hex[:11], []
            if think_s:
                await asyncio.sleep(think_s)
    finally:
        await web.aclose()


async def phase(
    url: str, users: int, turns: int, think_s: float, limit_s: float, timeout: float, messages: MessageSource
) -> dict:
    """All users sign in first (timed apart), then chat at once: throughput and latency are the chat's."""
    out = Results()
    started = time.perf_counter()
    signed = await asyncio.gather(*(signed_in_user(url, n, out, timeout) for n in range(users)))
    sign_in_s = time.perf_counter() - started
    deadline = time.monotonic() + limit_s
    started = time.perf_counter()
    await asyncio.gather(
        *(user(s, n, turns, think_s, deadline, out, timeout, messages) for n, s in enumerate(signed) if s is not None)
    )
    elapsed = time.perf_counter() - started
    return summary(out, users, elapsed) | {"sign_in_all_s": round(sign_in_s, 1)}


def summary(out: Results, users: int, elapsed: float) -> dict:
    def pct(samples: list[float], q: float) -> float:
        ordered = sorted(samples)
        return round(1000 * ordered[int(q * (len(ordered) - 1))], 1) if ordered else float("nan")

    return {
        "users": users,
        "turns": len(out.latencies),
        "errors": len(out.errors),
        "plans": sum(out.answered),
        "error_samples": out.errors[:5],
        "seconds": round(elapsed, 1),
        "turns_per_s": round(len(out.latencies) / elapsed, 2) if elapsed else 0.0,
        "p50_ms": pct(out.latencies, 0.5),
        "p95_ms": pct(out.latencies, 0.95),
        "max_ms": pct(out.latencies, 1.0),
        "first_update_p50_ms": pct(out.first_update, 0.5),
        "kb_per_turn": round(statistics.mean(out.bytes_per_turn) / 1024, 1) if out.bytes_per_turn else 0.0,
    }


async def soak(url: str, pid: int, users: int, minutes: float, timeout: float, messages: MessageSource) -> dict:
    samples: list[tuple[float, float]] = []
    stop = asyncio.Event()

    async def sample() -> None:
        begun = time.monotonic()
        while not stop.is_set():
            samples.append((round(time.monotonic() - begun, 1), round(rss_mb(pid), 1)))
            if len(samples) % 6 == 1:  # every 30 s: a soak is long, show it is alive and where it goes
                recent = slope(samples[-12:])
                print(f"soak {samples[-1][0]:>5.0f} s: RSS {samples[-1][1]:.0f} MiB, last minute {recent} MiB/min",
                      file=sys.stderr)  # fmt: skip
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 5)

    sampler = asyncio.create_task(sample())
    result = await phase(url, users, 0, 0.0, minutes * 60, timeout, messages)
    stop.set()
    await sampler
    rss = [mb for _, mb in samples]
    tenth = max(1, len(rss) // 10)
    half = samples[len(samples) // 2 :]
    result["rss_mb"] = {
        "start": rss[0],
        "after_first_10pct": round(statistics.mean(rss[:tenth]), 1),
        "last_10pct": round(statistics.mean(rss[-tenth:]), 1),
        "max": max(rss),
        # The growth that matters: once the bounded caches (sessions, queries) are full, RSS should be flat.
        "slope_mib_per_min_second_half": slope(half),
        "slope_mib_per_min_whole": slope(samples),
    }
    result["rss_samples"] = samples
    return result


def slope(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MiB) samples, in MiB per minute."""
    if len(samples) < 3:
        return float("nan")
    seconds = [t for t, _ in samples]
    mib = [m for _, m in samples]
    return round(60 * statistics.linear_regression(seconds, mib).slope, 2)


async def gradio_profile(url: str, clear: bool) -> dict:
    """Gradio's own per-phase timings of the events it ran (GRADIO_PROFILING=1), p50/p95 in ms, for the chat."""
    web = await sign_in(url, "mentor0", 30)
    try:
        if clear:
            (await web.post("/gradio_api/profiling/clear")).raise_for_status()
            return {}
        traces = (await web.get("/gradio_api/profiling/traces")).json()
    finally:
        await web.aclose()
    chat = [trace for trace in traces if trace.get("fn_name") == "chat"]
    phases = ("queue_wait_ms", "preprocess_ms", "fn_call_ms", "postprocess_ms", "streaming_diff_ms", "total_ms")

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(ordered[int(q * (len(ordered) - 1))], 1) if ordered else float("nan")

    return {
        "events": len(chat),
        **{
            name: {"p50": pct([t[name] for t in chat], 0.5), "p95": pct([t[name] for t in chat], 0.95)}
            for name in phases
        },
    }


# ---------------------------------------------------------------- the run


def table(rows: dict[str, dict]) -> str:
    lines = [
        "| phase | users | turns (plans) | errors | turns/s | p50 ms | p95 ms | max ms | first update p50 ms "
        "| KiB/turn |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['users']} | {r['turns']} ({r['plans']}) | {r['errors']} | {r['turns_per_s']} "
            f"| {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['first_update_p50_ms']} | {r['kb_per_turn']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=3, help="turns per user in the load phase")
    parser.add_argument("--think", type=float, default=0.0, help="seconds between a user's turns")
    parser.add_argument("--soak-minutes", type=float, default=0.0)
    parser.add_argument("--concurrency", type=int, default=None, help="the queue's default_concurrency_limit")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for one turn")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds for one phase at most")
    parser.add_argument(
        "--trace-memory",
        type=Path,
        help="diagnosis: the server takes tracemalloc snapshots every minute and appends the biggest growths to "
        "this file (slows it down)",
    )
    parser.add_argument(
        "--gradio-profile",
        action="store_true",
        help="the server runs with GRADIO_PROFILING=1; the load phase's per-phase times (queue wait, fn call, "
        "postprocess, diff) are printed",
    )
    parser.add_argument(
        "--same-messages",
        action="store_true",
        help="the four fixed messages of earlier runs (their query vectors are cached after the first round) "
        "instead of a fresh message every turn",
    )
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port, args.concurrency)
        return 0

    with tempfile.TemporaryDirectory(prefix="companion-load-") as tmp:
        data_dir = Path(tmp) / "data"
        print(f"preparing {args.users} pairs...", file=sys.stderr)
        prepare(data_dir, args.users)
        port = free_port()
        command = [sys.executable, "-m", "bench.load", "--serve", str(data_dir), "--port", str(port)]
        if args.concurrency is not None:
            command += ["--concurrency", str(args.concurrency)]
        env = {**os.environ, "GRADIO_TEMP_DIR": str(Path(tmp) / "gradio")}
        if args.gradio_profile:
            env["GRADIO_PROFILING"] = "1"
        if args.trace_memory:
            env["COMPANION_BENCH_TRACE_MEMORY"] = str(args.trace_memory.resolve())
        child = subprocess.Popen(command, cwd=REPO_ROOT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 300  # a busy machine
            while True:
                try:
                    if httpx.get(f"{url}/login", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or child.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.5)
            print("warming up...", file=sys.stderr)
            messages = MessageSource(same=args.same_messages)
            asyncio.run(phase(url, 1, 2, 0.0, args.limit, args.timeout, MessageSource(same=True)))
            rows: dict[str, dict] = {}
            rows["baseline (1 user)"] = asyncio.run(
                phase(url, 1, args.turns * 3, 0.0, args.limit, args.timeout, messages)
            )
            print(table(rows), file=sys.stderr)
            if args.gradio_profile:
                asyncio.run(gradio_profile(url, clear=True))
            rows[f"load ({args.users} users)"] = asyncio.run(
                phase(url, args.users, args.turns, args.think, args.limit, args.timeout, messages)
            )
            if args.gradio_profile:
                profile = asyncio.run(gradio_profile(url, clear=False))
                print(json.dumps(profile, indent=1), file=sys.stderr)
                rows[f"load ({args.users} users)"]["gradio_profile"] = profile
            if args.soak_minutes:
                rows[f"soak ({args.soak_minutes:g} min)"] = asyncio.run(
                    soak(url, child.pid, args.users, args.soak_minutes, args.timeout, messages)
                )
            rows_rss = rss_mb(child.pid)
        finally:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
    print(table(rows))
    for name, row in rows.items():
        if "rss_mb" in row:
            print(f"{name}: server RSS MiB {row['rss_mb']}")
        if row["error_samples"]:
            print(f"{name}: errors {row['error_samples']}")
    print(f"server RSS at the end: {rows_rss:.0f} MiB")
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"args": {k: v for k, v in vars(args).items() if k not in ("serve", "port")}, "phases": rows}
    report["session_state_capacity"] = os.environ.get("COMPANION_SESSION_STATE_CAPACITY", "default")
    (RESULTS / "load.json").write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
