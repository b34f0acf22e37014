"""The 0-100 score, built from named parts so that it can be explained: what raised it and what lowered it.

Raises: on-topic substance (distinct on-topic words; past VAGUE_FROM words, only as far as the answer makes specific
points: numbers, names, things done, not qualities claimed — delivery.specific_ideas), the structure a coach expects
(STAR; clarify -> approach -> trade-offs), specifics (numbers, named tools), clean delivery, and the applicable
rubric mistakes avoided, each by the evidence for it (what it shows of the item's fix, half when none) times the answer's on-topic substance; delivery is weighed by that
substance too; a few words that say nothing the question does not ("deadline blah blah yes") earn nothing at all.
Lowers (each a share of what was earned): each rubric mistake made, each sentence that hands the question to
someone else, hedging that withholds a commitment ("maybe", "I'm not sure which": charged once, here), length past a
spoken answer's (sooner when the answer names few numbers or tools: padding); the cuts for saying little at length
(length, padding, talking around, repeating, hedging) compound rather than add up. Fillers and a very short answer
cost delivery points, each on a lowering line of its own, so no raise is labelled by what the answer lacks (a short
answer only when it leaves out what its question calls for: most of the expected parts, or what the rubric's fixes
call for; a short answer that is complete is a good spoken one, and the line names what is left out); a
delivery mistake counts as a rubric mistake only on an item about delivery; an item about delivery judged alone is no
rubric evidence when avoided, nor on a story when made (its fillers already cost delivery points). When no rubric
item speaks to the question the rubric part is left out and the rest is scaled to 100 ("delivery-only"); items about
the question that the answer shows neither way earn at most what an item avoided without its fix earns. Talking
around the question is charged on the substance still earned. An answer to a question not about the candidate that
as a whole stays far from it (and neither covers nor avoids any rubric item on it) answers another question, however
specific: it loses up to OTHER_SHARE of what is left. An answer that says it turns to another topic ("I'd rather
talk about ...") loses a share growing with how much of it comes after the turn (up to TURN_SHARE), story or not.
A sentence that says an earlier one again adds neither substance nor length; an answer a third of which does that
is charged a share ("repeats itself"), so a thin point said once outscores the same point said three times.
A story asked about work but told from the candidate's free time (a hiking trip for "a project you're proud of") is
charged most of what it earned: its STAR shape and fluency answer another question. Whether a story from work is
on the question is decided per sentence, in ``engine._relevance`` (its sentences may share no words with it).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from coach.critique.delivery import SPOKEN, DeliveryStats, SpokenLength, _quote
from coach.critique.personal import outside_work
from coach.critique.star import PARTS as STAR

POINTS = {"substance": 35, "structure": 15, "specifics": 10, "delivery": 15, "rubric": 25}
MADE_SHARE = 0.4  # each mistake made takes this share of the points earned (length cannot buy it back) ...
MAX_MADE_SHARE = 0.75
DELIVERY_MADE_SHARE = 0.15  # a delivery item made costs less: its fillers and run-ons already cost delivery points
HANDOFF_SHARE = 0.25  # ... and so does each sentence that gives the question away ("someone else would handle it")
MAX_HANDOFF_SHARE = 0.5
GENERIC_SHARE = 0.3  # ... and an answer that talks around the question without specifics (at saturated substance)
REPEAT_SHARE = 0.3  # ... and an answer that says the same thing again, by the share of its sentences that do
MAX_REPEAT_SHARE = 0.2
HEDGE_SHARE = 0.1  # ... and each hedge past the first ("maybe", "probably", "somehow"): no commitment
MAX_HEDGE_SHARE = 0.2
OUTSIDE_WORK_SHARE = 0.8  # ... and a story asked about work but told from the candidate's free time: it answers
# another question, however well told (its structure and its fluent delivery earned most of its points)
OFF_TOPIC = 0.2  # raw similarity to the question/fixes below which the answer does not address the question
OFF_TOPIC_CAP = 3  # below any answer that addresses the question, however weakly
LONG_ANSWER = 200  # words from which length costs delivery points ...
CONCISE = 150  # ... and from which every further word takes a share of the points earned
PADDED_FROM = 100  # words from which an answer without specifics is long for what it says ...
WORDS_PER_SPECIFIC = 40  # ... plus this many words for each number or named tool it gives (up to CONCISE)
LENGTH_SCALE = 400
MAX_LENGTH_SHARE = 0.3
PADDING_SCALE = 150  # an answer long for what it says loses its share faster than one that is merely long
MAX_PADDING_SHARE = 0.3
SUBSTANCE_WORDS = 24  # distinct on-topic content words at which substance stops adding
VAGUE_SHARE = 0.5  # share of its worded substance an answer making no specific point (delivery.specific_ideas) loses
IDEAS_SCALE = 1.5  # ... each point keeping more of it, with diminishing returns (exp(-points / IDEAS_SCALE))
VAGUE_FROM = 40  # words from which an answer's words stand for no point it does not make (fully at twice that)
ENOUGH_PARTS = 0.75  # a short answer with this share of the parts its question calls for is not charged for length
UNTOUCHED_CREDIT = 0.5  # credit of an item avoided while covering nothing its fix calls for ...
FULL_COVER = 0.5  # ... rising to full credit at this share of what it calls for covered
OPEN_CREDIT = 0.5  # credit of items about the question that the answer shows neither way (none judged)
DELIVERY_FLOOR = 0.3  # share of the delivery points earned by fluent words that say nothing on the question ...
DELIVERY_SAID = 0.25  # ... rising to all of them at this share of a concise answer's substance
FIT_FULL = 0.3  # similarity of the answer as a whole to a question not about the candidate from which it is on it ...
FIT_NONE = 0.15  # ... and below which it answers another question: it loses OTHER_SHARE of what is left
OTHER_SHARE = 0.6
TURN_FREE = 0.4  # share of its words an answer may spend on another topic it turns to at no cost (an aside) ...
TURN_ALL = 0.8  # ... and from which on it loses TURN_SHARE of what is left
TURN_SHARE = 0.8


@dataclass
class RubricCounts:
    """Verdict counts that the score, its explanation and the summary line all use, so they tell one story."""
    made: int = 0  # on content items
    delivery_made: int = 0  # on items about delivery
    avoided: int = 0
    delivery_avoided: int = 0  # of the avoided, those about delivery
    untouched: int = 0  # of the avoided, those that cover none of what the item's fix calls for
    evidence: float = 0.0  # over the avoided that cover some of their fix: how much of it each shows (0.5-1 each)
    unshown: int = 0  # avoided items that show none of their fix (none named, none covered, or about delivery)
    covered: int = 0  # concepts covered / named, over the judged content items that name what their fix calls for
    named: int = 0
    open: int = 0  # content items about this question that the answer shows neither way (unclear)

    @property
    def judged(self) -> int:
        """Items judged made or avoided: the applicable mistakes the rubric part of the score rests on."""
        return self.made + self.delivery_made + self.avoided

    @property
    def coverage(self) -> float | None:
        """Share of what the judged items' fixes call for that the answer covers; None when none names any."""
        return self.covered / self.named if self.named else None

    @classmethod
    def of(cls, items) -> "RubricCounts":
        """From judged items (anything with ``verdict``, ``covers``, ``missing`` and ``delivery``, e.g.
        ItemFeedback)."""
        c = cls()
        for i in items:
            named = len(i.covers) + len(i.missing)
            if i.verdict in ("made", "avoided") and not i.delivery:
                c.covered += len(i.covers)
                c.named += named
            c.open += i.verdict == "unclear" and getattr(i, "applies", True) and not i.delivery
            if i.verdict == "made":
                c.delivery_made += i.delivery
                c.made += not i.delivery
            elif i.verdict == "avoided":
                c.avoided += 1
                c.delivery_avoided += i.delivery
                c.untouched += bool(i.missing) and not i.covers and not i.delivery
                if i.covers and not i.delivery:
                    c.evidence += UNTOUCHED_CREDIT + (1 - UNTOUCHED_CREDIT) * min(1.0, len(i.covers) / named / FULL_COVER)
                else:
                    c.unshown += 1
        return c


@dataclass
class OffQuestion:
    """The part of the answer that turns away from the question (engine._turned_away)."""
    share: float  # of the answer's words
    sentences: int
    off: int  # sentences from the turn on ...
    turn: str = ""  # ... the first of which says it turns away


@dataclass
class ScoreInput:
    stats: DeliveryStats
    relevance: float  # 0-1 raw similarity of the answer's best sentences to the question / the fixes
    on_topic_words: int  # distinct content words of the sentences that address the question and do not deflect
    counts: RubricCounts  # the item verdicts, as the summary line counts them
    handoffs: int  # sentences giving the question to someone else / admitting not knowing it
    parts: dict[str, bool] | None  # structure a coach expects for this kind of question
    concrete: int  # named tools, products, technical terms
    blame: int = 0  # sentences placing what went wrong with other people (when no ownership item judged it)
    generic: bool = False  # stock phrases or next to no specifics, and nothing a rubric item calls for covered
    restated: int = 0  # sentences that say an earlier one again in other words (delivery.restated_units) ...
    restated_words: int = 0  # ... and their words, which add nothing to what the answer says or to its length
    length: SpokenLength = SPOKEN  # how long an answer to this kind of question runs
    free_time: tuple[int, int] = (0, 0)  # asked about work: (sentences about private life, sentences placed)
    elsewhere: bool = False  # a story asked about work told, as a whole, from private life (personal.told_elsewhere)
    fit: float | None = None  # the whole answer's similarity to a question not about the candidate (engine._fit)
    off_question: OffQuestion | None = None  # the part of the answer that says it turns to another topic
    ideas: float | None = None  # specific points made (delivery.specific_ideas); None: substance by words alone


def delivery_flaws(stats: DeliveryStats, restated_words: int = 0,
                   length: SpokenLength = SPOKEN, left_out: str | None = "") -> list[tuple[str, float]]:
    """What costs delivery points, named as a coach would, with the share of the delivery points each costs: fillers,
    run-on length, a very short answer (counted without the words of sentences that say an earlier one again: saying
    one line three times is no longer an answer). A short answer is charged only for what it leaves out
    (``left_out``, named on its line; None when it leaves out nothing the question calls for): a short answer that is
    complete and specific is a good spoken answer. Length past a spoken answer's is a cut of its own (see
    score_answer)."""
    flaws: list[tuple[str, float]] = []
    if stats.filler_heavy:
        flaws.append((f"filler-heavy ({stats.filler_total} filler words)", 0.6))
    elif stats.filler_total:
        shown = ", ".join(stats.fillers)
        flaws.append((f"{stats.filler_total} filler word{'s' if stats.filler_total > 1 else ''} ({shown})", 0.15))
    if stats.rambling and not stats.filler_heavy:
        flaws.append(("runs on without signposting", 0.4))
    n = stats.words - restated_words
    said = f"{n} words" + (" once the repeats are left out" if restated_words else "")
    if left_out is None:
        return flaws
    said += f"; it leaves out {left_out}" if left_out else ""
    if n < length.very_short:
        flaws.append((f"very short for a spoken answer ({said})", 0.6))
    elif n < length.short:
        flaws.append((f"short for a spoken answer ({said})", 0.3))
    return flaws


def score_answer(inp: ScoreInput) -> tuple[int, list[tuple[str, int]], bool]:
    """(score, [(reason, points)], delivery_only). An empty answer scores 0, one that says nothing on the question
    (``DeliveryStats.says_nothing``) 1, an off-topic one at most 3."""
    st = inp.stats
    if st.words == 0:
        return 0, [("No answer was given", 0)], inp.counts.judged == 0
    if st.says_nothing:
        # A few words that add nothing to the question ("deadline blah blah yes") earned 9-15 points, mostly as
        # "clear" delivery: there is no answer to be clear about, so nothing else counts.
        # (the summary says which words, once)
        return 1, [("the floor: no score is below 1 (the answer says nothing the question does not already say, so "
                    "nothing else counts)", 1)], inp.counts.judged == 0
    # Similarity to the question is a poor measure of quality (a good story shares few words with "Tell me about
    # yourself"), so it only gates: an answer none of whose sentences is near the question gets little credit.
    rel = min(1.0, max(0.0, (inp.relevance - 0.05) / (OFF_TOPIC - 0.05)))
    c = inp.counts
    judged = c.judged
    # A delivery item avoided alone is no rubric evidence: its fluency already earned the delivery points, and the
    # summary calls such a score delivery-only (a clear behavioural story got "+25 rubric: 1 of 1 avoided" for
    # "Failing to practice whiteboarding exercises" under "no rubric item applies"). On a story it is judged on
    # delivery only, made or not: its fillers already cost delivery points (the same story with fillers lost the
    # rubric part and a share more when the whiteboarding item was "made"); on a coding answer, "coding silently"
    # made is the mistake the question is about.
    story = bool(inp.parts) and set(inp.parts) == set(STAR)
    rubric_known = judged > c.delivery_avoided + (c.delivery_made if story else 0)
    # The rubric part is left out only when no item speaks to the question. When items about it apply but the answer
    # shows none of them either way, that part is not handed to delivery and substance: an answer that engages none
    # of what the rubric asks of this question (an off-topic story, a fluent aside) is not scored as if nothing were
    # asked of it.
    scale = 100 / (100 - POINTS["rubric"]) if not rubric_known and not c.open else 1.0
    parts: list[tuple[str, float]] = []
    # On-topic substance is the evidence everything else is weighed by: fluent delivery, or a mistake not made, in
    # an answer that says next to nothing on the question is worth next to nothing.
    # A sentence that says an earlier one again adds nothing to what the answer says: its share of the words is
    # taken out of the on-topic words (a thin point said three times outscored the same point said once).
    on_topic = round(inp.on_topic_words * (1 - inp.restated_words / st.words))
    # An answer that is not short for its question can say all it needs: two questions asked back at the end of an
    # interview are not a third of a story.
    full = min(SUBSTANCE_WORDS, inp.length.short)
    # Words alone reward padding: past VAGUE_FROM words, the words of an answer that makes few specific points
    # (numbers, names, things done) stand for little, so a long answer claiming qualities ("scalable, robust,
    # aligned with stakeholders") no longer outscores a short one naming what was done.
    said = rel * min(1.0, on_topic / full)
    if inp.ideas is not None:
        said *= 1 - VAGUE_SHARE * math.exp(-inp.ideas / IDEAS_SCALE) * min(1.0, max(0, st.words / VAGUE_FROM - 1))
    sub = POINTS["substance"] * said
    points = "" if inp.ideas is None else f", {inp.ideas:.1f} specific point{'s' * (round(inp.ideas, 1) != 1)}"
    parts.append((f"substance ({on_topic} distinct content words on the question{points})", sub))
    if inp.parts:
        have = [p for p, ok in inp.parts.items() if ok]
        frac = len(have) / len(inp.parts)
        missing = [p for p, ok in inp.parts.items() if not ok]
        label = "structure: " + (", ".join(have) if have else "none of " + ", ".join(inp.parts)) + (
            f" (missing {', '.join(missing)})" if have and missing else "")
    else:
        # Only what a listener can follow raises it: signposts, or at least words that link one step to the next.
        frac = 1.0 if st.structured else 0.5 if st.weak_signposts else 0.0
        shown = st.signposts if st.structured else st.weak_signposts
        label = ("structure: signposted" if st.structured else "structure: linked steps") + (
            f" ({', '.join(dict.fromkeys(shown))})" if shown else "")
    parts.append((label, POINTS["structure"] * frac * rel))
    spec = (0.5 if st.numbers else 0.0) + min(0.5, 0.125 * inp.concrete)
    named = f"{inp.concrete} named tool{'s' if inp.concrete > 1 else ''} or term{'s' if inp.concrete > 1 else ''}"
    parts.append(("specifics: " + ", ".join(
        ([f"numbers ({', '.join(list(dict.fromkeys(st.numbers))[:3])})"] if st.numbers else [])
        + ([named] if inp.concrete else [])), POINTS["specifics"] * spec * rel))
    # Fluent delivery of an answer to another question, or of a few words, is worth little.
    delivery = POINTS["delivery"] * (DELIVERY_FLOOR + (1 - DELIVERY_FLOOR) * min(1.0, said / DELIVERY_SAID)) * rel
    flaws = delivery_flaws(st, inp.restated_words, inp.length, _left_out(inp))
    fluent = not st.filler_total and not st.rambling
    parts.append(("delivery: clear, no filler words" if fluent else "delivery", delivery))
    # Each flaw is its own lowering line, so a thin answer is not shown as raised by "short (39 words)"; together
    # they never take more than the delivery points.
    left = 1.0
    for label, share in flaws:
        share = min(share, left)
        left -= share
        parts.append((label, -delivery * share))
    long_delivery = 0.2 * delivery if st.words > LONG_ANSWER else 0.0
    if rubric_known:
        # Credit only for evidence: each mistake avoided earns what the answer shows of its fix (half when it covers
        # none of it), weighed by the answer's on-topic substance, so an off-topic or near-empty answer whose items
        # were not made earns next to nothing for them.
        cov = c.coverage
        # An item avoided showing none of its fix is worth what the answer says on the question: half of it when
        # the fix names what to cover and none of it is covered.
        shown = c.evidence + said * (UNTOUCHED_CREDIT * c.untouched + c.unshown - c.untouched)
        parts.append((f"rubric: {avoided_phrase(c.avoided, c.untouched, judged)}"
                      + (f", {cov:.0%} of what they call for covered" if cov is not None else ""),
                      POINTS["rubric"] * shown / judged * rel))
    elif c.open:
        # Each item shown neither way earns what an item avoided without showing its fix earns, at most.
        parts.append((f"rubric: none of the {c.open} mistake{'s' if c.open > 1 else ''} about this question shown "
                      "either way", POINTS["rubric"] * said * OPEN_CREDIT * rel))
    factors = [(label, round(pts * scale)) for label, pts in parts]
    earned = sum(p for _, p in factors) - round(long_delivery * scale)
    # Mistakes take a share of what was earned rather than fixed points, so weak answers stay ordered among
    # themselves instead of all landing on the floor. The cuts for saying little at length (long for what it says,
    # talking around the question, repeating itself, hedging) measure one emptiness: each takes its share of what
    # the ones before it left, so together they never take more than was earned (a vague story told at length kept
    # nothing and fell below a refusal to tell one).
    _take = _Shares(earned).take
    if c.made:
        cut = min(MAX_MADE_SHARE, MADE_SHARE * c.made)
        factors.append((f"{c.made} rubric mistake{'s' if c.made > 1 else ''} made", -round(earned * cut)))
    if c.delivery_made and rubric_known:
        cut = DELIVERY_MADE_SHARE * c.delivery_made
        factors.append((f"{c.delivery_made} delivery mistake{'s' if c.delivery_made > 1 else ''} made (rubric "
                        "items about delivery)", -round(earned * cut)))
    if inp.handoffs:
        cut = min(MAX_HANDOFF_SHARE, HANDOFF_SHARE * inp.handoffs)
        factors.append((f"{inp.handoffs} sentence{'s' if inp.handoffs > 1 else ''} hand the question to someone "
                        "else or say it is not known", -round(earned * cut)))
    # Length buys nothing (substance saturates) and a spoken answer past ~150 words loses the listener: the same
    # story told in twice the words scores lower. An answer that names few specifics loses it sooner: its length is
    # padding. Past LONG_ANSWER length costs delivery points too, on the same line.
    specifics = len(set(st.numbers)) + inp.concrete
    allowed = min(CONCISE, PADDED_FROM + WORDS_PER_SPECIFIC * specifics)
    if st.words > allowed:
        padded = allowed < CONCISE
        cut = min(MAX_PADDING_SHARE if padded else MAX_LENGTH_SHARE,
                  (st.words - allowed) / (PADDING_SCALE if padded else LENGTH_SCALE))
        label = (f"long for what it says ({st.words} words, {_specifics_phrase(specifics)})" if padded
                 else f"long for a spoken answer ({st.words} words)")
        factors.append((label, -round(long_delivery * scale) - _take(cut)))
    if inp.generic:
        # Charged on the substance its words still earned: a generic sentence's words already count GENERIC_WEIGHT
        # of a specific one's, so a short generic answer had paid most of it there (a thin on-topic answer fell below
        # an off-topic story with numbers), while a long one that saturates substance pays it whole.
        factors.append(("talks around the question: stock phrases or next to no specifics",
                        -_take(GENERIC_SHARE * min(1.0, on_topic / full))))
    if inp.restated and inp.restated * 3 >= st.sentences:
        # An answer a third or more of which says its point again: a coach hears one point, repeated. A strong answer
        # whose summary echoes one earlier sentence is not charged.
        cut = min(MAX_REPEAT_SHARE, REPEAT_SHARE * inp.restated / st.sentences)
        factors.append((f"repeats itself: {inp.restated} of {st.sentences} sentences say{'s' * (inp.restated == 1)} "
                        "an earlier one again",
                        -_take(cut)))
    free_time = outside_work(inp.free_time)
    if free_time or inp.elsewhere:
        n, m = inp.free_time
        told = (f"{n} of {m} sentences are about free time (hobbies, trips, sport)" if free_time
                else "the story is set outside work (home, family, a hobby or sport)")
        factors.append((f"not a story from work: {told}, and the question asks about your work",
                        -round(earned * OUTSIDE_WORK_SHARE)))
    if inp.fit is not None and inp.fit < FIT_FULL:
        # However specific, an answer that as a whole stays away from what was asked answers another question (a
        # news feed for a photo upload, a linked list for duplicate emails): its specifics, structure and fluency
        # earned points in the question's area, not on the question.
        share = OTHER_SHARE * min(1.0, (FIT_FULL - inp.fit) / (FIT_FULL - FIT_NONE))
        factors.append((f"answers another question: the answer as a whole is far from what was asked (similarity "
                        f"{inp.fit:.2f})", -round(_left(factors) * share)))
    off = inp.off_question
    if off is not None and off.share > TURN_FREE:
        # An answer that says it leaves the question ("I'd rather talk about the project I'm proudest of") answers
        # another question by its own account, whatever it is about and however near the question's area: the more
        # of it comes after the turn, the more of what it earned is lost; an aside at the end costs nothing.
        share = TURN_SHARE * min(1.0, (off.share - TURN_FREE) / (TURN_ALL - TURN_FREE))
        factors.append((f"answers another question: {'most' if off.share > 0.5 else 'much'} of the answer "
                        f"({off.off} of {off.sentences} sentences, {off.share:.0%} of its words) is about another "
                        f"topic it turns to (“{_quote(off.turn)}”)", -round(_left(factors) * share)))
    if len(st.noncommittal) > 1:
        cut = min(MAX_HEDGE_SHARE, HEDGE_SHARE * (len(st.noncommittal) - 1))
        shown = ", ".join(dict.fromkeys(st.noncommittal))
        factors.append((f"does not commit: {len(st.noncommittal)} hedges ({shown})", -_take(cut)))
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
        # When the relevance gate took everything, the floor alone explained nothing ("the floor: no score is below
        # 1" was the whole explanation of a 25-word answer's 1/100): say what the score rests on.
        factors.append(("the floor: no score is below 1" + (
            f" (no sentence of the answer is near the question asked, so nothing else counts; similarity "
            f"{inp.relevance:.2f})" if rel == 0 else ""), 1 - score))
        score = 1
    elif score > 100:
        factors.append(("the ceiling: no score is above 100", 100 - score))
        score = 100
    return int(score), factors, not rubric_known


def _left_out(inp: ScoreInput) -> str | None:
    """What a short answer leaves out of what its question calls for, as its short line names it: the parts of the
    expected structure (fewer than ENOUGH_PARTS of them given) and the fixes of the rubric items it shows nothing
    (or under FULL_COVER) of. None when what is measured says it is complete; "" when nothing measures it."""
    if inp.ideas is None:
        return ""
    out, measured = [], False
    if inp.parts:
        measured = True
        if sum(inp.parts.values()) < ENOUGH_PARTS * len(inp.parts):
            out.append(", ".join(p for p, ok in inp.parts.items() if not ok))
    c = inp.counts
    if c.named:
        measured = True
        if c.untouched or c.covered < FULL_COVER * c.named:
            out.append("what the rubric's fixes call for")
    return "; ".join(out) if out or not measured else None


def _left(factors: list[tuple[str, float]]) -> float:
    """What the answer still holds after the lines so far: a share of it is taken after every earlier cut."""
    return max(0.0, sum(p for _, p in factors))


class _Shares:
    """What is left of the points earned as share cuts are taken one after another."""

    def __init__(self, earned: float):
        self.left = float(earned)

    def take(self, share: float) -> int:
        points = self.left * share
        self.left -= points
        return round(points)


def avoided_phrase(avoided: int, untouched: int, judged: int | None = None) -> str:
    """"4 of 5 applicable mistakes avoided (2 of them covering nothing their fix calls for)": the one count of
    avoided items that the summary line and the score explanation both show."""
    text = (f"{avoided} of {judged} applicable mistakes avoided" if judged is not None
            else f"{avoided} rubric mistake{'s' if avoided != 1 else ''} avoided")
    if untouched:
        text += (f" ({untouched} of them covering nothing their fix calls for)" if avoided > 1
                 else " (covering nothing its fix calls for)")
    return text


def _specifics_phrase(n: int) -> str:
    return "no number or named term" if not n else f"{n} number{'s' * (n > 1)} or named term{'s' * (n > 1)}"
