"""A number stated for another thing than the asked one: "how many rehearsal rounds" is not answered by "90 puzzles
within 2-3 weeks", nor "how long is the design round" by how long a coding round lasts. The answer says "The library
doesn't answer exactly this: it gives no number for ..." and quotes what it does say; a number that counts or times
the asked thing, in any wording, is answered plainly (real embedding model, real parser and chunker). The article and
the company "Harrowgate" are fictional, invented for these tests."""
from __future__ import annotations

from functools import partial

import pytest

from coach.compose.answer import same_noun
from coach.compose.records import SentenceEmbeddings
from coach.plan import NOT_EXACT, counted_thing, counts_other, measured_thing
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional guide to the Harrowgate engineering loop

This guide is fictional and written for tests.

## Drilling puzzle questions

Given 20 minutes per puzzle and two hours of drilling a day, most people finish 90 puzzles within 2-3 weeks.

## Rehearsal rounds with a partner

A rehearsal round with a partner shows you how it feels to think out loud. Swap roles after each round so that you
both see the interviewer's side.

## The Harrowgate coding round

A Harrowgate coding round is typically 40 - 50 minutes long and has one interviewer.

## Your profile blurb

Keep the profile blurb at the top of your page to less than 40 words, and name at least 3 shipped features in it.
"""


@pytest.fixture(scope="module")
def harrowgate(tmp_path_factory):
    return parsed(tmp_path_factory, "harrowgate_loop.md", ARTICLE)


def _ask(embedder, harrowgate, question):
    article, chunks = harrowgate
    return compose_over(embedder, article, chunks, question, ["Harrowgate"])


@pytest.mark.parametrize("question, thing", [
    ("How many mock interviews should I do before the real one?", "mock interviews"),
    ("How many of the usual soft-skill questions should I have answers ready for?", "usual soft-skill questions"),
    ("how many words max should my summary be?", "words"),
    ("how many leetcode problems a day should I do?", "leetcode problems"),  # a day says how, not what
    ("how much should I ask for?", None),
])
def test_the_thing_a_count_counts(question, thing):
    assert counted_thing(question) == thing


@pytest.mark.parametrize("counted, sentence, other", [
    ("mock interviews", "Most people finish 160 questions within 3-4 weeks.", True),
    ("bullet points", "Keep it to 2 pages and name at least 3 shipped features.", True),
    ("models", "At least 4 models give a less biased decision.", False),  # "give" may be a noun too: in the run
    ("usual soft-skill questions", "The 30 most commonly asked behavioral interview questions", False),
    ("side projects", "Include at least 2 projects you have contributed to", False),
    ("rounds", "Interview rounds: 5-6", False),  # a bare number may count the thing named before it
    ("ways", "There are 2 general methods of candidate scoring", False),  # "ways" names no particular thing
    ("people", "There is typically only 1 interviewer", False),  # nor does "people"
    ("mock interviews", "Practise with a friend.", False),  # no number at all: not this question
])
def test_whether_every_number_counts_another_thing(counted, sentence, other):
    assert counts_other(counted, sentence) is other


@pytest.mark.parametrize("question, thing", [
    ("How many weeks should I spend studying for the system design round specifically?", "system design round"),
    ("How long is a system design interview round normally?", "system design interview round"),
    ("How long does one mock interview session on those sites last?", "mock interview session"),
    ("How many years back should the work history on my resume go?", "work history"),
    ("how much time should I spend on each question?", "question"),
    ("how long should I wait to hear back?", None),
])
def test_the_thing_a_time_is_asked_of_after_the_unit_or_how_long(question, thing):
    assert measured_thing(question) == thing


def test_a_count_of_another_thing_is_not_the_asked_count(embedder, harrowgate):
    out = _ask(embedder, harrowgate, "How many rehearsal rounds should I do before my onsite?")
    # Before, the 90 puzzles were quoted as the number of rehearsal rounds.
    assert out.text.startswith(NOT_EXACT) and "no number for rehearsal rounds" in out.text, out.text


def test_a_time_of_another_round_is_not_the_asked_time(embedder, harrowgate):
    out = _ask(embedder, harrowgate, "How long is a Harrowgate rehearsal round normally?")
    assert out.text.startswith(NOT_EXACT), out.text


@pytest.mark.parametrize("question, fact", [
    ("how many puzzles do most people get through?", "90 puzzles"),
    ("How long does one Harrowgate coding round usually go for?", "40 - 50 minutes"),
    ("how many words max should the profile blurb be?", "40 words"),
    ("How many shipped features should my profile blurb name?", "3 shipped features"),
    ("How many interviewers are in a Harrowgate coding round?", "one interviewer"),
])
def test_a_number_of_the_asked_thing_is_answered(embedder, harrowgate, question, fact):
    out = _ask(embedder, harrowgate, question)
    assert NOT_EXACT not in out.text and fact in out.text, out.text


@pytest.mark.parametrize("counted, other", [("LeetCode problems", False), ("mock interviews", True)])
def test_a_number_counting_the_thing_in_other_words_counts_it(embedder, counted, other):
    alike = partial(same_noun, SentenceEmbeddings(embedder))
    # "problems" and "questions" name the same thing; "interviews" and "questions" do not
    sentence = "Given 30 min per question, most people complete 160 questions within 3-4 weeks."
    assert counts_other(counted, sentence, alike) is other
