"""A question naming a thing by a job seeker's everyday name ("CV", "motivation note") is about what the passages call
by the library's name ("resume", "cover letter"): real embedding model, real parser and chunker. The article and the
company "Brindle" are invented for these tests."""
from __future__ import annotations

import pytest

from test_answer_kinds import compose_over, parsed

APPLICATIONS = """# Fictional guide to Brindle applications

This guide is fictional and written for tests.

## Writing your resume

Keep your resume to one page and list your most recent job first.

## Cover letter basics

Your cover letter should stay under a page: three short paragraphs are enough.

Open with why you want the role at Brindle, then show one achievement that matters to the team.

## Common pitfalls on your resume

Do not use tables or text boxes in your resume, since parsers skip them.

Never put a photo of yourself on your resume.
"""


@pytest.fixture(scope="module")
def applications(tmp_path_factory):
    return parsed(tmp_path_factory, "brindle_applications.md", APPLICATIONS)


@pytest.mark.parametrize("question, expected", [
    ("How long should the motivation note that goes with my application be?", "under a page"),
    ("Any pitfalls with my CV I should know about?", "Do not use tables"),
])
def test_an_everyday_name_is_read_as_the_passages_name(embedder, applications, question, expected):
    article, chunks = applications
    out = compose_over(embedder, article, chunks, question, ["Brindle"])
    assert expected in out.text, out.text
    # "CV" and "motivation note" appear in no passage: the answer is still about the asked subject (the chain
    # declines an answer marked off the subject when the evidence is weak).
    assert not out.off_subject, out.text
