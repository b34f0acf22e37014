"""The asker's own numbers and the amounts a yes/no question puts to the test. "how long should my dossier be if I
have 3 years experience" asks the dossier's length (the 3 years are the asker's situation); "should my dossier be two
pages?" and "are 4 referees enough?" ask for the library's amount of that thing: the answer states it or says the
library gives none, never another thing's number (real embedding model, real parser and chunker). The article and the
company "Pellworth" are fictional, invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose import compose
from coach.plan import (NOT_EXACT, asking_part, counted_thing, given_numbers, measured_thing, plan, states_measure,
                        checked_amount)
from test_answer_kinds import compose_over, parsed, ranked_hits

ARTICLE = """# Fictional guide to applying at Pellworth

This guide is fictional and written for tests.

## The application dossier

Keep your application dossier to 1 page, with the newest role first.

## Dossier and cover note

Tell one short story about why you want the role. Like your dossier pages, your cover note should rarely go beyond
the one page limit.

## Parsing tools

If your last role lasted 3 years and you listed five tools, the parser will assume 3 years of each tool. A dossier
with 3 years of experience is read by the parser the same way.

## The Pellworth pairing round

A Pellworth pairing round is typically 50 - 60 minutes long, with one engineer from the team.

## Your first weeks

In the first 2 weeks you pair with a new colleague next week and every week after that.

## Telling your stories

People remember stories. Tell each one in your own words and end with what you learned.

## References

Pellworth asks for references late in the process; say early who can speak about your recent work.
"""


@pytest.fixture(scope="module")
def pellworth(tmp_path_factory):
    return parsed(tmp_path_factory, "pellworth_applying.md", ARTICLE)


def _ask(embedder, pellworth, question):
    article, chunks = pellworth
    return compose_over(embedder, article, chunks, question, ["Pellworth"])


@pytest.mark.parametrize("question, asking, given", [
    ("how long should my resume be if i have 3 years experience", "how long should my resume be", ["3 years", "3"]),
    ("with 6 years in, how much experience does a staff engineer have?",
     "how much experience does a staff engineer have", ["6 years", "6"]),
    ("the round is 45 minutes, how many minutes should my intro take?", "how many minutes should my intro take",
     ["45 minutes", "45 minutes", "45"]),
    ("is it ok if my CV runs to two pages?", "is it ok whether my CV runs to two pages", []),  # "ok if": whether
    ("is a 3.2 GPA high enough to list?", "is a 3.2 GPA high enough to list", []),  # a decimal ends no clause
])
def test_the_asker_situation_is_told_apart_from_the_question(question, asking, given):
    assert asking_part(question) == asking
    assert given_numbers(question) == given


@pytest.mark.parametrize("question, tested", [
    ("should my resume be one page?", ("length", None)),
    ("is a 15 word headline on my resume too long?", ("length", None)),
    ("is 2 weeks enough to prepare for coding interviews", ("duration", None)),
    ("are 3 references enough for a tech job application?", ("count", "references")),
    ("is 5 mock interviews enough before the real thing?", ("count", "mock interviews")),
    ("is a 3.2 GPA high enough to list on my resume?", None),  # no unit, no plural: nothing counted
    ("Is just grinding random LeetCode problems for a few weeks good enough?", None),  # told in passing
    ("Is it bad to throw applications at ten openings at the same firm?", None),
    ("will the company know I bombed their interview two years ago?", None),
])
def test_an_amount_put_to_the_test(question, tested):
    assert checked_amount(question) == tested
    if tested:
        assert plan(question).kind == tested[0]
        assert counted_thing(question) == tested[1]


@pytest.mark.parametrize("question, thing", [
    ("should my resume be one page?", "resume"),
    ("I have 2 coding rounds next week, how long does each one usually last?", "coding rounds"),  # "each one"
    ("how long does each one last?", None),  # no situation names it
    ("I have 2 weeks left, how many weeks does system design prep usually take?", "system design prep"),
])
def test_the_measured_thing_is_read_from_the_asking_clause(question, thing):
    assert measured_thing(question) == thing


@pytest.mark.parametrize("kind, thing, sentence, states", [
    ("length", "resume", "Use only 1 page for your resume", True),
    ("length", "resume", "Similar to your resume, you should very rarely go beyond the one page limit.", False),
    ("length", "resume", "Keep the resume short and focused.", False),  # no size at all
    ("duration", "pairing rounds", "A pairing round is typically 50 - 60 minutes long.", True),
    ("duration", "pairing rounds", "In the first 2 weeks you pair with a colleague.", False),  # the head noun
])
def test_a_clause_states_the_measure_of_the_thing(kind, thing, sentence, states):
    assert states_measure(kind, thing, sentence) is states


def test_the_asker_years_do_not_pick_the_passage(embedder, pellworth):
    out = _ask(embedder, pellworth, "how long should my application dossier be if I have 3 years experience?")
    assert NOT_EXACT not in out.text and out.text.startswith("Keep your application dossier to 1 page"), out.text


def test_a_tested_size_is_answered_with_the_thing_own_size(embedder, pellworth):
    out = _ask(embedder, pellworth, "should my application dossier be two pages?")
    # Before, the cover note's page limit followed as if it were the dossier's.
    assert out.text.startswith("Keep your application dossier to 1 page") and "cover note" not in out.text, out.text


def test_a_tested_count_the_library_lacks_is_not_exact(embedder, pellworth):
    out = _ask(embedder, pellworth, "are 3 references enough for Pellworth?")
    assert out.text.startswith(NOT_EXACT) and "no number for references" in out.text, out.text
    assert "3 years" not in out.text, out.text


def test_each_one_is_the_thing_the_asker_counts(embedder, pellworth):
    out = _ask(embedder, pellworth, "I have 2 Pellworth pairing rounds next week, how long does each one last?")
    # Before, the first weeks' "next week" led ("In the first 2 weeks you pair ..."): "each one" is a pairing round.
    assert NOT_EXACT not in out.text, out.text
    assert out.text.startswith("A Pellworth pairing round is typically 50 - 60 minutes"), out.text


def test_a_page_limit_under_another_heading_is_not_the_asked_size(embedder, pellworth):
    article, chunks = pellworth
    question = "I've got 4 project stories ready, how long should each one be when I tell it?"
    vectors, qv, hits = ranked_hits(embedder, chunks, question)
    text = compose(question, hits, vectors, qv, article.roles, ["Pellworth"]).text
    # The stories have no size in the article: no page limit (the cover note's), no minutes (a pairing round's) and
    # no years (the parser's) are given as theirs.
    assert not text or text.startswith(NOT_EXACT), text
