"""Mistake questions about a subject that has no list of mistakes, and why-questions (real embedding model, real parser
and chunker): the article's own warnings gathered across its sections instead of its intro, and a why-answer that
leads with the paragraph giving the reason instead of the section's lead-in. The articles and the company "Tolvane"
are invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import answer_pieces
from test_answer_kinds import compose_over, parsed

PAIRING = """# Fictional guide to Tolvane pairing rounds

This guide is fictional and written for tests.

Here is a list of around eight techniques for the two hardest things in a Tolvane pairing round: finding an approach
to the problem presented and getting unstuck when you have never seen the problem before.

## Sketch the state

Draw the board after each move of the game; a picture makes the problem presented much easier to follow.

## Speeding up your solution

Work out the fastest possible runtime first, so that you don't go down the rabbit hole of chasing a faster solution
that cannot exist.

## Tidy loops

Don't recompute the length of the board inside every loop; store it once before the loop starts.

## Saving memory

Reusing the input grid as scratch space saves memory. However, be careful not to destroy the input data if you still
need it later in your code.
"""

OFFERS = """# Fictional guide to Tolvane offers

This guide is fictional and written for tests.

## Always counter the first offer

If you've received an offer from Tolvane, congratulations! You can finally take a short break from interviewing.

The first number Tolvane's recruiters give is never the best package they can offer, and they expect candidates to
counter it.

## Pick a start date

Ask for a start date that leaves you some time off between jobs.
"""


@pytest.fixture(scope="module")
def pairing(tmp_path_factory):
    return parsed(tmp_path_factory, "tolvane_pairing.md", PAIRING)


@pytest.mark.parametrize("question", [
    "What are common pitfalls in Tolvane pairing rounds?",
    "What do candidates usually screw up in the code they write in a Tolvane pairing round?",
])
def test_a_subject_without_a_mistakes_list_gets_its_warnings_gathered_across_sections(embedder, pairing, question):
    article, chunks = pairing
    out = compose_over(embedder, article, chunks, question, ["Tolvane"])
    warnings = [w for w in ("rabbit hole", "Don't recompute the length", "be careful not to destroy") if w in out.text]
    assert len(warnings) >= 2, out.text
    assert "techniques" not in out.text  # the intro that only names "the problem presented" is no warning


def test_a_why_question_leads_with_the_reason_not_the_sections_lead_in(embedder, tmp_path_factory):
    article, chunks = parsed(tmp_path_factory, "tolvane_offers.md", OFFERS)
    out = compose_over(embedder, article, chunks, "Why would I push back on an offer that already looks decent?",
                       ["Tolvane"])
    first = answer_pieces(out.text)[0]
    assert "never the best package" in first, out.text
    assert "congratulations" not in out.text
