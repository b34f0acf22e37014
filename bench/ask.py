"""Ask latency: warm p50/p95 at ~1k and ~100k chunks (default, no-LLM path) and a fresh process's first answer.

    .venv/bin/python bench/ask.py [--json] [--small 1000] [--large 100000] [--repeats 3]

The real articles (corpus/ + tests/fixtures/articles/) are ingested with the real model. The filler that brings the
library to the target size is fictional: the two fictional fixture articles re-issued under invented company names
("Velbrook", "Quorvane", ...), parsed and chunked by the real ingest code once, with each copy's vectors = the
template chunk's real embedding + Gaussian noise (σ=0.02 per dimension), re-normalised, written straight through
``Library.upsert_documents``, 64 documents per call (embedding 100k chunks with the model would take ~40 min on
2 cores).
"First ask after write": with the caches warm, one more fictional article is ingested and the next answer timed
(the stall every user of a shared server would see); "first ask cold" is the process's first answer.
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

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.api import Coach  # noqa: E402
from coach.evaluation.ask import load_cases  # noqa: E402
from coach.settings import Settings  # noqa: E402
from coach.text import stable_id  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
FURNITURE = ROOT / "tests" / "fixtures" / "furniture"
TEMPLATE_COMPANIES = ("NimbusFin", "OrbitWorks")
FILLER_BATCH = 64
_SYL = ["vel", "brook", "quor", "vane", "zel", "tria", "mon", "dax", "lum", "ira", "pex", "oro", "cal", "vin",
        "tor", "bel", "nix", "ar", "sol", "ven", "kit", "ora", "ryn", "fal"]


def fake_company(i: int) -> str:
    a, b, c = _SYL[i % 24], _SYL[(i // 24) % 24], _SYL[(i // 576) % 24]
    return (a + b + (c if i >= 576 else "")).capitalize() + ("" if i < 13824 else str(i))


def templates(coach: Coach):
    """(article, chunks, embed_texts, vectors) of the fictional fixtures, embedded once for real."""
    from ingest.chunking import chunk_article, embedding_text
    from ingest.parse import parse_file

    out = []
    for path in sorted(FIXTURES.glob("*")):
        article = parse_file(path, doc_id="template", sha256="0")
        chunks = chunk_article(article, chunk_size=coach.settings.chunk_size, overlap=coach.settings.chunk_overlap)
        texts = [embedding_text(c) for c in chunks]
        out.append((article, chunks, texts, coach.embedder.encode(texts)))
    return out


def add_filler(coach: Coach, target_chunks: int, rng: np.random.Generator) -> tuple[int, float]:
    """Fictional copies of the fixtures under invented names until the library holds ``target_chunks``."""
    from coach.models import Article, Chunk

    lib = coach.library
    have = lib.summary().chunks
    temps = templates(coach)
    started = time.perf_counter()
    i = 0
    batch: list = []
    while have < target_chunks:
        article, chunks, texts, vecs = temps[i % len(temps)]
        original = article.company or TEMPLATE_COMPANIES[i % 2]
        name = fake_company(i)
        doc_id = stable_id("filler", str(i))
        new_article = Article.model_validate_json(article.model_dump_json().replace(original, name))
        new_article = new_article.model_copy(update={"doc_id": doc_id, "path": f"synthetic/{name}.md",
                                                     "sha256": stable_id(name, length=64)})
        new_chunks = []
        for c in chunks:
            nc = Chunk.model_validate_json(c.model_dump_json().replace(original, name))
            new_chunks.append(nc.model_copy(update={"doc_id": doc_id, "path": new_article.path,
                                                    "id": stable_id(doc_id, str(c.position), nc.text)}))
        noisy = vecs + rng.normal(0, 0.02, vecs.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        batch.append((new_article, new_chunks, noisy, [t.replace(original, name) for t in texts]))
        have += len(new_chunks)
        i += 1
        if len(batch) == FILLER_BATCH or have >= target_chunks:
            lib.upsert_documents(batch)  # several documents per write: one per call made a 100k build take ~45 min
            batch = []
    return have, time.perf_counter() - started


def questions() -> list[tuple[str, list[dict]]]:
    return [(c.question, [t.model_dump() for t in c.history]) for c in load_cases() if c.grounded]


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(q * (len(s) - 1))))], 1)


def measure(coach: Coach, repeats: int) -> dict:
    qs = questions()
    first = []
    for q, h in qs:  # first time each question is asked: its sentences are not in the vector cache yet
        t = time.perf_counter()
        coach.ask(q, history=h)
        first.append((time.perf_counter() - t) * 1000)
    warm = []
    for _ in range(repeats):
        for q, h in qs:
            t = time.perf_counter()
            coach.ask(q, history=h)
            warm.append((time.perf_counter() - t) * 1000)
    return {"questions": len(qs), "warm_p50_ms": pct(warm, 0.5), "warm_p95_ms": pct(warm, 0.95),
            "first_ask_p50_ms": pct(first, 0.5), "first_ask_p95_ms": pct(first, 0.95),
            "first_ask_mean_ms": round(statistics.fmean(first), 1)}


def build(home: Path, target: int, embedder) -> tuple[Coach, dict]:
    coach = Coach(Settings(home=home))
    if embedder is not None:
        coach.__dict__["embedder"] = embedder
    t = time.perf_counter()
    coach.ingest([ROOT / "corpus", FIXTURES])
    real = time.perf_counter() - t
    chunks, filler_s = add_filler(coach, target, np.random.default_rng(0))
    t = time.perf_counter()
    coach.ask("How many rounds does the Amazon MLE interview have?")  # builds BM25 and the structure index
    cold_s = time.perf_counter() - t
    # A library change on a warm library (what every user of a shared server sees after someone adds an article):
    # ingest one more fictional article, then time the next answer, about an old and about the new article.
    t = time.perf_counter()
    coach.ingest([FURNITURE / "quillstack_pm_vs_tpm.md"])
    write_s = time.perf_counter() - t
    t = time.perf_counter()
    coach.ask("How many rounds does the Amazon MLE interview have?")
    after_write_s = time.perf_counter() - t
    t = time.perf_counter()
    new_doc = coach.ask("How many rounds does the Quillstack TPM loop have?")
    new_doc_s = time.perf_counter() - t
    return coach, {"chunks": chunks, "documents": len(coach.library.documents()), "real_ingest_s": round(real, 1),
                   "filler_write_s": round(filler_s, 1), "first_ask_cold_s": round(cold_s, 2),
                   "ingest_one_article_s": round(write_s, 2), "first_ask_after_write_s": round(after_write_s, 3),
                   "ask_about_new_article_s": round(new_doc_s, 3),
                   "new_article_answered": "5 rounds" in new_doc.answer}


def fresh_process(home: Path) -> tuple[float, float]:
    """Seconds for a fresh `coach ask` process to print its answer (wall), and for Python alone to start and exit."""
    from tests.processes import coach_bin, coach_env

    env = coach_env(home)
    started = time.perf_counter()
    out = subprocess.run([coach_bin(), "ask", "How long does the Amazon MLE process take?"], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    assert "week" in out.stdout, out.stdout
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return round(wall, 2), round(time.perf_counter() - started, 2)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=100000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    result = {"method": __doc__.split("\n\n", 2)[2].strip().replace("\n", " "), "cpu_count": os.cpu_count(),
              "load_avg_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        small, info = build(Path(tmp) / "small", args.small, None)
        result["small"] = {**info, **measure(small, args.repeats)}
        print(f"small: {json.dumps(result['small'])}", file=sys.stderr, flush=True)  # readable if stopped early
        total, interpreter = fresh_process(Path(tmp) / "small")
        result["fresh_coach_ask_s"] = {"wall": total, "bare_interpreter": interpreter}
        print(f"fresh coach ask: {json.dumps(result['fresh_coach_ask_s'])}", file=sys.stderr, flush=True)
        large, info = build(Path(tmp) / "large", args.large, small.embedder)
        result["large"] = {**info, **measure(large, args.repeats)}
    result["load_avg_end"] = os.getloadavg()[0]
    result["targets"] = {"small_warm_p50_ms": 150, "large_warm_p50_ms": 300, "large_first_ask_after_write_s": 1.0,
                         "large_new_question_p50_ms": 50, "fresh_coach_ask_s": 5.0}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(result["method"])
        for key in ("small", "large"):
            r = result[key]
            print(f"{key}: {r['chunks']} chunks / {r['documents']} docs — warm p50 {r['warm_p50_ms']} ms, "
                  f"p95 {r['warm_p95_ms']} ms; first ask of each question p50 {r['first_ask_p50_ms']} ms, "
                  f"p95 {r['first_ask_p95_ms']} ms (filler written in {r['filler_write_s']} s; first ask of the "
                  f"process {r['first_ask_cold_s']} s; after ingesting one more article ({r['ingest_one_article_s']} s) "
                  f"the next answer took {r['first_ask_after_write_s']} s, one about the new article "
                  f"{r['ask_about_new_article_s']} s, answered: {r['new_article_answered']})")
        f = result["fresh_coach_ask_s"]
        print(f"fresh `coach ask` process: {f['wall']} s wall (a bare interpreter: {f['bare_interpreter']} s)")
        print(load_note(result))
    return 0


def load_note(result: dict) -> str:
    """The machine load around a bench run (figures on a shared machine are noisy)."""
    return (f"load average {result['load_avg_start']:.1f} → {result['load_avg_end']:.1f} on {result['cpu_count']} "
            "cores shared with other jobs")


if __name__ == "__main__":
    raise SystemExit(main())
