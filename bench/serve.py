"""Web app start-up and memory: seconds from `coach serve` start to the first answered request, RSS after 100.

    .venv/bin/python bench/serve.py [--json] [--requests 100]

A tmp COACH_HOME gets the real corpus and the fictional fixture articles (not timed). Then `coach serve` starts as a
subprocess on a free port; the clock runs from its launch until gradio_client gets the first /ask answer back.
Then N more requests (mostly /ask, every tenth a /critique) go through the same API, one at a time, and the
server's resident memory (process and children) is read. The server's CPU seconds at HTTP-ready and at the first
answer are reported too: on a shared machine they vary less than wall time. Targets: HTTP ready <= 5 s, first
answer <= 6 s, RSS <= 1.5 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.load import CRITIQUE, QUESTIONS as LOAD_QUESTIONS, client as bench_client, cpu_s, rss_mb  # noqa: E402
from tests.processes import coach_bin, coach_env, free_port, ingest_home, stop, wait_http  # noqa: E402

TARGET_HTTP_S = 5.0
TARGET_FIRST_S = 6.0
TARGET_RSS_MB = 1536.0
QUESTIONS = LOAD_QUESTIONS[:5]  # the first five of bench/load.py's questions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--requests", type=int, default=100)
    args = ap.parse_args()

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio_client  # noqa: F401 - imported before the clock starts: the client's import is not the server's
    import psutil  # noqa: F401 - likewise (cpu_s)

    with tempfile.TemporaryDirectory(prefix="coach-bench-serve-") as tmp:
        home = Path(tmp) / "home"
        env = coach_env(home)
        ingest_home(home, [ROOT / "corpus", ROOT / "tests" / "fixtures" / "articles"])
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        log_path = Path(tmp) / "serve.log"
        log = open(log_path, "w")
        started = time.perf_counter()
        proc = subprocess.Popen([coach_bin(), "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        try:
            wait_http(url, proc, log_path, timeout=180, interval=0.1)
            http_s = time.perf_counter() - started
            cpu_http = cpu_s(proc.pid)
            client = bench_client(url, Path(tmp) / "downloads")
            _, _, first = client.predict(QUESTIONS[0], "", api_name="/ask")
            first_s = time.perf_counter() - started
            cpu_first = cpu_s(proc.pid)
            assert first and first.get("answer"), "the first request got no answer"
            rss_first = rss_mb(proc.pid)

            latencies: list[float] = []
            critiques = 0
            for i in range(args.requests):
                t = time.perf_counter()
                if i % 10 == 9:
                    result = client.predict(*CRITIQUE, api_name="/critique")
                    critiques += isinstance(result[-1], dict) and "score" in result[-1]
                else:
                    _, _, answer = client.predict(QUESTIONS[i % len(QUESTIONS)], "", api_name="/ask")
                    assert answer and answer.get("answer")
                latencies.append((time.perf_counter() - t) * 1000)
            rss_after = rss_mb(proc.pid)
        finally:
            stop(proc)
            log.close()

    q = statistics.quantiles(latencies, n=20) if len(latencies) >= 2 else latencies * 19
    result = {
        "http_ready_s": round(http_s, 2),
        "first_answer_s": round(first_s, 2),
        "server_cpu_s_at_http_ready": round(cpu_http, 2),
        "server_cpu_s_at_first_answer": round(cpu_first, 2),
        "rss_mb_after_first": round(rss_first, 1),
        "requests": len(latencies),
        "critiques_answered": critiques,
        "request_ms_p50": round(statistics.median(latencies), 1),
        "request_ms_p95": round(q[18], 1),
        "rss_mb_after_requests": round(rss_after, 1),
        "targets": {"http_ready_s": TARGET_HTTP_S, "first_answer_s": TARGET_FIRST_S, "rss_mb": TARGET_RSS_MB},
        "within_targets": http_s <= TARGET_HTTP_S and first_s <= TARGET_FIRST_S and rss_after <= TARGET_RSS_MB,
        "load_avg": os.getloadavg()[0], "cpu_count": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"coach serve: HTTP ready in {result['http_ready_s']} s (target <= {TARGET_HTTP_S:g} s), first answer "
              f"in {result['first_answer_s']} s (target <= {TARGET_FIRST_S:g} s); load average "
              f"{result['load_avg']:.1f} on {result['cpu_count']} cores")
        print(f"server CPU (user + system, all threads): {result['server_cpu_s_at_http_ready']} s at HTTP ready, "
              f"{result['server_cpu_s_at_first_answer']} s at the first answer (less sensitive to other load)")
        print(f"{result['requests']} requests via gradio_client ({critiques} critiques): p50 "
              f"{result['request_ms_p50']} ms, p95 {result['request_ms_p95']} ms")
        print(f"server RSS: {result['rss_mb_after_first']} MB after the first answer, "
              f"{result['rss_mb_after_requests']} MB after {result['requests']} requests (target <= "
              f"{TARGET_RSS_MB:g} MB)")
        print("within targets" if result["within_targets"] else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
