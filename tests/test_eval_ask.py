"""The answer evaluation set against a real index; fails below the thresholds."""
from __future__ import annotations

import json

import pytest

from coach.errors import CoachError
from coach.evaluation.ask import ACCURACY_MIN, HIT3_MIN, OUT_OF_SCOPE_MIN, evaluate_ask, load_cases


def test_the_set_is_big_and_varied():
    cases = load_cases()
    kinds = {c.kind for c in cases}
    assert len(cases) >= 40
    assert {"paraphrase", "followup", "comparison", "out_of_scope", "injection"} <= kinds
    assert all(c.facts and c.sources for c in cases if c.grounded)


@pytest.mark.slow
def test_eval_meets_the_thresholds(library_coach):
    report = evaluate_ask(library_coach)
    detail = "\n".join(report.summary_lines())
    assert report.accuracy >= ACCURACY_MIN, detail
    assert report.hit_at_3 >= HIT3_MIN, detail
    assert report.out_of_scope_accuracy >= OUT_OF_SCOPE_MIN, detail
    assert report.unsupported_numbers == 0, detail
    assert report.passed


def test_a_broken_case_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "ask.jsonl"
    bad.write_text(json.dumps({"id": "x", "question": "q"}) + "\n{not json\n")
    with pytest.raises(CoachError, match=r"ask.jsonl:2"):
        load_cases(bad)


def test_every_held_out_split_is_found_in_order_and_never_the_tuning_split(tmp_path):
    from coach.evaluation.ask import real_heldout_splits

    for name in ("ask_real.jsonl", "ask_real_heldout.jsonl", "ask_real_heldout10.jsonl", "ask_real_heldout2.jsonl",
                 "ask.jsonl"):
        (tmp_path / name).write_text("")
    assert list(real_heldout_splits(tmp_path)) == ["ask-real-heldout", "ask-real-heldout2", "ask-real-heldout10"]
    # The shipped splits, however many a round adds: numbered from the first, none skipped, in number order.
    found = list(real_heldout_splits())
    assert len(found) >= 10
    assert found == ["ask-real-heldout"] + [f"ask-real-heldout{n}" for n in range(2, len(found) + 1)]


def test_each_held_out_split_is_its_own_report_line():
    from coach.evaluation import EvalReport
    from coach.evaluation.ask import AskEvalReport, real_heldout_splits

    splits = {}
    for name, path in real_heldout_splits().items():
        cases = load_cases(path)  # only parsed here: held-out questions are run only at the end
        if name != "ask-real-heldout":  # the later splits each cover refusals, other languages and follow-ups
            assert len(cases) >= 25 and {"language", "off_domain", "followup"} <= {c.kind for c in cases}
        splits[name] = AskEvalReport(name=name, cases=len(cases), accuracy=0.5, hit_at_3=0.5, mrr=0.5,
                                     out_of_scope_accuracy=1.0, unsupported_numbers=0, latency_p50_ms=1,
                                     latency_p95_ms=1, passed=False)
    report = EvalReport(ask_real_heldout_splits=splits)
    starts = {line.split(":")[0] for line in report.render().splitlines()}
    assert set(splits) <= starts
    assert set(EvalReport.model_validate_json(report.model_dump_json()).ask_real_heldout_splits) == set(splits)


def test_results_are_reported_per_batch_of_the_tuning_split():
    """A change is judged on the batches it was not tuned on: the report splits accuracy and hit@3 by the id's
    batch, letter suffix kept ("rw5-…" and "rw5c-…" are two batches, as in bench/retrieval.py); declined cases are
    not in it."""
    from coach.evaluation.ask import AskCase, AskCaseResult, _by_batch, batch_of

    assert [batch_of(i) for i in ("rw-a", "rw5-b", "rw5c-c", "rw6-d")] == ["rw", "rw5", "rw5c", "rw6"]
    cases = [AskCase(id="rw5-a", question="q", facts=["x"], sources=[{"doc": "d"}]),
             AskCase(id="rw5c-b", question="q", facts=["x"], sources=[{"doc": "d"}]),
             AskCase(id="rw6-c", question="q", facts=["x"], sources=[{"doc": "d"}]),
             AskCase(id="rw6-d", question="q", grounded=False)]
    results = [AskCaseResult(id="rw5-a", kind="", grounded_expected=True, passed=True, rank=1),
               AskCaseResult(id="rw5c-b", kind="", grounded_expected=True, passed=False, rank=4, missing_facts=["x"]),
               AskCaseResult(id="rw6-c", kind="", grounded_expected=True, passed=False, rank=2, missing_facts=["x"]),
               AskCaseResult(id="rw6-d", kind="", grounded_expected=False, passed=True)]
    assert _by_batch(results, cases) == {"rw5": {"cases": 1, "accuracy": 1.0, "hit_at_3": 1.0},
                                         "rw5c": {"cases": 1, "accuracy": 0.0, "hit_at_3": 0.0},
                                         "rw6": {"cases": 1, "accuracy": 0.0, "hit_at_3": 1.0}}
