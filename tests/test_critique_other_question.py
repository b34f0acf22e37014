"""An answer to another question is charged however specific it is, and the score's explanation says so.

The answers are fictional, written for this test: a specific answer to the question asked, and an equally specific
answer to another question of the same interview area.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coach.critique import critique_answer
from coach.critique.delivery import DeliveryStats
from coach.critique.scoring import RubricCounts, ScoreInput, score_answer
from coach.text import stable_id
from ingest.parse import parse_file

ORBIT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles" / "orbitworks_swe_vs_sre.html"
QUESTION = "Our API got much slower right after yesterday's deploy. How would you find out why?"
ON_QUESTION = ("I'd open the latency dashboard split by endpoint to see which calls slowed down, then diff "
               "yesterday's release against the one before it. If one change lines up with the jump, I'd roll it back "
               "on 10% of the hosts first and check that p99 latency drops back to where it was.")
OTHER_QUESTION = ("For a new on-call rotation I'd put six engineers on a weekly schedule with a secondary, write a "
                  "runbook for each of the three services, and hold a 30 minute handover every Monday.")


def _input(fit: float | None) -> ScoreInput:
    stats = DeliveryStats(words=60, sentences=3, numbers=["six", "30 minute"])
    return ScoreInput(stats=stats, relevance=0.3, on_topic_words=20, counts=RubricCounts(open=1), handoffs=0,
                      parts=None, concrete=2, fit=fit)


def test_far_answer_loses_a_share_and_the_explanation_says_why():
    near, _, _ = score_answer(_input(None))
    on, on_factors, _ = score_answer(_input(0.35))
    far, factors, _ = score_answer(_input(0.1))
    assert on == near and not any(label.startswith("answers another question") for label, _ in on_factors)
    assert far < near
    cut = [p for label, p in factors if label.startswith("answers another question")]
    assert cut and cut[0] < 0 and "0.10" in next(label for label, _ in factors if label.startswith("answers"))
    assert sum(p for _, p in factors) == far
    # nearer the question, less of it is taken
    middle, _, _ = score_answer(_input(0.22))
    assert far < middle < near


@pytest.fixture(scope="module")
def orbit_items():
    sha = hashlib.sha256(ORBIT.read_bytes()).hexdigest()
    return parse_file(ORBIT, doc_id=stable_id(ORBIT.name), sha256=sha).rubric


def test_specific_answer_to_another_question_scores_below_one_on_it(orbit_items, embedder):
    fb = {name: critique_answer(orbit_items, role="Site Reliability Engineer", question=QUESTION, answer=text,
                                embedder=embedder)
          for name, text in (("on", ON_QUESTION), ("other", OTHER_QUESTION))}
    assert fb["on"].score > fb["other"].score, {k: v.score for k, v in fb.items()}
    assert any(f.label.startswith("answers another question") and f.points < 0 for f in fb["other"].score_factors)
    assert not any(f.label.startswith("answers another question") for f in fb["on"].score_factors)
    for f in fb.values():
        assert sum(x.points for x in f.score_factors) == f.score
