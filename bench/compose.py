"""Composition's choice among retrieved passages: which tuning questions have their expected source in the
retriever's top three while the answer cites other passages, and why the composer preferred those.

    .venv/bin/python bench/compose.py [CASES.jsonl] [--home DIR] [--json] [--explain] [--ablate] [--ids ID,ID]

CASES is a tuning file, by default tests/evals/ask_real.jsonl (never a held-out split). The real articles and corpus/
are ingested into ``--home`` (kept between runs, so a second run only checks that nothing changed) or a temporary
library. Every grounded question with expected sources and no history is answered as ``coach eval`` answers it
(same pass/fail) while the composer is watched; reported per batch: accuracy, retrieval hit@3 and the *losses* —
questions whose expected chunk the retriever ranks in its top three but whose answer cites none of it — by cause:
- ``dropped``: the expected chunk was not among the passages the composer got (the chain's filters or reordering);
- ``unquotable``: it was, but none of its sentences is a candidate (headings, lead-ins, adverts only);
- ``declined``: the composer cited it, then the chain refused to answer (scope, relevance, an unknown word);
- ``empty``: the composer declined (no advice for a situation, nothing on the subject);
- ``path:<name>``: a kind-specific answer of ``coach.compose.answer`` (``_list_answer``, ``_introduced_list``,
  ``_labelled_facts``, ``_inline_list``, ``_not_exact`` …) was built from other passages;
- ``unembedded``: the generic answer; the expected chunk's closest sentence was never embedded (it scored with the
  lowest similarity seen) and is about as close to the question as the sentence that led;
- ``similarity`` / ``evidence`` / ``prior``: the generic answer led with another passage's sentence; what most of its
  lead over the expected chunk's best sentence came from: embedding similarity, the retrieval evidence terms
  (relevance, rank, heading match) or everything else (word overlap, question-type cues, kind rules, penalties);
- ``reordered``: the expected chunk's sentence scored best, yet a later rule put another passage's sentence first.
``--explain`` prints each loss's lead and expected sentences with their scores; ``--ablate`` answers each loss again
with one scoring term of ``coach.compose.answer`` switched off at a time (``ABLATIONS``) and lists those under which
the expected chunk is cited (``+``: the case then passes). Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import coach.chain as chain_module  # noqa: E402
import coach.compose.answer as answer_module  # noqa: E402
from coach.api import Coach  # noqa: E402
from coach.chain import _source  # noqa: E402
from coach.compose import Hit  # noqa: E402
from coach.evaluation import real_articles, real_library  # noqa: E402
from coach.evaluation.ask import REAL_CASES, batch_of, evaluate_case, load_cases  # noqa: E402
from coach.plan import plan as _plan  # noqa: E402

DEPTH = 20
# The kind-specific answers of ``coach.compose.answer``: the one that returned an answer names the path taken.
PATHS = ("_not_exact", "_labelled_facts", "_which_more", "_labelled_items", "_opening", "_fix_answer",
         "_introduced_list", "_numbered_steps", "_inline_list", "_list_answer", "_render")


def _matches(case, chunk) -> bool:
    source = _source(0, Hit(chunk=chunk, score=0.0, dense=0.0, heading=0.0))
    return any(e.matches(source) for e in case.sources)


class Watch:
    """Wraps the composer and its kind-specific answers to record, for the last ``compose`` call, its hits, the
    scored candidates (as ``_labelled_facts`` receives them, before any kind's reordering), the texts it embedded
    and the path that returned the answer."""

    def __init__(self):
        self.last: dict = {}
        self.depth = 0
        original = answer_module.compose
        watch = self

        def compose(question, hits, sentence_vectors, query_vector, *args, **kwargs):
            encoded: list[str] = []
            encode = sentence_vectors.encode

            def logged(texts):
                encoded.extend(texts)
                return encode(texts)

            watch.last = {"question": question, "hits": list(hits), "qv": query_vector, "encoded": encoded,
                          "path": None, "opening": False, "scored": None, "vectors": sentence_vectors}
            sentence_vectors.encode = logged
            try:
                out = original(question, hits, sentence_vectors, query_vector, *args, **kwargs)
            finally:
                del sentence_vectors.encode  # back to the class's method
            watch.last["out"] = out
            return out

        chain_module.compose = compose
        for name in PATHS:
            setattr(answer_module, name, self._wrapped(name, getattr(answer_module, name)))

    def _wrapped(self, name, fn):
        def run(*args, **kwargs):
            if name == "_labelled_facts" and self.last.get("scored") is None:
                self.last["scored"] = list(args[2])
            self.depth += 1
            try:
                out = fn(*args, **kwargs)
            finally:
                self.depth -= 1
            if out is not None and self.depth == 0:
                if name == "_opening":
                    self.last["opening"] = bool(out)
                else:
                    self.last["path"] = name
            return out
        return run


def hits_by_n(out, hits: list[Hit]) -> dict[int, object]:
    """The chunk each source number of a composed answer cites."""
    by_id = {h.chunk.id: h.chunk for h in hits}
    return {s.n: next((c for c in by_id.values() if c.doc_id == s.doc_id and c.text == s.text), None)
            for s in out.sources}


def classify(case, watch: Watch) -> tuple[str, dict]:
    """Why the answer cites no expected chunk although the retriever ranked one in its top three."""
    last = watch.last
    hits: list[Hit] = last.get("hits") or []
    out = last.get("out")
    expected = [hi for hi, h in enumerate(hits) if _matches(case, h.chunk)]
    if not expected:
        return "dropped", {}
    scored = last.get("scored")
    if out is None or not out.text:
        return "empty", {}
    if scored is None:
        return f"path:{last['path'] or 'prompt'}", {}
    mine = [t for t in scored if t[1].hi in expected]
    if not mine:
        return "unquotable", {}
    if any(c is not None and _matches(case, c) for c in hits_by_n(out, hits).values()):
        return "declined", {}  # the composer cited it; the chain then refused to answer (scope, relevance)
    path = last["path"]
    lead = scored[0]
    detail = {"lead": (round(lead[0], 3), hits[lead[1].hi].chunk.section, lead[1].text[:140]),
              "expected": (round(mine[0][0], 3), hits[mine[0][1].hi].chunk.section, mine[0][1].text[:140]),
              "rank_of_expected": next(i for i, t in enumerate(scored) if t[1].hi in expected),
              "lead_doc": hits[lead[1].hi].chunk.doc_id, "cited_docs": sorted({s.doc_id for s in out.sources})}
    if path != "_render" or last["opening"]:
        return f"path:{'_opening' if last['opening'] else path}", detail
    qv = np.asarray(last["qv"], dtype=np.float32)
    # True similarity of the expected chunk's sentences: the closest one may never have been embedded.
    texts = [t[1].text for t in mine]
    true = last["vectors"].encode(texts) @ qv
    best_mine = mine[int(np.argmax(true))]
    detail["closest"] = (round(float(np.max(true)), 3), best_mine[1].text[:100])
    if lead[1].hi in expected:
        return "reordered", detail
    if best_mine[1].text not in last["encoded"] and float(np.max(true)) > float(
            last["vectors"].encode([lead[1].text])[0] @ qv) - 0.05:
        return "unembedded", detail
    lead_sim = float(last["vectors"].encode([lead[1].text])[0] @ qv)
    mine_sim = float(last["vectors"].encode([mine[0][1].text])[0] @ qv)
    d_sim = 0.55 * (lead_sim - mine_sim)
    d_all = lead[0] - mine[0][0]
    best_rel = max((h.relevance for h in hits), default=1.0) or 1.0

    def evidence(hi: int) -> float:
        """The prior's terms from the retrieval evidence (see ``prior`` in ``coach.compose.answer``)."""
        h = hits[hi]
        return 0.15 * h.relevance / best_rel - 0.02 * hi + 0.6 * max(0.0, h.heading - answer_module.MATCHING_HEADING)

    d_evidence = evidence(lead[1].hi) - evidence(mine[0][1].hi)
    detail.update(d_score=round(d_all, 3), d_sim=round(d_sim, 3), d_evidence=round(d_evidence, 3),
                  hits=[(hi, round(hits[hi].heading, 3), round(hits[hi].dense, 3)) for hi in (lead[1].hi, mine[0][1].hi)],
                  same_doc=hits[lead[1].hi].chunk.doc_id == hits[mine[0][1].hi].chunk.doc_id)
    rest = d_all - d_sim - d_evidence
    biggest = max((d_sim, "similarity"), (d_evidence, "evidence"), (rest, "prior"))
    return biggest[1], detail


_NEVER = re.compile(r"(?!x)x")
# One scoring term of ``coach.compose.answer`` switched off at a time (``--ablate``): the term whose removal makes the
# answer cite the expected chunk is what made the composer prefer the other one.
ABLATIONS = {
    "cues": {"_CUES": []},  # question-type cues (an amount for "pay", a duration for "how long")
    "recommends": {"_recommends": lambda sentence: False},  # a yes/no question's bonus for recommendations
    "scene": {"_SCENE": _NEVER},
    "announces": {"_announces": lambda sentence: False},
    "heading": {"MATCHING_HEADING": 2.0},  # the bonus of a heading / FAQ question matching the question
    "kind": {"plan": lambda q: dataclasses.replace(_plan(q), kind="other")},  # every kind-specific rule
    "situation": {"asks_what_to_do": lambda q: False},
}


def ablated(coach, case) -> list[str]:
    """The ablations under which the answer to ``case`` cites an expected chunk."""
    flips = []
    for name, patch in ABLATIONS.items():
        saved = {k: getattr(answer_module, k) for k in patch}
        for k, v in patch.items():
            setattr(answer_module, k, v)
        try:
            result = evaluate_case(coach, case)
        finally:
            for k, v in saved.items():
                setattr(answer_module, k, v)
        if result.rank is not None:
            flips.append(name + ("+" if result.passed else ""))
    return flips


def run(coach, cases, ids: set[str] | None = None, ablate: bool = False) -> dict:
    watch = Watch()
    retriever = coach.ask_chain.retriever(k=DEPTH)
    rows = {}
    for case in cases:
        if not case.grounded or not case.sources or case.history or (ids and case.id not in ids):
            continue
        signals = retriever.signals(case.question)
        ranked = retriever.ranked(signals) if signals is not None else []
        rank = next((i for i, h in enumerate(ranked, 1) if _matches(case, h.chunk)), None)
        result = evaluate_case(coach, case)
        cited = result.rank is not None
        row = {"passed": result.passed, "retrieved": rank, "cited": cited, "answer": result.answer[:240]}
        if rank is not None and rank <= 3 and not cited:
            row["loss"], row["detail"] = classify(case, watch)
            if ablate:
                row["flips"] = ablated(coach, case)
        rows[case.id] = row
    batches: dict[str, list[str]] = {}
    for cid in rows:
        batches.setdefault(batch_of(cid), []).append(cid)

    def rates(ids_: list[str]) -> dict:
        n = len(ids_)
        return {"cases": n, "accuracy": round(sum(rows[i]["passed"] for i in ids_) / n, 3),
                "hit@3": round(sum(1 for i in ids_ if rows[i]["retrieved"] and rows[i]["retrieved"] <= 3) / n, 3),
                "losses": sum(1 for i in ids_ if "loss" in rows[i])}

    return {"overall": rates(list(rows)), "by_batch": {b: rates(v) for b, v in batches.items()},
            "loss_kinds": dict(Counter(r["loss"] for r in rows.values() if "loss" in r).most_common()),
            "cases": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", default=str(REAL_CASES))
    parser.add_argument("--home", help="library folder kept between runs (default: a temporary one)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--explain", action="store_true", help="each loss's lead and expected sentences")
    parser.add_argument("--ids", help="only these case ids (comma-separated)")
    parser.add_argument("--ablate", action="store_true", help="per loss, the scoring terms whose removal fixes it")
    args = parser.parse_args()
    if not real_articles():
        print("../shared/real-articles is missing: nothing to measure", file=sys.stderr)
        return 1
    with real_library(Coach(), args.home) as coach:
        report = run(coach, load_cases(args.cases), set(args.ids.split(",")) if args.ids else None, args.ablate)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    o = report["overall"]
    print(f"compose: {o['cases']} questions — accuracy {o['accuracy']:.3f}, retrieval hit@3 {o['hit@3']:.3f}, "
          f"losses (expected in top 3, not cited) {o['losses']}")
    print("by batch: " + "  ".join(f"{b} {r['accuracy']:.2f}/{r['hit@3']:.2f}/{r['losses']}"
                                   for b, r in report["by_batch"].items()))
    print("losses by cause: " + ", ".join(f"{k} {n}" for k, n in report["loss_kinds"].items()))
    for cid, row in report["cases"].items():
        if "loss" not in row:
            continue
        print(f"  {row['loss']:22s} {cid}" + (f"  ablations: {', '.join(row['flips'])}" if row.get("flips") else ""))
        if args.explain:
            for key, value in row["detail"].items():
                print(f"      {key}: {value}")
            print(f"      answer: {row['answer'][:200]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
