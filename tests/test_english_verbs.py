"""Where English puts a verb: the noun-phrase reader (``coach.scope.noun_phrases``) tells the verb after an asked
subject ("should my CV say …") from a compound's head by its place, its form and what follows it, and
``coach.english`` finds the verb after a subject. The sentences are written for these tests."""
from __future__ import annotations

import pytest

from coach.english import verb_follows
from coach.scope import noun_phrases


def _in_a_noun_phrase(sentence: str, word: str) -> bool:
    return any(word in part.split() for run in noun_phrases(sentence) for part in run)


@pytest.mark.parametrize("sentence, word, noun", [
    ("should my CV say that I was laid off?", "say", False),  # a clause follows: a verb
    ("Should my cover letter mention my gap year?", "mention", False),  # an object's determiner follows
    ("What should my CV summary include?", "include", False),  # no noun reading
    ("what should a thank you note say?", "say", False),
    ("What should a thank-you email to my interviewers say?", "email", True),  # a noun may take a preposition
    ("What should my CV summary include?", "summary", True),  # its head follows: a compound's noun
    ("Can my CV list hobbies?", "list", True),  # a noun may follow a verb or a modifier: left in the compound
    ("How do I say that I was laid off?", "say", False),  # after "I": a verb
    ("Does the recruiter expects a reply?", "expects", False),  # a verb's form for "it"
    # "can't", "won't" are auxiliaries as "doesn't" is: the subject after them, then its verb
    ("Why won't my manager review my code?", "review", False),
    ("Why can't the interviewer answer my question?", "answer", False),
    ("Why doesn't my manager review my code?", "review", False),
])
def test_the_verb_after_an_asked_subject_is_no_noun(sentence, word, noun):
    assert _in_a_noun_phrase(sentence, word) is noun


@pytest.mark.parametrize("before, verb", [
    ("My lead doesn't ", True),  # a negated auxiliary puts a verb after it, as "I" or "to" do
    ("the recruiter still hasn’t ", True),
    ("they really can't ", True),
    ("I ", True),
    ("my lead's ", False),  # a possessive is followed by the thing it owns
    ("a ", False),
])
def test_a_verb_follows_a_subject_or_a_negated_auxiliary(before, verb):
    assert verb_follows(before) is verb
