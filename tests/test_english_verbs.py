"""Where English puts a verb (``coach.english``): the verb after an asked subject ("should my CV say …") is told from
a compound's head by its place, its base form and what follows it. The sentences are written for these tests."""
from __future__ import annotations

import pytest

from coach.english import verb_after_subject, verb_follows


def _at(sentence: str, word: str) -> tuple[str, str, str]:
    at = sentence.index(f" {word}") + 1
    return sentence[:at], word, sentence[at + len(word):]


@pytest.mark.parametrize("sentence, word, verb", [
    ("should my CV say that I was laid off?", "say", True),  # a clause follows: a verb
    ("Should my cover letter mention my gap year?", "mention", True),  # an object's determiner follows
    ("What should my CV summary include?", "include", True),  # no noun reading
    ("what should a thank you note say?", "say", True),
    ("What should a thank-you email to my interviewers say?", "email", False),  # a noun may take a preposition
    ("What should my CV summary include?", "summary", False),  # its head follows: a compound's noun
    ("Can my CV list hobbies?", "list", False),  # a noun may follow a verb or a modifier: left a compound
    ("How do I say that I was laid off?", "say", False),  # no subject between the auxiliary and the word
    ("Does the recruiter expects a reply?", "expects", False),  # not a base form
])
def test_the_verb_after_an_asked_subject_is_no_noun(sentence, word, verb):
    assert verb_after_subject(*_at(sentence, word)) is verb


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
