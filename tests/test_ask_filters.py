"""Filters on the evidence: role, company and document, through the one Coach API and the CLI."""
from __future__ import annotations

import pytest

from coach.errors import CoachError

QUESTION = "How many interview rounds are there?"


def _docs(answer):
    return {s.doc_id for s in answer.sources}


def test_company_filter_keeps_every_source_in_that_companys_articles(library_coach):
    by_company = {d.company: d.doc_id for d in library_coach.library.documents()}
    for company, doc_id in by_company.items():
        answer = library_coach.ask(QUESTION, company=company.lower())
        assert answer.grounded and _docs(answer) == {doc_id}, (company, answer.answer)
    with pytest.raises(CoachError, match="unknown company 'Netflix'.*Amazon"):
        library_coach.ask(QUESTION, company="Netflix")


def test_document_filter(library_coach):
    seed = next(d for d in library_coach.library.documents() if d.company == "Amazon")
    answer = library_coach.ask("What are the most important skills for success?", doc_id=seed.doc_id)
    assert answer.grounded and _docs(answer) == {seed.doc_id}
    assert "communication skills" in answer.answer
    with pytest.raises(CoachError, match="no document with id"):
        library_coach.ask(QUESTION, doc_id="does-not-exist")


def test_role_filter_prefers_that_roles_facts(library_coach):
    answer = library_coach.ask("How long does the interview process take?", role="Data Engineer")
    assert answer.grounded and "4-6 weeks" in answer.answer, answer.answer
