"""A compound the answer writes only in part (real embedding model, real Chroma and BM25): "email signature" answered
by a sentence about the email address on a CV is declined, and so is "thank-you email" answered by a sentence about
the work email (the head written, as another kind of it), while a covered question sharing those words is still
answered. The article is invented for these tests."""
from __future__ import annotations

import pytest

from coach.scope import compounds, kinds_named, names_kind
from tests.test_scope_decision import assert_answered, library_of

ARTICLE = """# Writing a CV for Quillmoor

Fictional article written for Interview Coach's tests.

## Contact details

- Name, at the very top of the page
- Personal phone number
  - Never put the phone number of your current employer here
- Email address
  - Never put your work email here
  - A plain address on a free provider is fine

## Cover letter

Keep your cover letter under one page and name the team you want to join in its first paragraph.

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
    # The verb after an asked subject is no head: "say" is what the CV does, "summary" is what it has.
    ("should my CV say that I was laid off?", []),
    ("Should my cover letter mention my gap year?", [("letter", ["cover"]), ("year", ["gap"])]),
    ("What should my CV summary include?", [("summary", ["CV"])]),
    # A fixed phrase used as a modifier is one modifier, spaced or hyphenated; after a noun a pronoun starts a clause.
    ("What should a thank you note say?", [("note", ["thank you"])]),
    ("Do I send a thank-you note to each interviewer?", [("note", ["thank-you"])]),
    ("Is the team you join decided after the offer?", []),
    # A contraction is one word and names no thing; a possessive ends the phrase it names ("team's").
    ("What's the team's on-call rotation like?", [("rotation", ["on-call"])]),
    ("My lead doesn't review code carefully, how do I raise it?", []),
    ("Why didn’t the recruiter’s follow-up email mention the salary band?",
     [("email", ["follow-up"]), ("band", ["salary"])]),
    ("I'm unsure whether they'll ask SQL questions", [("questions", ["SQL"])]),
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
    assert_answered(quillmoor, question, fact)


def test_the_compound_asked_about_is_named_outright_not_in_a_phrase_placing_the_question():
    assert compounds("what do i type my code into during a zoom interview?", placed=False) == []
    assert compounds("Is a thank-you email to the recruiter a good idea?", placed=False)[0] == ("email", ["thank-you"])


@pytest.mark.parametrize("modifier, kind", [
    ("reference", True), ("thank-you", True), ("wedding", True),  # nouns, or a word the lexicon does not know
    ("technical", False), ("free", False), ("S-shaped", False),  # qualities
    ("squashing", False), ("screens", False),  # an act; a plural is a verb's form here ("software that screens CVs")
])
def test_a_modifier_names_a_kind_when_it_reads_as_a_singular_noun(modifier, kind):
    assert names_kind(modifier) is kind


def test_the_kinds_an_answer_names_are_its_noun_phrases_ending_in_the_head():
    # "Email address" is an address: "email" only modifies it there.
    assert kinds_named("email", ["Never put your work email here", "Email address"]) == ["work email"]
    assert kinds_named("letters", ["Keep your cover letter to a page.", "Send a letter."]) == ["cover letter", "letter"]
    # A spaced dash separates clauses: "use" is no head of "hiring process".
    assert kinds_named("use", ["readable in the hiring process - use 10 pt"]) == ["use"]


@pytest.mark.parametrize("question, phrase", [
    ("Is a thank-you email to the recruiter a good idea?", "thank-you email"),
    ("What should a thank-you email to my interviewers say?", "thank-you email"),
    ("How do I write a reference letter for an intern who worked for me?", "reference letter"),
])
def test_an_answer_naming_another_kind_of_the_asked_thing_is_declined(quillmoor, question, phrase):
    answer = quillmoor.ask(question)
    assert not answer.grounded, answer.answer
    assert phrase in (answer.note or "")


@pytest.mark.parametrize("question, fact", [
    ("Can my office email go on my CV?", "work email"),  # the same kind, named another way
    ("Can I put my personal email on my CV?", "work email"),  # the kind the answer warns against instead
    ("How long should my cover letter be?", "under one page"),
])
def test_an_answer_naming_the_asked_kind_its_own_way_is_answered(quillmoor, question, fact):
    answer = quillmoor.ask(question)
    assert answer.grounded, answer.answer
    assert fact in answer.answer
