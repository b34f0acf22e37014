"""Questions about the candidate (weakness, strength, why this company, questions for the interviewer): a good answer
shares next to no words with the question, so it is judged by what such an answer talks about and by whether it
talks about the candidate's working life. Real embedding model; no rubric items (delivery-only scoring), so only
relevance, substance and delivery move the scores. The answers are invented for these tests."""
from __future__ import annotations

import numpy as np
import pytest

from coach.critique import critique_answer
from coach.critique.personal import personal_kind, work_margin
from coach.critique.vectors import default_embedder


@pytest.fixture(scope="module")
def embedder():
    return default_embedder()


def _score(question: str, answer: str, embedder) -> int:
    return critique_answer([], role="Software Engineer", question=question, answer=answer, embedder=embedder).score


@pytest.mark.parametrize("question, kind", [
    ("What made you pick our company over the others you applied to?", "why this company"),
    ("If I asked your old manager where you could improve, what would they say?", "weakness"),
    ("Anything you want to ask me before we wrap up?", "questions for the interviewer"),
    ("What kind of pay are you hoping for?", "pay"),
])
def test_questions_about_the_candidate_are_recognised(embedder, question, kind):
    qvec = np.asarray(embedder.encode([question]), dtype=np.float32)[0]
    found = personal_kind(question, qvec, embedder)
    assert found is not None and found[0].name == kind


@pytest.mark.parametrize("question", [
    "Tell me about a time you disagreed with your manager.",  # a story: judged as one (STAR)
    "What is the main strength of gradient boosting over a single decision tree?",
    "How would you design a URL shortener?",
])
def test_other_questions_are_not_about_the_candidate(embedder, question):
    qvec = np.asarray(embedder.encode([question]), dtype=np.float32)[0]
    assert personal_kind(question, qvec, embedder) is None


def test_work_and_private_life_are_told_apart(embedder):
    vecs = np.asarray(embedder.encode([
        "I moved our nightly billing job onto a queue so a failed run retries instead of paging someone.",
        "Every Sunday I bake sourdough and take the dog for a long walk by the river.",
    ]), dtype=np.float32)
    work, private = work_margin(vecs, embedder)
    assert work > 0 > private


def test_a_strength_shown_by_a_work_story_outscores_a_deflection(embedder):
    q = "What would your teammates say you're best at?"
    story = ("Untangling flaky systems. Our deploys failed about one in ten times and people had stopped trusting "
             "them; I tracked it down to two jobs racing for the same lock, serialised them, and the failure rate "
             "went to zero over the next two months.")
    deflect = "You'd have to ask them, I don't really like talking myself up."
    assert _score(q, story, embedder) > _score(q, deflect, embedder)


def test_a_reason_to_join_outscores_a_throwaway_one(embedder):
    q = "Why are you interested in joining us?"
    strong = ("I've relied on your payments SDK in two side projects, and your talk about moving settlement to an "
              "event log is close to what I did at my last job, where I rebuilt our reconciliation on Kafka. I'd like "
              "to do that work at your volume.")
    throwaway = "Honestly you were the first company to reply to my application."
    assert _score(q, strong, embedder) > _score(q, throwaway, embedder)


def test_a_private_life_story_does_not_outscore_a_short_work_answer(embedder):
    q = "Tell me about something you built that you're proud of."
    work = "I rewrote our image upload service so that uploads resume after a dropped connection; failed uploads fell by 80%."
    trip = ("Last spring I sailed around the islands with two friends. We planned the route for weeks, checked the "
            "weather every morning and changed course when a storm came in. It taught me to stay calm and I'd love "
            "to do it again.")
    assert _score(q, work, embedder) > _score(q, trip, embedder)


def test_asking_questions_back_is_not_short_for_its_question(embedder):
    fb = critique_answer([], role="Software Engineer", question="Do you have any questions for me?",
                         answer="Yes, two. How does the team decide what to build each quarter, and what would you "
                                "want me to have shipped by the end of my first three months?", embedder=embedder)
    assert not any("short" in note for note in fb.delivery), fb.delivery
    assert not any("short" in f.label for f in fb.score_factors), fb.score_factors
    assert fb.score >= 40, [(f.label, f.points) for f in fb.score_factors]


FEEDBACK_Q = "Tell me about a time you got harsh feedback."
FEEDBACK_WORK = ("My lead told me my pull requests were too big to review, some over 1,500 lines. I split my work "
                 "into changes under 300 lines behind flags, and my review time went from three days to one.")
# Reuses the question's words; one by one its sentences read as work ("I thanked him and worked on it").
FEEDBACK_CLUB = ("The harshest feedback I ever got was from my rugby coach after a cup match. He told the whole "
                 "squad that I kept drifting out of position and cost us two tries. I was upset at first, but I "
                 "watched the video of the match with him and saw he was right. I thanked him, trained on my "
                 "positioning all season, and we reached the final the next spring.")


def test_a_story_set_outside_work_is_placed_as_a_whole(embedder):
    from coach.critique.personal import told_elsewhere
    from coach.text import split_sentences

    assert told_elsewhere(FEEDBACK_Q, split_sentences(FEEDBACK_CLUB), embedder)
    assert not told_elsewhere(FEEDBACK_Q, split_sentences(FEEDBACK_WORK) + ["Reviews have stayed fast since."],
                              embedder)


def test_a_story_from_private_life_reusing_the_questions_words_scores_below_a_short_work_story(embedder):
    club = critique_answer([], role="Software Engineer", question=FEEDBACK_Q, answer=FEEDBACK_CLUB, embedder=embedder)
    work = critique_answer([], role="Software Engineer", question=FEEDBACK_Q, answer=FEEDBACK_WORK, embedder=embedder)
    assert work.score > club.score
    assert any("not a story from work" in f.label for f in club.score_factors)
    assert not any("not a story from work" in f.label for f in work.score_factors)
