"""Cold start: `python -m bench.cold_start [--runs 3]`.

Measures, in the same run and on a ready index, how long `python app.py` takes until the web server answers
its first HTTP request, next to the baseline `python -c "import gradio"` (what any Gradio app pays). The
target (issue 10) is: app <= baseline + 2 s. Prints a Markdown table and writes bench/results/cold_start.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from companion.config import REPO_ROOT

RESULTS = REPO_ROOT / "bench" / "results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def import_gradio() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import gradio"], check=True)
    return time.perf_counter() - started


def answered(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1)
    except urllib.error.HTTPError:
        return True  # 401/403/404: the server answered
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
    return True


def app_first_answer(data_dir: Path, timeout_s: float = 120) -> float:
    port = free_port()
    env = {**os.environ, "COMPANION_DATA_DIR": str(data_dir), "GRADIO_SERVER_PORT": str(port)}
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "app.py")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.perf_counter() - started < timeout_s:
            if server.poll() is not None:
                raise RuntimeError(f"app.py exited with {server.returncode}")
            if answered(f"http://127.0.0.1:{port}/"):
                return time.perf_counter() - started
            time.sleep(0.05)
        raise TimeoutError("the app did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=REPO_ROOT / "data", help="a data directory with an index")
    args = parser.parse_args(argv)
    app_first_answer(args.data_dir, timeout_s=900)  # builds the index if needed, warms the file cache
    baseline = [import_gradio() for _ in range(args.runs)]
    ours = [app_first_answer(args.data_dir) for _ in range(args.runs)]
    result = {
        "runs": args.runs,
        "import_gradio_s": round(statistics.median(baseline), 2),
        "app_first_answer_s": round(statistics.median(ours), 2),
    }
    result["overhead_s"] = round(result["app_first_answer_s"] - result["import_gradio_s"], 2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cold_start.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"| what | median of {args.runs} runs |")
    print("|---|---|")
    print(f'| `python -c "import gradio"` (baseline) | {result["import_gradio_s"]} s |')
    print(f"| `python app.py` until its first HTTP answer | {result['app_first_answer_s']} s |")
    print(f"| overhead beyond importing Gradio (target <= 2 s) | {result['overhead_s']} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
