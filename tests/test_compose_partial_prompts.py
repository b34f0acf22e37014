"""How to answer an interview prompt the library only lists, and a time asked of one thing that the library states
only for another: the answer says "The library doesn't answer exactly this" and quotes what it does say; a prompt
the article gives advice on, and a time stated for the asked thing, are answered plainly (real embedding model, real
parser and chunker). The article and the company "Ostrowind" are fictional, invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose.asks import framed_prompt
from coach.plan import NOT_EXACT, measured_thing
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional guide to the Ostrowind engineering loop

This guide is fictional and written for tests.

## Ostrowind Software Engineer behavioral interview questions

When they ask why you like Ostrowind, try to show the real bond you have with their harbour maps.

- Why do you like Ostrowind?
- What annoys you most about code reviews?
- Describe a lighthouse to your child.
- Where do you see yourself in ten years?
- What would your last mentor say about you?

## Drilling puzzle questions

Given 20 minutes per puzzle and two hours of drilling a day, most people finish 90 puzzles within 2-3 weeks.

## Rehearsal rounds with a partner

A rehearsal round with a partner shows you how it feels to think out loud. Swap roles after each round so that you
both see the interviewer's side.

## Preparing the take-home

Plan about 6 hours of take-home work spread over two evenings.

## Asking for a better offer

Ostrowind expects candidates to negotiate, and the first offer is rarely its best one. Name the number you want and
explain what it rests on.

## After the onsite

Send a short thank-you note to your recruiter on the day of the onsite. Keep the note to three sentences.
"""


@pytest.fixture(scope="module")
def ostrowind(tmp_path_factory):
    return parsed(tmp_path_factory, "ostrowind_loop.md", ARTICLE)


def _ask(embedder, ostrowind, question):
    article, chunks = ostrowind
    return compose_over(embedder, article, chunks, question, ["Ostrowind"])


@pytest.mark.parametrize("question, prompt", [
    ("whats a good answer to what annoys you most about code reviews", "What annoys you most about code reviews?"),
    ("how should I respond to describe a lighthouse to your child?", "Describe a lighthouse to your child"),
    ("any tips for answering what would your last mentor say about you", "What would your last mentor say about you?"),
])
def test_a_prompt_the_library_only_lists_is_said_not_to_be_answered(embedder, ostrowind, question, prompt):
    out = _ask(embedder, ostrowind, question)
    # Before, the listed prompt itself was quoted as the answer ("Describe a lighthouse to a child [1].").
    assert out.text.startswith(NOT_EXACT) and "no advice on answering it" in out.text, out.text
    assert prompt in out.text, out.text


def test_a_prompt_the_article_advises_on_is_answered_with_the_advice(embedder, ostrowind):
    out = _ask(embedder, ostrowind, "whats a good answer to why do you like Ostrowind")
    assert NOT_EXACT not in out.text and "real bond you have with their harbour maps" in out.text, out.text


def test_a_time_stated_for_another_thing_is_not_the_asked_time(embedder, ostrowind):
    out = _ask(embedder, ostrowind, "how many weeks of rehearsal rounds should I do?")
    # Before, the weeks of puzzle drilling were quoted as the weeks of rehearsal rounds.
    assert out.text.startswith(NOT_EXACT), out.text


def test_a_time_stated_for_the_asked_thing_is_quoted(embedder, ostrowind):
    out = _ask(embedder, ostrowind, "how many hours of take-home work should I plan for?")
    assert NOT_EXACT not in out.text and "6 hours" in out.text, out.text


def test_a_how_to_whose_thing_the_library_never_names_is_not_answered_exactly(embedder, ostrowind):
    out = _ask(embedder, ostrowind, "how do I write the email asking Ostrowind for a better offer?")
    # Before, the negotiation advice was quoted as if it said how to write the email.
    assert out.text.startswith(NOT_EXACT) and "“email”" in out.text, out.text


def test_a_how_to_whose_thing_the_library_names_is_answered(embedder, ostrowind):
    out = _ask(embedder, ostrowind, "how do I write the thank-you note after my onsite?")
    assert NOT_EXACT not in out.text and "thank-you note" in out.text, out.text


@pytest.mark.parametrize("question, prompt", [
    ("whats a good answer to why do you want to work here", "why do you want to work here"),
    ("what's the ideal answer to tell me about yourself in a coding interview", "tell me about yourself"),
    ("how do I reply to did you find any bugs in Slack without sounding rude", "did you find any bugs in Slack"),
    ("how should I approach system design when you have no experience", None),
    ("How do I handle your questions about my project?", None),
])
def test_the_prompt_after_a_word_of_answering(question, prompt):
    assert framed_prompt(question) == prompt


@pytest.mark.parametrize("question, thing", [
    ("how many weeks of mock interviews should I do before the real thing?", "mock interviews"),
    ("How many hours a day on system design?", "system design"),
    ("how much time on the take-home should I spend?", "take-home"),
    ("How many hours of prep until I'm properly ready?", "prep"),
    ("how many weeks should I study?", None),
    ("how many rounds of interviews are there?", None),
])
def test_the_thing_a_time_is_asked_of(question, thing):
    assert measured_thing(question) == thing
