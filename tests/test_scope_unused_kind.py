"""Scope by the kind of thing asked about (real embedding model, real Chroma, real BM25): a compound whose noun
modifier no article writes with its head ("a panel interview" in a library that knows coding and mock interviews) is
a thing the library lacks, and the decline names it; a kind of job that only sets the scene gives way to the asked
thing the library lacks ("level of French"). The article and the company "Velmora" are fictional, written for these
tests; the real-article tests read ../shared/real-articles and skip when it is missing."""
from __future__ import annotations

import pytest

from coach.scope import asked_exam, asked_job, lacked_before, phrasal, writes_together
from tests.test_scope_decision import library_of

ARTICLE = """# Interview Preparation at Velmora

Fictional article written for Interview Coach's tests.

## Coding interviews

In a coding interview you solve one problem in 45 minutes and explain your approach out loud while you write the code.
Practise coding interviews on a plain editor without autocomplete, because the interview tool has none.

## Your resume

Keep your resume to one page and list two or three projects with the impact they had.

## Design documents

Before the onsite, read the design document template: every design document states the problem, the options and the
chosen trade-off.
"""


@pytest.fixture(scope="module")
def velmora(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"velmora_prep.md": ARTICLE})


@pytest.fixture(scope="module")
def real_library(real_articles, tmp_path_factory, embedder):
    from coach.api import Coach
    from coach.evaluation import ROOT
    from coach.settings import Settings

    coach = Coach(Settings(home=tmp_path_factory.mktemp("real-kinds") / "home"))
    coach.__dict__["embedder"] = embedder
    assert not coach.ingest([*real_articles, ROOT / "corpus"]).skipped
    return coach


@pytest.mark.parametrize(("question", "phrase"), [
    ("How should I prepare for a panel interview with five interviewers?", "panel interview"),
    ("How do I prepare for a case interview at a consulting firm?", "case interview"),
])
def test_a_kind_the_library_never_writes_with_its_head_is_declined(real_library, question, phrase):
    """The real articles write coding, phone, mock and behavioral interviews, never a panel or a case interview: the
    coach answered with advice on planning coding-interview prep ("it does not speak of …" and a quote)."""
    answer = real_library.ask(question)
    assert not answer.grounded, answer.answer
    assert f"“{phrase}”" in answer.note


@pytest.mark.parametrize(("question", "fact"), [
    ("How do I get ready for a coding interview without autocomplete?", "plain editor"),
    ("What should a design document say?", "trade-off"),
])
def test_a_kind_the_library_writes_is_answered(velmora, question, fact):
    answer = velmora.ask(question)
    assert answer.grounded, answer.answer
    assert fact in answer.answer


@pytest.mark.parametrize(("modifier", "head", "text", "together"), [
    ("design", "doc", "Every design document states the problem.", False),  # "document" is another word
    ("design", "doc", "Share the design docs a day early.", True),  # any form of the head
    ("take-home", "interview", "A take-home coding interview lasts a week.", True),  # a word between
    ("feature", "request", "Write the feature. Requests come later.", False),  # a sentence between
])
def test_a_modifier_is_written_with_its_head(modifier, head, text, together):
    assert writes_together(modifier, head, [text]) is together


@pytest.mark.parametrize(("modifier", "qualifies"), [
    ("step-by-step", True), ("out-of-office", True), ("up-to-date", True),  # a phrase with a preposition
    ("thank-you", False), ("take-home", False), ("design", False),
])
def test_a_hyphenated_phrase_with_a_preposition_qualifies(modifier, qualifies):
    assert phrasal(modifier) is qualifies


@pytest.mark.parametrize(("question", "named", "lacked"), [
    ("What level of French do I need for a dev job in Paris?", "dev", "level of French"),
    ("What level of French do I need for a dev job in Paris?", "level", None),  # nothing before it
    ("What do they ask in a dental hygienist interview?", "dental hygienist", None),
])
def test_the_phrase_the_library_lacks_before_the_scene(question, named, lacked):
    library = {"what", "level", "do", "i", "need", "for", "a", "dev", "job", "in", "they", "ask", "interview"}
    assert lacked_before(question, named, lambda w: w in library) == lacked


@pytest.mark.parametrize(("question", "job", "exam"), [
    ("How many people interview me in the phone screen?", None, None),  # "interview" is their verb
    ("I bombed one interview, what now?", None, None),  # a number says how many, not what kind
    ("Is it bad to take two tests in a row?", None, None),
    ("What do they ask in a dental hygienist interview?", "dental hygienist", None),
])
def test_a_number_or_a_verb_is_no_kind_of_job_or_exam(question, job, exam):
    assert asked_job(question) == job
    assert asked_exam(question) == exam


def test_the_decline_names_the_asked_thing_not_the_scene(velmora):
    """The job check named the “dev” of "a dev job" although the question asks about a level of French."""
    answer = velmora.ask("What level of French do I need for a dev job in Paris?")
    assert not answer.grounded, answer.answer
    assert "dev" not in answer.note


def test_a_run_of_unknown_words_that_names_no_thing_is_no_term(real_library):
    """"the box crashes halfway" says what happens (a verb and an adverb, in no noun phrase): it was taken for a term
    the library never names, and the question about resuming training from a checkpoint was declined."""
    answer = real_library.ask("Can a long training run be picked back up where it left off when the box crashes "
                              "halfway?")
    assert answer.grounded, answer.note
    assert "checkpointing" in answer.answer
