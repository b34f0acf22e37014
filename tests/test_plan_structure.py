""""How do I structure X" asks for X's parts in order only when X has parts (a document, a section or entry of one, a
spoken answer); "how do I structure my prep" asks how to prepare."""
from __future__ import annotations

import pytest

from coach.plan import plan


@pytest.mark.parametrize("question", [
    "How do I structure my cover letter?",
    "How should I structure my answer to a behavioral question?",
    "how do I lay out my education entry on my CV?",
    "How should I structure each job in the work experience part of my resume?",
    "How long should a eulogy be and how do I structure it?",
])
def test_a_thing_with_parts_is_laid_out_as_a_list(question):
    assert plan(question.split(" and ")[-1]).kind == "list"


@pytest.mark.parametrize("question", [
    "How do I structure my prep?",
    "how do i structure my prep so it actually sticks?",
    "How should I structure my week of practice?",
])
def test_an_activity_is_not_a_layout(question):
    assert plan(question).kind != "list"
