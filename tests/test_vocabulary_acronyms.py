"""Acronym bridging: a question that spells out what the library abbreviates ("grade point average" for "GPA") gets
the acronym for the lexical search, and initials that merely spell an unrelated library word do not.

Real embedding model; the vocabulary is a small fictional one.
"""
from __future__ import annotations

import numpy as np
import pytest

WORDS = {"gpa", "resume", "graduation", "lot", "round", "technical", "achievements", "average", "mse", "error",
         "engine", "users", "suggestion", "interview", "last", "hours", "grade", "point", "put", "help",
         "brand-new", "my", "long", "usually"}


@pytest.fixture(scope="module")
def vocabulary(embedder):
    from coach.compose import SentenceEmbeddings
    from coach.vocabulary import Vocabulary

    vocab = Vocabulary.of({"fictional": WORDS})
    vectors = SentenceEmbeddings(embedder)
    vocab.matrix = np.asarray(vectors.encode(vocab.words))
    return vocab, vectors.encode


def _bridge(vocabulary, question: str) -> list[str]:
    vocab, encode = vocabulary
    return vocab.bridge(question, encode, encode([question])[0])


def test_a_spelled_out_phrase_brings_the_librarys_acronym(vocabulary):
    # Every word of the question is a library word: only the acronym can bridge it to the "GPA" passage.
    question = "Should I put my grade point average on my resume?"
    assert vocabulary[0].unknown(question) == []
    assert "gpa" in _bridge(vocabulary, question)


@pytest.mark.parametrize("question", [
    "How long does one technical round usually last?",  # initials "lot"
    "Why can't my suggestion engine help brand-new users?",  # initials "mse", unrelated to the question
])
def test_initials_that_spell_an_unrelated_word_are_not_added(vocabulary, question):
    bridged = _bridge(vocabulary, question)
    assert "lot" not in bridged and "mse" not in bridged
