"""Rubric items built from the Markdown structure (ingest.structure, ingest.rubric): a heading that names one mistake
and its BAD/GOOD pair are one item, a Don't takes the Do of the same subject under its heading (matched by meaning,
one-to-one, with the real embedding model), and a blockquote (a sample) is never a rule. Every article here is
fictional, written for these tests (tests/fixtures/articles-md/quillby_backend_mistakes.md is fictional too)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.evaluation.rubric import FIXTURE_LABELS, score_article
from ingest.parse import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[1]
QUILLBY = ROOT / "tests" / "fixtures" / "articles-md" / "quillby_backend_mistakes.md"


@pytest.fixture(scope="module")
def quillby():
    return parse_file(QUILLBY, doc_id="q", sha256="0")


def _item(article, mistake: str):
    return next(r for r in article.rubric if r.mistake == mistake)


def test_fixture_rubric_matches_its_labels(quillby):
    label = next(d for d in map(json.loads, FIXTURE_LABELS.read_text(encoding="utf-8").splitlines())
                 if d["file"] == QUILLBY.name)
    res = score_article(label, quillby.rubric)
    assert res.missed == [] and res.non_mistakes == [], res


@pytest.mark.parametrize("mistake, fix, bad", [
    ("Skipping the requirements", "Asking for the write rate", "Drawing the queue and the workers"),  # BAD:/GOOD:
    ("Hiding the trade-offs", "Naming two options", "Presenting one database"),  # ❌/✅
    ("Guessing at failure modes", "Walking through what happens", "Saying the system never loses messages"),  # Don't:/Do:
])
def test_a_named_mistake_and_its_pair_are_one_item(quillby, mistake, fix, bad):
    item = _item(quillby, mistake)
    assert item.kind == "pair" and item.fix.startswith(fix) and item.context.startswith(bad) and not item.instead
    # the BAD line is not an item of its own
    assert not [r for r in quillby.rubric if r.mistake.startswith(bad)]


def test_a_dont_takes_the_do_of_its_subject_not_of_its_position():
    text = """# Fictional guide to the Parlo take-home

This article is fictional.

## Keep the repository tidy

**Do's**

- Write a short README that says how to run the tests
- Commit in small steps with messages that say why
- Wear something comfortable on the day

**Don'ts**

- Do not push one giant commit at the end
- Do not hand in the project without a README on how to run it
"""
    article = parse_text(text, name="parlo.md", doc_id="p")
    commits = _item(article, "Do not push one giant commit at the end")
    readme = _item(article, "Do not hand in the project without a README on how to run it")
    assert commits.instead == "Commit in small steps with messages that say why"
    assert readme.instead == "Write a short README that says how to run the tests"
    assert commits.fix == "" and readme.fix == ""  # the article's own fix is only what it writes as one
    # a Do that matches no Don't stays a Do: no item, and no Don't takes it
    assert not [r for r in article.rubric if "comfortable" in f"{r.mistake} {r.instead}"]


def test_a_dont_with_its_own_fix_keeps_it_and_still_claims_its_do():
    text = """# Fictional notes on the Tarnby onsite

## Laptop setup

**Do's**

- Close chat apps so nothing pops up while you share your screen
- Bump the editor font size so the interviewer can read it

**Don'ts**

- Do not share your whole desktop - share one window instead
- Do not code in a tiny font
"""
    article = parse_text(text, name="tarnby.md", doc_id="t")
    desktop = _item(article, "Do not share your whole desktop")
    font = _item(article, "Do not code in a tiny font")
    assert desktop.fix == "share one window instead" and desktop.instead == ""
    assert font.instead == "Bump the editor font size so the interviewer can read it"


def test_a_blockquote_stays_a_sample(quillby):
    incident = next(s for s in quillby.sections if s.heading == "Writing up an incident for the take-home")
    assert "[Date] [Impact in minutes] [Root cause] [Fix shipped]" in incident.paragraphs
    # a prohibition inside a quoted sample is the sample's words, not the article's rule
    assert not [r for r in quillby.rubric if r.mistake.startswith("Never again")]
    assert _item(quillby, "Do not paste raw logs into the write-up; summarise them instead.").kind == "rule"
