"""The noun phrase a question asks about must be treated by the answer (real embedding model, real Chroma and BM25):
a question sharing only a function-like word with a sentence about something else ("mean" with mean absolute error,
"worth" with negotiation coaches) is declined naming its topic, while a covered question asked in other words stays
answered. The article and the company "Harrowdene" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose import Composed
from coach.scope import noun_phrases
from tests.test_scope_decision import assert_answered, library_of

ARTICLE = """# Interviewing at Harrowdene

Fictional article written for Interview Coach's tests.

## Offer negotiation

Paid negotiation coaches are usually worth the fee: they know the salary bands and handle the back-and-forth with
the recruiter for you.

## Model metrics round

Mean absolute error averages how far each prediction lands from the true value, so one large miss counts no more
than its size.

## Programming language

Use the programming language you know best; the interviewers at Harrowdene accept Python, Java and Go.
"""


@pytest.fixture(scope="module")
def harrowdene(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"harrowdene.md": ARTICLE})


MEAN = "Mean absolute error averages how far each prediction lands from the true value."
WORTH = "Paid negotiation coaches are usually worth the fee."


@pytest.mark.parametrize("question, sentence, phrase", [
    # The answer shares only the question's frame word ("mean", "worth"), none of its noun phrases.
    ("What do they mean by a shadow interviewer?", MEAN, "shadow interviewer"),
    ("is leetcode premium worth paying for", WORTH, "leetcode premium"),
    # It shares a noun phrase's word ("salary" / "salary bands"), or none at all (found by meaning): it treats the
    # topic.
    ("is hiring somebody to haggle my salary for me worth it?", f"{WORTH[:-1]}: they know the salary bands.", None),
    ("how far off are my model's guesses on average?", MEAN, None),
])
def test_the_asked_phrase_is_untreated_when_only_a_frame_word_is_shared(harrowdene, question, sentence, phrase):
    composed = Composed(text=sentence, sentences=[sentence], sources=[])
    assert harrowdene.ask_chain._untreated_topic(question, composed) == phrase


def test_a_question_sharing_only_a_word_in_another_role_is_declined(harrowdene):
    answer = harrowdene.ask("What do they mean by a shadow interviewer?")
    assert not answer.grounded, answer.answer


@pytest.mark.parametrize("question, fact", [
    ("is hiring somebody to haggle my salary for me worth it?", "worth the fee"),
    ("what does it mean when I measure how far off each prediction is on average?", "Mean absolute error"),
    ("can i code in whatever language i'm comfy with?", "Python, Java and Go"),
])
def test_a_covered_question_in_other_words_is_answered(harrowdene, question, fact):
    assert_answered(harrowdene, question, fact)


def test_worth_takes_an_object_and_ends_the_phrase_before_it():
    assert noun_phrases("Is a coding bootcamp worth paying for?") == [["coding", "bootcamp"]]
    assert noun_phrases("is leetcode premium worth the money") == [["leetcode", "premium"], ["money"]]
