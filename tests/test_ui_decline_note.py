"""The chat's note over a declined answer matches why the coach declined (``Answer.decline``, set by the chain): a
question that only points back is asked for in full, not told that the library lacks it."""
from __future__ import annotations

from coach.ui import render


def test_a_question_that_only_points_back_gets_its_own_note(library_coach):
    answer = library_coach.ask("What about it?")
    assert not answer.grounded and answer.decline == "refers_back", answer
    note = render.scope_note(answer)
    assert "Ask the question in full" in note, note
    assert "Outside the library" not in note and "add an article" not in note, note


def test_each_kind_of_decline_has_its_note(library_coach, make_coach):
    outside = library_coach.ask("What is a good recipe for sourdough bread?")
    assert not outside.grounded and outside.decline == "outside_library", outside
    assert "Outside the library" in render.scope_note(outside)
    foreign = library_coach.ask("¿Cuántas rondas de entrevistas tiene el proceso de ingeniero de software?")
    assert not foreign.grounded and foreign.decline == "not_english", foreign
    assert "Ask in English" in render.scope_note(foreign) and "Outside the library" not in render.scope_note(foreign)
    empty = make_coach().ask("How many rounds does the MLE loop have?")
    assert empty.decline == "empty_library" and "The library is empty" in render.scope_note(empty)
    grounded = library_coach.ask("How does system design differ between SWE and SRE at OrbitWorks?")
    assert grounded.grounded and grounded.decline is None


def test_a_decline_says_why_first_and_folds_what_the_library_covers(library_coach):
    """On a 360 px phone the whole reply was a wall of companies, roles and article titles: the reason is its first
    line, and the rest opens on demand."""
    answer = library_coach.ask("What is a good recipe for sourdough bread?")
    first, *rest = answer.answer.splitlines()
    assert "can't answer that from the library" in first and "Articles:" not in first, first
    assert any(line.startswith("Articles:") for line in rest) and "coach ingest" in rest[-1], rest
    html = render.answer_message(answer)
    shown, folded = html.split('<details class="decline-more">')
    assert "Articles:" not in shown and "Articles:" in folded and "What the library covers" in folded, html
    one_line = render.answer_message(library_coach.ask("What about it?"))
    assert "decline-more" not in one_line  # a reply of one line has nothing to fold
