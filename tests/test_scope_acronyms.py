"""A term the question asks about must be covered by the evidence as a whole: an acronym ("What is the STAR
method?") written or spelled out by the passages the answer stands on (a passage about "stars" or another method is
no definition of it), a compound ("p-value") not by one of its letters (real embedding model, real Chroma and
BM25). The company "Quillmont" and its article are invented for these tests."""
from __future__ import annotations

import pytest

from tests.test_scope_decision import library_of

ARTICLE = """# Getting your resume past the Quillmont screen

Fictional article written for Interview Coach's tests.

## How resumes are screened

Quillmont runs every resume through an Applicant Tracking System (ATS) before a recruiter from Human Resources
reads it. The ATS looks for
the keywords of the job description, so copy the exact names of the skills the posting asks for.

## Showing your open-source work

List the projects you maintain and how many stars each repository has, so a reviewer sees that people use your code.

## Answering behavioral questions

Use the two-minute method: say what happened, what you did, and what changed because of it, in under two minutes.
Pick a story where your own decision mattered, and end with what you would do differently next time.

## What data science screens ask

Quillmont's data science screens keep asking how you would score a fraud model. Reviewers want precision,
P = TP / (TP + FP): the share of flagged payments that really were fraud. Say which threshold you picked and why.
"""


@pytest.fixture(scope="module")
def quillmont_coach(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"quillmont_resume.md": ARTICLE})


@pytest.mark.parametrize("question, acronym", [
    ("What is the STAR method and how do I use it?", "STAR"),
    ("What is the CAR method for behavioral answers?", "CAR"),
])
def test_an_acronym_no_passage_writes_is_not_explained_by_lookalike_words(quillmont_coach, question, acronym):
    answer = quillmont_coach.ask(question)
    assert not answer.grounded, answer.answer
    assert acronym in (answer.note or ""), answer.note


@pytest.mark.parametrize("question, fact", [
    ("What is an ATS?", "Applicant Tracking System"),
    ("what does ATS stand for on a job portal", "Applicant Tracking System"),
    ("What does HR mean when they say HR reads my resume?", "Human Resources"),  # spelled out without brackets
])
def test_an_acronym_the_library_writes_is_still_answered(quillmont_coach, question, fact):
    answer = quillmont_coach.ask(question)
    assert answer.grounded, answer.answer
    assert fact in answer.answer


def test_a_compound_term_is_not_covered_by_one_of_its_letters(quillmont_coach):
    # "P = TP / (TP + FP)" says "p" but no "p-value": the compound no article uses is the topic
    answer = quillmont_coach.ask("what's a p-value? DS screens keep asking it")
    assert not answer.grounded, answer.answer
    assert "p-value" in (answer.note or ""), answer.note
