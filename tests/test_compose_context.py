"""A sentence that leans on the one before it ("Typically, they'd be well-worth the cost") is judged and quoted with
that sentence (real embedding model, real parser and chunker; real Chroma through the Coach). The article, its
services and the company "Velmora" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose.candidates import leans_back
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional notes on the Velmora hiring loop

These notes are fictional and written for tests.

## Paying for outside help

There are several résumé review services that rewrite your application for a fee. Typically, they'd be well-worth
the cost. Had I known about them earlier, I'd have used one for every application.

## Puzzle sites

A yearly premium plan on a puzzle site adds little over the free problem lists, which already cover every pattern
Velmora asks about. Spend the money on mock interviews instead.

## Peer mock rounds

Peer mock interviews are held over video with a stranger who is also preparing. They give you honest feedback on
how clearly you explain your approach before the real loop.

## The take-home

The take-home project is due five days after you receive it. It is graded on tests, naming and a short design note.
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "velmora_notes.md", ARTICLE)


def _ask(embedder, fictional, question):
    article, chunks = fictional
    return compose_over(embedder, article, chunks, question, ["Velmora"])


@pytest.mark.parametrize("sentence", [
    "Typically, they'd be well-worth the cost.",
    "They give you honest feedback.",
    "This approach is not suited for all situations.",
    "These are the data structures to keep in mind.",
    "It is graded on tests.",
    "It's a waste because the term does not change.",
    "The ones in bold tend to make the interviewer pause.",
    "Here are some examples of redundant work.",
    "Both methods penalize the features equally.",
])
def test_a_sentence_whose_subject_is_an_anaphor_leans_back(sentence):
    assert leans_back(sentence)


@pytest.mark.parametrize("sentence", [
    "It is important to keep the résumé to one page.",  # an expletive "it" stands for what follows
    "It appears that convolutions are powerful.",
    "Itineraries are sent a week ahead.",
    "Hash maps are the most common data structure.",
    "Thesis work counts as experience.",
])
def test_a_sentence_that_names_its_own_subject_does_not_lean_back(sentence):
    assert not leans_back(sentence)


def test_a_lead_about_an_unnamed_thing_is_quoted_with_the_sentence_that_names_it(embedder, fictional):
    out = _ask(embedder, fictional, "Is paying for outside help worth it?")
    assert "well-worth the cost" in out.text  # read alone, it would seem to say paid help in general is worth it
    assert out.text.index("résumé review services") < out.text.index("well-worth the cost")


def test_an_anaphor_led_answer_is_quoted_with_the_sentence_it_leans_on(embedder, fictional):
    out = _ask(embedder, fictional, "What do I get out of doing a peer mock interview?")
    assert "honest feedback" in out.text
    assert "Peer mock interviews are held over video" in out.text
    assert out.text.index("Peer mock interviews") < out.text.index("honest feedback")


def test_through_the_coach_the_referent_comes_first(make_coach, tmp_path):
    path = tmp_path / "velmora_notes.md"
    path.write_text(ARTICLE, encoding="utf-8")
    coach = make_coach()
    coach.ingest([path])
    answer = coach.ask("How is the Velmora take-home graded?")
    assert answer.grounded and "tests, naming and a short design note" in answer.answer
    assert answer.answer.index("take-home project is due") < answer.answer.index("graded on tests")
