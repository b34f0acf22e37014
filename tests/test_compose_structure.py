"""A question that asks how to structure or lay out a thing asks for its parts: the items of the list that gives
its structure, not the sentences around it that say what the thing is for (real embedding model, real parser and
chunker). The article and the company "Orvanti" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import plan
from test_answer_kinds import compose_over, parsed  # the same composing harness, over this article

ARTICLE = """# Fictional guide to the pitch letter at Orvanti

This guide is fictional and written for tests.

## Writing the pitch letter

Your pitch letter is the first thing an Orvanti reviewer reads about you, and often the only thing. It should add
to your portfolio, not repeat it, and it should sound like you rather than like a form.

Here's a structure to turn your pitch letter into a story the reviewer remembers:

- Open Strong: In the first paragraph, say plainly why you fit the opening.
- Show the Work: Point to two pieces of your portfolio and what each one changed.
- Close Forward: End with what you would build in your first months.

## Sending the pitch letter

Send the letter as a PDF named after yourself. Reviewers answer within two weeks.
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "orvanti_pitch.md", ARTICLE)


@pytest.mark.parametrize("question", [
    "how do I structure my pitch letter so it reads like a story?",
    "How should I lay out a pitch letter?",
    "Is there a structure I can follow when I write a pitch letter?",
])
def test_how_to_structure_a_thing_is_answered_by_the_parts_of_its_structure(embedder, fictional, question):
    assert plan(question).kind == "list"
    article, chunks = fictional
    out = compose_over(embedder, article, chunks, question, ["Orvanti"])
    assert sum(part in out.text for part in ("Open Strong", "Show the Work", "Close Forward")) >= 2
    assert "only thing" not in out.text  # what the letter is for is not how it is laid out


@pytest.mark.parametrize("question", [
    "Which data structure should I use for a queue of tasks?",  # a data structure is a thing, not a layout
    "Is there a template for the pitch letter?",  # one template, not the parts of a whole
])
def test_other_structures_are_not_asked_parts(question):
    assert plan(question).kind != "list"
