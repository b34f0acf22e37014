"""An answer to another question is charged however specific it is, and the score's explanation says so; one that
says it turns to another topic ("I'd rather talk about ...") by how much of it comes after the turn, story or not.

The answers are fictional, written for this test: a specific answer to the question asked, an equally specific
answer to another question of the same interview area, and for a story question a thin story on it and a specific
story that says it turns to another topic.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coach.critique import critique_answer
from coach.critique.delivery import DeliveryStats
from coach.critique.scoring import OffQuestion, RubricCounts, ScoreInput, score_answer
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


def _turned(share: float | None) -> ScoreInput:
    inp = _input(None)
    inp.off_question = None if share is None else OffQuestion(share, 4, round(4 * share), "I'd rather talk about X.")
    return inp


def _turn_cut(factors) -> int:
    return sum(p for label, p in factors if label.startswith("answers another question"))


def test_turning_away_costs_by_how_much_of_the_answer_follows_the_turn():
    near, _, _ = score_answer(_turned(None))
    aside, aside_factors, _ = score_answer(_turned(0.25))  # an aside at the end is free
    part, part_factors, _ = score_answer(_turned(0.6))
    far, factors, _ = score_answer(_turned(1.0))
    assert aside == near and _turn_cut(aside_factors) == 0
    assert far < part < near and _turn_cut(factors) < _turn_cut(part_factors) < 0
    label = next(label for label, _ in factors if label.startswith("answers another question"))
    assert "most of the answer (4 of 4 sentences, 100% of its words) is about another topic it turns to" in label
    assert "I'd rather talk about X." in label
    assert sum(p for _, p in factors) == far
    assert far <= near * 0.3  # wholly about the other topic, it keeps little of what it earned


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


STORY_QUESTION = "Tell me about a time you had to tell your manager something they did not want to hear."
ON_STORY = ("I told my lead the migration would miss the release because the test copy was far too small. I showed her "
            "the timings and we moved the date.")
OTHER_STORY = ("I'd rather tell you about the work I'm proudest of. I moved our nightly reports from cron scripts to "
               "Airflow, wrote a shared operator for the 40 reports, and failed runs went from ten a week to one.")


def test_a_story_that_turns_to_another_topic_scores_below_a_thin_one_on_the_question(orbit_items, embedder):
    fb = {name: critique_answer(orbit_items, role="Software Engineer", question=STORY_QUESTION, answer=text,
                                embedder=embedder)
          for name, text in (("on", ON_STORY), ("other", OTHER_STORY))}
    assert fb["on"].score > fb["other"].score, {k: v.score for k, v in fb.items()}
    label = next(f.label for f in fb["other"].score_factors if f.label.startswith("answers another question"))
    assert label.startswith("answers another question: most of the answer") and "I'd rather tell you" in label
    assert not any(f.label.startswith("answers another question") for f in fb["on"].score_factors)
    for f in fb.values():
        assert sum(x.points for x in f.score_factors) == f.score


def test_a_preference_between_options_is_no_turn_away():
    from coach.critique.engine import TURNS_AWAY

    assert not TURNS_AWAY.search("Just this one. I'd rather focus on the role that fits me than apply to them all.")
    assert TURNS_AWAY.search("Honestly that's not really my area, but I can tell you how I set up our CI.")
    assert TURNS_AWAY.search("Can I talk about a different project? It went better.")
