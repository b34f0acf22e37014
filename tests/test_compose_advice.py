"""Answers that say the substance a job seeker asked for (real embedding model, parser and chunker): a list of page
titles or resources is no answer to "what techniques", an article's numbered step headings are, and a question
that tells the asker's situation and asks what to do is answered by advice or not at all. The guide, the company
"Pellmoor" and the products it names are invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose import advises, compose, title_only
from test_answer_kinds import _shape, compose_over, parsed, ranked_hits

ARTICLE = """# Fictional guide to the Pellmoor puzzle round

This guide is fictional and written for tests.

## How to untangle a puzzle you have never seen

Most candidates freeze when the puzzle is unfamiliar. Note that not every technique fits every puzzle, and you can \
combine several of them on one puzzle.

### 1. Sketch the puzzle on paper

A drawing shows how the pieces move far better than words do. Draw each state of the board before you reason about \
the next one.

### 2. Solve a tiny case by hand

Work through a three-piece version of the puzzle without any notes. The moves you make by hand are often the rule \
you need.

### 3. Split the puzzle into pieces

If the puzzle is large, start with the outermost rule and break it into smaller rules you solve one at a time.

## Practise with the right material

For the sake of memory, study one kind of puzzle and then practise it at once. There are already excellent \
practice resources that make this easy:

1. PuzzleForge
1. Mastering the Puzzle Round: Patterns for Puzzles

## When your nerves take over

Every candidate has a round that goes badly at some point. Readers at Pellmoor see many tense candidates each week. \
So if your nerves get the better of you, pause, breathe and say your next step out loud before you write it.

## How the panel scores you

Panel scores are visible to every reader of the loop. Readers can also see the feedback from your earlier rounds \
at Pellmoor.
"""


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    return parsed(tmp_path_factory, "pellmoor_puzzles.md", ARTICLE)


def _ask(embedder, guide, question):
    article, chunks = guide
    return compose_over(embedder, article, chunks, question, ["Pellmoor"])


def test_numbered_step_headings_answer_a_list_question_not_a_list_of_titles(embedder, guide):
    q = "What are the main techniques for a Pellmoor puzzle I have never seen?"
    out = _ask(embedder, guide, q)
    # Before, the answer was the two product titles of the resources list ("PuzzleForge [1] Mastering ...") or the
    # intro's caveat; the techniques are the numbered headings, each followed by what its section says.
    assert "PuzzleForge" not in out.text and "Mastering the Puzzle Round" not in out.text, out.text
    steps = [s for s in ("Sketch the puzzle on paper", "Solve a tiny case by hand", "Split the puzzle into pieces")
             if s in out.text]
    assert len(steps) >= 2, out.text
    assert not _shape(q, out), out.text


def test_a_resource_question_still_gets_the_titles(embedder, guide):
    out = _ask(embedder, guide, "Which practice resources do you recommend for the Pellmoor puzzle round?")
    assert "PuzzleForge" in out.text, out.text


def test_a_situation_is_answered_by_advice_or_not_at_all(embedder, guide):
    article, chunks = guide
    q = "I cry every time the panel sends me feedback, how do I cope with that?"
    vectors, qv, hits = ranked_hits(embedder, chunks, q)
    out = compose(q, hits, vectors, qv, article.roles, ["Pellmoor"])
    # Before, the answer quoted "Readers can also see the feedback from your earlier rounds": the word "feedback" in
    # another sense, no advice. Nothing here tells the asker what to do, so nothing is quoted (the chain declines).
    assert out.text == "", out.text


def test_the_answer_to_a_situation_leads_with_its_advice(embedder, guide):
    q = "I get so nervous that my hands shake during the round, what should I do?"
    out = _ask(embedder, guide, q)
    # Before, the advice came last, after the sentences its paragraph opens with ("Every candidate has a round that
    # goes badly ..."), which tell the asker nothing to do.
    assert out.text.startswith("So if your nerves get the better of you"), out.text
    assert "Every candidate has a round" not in out.text, out.text


def test_a_situation_with_advice_leads_with_it(embedder, guide):
    q = "I panic when the puzzle they give me is huge, what do I do?"
    out = _ask(embedder, guide, q)
    assert "start with the outermost rule" in out.text, out.text


def test_advice_and_titles_are_told_apart():
    assert advises("If the problem is large, start with a high-level function and break it down.")
    assert advises("Visualize the problem by drawing it out")
    assert advises("Try not to apply to too many jobs as a recruiter wouldn't be able to tell.")
    assert not advises("Generally, your scores and feedback for each round are visible to all interviewers.")
    assert not advises("Whiteboards make it easy to draw diagrams which helps with problem solving!")
    assert not advises("If you can come up with a set of rules, you can write the code for it.")
    assert title_only("Grokking the Coding Interview: Patterns for Coding Questions")
    assert title_only("AlgoMonster")
    assert not title_only("Pick a good programming language to use")
    assert not title_only("Sliding window")


RESOURCES = """# Fictional guide to the Quillmark essay round

This guide is fictional and written for tests.

## Quality resources

- Essay Forge Weekly: A weekly letter on essay rounds, with one worked essay in every issue.
- Quillmark Essay Drills: Forty timed essay prompts from past Quillmark rounds.

## Dress code

Wear what you would wear to the office on a normal day.
"""


@pytest.fixture(scope="module")
def resources(tmp_path_factory):
    return parsed(tmp_path_factory, "quillmark_essays.md", RESOURCES)


def test_an_answer_made_only_of_pointers_says_so(embedder, resources):
    from coach.compose import POINTERS_ONLY

    article, chunks = resources
    out = compose_over(embedder, article, chunks, "How do I get better at Quillmark essay rounds?", ["Quillmark"])
    # Before, a resource's description was quoted as if it were the advice asked for.
    assert out.text.startswith(POINTERS_ONLY), out.text
    asked = compose_over(embedder, article, chunks, "Which resources help with Quillmark essay rounds?", ["Quillmark"])
    assert POINTERS_ONLY not in asked.text and "Quillmark Essay Drills" in asked.text, asked.text


def test_something_useful_you_can_do_is_advice():
    """"Coming up with more examples is something useful you can do" advises (it is what the best passage says to do
    for a mind gone blank; that it leads before another section's directive is checked on the real articles by
    test_scope_subject's mind-gone-blank test); "this is something I learned" does not."""
    assert advises("Coming up with more examples is something useful you can do regardless of whether you are stuck")
    assert not advises("This is something I learned the hard way.")
