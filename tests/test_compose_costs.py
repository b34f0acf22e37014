"""What a question asks about cost and time when no passage states it, and a question that states its own constraint
(real embedding model, real parser and chunker). The article, its platforms ("Tallyrun", "Pairwise") and the company
"Orvessa" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import NOT_EXACT
from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional guide to practice platforms and preparing for Orvessa rounds

This guide is fictional and written for tests.

## Tallyrun

Tallyrun matches you with senior interviewers from large companies for anonymous practice rounds. Many readers \
say the feedback they got there was the best part of their preparation. Interviewers write detailed notes after \
every round.

## Pairwise

Pairwise pairs you with another job seeker and you take turns playing the interviewer. Pairwise also prepares the \
questions for both of you.

## Offer coaching

Brightmark coaches you through the offer call with scripts for the recruiter. Brightmark charges a flat fee, while \
other coaches take a share of the raise.

## Free resources

- Graphbook: A long guide to distributed systems with worked problems.

## Planning your coding preparation

If you have three months, spend 2-3 hours per day on coding problems. The whole Orvessa process usually takes 3-5 \
weeks from the first call to the offer.

## Preparing for the architecture round

For the architecture round, focus on sketching the data flow between services first. Then discuss how each part \
scales and where it can fail.
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "orvessa_practice.md", ARTICLE)


def _ask(embedder, fictional, question):
    article, chunks = fictional
    return compose_over(embedder, article, chunks, question, ["Orvessa"])


@pytest.mark.parametrize("question", ["Do I have to pay anything to practise on Tallyrun?",
                                      "How much does a practice round on Tallyrun set me back?"])
def test_a_price_no_passage_states_is_said_plainly(embedder, fictional, question):
    # The Tallyrun section praises it but never says what it costs: say so, and quote the section, not the praise as
    # if it answered.
    out = _ask(embedder, fictional, question)
    assert out.text.startswith(NOT_EXACT) and "Tallyrun" in out.text
    assert not _shape(question, out)


def test_a_price_question_is_answered_by_what_is_said_about_paying(embedder, fictional):
    q = "Do I need to pay for Brightmark's help with my offer?"
    out = _ask(embedder, fictional, q)
    assert "flat fee" in out.text and NOT_EXACT not in out.text


def test_a_heading_can_state_the_price(embedder, fictional):
    # "Free resources" says what Graphbook costs; its item does not repeat it.
    q = "Do I have to pay for Graphbook?"
    out = _ask(embedder, fictional, q)
    assert "Graphbook" in out.text and NOT_EXACT not in out.text
    assert out.text.startswith("Listed under “Free resources”:") and not _shape(q, out)


def test_an_amount_asked_of_a_fee_with_no_figure_quotes_the_fee(embedder, fictional):
    out = _ask(embedder, fictional, "How much do I have to spend on Brightmark's flat fee?")
    assert out.text.startswith(NOT_EXACT) and "flat fee" in out.text


def test_a_time_the_question_states_is_a_constraint_not_what_it_asks(embedder, fictional):
    # "two weeks" is the time the asker has; the process length ("3-5 weeks") does not answer what to focus on.
    out = _ask(embedder, fictional, "I've got two weeks before my Orvessa architecture round. What should I focus on?")
    assert "data flow" in out.text and "3-5 weeks" not in out.text
