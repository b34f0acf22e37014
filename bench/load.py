"""Load: the same 20-client load on 1 process at concurrency 1 and on --workers processes; 30 clients; memory.

    .venv/bin/python bench/load.py [--json] [--clients 20] [--asks 20] [--repeats 3] [--max-seconds 180]
                                   [--concurrency 8] [--workers 2] [--big-clients 30] [--big-seconds 60]
                                   [--sessions 100] [--questions 5000] [--stores --rounds 5]

A tmp COACH_HOME gets the real corpus and the fictional fixture articles. In one run:
1. Two `coach serve` run side by side: one process at COACH_CONCURRENCY=1 (the old setting) and --workers app
   processes of --concurrency each. They take turns under the same load: N clients (each its own session, all in
   one asyncio event loop speaking Gradio's HTTP queue protocol, as the page does) send --asks questions each at
   once through /ask. The first turn also fills each process's caches for these questions; then --repeats timed
   turns each (taking turns, a change in the machine's load falls on both alike). Every answer must be grounded
   with sources; the figures are requests/s over the wall-clock time, p50/p95 latency as the clients see it, the
   server's CPU time per request (all its processes) and the clients' own, and the throughput ratio of the two
   settings (all timed turns, and each turn's). The warm-up and the memory run use gradio_client (the API as its
   users call it).
2. On the second server: --big-clients clients ask for --big-seconds seconds (errors must be 0), then --sessions
   sessions ask --questions questions in all (20 at a time); the server's RSS (process and children) is read after
   500 and after all of them, and their ratio printed (target: within 10 %).
3. With --stores: `Coach.ask` latency on the embedded store vs a real Chroma server, one ask at a time.
Figures are printed, not asserted (exit 1 on any error). Only loopback addresses are used.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.processes import chroma_server, ingest_home, running_server, wait_log  # noqa: E402 - needs ROOT on sys.path

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


@functools.lru_cache(maxsize=1)
def _tls_context():
    import ssl

    return ssl.create_default_context()

CRITIQUE = ("Site Reliability Engineer", "Tell me about an incident you handled while on call.",
            "The outage was the platform team's problem, not mine, so I waited for them to fix it.")


STREAM_SETTLE = 30.0  # seconds a submit waits for the session's closing event stream (see _settled_client)


@functools.lru_cache(maxsize=1)
def _settled_client():
    """gradio_client's Client, submitting only once a closing event stream has ended.

    gradio_client races with its own reader (sse_v3): the server closes a session's event stream as soon as the
    session has no pending event, but the client counts that stream open until its reader thread has read the
    close. A question submitted in between (the next one of a session asking one after another, when the reader
    thread is starved of CPU on a busy machine) is registered to the closing stream, and the client cancels it as
    that stream ends: ``CancelledError`` from ``predict``, though the server answered. So a submit first waits for
    an open stream with no pending event to end (the server is closing it); the event then opens a stream of its
    own, as it does whenever no stream is open. A stream with pending events stays open and is used as before."""
    from gradio_client import Client

    class SettledClient(Client):
        def send_data(self, data, hash_data, protocol, request_headers):
            with self.pending_lock:
                closing = self.streaming_future if self.stream_open and not self.pending_event_ids else None
            if closing is not None:  # until the stream's own close callback has run (callbacks run in order)
                ended = threading.Event()
                closing.add_done_callback(lambda _: ended.set())
                ended.wait(STREAM_SETTLE)
            return super().send_data(data, hash_data, protocol, request_headers)

    return SettledClient


def client(url: str, downloads: Path, **kwargs):
    """A gradio_client Client for ``url`` (see ``_settled_client``), files downloaded to ``downloads``."""
    # A queued request is not a failed one: httpx's default read timeout counted waits on a busy machine as errors.
    # One TLS context for every request: gradio_client opens a new httpx client per call, and each would load the CA
    # bundle again (~25 ms of CPU, several times per ask), so the bench's clients took more of the 2 cores than the
    # server they measure (the URLs are plain-HTTP loopback; no TLS happens either way).
    kwargs.setdefault("httpx_kwargs", {"timeout": 300})
    kwargs.setdefault("ssl_verify", _tls_context())  # passed to httpx as ``verify``, which takes a context
    return _settled_client()(url, verbose=False, download_files=str(downloads), **kwargs)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


# ------------------------------------------------------------------------------------------- part 1: the app
@dataclass(frozen=True)
class Endpoint:
    """One queued API event as the page's own client calls it: where to post, which fn, which slots are state."""

    api: str  # e.g. http://127.0.0.1:7860/gradio_api
    fn_index: int
    state_inputs: tuple[bool, ...]
    state_outputs: tuple[bool, ...]

    @classmethod
    def of(cls, url: str, api_name: str) -> "Endpoint":
        import urllib.request

        with urllib.request.urlopen(url.rstrip("/") + "/config", timeout=60) as r:
            config = json.load(r)
        states = {c["id"] for c in config["components"] if c.get("type") == "state"}
        for dep in config["dependencies"]:
            if dep.get("api_name") == api_name.strip("/"):
                return cls(url.rstrip("/") + config.get("api_prefix", ""), dep["id"],
                           tuple(i in states for i in dep["inputs"]), tuple(o in states for o in dep["outputs"]))
        raise RuntimeError(f"the app has no API event {api_name!r}")

    def payload(self, args: tuple, session: str) -> dict:
        values = iter(args)  # state slots are the server's to fill, as gradio_client leaves them
        data = [None if state else next(values, None) for state in self.state_inputs]
        return {"data": data, "fn_index": self.fn_index, "trigger_id": None, "event_data": None,
                "session_hash": session}

    def visible(self, data: list) -> list:
        return [v for v, state in zip(data, self.state_outputs) if not state]


async def queued_call(http, endpoint: Endpoint, session: str, *args) -> list:
    """One event over Gradio's HTTP queue protocol (sse_v3, what the browser speaks): POST queue/join, then read
    the session's event stream until this event completes; the outputs without state, or RuntimeError."""
    async with http.post(f"{endpoint.api}/queue/join", json=endpoint.payload(args, session)) as r:
        if r.status != 200:
            raise RuntimeError(f"queue/join: HTTP {r.status} {(await r.text())[:200]}")
        event_id = (await r.json())["event_id"]
    async with http.get(f"{endpoint.api}/queue/data", params={"session_hash": session}) as r:
        if r.status != 200:
            raise RuntimeError(f"queue/data: HTTP {r.status} {(await r.text())[:200]}")
        result = None
        async for line in r.content:  # to the stream's end, as the page does: the connection is then kept
            if not line.startswith(b"data:"):
                continue
            message = json.loads(line[5:])
            kind = message.get("msg")
            if kind == "process_completed" and message.get("event_id") == event_id:
                output = message.get("output") or {}
                if not message.get("success"):
                    raise RuntimeError(f"the app reported an error: {output.get('error')}")
                result = endpoint.visible(output["data"])
            elif kind == "unexpected_error" or (kind == "close_stream" and result is None):
                raise RuntimeError(f"the event stream ended without an answer ({message})")
    if result is None:
        raise RuntimeError("the event stream closed without an answer")
    return result


def load_app(url: str, clients: int, asks: int, max_seconds: float, pid: int | None = None) -> dict:
    """``clients`` sessions send ``asks`` questions each at the same time; latencies in ms. With ``pid``, also the
    server's CPU time per answered request (that process and its children), and the clients' own.

    The clients are what browsers on other machines would be for the server: one asyncio event loop (aiohttp) in
    this process speaks Gradio's queue protocol, each client its own session, one ask at a time, every answer
    checked. (gradio_client's blocking clients, one thread each, spent about half as much CPU per request as the
    server on the same 2 cores, so the bench measured its own clients as much as the app.)"""
    import asyncio

    import aiohttp

    endpoint = Endpoint.of(url, "/ask")
    latencies: list[float] = []
    errors: list[str] = []

    async def one_client(http, i: int, deadline: float) -> None:
        session = uuid.uuid4().hex
        for j in range(asks):
            if time.monotonic() > deadline:
                return
            question = QUESTIONS[(i + j) % len(QUESTIONS)]
            t = time.perf_counter()
            try:
                _, _, answer = await queued_call(http, endpoint, session, question, "", "")
                ok = isinstance(answer, dict) and answer.get("grounded") is True and answer.get("answer") \
                    and answer.get("sources")
                problem = None if ok else f"ungrounded answer to {question!r}"
            except Exception as exc:  # noqa: BLE001 - a failed request is a figure, not a crash
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                errors.append(problem)
            else:
                latencies.append((time.perf_counter() - t) * 1000)

    async def run() -> float:
        # A queued request is not a failed one: no read timeout, only an overall bound per request.
        timeout = aiohttp.ClientTimeout(total=max_seconds + 120)
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector, read_bufsize=1 << 20) as http:
            t0 = time.perf_counter()
            deadline = time.monotonic() + max_seconds
            await asyncio.gather(*(one_client(http, i, deadline) for i in range(clients)))
            return time.perf_counter() - t0

    own = psutil_process()
    cpu_before, own_before = (cpu_s(pid) if pid else None), cpu_of(own)
    wall = asyncio.run(run())
    cpu = cpu_s(pid) - cpu_before if pid else None
    own_cpu = cpu_of(own) - own_before
    per_request = (lambda seconds: round(seconds / len(latencies) * 1000, 1) if latencies else None)
    return {
        "clients": clients, "requests": len(latencies), "errors": len(errors), "first_error": errors[:1],
        "wall_s": round(wall, 2), "requests_per_s": round(len(latencies) / wall, 2) if wall else 0.0,
        "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "server_cpu_ms_per_request": per_request(cpu) if cpu is not None else None,
        "client_cpu_ms_per_request": per_request(own_cpu), "latencies_ms": latencies,
    }


def combined(passes: list[dict]) -> dict:
    """Several timed passes of one setting as one: all their requests over their summed wall time, percentiles
    over all their latencies, CPU per request weighted by requests."""
    latencies = [x for p in passes for x in p["latencies_ms"]]
    requests, wall = sum(p["requests"] for p in passes), sum(p["wall_s"] for p in passes)

    def weighted(key: str) -> float | None:
        values = [(p[key], p["requests"]) for p in passes if p.get(key) is not None and p["requests"]]
        return round(sum(v * n for v, n in values) / sum(n for _, n in values), 1) if values else None

    return {
        "clients": passes[0]["clients"], "passes": len(passes), "requests": requests,
        "errors": sum(p["errors"] for p in passes), "first_error": next((p["first_error"] for p in passes
                                                                          if p["first_error"]), []),
        "wall_s": round(wall, 2), "requests_per_s": round(requests / wall, 2) if wall else 0.0,
        "requests_per_s_per_pass": [p["requests_per_s"] for p in passes],
        "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "server_cpu_ms_per_request": weighted("server_cpu_ms_per_request"),
        "client_cpu_ms_per_request": weighted("client_cpu_ms_per_request"),
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


def _tree(pid: int) -> list:
    import psutil

    proc = psutil.Process(pid)
    return [proc, *proc.children(recursive=True)]


def psutil_process():
    import psutil

    return psutil.Process()


def cpu_of(proc) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and its live children."""
    import psutil

    total = 0.0
    for p in _tree(pid):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def rss_mb(pid: int) -> float:
    import psutil

    total = 0
    for p in _tree(pid):
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return round(total / 1024 / 1024, 1)


def memory_growth(url: str, downloads: Path, pid: int, sessions: int, questions: int, workers: int = 20) -> dict:
    """``sessions`` sessions ask ``questions`` questions in all, ``workers`` at a time; RSS after 500 and at the end."""
    import queue

    clients = [client(url, downloads) for _ in range(sessions)]
    per_session = max(1, questions // sessions)
    jobs: "queue.Queue[tuple[int, int]]" = queue.Queue()
    # round-robin over sessions, so every session's history grows as the run goes on
    for j in range(per_session):
        for i in range(sessions):
            jobs.put((i, j))
    total = jobs.qsize()
    done = [0]
    errors: list[str] = []
    lock = threading.Lock()
    marks: dict[str, float] = {}
    session_locks = [threading.Lock() for _ in range(sessions)]

    def work() -> None:
        while True:
            try:
                i, j = jobs.get_nowait()
            except queue.Empty:
                return
            question = QUESTIONS[(i + j) % len(QUESTIONS)]
            try:
                with session_locks[i]:  # one ask at a time per session, as a person chats
                    _, _, answer = clients[i].predict(question, "", api_name="/ask")
                if not (isinstance(answer, dict) and answer.get("answer")):
                    raise RuntimeError(f"no answer to {question!r}")
            except Exception as exc:  # noqa: BLE001 - a failed request is a figure
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
            with lock:
                done[0] += 1
                if done[0] == min(500, total):
                    marks["rss_mb_after_500"] = rss_mb(pid)
                    progress("memory after 500 questions", marks)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    marks["rss_mb_after_all"] = rss_mb(pid)
    for c in clients:
        try:
            c.close()
        except Exception:  # noqa: BLE001
            pass
    ratio = marks["rss_mb_after_all"] / marks["rss_mb_after_500"] if marks.get("rss_mb_after_500") else None
    return {"sessions": sessions, "questions": total, "errors": len(errors), "first_error": errors[:1],
            "seconds": round(time.perf_counter() - t0, 1), **marks,
            "ratio_all_to_500": round(ratio, 3) if ratio else None}


def progress(name: str, figures: dict) -> None:
    """Each part's figures on stderr as soon as it ends (a long run stays readable if stopped early)."""
    print(f"{name}: {json.dumps(figures)}", file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--asks", type=int, default=20, help="asks per client per pass")
    ap.add_argument("--repeats", type=int, default=3, help="timed passes per setting, the two settings taking turns")
    ap.add_argument("--max-seconds", type=float, default=180.0, help="stop sending new asks after this long")
    ap.add_argument("--concurrency", type=int, default=8, help="COACH_CONCURRENCY of the second server's processes")
    ap.add_argument("--workers", type=int, default=2, help="COACH_WORKERS (app processes) of the second server")
    ap.add_argument("--big-clients", type=int, default=30)
    ap.add_argument("--big-seconds", type=float, default=60.0)
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--questions", type=int, default=5000, help="0 skips the memory run")
    ap.add_argument("--stores", action="store_true", help="also compare the embedded store with a Chroma server")
    ap.add_argument("--rounds", type=int, default=5, help="timed passes over the questions per store")
    args = ap.parse_args()
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from tests.processes import coach_env

    result: dict = {"cpu_count": os.cpu_count(), "load_avg_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="coach-bench-load-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "app" / "home"
        ingest_home(home, ARTICLES)
        old, new_setting = (1, 1), (args.workers, args.concurrency)
        env = {setting: coach_env(home, COACH_CONCURRENCY=str(setting[1]), COACH_WORKERS=str(setting[0]))
               for setting in (old, new_setting)}
        # Both servers run side by side and take turns, so a change in the machine's load during the run (other
        # jobs) falls on both settings alike instead of on whichever happened to run then.
        with running_server(home, env=env[new_setting]) as new_srv:
            with running_server(home, env=env[old]) as old_srv:
                servers = {old: old_srv, new_setting: new_srv}
                for (workers, _), srv in servers.items():
                    if workers > 1:
                        wait_log(srv, "serving with")  # the page is served before the other app processes are up
                    for _ in range(workers):  # new sessions go to the process holding the fewest: one each
                        warm = client(srv["url"], tmp / "downloads")
                        warm.predict(QUESTIONS[0], "", api_name="/ask")  # waits for the app's warm-up
                        # The full model (practice feedback) loads in the background after the first answer;
                        # start-up is bench/serve.py's figure, so the load starts once it is in.
                        warm.predict(*CRITIQUE, api_name="/critique")
                # The first pass also fills each process's caches for these questions (a new question costs ~10x
                # a repeated one, in every process); the timed passes then serve them, --repeats turns each.
                first_pass, passes = {}, {old: [], new_setting: []}
                for turn in range(args.repeats + 1):
                    for (workers, limit), srv in servers.items():
                        figures = load_app(srv["url"], args.clients, args.asks, args.max_seconds, srv["pid"])
                        name = "first pass" if turn == 0 else f"timed pass {turn}"
                        progress(f"{workers} process(es), concurrency {limit}, {name}",
                                 {k: v for k, v in figures.items() if k != "latencies_ms"})
                        if turn == 0:
                            first_pass[workers, limit] = figures
                        else:
                            passes[workers, limit].append(figures)
            result["big"] = load_app(new_srv["url"], args.big_clients, 10_000, args.big_seconds, new_srv["pid"])
            progress(f"{args.big_clients} clients", {k: v for k, v in result["big"].items() if k != "latencies_ms"})
            if args.questions:
                result["memory"] = memory_growth(new_srv["url"], tmp / "downloads", new_srv["pid"], args.sessions,
                                                 args.questions)
        base, new = combined(passes[old]), combined(passes[new_setting])
        new_name = f"workers_{args.workers}_concurrency_{args.concurrency}"
        turns = [round(n["requests_per_s"] / b["requests_per_s"], 2) if b["requests_per_s"] else None
                 for b, n in zip(passes[old], passes[new_setting])]
        result["app"] = {"concurrency_1": base, new_name: new,
                         "throughput_ratio": round(new["requests_per_s"] / base["requests_per_s"], 2)
                         if base["requests_per_s"] else None, "throughput_ratio_per_turn": turns,
                         "first_pass": {"concurrency_1": first_pass[old], new_name: first_pass[new_setting]}}
        fb, fn = first_pass[old], first_pass[new_setting]
        result["app"]["first_pass"]["throughput_ratio"] = (round(fn["requests_per_s"] / fb["requests_per_s"], 2)
                                                           if fb["requests_per_s"] else None)
        for figures in (fb, fn, result["big"]):
            figures.pop("latencies_ms", None)
        if args.stores:
            result["ask_latency"] = store_comparison(tmp, args.rounds)
    result["load_avg_end"] = os.getloadavg()[0]
    result["targets"] = {"throughput_ratio": 1.8, "p95_ms_at_20_clients": 1000, "errors": 0, "rss_ratio": 1.10}

    errors = (base["errors"] + new["errors"] + fb["errors"] + fn["errors"] + result["big"]["errors"]
              + result.get("memory", {}).get("errors", 0))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        setting = f"{args.workers} processes x concurrency {args.concurrency}"
        for name, r in (("1 process, concurrency 1", base), (setting, new),
                        (f"{setting}, {args.big_seconds:g} s", result["big"])):
            cpu = r.get("server_cpu_ms_per_request")
            cpu = f"; CPU per request: server {cpu} ms, clients {r.get('client_cpu_ms_per_request')} ms" if cpu else ""
            print(f"{name}, {r['clients']} clients: {r['requests']} asks in {r['wall_s']} s = "
                  f"{r['requests_per_s']} requests/s; p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} "
                  f"ms{cpu}; errors {r['errors']} {r['first_error'] or ''}")
        print(f"throughput ratio {result['app']['throughput_ratio']} (target >= 1.8; per turn "
              f"{result['app']['throughput_ratio_per_turn']}); first pass (caches filling): "
              f"{fb['requests_per_s']} vs {fn['requests_per_s']} requests/s, p95 {fb['p95_ms']} vs {fn['p95_ms']} "
              f"ms, ratio {result['app']['first_pass']['throughput_ratio']}")
        if "memory" in result:
            m = result["memory"]
            print(f"memory: {m['questions']} questions from {m['sessions']} sessions in {m['seconds']} s: RSS "
                  f"{m.get('rss_mb_after_500')} MB after 500, {m['rss_mb_after_all']} MB after all, ratio "
                  f"{m['ratio_all_to_500']} (target <= 1.10); errors {m['errors']} {m['first_error'] or ''}")
        if "ask_latency" in result:
            stores = result["ask_latency"]
            e, s = stores["embedded"], stores["chroma_server"]
            print(f"Coach.ask, embedded store: p50 {e['p50_ms']} ms, p95 {e['p95_ms']} ms ({e['asks']} asks)")
            print(f"Coach.ask, Chroma server:  p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms ({s['asks']} asks)")
            print(f"server / embedded p50 ratio: {stores['ratio_p50']}")
        print(f"load average {result['load_avg_start']:.1f} -> {result['load_avg_end']:.1f} on {result['cpu_count']} "
              "cores shared with other jobs")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
