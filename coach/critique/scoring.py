"""The 0-100 score: rubric verdicts, topical relevance, delivery and depth, in fixed proportions."""
from __future__ import annotations

from typing import Iterable

from coach.critique.delivery import DeliveryStats

WEIGHTS = {"rubric": 0.40, "relevance": 0.30, "delivery": 0.15, "depth": 0.15}
OFF_TOPIC = 0.2  # raw similarity below which the answer is treated as not answering the question
OFF_TOPIC_CAP = 20


def delivery_quality(stats: DeliveryStats) -> float:
    """0-1 from what is observable: fillers, run-on length, very short answers, signposting, numbers."""
    q = 0.7
    if stats.filler_heavy:
        q -= 0.4
    if stats.rambling and not stats.filler_heavy:
        q -= 0.3
    if stats.words < 25:
        q -= 0.3
    elif stats.words > 400:
        q -= 0.15
    if stats.structured:
        q += 0.2
    if stats.numbers:
        q += 0.1
    return min(1.0, max(0.0, q))


def score_answer(stats: DeliveryStats, verdicts: Iterable[str], relevance: float) -> int:
    """Score an answer; an empty answer scores 0, an off-topic one at most ``OFF_TOPIC_CAP``."""
    if stats.words == 0:
        return 0
    verdicts = list(verdicts)
    made, avoided = verdicts.count("made"), verdicts.count("avoided")
    rubric = (avoided + 1) / (avoided + made + 2)  # Laplace-smoothed: unjudged rubrics sit at 0.5
    rel = min(1.0, max(0.0, (relevance - OFF_TOPIC) / 0.4))
    depth = min(1.0, stats.prose_words / 100)
    raw = (WEIGHTS["rubric"] * rubric + WEIGHTS["relevance"] * rel + WEIGHTS["delivery"] * delivery_quality(stats)
           + WEIGHTS["depth"] * depth)
    score = round(100 * raw)
    if relevance < OFF_TOPIC:
        score = min(score, OFF_TOPIC_CAP)
    return int(min(100, max(0, score)))
