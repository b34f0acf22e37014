"""What an article gives as a sample (an example entry after "Example", a sample letter under a heading naming
samples, a line opened by "Example:") is not quoted as its advice, unless the question asks for examples or about the
sample's own particulars; a line that stops mid-statement ("A good format to use would be") is quoted with the line
that finishes it; a yes/no question that asks whether something is so is not answered by whichever sentence says
"don't" (real embedding model, parser and chunker). The guide and "Marrowfield" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose.lines import _sample_lines
from coach.plan import asks_advice
from test_answer_kinds import _shape, compose_over, parsed

ARTICLE = """# Fictional guide to the Marrowfield portfolio

This guide is fictional and written for tests.

## How to list a design award

Only list awards that matter for the studio you apply to, and say how many entries you beat. A good layout would be

> [Year] [Rank out of entries] [Award]

Example

> 2019 Gold out of 80 entries Lisbon Poster Week

## How long the studio statement runs

Keep the studio statement to one short page: reviewers skim it in under two minutes.

## Studio statement example

Dear Marrowfield team, ever since I painted my first mural at nine I have wanted to work with colour every day.
I spent four years at a print shop where I mixed inks for forty clients a week.

## Scoring the critique

Example: a reviewer marks 3 of 4 boards as strong, so the portfolio scores 75 points.

The score is the share of boards a reviewer marks as strong, out of all the boards you show.

## The review call

Reviewers keep the review call under twenty minutes. They do not give you their marks on the call.
The final decision is based on the whole portfolio, not on a single board's score.
"""


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    return parsed(tmp_path_factory, "marrowfield_portfolio.md", ARTICLE)


def _ask(embedder, guide, question):
    article, chunks = guide
    return compose_over(embedder, article, chunks, question, ["Marrowfield"])


def test_a_sample_entry_does_not_answer_how_to_write_one(embedder, guide):
    q = "I won a design award. How do I write it up in my portfolio?"
    out = _ask(embedder, guide, q)
    # The layout line is open-ended ("would be"): it is quoted with the template on the line after it.
    assert "A good layout would be [Year] [Rank out of entries] [Award]" in out.text, out.text
    assert "Lisbon Poster Week" not in out.text, out.text
    assert not _shape(q, out), out.text


def test_a_sample_letter_is_not_quoted_as_advice(embedder, guide):
    out = _ask(embedder, guide, "How long should my studio statement be?")
    assert "one short page" in out.text, out.text
    assert "mural" not in out.text and "print shop" not in out.text, out.text


def test_the_claim_leads_over_the_worked_example(embedder, guide):
    out = _ask(embedder, guide, "How is the critique score worked out?")
    assert out.sentences[0].startswith("The score is the share of boards"), out.text


def test_a_question_about_the_sample_itself_is_answered_by_it(embedder, guide):
    out = _ask(embedder, guide, "If a reviewer marks 3 of my 4 boards as strong, what do I score?")
    assert "75 points" in out.text, out.text


def test_the_lines_given_as_samples(guide):
    _, chunks = guide
    flagged = {}
    for chunk in chunks:
        lines = [ln.strip() for ln in chunk.text.splitlines() if ln.strip()]
        flagged.update({lines[i]: chunk.section for i in _sample_lines(lines, chunk.section or "")})
    assert "2019 Gold out of 80 entries Lisbon Poster Week" in flagged  # after the label "Example"
    assert any(line.startswith("Example: a reviewer marks") for line in flagged)  # opened by "Example:"
    assert any(line.startswith("Dear Marrowfield team") for line in flagged)  # under "Studio statement example"
    assert not any("[Year]" in line or "share of boards" in line for line in flagged)  # the advice they illustrate
    # A heading that advises making examples heads advice, not samples.
    assert not _sample_lines(["Write three inputs by hand."], "3. Come up with more examples")


@pytest.mark.parametrize("question, advice", [
    ("Should I send my portfolio as a PDF?", True),
    ("Is it OK to skip the studio statement?", True),
    ("Do I need to list every award?", True),
    ("Would it hurt if I sent two portfolios?", True),
    ("Does it matter which board I show first?", False),
    ("Is the final decision just the average of the board scores?", False),
    ("Will the reviewers tell me my marks on the call?", False),
    ("Could I be asked back for a second call?", False),
])
def test_a_yes_no_question_asks_for_advice_or_whether_something_is_so(question, advice):
    assert asks_advice(question) is advice


def test_a_factual_yes_no_question_is_answered_by_the_statement_not_a_dont(embedder, guide):
    out = _ask(embedder, guide, "Is the final decision just whether one board scores high enough?")
    assert "based on the whole portfolio" in out.text, out.text
