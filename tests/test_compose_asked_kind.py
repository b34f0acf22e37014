"""The sentence that holds the asked fact, when its words differ from the question's: a count of kinds or ways is
stated with another kind noun ("how many kinds" → "two types"), what a thing is for by the sentence stating its use
("mostly used for ranking problems"), and a definition by the answer under the FAQ question that defines the thing,
not under another FAQ question naming it (real embedding model, real parser and chunker). The article, its models and
its metrics are fictional, invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose import Hit, compose
from coach.compose.cues import _count_pattern
from coach.plan import NOT_EXACT, asks_purpose, counts_named, counts_other, plan
from test_answer_kinds import compose_over, parsed, ranked_hits

ARTICLE = """# Fictional notes on the Brindle toolkit

These notes are fictional and written for tests.

## Which damping schemes do you know?

There are mainly two types of damping, and Brindle ships both of them.
1. Soft damping - shrinks every weight a little at each step.
2. Hard damping - sets the smallest weights to zero after each epoch.

Where the strength decides how much damping is applied to the model.

## What are Brindle vectors? Why are they useful?

Each token is mapped to one vector that tries to capture what the token means in its context.
A Brindle encoder is a model that builds such vectors from raw text.
It can be trained using two methods: Forward Prediction; Masked Filling.

## What are glimmer trees?

This is a kind of supervised learning model that is mostly used for ranking problems.
A glimmer tree is a branching structure where each inner node tests one feature and each leaf holds a score.
Glimmer trees are quick to train on small data.

## What is glint?

Glint is a metric for evaluating ranking models.
It is the share of relevant items found in the top five results.

## Is glint always a good metric?

Glint is not a good performance metric when there are fewer than five relevant items.
In that case even a perfect ranker gets a low glint score.
"""


@pytest.fixture(scope="module")
def brindle(tmp_path_factory):
    return parsed(tmp_path_factory, "brindle_notes.md", ARTICLE)


def _ask(embedder, brindle, question):
    article, chunks = brindle
    return compose_over(embedder, article, chunks, question, ["Brindle"])


@pytest.mark.parametrize("counted, sentence", [
    ("kinds", "There are mainly two types of damping, and Brindle ships both of them."),
    ("ways", "It can be trained using two methods: Forward Prediction; Masked Filling."),
    ("options", "Simply put, there are two ways to start the weights."),
])
def test_a_count_of_kinds_is_stated_with_another_kind_noun(counted, sentence):
    assert counts_named(counted, sentence)
    assert not counts_other(counted, sentence)
    assert _count_pattern(counted).search(sentence)


def test_a_count_of_kinds_is_not_a_count_of_anything_else():
    assert not counts_named("options", "Most people finish 160 questions within 3-4 weeks.")
    assert counts_other("options", "Most people finish 160 questions within 3-4 weeks.")


@pytest.mark.parametrize("question, purpose", [
    ("What sort of problems do people mostly use decision trees for?", True),
    ("What kind of problem is logistic regression meant for?", True),
    ("What is pooling used for in a CNN?", True),
    ("What is the held-back test set actually for, once I'm done tuning?", True),
    ("What are the interviewers looking for?", False),  # what someone seeks, not what a thing serves
    ("What language should I use for coding interviews?", False),  # which one to use
    ("What kind of questions should I prepare for?", False),
])
def test_a_question_asking_what_a_thing_is_for(question, purpose):
    assert asks_purpose(question) is purpose


def test_the_kind_of_use_asked_for_is_not_a_list():
    assert plan("What kind of problem is logistic regression meant for?").kind == "other"
    assert plan("What kinds of companies use HackerRank for screening?").kind == "list"


def test_how_many_kinds_is_answered_by_the_types_stated(embedder, brindle):
    out = _ask(embedder, brindle, "How many kinds of damping should I be ready to talk about?")
    assert NOT_EXACT not in out.text
    assert "two types of damping" in out.text


def test_how_many_ways_is_answered_by_the_methods_stated(embedder, brindle):
    out = _ask(embedder, brindle, "How many ways are there to train a Brindle encoder?")
    assert NOT_EXACT not in out.text and "two methods" in out.text


def test_what_a_thing_is_used_for_leads_with_its_use(embedder, brindle):
    out = _ask(embedder, brindle, "What sort of problems do people mostly use glimmer trees for?")
    assert "mostly used for ranking problems" in out.sentences[0]


def test_a_definition_comes_from_the_answer_that_defines(embedder, brindle):
    """Both FAQ questions match the question (as the retriever scores their headings); the one about whether it is a
    good metric matches its words better, but the answer under "What is glint?" is the one that defines it."""
    article, chunks = brindle
    question = "What is glint as a metric?"
    vectors, qv, hits = ranked_hits(embedder, chunks, question)
    headings = {"What is glint?": 0.78, "Is glint always a good metric?": 0.82}
    hits = [Hit(chunk=h.chunk, score=h.score, dense=h.dense, heading=headings.get(h.chunk.section or "", 0.0))
            for h in hits]
    out = compose(question, hits, vectors, qv, article.roles, ["Brindle"])
    assert out.sentences[0] == "Glint is a metric for evaluating ranking models."
