"""The 0-100 score: a base from relevance, delivery, depth and avoided rubric mistakes, minus a fixed penalty for
every rubric mistake made (the article's mistakes are what a coach marks down first)."""
from __future__ import annotations

from typing import Iterable

from coach.critique.delivery import DeliveryStats

WEIGHTS = {"relevance": 0.30, "delivery": 0.25, "depth": 0.20, "rubric": 0.25}
MADE_PENALTY = 10  # points per rubric mistake made
MAX_PENALTY = 40
OFF_TOPIC = 0.2  # raw similarity to the question/fixes below which the answer does not address the question
OFF_TOPIC_CAP = 10
DEPTH_WORDS = 120  # prose words at which depth stops adding


def delivery_quality(stats: DeliveryStats) -> float:
    """0-1 from what is observable: fillers, run-on length, very short answers, signposting, numbers."""
    q = 0.6
    if stats.filler_heavy:
        q -= 0.4
    if stats.rambling and not stats.filler_heavy:
        q -= 0.3
    if stats.words < 25:
        q -= 0.3
    elif stats.words > 400:
        q -= 0.15
    if stats.structured:
        q += 0.25
    if stats.numbers:
        q += 0.15
    return min(1.0, max(0.0, q))


def score_answer(stats: DeliveryStats, verdicts: Iterable[str], relevance: float) -> int:
    """Score an answer; an empty answer scores 0, an off-topic one at most ``OFF_TOPIC_CAP``."""
    if stats.words == 0:
        return 0
    verdicts = list(verdicts)
    made, avoided = verdicts.count("made"), verdicts.count("avoided")
    rubric = avoided / (avoided + made) if avoided + made else 0.5
    rel = min(1.0, max(0.0, (relevance - OFF_TOPIC) / 0.35))
    depth = min(1.0, stats.prose_words / DEPTH_WORDS) * rel  # words count as depth only when they are on topic
    base = 100 * (WEIGHTS["relevance"] * rel + WEIGHTS["delivery"] * delivery_quality(stats)
                  + WEIGHTS["depth"] * depth + WEIGHTS["rubric"] * rubric)
    score = round(base - min(MAX_PENALTY, MADE_PENALTY * made))
    if relevance < OFF_TOPIC:
        score = min(score, OFF_TOPIC_CAP)
    return int(min(100, max(1, score)))
