"""STAR parts are read from how a story is told (``coach.critique.star``), not from words naming the parts: the
labelled tuning answers in tests/evals/star_parts.jsonl, and the shapes that the old word patterns missed."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.critique.star import PARTS, star_parts
from coach.evaluation.star import PART_ACCURACY_MIN, evaluate_star

EVALS = Path(__file__).parent / "evals"


def test_the_tuning_answers_are_read_as_labelled():
    report = evaluate_star(EVALS / "star_parts.jsonl", "star-parts")
    assert report.cases >= 30
    assert min(report.accuracy.values()) >= PART_ACCURACY_MIN, report.wrong


def test_an_outcome_told_in_words_is_a_result():
    parts = star_parts("Last year my teammate wanted to ship a migration on Friday. I set up a call and showed him "
                       "two incidents. He agreed, we found a bug in the script, and shipped on Monday.")
    assert parts["Situation"] and parts["Action"] and parts["Result"]


def test_a_lesson_learned_is_a_result():
    assert star_parts("During my internship I deleted a staging table by mistake. I restored it from the backup. "
                      "Since then I always check which environment I am in.")["Result"]


def test_a_hypothetical_answer_tells_no_story():
    assert star_parts("If I had a conflict with my manager I would first listen, then I would explain my view "
                      "and I'd look for a compromise.") == dict.fromkeys(PARTS, False)


def test_a_scene_set_before_the_subject_is_the_situation():
    parts = star_parts("At a university hackathon I teamed up with a nurse and a designer. I built the backend.")
    assert parts["Situation"] and parts["Action"] and not parts["Result"]


@pytest.mark.parametrize("answer", [
    "I work in teams all the time, I'm a team player and everyone is heard.",
    "We had this client who was really demanding and changed the requirements every week.",
])
def test_no_deed_of_the_candidate_is_no_action(answer):
    assert not star_parts(answer)["Action"]
