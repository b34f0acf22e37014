"""A decline names the thing the question asks about that the library lacks — a whole noun phrase of the question —
or no thing at all, never a fragment ("the “good regression” exam", "the library does not talk about “versus”").
The article and the company "Tolvane" are fictional (tests/test_scope_decision.py)."""
from __future__ import annotations

import pytest

from coach.scope import asked_phrase
from tests.test_scope_decision import ARTICLE, library_of


@pytest.mark.parametrize(("question", "named", "phrase"), [
    ("Should I put my grade point average on my resume?", "grade", "grade point average"),
    ("How many hours should I study for the real estate licensing exam?", "real estate licensing",
     "real estate licensing exam"),
    ("How do I write a good regression test for a bug I just fixed at work?", "good regression",
     "good regression test"),
    # a one-word head with its "of" phrase names one thing
    ("What level of French do I need for a dev job in Paris?", "level", "level of French"),
    ("What is the format of a thank-you email?", "format", "format of a thank-you email"),
    # words across phrases: the phrase the first one is part of
    ("Is my non-compete clause enforceable if I move to a competitor?", "clause enforceable", "non-compete clause"),
    ("What do I say when the head teacher asks how I'd settle a class of unruly nine-year-olds?",
     "unruly nine-year-olds", "unruly nine-year-olds"),
])
def test_the_named_words_are_read_as_the_noun_phrase_they_are_part_of(question, named, phrase):
    assert asked_phrase(question, named) == phrase


@pytest.mark.parametrize(("question", "named"), [
    ("How do I explain optimistic versus pessimistic locking in a design round?", "versus"),
    ("What should I wear to an onsite interview at a tech company?", "wear"),
])
def test_words_of_no_noun_phrase_are_not_named(question, named):
    assert asked_phrase(question, named) is None


@pytest.fixture(scope="module")
def tolvane(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"tolvane_onsite.md": ARTICLE})


@pytest.mark.parametrize(("question", "phrase"), [
    ("How many hours of practice do I need before the real estate licensing exam?", "“real estate licensing exam”"),
    ("How many hours of practice do I need before the CPA exam?", "“CPA exam”"),
])
def test_a_declined_exam_is_named_by_its_noun_phrase(tolvane, question, phrase):
    """Main named "the “CPA” exam or test": the modifiers alone, cut from the thing asked about."""
    answer = tolvane.ask(question)
    assert not answer.grounded, answer.answer
    assert phrase in (answer.note or ""), answer.note
