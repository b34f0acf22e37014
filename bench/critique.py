"""Critique latency: warm p50/p95 per answer over the evaluation answers, and answers/s in batch mode.

Usage: .venv/bin/python bench/critique.py [--json] [--rounds N]

"Warm" means the model is loaded and the rubric phrases are encoded (they are cached per item); every timed critique
still encodes its own sentences (that cache is cleared before each call), so the figures are what a new answer
costs. "Cold rubric" clears the phrase cache too (the first critique after an ingest). Batch runs the whole set
back to back, as ``coach critique --batch`` does.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the evaluation answers")
    args = parser.parse_args(argv)

    from coach.components.embedding import Embedder
    from coach.critique import critique_answer
    from coach.critique.engine import clear_caches
    from coach.evaluation.critique import article_paths, load_cases, load_items_by_doc
    from coach.settings import Settings

    cases = [c for c in load_cases() if c.answer.strip()]
    items_by_doc = load_items_by_doc(article_paths(c.doc for c in cases).values())
    embedder = Embedder(Settings())
    started = time.perf_counter()
    embedder.encode(["warm up"])
    load_s = time.perf_counter() - started

    def run(case):
        return critique_answer(items_by_doc[case.doc], role=case.role, question=case.question, answer=case.answer,
                               embedder=embedder)

    for case in cases[:3]:
        run(case)  # first calls pay one-off costs (tokenizer, torch kernels)
    single: list[float] = []
    for _ in range(args.rounds):
        for case in cases:
            clear_caches(phrases=False)
            t = time.perf_counter()
            run(case)
            single.append((time.perf_counter() - t) * 1000)
    cold: list[float] = []
    for case in cases:
        clear_caches()
        t = time.perf_counter()
        run(case)
        cold.append((time.perf_counter() - t) * 1000)

    clear_caches()
    t = time.perf_counter()
    for case in cases:
        run(case)
    batch_s = time.perf_counter() - t
    words = [len(c.answer.split()) for c in cases]
    figures = {
        "answers": len(cases),
        "rounds": args.rounds,
        "answer_words_median": statistics.median(words),
        "answer_words_max": max(words),
        "model_load_s": round(load_s, 2),
        "warm_p50_ms": round(statistics.median(single), 1),
        "warm_p95_ms": round(_percentile(single, 0.95), 1),
        "warm_max_ms": round(max(single), 1),
        "cold_rubric_p50_ms": round(statistics.median(cold), 1),
        "batch_answers_per_s": round(len(cases) / batch_s, 1),
        "target_p50_ms": 300,
        "cpu_count": os.cpu_count(),
        "load_avg_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"critique bench: {figures['answers']} answers x {args.rounds} rounds "
              f"(median {figures['answer_words_median']} words, max {figures['answer_words_max']})")
        print(f"  model load        {figures['model_load_s']:.2f} s")
        print(f"  warm p50 / p95    {figures['warm_p50_ms']:.0f} / {figures['warm_p95_ms']:.0f} ms "
              f"(target p50 <= 300 ms; max {figures['warm_max_ms']:.0f} ms)")
        print(f"  cold rubric p50   {figures['cold_rubric_p50_ms']:.0f} ms (phrase cache cleared too)")
        print(f"  batch             {figures['batch_answers_per_s']:.1f} answers/s")
        print(f"  machine           {figures['cpu_count']} CPUs, 1-min load average {figures['load_avg_1min']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
