"""A question that asks for a kind of fact — a percentage, a number of years, a number of hours — is answered by a
sentence that states it; when the library only talks about the subject without that fact, the answer says "The
library doesn't answer exactly this" and quotes what it does say, and when it holds the fact it quotes it without
that prefix (real embedding model, real parser and chunker). The article and the company "Velbrook" are fictional,
invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import NOT_EXACT
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional guide to the Velbrook engineering loop

This guide is fictional and written for tests.

## The Velbrook phone screen

The phone screen is run by one engineer who decides whether you go on to the onsite. Candidates who pass the phone
screen are invited to the onsite within a few days.

## The Velbrook take-home

About one in four candidates pass the take-home exercise. The exercise is a small service with tests.

## Preparing for the Velbrook loop

How long does it take to prepare for the Velbrook loop? On average, it takes about 40 hours to cover the basics and
~90 hours to feel at ease. Practise with a friend who plays the interviewer.

## Velbrook levels

### Associate Engineer

- **Scope**: Single tasks.
- **Experience**: Typically 1-3 years of experience.

### Senior Engineer

- **Scope**: Features across a team.
- **Experience**: Typically 6+ years of experience.

### Fellow Engineer

- **Scope**: The direction of the whole company.
- **Experience**: Few engineers ever reach this level. It takes a record of rare technical judgement.
"""


@pytest.fixture(scope="module")
def velbrook(tmp_path_factory):
    return parsed(tmp_path_factory, "velbrook_loop.md", ARTICLE)


@pytest.mark.parametrize("question, said", [
    # a share asked for, and the library names the step without one
    ("What percentage of candidates get through the Velbrook phone screen?", "phone screen"),
    # a number of years asked for a level whose fact sheet gives none
    ("How many years of experience do I need before I can be a Velbrook fellow engineer?", "Few engineers"),
])
def test_a_fact_the_library_does_not_hold_is_said_not_to_be_answered(embedder, velbrook, question, said):
    out = compose_over(embedder, *velbrook, question, ["Velbrook"])
    assert out.text.startswith(NOT_EXACT), out.text
    assert said in out.text, out.text


@pytest.mark.parametrize("question, fact", [
    ("What percentage of people pass the Velbrook take-home?", "one in four"),
    ("How many years of experience does an associate engineer at Velbrook usually have?", "1-3 years"),
    # the article asks itself the question in other words ("How long does it take to prepare ...?")
    ("How many hours of prep does it take to be properly ready for the Velbrook loop?", "~90 hours"),
])
def test_a_fact_the_library_holds_is_quoted_without_the_prefix(embedder, velbrook, question, fact):
    out = compose_over(embedder, *velbrook, question, ["Velbrook"])
    assert NOT_EXACT not in out.text, out.text
    assert fact in out.text, out.text
