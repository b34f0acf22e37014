"""bench/retrieval.py's per-batch report (the bench itself needs ../shared and minutes; this checks its grouping)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "retrieval.py"


def test_batches_keep_their_letter_suffix_in_the_bench_and_the_ask_report_alike():
    from coach.evaluation.ask import batch_of

    spec = importlib.util.spec_from_file_location("bench_retrieval", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    ids = ("rw-a", "rw5-b", "rw10r-c", "rw10c-d", "rw10s-in-e", "rw11r-f")
    assert bench.batch_of is batch_of  # one definition of a batch for both reports
    assert [batch_of(i) for i in ids] == ["rw", "rw5", "rw10r", "rw10c", "rw10s", "rw11r"]


def test_explain_splits_each_miss_score_by_signal(library_coach):
    """``--explain`` shows what each signal gave a miss's expected chunk and the top three, and the parts add up to
    the fused score but for the neighbour bonus (at most its weight). Fictional case: the expected passage (the
    salary FAQ) does not answer the question (the behavioural round), so it misses."""
    from coach.evaluation.ask import AskCase
    from coach.retrieval import WEIGHTS

    spec = importlib.util.spec_from_file_location("bench_retrieval", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    case = AskCase(id="fx-miss", question="What happens in the NimbusFin behavioural round?",
                   sources=[{"doc": "nimbusfin", "text": "salary range"}])
    report = bench.run(library_coach, [case], details=True)
    why = report["misses"]["fx-miss"]["explain"]
    rows = [r for r in (why["expected"], *why["top"]) if r is not None]
    assert len(why["top"]) == 3 and [r["score"] for r in why["top"]] == sorted((r["score"] for r in why["top"]),
                                                                                reverse=True)
    for row in rows:
        parts = sum(row[k] for k in ("dense", "sentence", "bm25", "structure", "answer"))
        assert -0.002 <= row["score"] - parts <= WEIGHTS["neighbour"], row
