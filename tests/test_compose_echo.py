"""A question that quotes a sentence of the library whole ("Tell me more about <an item of the previous answer>") asks
beyond it (real embedding model, real parser and chunker). The article and the company "Pellowick" are invented for
these tests."""
from __future__ import annotations

import pytest

from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional guide to cover letters for Pellowick applications

This guide is fictional and written for tests.

## Writing the letter

A cover letter introduces the person behind the resume. The letter should point to the best parts of the resume \
rather than copy its lines, since a recruiter reads both side by side.

## Common pitfalls

- Vague opener: Name the role you want in the first line.
- Echoing: Your letter should add to the resume, not repeat it.
- Length: Keep the letter under one page.
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "pellowick_letters.md", ARTICLE)


def test_a_quoted_item_is_not_its_own_answer(embedder, fictional):
    article, chunks = fictional
    out = compose_over(embedder, article, chunks,
                       "Tell me more about Echoing: Your letter should add to the resume, not repeat it.", ["Pellowick"])
    assert "rather than copy its lines" in out.text
    assert out.sentences[0] != "Echoing: Your letter should add to the resume, not repeat it."
