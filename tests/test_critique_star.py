"""STAR parts are read from how a story is told (``coach.critique.star``), not from words naming the parts: the
labelled tuning answers in tests/evals/star_parts.jsonl, and the shapes that the old word patterns missed."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.critique.star import PARTS, star_parts, tells_own_deed
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


# Fictional stories. A goal stated as a problem the speaker owned, in other words than "my job was".
@pytest.mark.parametrize("owned", [
    "The move to the new queue was mine from start to finish.",
    "Our lead was away, so it fell to me to get the build green again.",
    "After the retro it was up to me to sort out the flaky tests.",
    "The ask from my manager was a working report by Friday.",
    "My part was the billing page.",
    "Someone had to rewrite the setup guide and I volunteered.",
])
def test_a_problem_the_speaker_owned_is_the_task(owned):
    story = (f"At a small travel startup our nightly export kept failing. {owned} I traced it to a timeout and "
             "raised it. The export has not failed since.")
    assert star_parts(story)["Task"]


@pytest.mark.parametrize("not_a_task", ["The part I liked most was the demo.",
                                        "The part of the code that broke was the parser."])
def test_a_part_that_names_no_duty_is_no_task(not_a_task):
    story = f"At a small travel startup our nightly export kept failing. I traced it to a timeout. {not_a_task}"
    assert not star_parts(story)["Task"]


def test_a_team_story_comes_to_a_result_without_an_i():
    parts = star_parts("Our launch date was moved up by two weeks. We cut the admin panel and worked late. "
                       "We launched on the new date and the client was happy.")
    assert parts["Result"] and not parts["Action"]


def test_a_story_ending_in_since_has_a_result():
    assert star_parts("The image service crashed every few days. I capped its cache at 500 entries. "
                      "It has run for months without a restart since.")["Result"]


@pytest.mark.parametrize("sentence, deed", [
    ("I rolled back the deploy and paged the owning team.", True),
    ("Halfway through the sprint I rewrote the importer.", True),
    ("I would roll back the deploy first.", False),  # a hypothetical tells nothing done
    ("The deploy was rolled back by the on-call engineer.", False),  # someone else's deed
    ("I realised the cache was full.", False),  # a thought, no deed
    ("If I had more time I moved faster.", False),  # a supposition
])
def test_a_sentence_tells_a_deed_of_the_speaker(sentence, deed):
    assert tells_own_deed(sentence) is deed
