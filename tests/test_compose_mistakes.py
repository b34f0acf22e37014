"""Mistake questions answered by the asked subject's don'ts (real embedding model, real parser and chunker): a
subject's short "Don'ts" list, not another article's better-structured BAD/GOOD pairs; every item of a list headed as
pitfalls, also those worded as advice; the don'ts of the passage that answers, worded unlike the question; and a
"Can I ...?" answered by its section's "never". The articles and the company "Tolvane" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import NOT_EXACT, plan
from test_answer_kinds import compose_over, parsed

PORTFOLIO = """# Fictional guide to a designer's portfolio and thank-you notes

This guide is fictional and written for tests.

## Build the portfolio file in a plain editor

**Do's**

- Export the portfolio as a PDF from a plain word processor so that screeners can search its text.

**Don'ts**

- Do not use slide software or an online page builder to lay out your portfolio
- Do not use the page header or footer - write everything in the body instead.

## Contact block

- Full name at the very top of the portfolio
- Personal mobile number
  - Never include your office extension here
- Email address
  - Never include your employer's email address here

## Common pitfalls to avoid in your thank-you note

- The Copy Trap: Write each thank-you note for the person who met you.
- Delay: Send it within a day of the visit.
- Length: Keep it to four sentences or fewer.
- Typos: Spelling slips suggest carelessness. Read it aloud before sending.
"""

PAIRS = """# Fictional Tolvane analyst vs engineer interview guide

This guide is fictional and written for tests.

## Mistakes to Avoid

BAD: Skipping the take-home walkthrough in analyst interviews. GOOD: Rehearsing the walkthrough aloud.
BAD: Ignoring data modelling in engineer interviews. GOOD: Reviewing star schemas before the loop.
BAD: Failing to time your practice answers. GOOD: Practising with a stopwatch.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    portfolio, chunks = parsed(tmp_path_factory, "tolvane_portfolio.md", PORTFOLIO)
    _, pair_chunks = parsed(tmp_path_factory, "tolvane_pairs.md", PAIRS)
    return portfolio, chunks + pair_chunks


def _ask(embedder, library, question):
    article, chunks = library
    return compose_over(embedder, article, chunks, question, ["Tolvane"])


def test_a_subjects_short_donts_list_beats_another_articles_pairs(embedder, library):
    out = _ask(embedder, library, "What mistakes should I avoid on my portfolio?")
    assert "slide software" in out.text and "header or footer" in out.text  # both items of the two-line list
    assert "Mistake to avoid" not in out.text and "take-home" not in out.text


def test_the_pairs_still_answer_a_question_about_their_own_subject(embedder, library):
    out = _ask(embedder, library, "What do candidates get wrong in Tolvane analyst interviews?")
    assert "Mistake to avoid: Skipping the take-home walkthrough" in out.text


def test_every_item_of_a_pitfalls_list_is_quoted_even_when_worded_as_advice(embedder, library):
    out = _ask(embedder, library, "What do people get wrong in thank-you notes?")
    for label in ("The Copy Trap", "Delay", "Length", "Typos"):
        assert label in out.text


def test_the_donts_of_the_passage_that_answers_are_quoted_in_their_own_words(embedder, library):
    # The retrieved passages: the contact block and the sections around it (not the portfolio's "Don'ts" list).
    article, chunks = library
    retrieved = [c for c in chunks if "Don'ts" not in (c.section or "") and "slide software" not in c.text]
    out = compose_over(embedder, article, retrieved,
                       "What shouldn't go in the contact details at the top of my portfolio?", ["Tolvane"])
    assert NOT_EXACT not in out.text
    assert "office extension" in out.text and "employer's email address" in out.text


@pytest.mark.parametrize("question", [
    "What are the classic blunders people make in a covering letter?",
    "What coding slip-ups push the interviewer towards a no hire?",
    "What do people usually mess up when preparing for the onsite?",
    "What wasteful habits in my interview code should I cut out?",
    "What trips people up when they negotiate an offer?",
])
def test_job_seekers_words_for_mistakes_plan_a_mistake_answer(question):
    assert plan(question).kind == "mistake"


HEADINGS = """# Fictional guide to a portfolio's section headings at Tolvane

This guide is fictional and written for tests.

## Use standard section headings

Screening software reads the standard headings of a portfolio best. Using plain section titles in the usual order
helps it find your experience and skills.

Never add emoji or other symbols to your headings, so that the screening software can still read them.

## Order the sections

Put your most recent work first and your education after it.
"""


def test_a_can_i_question_gets_the_sections_dont_about_it(embedder, tmp_path_factory):
    # "Can I ...?" is answered by the article's "never" beside the advice on standard headings, though the advice
    # shares more words with the question.
    article, chunks = parsed(tmp_path_factory, "tolvane_headings.md", HEADINGS)
    out = compose_over(embedder, article, chunks, "Can I decorate my section titles with little icons?", ["Tolvane"])
    assert "Never add emoji" in out.text
