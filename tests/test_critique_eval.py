"""The labelled critique set: thresholds over the whole set, and the evaluator's own arithmetic."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.evaluation.critique import (
    DEFAULT_CASES,
    F1_MIN,
    ORDERING_MIN,
    CritiqueCase,
    article_paths,
    evaluate_critique,
    load_cases,
    load_items_by_doc,
    norm_mistake,
    run_critique_eval,
)
from coach.models import Feedback, ItemFeedback, RubricItem


def test_labelled_set_covers_what_the_issue_asks_for():
    cases = load_cases()
    assert len(cases) >= 30
    kinds = {c.kind for c in cases}
    assert {"strong", "weak", "rambling", "empty", "offtopic", "very_long", "injection"} <= kinds
    assert {c.doc for c in cases} == {"000_bb54feeca4c3cc0b.txt", "nimbusfin_data_scientist_vs_data_engineer.md",
                                      "orbitworks_swe_vs_sre.html"}
    assert len({c.question for c in cases}) == 10  # the seed's 2 questions and the fixtures' 8
    items = load_items_by_doc(article_paths(c.doc for c in cases).values())
    for c in cases:  # every case labels every item of its article, by mistake text
        assert {norm_mistake(m) for m in c.expected} == {norm_mistake(i.mistake) for i in items[c.doc]}, c.id


def test_engine_meets_the_thresholds_on_the_whole_set(embedder):
    report = run_critique_eval(embedder)
    assert report.not_applicable_errors == 0 and report.not_applicable_accuracy == 1.0
    assert report.f1 >= F1_MIN, report.render()
    assert report.ordering_accuracy >= ORDERING_MIN, report.render()
    assert report.ordering_pairs >= 50
    assert report.passed


def _fb(verdicts: dict[str, str], score: int) -> Feedback:
    return Feedback(role="R", question="Q", score=score, items=[
        ItemFeedback(id=m, mistake=m, fix="f", source="s", verdict=v) for m, v in verdicts.items()])


def test_evaluator_arithmetic_on_known_outputs():
    items = {"a.md": [RubricItem(id="1", mistake="Ignoring X.", fix="Do X."),
                      RubricItem(id="2", mistake="Blaming Y.", fix="Own Y.", roles=["Other"])]}
    cases = [
        CritiqueCase(id="c1", doc="a.md", role="R", question="Q", answer="good", group="g", rank=2,
                     expected={"Ignoring X.": "avoided", "Blaming Y.": "not_applicable"}),
        CritiqueCase(id="c2", doc="a.md", role="R", question="Q", answer="bad", group="g", rank=1,
                     expected={"ignoring x": "made", "Blaming Y.": "not_applicable"}),
        CritiqueCase(id="c3", doc="a.md", role="R", question="Q", answer="meh", group="g", rank=0,
                     expected={"Ignoring X.": "made", "Blaming Y.": "not_applicable"}),
    ]
    outputs = {"good": _fb({"Ignoring X.": "made", "Blaming Y.": "not_applicable"}, 50),  # a false positive
               "bad": _fb({"Ignoring X.": "made", "Blaming Y.": "not_applicable"}, 60),  # ranked wrongly vs good
               "meh": _fb({"Ignoring X.": "unclear", "Blaming Y.": "unclear"}, 10)}  # a miss and a wrong n/a
    report = evaluate_critique(lambda its, **kw: outputs[kw["answer"]], cases, items)
    assert (report.precision, report.recall) == (0.5, 0.5)
    assert report.f1 == pytest.approx(0.5)
    assert report.not_applicable_errors == 1 and report.not_applicable_accuracy == pytest.approx(2 / 3)
    assert report.ordering_pairs == 3 and report.ordering_accuracy == pytest.approx(2 / 3)
    assert not report.passed
    assert "c2 (60) should outscore" not in " ".join(report.ordering_errors)
    assert any(e.startswith("c1 (50) should outscore c2 (60)") for e in report.ordering_errors)


def test_bad_case_files_are_clear_errors(tmp_path):
    bad = tmp_path / "critique.jsonl"
    bad.write_text(json.dumps({"id": "x"}) + "\n")
    with pytest.raises(CoachError, match="not a valid critique case"):
        load_cases(bad)
    with pytest.raises(CoachError, match="not found"):
        load_cases(tmp_path / "missing.jsonl")
    case = CritiqueCase(id="c", doc="a.md", role="R", question="Q", answer="a", expected={"Unknown.": "made"})
    with pytest.raises(CoachError, match="unknown rubric item"):
        evaluate_critique(lambda its, **kw: _fb({}, 1), [case], {"a.md": []})
    assert Path(DEFAULT_CASES).is_file()


def test_tuning_and_held_out_sets_cover_what_issue_11_asks_for(real_articles):
    from coach.evaluation.critique import EVALS, SPLITS, held_out_splits, resolve_label

    first, tuning = load_cases(EVALS / SPLITS["critique"]), load_cases(EVALS / SPLITS["tuning"])
    held = [c for path in held_out_splits().values() for c in load_cases(path)]
    cases = tuning + held
    # The issue asks for a held-out third of all labelled answers; later rounds add tuning cases for newly found weak
    # kinds, so a second held-out split written by another hand keeps the held-out share at a third or more.
    labelled = len(first) + len(cases)
    assert len(cases) >= 120 and len(held) >= 40 and 1 / 3 <= len(held) / labelled <= 0.5
    assert len({c.id for c in first + cases}) == labelled
    groups = [{c.group for c in split if c.group} for split in (first + tuning, held)]
    assert not groups[0] & groups[1]  # held-out questions are unseen in tuning
    docs = {c.doc for c in cases}
    assert len(docs) >= 6 and len(docs & {p.name for p in real_articles}) >= 4
    kinds = {c.kind for c in cases}
    assert {"strong", "weak", "mixed", "rambling", "deflecting", "off_topic", "very_short", "very_long"} <= kinds
    items = load_items_by_doc(article_paths(docs).values())
    for c in cases:  # every label names exactly one parsed rubric item of its article
        for key in c.expected:
            assert resolve_label(key, items[c.doc]) is not None, (c.id, key)


def test_coach_eval_reports_each_held_out_file_as_its_own_split(embedder, tmp_path):
    """Every ``critique_heldout*.jsonl`` beside the other splits is found by name, run and rendered as its own
    split ("held-out", "held-out 2", "held-out 3", … in numeric order), so a new held-out file needs no code change
    (one-case stand-ins on a fixture article here: the real held-out files are run only to report)."""
    from coach.evaluation import EvalReport
    from coach.evaluation.critique import held_out_splits, run_critique_splits

    case = CritiqueCase(id="t", doc="orbitworks_swe_vs_sre.html", role="Software Engineer", question="Design a cache.",
                        answer="A read-through cache in front of the database.", expected={})
    for name in ("critique_heldout.jsonl", "critique_heldout3.jsonl", "critique_heldout10.jsonl",
                 "critique_heldout_notes.jsonl", "critique_real.jsonl"):
        (tmp_path / name).write_text(case.model_dump_json() + "\n", encoding="utf-8")
    assert list(held_out_splits(tmp_path)) == ["held-out", "held-out 3", "held-out 10"]
    splits = run_critique_splits(embedder, tmp_path, names=("held-out 3",))
    assert list(splits) == ["held-out 3"] and splits["held-out 3"].cases == 1
    lines = EvalReport(critique_splits=splits).render().splitlines()
    assert any(line.startswith("held-out 3 eval: 1 cases") for line in lines)
