"""The practice-question bank: a follow-up that only refers back ("How did you solve it?") joins the question it
follows, and is never a question of its own."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parse import parse_file, parse_text
from coach.english import follow_up

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-articles"


@pytest.mark.parametrize("question", [
    "How did you solve it?", "What did you learn from it?", "How did that go?", "Why did you do that?",
    "What would they say about you?", "Can you walk me through it?", "What does that mean to you?",
    "How did they react to it?",
])
def test_a_question_naming_nothing_its_pronoun_points_at_is_a_follow_up(question):
    assert follow_up(question)


@pytest.mark.parametrize("question", [
    "What is it like to work at Stripe?", "How did you handle that deadline?",
    "Why do you want to work for this company?", "So what got you interested in this job?",
    "What is something that you had to push for in your previous projects?", "Tell me about a time that you failed.",
    "How did you measure its impact?", "Is it important to know Python?", "How would you scale it with kubernetes?",
    "Tell me about a time your work got overwhelming. What did you do?", "Tell me about yourself.",
])
def test_a_question_with_its_own_subject_stands_alone(question):
    assert not follow_up(question)


def _bank(text: str) -> list[str]:
    return [q.text for q in parse_text(text, name="t.md", doc_id="t").questions]


def test_a_nested_follow_up_joins_the_question_it_follows():
    bank = _bank("# Behavioral questions\n\n## Questions\n\n- What have you built?\n"
                 "- What is the hardest technical problem you have run into?\n  - How did you solve it?\n"
                 "- Where do you see yourself in five years?\n")
    assert bank == ["What have you built?",
                    "What is the hardest technical problem you have run into? How did you solve it?",
                    "Where do you see yourself in five years?"]


def test_a_quoted_follow_up_in_prose_joins_the_quote_before_it():
    bank = _bank('# Behavioural rounds\n\nThe interviewer asked "Tell me about a project you led last year." and '
                 'then "What did you learn from it?" before moving on.\n')
    assert bank == ["Tell me about a project you led last year. What did you learn from it?"]


def test_a_follow_up_with_no_question_before_it_is_left_out():
    bank = _bank("# Questions\n\n## Sample questions\n\nSome advice first.\n\n- How did that go?\n"
                 "- Tell me about a time you missed a deadline.\n")
    assert bank == ["Tell me about a time you missed a deadline."]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-articles is missing")
def test_the_real_behavioural_article_asks_the_follow_up_with_its_question():
    bank = [q.text for q in parse_file(REAL / "tih-behavioral-interview-questions.md").questions]
    assert "How did you solve it?" not in bank
    assert "What is the hardest technical problem you have run into? How did you solve it?" in bank
    assert not [q for q in bank if follow_up(q)]
