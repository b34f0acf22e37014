"""Retrieval ranks on the real-article questions: where the retriever itself ranks each question's expected source,
apart from which passage the answer then cites, and what kind each retrieval miss is.

    .venv/bin/python bench/retrieval.py [CASES.jsonl] [--json] [--explain]

CASES is a tuning file, by default tests/evals/ask_real.jsonl (never a held-out split). The real articles (../shared/real-articles) and corpus/ are ingested
into a temporary library, as ``coach eval --only ask-real`` does. Each grounded question with expected sources and
no history is searched with the chain's retriever (unfiltered, top 20); reported: hit@1/@3/@10 overall and per batch,
and every miss (expected source below rank 3) by kind:
- ``beside``: the expected chunk is next to one of the top three in its article (the answer sits in the next window
  or in the adjacent sibling section);
- ``section``: it shares a section with one of the top three;
- ``sibling``: the top three hold its article, but other sections of it;
- ``elsewhere``: the top three are all from other articles.

``--explain`` adds, per miss, what each signal gave the best expected chunk and each of the top three
(``coach.retrieval.evidence``: dense, sentence, bm25, structure, answer; ``score`` includes the neighbour bonus): which
signal put a sibling ahead, or whether the expected chunk was no candidate at all.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.api import Coach  # noqa: E402
from coach.chain import _source  # noqa: E402
from coach.compose import Hit  # noqa: E402
from coach.retrieval import evidence, fuse  # noqa: E402
from coach.evaluation import _private_coach, real_articles  # noqa: E402
from coach.evaluation.ask import REAL_CASES, batch_of, load_cases  # noqa: E402

DEPTH = 20


def _matches(case, chunk) -> bool:
    source = _source(0, Hit(chunk=chunk, score=0.0, dense=0.0, heading=0.0))
    return any(e.matches(source) for e in case.sources)


def miss_kind(case, top, chunks, neighbours) -> str:
    """What the top three hold relative to the expected chunks (see the module docstring)."""
    targets = [c for c in chunks if _matches(case, c)]
    ids = {c.id for c in targets}
    if any(n in ids for h in top for n in neighbours(h.chunk.id)):
        return "beside"
    if {(h.chunk.doc_id, h.chunk.section) for h in top} & {(c.doc_id, c.section) for c in targets}:
        return "section"
    if {h.chunk.doc_id for h in top} & {c.doc_id for c in targets}:
        return "sibling"
    return "elsewhere"


def explain(case, hits, signals) -> dict:
    """What each signal gave the best expected candidate and each of the top three hits."""
    parts = evidence(signals)

    def row(hit: Hit) -> dict:
        c = hit.chunk
        return {"section": c.section, "text": c.text[:80], "score": round(hit.score, 3),
                **{k: round(v, 3) for k, v in parts.get(c.id, {}).items()}}

    expected = next((h for h in fuse(signals) if _matches(case, h.chunk)), None)
    return {"expected": row(expected) if expected else None, "top": [row(h) for h in hits[:3]]}


def run(coach, cases, details: bool = False) -> dict:
    retriever = coach.ask_chain.retriever(k=DEPTH)
    index = retriever.structure()
    chunks = coach.library.all_chunks()
    ranks: dict[str, int | None] = {}
    kinds: dict[str, str] = {}
    why: dict[str, dict] = {}
    for case in cases:
        if not case.grounded or not case.sources or case.history:
            continue
        signals = retriever.signals(case.question)
        hits = retriever.ranked(signals) if signals is not None else []
        ranks[case.id] = next((i for i, h in enumerate(hits, 1) if _matches(case, h.chunk)), None)
        if not ranks[case.id] or ranks[case.id] > 3:
            kinds[case.id] = miss_kind(case, hits[:3], chunks, index.neighbours)
            if details and signals is not None:
                why[case.id] = explain(case, hits, signals)

    def rates(ids: list[str]) -> dict[str, float]:
        return {f"hit@{k}": round(sum(1 for i in ids if ranks[i] and ranks[i] <= k) / len(ids), 3)
                for k in (1, 3, 10)} | {"cases": len(ids)}

    batches: dict[str, list[str]] = {}
    for cid in ranks:
        batches.setdefault(batch_of(cid), []).append(cid)
    return {"overall": rates(list(ranks)), "by_batch": {b: rates(ids) for b, ids in batches.items()},
            "miss_kinds": dict(Counter(kinds.values())),
            "misses": {cid: {"rank": ranks[cid], "kind": kind, **({"explain": why[cid]} if cid in why else {})}
                       for cid, kind in kinds.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(REAL_CASES))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--explain", action="store_true", help="each miss's evidence by signal")
    args = parser.parse_args()
    articles = real_articles()
    if not articles:
        print("../shared/real-articles is missing: nothing to measure", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="coach-bench-retrieval-") as home:
        coach = _private_coach(Coach(), home)
        coach.ingest([*articles, ROOT / "corpus"])
        report = run(coach, load_cases(args.cases), details=args.explain)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    o = report["overall"]
    print(f"retrieval: {o['cases']} questions — hit@1 {o['hit@1']:.3f}, hit@3 {o['hit@3']:.3f}, "
          f"hit@10 {o['hit@10']:.3f}")
    print("by batch: " + "  ".join(f"{b} {r['hit@3']:.2f}" for b, r in report["by_batch"].items()))
    print("misses by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(report["miss_kinds"].items())))
    for cid, m in report["misses"].items():
        print(f"  {m['kind']:9s} rank {m['rank'] or '>20':>3}  {cid}")
        why = m.get("explain")
        for tag, row in ([("expected", why["expected"])] + [("top", r) for r in why["top"]]) if why else ():
            if row is not None:
                signals = " ".join(f"{k} {v:.3f}" for k, v in row.items() if k not in ("section", "text"))
                print(f"      {tag:8s} {signals}  [{(row['section'] or '')[:40]}] {row['text'][:50]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
