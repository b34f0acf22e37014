"""A short specific answer beats a long vague one: substance is counted in specific points, not words, and a short
answer is charged for its length only when it leaves out what its question calls for.

The answers are fictional, written for this test.
"""
from __future__ import annotations

from coach.critique import critique_answer
from coach.critique.delivery import DeliveryStats, specific_ideas
from coach.critique.scoring import RubricCounts, ScoreInput, score_answer
from tests.test_critique_general import seed_items  # noqa: F401 (a fixture)

QUESTION = "Tell me about a time you sped up a slow part of a product."
SHORT = ("Our search page took 4 seconds because every query scanned the orders table. I added a Postgres index on "
         "customer_id and cached the top queries in Redis, and it dropped to 300 ms.")
VAGUE = ("Performance is something I really care about, and I always try to make things faster for our users. In one "
         "of my roles the product was quite slow in some places, which was not a good experience. I looked into the "
         "problem carefully and worked with the team to understand what was going on. We made a number of "
         "improvements to make the system more efficient and reliable. In the end things were a lot better, and I "
         "learned how important it is to keep performance in mind from the start and to communicate with everyone.")


def _input(words: int, parts: dict[str, bool], ideas: float) -> ScoreInput:
    stats = DeliveryStats(words=words, sentences=2, numbers=["4 seconds"])
    return ScoreInput(stats=stats, relevance=0.4, on_topic_words=14, counts=RubricCounts(), handoffs=0,
                      parts=parts, concrete=2, ideas=ideas)


def _short_line(factors) -> list[str]:
    return [label for label, _ in factors if "short for a spoken answer" in label]


def test_a_short_answer_is_charged_only_for_what_it_leaves_out():
    star = ("Situation", "Task", "Action", "Result")
    complete, complete_factors, _ = score_answer(_input(30, dict.fromkeys(star, True), ideas=2.0))
    assert not _short_line(complete_factors)
    gaps, gap_factors, _ = score_answer(_input(30, {"Situation": True, "Task": False, "Action": False,
                                                    "Result": False}, ideas=2.0))
    line = _short_line(gap_factors)
    assert line and "leaves out Task, Action, Result" in line[0], gap_factors
    assert gaps < complete
    for factors, score in ((complete_factors, complete), (gap_factors, gaps)):
        assert sum(p for _, p in factors) == score


def test_claimed_qualities_are_no_specific_points():
    said = ["I made it scalable, robust and efficient for the stakeholders."]
    shown = ["I added a Postgres index on customer_id and a Redis cache."]
    assert specific_ideas(said, [1.0], [False], QUESTION) == 0
    assert specific_ideas(shown, [1.0], [False], QUESTION) == 1
    # a sentence that only says an earlier one again (skipped) adds nothing
    assert specific_ideas(shown * 2, [1.0, 1.0], [False, True], QUESTION) == 1


def test_short_specific_story_outscores_long_vague_one(seed_items, embedder):  # noqa: F811
    fb = {"short": critique_answer(seed_items, role="Software Engineer", question=QUESTION, answer=SHORT,
                                   embedder=embedder),
          "vague": critique_answer(seed_items, role="Software Engineer", question=QUESTION, answer=VAGUE,
                                   embedder=embedder)}
    assert fb["short"].score > fb["vague"].score, {k: (v.score, v.score_factors) for k, v in fb.items()}
    substance = {k: next(f for f in v.score_factors if f.label.startswith("substance")) for k, v in fb.items()}
    assert "0.0 specific points" in substance["vague"].label
    assert substance["short"].points > substance["vague"].points
