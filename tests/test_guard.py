"""Faithfulness guard: numbers, ranges and amounts must occur in a cited source."""
from __future__ import annotations

from coach.guard import quantities, unsupported_numbers
from coach.models import Source

from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_bb54feeca4c3cc0b.txt"


def _sources() -> list[Source]:
    seed = SEED.read_text(encoding="utf-8")
    other = "Fictional article written for Interview Coach's tests. The loop has 6 rounds and pays $90,000."
    return [
        Source(n=1, doc_id="seed", title="Amazon", path=str(SEED), text=seed, score=0.9),
        Source(n=2, doc_id="fx", title="Fixture", path="fx.md", text=other, score=0.5),
    ]


def test_quantities_reads_ranges_amounts_and_number_words():
    found = dict(quantities("It takes 2-4 weeks, pays $160,000 - $220,000, has four rounds [3] and 5–6 steps."))
    assert found["2-4"] == (2.0, 4.0)
    assert found["$160,000 - $220,000"] == (160000.0, 220000.0)
    assert found["four"] == (4.0,)
    assert found["5–6"] == (5.0, 6.0)
    assert "3" not in found  # citation markers are not numbers


def test_article_numbers_pass_and_invented_ones_are_returned():
    src = _sources()
    ok = "MLE roles range from $170,000 to $250,000 per year [1]. The process takes 3-6 weeks for MLE roles [1]."
    assert unsupported_numbers(ok, src) == []
    bad = "MLE roles pay $175,000 [1]. Applied Scientist loops have 4-6 rounds [1]. It takes 2 to 4 weeks [1]."
    assert unsupported_numbers(bad, src) == ["$175,000", "4-6"]


def test_numbers_are_checked_against_the_cited_source_only():
    src = _sources()
    # "$90,000" is in source 2, not in the source this sentence cites.
    assert unsupported_numbers("Applied Scientists earn $90,000 [1].", src) == ["$90,000"]
    assert unsupported_numbers("The loop pays $90,000 [2].", src) == []
    # A marker after the full stop still belongs to its sentence.
    assert unsupported_numbers("The loop pays $90,000. [2] MLE loops have 5-6 rounds. [1]", src) == []


def test_scaled_and_spelled_amounts():
    src = _sources()
    assert unsupported_numbers("MLE pay tops out at $250k [1].", src) == []
    assert unsupported_numbers("MLE pay tops out at $300k [1].", src) == ["$300k"]
    assert unsupported_numbers("The fixture loop has six rounds [2].", src) == []
