"""The sentence that supplies what the question asks for, not the one that restates its topic (real embedding model,
real parser and chunker): a question posing a condition is answered by what follows under it. The article and the company
"Tarrowby" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import CONDITION, plan, poses_condition
from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional notes on hiring at Tarrowby

These notes are fictional and written for tests.

## Screening call

The screening call and the onsite loop are the two stages of every Tarrowby hiring process.

There is one screener per call, hence if the screener does not mark you as a pass, you stop there and get feedback \
by email.

## Junior Developer

- **Description**: Ships small changes under guidance.
- **Scope of work**: Tickets spanning a few sprints.
- **Experience**: Typically 1-2 years in industry.

## Staff Developer

- **Description**: Sets direction for a product area.
- **Scope of work**: Programmes spanning several halves.
- **Experience**: Typically 9+ years in industry.

## Formatting the CV

Tarrowby recruiters read every CV on a laptop screen between calls. Keep the font at a size of 11 pt or larger so \
that it stays readable.
"""


@pytest.fixture(scope="module")
def tarrowby(tmp_path_factory):
    return parsed(tmp_path_factory, "tarrowby_hiring.md", ARTICLE)


def _ask(embedder, article_chunks, question):
    article, chunks = article_chunks
    return compose_over(embedder, article, chunks, question, ["Tarrowby"])


def test_a_question_posing_a_condition_is_answered_by_what_follows_under_it(embedder, tarrowby):
    out = _ask(embedder, tarrowby, "If my screening call goes badly, do I still get to do the onsite loop?")
    # (the sentence restating the topic, "the two stages of every hiring process", alone scores best on words)
    assert "you stop there" in out.text


@pytest.mark.parametrize("question, poses", [
    ("If the first call goes badly, do I still get to do the onsite?", True),
    ("What if the screener can't make up their mind about me?", True),
    ("When is my GPA good enough to put on the CV?", True),
    ("Do I owe them anything if they can't raise my offer?", True),
    ("Does it matter if I code in Java?", False),  # "whether"
    ("How do I ask if they allow remote work?", False),
    ("How long is the onsite loop?", False),
    ("And if it's done over video, where do I write the code?", False),  # a condition framing another question
    ("If the numbers are sorted, how fast can I find one?", False),
])
def test_which_questions_pose_a_condition(question, poses):
    assert poses_condition(question) is poses


@pytest.mark.parametrize("sentence, states", [
    ("If a candidate receives mixed results, interviewers will convene.", True),
    ("There is one interviewer, hence if they don't pass you, you would not proceed.", True),
    ("You pay nothing unless your offer goes up.", True),
    ("Return the index of a number in a sorted array or -1 if it's not there.", False),  # qualifies a noun only
    ("The screening call covers one coding problem.", False),
])
def test_a_condition_governs_its_sentence(sentence, states):
    assert bool(CONDITION.search(sentence)) is states
