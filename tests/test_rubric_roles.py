"""Which rubric items a role's practice answers are judged against, and which of them speak to a question that
invites the candidate's own questions (real model, real Chroma; the articles are fictional)."""
from __future__ import annotations

import pytest

# Fictional articles written for these tests; no real company is described.
BACKEND = """---
title: Kestrel Labs Backend Engineer interviews - end of the interview
---
# Kestrel Labs Backend Engineer interviews: the last five minutes

## Mistakes to Avoid

### Not having any questions
**BAD:** "No, I think you covered everything."
**GOOD:** Ask about the team's on-call rotation or how projects are chosen; candidates are expected to ask questions.
"""

DRILLS = """---
title: Kestrel Labs coding drills for Data Scientist candidates
---
# Getting ready for the Kestrel Labs Data Scientist coding rounds

## Common pitfalls
- Don't grind through every one of the thousand practice questions on a drill site before learning the patterns.
- Don't skip the question details when you work out the best time complexity.
"""


def _coach(make_coach, tmp_path):
    coach = make_coach()
    for name, text in (("backend.md", BACKEND), ("drills.md", DRILLS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    coach.ingest([tmp_path / "backend.md", tmp_path / "drills.md"])
    return coach


def test_advice_that_holds_in_every_interview_reaches_other_roles(make_coach, tmp_path):
    """An article about one role's interviews still warns every candidate about having no questions; an item it
    scoped to a role would say so itself."""
    coach = _coach(make_coach, tmp_path)
    assert sorted(r.name for a in coach.library.articles() for r in a.roles) == ["Backend Engineer", "Data Scientist"]
    for role in ("Backend Engineer", "Data Scientist"):
        assert "Not having any questions" in [i.mistake for i in coach.library.rubric(coach.resolve_role(role))]


def test_an_invitation_to_ask_is_judged_only_by_items_about_the_candidates_questions(make_coach, tmp_path):
    """"Any questions for us?" is about the candidate's own questions: practice-site questions and a problem's
    question details share the word but not the subject."""
    coach = _coach(make_coach, tmp_path)
    feedback = coach.critique("Data Scientist", "Is there anything you'd like to ask us?",
                              "I just did the tickets that were assigned to me, so no, nothing really.", save=False)
    applies = {i.mistake: (i.applies, i.verdict) for i in feedback.items}
    assert applies["Not having any questions"] == (True, "made")
    drills = [m for m in applies if "question" in m and m != "Not having any questions"]
    assert len(drills) == 2 and all(applies[m] == (False, "unclear") for m in drills), applies


# A role-scoped item says what belongs in that role's answers about its work; a question about the candidate (pay,
# leaving, their own questions) is another stage of the interview.
def _capacity() -> list:
    from coach.models import RubricItem

    return [RubricItem(id="cap", mistake="Ignoring capacity planning in Platform Engineer interviews.",
                       fix="Sizing the service from its expected load and growth.", roles=["Platform Engineer"],
                       section="Platform Engineer interviews > Mistakes to avoid")]


@pytest.mark.parametrize("question", ["Is there anything you'd like to ask us?", "What salary are you expecting?",
                                      "Why are you leaving your current job?"])
@pytest.mark.parametrize("answer", ["", "asdf qwer zxcv",
                                    "How does the team decide what to build next, and what does on-call look like?"])
def test_a_role_item_does_not_apply_to_a_question_about_the_candidate(embedder, question, answer):
    from coach.critique import critique_answer

    item = critique_answer(_capacity(), role="Platform Engineer", question=question, answer=answer,
                           embedder=embedder).items[0]
    assert (item.verdict, item.applies) == ("not_applicable", False)
    assert item.advice.startswith("Not about this question: the item is about Platform Engineer answers")


@pytest.mark.parametrize("answer", [
    "I'd estimate peak requests per second from last year's traffic, add headroom for growth, and size the cluster "
    "and database from that.", ""])
def test_a_role_item_still_judges_a_question_about_the_work(embedder, answer):
    from coach.critique import critique_answer

    item = critique_answer(_capacity(), role="Platform Engineer", question="How would you roll out a new "
                           "logging service for every team?", answer=answer, embedder=embedder).items[0]
    assert item.verdict != "not_applicable" and item.applies
