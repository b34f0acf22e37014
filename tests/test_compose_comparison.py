"""Comparison answers (real embedding model, parser and chunker): a comparison is answered by a sentence that sets the
compared things against each other, not by one naming both only to say what they share; a sentence that only says the
two differ is followed by how they do. The platforms "Quillpad" and "Brightmock" are invented for these tests."""
from __future__ import annotations

import re

import pytest

from coach.compose import CONTRAST
from coach.plan import plan
from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional notes on two mock interview platforms

These notes are fictional and written for tests.

## What the two platforms share

Both Quillpad and Brightmock offer free practice sessions with written feedback after every single session.

## Who interviews you

On Quillpad you are paired with another candidate who is also job hunting, whereas Brightmock matches you with a
seasoned interviewer from a large company.

## Booking

Where Brightmock lets you pick a time slot a week ahead, Quillpad takes a different approach. Quillpad starts a
session within minutes with whoever is free.
"""


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    return parsed(tmp_path_factory, "platform_notes.md", ARTICLE)


def _ask(embedder, notes, question):
    article, chunks = notes
    return compose_over(embedder, article, chunks, question, [])


def test_a_comparison_is_answered_by_contrasts_not_by_what_both_share(library_coach):
    """Through the whole chain over the seed library: "what separates A from a B one" used to be answered with the
    FAQ sentence naming both roles only to list the skills they share; now it gets the sentences setting the two roles
    against each other."""
    q = "What actually separates an applied-scientist interview from an MLE one?"
    assert plan(q).kind == "comparison"
    answer = library_coach.ask(q)
    assert answer.grounded
    from coach.plan import answer_pieces

    pieces = answer_pieces(answer.answer)
    assert pieces and all(CONTRAST.search(p) for p in pieces), pieces
    assert all("Applied Scientist" in p and "MLE" in p for p in pieces), pieces


def test_a_sentence_that_only_says_they_differ_is_followed_by_how(embedder, notes):
    q = "How does booking a session on Quillpad differ from Brightmock?"
    out = _ask(embedder, notes, q)
    assert "takes a different approach" in out.text
    assert "within minutes" in out.text
    assert re.search(r"within minutes.*\[\d+\]", out.text)


LEVELS = """# Fictional levels of the Ostrel welding guild

This guide is fictional and written for tests.

## Apprentice Welder

- **Description**: Entry grade that learns the trade under a master.
- **Scope**: Single joints on one bench.
- **Reach**: Own bench.

## Journeyman Welder

- **Description**: Leads crews across several sites.
- **Scope**: Whole frames for a building.
- **Reach**: Several crews.
"""


def test_a_level_named_by_its_description_is_compared_with_one_named_by_its_heading(embedder, tmp_path_factory):
    # "an apprentice" names the first level by its heading; "someone who leads crews" names the other only by its
    # description, and the question never says "welder": it was read as about one level, and the other was left out.
    article, chunks = parsed(tmp_path_factory, "ostrel_levels.md", LEVELS)
    q = "How does the scope of an apprentice compare with that of someone who leads crews?"
    out = compose_over(embedder, article, chunks, q, ["Ostrel"])
    assert "Single joints on one bench" in out.text and "Whole frames for a building" in out.text, out.text
