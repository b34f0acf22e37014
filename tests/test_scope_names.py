"""Names in questions (real embedding model, real Chroma and BM25): a capitalised name is a company only where the
library's company lists or the question's structure say so; a product, tool or site the library has a section on is
answered, and one it never names is declined after retrieval when the question asks about it, not when it only says
how or where ("in Zentrova"). Every name and both articles are invented for these tests."""
from __future__ import annotations

import pytest

from tests.test_scope_decision import library_of

RESUME = """# Building your resume

Fictional article written for Interview Coach's tests.

## Which tool to write your resume in

Only use a word processor to create and edit your resume, and export it as a PDF so that screening software can
read the text. Do not use graphic design tools or online resume builders to build your resume: their columns and
images confuse the parsers that read it.

## How long your resume should be

Keep your resume to one page unless you have more than ten years of experience.
"""

PRACTICE = """# Places to practise mock interviews

Fictional article written for Interview Coach's tests.

## Tandrel

Tandrel is a practice site that pairs you with another job seeker: you take turns playing the interviewer and the
candidate. It is free, but your partner may not know the question well.

## Practising with a friend

Ask a friend who has interviewed candidates before to play the interviewer and to give you written feedback.
"""


@pytest.fixture(scope="module")
def names_coach(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"resume_tools.md": RESUME, "practice_sites.md": PRACTICE})


@pytest.mark.parametrize("question, fact", [
    ("What is Tandrel exactly?", "pairs you with another job seeker"),  # a site with a section: never a company
    ("Who does Tandrel pair me up with?", "another job seeker"),
    ("Is it fine to build my resume in Zentrova?", "graphic design tools"),  # an unknown tool that only says how
])
def test_a_product_or_site_is_answered_from_what_the_library_says(names_coach, question, fact):
    answer = names_coach.ask(question)
    assert answer.grounded, answer.answer
    assert fact in answer.answer


@pytest.mark.parametrize("question, reason", [
    # the rest of each question matches a passage well: the name is what the library lacks
    ("Is Quorvix free for mock interview practice?", "does not talk about “Quorvix”"),  # the subject
    ("How long should a Varkel resume be?", "does not talk about “Varkel"),  # a compound's modifier: a kind
    ("How many rounds does Quorvix run for new grads?", "no article about Quorvix"),  # an employer, before retrieval
])
def test_a_name_the_library_never_uses_is_declined_when_it_is_asked_about(names_coach, question, reason):
    answer = names_coach.ask(question)
    assert not answer.grounded, answer.answer
    assert reason in (answer.note or ""), answer.note


@pytest.mark.parametrize("question, name, placed", [
    ("Can I just knock my CV together in Zentrova?", "Zentrova", True),
    ("Is a site like Zentrova any good for practice?", "Zentrova", True),
    ("What is Zentrova exactly?", "Zentrova", False),
    ("How does a Varkel filter smooth out noisy readings?", "Varkel", False),
])
def test_a_name_placing_the_question_is_not_its_subject(question, name, placed):
    from coach.scope import placed_name

    assert placed_name(question, name) is placed


def test_the_words_of_a_known_company_name_are_no_names_of_their_own():
    """"Jane Street trading interviews" named Jane Street, and then "Jane" and "Street" as two more companies."""
    from coach.scope import unknown_companies

    question = "What kind of puzzles come up in Two Sigma trading interviews?"
    assert unknown_companies(question, [], [], lambda word: False) == ["Two Sigma"]
