"""Mistakes an article names in prose ("candidates who don't have any questions might come off as less interested")
are judged like any omission: asking a question of one's own avoids "Not having any questions", declining to ask one
makes it.

The article text is fictional (written for these tests); the parser and the embedding model are the real ones.
"""
from __future__ import annotations

import pytest

from coach.critique import critique_answer
from ingest.parse import parse_text

ARTICLE = (
    "# Wrenfield onsite notes\n\nFictional notes written for Interview Coach's tests; Wrenfield is invented.\n\n"
    "## The last five minutes\n\nEvery round ends the same way. You are expected to ask questions. As an "
    "interviewer myself, candidates who don't have any questions might come off as less interested in the team.\n"
)
QUESTION = "Do you have any questions for me?"


@pytest.fixture(scope="module")
def items():
    art = parse_text(ARTICLE, name="wrenfield", doc_id="wrenfield", fmt="markdown")
    assert [r.mistake for r in art.rubric] == ["Not having any questions"]
    return art.rubric


@pytest.mark.parametrize("answer, verdict", [
    ("Yes! How does the team decide what to build next quarter, and what does success look like in this role?",
     "avoided"),
    ("Yeah, a couple. What does on-call look like for the team? And how do you review design docs?", "avoided"),
    ("No, I think you've covered everything, thanks.", "made"),
    ("Do I have any questions? Hmm, no, not really.", "made"),
    ("Um, I don't have any questions, you explained the role well.", "made"),
])
def test_asking_a_question_is_what_avoids_having_none(items, embedder, answer, verdict):
    fb = critique_answer(items, role="Software Engineer", question=QUESTION, answer=answer, embedder=embedder)
    (item,) = fb.items
    assert item.verdict == verdict, (item.verdict, item.advice)
    # the author's framing ("As an interviewer myself") is never reported as something the answer misses
    assert "interviewer myself" not in item.advice
