"""bench/retrieval.py's per-batch report (the bench itself needs ../shared and minutes; this checks its grouping)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "retrieval.py"


def test_batches_keep_their_letter_suffix_in_the_bench_and_the_ask_report_alike():
    from coach.evaluation.ask import batch_of

    bench = _bench()
    ids = ("rw-a", "rw5-b", "rw10r-c", "rw10c-d", "rw10s-in-e", "rw11r-f")
    assert bench.batch_of is batch_of  # one definition of a batch for both reports
    assert [batch_of(i) for i in ids] == ["rw", "rw5", "rw10r", "rw10c", "rw10s", "rw11r"]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_retrieval", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_explain_splits_each_miss_score_by_signal(library_coach):
    """``--explain`` shows what each signal gave a miss's expected chunk and the composer's first three hits, and the
    parts add up to the fused score but for the neighbour bonus (at most its weight). Fictional case: the expected
    passage (the salary FAQ) does not answer the question (the behavioural round), so it misses."""
    from coach.evaluation.ask import AskCase
    from coach.retrieval import WEIGHTS

    bench = _bench()
    case = AskCase(id="fx-miss", question="What happens in the NimbusFin behavioural round?",
                   sources=[{"doc": "nimbusfin", "text": "salary range"}])
    report = bench.run(library_coach, [case], details=True)
    why = report["misses"]["fx-miss"]["explain"]
    hits = library_coach.ask_chain.retrieval.invoke({"question": case.question})["retrieved"]["hits"]
    assert [r["text"] for r in why["top"]] == [h.chunk.text[:80] for h in hits[:3]]
    rows = [r for r in (why["expected"], *why["top"]) if r is not None and r["score"] is not None]
    assert rows
    for row in rows:
        parts = sum(row[k] for k in ("dense", "sentence", "bm25", "structure", "answer"))
        assert -0.002 <= row["score"] - parts <= WEIGHTS["neighbour"], row


def test_ranks_are_those_of_the_answer_path_and_say_whether_the_answer_cites_it(library_coach):
    """A follow-up is measured on its standalone question and a role question inside its role, as ``coach.ask``
    answers them (the bench used to skip the one and search the other unfiltered), and each case says whether the
    answer cites the expected source among its first three. Cases from the seed set (fictional corpus)."""
    from coach.evaluation.ask import DEFAULT_CASES, load_cases

    cases = [c for c in load_cases(DEFAULT_CASES) if c.id in ("amz-followup-duration", "amz-followup-rounds")]
    assert len(cases) == 2 and all(c.history for c in cases)
    report = _bench().run(library_coach, cases)
    assert report["overall"]["cases"] == 2
    for case in cases:
        answer = library_coach.ask(case.question, history=case.history, role=case.role)
        cited = next(i for i, s in enumerate(answer.sources, 1) if any(e.matches(s) for e in case.sources))
        assert cited <= 3
    assert report["overall"]["cited@3"] == 1.0 and report["stages"] == {"cited": 2}
    assert report["overall"]["hit@10"] == 1.0


def test_each_miss_is_counted_under_the_signal_that_lost_it():
    """``lost_on``: the signal with the largest lead of the first hit over the expected chunk, or why there is none."""
    bench = _bench()
    row = dict.fromkeys(bench.SIGNALS, 0.0)
    expected = {**row, "score": 0.5, "dense": 0.40, "bm25": 0.08}
    top = {**row, "score": 0.6, "dense": 0.55, "bm25": 0.02, "structure": 0.03}
    assert bench.lost_on({"expected": expected, "top": [top]}) == "dense"
    assert bench.lost_on({"expected": expected, "top": [{**top, "dense": 0.41, "structure": 0.09}]}) == "structure"
    assert bench.lost_on({"expected": None, "top": [top]}) == "not a candidate"
    assert bench.lost_on({"expected": None, "top": [top], "dropped": True}) == "dropped"
    assert bench.lost_on({"expected": expected, "top": [{**top, "score": None}]}) == "company search"


def test_a_passage_retrieved_but_not_quoted_says_what_the_answer_quoted_instead(library_coach):
    """A case whose expected passage is one of the composer's first three hits that the answer does not quote is
    counted as lost after retrieval, under what the answer quoted in its place (``lost_to``)."""
    from coach.evaluation.ask import AskCase

    bench = _bench()
    question = "What happens in the NimbusFin behavioural round?"
    hits = library_coach.ask_chain.retrieval.invoke({"question": question})["retrieved"]["hits"]
    answer = library_coach.ask(question)
    keys = [(h.chunk.doc_id, h.chunk.text) for h in hits]
    quoted = [(s.doc_id, s.text) for s in answer.sources]
    rank = next(i for i, k in enumerate(keys[:3], 1) if k not in quoted)
    case = AskCase(id="fx-lost", question=question, sources=[{"doc": keys[rank - 1][0], "text": keys[rank - 1][1]}])
    report = bench.run(library_coach, [case])
    assert report["lost_after_retrieval"] == ["fx-lost"]
    assert report["lost_to"] == {bench.lost_to(rank, keys.index(quoted[0]) + 1): 1}


def test_what_an_answer_quoted_instead_is_named_by_where_the_retriever_ranked_both():
    bench = _bench()
    assert bench.lost_to(2, 1) == bench.lost_to(3, 1) == "first hit"  # the retriever's first hit led the answer
    assert bench.lost_to(1, 4) == "lower hit"  # the answer was ranked first, a hit below it quoted
    assert bench.lost_to(3, 2) == "other hit"
    assert bench.lost_to(1, None) == "no hit"
