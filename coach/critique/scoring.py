"""The 0-100 score, built from named parts so that it can be explained: what raised it and what lowered it.

Raises: on-topic substance, the structure a coach expects (STAR; clarify -> approach -> trade-offs), specifics
(numbers, named tools), clean delivery, and the share of applicable rubric mistakes avoided. Lowers: each rubric
mistake made, each sentence that hands the question to someone else, filler-heavy or very short delivery. When no
rubric item speaks to the answer's content the rubric part is left out and the rest is scaled to 100
("delivery-only").
"""
from __future__ import annotations

from dataclasses import dataclass

from coach.critique.delivery import DeliveryStats

POINTS = {"substance": 35, "structure": 15, "specifics": 10, "delivery": 15, "rubric": 25}
MADE_SHARE = 0.4  # each mistake made takes this share of the points earned (length cannot buy it back) ...
MAX_MADE_SHARE = 0.75
DELIVERY_MADE_SHARE = 0.15  # a delivery item made costs less: its fillers and run-ons already cost delivery points
HANDOFF_SHARE = 0.25  # ... and so does each sentence that gives the question away ("someone else would handle it")
MAX_HANDOFF_SHARE = 0.5
GENERIC_SHARE = 0.3  # ... and an answer that talks around the question without specifics
OFF_TOPIC = 0.2  # raw similarity to the question/fixes below which the answer does not address the question
OFF_TOPIC_CAP = 3  # below any answer that addresses the question, however weakly
LONG_ANSWER = 200  # words from which length costs delivery points ...
CONCISE = 150  # ... and from which every further word takes a share of the points earned
LENGTH_SCALE = 400
MAX_LENGTH_SHARE = 0.3
SUBSTANCE_WORDS = 32  # distinct on-topic content words at which substance stops adding


@dataclass
class ScoreInput:
    stats: DeliveryStats
    relevance: float  # 0-1 raw similarity of the answer's best sentences to the question / the fixes
    on_topic_words: int  # distinct content words of the sentences that address the question and do not deflect
    made: int  # rubric mistakes made on content (delivery items: delivery_made)
    avoided: float  # rubric mistakes avoided; one avoided merely by not touching its topic counts half
    coverage: float  # share of the concepts covered over the content items that name them (0.5 when none)
    handoffs: int  # sentences giving the question to someone else / admitting not knowing it
    parts: dict[str, bool] | None  # structure a coach expects for this kind of question
    concrete: int  # named tools, products, technical terms
    blame: int = 0  # sentences placing what went wrong with other people (when no ownership item judged it)
    delivery_made: int = 0  # mistakes made on delivery items (their fillers/run-ons already cost delivery points)
    generic: bool = False  # stock phrases or next to no specifics, and nothing a rubric item calls for covered


def delivery_quality(stats: DeliveryStats) -> float:
    """0-1 from what is observable: fillers, run-on length, very short or very long answers."""
    q = 1.0
    if stats.filler_heavy:
        q -= 0.6
    elif stats.filler_total:
        q -= 0.15
    if stats.rambling and not stats.filler_heavy:
        q -= 0.4
    if stats.words < 15:
        q -= 0.6
    elif stats.words < 40:
        q -= 0.3
    elif stats.words > LONG_ANSWER:
        q -= 0.2
    return min(1.0, max(0.0, q))


def score_answer(inp: ScoreInput) -> tuple[int, list[tuple[str, int]], bool]:
    """(score, [(reason, points)], delivery_only). An empty answer scores 0, an off-topic one at most 10."""
    st = inp.stats
    if st.words == 0:
        return 0, [("No answer was given", 0)], inp.made + inp.delivery_made + inp.avoided == 0
    # Similarity to the question is a poor measure of quality (a good story shares few words with "Tell me about
    # yourself"), so it only gates: an answer none of whose sentences is near the question gets little credit.
    rel = min(1.0, max(0.0, (inp.relevance - 0.05) / (OFF_TOPIC - 0.05)))
    made_all = inp.made + inp.delivery_made
    rubric_known = made_all + inp.avoided > 0
    scale = 100 / (100 - POINTS["rubric"]) if not rubric_known else 1.0
    parts: list[tuple[str, float]] = []
    sub = POINTS["substance"] * rel * min(1.0, inp.on_topic_words / SUBSTANCE_WORDS)
    parts.append((f"substance ({inp.on_topic_words} distinct content words on the question)", sub))
    if inp.parts:
        have = [p for p, ok in inp.parts.items() if ok]
        frac = len(have) / len(inp.parts)
        label = "structure: " + (", ".join(have) if have else "none of " + ", ".join(inp.parts))
    else:
        frac = 1.0 if st.structured else 0.5 if st.weak_signposts else 0.2
        label = "structure: signposted" if st.structured else "structure: loosely ordered"
    parts.append((label, POINTS["structure"] * frac * rel))
    spec = (0.5 if st.numbers else 0.0) + min(0.5, 0.125 * inp.concrete)
    parts.append(("specifics: " + ("numbers, " if st.numbers else "no numbers, ")
                  + f"{inp.concrete} named tools or terms", POINTS["specifics"] * spec * rel))
    # Fluent delivery of an answer to another question is worth little: delivery is weighed by relevance too,
    # though less than content.
    parts.append(("delivery: " + _delivery_label(st), POINTS["delivery"] * delivery_quality(st) * (0.5 + 0.5 * rel)))
    if rubric_known:
        share = inp.avoided / (inp.avoided + made_all)
        parts.append((f"rubric: {inp.avoided:g} of {inp.avoided + made_all:g} applicable mistakes avoided, "
                      f"{inp.coverage:.0%} of what they call for covered",
                      POINTS["rubric"] * share * (0.4 + 0.6 * inp.coverage) * rel))
    factors = [(label, round(pts * scale)) for label, pts in parts]
    earned = sum(p for _, p in factors)
    # Mistakes take a share of what was earned rather than fixed points, so weak answers stay ordered among
    # themselves instead of all landing on the floor.
    if inp.made:
        cut = min(MAX_MADE_SHARE, MADE_SHARE * inp.made)
        factors.append((f"{inp.made} rubric mistake{'s' if inp.made > 1 else ''} made", -round(earned * cut)))
    if inp.delivery_made:
        cut = DELIVERY_MADE_SHARE * inp.delivery_made
        factors.append((f"{inp.delivery_made} delivery mistake{'s' if inp.delivery_made > 1 else ''} made (rubric "
                        "items about delivery)", -round(earned * cut)))
    if inp.handoffs:
        cut = min(MAX_HANDOFF_SHARE, HANDOFF_SHARE * inp.handoffs)
        factors.append((f"{inp.handoffs} sentence{'s' if inp.handoffs > 1 else ''} hand the question to someone "
                        "else or say it is not known", -round(earned * cut)))
    if st.words > CONCISE:
        # Length buys nothing (substance saturates) and a spoken answer past ~150 words loses the listener: the same
        # story told in twice the words scores lower.
        cut = min(MAX_LENGTH_SHARE, (st.words - CONCISE) / LENGTH_SCALE)
        factors.append((f"long for a spoken answer ({st.words} words)", -round(earned * cut)))
    if inp.generic:
        factors.append(("talks around the question: stock phrases or next to no specifics",
                        -round(earned * GENERIC_SHARE)))
    if inp.blame:
        cut = min(MAX_HANDOFF_SHARE, HANDOFF_SHARE * inp.blame)
        factors.append((f"{inp.blame} sentence{'s' if inp.blame > 1 else ''} place what went wrong with other "
                        "people", -round(earned * cut)))
    score = sum(p for _, p in factors)
    shaped = bool(inp.parts) and sum(inp.parts.values()) * 2 >= len(inp.parts)  # e.g. a full STAR story
    if inp.relevance < OFF_TOPIC / 2 and not shaped and score > OFF_TOPIC_CAP:
        factors.append(("the answer does not address the question (capped)", OFF_TOPIC_CAP - score))
        score = OFF_TOPIC_CAP
    if score < 1:
        factors.append(("minimum score", 1 - score))
        score = 1
    elif score > 100:
        factors.append(("maximum score", 100 - score))
        score = 100
    return int(score), factors, not rubric_known


def _delivery_label(st: DeliveryStats) -> str:
    bits = []
    if st.filler_heavy:
        bits.append(f"filler-heavy ({st.filler_total} fillers)")
    elif st.filler_total:
        bits.append(f"{st.filler_total} filler words")
    if st.rambling and not st.filler_heavy:
        bits.append("runs on without signposting")
    if st.words < 40:
        bits.append(f"short ({st.words} words)")
    elif st.words > LONG_ANSWER:
        bits.append(f"long ({st.words} words)")
    return ", ".join(bits) or "clear"
