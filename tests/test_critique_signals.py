"""Signals measured on the answer itself (coach.critique.signals) and the shapes of abstract pitfalls; the engine's
use of them is tested in test_critique_pitfalls.py."""
from __future__ import annotations

import pytest

from coach.critique.shapes import parse_shape, split_units
from coach.critique.signals import measure

COVER_Q = "What would you say in the first lines of your cover letter?"


def _signals(text: str, question: str = COVER_Q):
    return measure(split_units(text), question)


# -- signals (no model) -------------------------------------------------------------------------------------------
def test_spelling_slips_are_found_and_technical_or_british_words_are_not():
    sloppy = _signals("i think im a good fit becuase i have alot of experiance with databses and i realy enjoy it")
    assert {"becuase", "experiance", "realy", "alot"} <= set(sloppy.misspelled)
    assert sloppy.lowercase >= 2  # lower-case "i" pronouns, "im"
    clean = _signals("I tuned our Kubernetes autoscaler and the gRPC timeouts, and my favourite part was the "
                     "behaviour of the Postgres replicas under load; it's why I organise load tests every quarter.")
    assert clean.misspelled == [] and clean.lowercase == 0


def test_repetition_and_stock_phrases_are_measured():
    rep = _signals("I fixed the deploy script. The deploy script was broken, so I fixed the script. After the fix "
                   "the deploy script worked again.")
    assert len(rep.repeated_units) >= 2
    stock = _signals("I am a passionate team player with a proven track record, and communication is key.")
    assert len(stock.cliches) >= 3
    assert _signals("I moved our nightly import from cron to Airflow and cut failures from 9 a week to 1."
                    ).cliches == []


def test_stories_are_specific_through_events_not_rare_words():
    story = _signals("Last spring my lead wanted to skip the code review. I wrote a short note, we agreed on a "
                     "quick review, and we shipped on time.", "Tell me about a disagreement.")
    platitude = _signals("I always try to listen to everyone and find common ground, because respect matters.",
                         "Tell me about a disagreement.")
    assert story.specific_rate > platitude.specific_rate
    assert not story.generic_units


@pytest.mark.parametrize("mistake,fix,context,family", [
    ("Repetition", "Say something new in each paragraph, do not echo earlier ones.", "", "repetition"),
    ("Sloppiness", "", "Sloppiness: typos and grammar errors look careless. Proofread.", "spelling"),
    ("The Bland Opener", "Tailor the first line to the team; avoid anything generic.", "", "generic"),
    ("Wordiness", "Keep it concise.", "", "verbosity"),
    ("Avoid stock phrases and platitudes.", "", "", "cliche"),
])
def test_abstract_pitfalls_parse_as_a_property_of_the_text(mistake, fix, context, family):
    shape = parse_shape(mistake, fix, context)
    assert (shape.kind, shape.target) == ("quality", family)


def test_a_topic_rule_that_mentions_redundancy_in_its_context_is_not_a_text_property():
    # "Don't X" is about code here; "redundant" in its explanation must not turn it into a repetition check.
    shape = parse_shape("Don't sort the array twice", "", "The second sort is redundant work.")
    assert shape.kind == "dont"
