"""A compound the answer writes only in part (real embedding model, real Chroma and BM25): "email signature" answered
by a sentence about the email address on a CV is declined, while a covered question sharing those words is still
answered. The article is invented for these tests."""
from __future__ import annotations

import pytest

from coach.scope import compounds
from tests.test_scope_decision import library_of

ARTICLE = """# Writing a CV for Quillmoor

Fictional article written for Interview Coach's tests.

## Contact details

- Name, at the very top of the page
- Personal phone number
  - Never put the phone number of your current employer here
- Email address
  - Never put your work email here
  - A plain address on a free provider is fine

## Projects

List two projects you built yourself and link each one to its code, so the reader can look at it.
"""


@pytest.fixture(scope="module")
def quillmoor(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"quillmoor_cv.md": ARTICLE})


@pytest.mark.parametrize("question, expected", [
    ("What should go in my email signature when I message recruiters?", [("signature", ["email"])]),
    ("Can I use my company email address on my CV?", [("address", ["company", "email"])]),
    # Prepositions and subordinators join phrases, never a compound; a word where English puts a verb starts none.
    ("How do I word my resignation letter once I've signed?", [("letter", ["resignation"])]),
    ("What do I type my code into during a panel interview?", [("interview", ["panel"])]),
])
def test_compounds_are_runs_of_content_words_with_the_head_last(question, expected):
    assert compounds(question) == expected


def test_an_answer_writing_only_part_of_the_asked_compound_is_declined(quillmoor):
    answer = quillmoor.ask("What should go in my email signature when I message recruiters?")
    assert not answer.grounded, answer.answer
    assert "email signature" in (answer.note or "")


@pytest.mark.parametrize("question, fact", [
    ("Can I use my company email address on my CV?", "work email"),
    ("Should the projects on my CV link to their code?", "link each one to its code"),
])
def test_a_covered_question_sharing_those_words_is_answered(quillmoor, question, fact):
    answer = quillmoor.ask(question)
    assert answer.grounded, answer.answer
    assert fact in answer.answer
