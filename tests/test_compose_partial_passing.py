"""A thing the library only names — a list member, an example, what other advice is for — is not answered as if the
library explained it: "how do I make X" and "what is X" then say "The library doesn't answer exactly this" and quote
what it does say; a thing a passage explains (it opens sentences, is named again, heads the section) is answered
plainly (real embedding model, real parser and chunker). The article and "Tallowmere" are fictional, invented for
these tests."""
from __future__ import annotations

import pytest

from coach.compose.asks import thing_words
from coach.plan import NOT_EXACT, asked_thing
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional guide to the Tallowmere design loop

This guide is fictional and written for tests.

## What the design round covers

Topics include ledger sharding, gossip relays, tide caches, lantern quorums, and more. Candidates are often asked to
sketch flow charts, name the failure modes and discuss the trade-offs.

## Tide caches

A tide cache keeps the last hour of reads close to the caller. The tide cache empties itself every hour, so stale
reads never outlive the tide. Explain when a tide cache is worth its memory before you draw one.

## Writing your pitch letter

Open your pitch letter with the one result you are proudest of. Keep the pitch letter under a page and name the team
you want to join.

## Crafting your follow-up card

### Practical tips

Write it by hand on plain white stock and thank each interviewer by name. Mention one question they asked and what
you would add to your answer now. Post it within a day of the last round.

## Practice partners

Many candidates book sessions with Harbourline, which is useful for rehearsing the Tallowmere lantern review or any
other late round. Ask your partner to time you.
"""


@pytest.fixture(scope="module")
def tallowmere(tmp_path_factory):
    return parsed(tmp_path_factory, "tallowmere_loop.md", ARTICLE)


def _ask(embedder, tallowmere, question):
    article, chunks = tallowmere
    return compose_over(embedder, article, chunks, question, ["Tallowmere"])


@pytest.mark.parametrize("question, thing", [
    ("what is a lantern quorum?", "lantern quorum"),  # one member of a list of topics
    ("how do I actually draw a good flow chart for the design round?", "good flow chart"),  # an object in a list
    ("how do I ace the lantern review at Tallowmere?", "lantern review at Tallowmere"),  # what a tool is for
])
def test_a_thing_only_named_is_said_not_to_be_answered(embedder, tallowmere, question, thing):
    out = _ask(embedder, tallowmere, question)
    assert out.text.startswith(NOT_EXACT) and "only in passing" in out.text, out.text


@pytest.mark.parametrize("question, said", [
    ("what is a tide cache?", "last hour of reads"),  # it opens sentences and is named again
    ("how do I write a strong pitch letter?", "one result you are proudest of"),  # the section's heading names it
    ("how do I write a good follow-up card?", "thank each interviewer by name"),  # so does the heading it sits under
])
def test_a_thing_the_library_explains_is_answered(embedder, tallowmere, question, said):
    out = _ask(embedder, tallowmere, question)
    assert NOT_EXACT not in out.text and said in out.text, out.text


@pytest.mark.parametrize("question, thing", [
    # (the kind it is for is kept; a passage may name the thing with it or without it)
    ("how do I actually draw a good class diagram for an object-oriented round?",
     "good class diagram for an object-oriented round"),
    ("how do I write a catchy headline for my LinkedIn profile?", "catchy headline for my LinkedIn"),
    ("what's a message queue and why does it matter?", "message queue"),
    ("what should my Stack Overflow profile show?", "Stack Overflow profile"),
    ("what does the Dropbox engineering career framework say about levels?", "Dropbox engineering career framework"),
    ("how should I go about designing the database schema?", "database schema"),
    ("how do I get ready for the lantern review at Tallowmere?", "lantern review at Tallowmere"),
    ("how can I check my CV still makes sense in plain text?", "CV"),
    ("How do I write the email asking the recruiter for more money?", "email"),
    ("how do I fill in the system design template from that newsletter?", "system design template"),
    ("how do I put together my self introduction for a coding interview?", "self introduction for a coding interview"),
    ("How do I answer the question about conflict?", "question"),
    ("how do I stay calm?", None),
    ("How do I use Resume Worded?", None),
    ("", None),
    ("??? !!!", None),
])
def test_the_thing_a_question_asks_about(question, thing):
    assert asked_thing(question) == thing


@pytest.mark.parametrize("thing, words", [
    ("good class diagram", {"class", "diagra"}),  # a modifier English also reads as an adjective is not required
    ("catchy headline for my LinkedIn", {"headli", "linked"}),  # the named one it is for is
    ("summary bit", {"summar"}),
    ("part", set()),
])
def test_the_words_that_name_the_thing(thing, words):
    assert thing_words(thing) == words
