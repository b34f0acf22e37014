"""When the coach declines: interview questions that carry a word of an outside domain are answered, questions about
an outside domain that share an interview word are declined (real embedding model, real Chroma, real BM25). The
article and the company "Tolvane" are fictional, written for these tests."""
from __future__ import annotations

import pytest

ARTICLE = """# Onsite and Remote Interviews at Tolvane

Fictional article written for Interview Coach's tests.

## Questions to ask at the end

- Is working from home allowed once I join the team?
- How do new engineers get up to speed in their first weeks?
- What does a typical day look like on this team?

## Preparing for the coding rounds

It takes about 40 hours of practice to be well prepared for the Tolvane coding rounds; 15 hours covers the basics.

## The offer

The first offer Tolvane makes is never its best one: recruiters expect candidates to negotiate.
"""


@pytest.fixture(scope="module")
def tolvane(tmp_path_factory, embedder):
    from coach.api import Coach
    from coach.settings import Settings

    folder = tmp_path_factory.mktemp("scope-articles")
    (folder / "tolvane_onsite.md").write_text(ARTICLE, encoding="utf-8")
    coach = Coach(Settings(home=tmp_path_factory.mktemp("scope") / "home"))
    coach.__dict__["embedder"] = embedder
    assert not coach.ingest([folder]).skipped
    return coach


@pytest.mark.parametrize(("question", "fact"), [
    # an object the answer covers, read by meaning as cooking / home
    ("I'll do the video interview from my kitchen table. Could I keep working from home after I'm hired? What can I "
     "ask?", "working from home"),
    # an outside-domain word that only sets the scene
    ("Because of my health I can only study an hour a day. How many hours of practice do I need to be well prepared "
     "for the coding rounds?", "40 hours"),
    ("After taxes the first offer looks low. Is that first number really the best the company can do?", "never its best"),
])
def test_an_interview_question_with_an_outside_word_is_answered(tolvane, question, fact):
    answer = tolvane.ask(question)
    assert answer.grounded, answer.answer
    assert fact in answer.answer


@pytest.mark.parametrize("question", [
    "Can I bring my dog to the onsite interview?",
    "What's a quick recipe I can cook for lunch on the day of my onsite interview?",
    "Which airline has the most legroom when I fly out for an onsite interview?",
])
def test_an_outside_question_with_an_interview_word_is_declined(tolvane, question):
    answer = tolvane.ask(question)
    assert not answer.grounded, answer.answer
