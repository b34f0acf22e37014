"""Which sentence answers a yes/no question (real embedding model, real parser and chunker): the one stating the asked
modal about the asked thing, not a scene-setting opener, not the author pointing to their own material; an
announcement that goes on to state the fact after a dash is quotable. The company "Tarnwick" and its article are
invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import plan
from test_answer_kinds import _shape, compose_over, parsed, ranked_hits

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


PROCESS = """# Fictional guide to the Tarnwick hiring process

These notes are fictional and written for tests.

## Timeline

The Tarnwick interview process typically takes 3-5 weeks from the first recruiter call to an offer. Each onsite
round lasts 45 minutes.

## Scoring

I will go into detail on how each round is scored later in this guide. Every round is scored on communication,
problem solving, coding and testing.
"""


@pytest.fixture(scope="module")
def process(tmp_path_factory):
    return parsed(tmp_path_factory, "tarnwick_process.md", PROCESS)


def _compose(embedder, article_chunks, question):
    """The composed answer, possibly empty (``compose_over`` insists on one)."""
    from coach.compose import compose

    article, chunks = article_chunks
    vectors, qv, hits = ranked_hits(embedder, chunks, question)
    return compose(question, hits, vectors, qv, article.roles, ["Tarnwick"])


def test_a_duration_of_something_the_library_never_mentions_is_not_answered(embedder, process):
    # The only durations are about the interview process; a background check is not mentioned anywhere.
    out = _compose(embedder, process, "How long does a background check usually take?")
    assert out.text == ""
    # The asked subject is covered: the duration is quoted.
    out = _compose(embedder, process, "How long does the whole Tarnwick process take?")
    assert "3-5 weeks" in out.text


def test_an_announcement_alone_is_never_the_answer(embedder, process):
    out = _compose(embedder, process, "How are the rounds at Tarnwick scored?")
    assert "I will go into detail" not in out.text
    assert "communication, problem solving" in out.text


def test_a_question_about_something_no_article_mentions_is_declined_not_answered_beside_it(library_coach):
    """Through the whole chain (real Chroma, real model, the seed and fixture library): "clothes" is a word no
    article uses and the best sentences only share the question's setting, so the coach declines and names the word;
    questions about covered subjects are still answered."""
    declined = library_coach.ask("What clothes should I wear to the interviews?")
    assert not declined.grounded and "clothes" in declined.answer
    answered = library_coach.ask("How much do machine learning engineers make at Amazon?")
    assert answered.grounded and "$170,000" in answered.answer
