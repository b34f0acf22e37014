"""A question that tells the asker's situation before it asks ("I have 3 years of experience, how many pages should
my resume be?") is ranked by what it asks: the situation's words still count, but a passage that only shares them
(years of experience) no longer outranks the one that answers.

Real embedding model, real Chroma, real BM25. The article below is fictional, written for these tests.
"""
from __future__ import annotations

from coach.retrieval import asked_part

GUIDE = """# Brellow Careers Resume Guide

Fictional article written for Interview Coach's tests.

## How screening software reads experience

Screening software estimates how many years of experience you have with each skill. If you have 3 years of \
experience at one employer and list a skill under that job, the software credits 3 years of experience with it. \
Years of experience are read from the dates of each job, so write every job's start and end dates.

## Resume length

Keep the whole resume to a single page. Recruiters skim each resume for a few seconds, and a second page is rarely \
read.

## Contact details

Put your name, phone number and email address at the very top.
"""


def test_the_asking_clause_is_what_the_question_asks():
    assert asked_part("I have 3 years of experience, how many pages should my resume be?") == \
        "how many pages should my resume be"
    assert asked_part("How many pages should my resume be?") is None  # nothing told: the whole question asks
    # A situation without an amount of time or size is more often the question's topic than noise.
    assert asked_part("My loop keeps going after it found the match. Is that a problem?") is None
    # An asking clause that left its subject in the situation is no query of its own.
    assert asked_part("I have 3 years of experience. Is that enough?") is None


def test_the_situation_does_not_outrank_the_answer(make_coach, tmp_path):
    coach = make_coach()
    path = tmp_path / "brellow_resume_guide.md"
    path.write_text(GUIDE, encoding="utf-8")
    assert not coach.ingest([path]).skipped
    retriever = coach.ask_chain.retriever(k=3)
    for question in ("I have 3 years of experience, how many pages should my resume be?",
                     "I've got 3 years of experience under my belt. How long should my resume be?"):
        hits = retriever.search(question)
        assert hits[0].chunk.section == "Resume length", (question, [h.chunk.section for h in hits])
