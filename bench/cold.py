"""A new process's first answer over a large library: the cold start a restarted server or a `coach ask` pays.

    .venv/bin/python bench/cold.py --home /tmp/coach-cold-100k [--chunks 100000] [--runs 3] [--json] [--profile OUT]

The library is built as bench/ask.py builds it (real corpus + fictional filler with noisy copies of real vectors),
once, in ``--home`` (kept, so later runs and a before/after comparison use the very same library; the filler write
takes a few minutes at 100k). Then ``--runs`` fresh Python processes each open the library and time, in order:
import of ``coach.api``, model load (first encode), and the first question (``Coach.ask``, wall and CPU seconds: the
CPU figure varies less on a shared machine), which builds or loads the BM25 and structure indexes. Run 1 after the build may write the saved indexes; later runs read them. Then one more
fictional article is ingested by another process and one more fresh process answers (caught up per changed document).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before bench/ itself: bench/ingest.py would shadow the ingest package

QUESTION = "How many rounds does the Amazon MLE interview have?"


def child(home: Path, profile: str | None) -> None:
    """One fresh process: stage timings as JSON on stdout."""
    started = time.perf_counter()
    from coach.api import Coach
    from coach.settings import Settings

    imported = time.perf_counter()
    coach = Coach(Settings(home=home))
    coach.query_embedder.encode(["warm up"])
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    if profile:
        import cProfile

        cProfile.runctx("coach.ask(QUESTION)", globals(), {"coach": coach, "QUESTION": QUESTION}, profile)
    else:
        coach.ask(QUESTION)
    asked, asked_cpu = time.perf_counter(), time.process_time()
    t = time.perf_counter()
    coach.ask("How long does the Amazon MLE process take?")
    second = time.perf_counter() - t
    print(json.dumps({"import_s": round(imported - started, 2), "model_s": round(loaded - imported, 2),
                      "first_ask_s": round(asked - loaded, 2), "first_ask_cpu_s": round(asked_cpu - loaded_cpu, 2),
                      "second_ask_s": round(second, 3),
                      "total_s": round(asked - started, 2)}))


def run_child(home: Path, profile: str | None = None) -> dict:
    from tests.processes import coach_env

    cmd = [sys.executable, __file__, "--child", "--home", str(home)] + (["--profile", profile] if profile else [])
    started = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, env=coach_env(home), capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "wall_s": round(wall, 2)}


def ensure_library(home: Path, chunks: int) -> dict:
    """Build the library in ``home`` unless it already holds ``chunks`` chunks."""
    import numpy as np

    from bench.ask import FIXTURES, add_filler
    from coach.api import Coach
    from coach.settings import Settings

    coach = Coach(Settings(home=home))
    have = coach.library.catalog.chunk_count()
    if have >= chunks:
        return {"chunks": have, "built": False}
    t = time.perf_counter()
    coach.ingest([ROOT / "corpus", FIXTURES])
    have, filler_s = add_filler(coach, chunks, np.random.default_rng(0))
    return {"chunks": have, "built": True, "build_s": round(time.perf_counter() - t, 1), "filler_write_s": round(filler_s, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-change", action="store_true", help="skip the ingest-by-another-process step")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--profile", help="cProfile the first ask of one extra fresh process into this file")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.child:
        child(args.home, args.profile)
        return 0
    result: dict = {"cpu_count": os.cpu_count(), "load_avg_start": os.getloadavg()[0]}
    result["library"] = ensure_library(args.home, args.chunks)
    print(f"library: {json.dumps(result['library'])}", file=sys.stderr, flush=True)
    result["runs"] = []
    for _ in range(args.runs):
        result["runs"].append(run_child(args.home))
        print(f"fresh process: {json.dumps(result['runs'][-1])}", file=sys.stderr, flush=True)
    if not args.no_change:
        from bench.ask import FURNITURE
        from tests.processes import ingest_home

        stamp = str(time.time_ns())
        extra = args.home.parent / f"cold-extra-{stamp}.md"
        extra.write_text((FURNITURE / "quillstack_pm_vs_tpm.md").read_text().replace("Quillstack", f"Quill{stamp[-6:]}"))
        try:
            t = time.perf_counter()
            ingest_home(args.home, [extra])
            result["ingest_other_process_s"] = round(time.perf_counter() - t, 2)
        finally:
            extra.unlink(missing_ok=True)
        result["after_change"] = run_child(args.home)
        print(f"after a change: {json.dumps(result['after_change'])}", file=sys.stderr, flush=True)
    if args.profile:
        result["profiled"] = run_child(args.home, args.profile)
    result["load_avg_end"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for r in result["runs"]:
            print(f"fresh process: import {r['import_s']} s, model {r['model_s']} s, first ask {r['first_ask_s']} s "
                  f"({r['first_ask_cpu_s']} s CPU; then {r['second_ask_s']} s), wall {r['wall_s']} s")
        if "after_change" in result:
            r = result["after_change"]
            print(f"after another process ingested one article: first ask {r['first_ask_s']} s, wall {r['wall_s']} s")
        from bench.ask import load_note

        print(load_note(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
