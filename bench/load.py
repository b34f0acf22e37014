"""Load: requests/s and latency for 20 concurrent clients on the running app, and embedded vs Chroma-server asks.

    .venv/bin/python bench/load.py [--json] [--clients 20] [--asks 5] [--max-seconds 180] [--rounds 5]

Part 1: a tmp COACH_HOME gets the real corpus and the fictional fixture articles, `coach serve` starts as a
subprocess on a free loopback port, and N gradio_client clients (each its own session) send their asks at once
through the /ask API. Every answer must come back grounded; the figures are requests/s over the wall-clock time
and p50/p95 latency per request as the clients see it (queueing in the app included).
Part 2, in the same run: the same articles are ingested into an embedded-store Coach and into a Coach on a real
Chroma server (`chroma run` on loopback), and `Coach.ask` latency for the same questions is measured on each,
one ask at a time; the ratio server/embedded is what moving the vectors out of process costs per question.
Figures are printed, not asserted. Only loopback addresses are used.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.processes import chroma_server, ingest_home, running_server  # noqa: E402 - needs ROOT on sys.path

ARTICLES = [ROOT / "corpus", ROOT / "tests" / "fixtures" / "articles"]
QUESTIONS = [
    "How many rounds does the OrbitWorks SRE loop have?",
    "What is the pay range for NimbusFin Data Engineer roles?",
    "How does system design differ between Amazon Applied Scientist and MLE interviews?",
    "How long does the NimbusFin interview process take?",
    "What mistakes should I avoid in a Site Reliability Engineer interview?",
    "What does the OrbitWorks SWE coding round test?",
    "How long does the Amazon MLE interview process take?",
    "What happens in the NimbusFin behavioural round?",
]


def client(url: str, downloads: Path, **kwargs):
    from gradio_client import Client

    return Client(url, verbose=False, download_files=str(downloads), **kwargs)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


# ------------------------------------------------------------------------------------------- part 1: the app
def load_app(url: str, downloads: Path, clients: int, asks: int, max_seconds: float) -> dict:
    """``clients`` sessions send ``asks`` questions each at the same time; latencies in ms."""
    sessions = [client(url, downloads) for _ in range(clients)]  # connecting is not part of the load
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def run(i: int) -> None:
        start.wait()
        for j in range(asks):
            if time.monotonic() > deadline[0]:
                return
            question = QUESTIONS[(i + j) % len(QUESTIONS)]
            t = time.perf_counter()
            try:
                _, _, answer = sessions[i].predict(question, "", api_name="/ask")
                ok = isinstance(answer, dict) and answer.get("grounded") is True and answer.get("answer")
                problem = None if ok else f"ungrounded answer to {question!r}"
            except Exception as exc:  # noqa: BLE001 - a failed request is a figure, not a crash
                problem = f"{type(exc).__name__}: {exc}"
            with lock:
                if problem:
                    errors.append(problem)
                else:
                    latencies.append((time.perf_counter() - t) * 1000)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(clients)]
    for th in threads:
        th.start()
    deadline[0] = time.monotonic() + max_seconds
    t0 = time.perf_counter()
    start.wait()
    for th in threads:
        th.join(timeout=max_seconds + 120)
    wall = time.perf_counter() - t0
    for s in sessions:
        try:
            s.close()
        except Exception:  # noqa: BLE001
            pass
    return {
        "clients": clients, "requests": len(latencies), "errors": len(errors), "first_error": errors[:1],
        "wall_s": round(wall, 2), "requests_per_s": round(len(latencies) / wall, 2) if wall else 0.0,
        "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
    }


# ------------------------------------------------------------------------------ part 2: embedded vs server
def ask_latency(coach, rounds: int) -> dict:
    for q in QUESTIONS:  # warm caches (BM25, structure, sentence vectors) before timing
        coach.ask(q)
    times = []
    for _ in range(rounds):
        for q in QUESTIONS:
            t = time.perf_counter()
            answer = coach.ask(q)
            times.append((time.perf_counter() - t) * 1000)
            if not answer.grounded:
                raise RuntimeError(f"ungrounded answer to {q!r} ({coach.settings.chroma_url or 'embedded'})")
    return {"asks": len(times), "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2)}


def store_comparison(tmp: Path, rounds: int) -> dict:
    from coach.api import Coach
    from coach.components.embedding import Embedder
    from coach.settings import Settings

    embedder = Embedder(Settings())
    embedder.encode(["warm up"])

    def make(**kw) -> Coach:
        coach = Coach(Settings(**kw))
        coach.__dict__["embedder"] = embedder  # one loaded model for both stores
        report = coach.ingest(ARTICLES)
        if report.skipped:
            raise RuntimeError(f"ingest skipped {report.skipped}")
        return coach

    embedded = ask_latency(make(home=tmp / "embedded"), rounds)
    data = tmp / "chroma-data"
    data.mkdir()
    with chroma_server(data) as url:
        server = ask_latency(make(home=tmp / "server-replica", chroma_url=url), rounds)
    return {"embedded": embedded, "chroma_server": server,
            "ratio_p50": round(server["p50_ms"] / embedded["p50_ms"], 2) if embedded["p50_ms"] else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--asks", type=int, default=5, help="asks per client")
    ap.add_argument("--max-seconds", type=float, default=180.0, help="stop sending new asks after this long")
    ap.add_argument("--rounds", type=int, default=5, help="timed passes over the questions per store")
    args = ap.parse_args()
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    with tempfile.TemporaryDirectory(prefix="coach-bench-load-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "app" / "home"
        ingest_home(home, ARTICLES)
        with running_server(home) as srv:
            warm = client(srv["url"], tmp / "downloads")
            warm.predict(QUESTIONS[0], "", api_name="/ask")  # waits for the app's warm-up
            app = load_app(srv["url"], tmp / "downloads", args.clients, args.asks, args.max_seconds)
        stores = store_comparison(tmp, args.rounds)

    result = {"app": app, "ask_latency": stores}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"app, {app['clients']} concurrent clients: {app['requests']} asks in {app['wall_s']} s = "
              f"{app['requests_per_s']} requests/s; p50 {app['p50_ms']} ms, p95 {app['p95_ms']} ms, "
              f"max {app['max_ms']} ms; errors {app['errors']} {app['first_error'] or ''}")
        e, s = stores["embedded"], stores["chroma_server"]
        print(f"Coach.ask, embedded store: p50 {e['p50_ms']} ms, p95 {e['p95_ms']} ms ({e['asks']} asks)")
        print(f"Coach.ask, Chroma server:  p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms ({s['asks']} asks)")
        print(f"server / embedded p50 ratio: {stores['ratio_p50']}")
    return 0 if app["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
