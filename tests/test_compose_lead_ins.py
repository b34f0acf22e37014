"""A lead-in that ends the paragraph of the sentence before it ("... Make edits if:") is quoted with its items, and a
sentence that opens with "This" keeps the sentence before it even when the answer is full (real embedding model,
parser and chunker). The guide and the company "Tolvarn" are invented for these tests."""
from __future__ import annotations

import pytest

from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional guide to the Tolvarn portfolio review

This guide is fictional and written for tests.

## The plain editor check

Paste your portfolio text into a plain editor before you send it! Rework the page if:

- Some projects vanished from the pasted text
- Accented letters turned into odd symbols
- The sections run into each other

## How the panel reads

Every portfolio arrives at the panel as a single PDF. The panel removes names and photos first. Each reader then \
scores the work alone, without talking to the other readers. This keeps one reader's taste out of the final mark.

## Final marks

One reader's taste should never decide a final mark on its own, so the panel averages the three marks.

## Reader training

Readers at Tolvarn train for two weeks before they score portfolios, and each reader scores a practice portfolio \
with a mentor first.
"""


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    return parsed(tmp_path_factory, "tolvarn_portfolio.md", ARTICLE)


def _ask(embedder, guide, question):
    article, chunks = guide
    return compose_over(embedder, article, chunks, question, ["Tolvarn"])


def test_a_lead_in_ending_the_paragraph_is_quoted_with_its_items(embedder, guide):
    q = "Once my portfolio is pasted into a plain editor, what should make me go back and change it?"
    out = _ask(embedder, guide, q)
    # Before, the answer stopped at the paragraph's first sentence: what to look for was never quoted.
    assert "Rework the page if: Some projects vanished" in out.text and "run into each other" in out.text, out.text
    assert not _shape(q, out), out.text


def test_a_sentence_opening_with_this_keeps_the_sentence_before_it(embedder, guide):
    out = _ask(embedder, guide, "How does the panel keep one reader's taste out of the final mark?")
    # "This" is the readers scoring alone: with the answer full of other sentences, it was left out and the answer
    # quoted what "This" does without saying what it is.
    assert "This keeps one reader's taste out" in out.text, out.text
    assert "Each reader then scores the work alone" in out.text, out.text
