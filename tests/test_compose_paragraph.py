"""An explained answer is the best sentence's paragraph, a yes/no question takes the top chunk's opening verdict, a
pointer to material elsewhere is never quoted, and a money question is one that asks for an amount (real embedding
model, parser and chunker). The team "Quorrel" and its notes are invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import plan
from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional notes on the Quorrel vision team

These notes are fictional and written for tests.

## Are image models resistant to rotation?

Image models are not resistant to rotation by design. However, we can make them resistant by augmenting the training
photos with rotated copies. The predictions of such a model will change if a photo is rotated and the training photos
were not augmented accordingly. Refer to the example below.

## If one weight is larger than another, is that input more important?

Yes - if the inputs are normalized. Without normalization, a weight only tells how much the output moves per unit of
its input; an input with a huge range, such as a yearly budget in cents, gets a tiny weight. That does not make the
input unimportant.
"""


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    return parsed(tmp_path_factory, "quorrel_notes.md", ARTICLE)


def _ask(embedder, notes, question):
    article, chunks = notes
    return compose_over(embedder, article, chunks, question, ["Quorrel"])


def test_a_yes_no_answer_keeps_the_verdict_next_to_the_best_sentence(embedder, notes):
    q = "If I turn a photo sideways, will my picture classifier still get it right?"
    out = _ask(embedder, notes, q)
    assert "not resistant to rotation" in out.text
    assert "Refer to the example below" not in out.text  # a pointer to elsewhere is no answer
    assert not _shape(q, out)


def test_a_yes_no_question_takes_the_top_chunks_opening_verdict(embedder, notes):
    q = "Does a bigger coefficient mean that input matters more?"
    out = _ask(embedder, notes, q)
    assert "Yes - if the inputs are normalized" in out.text


def test_a_money_question_asks_for_an_amount():
    assert plan("How much does a negotiation coach charge?").kind == "money"
    assert plan("What is the fee for a mock interview?").kind == "money"
    assert plan("How much do staff engineers make?").kind == "money"
    # Paying for something, or a price in the description, is what the question is about, not what it asks.
    assert plan("Can a paid negotiator still get me more?").kind != "money"
    assert plan("One helper takes a cut and the other charges a fixed price. Which is which?").kind != "money"


REVIEW = """# Fictional notes on the Quorrel modelling team

These notes are fictional and written for tests.

## Notes from the second modelling review

Yes - if the inputs are normalized.

A bigger coefficient means the output moves more per unit of that input, so whether that input matters more depends
on its range: an input such as a yearly budget in cents gets a tiny coefficient and can still matter a lot.

## Notes from the third modelling review

The team keeps its training photos in one bucket and its labels in another. Reviews happen every two weeks.
"""


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    return parsed(tmp_path_factory, "quorrel_review.md", REVIEW)


def test_the_top_chunks_verdict_answers_even_under_a_heading_unlike_the_question(embedder, review):
    # The heading says nothing about the question and the verdict is a paragraph of its own, so only the rule "a
    # yes/no question takes the top chunk's opening verdict" quotes it: without the rule the answer is the reasoning
    # paragraph alone, which shares more words with the question but never says yes or no.
    from coach.compose import MATCHING_HEADING
    from test_answer_kinds import ranked_hits

    q = "Does a bigger coefficient mean that input matters more?"
    article, chunks = review
    _, _, hits = ranked_hits(embedder, chunks, q)
    assert max(h.heading for h in hits) < MATCHING_HEADING  # no matching heading in play
    out = compose_over(embedder, article, chunks, q, ["Quorrel"])
    assert out.sentences[0] == "Yes - if the inputs are normalized."
