"""Who asks (real embedding model, real parser and chunker): a question that wants one of the asker's own to put to
the interviewer ("how do I find out whether …", "what could I ask at the end to learn …") is answered by a question
from the list of questions to ask, whatever its kind, and not by one that interviewers put to candidates. The
article and the company "Brindle" are fictional, invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import asker_asks, plan
from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional guide to the Brindle interview day

This guide is fictional and written for tests.

## Commonly asked culture interview questions at Brindle

- What does your best day at work look like?
- What does a normal workday look like for you now?
- Why do you want to work from our office?
- What frustrated you most in your last team?
- Tell me about a time you changed teams.

## Questions to ask your interviewer at the end

- What would my day-to-day be like in this role?
- What is your policy on working from home?
- What is the most frustrating part about working here?
- How often do engineers move between teams?

## Getting to the office

Brindle's office is next to the central station. Visitors sign in at the front desk on the ground floor, and the
recruiter meets them there. Remote candidates get a video link the day before.
"""


@pytest.fixture(scope="module")
def brindle(tmp_path_factory):
    return parsed(tmp_path_factory, "brindle_day.md", ARTICLE)


def _ask(embedder, brindle, question):
    article, chunks = brindle
    return compose_over(embedder, article, chunks, question, ["Brindle"])


@pytest.mark.parametrize("question, wanted, unwanted", [
    # a how-to: a question to ask is the way to find out (it used to quote the office directions or nothing)
    ("How do I find out at the end whether I could work from my flat?", "policy on working from home",
     "from our office"),
    # a yes/no
    ("Is there a polite way to find out what people dislike about the place?", "most frustrating part about working",
     "frustrated you most"),
    # an example question: the question to ask, not the one asked of candidates
    ("What could I ask at the end to learn what a normal workday looks like?", "my day-to-day",
     "normal workday look like for you"),
])
def test_a_question_to_ask_answers_how_to_find_something_out(embedder, brindle, question, wanted, unwanted):
    out = _ask(embedder, brindle, question)
    assert wanted in out.text
    assert unwanted not in out.text
    assert not _shape(question, out)  # a question is the right shape here


def test_questions_they_ask_stay_the_answer_to_what_they_will_ask(embedder, brindle):
    q = "What will Brindle ask me about my best day?"
    out = _ask(embedder, brindle, q)
    assert "best day at work" in out.text


def test_a_question_is_still_no_answer_when_no_question_to_ask_is_wanted():
    from types import SimpleNamespace

    from coach.models import Source

    src = Source(n=1, doc_id="d", title="Brindle", path="brindle.md", section="Questions", text="x", score=1.0)
    answer = SimpleNamespace(text="How is individual performance measured? [1]", sources=[src])
    for q, flagged in [("What is the office address?", True), ("How do I find out whether I can work remotely?", False),
                       ("What could I ask to learn how they judge performance?", False)]:
        assert bool(_shape(q, answer)) is flagged, q
    assert plan("How do I find out whether I can work remotely?").kind != "example"  # the kind is unchanged
    # the questions put to the asker are another thing: "find out what they ask" wants those
    assert not asker_asks("How do I find out what they ask in the culture round?")
    assert not asker_asks("Should I ask for more money?")
