"""Rubric items from a scoring table's failing bands and fixes from the recommendation under a warning
(ingest.rubric). Every article here is fictional, written for these tests; the real coding-interview rubric is read
only when ../shared/real-articles is present."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.evaluation import REAL_ARTICLES
from coach.evaluation.rubric import REAL_LABELS, score_article
from ingest.parse import parse_file, parse_text

BANDS = """# Fictional guide: how Quillby grades a pairing round

This article is fictional.

## Collaboration

Signals: thinks aloud, asks before assuming, takes a hint gracefully.

| Grade | What the interviewer saw |
| --- | --- |
| Exceeds | Narrated every step and checked assumptions with the interviewer before typing. |
| Meets | Explained the plan but went quiet during the harder parts. |
| Below expectations | Typed for long stretches without saying what the plan was. |
| Reject | Ignored the interviewer's hints and argued about the question. |

## Tools we use

| Tool | Why |
| --- | --- |
| Shared editor | Both people can type. |
| Poor man's debugger | Print statements are fine. |
"""


def _parse(text: str):
    return parse_text(text, name="t.md", doc_id="t")


def test_failing_bands_of_a_scoring_table_are_mistakes_with_the_best_band_as_fix():
    rubric = _parse(BANDS).rubric
    by_quote = {r.quote: r for r in rubric}
    typed = by_quote["Typed for long stretches without saying what the plan was."]
    ignored = by_quote["Ignored the interviewer's hints and argued about the question."]
    # named by the criterion the table grades and the band; the band's description is the quoted evidence
    assert (typed.mistake, typed.band) == ("Collaboration: below expectations", "Below expectations")
    assert (ignored.mistake, ignored.band) == ("Collaboration: reject", "Reject")
    for item in (typed, ignored):
        assert item.kind == "pitfall"
        assert item.fix == "Narrated every step and checked assumptions with the interviewer before typing."
        assert "thinks aloud" in item.context  # the section's signals say what a good answer covers
    # passing bands are not mistakes; a table of tools is not a scoring table, though one label says "Poor"
    assert len(rubric) == 2, [r.mistake for r in rubric]


def test_a_table_whose_bands_all_fail_or_none_fail_gives_no_item():
    text = """# Fictional notes

This article is fictional.

## Grades

| Grade | Meaning |
| --- | --- |
| Strong | Solved it. |
| Good | Solved most of it. |
"""
    assert _parse(text).rubric == []


def test_a_warning_takes_its_fix_from_the_recommendation_nested_under_it():
    text = """# Fictional resume notes for Parlo applicants

This article is fictional.

## Contact details

- Phone number
  - Never list the switchboard of your current employer
- Email address
  - Never use the address your employer gave you
    - We recommend a plain personal address with your name in it
- Portfolio link
  - Never link a page that needs a login
  - We recommend a public page with three projects
"""
    items = {r.mistake: r for r in _parse(text).rubric}
    mail = items["Never use the address your employer gave you"]
    assert mail.fix == "We recommend a plain personal address with your name in it" and not mail.instead
    phone = items["Never list the switchboard of your current employer"]
    assert phone.fix == "" and phone.instead == "Phone number"  # no recommendation: the item it is nested under
    # a sibling's recommendation stays beside it, not its fix
    assert items["Never link a page that needs a login"].fix == ""


def test_a_top_level_sibling_is_not_a_fix():
    text = """# Fictional Don'ts for Parlo interviews

This article is fictional.

## Don'ts

- Never interrupt the interviewer
- We recommend a notebook for questions
"""
    items = {r.mistake: r for r in _parse(text).rubric}
    assert items["Never interrupt the interviewer"].fix == ""


@pytest.mark.skipif(not (REAL_ARTICLES / "tih-coding-interview-rubrics.md").is_file(),
                    reason="../shared/real-articles (the real coding-interview rubric) not present")
def test_real_coding_rubric_gives_its_failing_bands():
    label = next(d for d in map(json.loads, REAL_LABELS.read_text(encoding="utf-8").splitlines())
                 if d["file"] == "tih-coding-interview-rubrics.md" and d.get("split") == "dev")
    article = parse_file(REAL_ARTICLES / label["file"], doc_id="eval", sha256="0")
    res = score_article(label, article.rubric)
    assert res.missed == [] and res.non_mistakes == [] and res.fixes_found == res.fixes > 0, res
    assert article.rubric[0].fix.startswith("Throughout the interview, communication was thorough")
