"""Which sentences of a retrieved chunk answer the question (real embedding model, real parser and chunker): the
asked attribute's field of the named level only, a labelled list of problems for "what's the catch", the sentence
that names a described concept, the remedy rather than the symptom; a list or fact sheet of another article than the
best sentence's does not replace it. The fictional articles and the company "Velmora" are invented for these tests;
the real-article test reads ../shared (skipped without it)."""
from __future__ import annotations

import pytest

from coach.plan import plan
from test_answer_kinds import _shape, compose_over, parsed
from test_compose_kinds import ARTICLE as LEVELS

TOPICS = """# Fictional notes on batching, caches and builds at Velmora

These notes are fictional and written for tests.

## Batching requests

Batching groups many small requests into one call to the storage service.

- Higher latency: Each request waits until its batch is full, so a single request gets slower.
- Memory pressure: Large batches hold many payloads in memory at once.
- Harder debugging: One malformed payload can fail the whole batch.

Pick the batch size from measured traffic rather than from a fixed default.

## Caches

Teams at Velmora store the results of expensive calls to reuse them on later requests. Every team owns its own
cache settings. A cache entry that outlives the data it copied is called a stale entry. Velmora dashboards show the
hit rate of every cache.

## Build runners

Builds on the shared runner often time out when the queue is long. A way to get around this is to split the build
into smaller jobs that run in parallel. The shared runner is used by every team at Velmora.
"""


@pytest.fixture(scope="module")
def levels(tmp_path_factory):
    return parsed(tmp_path_factory, "velmora_levels.md", LEVELS)


@pytest.fixture(scope="module")
def topics(tmp_path_factory):
    return parsed(tmp_path_factory, "velmora_topics.md", TOPICS)


def _ask(embedder, article_chunks, question):
    article, chunks = article_chunks
    return compose_over(embedder, article, chunks, question, ["Velmora"])


def test_a_question_about_one_level_quotes_only_that_levels_asked_field(embedder, levels):
    q = "How many years in industry does a lead engineer usually have?"
    out = _ask(embedder, levels, q)
    assert "8+ years" in out.text
    assert "12+ years" not in out.text and "0-3 years" not in out.text  # not the Senior Lead nor the Associate
    assert "Description" not in out.text and not _shape(q, out)


@pytest.mark.parametrize("question, value, others", [
    ("How big is the work an associate engineer takes on?", "Single tickets", ["Multi-quarter", "0-3 years"]),
    ("What size of projects does a lead engineer handle?", "Multi-quarter projects", ["Single tickets", "8+ years"]),
    ("How far does a senior lead engineer's impact reach?", "Whole organisation", ["Several squads", "Own tasks"]),
])
def test_the_asked_attribute_is_the_field_that_means_it(embedder, levels, question, value, others):
    out = _ask(embedder, levels, question)
    assert value in out.text
    assert not any(o in out.text for o in others)
    assert "Description" not in out.text


def test_whats_the_catch_quotes_the_listed_problems_not_the_intro(embedder, topics):
    q = "What's the catch with grouping lots of small calls together?"
    assert plan(q).kind == "why_bad"
    out = _ask(embedder, topics, q)
    found = [item for item in ("Higher latency", "Memory pressure", "Harder debugging") if item in out.text]
    assert len(found) >= 2, out.text
    assert "groups many small requests" not in out.text  # the intro explains batching; it names no problem


def test_a_described_concept_is_answered_by_the_sentence_that_names_it(embedder, topics):
    q = "What do you call it when a saved copy no longer matches the data it came from?"
    assert plan(q).kind == "name"
    out = _ask(embedder, topics, q)
    assert "is called a stale entry" in out.text, out.text


def test_how_do_i_fix_quotes_the_remedy_not_the_symptom(embedder, topics):
    q = "My builds keep timing out on the shared runner. How do I fix that?"
    out = _ask(embedder, topics, q)
    assert "split the build into smaller jobs" in out.text, out.text


def test_real_levels_article_one_level_one_field(embedder, real_articles, tmp_path_factory):
    path = next((p for p in real_articles if "engineering-levels" in p.name), None)
    if path is None:
        pytest.skip("the real engineering-levels article is not in ../shared/real-articles")
    article_chunks = parsed(tmp_path_factory, path.name, path.read_text(encoding="utf-8"))
    out = _ask(embedder, article_chunks, "How much experience does a senior engineer have?")
    assert "5+ years" in out.text and "15+ years" not in out.text  # Senior, not Senior Staff
    assert "0-2 years" not in out.text  # nor Junior, whose description mentions "experience"
    out = _ask(embedder, article_chunks, "What size of projects does a staff engineer usually own?")
    assert "Larger projects spanning multiple halves" in out.text and "Description" not in out.text
    assert "crucial to the organization" not in out.text  # the Senior Staff line


PORTAL = """# Fictional notes on the Velmora application portal

These notes are fictional and written for tests.

## How the portal reads experience

The application portal estimates how long you have used a language from where it appears in your application. A
language named under a long job is credited with the whole length of that job, so name it where you really used it.
"""


def test_a_fact_sheet_of_another_article_does_not_answer_by_one_description_word(embedder, levels, tmp_path_factory):
    """The best sentence is the portal article's; the levels' fact sheets share only "ships" with the question (the
    Associate's description): the answer is the portal's, not the Associate's Experience line."""
    portal, portal_chunks = parsed(tmp_path_factory, "velmora_portal.md", PORTAL)
    article, chunks = levels
    q = "As an engineer who ships code, how does the application portal work out my experience with a language?"
    out = compose_over(embedder, article, [*chunks, *portal_chunks], q, ["Velmora"])
    assert "estimates how long you have used a language" in out.text, out.text
    assert "Experience" not in out.text


VISION = """# Fictional notes on vision models at Velmora

These notes are fictional and written for tests.

## Spotting objects in pictures

Object detection finds a bounding box around every object in an image. Velmora's vision team uses single-pass \
detectors for it, since they label the whole image in one go.
"""
DESIGN_ROUND = """# Fictional guide to Velmora design rounds

This guide is fictional and written for tests.

## Design round questions

Some common design questions at Velmora include:

- Design a photo sharing service
- Design a chat service for teams
- Design a file store
- Design a news feed
"""


def test_a_list_of_another_article_does_not_replace_the_best_sentence(embedder, tmp_path_factory):
    """"Which network designs …" reads as a list question, and another article lists "Design a photo sharing
    service": its items share words with the question, but the best sentence is the vision article's."""
    vision, vision_chunks = parsed(tmp_path_factory, "velmora_vision.md", VISION)
    _, design_chunks = parsed(tmp_path_factory, "velmora_design.md", DESIGN_ROUND)
    q = "Which network designs can draw rectangles around every object in a photo?"
    out = compose_over(embedder, vision, [*vision_chunks, *design_chunks], q, ["Velmora"])
    assert "bounding box around every object" in out.text, out.text
    assert "photo sharing service" not in out.text
