"""A question that reports what an interviewer will ask and wants to know how to answer it ("what do I say when they
ask where I see myself in five years?") is about answering that prompt: when the library only lists the prompt, the
answer says so instead of quoting the prompt back as if it were advice; when the library gives advice on it, the
advice is the answer (real embedding model, real parser and chunker). The article and the company "Fennick" are
fictional, invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import NOT_EXACT, reported_prompt
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional guide to the Fennick culture interview

This guide is fictional and written for tests.

## Questions Fennick interviewers often ask

- Where do you see yourself in five years?
- What are your salary expectations?
- Tell me about yourself.
- Why do you want to leave your current job?

## Answering the question about leaving your job

Keep the reason about what you are moving towards, such as a larger scope or a new domain. Never criticise your
current manager or team, because interviewers read it as how you will talk about them one day.
"""


@pytest.fixture(scope="module")
def fennick(tmp_path_factory):
    return parsed(tmp_path_factory, "fennick_culture.md", ARTICLE)


@pytest.mark.parametrize("question, prompt", [
    ("What do I say when they ask what my salary expectations are", "what your salary expectations are"),
    ("How should I reply if the interviewer asks where I see myself in five years?",
     "where you see yourself in five years"),
    ("whats a good response when the recruiter asks me to tell them about myself", "tell me about yourself"),
    ("They might ask me about the hardest bug I fixed - how do I handle that?", "the hardest bug you fixed"),
    ("I'm worried they'll ask me about a conflict with a co-worker. What should my answer look like?",
     "a conflict with a co-worker"),
])
def test_the_reported_prompt_is_read_in_the_interviewers_words(question, prompt):
    assert reported_prompt(question) == prompt


@pytest.mark.parametrize("question", [
    "What questions do interviewers ask about system design?",  # asks for the questions, not how to answer one
    "If the interviewer asks me to design a feed, what are they looking for?",  # the scene, no answering frame
    "How do I answer quickly?",  # an answering frame with nothing reported
])
def test_no_reported_prompt_without_both_a_reported_question_and_an_answering_frame(question):
    assert reported_prompt(question) is None


@pytest.mark.parametrize("question, listed", [
    ("What do I say when they ask where I see myself in five years?", "Where do you see yourself in five years?"),
    ("how do i respond if the recruiter asks what my salary expectations are", "What are your salary expectations?"),
    ("whats a good response when they ask me to tell them about myself", "Tell me about yourself."),
])
def test_a_prompt_the_library_only_lists_is_not_quoted_as_advice(embedder, fennick, question, listed):
    article, chunks = fennick
    out = compose_over(embedder, article, chunks, question, ["Fennick"])
    assert out.text.startswith(NOT_EXACT), out.text
    assert listed.rstrip(".?") in out.text, out.text


def test_a_prompt_the_library_gives_advice_on_is_answered_with_the_advice(embedder, fennick):
    article, chunks = fennick
    out = compose_over(embedder, article, chunks,
                       "If they ask me why I want to leave my current job, what should I tell them?", ["Fennick"])
    assert NOT_EXACT not in out.text, out.text
    assert "moving towards" in out.text or "Never criticise" in out.text, out.text
