"""The failing bands of a scoring table (coach.critique.bands): named by criterion and band, judged from the band's
behaviours, and not applicable outside the round their table grades. The article is fictional, written for these
tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.critique import critique_answer
from ingest.parse import parse_file, parse_text

RUBRIC = """# Fictional guide: how Tallyworks grades its coding round

This article is fictional.

## 1. Talking it through

| Grade | What the interviewer saw |
| --- | --- |
| Strong hire | Explained the plan and its trade-offs before and while writing code. |
| Hire | Explained the plan, with a few quiet stretches. |
| No hire | Wrote code without explaining the plan. |

## 2. Testing

| Grade | What the interviewer saw |
| --- | --- |
| Strong hire | Checked the code on typical inputs and on edge cases, and fixed what broke. |
| Hire | Checked the code on a typical input and most edge cases. |
| No hire | Ran a typical input but did not check any edge cases. |
| Strong no hire | Did not test the code at all. |

## 3. Hints

| Grade | What the interviewer saw |
| --- | --- |
| Strong hire | Took the interviewer's hints gracefully and used them. |
| No hire | Ignored the interviewer's hints and argued about the question. |
"""

ROLE = "Software Engineer"
QUESTION = "Write a function that returns the largest number in a list."


@pytest.fixture(scope="module")
def items():
    return parse_text(RUBRIC, name="tallyworks.md", doc_id="tally").rubric


def _verdicts(items, question: str, answer: str) -> dict[str, str]:
    fb = critique_answer(items, role=ROLE, question=question, answer=answer)
    return {f.mistake: f.verdict for f in fb.items}


def test_a_band_is_named_by_its_criterion_and_band_with_its_description_as_quote(items):
    names = {it.mistake: it for it in items}
    assert set(names) == {"Talking it through: no hire", "Testing: no hire", "Testing: strong no hire",
                          "Hints: no hire"}
    band = names["Testing: strong no hire"]
    assert band.band == "Strong no hire" and band.quote == "Did not test the code at all."
    assert band.fix.startswith("Checked the code on typical inputs and on edge cases")


def test_code_without_words_and_without_a_test_makes_the_bands(items):
    code = "def biggest(xs):\n    best = xs[0]\n    for x in xs:\n        best = max(best, x)\n    return best\n\ndone"
    got = _verdicts(items, QUESTION, code)
    assert got["Talking it through: no hire"] == "made"
    assert got["Testing: strong no hire"] == "made"


def test_a_typical_input_only_makes_the_edge_case_band_not_the_untested_one(items):
    got = _verdicts(items, QUESTION, "My plan is one pass over the list, keeping the biggest value seen so far, which "
                                     "is linear time and needs no extra memory. I tried it on 3, 9, 2 and got 9.")
    assert got["Testing: no hire"] == "made"
    assert got["Testing: strong no hire"] == "avoided"
    assert got["Talking it through: no hire"] == "avoided"


def test_a_careful_answer_avoids_every_band(items):
    got = _verdicts(items, QUESTION, "First, what should an empty list return? I'll say None. My approach is one pass "
                                     "keeping the largest value so far, O(n) time and O(1) space. I'd test 3, 9, 2 "
                                     "giving 9, a single element, all negative numbers, and the empty list.")
    assert set(got.values()) - {"unclear"} == {"avoided"} and got["Hints: no hire"] == "unclear", got


def test_a_band_naming_no_graded_behaviour_is_compared_with_the_best_band(items):
    said = {"made": "I ignored the hints because I was sure, and argued that the question was unfair.",
            "avoided": "When the interviewer hinted at a faster way, I thanked them and took the hint gracefully."}
    for verdict, answer in said.items():
        assert _verdicts(items, QUESTION, answer)["Hints: no hire"] == verdict, answer


@pytest.mark.parametrize("question", ["Design a service that stores shopping carts.",
                                      "Tell me about a time you disagreed with your manager."])
def test_the_bands_of_a_coding_round_do_not_apply_to_other_rounds(items, question):
    got = _verdicts(items, question, "I'd keep carts in a key-value store keyed by user, with a cache in front, and I "
                                     "tested the design with the team before we built it.")
    assert set(got.values()) == {"not_applicable"}, got


# A second fictional scorecard (tests/fixtures/articles-md/tallowbrook_live_coding_scorecard.md): a five-point scale
# with two failing ratings per criterion, and criterion and behaviour words the first rubric does not use.
SCORECARD = Path(__file__).resolve().parent / "fixtures" / "articles-md" / "tallowbrook_live_coding_scorecard.md"
FIRST_UNIQUE = "Write a function that returns the first character in a string that does not repeat."


@pytest.fixture(scope="module")
def scorecard():
    return parse_file(SCORECARD, doc_id="tallowbrook", sha256="0").rubric


def test_a_five_point_scale_gives_its_two_failing_ratings_per_criterion_mildest_first(scorecard):
    assert [it.mistake for it in scorecard][:4] == ["Reasoning out loud: weak", "Reasoning out loud: poor",
                                                  "Getting to a working program: weak",
                                                  "Getting to a working program: poor"]


def test_a_table_written_worst_first_still_lists_its_failing_bands_mildest_first():
    text = ("# Fictional scorecard\n\n## Testing\n\n| Grade | Seen |\n| --- | --- |\n"
            "| Strong no hire | Did not test the code at all. |\n| No hire | Ran a typical input only. |\n"
            "| Hire | Checked typical inputs and edge cases. |\n")
    names = [it.mistake for it in parse_text(text, name="worst_first.md", doc_id="wf").rubric]
    assert names == ["Testing: no hire", "Testing: strong no hire"]


def test_only_the_worst_band_a_criterion_fits_is_made(scorecard):
    fb = critique_answer(scorecard, role=ROLE, question=FIRST_UNIQUE,
                         answer="def first_unique(s):\n    for c in s:\n        if s.count(c) == 1:\n"
                                "            return c\n    return None\n\ndone")
    got = {f.mistake: f.verdict for f in fb.items}
    assert got["Reasoning out loud: poor"] == "made"
    assert got["Reasoning out loud: weak"] == "unclear"  # one band per criterion, the worst the answer fits
    assert got["Checking the work: poor"] == "made"


def test_the_scorecards_own_words_for_testing_are_read(scorecard):
    got = _verdicts(scorecard, FIRST_UNIQUE,
                    "I'll count the characters in a dictionary, then walk the string again and return the first one "
                    "with a count of one, two linear passes. I traced 'leetcode' by hand and got 'l'.")
    assert got["Checking the work: poor"] == "avoided"  # tracing an input by hand is trying one
    assert got["Checking the work: weak"] == "made"  # ... but no empty, single or extreme input
