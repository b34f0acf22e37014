"""A delivery-only score's summary names what the feedback lists: it never says no rubric item applies above a list
of items "Unclear", and the number it gives is the number listed. The rubric items here are fictional."""
from __future__ import annotations

import re

import pytest

from coach.critique import critique_answer
from coach.models import RubricItem

WHITEBOARD = RubricItem(id="wb", mistake="Failing to practice whiteboarding exercises.",
                        fix="Practise solving problems on a whiteboard, out loud.")
HEADER = RubricItem(id="hd", kind="dont", mistake="Do not put your phone number in the page header of your resume",
                    fix="write it in the first line of the body instead.")
STORY = ("In my last job our release broke checkout. I was the on-call engineer, so I rolled it back within ten "
         "minutes, wrote the postmortem and added a canary stage; failed releases fell by half.")


@pytest.mark.parametrize("question", ["How do you handle disagreements with co-workers?",
                                      "How do you stay up to date with the latest technologies?"])
def test_an_unclear_delivery_item_is_not_summed_up_as_no_item_applying(embedder, question):
    fb = critique_answer([WHITEBOARD], role="Software Engineer", question=question, answer=STORY, embedder=embedder)
    _, unclear = fb.listed_items()
    assert fb.basis == "delivery-only" and [i.id for i in unclear] == ["wb"], (fb.basis, fb.items)
    assert not re.search(r"no rubric item in the library applies to this question(?!'s content)", fb.summary)
    assert "the one about delivery cannot be judged from this answer (listed as unclear)" in fb.summary, fb.summary


@pytest.mark.parametrize(("items", "question"), [
    ([WHITEBOARD, HEADER], "How did you lay out the contact details on your resume?"),
    ([WHITEBOARD], "Tell me about a time you disagreed with your manager."),
    ([], "Tell me about a time you disagreed with your manager."),
])
def test_the_summary_counts_what_is_listed(embedder, items, question):
    fb = critique_answer(items, role="Software Engineer", question=question, answer=STORY, embedder=embedder)
    judged, unclear = fb.listed_items()
    if fb.basis != "delivery-only":
        pytest.skip(f"scored on the rubric here: {fb.summary}")
    if unclear:
        assert "(listed as unclear)" in fb.summary, fb.summary
        counted = re.search(r"the (\d+|one) rubric mistakes?|the (\d+|one) about delivery|(\d+) of the \d+", fb.summary)
        said = next(g for g in counted.groups() if g)
        assert said in (str(len(unclear)), "one" if len(unclear) == 1 else ""), (fb.summary, len(unclear))
    elif not judged:
        assert "no rubric item in the library applies to this question," in fb.summary, fb.summary
