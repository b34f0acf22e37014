"""Which line of a fact sheet answers a fact question (real embedding model, real parser and chunker): the line that
states the asked fact, not another line that happens to carry the same kind of fact. The article and the company
"Tessaly" are invented for these tests."""
from __future__ import annotations

import pytest

from coach.plan import plan
from test_answer_kinds import _shape, compose_over, parsed  # the same composing harness, over this article

ARTICLE = """# Fictional guide to engineering levels at Tessaly

This guide is fictional and written for tests.

## Associate Engineer

- **Description**: Learns the codebase and ships small changes under guidance.
- **Influence**: Own tasks
- **Scope of work**: Single tickets.
- **Experience**: Typically 0-3 years in industry.

## Lead Engineer

- **Description**: Sets direction for a product area and mentors others.
- **Influence**: Wide area (neighbouring teams)
- **Scope of work**: Larger projects spanning multiple quarters.
- **Experience**: Typically 8+ years in industry, with a record of shipped work.

## Senior Lead Engineer

- **Description**: A broader version of the Lead Engineer role.
- **Influence**: Whole organisation
- **Scope of work**: Programmes spanning multiple quarters or years.
- **Experience**: Typically 12+ years in industry.
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "tessaly_levels.md", ARTICLE)


def _ask(embedder, fictional, question):
    article, chunks = fictional
    return compose_over(embedder, article, chunks, question, ["Tessaly"])


@pytest.mark.parametrize("question", [
    "Roughly how long do people work before they reach a lead engineer title?",
    "what amount of time in the industry is typical for a lead engineer?",  # a duration said without "how long"
])
def test_a_time_asked_of_the_people_is_the_line_with_a_figure(embedder, fictional, question):
    # "Scope of work: ... spanning multiple quarters" carries a time too, and "work" is a word of its label; the
    # figure of years is what the question asks.
    assert plan(question).kind == "duration"
    out = _ask(embedder, fictional, question)
    assert "8+ years" in out.text and "Scope of work" not in out.text
    assert not _shape(question, out)


def test_a_time_asked_of_the_projects_is_the_scope_line(embedder, fictional):
    q = "How long do the projects a lead engineer runs usually last?"
    out = _ask(embedder, fictional, q)
    assert "spanning multiple quarters" in out.text and "8+ years" not in out.text


def test_a_count_of_teams_is_the_line_naming_teams_not_a_count_of_years(embedder, fictional):
    # "8+ years" is the sheet's only number, but it counts years; the Influence line names the counted teams.
    q = "How many teams does a lead engineer usually influence?"
    out = _ask(embedder, fictional, q)
    assert "neighbouring teams" in out.text and "8+ years" not in out.text


@pytest.mark.parametrize("question", [
    "What's the least amount of study time to be ready for the panel?",
    "How much prep time do I need before the onsite?",
])
def test_a_time_said_as_an_amount_of_time_is_a_duration_question(question):
    assert plan(question).kind == "duration"
