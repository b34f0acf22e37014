"""A name after "of" completes the noun before it, so the question asks about it (real embedding model, real Chroma and
BM25): "what level of French do I need" is not answered by a passage about engineering levels, while "in Paris" only
places a question. The article is invented for these tests."""
from __future__ import annotations

import pytest

from coach.scope import placed_name
from tests.test_scope_decision import assert_answered, library_of

ARTICLE = """# Engineering levels at Quillmoor

Fictional article written for Interview Coach's tests.

## Levels

Quillmoor hires engineers at three levels: junior, senior and staff. A junior engineer works on well-defined tasks;
a senior engineer leads a project; a staff engineer sets the direction for several teams.

## Interviews

Every level has two coding rounds and one behavioral round.
"""


@pytest.fixture(scope="module")
def quillmoor(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"quillmoor_levels.md": ARTICLE})


def test_a_name_after_of_completes_the_noun_it_follows():
    question = "What level of French do I need for a developer job in Paris?"
    assert not placed_name(question, "French")
    assert placed_name(question, "Paris")


def test_a_question_about_the_name_after_of_is_declined(quillmoor):
    # Main answered it with the levels passage: "French" was taken to place the question, as "in Paris" does.
    answer = quillmoor.ask("What level of French do I need to get a developer job at Quillmoor?")
    assert not answer.grounded, answer.answer
    assert "French" in (answer.note or "")


def test_a_question_about_the_levels_themselves_is_answered(quillmoor):
    assert_answered(quillmoor, "What level of engineer leads a project at Quillmoor?", "leads a project")
