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


COACHING = """# Fictional guide to Brindle's offer coaching

This guide is fictional and written for tests.

## Pricing

You only pay after you sign an improved offer.

## What the coaches know

The coaches know the salary bands of most teams at Brindle.

Base salary is only one part of an offer: equity and bonus count too.
"""


def test_pay_for_something_is_not_a_salary(embedder, tmp_path_factory):
    # "pay" in "do I have to pay ...?" is the asker spending money, not a salary: vocabulary.NOT_NAMED says so for
    # retrieval, and compose reads the same stand-ins. Read as "salary", the asked word "pay" no longer told the
    # passages apart, and the answer that says it was marked off the subject (the chain declines such answers).
    article, chunks = parsed(tmp_path_factory, "brindle_coaching.md", COACHING)
    out = compose_over(embedder, article, chunks, "Do I have to pay before the sessions begin?", ["Brindle"])
    assert "You only pay after" in out.text, out.text
    assert not out.off_subject, out.text
