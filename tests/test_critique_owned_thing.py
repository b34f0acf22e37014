"""A "Don't X" whose X is a thing with its owner or place ("your office email") and whose alternative names the bare
thing ("Email address"): an answer gives X when it names the thing and qualifies it as X does, in its own words and
anywhere in the thing's clause or the next ("the address the bank where I work gave me"); a word for the speaker's
own ("my personal Gmail") is the other side, and a word after "for" qualifies a purpose, not the thing.

The rubric item is fictional (written for these tests, not taken from any article); the embedding model is real.
"""
from __future__ import annotations

import pytest

from coach.critique import critique_answer
from coach.critique.items import _modifiers
from coach.models import RubricItem

MAIL = RubricItem(id="mail", kind="dont", mistake="Never list your office email here", instead="Email address",
                  section="Writing the CV > Contact block > Must-haves")
Q = "Which email address do you give on your CV?"


def _verdict(embedder, answer: str) -> tuple[str, object]:
    fb = critique_answer([MAIL], role="Software Engineer", question=Q, answer=answer, embedder=embedder)
    return fb.items[0].verdict, fb.items[0].evidence


def test_a_bare_alternative_still_pairs_the_thing_with_its_owner():
    assert _modifiers("list your office email here", "Email address") is None
    got = _modifiers("list your office email here", "Email address", bare=True)
    assert (got[0], got[1], set(got[2])) == (["office"], [], {"email"})
    # the thing must be what X names: "online resume builders ... your resume" names builders
    assert _modifiers("use online resume builders to build your resume", "Your resume", bare=True) is None


@pytest.mark.parametrize("answer", [
    "The address the bank where I work gave me, since I check it all day.",
    "My company Outlook address, because it looks professional.",
    "The one at my employer, firstname dot lastname at our domain.",
])
def test_the_thing_qualified_by_its_owner_in_other_words_is_made(embedder, answer):
    verdict, seen = _verdict(embedder, answer)
    assert verdict == "made", seen


@pytest.mark.parametrize("answer", [
    "A personal Gmail I set up just for job hunting.",
    "My own private address, which I check every evening.",
    "Instead of my company address I use a Gmail I made for job hunting.",
])
def test_the_speakers_own_thing_or_a_purpose_is_no_mistake(embedder, answer):
    verdict, seen = _verdict(embedder, answer)
    assert verdict != "made", seen
