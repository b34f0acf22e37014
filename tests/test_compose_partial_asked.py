"""The asked thing however a job seeker phrases the ask ("how would i go about", "any tips for building", "can you
explain", "which X do I need"), with the modifier that says which kind it is ("mock", "personal"): a thing the
library only names gets "The library doesn't answer exactly this" in the library's words for it; a thing it explains
keeps its full answer (real embedding model, real parser and chunker). The article and "Brackenfold" are fictional,
invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose.asks import said_thing, thing_words
from coach.english import gradable
from coach.plan import NOT_EXACT, asked_thing
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional guide to the Brackenfold build round

This guide is fictional and written for tests.

## What the build round covers

Candidates are often asked to sketch valve maps, define relay contracts, and discuss spool layouts. Topics include
drift buffers, hinge logs, moth queues, and more.

## Spool caches

A spool cache keeps the last hour of builds close to the bench. The spool cache empties itself every night, so no
stale build outlives the shift. Explain when a spool cache is worth its disk before you sketch one.

## Writing your bench letter

Open your bench letter with the one build you are proudest of. Keep the bench letter under a page and name the crew
you want to join.

## Rehearsing at home

Candidates rehearse with three things before the round:

- Mock spool caches built from last year's benches
- Live guidance during the round through chat
- Reviews of your bench letter by a crew lead
"""


@pytest.fixture(scope="module")
def brackenfold(tmp_path_factory):
    return parsed(tmp_path_factory, "brackenfold_round.md", ARTICLE)


def _ask(embedder, brackenfold, question):
    article, chunks = brackenfold
    return compose_over(embedder, article, chunks, question, ["Brackenfold"])


@pytest.mark.parametrize("question, said", [
    ("how do I set up a mock spool cache for practice?", "Mock spool caches"),  # "mock" says which: only listed
    ("can you explain moth queues to me?", "moth queues"),  # a request to be told, one member of a list of topics
    ("how would i go about defining relay contracts?", "relay contracts"),  # a gerund after "go about", no article
    ("any tips for sketching valve maps?", "valve maps"),  # a gerund after "tips for"
])
def test_a_thing_only_named_is_said_in_the_librarys_words(embedder, brackenfold, question, said):
    out = _ask(embedder, brackenfold, question)
    assert out.text.startswith(NOT_EXACT) and f"“{said}” only in passing" in out.text, out.text


@pytest.mark.parametrize("question, said", [
    ("how would i go about building a spool cache?", "last hour of builds"),  # the bare thing is explained
    ("any tips for writing a bench letter?", "one build you are proudest of"),  # its section's heading names it
    ("can you explain what a spool cache does?", "last hour of builds"),
])
def test_a_thing_the_library_explains_keeps_its_full_answer(embedder, brackenfold, question, said):
    out = _ask(embedder, brackenfold, question)
    assert NOT_EXACT not in out.text and said in out.text, out.text


def test_a_thing_never_spoken_of_is_named_without_its_praise(embedder, brackenfold):
    out = _ask(embedder, brackenfold, "how do I write a good bench poem?")
    assert out.text.startswith(NOT_EXACT) and "“bench poem”" in out.text, out.text


@pytest.mark.parametrize("question, thing", [
    ("how would i go about a design for a URL shortener like Bitly?", "design for a URL shortener"),
    ("I want to prepare a design for a ride sharing service before my onsite", "design for a ride sharing service"),
    ("any tips for building a personal website that I can link from my resume?", "personal website"),
    ("can you explain data replication to me? I'm new to this", "data replication"),
    ("how do I talk about fault tolerance in a back end round?", "fault tolerance"),
    ("how should I go about designing the database schema?", "database schema"),
    ("which design patterns do I need to know for the round?", "design patterns"),
    ("what should my design for a URL shortener include?", "design for a URL shortener"),
    ("how do I make a prep plan for my coding interviews?", "prep plan"),  # "for my ...": an occasion, not a kind
    # "answer" names no kind by itself: the answer is to a kind of question
    ("how should I structure my answer to a system design question?", "answer to a system design question"),
    ("how do I use early termination in my loops?", "early termination"),
    ("what should I bring with me to the final round?", None),  # brings "what": the round is the setting
    ("how do I get comfortable writing code in CoderPad?", None),  # a state, then a skill
    ("how do I do well?", None),
])
def test_the_thing_however_the_ask_is_phrased(question, thing):
    assert asked_thing(question) == thing


@pytest.mark.parametrize("thing, classifiers, words", [
    ("mock negotiation", True, {"mock", "negoti"}),  # "mock" says which kind of negotiation
    ("mock negotiation", False, {"negoti"}),
    ("good cover letter", True, {"cover", "letter"}),  # "good" only says how good
    ("Medium profile", True, {"medium", "profil"}),  # a name
    ("personal website", True, {"person", "websit"}),
])
def test_a_modifier_that_says_which_kind_is_kept(thing, classifiers, words):
    assert thing_words(thing, classifiers) == words


@pytest.mark.parametrize("word, degree", [("good", True), ("catchier", True), ("higher", True), ("mock", False),
                                          ("personal", False), ("competitive", False), ("letter", False)])
def test_adjectives_of_degree(word, degree):
    assert gradable(word) is degree


def test_the_thing_said_without_praise_or_numbers():
    assert said_thing("good cover letter") == "cover letter"
    assert said_thing("catchy headline for my LinkedIn") == "headline for my LinkedIn"
    assert said_thing("mock negotiation") == "mock negotiation"
    assert said_thing("really good cover letter") == "cover letter"
    # a degree word after another word of the phrase is part of a compound modifier, not praise
    assert said_thing("year long gap") == "year long gap"
