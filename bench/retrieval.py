"""Retrieval ranks on the real-article questions, measured on the passages the answer path hands to the composer, and
whether the answer then cites the expected source: a retrieval gain that is no answer gain says where it was lost.

    .venv/bin/python bench/retrieval.py [CASES.jsonl] [--json] [--explain]

CASES is a tuning file, by default tests/evals/ask_real.jsonl (never a held-out split). The real articles (../shared/real-articles) and corpus/ are ingested
into a temporary library, as ``coach eval --only ask-real`` does. Each grounded question with expected sources goes
through the chain's own retrieval step (``AskChain.retrieval``: rewrite with its history, scope, the role filter, a
named company's articles merged with the whole library's hits, the acronym and list-start passages joined), so the
ranks are those of the hits the composer reads (it reads the first ``compose`` ``max_chunks``, 10), and then through
the chain's compose step, as ``coach.ask`` does. Reported: hit@1/@3/@10 of those hits and ``cited@3`` (the answer
cites the expected source among its first three, as the ask evaluation requires) overall and per batch; where each
question ended (``stage``: ``retrieval`` — not among the composer's hits —, ``compose`` — among them but not cited
in the first three —, ``declined``, ``cited``); for an expected source in the top three that the answer does not
cite, which hit it quoted instead (``lost_to``); and every retrieval miss (expected source below rank 3) by
kind:
- ``beside``: the expected chunk is next to one of the top three in its article (the answer sits in the next window
  or in the adjacent sibling section);
- ``section``: it shares a section with one of the top three;
- ``sibling``: the top three hold its article, but other sections of it;
- ``elsewhere``: the top three are all from other articles.

``--explain`` adds, per miss, what each signal gave the best expected chunk and each of the top three
(``coach.retrieval.evidence`` over the whole library for the standalone question: dense, sentence, bm25, structure,
answer; ``score`` includes the neighbour bonus): which signal put a sibling ahead, or whether the expected chunk was no
candidate at all; ``lost_on`` counts the misses by that signal (``lost_on``).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.api import Coach  # noqa: E402
from coach.chain import _source  # noqa: E402
from coach.compose import Hit  # noqa: E402
from coach.errors import CoachError  # noqa: E402
from coach.retrieval import evidence, fuse  # noqa: E402
from coach.evaluation import real_articles, real_library  # noqa: E402
from coach.evaluation.ask import REAL_CASES, batch_of, load_cases  # noqa: E402

DEPTH = 20  # signals explained per miss
COMPOSED = 10  # hits the composer reads (``compose``'s ``max_chunks``)


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


SIGNALS = ("dense", "sentence", "bm25", "structure", "answer")


def lost_to(rank: int, quoted: int | None) -> str:
    """What an answer quoted in place of the expected chunk that the retriever ranked ``rank`` (in its top three):
    ``first hit`` (the retriever's first, the answer ranked below it), ``lower hit`` (the answer ranked first, a hit
    below it quoted), ``other hit`` (the answer and the quoted hit both below the first), ``no hit`` (declined, or a
    passage the chain joined)."""
    if quoted is None:
        return "no hit"
    return "first hit" if quoted == 1 else "lower hit" if rank == 1 else "other hit"


def lost_on(why: dict) -> str:
    """The signal that put the composer's first hit furthest ahead of a miss's expected chunk (``explain``'s rows):
    one of ``SIGNALS``, ``dropped`` (a signal found it, but it is a promotion or a stub, never retrieved), ``not a
    candidate`` (no signal found it), or ``company search`` (the first hit came from a named company's own search, not
    the whole library's)."""
    expected, top = why["expected"], why["top"]
    if expected is None:
        return "dropped" if why.get("dropped") else "not a candidate"
    if not top or top[0]["score"] is None:
        return "company search"
    return max(SIGNALS, key=lambda k: top[0].get(k, 0.0) - expected.get(k, 0.0))


def explain(case, hits, signals) -> dict:
    """What each signal gave the best expected candidate and each of the composer's first three hits, over the whole
    library (``score``: the fused score there, None for a hit that is no candidate of it — a company's own search)."""
    parts = evidence(signals)
    fused = {h.chunk.id: h for h in fuse(signals)}  # best first

    def row(chunk) -> dict:
        got = fused.get(chunk.id)
        return {"section": chunk.section, "text": chunk.text[:80], "score": round(got.score, 3) if got else None,
                **{k: round(v, 3) for k, v in parts.get(chunk.id, {}).items()}}

    expected = next((h.chunk for h in fused.values() if _matches(case, h.chunk)), None)
    # found by a signal but never retrieved: a promotion or a stub (``HybridRetriever._keep``)
    dropped = expected is None and any(_matches(case, c) for cid, c in signals.chunks.items()
                                       if cid not in signals.kept)
    return {"expected": row(expected) if expected else None, "top": [row(h.chunk) for h in hits[:3]],
            "dropped": dropped}


def run(coach, cases, details: bool = False) -> dict:
    chain = coach.ask_chain
    retriever = chain.retriever(k=DEPTH)
    index = retriever.structure()
    chunks = coach.library.all_chunks()
    ranks: dict[str, int | None] = {}
    cited: dict[str, int | None] = {}
    stages: dict[str, str] = {}
    kinds: dict[str, str] = {}
    lost: dict[str, str] = {}  # in the top three, not cited there: what the answer quoted instead
    why: dict[str, dict] = {}
    for case in cases:
        if not case.grounded or not case.sources:
            continue
        # The answer path itself: the hits the composer reads, then the answer ``coach.ask`` would give.
        try:
            state = chain.retrieval.invoke({"question": case.question, "history": case.history, "role": case.role})
        except CoachError:  # refused before retrieval (the evaluation counts it as a failure too)
            ranks[case.id], cited[case.id], stages[case.id] = None, None, "declined"
            continue
        hits = state["retrieved"]["hits"]
        answer = chain._compose({**state, "extractive_only": True})
        ranks[case.id] = next((i for i, h in enumerate(hits, 1) if _matches(case, h.chunk)), None)
        cited[case.id] = next((i for i, s in enumerate(answer.sources, 1) if any(e.matches(s) for e in case.sources)),
                              None) if answer.grounded else None
        rank, quoted = ranks[case.id], cited[case.id]
        stages[case.id] = "cited" if quoted and quoted <= 3 else "declined" if not answer.grounded else \
            "retrieval" if not rank or rank > COMPOSED else "compose"
        if rank and rank <= 3 and stages[case.id] != "cited":
            first = answer.sources[0] if answer.grounded and answer.sources else None
            lost[case.id] = lost_to(rank, first and next((i for i, h in enumerate(hits, 1) if (
                h.chunk.doc_id, h.chunk.text) == (first.doc_id, first.text)), None))
        if not rank or rank > 3:
            kinds[case.id] = miss_kind(case, hits[:3], chunks, index.neighbours)
            signals = retriever.signals(state["standalone"]) if details else None
            if signals is not None:
                why[case.id] = explain(case, hits, signals)

    def rates(ids: list[str]) -> dict[str, float]:
        return {f"hit@{k}": round(sum(1 for i in ids if ranks[i] and ranks[i] <= k) / len(ids), 3)
                for k in (1, 3, 10)} | {"cited@3": round(sum(1 for i in ids if stages[i] == "cited") / len(ids), 3),
                                        "cases": len(ids)}

    batches: dict[str, list[str]] = {}
    for cid in ranks:
        batches.setdefault(batch_of(cid), []).append(cid)
    return {"overall": rates(list(ranks)), "by_batch": {b: rates(ids) for b, ids in batches.items()},
            "stages": dict(Counter(stages.values())),
            # retrieval had it in its top three but the answer does not cite it there (and the reverse)
            "lost_after_retrieval": sorted(lost),
            "lost_to": dict(Counter(lost.values())),
            "found_by_compose": sorted(c for c in ranks if (ranks[c] or 99) > 3 and stages[c] == "cited"),
            "miss_kinds": dict(Counter(kinds.values())),
            "lost_on": dict(Counter(lost_on(w) for w in why.values())),
            "misses": {cid: {"rank": ranks[cid], "kind": kind, "stage": stages[cid],
                             **({"explain": why[cid], "lost_on": lost_on(why[cid])} if cid in why else {})} for cid, kind in kinds.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(REAL_CASES))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--explain", action="store_true", help="each miss's evidence by signal")
    args = parser.parse_args()
    if not real_articles():
        print("../shared/real-articles is missing: nothing to measure", file=sys.stderr)
        return 1
    with real_library(Coach()) as coach:
        report = run(coach, load_cases(args.cases), details=args.explain)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    o = report["overall"]
    print(f"retrieval: {o['cases']} questions — hit@1 {o['hit@1']:.3f}, hit@3 {o['hit@3']:.3f}, "
          f"hit@10 {o['hit@10']:.3f}; answers cite it in the first three: {o['cited@3']:.3f}")
    print("by batch (hit@3/cited@3): " + "  ".join(f"{b} {r['hit@3']:.2f}/{r['cited@3']:.2f}"
                                                    for b, r in report["by_batch"].items()))
    print("stages: " + ", ".join(f"{k} {n}" for k, n in sorted(report["stages"].items())))
    print(f"in retrieval's top three, not cited there: {len(report['lost_after_retrieval'])}; "
          f"cited though retrieval ranked it below three: {len(report['found_by_compose'])}")
    print("  quoted instead: " + ", ".join(f"{k} {n}" for k, n in sorted(report["lost_to"].items())))
    print("misses by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(report["miss_kinds"].items())))
    if report["lost_on"]:
        print("misses by the signal that put the first hit furthest ahead: "
              + ", ".join(f"{k} {n}" for k, n in sorted(report["lost_on"].items(), key=lambda t: -t[1])))
    for cid, m in report["misses"].items():
        print(f"  {m['kind']:9s} rank {m['rank'] or '-':>3}  {m['stage']:9s} {cid}")
        why = m.get("explain")
        for tag, row in ([("expected", why["expected"])] + [("top", r) for r in why["top"]]) if why else ():
            if row is not None:
                signals = " ".join(f"{k} {v:.3f}" for k, v in row.items()
                                   if k not in ("section", "text") and v is not None)
                print(f"      {tag:8s} {signals}  [{(row['section'] or '')[:40]}] {row['text'][:50]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
