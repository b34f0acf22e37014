"""The one negation/avoidance reader (coach.critique.negation): constructions, scope and double negatives."""
from __future__ import annotations

import pytest

from coach.critique.negation import negated, own_part, read
from coach.critique.signals import describes
from coach.critique.shapes import split_units
from coach.critique.technique import judge_technique


@pytest.mark.parametrize("text, part", [
    ("I keep my office line and my company email off it.", "office line"),
    ("The work number I leave out completely.", "work number"),
    ("The employer's switchboard number stays off it.", "switchboard"),
    ("I never put anything from my job on there.", "my job"),
    ("Instead of my work address I use a Gmail.", "work address"),
    ("I stayed away from Photoshop.", "Photoshop"),
    ("It runs in-process to avoid a network hop.", "network hop"),
])
def test_constructions_negate_their_object(text, part):
    r = read(text)
    assert any(part in n for n in r.negated) and part not in r.affirmed, r


def test_scope_keeps_the_affirmed_part():
    r = read("It runs in-process to avoid a network hop.")
    assert "in-process" in r.affirmed
    assert "Gmail" in read("Instead of my work address I use a Gmail.").affirmed


@pytest.mark.parametrize("text", [
    "I never skip validation.",
    "whether or not I used them",
    "Not only the code but the tests too.",
    "after the first step 1 points to None",
    "I list my cell, and I use my work email.",
    "maybe retry the request or maybe not, it depends",  # a choice weighed aloud, not a refusal
])
def test_no_negation(text):
    assert not negated(text), read(text)


def test_every_reader_shares_it():
    # the described-pitfall cues and the coding techniques read negation the same way
    assert not describes("generic", "I keep the same letter for every company off my list of habits.")
    assert describes("generic", "I send the same letter to every company.")
    units = split_units("I store the length once instead of calling len() on every pass of the loop.")
    assert judge_technique("repeat_call", units)[0] != "made"


@pytest.mark.parametrize("text, part", [
    # judged: the clause evaluates the habit rather than doing it
    ("Stuffing the page with buzzwords is a trap; I only use terms for work I did.", "buzzwords"),
    ("Sorting in place would wreck the caller's array, so I sort a copy.", "Sorting in place"),
    ("Calling the helper inside the loop would recompute it, which is wasted work, so I call it once.", "helper"),
    ("Icons in front of headings might look fun, but they trip up the parsers.", "Icons"),
    # reported: someone else does it
    ("Most of my classmates built theirs in a slide tool, but I used a plain document.", "slide tool"),
    ("A friend applied to nine roles here and never heard back.", "nine roles"),
    # a story the speaker could tell but does not
    ("The easy story would be that the analysts gave us bad specs, but the miss was mine.", "bad specs"),
])
def test_judged_or_reported_clauses_are_set_aside(text, part):
    r = read(text)
    assert any(part in n for n in r.negated) and part not in r.affirmed, r


def test_judging_a_negation_affirms_it():
    assert "proofreading" in read("Not proofreading is a mistake, so I read it aloud.").affirmed


@pytest.mark.parametrize("text", [
    "I put my home address on it because recruiters like it.",
    "Putting the tests first is what I do.",  # no judgement of it as bad
    "My friends and I built it in a slide tool.",  # the speaker is among those who did it
])
def test_own_statements_are_not_set_aside(text):
    assert not read(text).negated and own_part(text) == text


def test_own_part_keeps_negation_and_drops_judgements():
    assert own_part("I'd rather not talk while I type.") == "I'd rather not talk while I type."
    assert "silence" not in own_part("Coding in silence is the worst thing you can do, so I say my plan first.")


@pytest.mark.parametrize("text, part", [
    # two negations joined by "and" are two things not done, not a double negative
    ("I'd just submit without asking anything and not test it.", "test it"),
    ("I wouldn't ask and skip the tests.", "skip the tests"),
])
def test_coordinated_negations_do_not_cancel(text, part):
    r = read(text)
    assert any(part in n for n in r.negated) and part not in r.affirmed, r


@pytest.mark.parametrize("text, part", [
    # a negation before "without" cancels it: the speaker does both
    ("I never submit it without filling in every section.", "filling in every section"),
    ("I never leave an interview without asking something.", "asking something"),
    # a negation opening the rejected side turns it back
    ("I'd test it rather than not testing it.", "testing it"),
    ("I'd write tests instead of skipping them.", "skipping them"),
])
def test_governed_negations_cancel(text, part):
    r = read(text)
    assert part in r.affirmed and not any(part in n for n in r.negated), r


@pytest.mark.parametrize("text, part", [
    ("Apart from a quick Canva draft I binned, everything lives in a Google Doc.", "Canva"),
    ("Aside from Canva, which my course pushed on us, I went with a plain Word file.", "pushed"),
    ("Other than the one time I sorted the input in place, I always work on a copy.", "in place"),
    ("Unlike most of my friends who used Canva, I kept mine in Word.", "Canva"),
    ("I used to put my company email on it, but now it's my own address.", "company email"),
    ("I listed everything in the body except my nickname.", "nickname"),
])
def test_a_set_aside_clause_is_not_the_speakers_act(text, part):
    """A preposition setting its object apart ("apart from", "other than", "unlike … who …") or a past habit the
    sentence replaces with the present: what it names is not done now (it was affirmed before)."""
    r = read(text)
    assert any(part in n for n in r.negated) and part not in r.affirmed, r
    assert part not in own_part(text)


@pytest.mark.parametrize("text, part", [
    ("Besides Canva I also keep a copy in Word.", "Canva"),  # an addition: both are done
    ("Apart from the Word copy, I also made one in Canva.", "Word copy"),
    ("Apart from Canva, I have never touched a design tool.", "Canva"),  # the exception to a negation is done
    ("I used to put my company email on it and I still do.", "company email"),  # no present replaces the habit
])
def test_an_addition_or_an_exception_to_a_negation_is_the_speakers_act(text, part):
    assert part in read(text).affirmed, read(text)
