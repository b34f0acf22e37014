"""A mistake question, however phrased, is answered with the mistake and its fix (seed corpus, real model)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", [
    "What do candidates get wrong in Amazon Applied Scientist interviews, and what should they do instead?",
    "Where do Applied Scientist candidates at Amazon go wrong?",
])
def test_a_mistake_question_quotes_the_mistake_with_its_fix(library_coach, question):
    answer = library_coach.ask(question)
    assert answer.grounded, answer.answer
    assert "Ignoring system design concepts" in answer.answer, answer.answer
    assert "Emphasizing ML model deployment" in answer.answer, answer.answer
