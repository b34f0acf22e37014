"""Answer kinds over a fictional article (real embedding model, real parser and chunker): counting lead-ins with their
items, acronyms spelled out, size questions, comparisons of labelled sections, "what's wrong with X", lists named by
their lead-in, and a quoted interview question the article only lists. The article is invented for these tests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.compose import Hit, SentenceEmbeddings, compose
from coach.guard import unsupported_numbers
from coach.plan import NOT_EXACT, shape_problems

ARTICLE = """# Fictional guide to the Quorvane engineering loop

This guide is fictional and written for tests.

## How panels score a round

There are 3 ways panels at Quorvane score a coding round:

- Points per dimension, summed into one total
- One overall grade for the whole round
- A ranking against the other candidates of the week

## Portfolio advice

The hiring committee meets every 3 weeks to review portfolios.
Keep the portfolio to 2 pages so that reviewers read all of it.

## Readiness

The Loop Readiness Score (LRS) is a number from 1 to 10 that recruiters give after the phone screen.
A candidate with a low LRS is asked to wait before the onsite.

## Tier One Engineer

- **Description**: Works on tasks set by the team.
- **Scope**: Single features within one service.
- **Influence**: Own team.

## Tier Two Engineer

- **Description**: Leads projects across several services.
- **Scope**: Multi-quarter projects affecting the whole company.
- **Influence**: Several teams.

## What happens if you skip the warm-up question?

Skipping the warm-up leaves the panel without a baseline. They then judge the rest of the round more harshly, and \
candidates who skip it rarely pass.

## Practice prompts

- Tell me about a time you missed a goal.
- Tell me about a time you changed a design late.
- How do you handle a noisy on-call week?

## Languages

These are the languages candidates use most, in order of popularity at Quorvane:

- Python: Short to write and easy to read aloud.
- Java: Common in the back-end teams.
- Go: Used by the platform group.
"""


def parsed(tmp_path_factory, name: str, text: str):
    """(article, chunks) of ``text`` written as ``name`` and run through the real parser and chunker."""
    from ingest.chunking import chunk_article
    from ingest.parse import parse_file

    path = Path(tmp_path_factory.mktemp("kinds")) / name
    path.write_text(text, encoding="utf-8")
    article = parse_file(path, doc_id=path.stem, sha256="0")
    return article, chunk_article(article)


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "quorvane_loop.md", ARTICLE)


def ranked_hits(embedder, chunks, query):
    """(sentence vectors, query vector, ``chunks`` as hits ranked by dense similarity to ``query``)."""
    vectors = SentenceEmbeddings(embedder)
    qv = vectors.encode([query])[0]
    cv = vectors.encode([c.text for c in chunks])
    order = sorted(range(len(chunks)), key=lambda i: -float(cv[i] @ qv))
    return vectors, qv, [Hit(chunk=chunks[i], score=1.0 / (1 + r), dense=float(cv[i] @ qv)) for r, i in enumerate(order)]


def compose_over(embedder, article, chunks, question, companies, context=""):
    """The composed answer over ``chunks`` ranked by dense similarity to the question (and the previous answer,
    for a follow-up), checked to be cited and faithful."""
    vectors, qv, hits = ranked_hits(embedder, chunks, f"{question} {context}".strip())
    out = compose(question, hits, vectors, qv, article.roles, companies, context=context)
    assert out.text and unsupported_numbers(out.text, out.sources) == []
    assert re.search(r"\[\d+\]", out.text)
    return out


def _ask(embedder, fictional, question):
    article, chunks = fictional
    return compose_over(embedder, article, chunks, question, ["Quorvane"])


def _shape(question, out):
    from coach.models import Answer

    return shape_problems(question, Answer(question=question, standalone_question=question, answer=out.text,
                                           grounded=True, sources=out.sources))


def test_a_counting_lead_in_is_quoted_with_its_items(embedder, fictional):
    q = "In how many different ways is a coding round scored?"
    out = _ask(embedder, fictional, q)
    assert "3 ways" in out.text and "One overall grade" in out.text
    assert not _shape(q, out)  # not a lead-in ending in ":"


def test_an_acronym_is_spelled_out(embedder, fictional):
    out = _ask(embedder, fictional, "What does LRS stand for?")
    assert "Loop Readiness Score" in out.text


def test_a_size_question_gets_a_size_not_a_waiting_time(embedder, fictional):
    out = _ask(embedder, fictional, "How long should my portfolio be?")
    assert "2 pages" in out.text and "3 weeks" not in out.text


def test_two_labelled_sections_are_compared_on_the_asked_label(embedder, fictional):
    out = _ask(embedder, fictional, "Which has a bigger scope, a tier one or a tier two engineer?")
    assert "Single features within one service" in out.text
    assert "Multi-quarter projects affecting the whole company" in out.text
    assert "Influence" not in out.text


def test_whats_wrong_with_is_explained_not_listed(embedder, fictional):
    out = _ask(embedder, fictional, "What's wrong with skipping the warm-up question?")
    assert "without a baseline" in out.text
    assert "Tell me about" not in out.text


def test_a_list_is_chosen_by_its_lead_in_and_quoted_in_order(embedder, fictional):
    out = _ask(embedder, fictional, "Which programming languages do candidates pick most often?")
    assert out.text.index("Python") < out.text.index("Java") < out.text.index("Go")


def test_a_quoted_prompt_the_article_only_lists_is_not_answered_with_other_prompts(embedder, fictional):
    out = _ask(embedder, fictional, "How do I answer 'tell me about a time you missed a goal'?")
    assert out.text.startswith(NOT_EXACT)
    assert "missed a goal" in out.text and "changed a design" not in out.text


@pytest.mark.parametrize("question", ["how do I answer tell me about a time you missed a goal?",
                                      "How should I respond to 'tell me about a time you missed a goal'?"])
def test_a_prompt_asked_about_without_quotes_is_not_echoed_as_its_own_answer(embedder, fictional, question):
    """Unquoted after "answer"/"respond to", the prompt was quoted back as if it were advice on answering it."""
    out = _ask(embedder, fictional, question)
    assert out.text.startswith(NOT_EXACT)
    assert "missed a goal" in out.text and "changed a design" not in out.text
