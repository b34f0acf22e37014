"""Which sentence answers a yes/no question (real embedding model, real parser and chunker): the one stating the asked
modal about the asked thing, not a scene-setting opener, not the author pointing to their own material; an
announcement that goes on to state the fact after a dash is quotable. The company "Tarnwick" and its article are
invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import plan
from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional notes on the Tarnwick interview loop

These notes are fictional and written for tests.

## Applying again

So if Tarnwick turned you down before, reflect on what went wrong and address it when you interview with the
company again. Sometimes, interviewers can even see the written notes from your earlier rounds at the same company.
Hiring teams like to see growth since the last attempt.

## The end of each round

Something you can always count on at the end of a Tarnwick round is the interviewer asking whether you have any
questions for them. Candidates who have no questions might come off as less interested in the role.

## Offers

Here's something recruiters rarely say out loud - in most cases the first offer has room to grow and recruiters
expect candidates to negotiate it. The initial package is rarely the final one.

## Judging code

To help with this, I have prepared a long checklist which outlines what you should do before, during and after each
round, based on my own time as an interviewer. Neat code style (clear names, consistent indentation) counts as much
as code that runs.
"""


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    return parsed(tmp_path_factory, "tarnwick_notes.md", ARTICLE)


def _ask(embedder, notes, question):
    article, chunks = notes
    return compose_over(embedder, article, chunks, question, ["Tarnwick"])


def test_yes_no_questions_are_planned_as_verdicts_even_after_a_clause_or_with_list_words():
    assert plan("If I apply again after a rejection, can the interviewers see how I did last time?").kind == "yes_no"
    assert plan("Once my loop has found the item, should it keep going?").kind == "yes_no"
    assert plan("Is it OK to list my office phone number on my CV?").kind == "yes_no"
    assert plan("Should I work through a few extra sample inputs first?").kind == "yes_no"
    # Asking for items stays a list/example question; a clause before a "how many" stays a count.
    assert plan("Can you list the rounds of the loop?").kind == "list"
    assert plan("Are there examples of behavioral questions?").kind == "example"
    assert plan("If I prepare over three months, how many hours a day is that?").kind in ("count", "duration")


def test_a_can_question_is_answered_by_the_sentence_stating_that_ability(embedder, notes):
    q = "If I apply again after a rejection, can the interviewers see how I did last time?"
    out = _ask(embedder, notes, q)
    assert "interviewers can even see the written notes" in out.text
    assert not _shape(q, out)


def test_a_scene_setting_opener_yields_to_the_verdict(embedder, notes):
    q = "Is it fine to tell them I have no questions at the end?"
    out = _ask(embedder, notes, q)
    assert "less interested" in out.text  # (the opener may stay as context before it)


def test_an_announcement_that_states_the_fact_after_a_dash_is_quoted(embedder, notes):
    q = "Will the recruiter be put off if I push back on the offer?"
    out = _ask(embedder, notes, q)
    assert "recruiters expect candidates to negotiate" in out.text


def test_the_author_pointing_to_their_own_material_is_not_the_answer(embedder, notes):
    q = "Do interviewers care whether my code looks tidy, or only whether it runs?"
    out = _ask(embedder, notes, q)
    assert "Neat code style" in out.sentences[0]
    assert "I have prepared" not in out.text
