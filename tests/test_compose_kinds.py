"""Composition by answer kind over a fictional article (real embedding model, real parser and chunker): labelled fact
sheets compared on the asked label whatever the question's wording, the plainest contrast for a broad comparison,
inline lists, intros that only announce content, fixes from the rest of a mistake's item, placeholders and repeated
sentences. The article and the company "Velmora" are invented for these tests."""
from __future__ import annotations

import re

import pytest

from coach.compose import Hit, SentenceEmbeddings, compose, listed_noun
from coach.models import Chunk
from coach.plan import plan
from test_answer_kinds import _shape, compose_over, parsed  # the same composing harness, over this article

ARTICLE = """# Fictional guide to engineering levels and applications at Velmora

This guide is fictional and written for tests.

## Associate Engineer

- **Description**: Learns the codebase and ships small changes under guidance.
- **Influence**: Own tasks
- **Scope of work**: Single tickets.
- **Experience**: Typically 0-3 years in industry.

## Lead Engineer

- **Description**: Sets direction for a product area and mentors others.
- **Influence**: Several squads
- **Scope of work**: Multi-quarter projects across squads.
- **Experience**: Typically 8+ years in industry.

## Senior Lead Engineer

- **Description**: A broader version of the Lead Engineer role.
- **Influence**: Whole organisation
- **Scope of work**: Programmes spanning several years.
- **Experience**: Typically 12+ years in industry.

## Writing the application

Every application at Velmora goes through the same portal. The portal reads each application before a person does.
Applications with tables or images are often garbled by the portal. Editors you can use - Quillnote, Padsmith, \
Vimdrop. Keep the application in one column so that the portal reads it in order.

## Staying calm on the day

Here are some of the best tips to stay calm on the day of the Velmora onsite.

- Sleep at least seven hours the night before.
- Arrive fifteen minutes early to find the room.
- Breathe slowly for a minute before each round.

## Mistakes in answers

- Rambling: Long answers lose the panel halfway. Rehearse a two-minute version of each story.
- Blaming others: Panels hear it as a lack of ownership. Say what you would do differently.

## Preparing for the panel

Work through a structured preparation system (the Velmora Panel Playbook covers every round with real examples).
Rehearse each story aloud twice before the panel.

## How do recruiters use the screening notes?

Answer here
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "velmora_levels.md", ARTICLE)


def _ask(embedder, fictional, question, context="", chunks=None):
    article, all_chunks = fictional
    return compose_over(embedder, article, chunks or all_chunks, question, ["Velmora"], context=context)


@pytest.mark.parametrize("question", [
    "How much more experience does a lead engineer usually have than an associate one?",  # planned as how-to
    "Does a lead engineer have more experience than an associate engineer?",  # planned as yes/no
    "What's the gap in years between an associate and a lead engineer?",
])
def test_the_asked_label_is_compared_whatever_the_wording(embedder, fictional, question):
    out = _ask(embedder, fictional, question)
    assert "0-3 years" in out.text and "8+ years" in out.text
    assert "12+ years" not in out.text  # "lead" names the Lead Engineer, not the Senior Lead Engineer
    assert "Description" not in out.text and not _shape(question, out)


def test_which_has_more_is_stated_from_the_quoted_numbers(embedder, fictional):
    out = _ask(embedder, fictional, "Does an associate engineer have less experience than a lead engineer?")
    assert out.text.startswith(
        "Associate Engineer has less experience: 0-3 years vs 8+ years for Lead Engineer [1][2].")
    assert "Typically 0-3 years in industry" in out.text  # the cited lines follow the verdict


def test_a_broad_comparison_quotes_the_plainest_contrast_not_the_first_line(embedder, fictional):
    q = "What's the difference between a lead and a senior lead engineer?"
    out = _ask(embedder, fictional, q)
    assert "8+ years" in out.text and "12+ years" in out.text  # numbers set them apart first
    assert "Description" not in out.text
    assert out.text.count("[1]") + out.text.count("[2]") >= 2 and len(out.sources) == 2


def test_a_list_question_gets_the_sentence_that_lists_the_asked_things(embedder, fictional):
    q = "Which editors won't garble my application in the portal?"
    assert plan(q).kind == "list" and listed_noun(q) == "editor"
    out = _ask(embedder, fictional, q)
    assert "Quillnote, Padsmith" in out.text


def test_an_intro_that_only_announces_tips_is_not_the_answer(embedder, fictional):
    out = _ask(embedder, fictional, "How can I keep my nerves under control on onsite day?")
    assert "Here are some" not in out.text
    assert re.search(r"Sleep at least seven hours|fifteen minutes early|Breathe slowly", out.text)


def test_a_fix_follow_up_quotes_the_rest_of_the_mistakes_item(embedder, fictional):
    context = "Rambling: Long answers lose the panel halfway."
    out = _ask(embedder, fictional, "How do I fix that?", context=context)
    assert "Rehearse a two-minute version" in out.text
    assert "lose the panel" not in out.text


def test_a_placeholder_passage_is_never_quoted(embedder, fictional):
    # The FAQ heading matches the question exactly, but its answer was never written.
    article, chunks = fictional
    q = "How do recruiters use the screening notes?"
    vectors = SentenceEmbeddings(embedder)
    qv = vectors.encode([q])[0]
    placeholder = next(c for c in chunks if c.text.strip() == "Answer here")
    other = next(c for c in chunks if "portal" in c.text)
    hits = [Hit(chunk=placeholder, score=1.0, dense=0.6, heading=0.95), Hit(chunk=other, score=0.5, dense=0.3)]
    out = compose(q, hits, vectors, qv, article.roles, ["Velmora"])
    assert "Answer here" not in out.text


def test_a_sentence_repeated_by_overlapping_chunks_is_quoted_once(embedder, fictional):
    article, chunks = fictional
    prose = next(c for c in chunks if "garbled" in c.text)
    copy = Chunk(**{**prose.model_dump(), "id": prose.id + "-overlap", "position": prose.position + 1})
    out = _ask(embedder, fictional, "What can go wrong with tables in my application?", chunks=[prose, copy])
    assert out.text.count("often garbled by the portal") == 1


def test_a_sentence_selling_a_product_is_not_advice(embedder, fictional):
    out = _ask(embedder, fictional, "How should I get ready for the panel?")
    assert "Playbook" not in out.text and "Rehearse each story" in out.text


def test_plan_kinds_for_things_and_fees():
    assert plan("Should I tell the recruiter my salary expectations first?").kind == "yes_no"
    assert plan("How should I negotiate my salary?").kind != "money"
    assert plan("How much does a staff engineer earn?").kind == "money"
    assert plan("What shouldn't I put on my resume?").kind == "mistake"
    assert plan("What clustering methods besides k-means are there?").kind == "list"
    assert plan("Which CNN architectures should I know?").kind == "list"
    assert plan("What happens if my learning rate is tiny?").kind != "list"
    assert plan("What makes a good answer?").kind != "list"
    assert plan("How much does the coaching service charge?").kind == "money"


@pytest.mark.parametrize("question", [
    "How many years in do people usually reach lead engineer?",
    "How many years does it take before someone becomes a lead engineer?",
])
def test_a_duration_asked_in_years_quotes_the_label_in_years(embedder, fictional, question):
    """A planning period ("multi-quarter projects") is a duration, but not the one asked in years: the Experience
    line answers."""
    out = _ask(embedder, fictional, question)
    assert "8+ years" in out.text, out.text
    assert "Multi-quarter" not in out.text and not _shape(question, out)
