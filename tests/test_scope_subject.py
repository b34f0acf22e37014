"""Scope by the asked subject (real embedding model, real Chroma, real BM25): a question about an interview for a job
the library never covers is declined even though "interview" and "ask" match its passages; a question naming a
company the library covers in a section of its own is answered from that section. The real-article tests read
../shared/real-articles and skip when it is missing."""
from __future__ import annotations

import pytest

from coach.scope import asked_job, coverage_reply


@pytest.mark.parametrize(("question", "job"), [
    ("What do warehouses usually ask in a forklift operator interview?", "forklift operator"),
    ("What do coffee shops usually ask in a barista job interview?", "barista"),
    ("What questions should I ask when interviewing a nanny for my kids?", "nanny"),
    ("How do I study for the permit test to become a truck driver?", "truck driver"),
    ("What happens in a system design interview?", "system design"),
    ("How many interview rounds does Uber run for new grads?", None),  # "interview" names the rounds' kind
    ("Which Amazon role's interview goes deeper on ML algorithms?", None),  # "role" is the frame, not a job
    ("How do I ace my Google interview?", None),  # a company, judged by the company checks
    ("What should I ask at the end of the interview?", None),
    ("How do I answer 'sell me this pen' when I interview for a sales rep job?", "sales rep"),
    ("Do I need a portfolio for a graphic designer position?", "graphic designer"),
    ("Does the job ad say what they pay?", None),  # the frame alone names no kind of job
    # A word where English puts a verb is what the asker does, not a kind of job ("rehearse", "switch" were taken for
    # jobs); the kind starts after it.
    ("What's a free way to rehearse interviews?", None),
    ("How do I roll over my old 401k when I switch jobs?", None),
    ("Where can I practise anonymous mock interviews with engineers?", "anonymous mock"),
])
def test_the_kind_of_job_a_question_is_about(question, job):
    assert asked_job(question) == job


@pytest.mark.parametrize(("phrase", "occupation"), [
    ("forklift operator", True), ("nanny", True), ("dental hygienist", True), ("truck driver", True),
    ("zoom", False), ("panel", False), ("take-home coding", False), ("phone screen", False), ("video", False),
    ("whiteboard", False),
])
def test_a_job_names_a_person_at_work_and_an_interview_format_does_not(embedder, phrase, occupation):
    """A format ("a zoom interview") is how an interview is held, not a kind of job the library must cover."""
    from coach.scope import names_occupation

    assert names_occupation(phrase, embedder.encode) is occupation


def test_the_decline_says_what_the_library_covers_and_how_to_add_an_article():
    from coach.models import Article

    article = Article(doc_id="d1", title="Coding interview prep", path="d1.md", sha256="0")
    reply = coverage_reply("the library has no article about “barista” interviews", [article], [], ["Stripe"])
    assert "“Coding interview prep”" in reply and "Stripe" in reply
    assert "coach ingest" in reply and "add an article" in reply


@pytest.fixture(scope="module")
def real_library(real_articles, tmp_path_factory, embedder):
    from coach.api import Coach
    from coach.evaluation import ROOT
    from coach.settings import Settings

    coach = Coach(Settings(home=tmp_path_factory.mktemp("real-scope") / "home"))
    coach.__dict__["embedder"] = embedder
    assert not coach.ingest([*real_articles, ROOT / "corpus"]).skipped
    return coach


@pytest.mark.parametrize(("question", "job"), [
    ("What do hardware stores usually ask in a cashier job interview?", "cashier"),
    ("How should I prepare for a firefighter oral interview?", "firefighter"),
])
def test_an_interview_for_a_job_no_article_covers_is_declined(real_library, question, job):
    """Both used to be answered with the articles' behavioural questions and LeetCode advice."""
    answer = real_library.ask(question)
    assert not answer.grounded, answer.answer
    assert job in answer.note


@pytest.mark.parametrize(("question", "fact"), [
    ("What do interviewers usually ask in a behavioral interview?", "Why do you want to work for"),
    ("How should I prepare for a system design interview?", "system design"),
])
def test_an_interview_the_library_covers_is_answered(real_library, question, fact):
    answer = real_library.ask(question)
    assert answer.grounded, answer.note
    assert fact in answer.answer


@pytest.mark.parametrize("question", ["what do i type my code into during a zoom interview?",
                                      "Will I code on a laptop or on a whiteboard in an in-person onsite interview?"])
def test_an_interview_held_another_way_is_no_job_the_library_lacks(real_library, question):
    """Both were declined as "no article about “zoom” interviews": the format was taken for a kind of job."""
    answer = real_library.ask(question)
    assert answer.grounded, answer.note


def test_a_job_the_library_has_a_section_on_is_no_job_it_lacks(real_library):
    """Declined as "no article about “senior engineer” interviews": the final-questions passages that answer it do not
    name senior engineers, but the library covers that job under a heading of its own (engineering levels)."""
    answer = real_library.ask("The last slot lets me interview a senior engineer on the team, what could I ask them "
                              "about the technical work?")
    assert answer.grounded, answer.note


@pytest.mark.parametrize("question", ["Any tips for my behavioural round?",
                                      "What do interviewers usually ask in a behavioural interview?"])
def test_another_name_for_what_the_library_covers_is_no_uncovered_subject(real_library, question):
    """British "behavioural" is a ``vocabulary.STAND_INS`` name of the articles' "behavioral": both were declined
    as a subject no article covers once stand-in words were no longer bridged by spelling."""
    answer = real_library.ask(question)
    assert answer.grounded, answer.note


def test_a_company_with_a_section_of_its_own_is_answered_from_it(real_library):
    """The team-leadership questions matched "my last manager" better and were quoted first; the answer then did not
    stand on Twitter and the coach declined as if the articles named Twitter only in passing."""
    answer = real_library.ask("What might Twitter want to hear about how my last manager rated me?")
    assert answer.grounded, answer.note
    assert "biggest strength" in answer.answer
    assert any(s.section == "Twitter Software Engineer behavioral interview questions" for s in answer.sources)


def test_a_word_that_spells_part_of_a_company_name_names_no_company(real_library):
    """"tech stack" is not Stack Overflow: an answer sharing "stack" with the question is not one that shares only a
    company's name with it."""
    answer = real_library.ask("What could I bring up to hear about a big mistake in their tech stack and what they "
                              "learned from it?")
    assert answer.grounded, answer.note
    assert "worst technical blunder" in answer.answer


def test_a_mind_gone_blank_is_answered_from_the_advice_on_getting_stuck(real_library):
    """"went" and "blank" say what happened to the asker, not a subject the articles must name: the question used
    to be declined as not talking about "went"."""
    answer = real_library.ask("My mind went blank on a question, what should I do?")
    assert answer.grounded, answer.note
    assert any("coding-interview-techniques" in s.path for s in answer.sources[:3]), answer.sources


FICTIONAL_FORECASTING = """---
title: Forecasting staffing for a coffee chain (fictional example)
---

This article is fictional and exists only for tests.

## Framing the problem

A coffee chain wants to know how many barista hours each store needs next week. Treat it as a time-series problem:
each store's hourly orders are the series, and holidays and weather are features.

## Evaluating the forecast

Hold out the most recent weeks as the test set, since shuffling the rows leaks the future into training. Compare the
model with a seasonal naive baseline that repeats last week's numbers.
"""


@pytest.mark.parametrize("question", ["How should I prepare for a barista interview at a busy cafe?",
                                      "What do they want to hear when I interview for a barista position?"])
def test_a_job_is_judged_against_the_evidence_not_the_whole_library(real_library, tmp_path, question):
    """Declined before and after an article that names baristas only in a forecasting example joins the library:
    the kind of job must be in the passages the answer stands on. It used to count as covered as soon as any
    article used the word, and both were then answered from coding-prep and final-question passages."""
    before = real_library.ask(question)
    assert not before.grounded and "barista" in before.note, before.answer
    path = tmp_path / "cafe-forecasting.md"
    path.write_text(FICTIONAL_FORECASTING, encoding="utf-8")
    report = real_library.ingest([path])
    try:
        after = real_library.ask(question)
        assert not after.grounded and "barista" in after.note, after.answer
    finally:
        for article in real_library.library.articles():
            if article.path in report.added:
                real_library.remove_document(article.doc_id)
