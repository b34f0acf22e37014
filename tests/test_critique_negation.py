"""Negation and avoidance read by construction, and verdicts that rest on evidence about the item's own topic.

The rubric items are fictional (written for these tests, not taken from any article); the embedding model is real.
"""
from __future__ import annotations

import pytest

from coach.critique import critique_answer
from coach.models import RubricItem

CONTACT_Q = "What contact details do you put on your CV?"
CV_ITEMS = [
    RubricItem(id="home", kind="dont", mistake="Never include your home street address here",
               section="CV > Contact details"),
    RubricItem(id="tools", kind="dont", section="CV > Tools",
               mistake="Do not lay out your CV in a graphics editor, a slide tool or an online page builder"),
]
LOAD_Q = "How would you load the nightly exports into the warehouse?"
DE_ITEMS = [
    RubricItem(id="valid", kind="pitfall", roles=["Data Engineer"], section="Data Engineer interviews > Pitfalls",
               mistake="Ignoring data validation in Data Engineer interviews.",
               fix="Describing validation checks for missing, duplicated or late rows, with alerts."),
]
CODE_ITEMS = [
    RubricItem(id="quiet", kind="pitfall", roles=["Backend Engineer"], section="Coding rounds > Pitfalls",
               mistake="Coding silently during the Backend Engineer coding rounds.",
               fix="Thinking out loud: state your approach first, then explain each step as you write it."),
]


def _item(fb, item_id):
    return next(f for f in fb.items if f.id == item_id)


@pytest.mark.parametrize("answer", [
    "My mobile and a personal email. I keep my street address off it, a city is enough.",
    "Mobile, personal email and LinkedIn. The home address I leave out completely.",
    "Phone and email only; my street address stays off it.",
    "Instead of my street address I give just the city, plus my mobile and email.",
])
def test_negation_by_meaning_is_not_the_mistake(embedder, answer):
    fb = critique_answer(CV_ITEMS, role="Backend Engineer", question=CONTACT_Q, answer=answer, embedder=embedder)
    home = _item(fb, "home")
    assert home.verdict == "avoided", (home.verdict, home.evidence)


def test_unrelated_item_is_not_avoided_with_an_unrelated_quote(embedder):
    fb = critique_answer(CV_ITEMS, role="Backend Engineer", question=CONTACT_Q, embedder=embedder,
                         answer="My personal email and my mobile, and a link to my GitHub profile.")
    tools = _item(fb, "tools")
    assert tools.verdict == "unclear" and not tools.evidence, (tools.verdict, tools.evidence)


def test_saying_the_fix_is_not_needed_is_the_omission(embedder):
    fb = critique_answer(DE_ITEMS, role="Data Engineer", question=LOAD_Q, embedder=embedder,
                         answer="I'd pull the files with Airflow into staging tables and merge them into the fact "
                                "table. The source system is reliable, so there's nothing to validate.")
    valid = _item(fb, "valid")
    assert valid.verdict == "made" and "validate" in valid.evidence, (valid.verdict, valid.evidence)


def test_refusing_to_talk_while_coding_is_coding_silently(embedder):
    fb = critique_answer(CODE_ITEMS, role="Backend Engineer", embedder=embedder,
                         question="Reverse a linked list; talk me through it as you code.",
                         answer="I'd rather just type it out, I concentrate better when I don't talk, and I'll "
                                "show you when it's finished.")
    assert _item(fb, "quiet").verdict == "made"


def test_a_negated_means_inside_a_sentence_does_not_negate_the_rest(embedder):
    """'to avoid a network hop' negates the hop, not the serving the sentence describes."""
    fb = critique_answer(DE_ITEMS, role="Data Engineer", question=LOAD_Q, embedder=embedder,
                         answer="Files land in object storage and a loader runs at 2 a.m. into staging, served by a "
                                "single job to avoid a network hop. Row counts, duplicate keys and late partitions are "
                                "checked on every run and alert the on-call channel.")
    assert _item(fb, "valid").verdict == "avoided"


TOOL_ITEMS = [  # fictional, with a fix that names the products to use
    RubricItem(id="layout", kind="dont", section="CV > Tools", fix="Write it in Microsoft Word or Google Docs.",
               mistake="Do not lay out your CV in Photoshop, slide software or an online CV builder"),
]


@pytest.mark.parametrize("items, item_id, question, answer", [
    (CV_ITEMS, "home", CONTACT_Q,
     "Putting your home street address on a CV is a bad look, so mine has just my city and my mobile."),
    (CV_ITEMS, "tools", "What did you use to make your CV?",
     "Most of my classmates laid theirs out in a graphics editor, but I wrote mine in a plain document."),
    (CODE_ITEMS, "quiet", "How do you approach a live coding round?",
     "Coding in silence is the worst thing you can do there, so I say my plan first and narrate each step."),
])
def test_judging_or_reporting_the_mistake_is_not_making_it(embedder, items, item_id, question, answer):
    fb = critique_answer(items, role="Backend Engineer", question=question, answer=answer, embedder=embedder)
    got = _item(fb, item_id)
    assert got.verdict == "avoided", (got.verdict, got.evidence)


def test_a_product_of_the_kind_the_fix_names_is_the_fix(embedder):
    """'Pages' is never named by the item; it is a word processor like the fix's 'Word', not a layout tool."""
    fb = critique_answer(TOOL_ITEMS, role="Backend Engineer", question="What did you use to make your CV?",
                         answer="Apple Pages, from a blank document with one column and plain headings.",
                         embedder=embedder)
    got = _item(fb, "layout")
    assert got.verdict == "avoided" and "Pages" in got.evidence, (got.verdict, got.evidence)


ASK_Q = "Do you have any questions for me?"
ASK_ITEMS = [RubricItem(id="ask", kind="pitfall", section="Closing questions", mistake="Not having any questions",
                        fix="Candidates are expected to ask the interviewer questions.")]


def test_advice_does_not_list_its_own_fix_as_missing(embedder):
    """A concept that is the fix in other words is quoted once, as what to do, not again as "missing"."""
    fb = critique_answer(ASK_ITEMS, role="Backend Engineer", question=ASK_Q, embedder=embedder,
                         answer="No, I'd just wrap up without asking anything.")
    ask = _item(fb, "ask")
    assert ask.verdict == "made", ask
    for text in [ask.advice, *fb.improvements]:
        assert text.count("expected to ask the interviewer questions") <= 1, text
        assert "missing: Candidates" not in text and "missing: candidates" not in text, text


def test_a_question_of_ones_own_that_says_me_is_asked_not_read_back(embedder):
    """ "me" addresses the interviewer: it is no word of the practice question read back."""
    fb = critique_answer(ASK_ITEMS, role="Backend Engineer", question=ASK_Q, embedder=embedder,
                         answer="Yes, two: how does the team decide what to work on each quarter, and what would you "
                                "want me to have shipped by the end of my first six months?")
    assert _item(fb, "ask").verdict == "avoided", _item(fb, "ask")


@pytest.mark.parametrize("answer, verdict", [
    ("I used to put my home street address on it, but now it's just the city and my mobile.", "avoided"),
    ("Unlike a few friends who list their full home street address, I give the city and a personal email.",
     "avoided"),
    ("Besides my mobile I also give my full home street address, so they can post things to me.", "made"),
])
def test_a_set_aside_clause_does_not_make_the_mistake(embedder, answer, verdict):
    """A habit left behind ("used to …, but now …") or others' practice set apart ("unlike … who …") names the
    mistake without making it (made before); an addition ("besides …, I also …") still makes it."""
    fb = critique_answer(CV_ITEMS, role="Backend Engineer", question=CONTACT_Q, answer=answer, embedder=embedder)
    got = _item(fb, "home")
    assert got.verdict == verdict, (got.verdict, got.evidence)
