"""Abstract pitfalls measured on the answer itself (generic, repetitive, sloppy, wordy, stock phrases), on-topic
answers that talk around the question, and "Don't X" items that forbid a qualifier.

Items here are fictional (written for these tests, not taken from any article); the embedding model is the real one.
"""
from __future__ import annotations

import pytest

from coach.critique import critique_answer
from coach.critique.shapes import parse_shape, split_units
from coach.critique.signals import measure
from coach.models import RubricItem

COVER_Q = "What would you say in the first lines of your cover letter?"


def _signals(text: str, question: str = COVER_Q):
    return measure(split_units(text), question)


def _verdict(fb, item_id: str) -> str:
    return next(f.verdict for f in fb.items if f.id == item_id)


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
    ("Avoid stock phrases and buzzwords.", "", "", "cliche"),
])
def test_abstract_pitfalls_parse_as_a_property_of_the_text(mistake, fix, context, family):
    shape = parse_shape(mistake, fix, context)
    assert (shape.kind, shape.target) == ("quality", family)


def test_a_topic_rule_that_mentions_redundancy_in_its_context_is_not_a_text_property():
    # "Don't X" is about code here; "redundant" in its explanation must not turn it into a repetition check.
    shape = parse_shape("Don't sort the array twice", "", "The second sort is redundant work.")
    assert shape.kind == "dont"


# -- the engine, with the real embedding model --------------------------------------------------------------------
PITFALLS = [
    RubricItem(id="gen", kind="pitfall", mistake="The Bland Opener", section="Cover letter > Pitfalls",
               fix="Tailor the first lines to the team and the job; avoid anything generic."),
    RubricItem(id="slop", kind="pitfall", mistake="Careless writing", section="Cover letter > Pitfalls",
               context="Careless writing: typos and grammar errors suggest sloppiness. Proofread twice."),
    RubricItem(id="stock", kind="dont", mistake="Avoid stock phrases and buzzwords.", section="Cover letter > Tips"),
    RubricItem(id="rep", kind="pitfall", mistake="Repetition", section="Cover letter > Pitfalls",
               fix="Each paragraph should add something new, not repeat the one before."),
]
TAILORED = ("I'd open with why your fraud team in particular: you moved card scoring to streaming last year, and I "
            "spent two years building a Flink pipeline that scores 4,000 payments a second at a small bank. Then "
            "one result, cutting false declines by 18%, and the story of how we found the cause. I'd close with "
            "what I'd like to own in my first six months, all on one page.")
BLAND = ("Dear Hiring Manager, I am a passionate and highly motivated engineer who thrives in fast-paced "
         "environments. I am a team player with excellent communication skills and I would be a great asset to "
         "any organization.")
TYPOS = ("i would say im really intrested in the positon and i beleive my experiance with python and cloud makes me "
         "a good fit for the role")


def test_cover_letter_pitfalls_are_judged_from_the_text(embedder):
    good = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=TAILORED, embedder=embedder)
    bland = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=BLAND, embedder=embedder)
    typos = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=TYPOS, embedder=embedder)
    assert [_verdict(good, i) for i in ("gen", "slop", "stock", "rep")] == ["avoided"] * 4
    assert _verdict(bland, "gen") == "made" and _verdict(bland, "stock") == "made"
    assert _verdict(bland, "slop") != "made"
    assert _verdict(typos, "slop") == "made" and "intrested" in next(f.evidence for f in typos.items
                                                                      if f.id == "slop")
    assert good.score > bland.score and good.score > typos.score


FAILURES = RubricItem(id="fail", kind="pair", mistake="Ignoring failure handling when designing a service.",
                      fix="Covering retries, timeouts, fallbacks and what happens when a dependency is down.")
NOTIFY_Q = "How would you design a service that sends push notifications?"
AROUND = ("Notification systems are really important for any product, and there are many ways to build them. It "
          "depends on the company and the team, so I'd look at what fits best. The goal is always a system that is "
          "reliable and scales.")
CONCRETE = ("Producers write events to a Kafka topic; a pool of sender workers reads it and calls the push "
            "providers with a 2-second timeout. Failed sends are retried three times with backoff and then parked "
            "in a dead-letter queue, and if a provider is down we fall back to email for urgent messages.")


def test_talking_around_the_question_is_the_omission(embedder):
    around = critique_answer([FAILURES], role="Software Engineer", question=NOTIFY_Q, answer=AROUND,
                             embedder=embedder)
    concrete = critique_answer([FAILURES], role="Software Engineer", question=NOTIFY_Q, answer=CONCRETE,
                               embedder=embedder)
    assert _verdict(around, "fail") == "made"
    assert _verdict(concrete, "fail") == "avoided"
    assert concrete.score > around.score + 20
    assert any("talks around" in f.label for f in around.score_factors)


def test_dont_item_forbids_its_qualifier_not_its_topic(embedder):
    item = RubricItem(id="uni", kind="dont", mistake="Never use your university email address",
                      section="Resume > Contact details")
    q = "Which email address do you put on your resume?"
    personal = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                               answer="A personal Gmail address that I check every day, plus my mobile number.")
    student = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                              answer="The student email address my university gave me, since I still use it.")
    assert _verdict(personal, "uni") != "made"
    assert _verdict(student, "uni") == "made"
