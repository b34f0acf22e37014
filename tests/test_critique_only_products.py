"""A "Don't use X or other Y" item under a practice that allows only the products it names ("Only use Word or Google
Docs to write your CV"): an answer that does the act with any other product, one the embedding model does not know
included, makes the mistake; an allowed product, or a practice that allows more than the products it names, does not.

The rubric items and the product names are fictional (written for these tests, not taken from any article); the
embedding model is real.
"""
from __future__ import annotations

import pytest

from coach.critique import critique_answer
from coach.models import RubricItem

ONLY = "Setting up the CV > Only use Microsoft Word or Google Docs to write your CV > Don'ts"
TOOLS = RubricItem(id="tools", kind="dont", section=ONLY,
                   mistake="Do not use Photoshop, other image editors or online CV builders to make your CV")
# The same item under a heading that recommends the products without excluding the rest
PREFERRED = RubricItem(id="tools", kind="dont", mistake=TOOLS.mistake,
                       section="Setting up the CV > Prefer Microsoft Word or Google Docs to write your CV > Don'ts")
Q = "What did you use to make your CV?"


def _verdict(embedder, item: RubricItem, answer: str) -> tuple[str, list]:
    fb = critique_answer([item], role="Software Engineer", question=Q, answer=answer, embedder=embedder)
    return fb.items[0].verdict, [(f.id, f.verdict, f.evidence) for f in fb.items]


@pytest.mark.parametrize("answer", [
    "I threw it together in Vexlo with one of their colourful layouts and downloaded it.",
    "Quillora did most of it: I picked a theme and it arranged the sections for me.",
    "Brivvy.",
    "I kept the wording short, then I dropped everything into a Vexlo template and downloaded it.",
])
def test_a_product_outside_an_exclusive_list_does_the_forbidden_act(embedder, answer):
    """Made-up product names (the model knows nothing of them: close to neither side) were unclear."""
    verdict, seen = _verdict(embedder, TOOLS, answer)
    assert verdict == "made", seen


@pytest.mark.parametrize("answer", [
    "I typed it in Google Docs from a blank page and exported a PDF.",
    "LibreOffice Writer, one column and standard headings, then a PDF.",  # a word processor like the allowed ones
    "My friends made theirs in Vexlo, but I wrote mine in Microsoft Word.",  # the allowed product in the sentence
    "I wrote it in Word; I have never used Vexlo or anything like it.",  # the other product negated
    # a name where something is kept or passes through is no tool the act uses
    "Before sending it I run it through Brivvy to see how a scanner reads it, and I share it on Quillora.",
])
def test_an_allowed_product_or_a_refused_one_is_no_mistake(embedder, answer):
    verdict, seen = _verdict(embedder, TOOLS, answer)
    assert verdict != "made", seen


def test_a_practice_that_only_prefers_its_products_forbids_nothing_else(embedder):
    """Without "only", a product the practice does not name is not thereby one the item forbids."""
    answer = "Quillora did most of it: I picked a theme and it arranged the sections."
    verdict, seen = _verdict(embedder, PREFERRED, answer)
    assert verdict != "made", seen
