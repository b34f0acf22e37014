"""A kind of a thing the library never names, asked about outright ("a quotient filter"), is declined although the
library mentions the thing itself ("filter"), while a question about the thing the article treats is answered (real
embedding model, real Chroma and BM25). The article and the company "Brindlecourt" are invented for these tests."""
from __future__ import annotations

import pytest

from tests.test_scope_decision import assert_answered, library_of

ARTICLE = """# Data structures for the Brindlecourt coding rounds

Fictional article written for Interview Coach's tests.

## Hash maps

A hash map answers "have I seen this before?" in constant time, so reach for one whenever a brute-force solution
compares every pair of items. Filter the input first when most items can never be part of the answer.

## Heaps

Use a heap when a question asks for the k largest or smallest items, or when tasks must be handled in order of
priority: keeping k items in a heap takes O(n log k) time instead of sorting everything.

## Queues

A queue hands out items in the order they arrived, which is what a breadth-first search of a grid needs.
"""


@pytest.fixture(scope="module")
def brindlecourt(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"brindlecourt_structures.md": ARTICLE})


@pytest.mark.parametrize("question, word, named", [
    ("How does a quotient filter decide that an item is probably in the set?", "quotient", ["quotient", "filter"]),
    ("How do I squash a trie into a radix tree?", "radix", ["radix", "tree"]),
    # A modifier that only narrows the thing names only itself ("an architecture course" is still the thing asked).
    ("Which architecture prep course is all reading?", "prep", ["prep"]),
    # So does an adjective, which qualifies, and a word heading no compound.
    ("What does a technical round test?", "technical", ["technical"]),
    ("How many shards should the table have?", "shards", ["shards"]),
])
def test_a_word_making_a_compound_another_thing_names_it_with_its_head(brindlecourt, question, word, named):
    assert brindlecourt.ask_chain._thing_named(question, word) == named


def test_a_kind_of_a_mentioned_thing_that_no_article_names_is_declined(brindlecourt):
    answer = brindlecourt.ask("How does a quotient filter decide that an item is probably in the set?")
    assert not answer.grounded, answer.answer


@pytest.mark.parametrize("question, fact", [
    ("When should I use a heap in a coding question?", "k largest or smallest items"),
    ("What should I filter out before building a hash map?", "Filter the input first"),
])
def test_a_question_about_the_thing_the_article_treats_is_answered(brindlecourt, question, fact):
    assert_answered(brindlecourt, question, fact)
