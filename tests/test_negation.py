"""The one negation/avoidance reader (coach.critique.negation): constructions, scope and double negatives."""
from __future__ import annotations

import pytest

from coach.critique.negation import negated, read
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
