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
