"""Verdicts per mistake shape (omission, overemphasis, without, numbers, order, narration, structure, ownership,
fallback, quality): each reads the prepared answer (``answer._Answer``) against one item's model and returns a
``_Judgement``. The "Don't X" judge is in ``dont``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from coach.critique.answer import _Answer
from coach.critique.delivery import FILLERS, code_span, question_type, times
from coach.critique.items import _ASKING, _ItemModel, _Phrase
from coach.critique.shapes import Unit, content_stems, lexical_overlap, stem, words
from coach.critique.signals import CLICHES, HEDGES, describes
from coach.critique.technique import narrates
from coach.critique.topics import FORM_AREAS, asks_form, ranked_areas, recounts_past
from coach.models import RubricItem, Verdict


ON_TOPIC = 0.36  # a sentence is "about" a phrase from here
PRESENT = 0.30  # an omitted topic counts as present from here (blended similarity) ...
PRESENT_COS = 0.35  # ... or from this cosine similarity alone
RELEVANT = 0.33  # the question calls for a topic from here
OFF_QUESTION = 0.25  # an answer none of whose sentences reaches this similarity to the question is off-topic
FOCUS_MARGIN = 0.10  # overemphasis: a sentence is about X rather than the fix only by this cosine margin
FOCUS_FLOOR = 0.20  # ... and only if it is this close to X at all (claiming a mistake needs clear evidence)
FOCUS_MIN_WORDS = 6  # fewer content words (outside hand-offs) than this say nothing about where the focus is
FOCUS_SHARE = 0.40  # X's share of the answer's content words from which it is "too much"
HANDOFF_LEAN = 0.5  # ... or, in an answer that hands the rest away, the share of its words leaning to X at all
FALLBACK_MARGIN = 0.08
_OPEN_DESIGN = re.compile(r"^\s*(?:design|architect|build|how would you (?:design|build|architect|deploy|scale|set up)|"
                          r"walk me through how you would (?:design|build))\b", re.I)
# A question about putting something into use ("take it live", "get it running in production", "ship it") calls
# for the system around it as much as an open design question does.
_TO_PRODUCTION = re.compile(r"\b(?:(?:take|put|get|bring|push|move)\w* (?:\w+ ){0,4}?(?:live|into production|to "
                            r"production|in production|running in production|online)|deploy\w*|ship\w*|launch\w*|"
                            r"roll\w* (?:it |this |that )?out|serv(?:e|ing) (?:it|the model|a model|predictions))\b",
                            re.I)

_DEFLECT = re.compile(
    r"\bnot (?:really |exactly )?(?:my|our) (?:job|fault|problem|responsibility|call|area)\b"
    r"|\b(?:wasn't|was not|isn't|is not|weren't) (?:really )?(?:my|our|on me|on us|ours|mine)\b"
    # disclaiming any part in it: "there wasn't much more I could have done", "it was out of my hands"
    r"|\b(?:wasn't|was not|isn't|is not|there's not|there was not) (?:much|anything|a lot) (?:more |else )?(?:that )?"
    r"(?:I|we) could (?:have )?(?:do|done)\b|\bnothing (?:more |else )?(?:that )?(?:I|we) could (?:have )?(?:do|done)\b"
    r"|\bout of (?:my|our) hands\b"
    r"|\bnot mine\b"
    r"|\b(?:their|his|her|(?:the )?other (?:team|teams|people|analysts|engineers)'s?|someone else's|"
    r"\w+ team's) (?:fault|problem|job|responsibility|mistake|issue)\b"
    r"|\bblam(?:e|ed|ing)\b(?! ?less)"
    r"|\b(?:they|he|she|the (?:\w+ ){0,2}(?:team|people|folks|guys|engineers|analysts|devs|developers|vendor|client|"
    r"business|stakeholders|managers?|PMs?)|the other \w+|my manager) (?:dropped the ball|should have|didn't|did not|"
    r"messed up|broke|kept \w+ing|never|failed to)\b"
    r"|\bwait(?:ed|ing)? for (?:them|the other|another|someone)\b|\bwent back to (?:sleep|bed)\b"
    r"|\b(?:open|file|raise|throw)\w* (?:a |the )?ticket (?:for|to|with|over to) (?:them|the|another)\b"
    r"|\bbecause of (?:them|the other team|another team|my manager)\b",
    re.I,
)
_OWN = re.compile(
    r"\b(?:I|I'd|I'll|I would|we) (?:took|take|had taken|would take) (?:ownership|responsibility|charge|the lead|"
    r"incident command|command)\b"
    r"|\bmy (?:responsibility|mistake|fault|call|bad|error)\b(?<!not my responsibility)"
    r"|\bI (?:owned|own|led|lead|drove|fixed|mitigated|reverted|rolled (?:it )?back|rebuilt|wrote the postmortem|"
    r"should have|made a mistake|learned|underestimated|overestimated|misjudged|overlooked|missed|forgot|"
    r"got (?:it|that|this|the \w+) wrong|re-?planned|told the team)\b"
    r"|\bmy (?:estimate|plan|assumption|design|decision|code|change|query|script)\b (?:\w+ )?(?:was wrong|ignored|"
    r"missed|broke|caused|failed)"
    r"|\b(?:I'd|I will|I'll|I would) (?:own|lead|roll (?:it )?back|fix|mitigate|drive)\b"
    r"|\bpost-?mortem\b|\bfollow-?up (?:fixes|actions|items)\b"
    r"|\b(?:roll(?:ed)? (?:it |that |the \w+ )?back|revert(?:ed)?|restor(?:ed|e)|cleaned (?:it )?up|I fixed|"
    r"I (?:killed|told my manager|took the lead)|my mistake)\b"
    # the miss named and claimed: "the miss was mine", "that one's on me"
    r"|\b(?:miss|mistake|fault|error|slip|call|blame)\w* (?:was|is|were) (?:all )?(?:mine|on me)\b"
    r"|\b(?:that|this|it)(?: one)?(?:'s| is| was) (?:all )?on me\b",
    re.I,
)


# -- verdicts per shape --------------------------------------------------------------------------------------------
@dataclass
class _Judgement:
    verdict: Verdict
    evidence: Unit | None = None
    seen: str = ""  # what was observed, the first half of the advice for a mistake made
    covers: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    delivery: bool = False  # judged on delivery (fillers, length, signposting) because the item is about delivery


COVER_COS = 0.5  # a sentence covers a concept from this cosine similarity ...
COVER_LEX = 0.67  # ... or when it repeats this share of the concept's own content words
THIN_WORDS = 10  # fewer content words than this is too little to count one concept as covering a topic


def _coverage(a: _Answer, phrases: Sequence[_Phrase]) -> tuple[list[str], list[str], Unit | None]:
    """(covered, missing, best covering sentence) over the concepts; deflecting sentences cover nothing."""
    if a.empty or not phrases:
        return [], [p.text for p in phrases], None
    ok = ~a.handoff & ~_hollow(a)
    # Only what a sentence affirms covers a concept: "there's nothing to validate" names validation to refuse it.
    cos = a.aff_vecs @ np.stack([p.vec for p in phrases]).T  # units x concepts
    covered, missing, best, best_s = [], [], None, -1.0
    for j, p in enumerate(phrases):
        own = set(p.stems) - a.qstems or set(p.stems)
        lex = np.array([lexical_overlap(own, st) for st in a.aff_stems], dtype=np.float32)
        hit = ok & ((cos[:, j] >= COVER_COS) | (lex >= COVER_LEX))
        if _ASKING & set(p.stems):
            hit |= a.asks  # asking questions is shown by asking them, whatever they are about; a question of
            # one's own is no stock phrase, however plain
        if hit.any():
            covered.append(p.text)
            i = int(np.argmax(np.where(hit, cos[:, j] + lex, -9)))
            if cos[i, j] + lex[i] > best_s:
                best, best_s = a.units[i], float(cos[i, j] + lex[i])
        else:
            missing.append(p.text)
    return covered, missing, best


def calls_for_questions(m: _ItemModel, a: _Answer) -> bool:
    """The item is about the candidate's own questions (``items._about_own_questions``) and the practice question
    invites them, in any wording ("Is there anything you'd like to ask me?" shares few words with "Not having any
    questions")."""
    return m.own_questions and a.invites_questions


def _refused(a: _Answer, phrases: Sequence[_Phrase]) -> Unit | None:
    """The sentence whose negated part is one of ``phrases`` ("there's nothing to validate", "I don't talk while I
    code"): saying the fix is not done is the mistake in the answer's own words."""
    if a.empty or not phrases or not a.neg.any():
        return None
    cos = (a.neg_vecs @ np.stack([p.vec for p in phrases]).T).max(axis=1)
    # A bare "no <noun>" in a list states a condition ("no duplicate order ids" is a check), not a refusal.
    live = a.neg & np.array([bool(t) and not re.match(r"(?:no|none)\b", t, re.I) for t in a.neg_texts], dtype=bool)
    lex = np.array([max(lexical_overlap(set(p.stems) - a.qstems or set(p.stems), st) for p in phrases)
                    for st in a.neg_stems], dtype=np.float32)
    hit = live & ~a.handoff & ((cos >= ON_TOPIC) | (lex >= COVER_LEX))
    return a.units[int(np.argmax(np.where(hit, cos + lex, -9)))] if hit.any() else None


def _hollow(a: _Answer) -> np.ndarray:
    """Per unit: a stock-phrase sentence, or (in an answer that is generic as a whole) one without any specific;
    such a sentence names a topic without covering it ("there are many ways to deploy a model")."""
    whole = _generic(a)
    return np.array([bool(STOCK.search(u.text)) or (whole and k in a.signals.generic_units)
                     for k, u in enumerate(a.units)], dtype=bool)


def _content_words(a: _Answer) -> int:
    return sum(len(st) for st, h in zip(a.stems, a.handoff) if not h)


def _judge_overemphasis(m: _ItemModel, a: _Answer) -> _Judgement:
    """Share of the answer's substance (content words) spent on X rather than on the fix, sentence by sentence.

    Each side is its phrase or any of its concrete forms ("I'd tune the hyperparameters" is model development though
    it shares no word with it); fix concepts that share words with X ("data modeling" next to "ML models") say
    nothing about the contrast and are left out. A sentence counts for X only by a clear margin, so a brief mention
    of X in an otherwise on-topic answer is not over-emphasis.
    """
    from coach.critique.emphasis import judge_balance  # the balance of X and the fix's side, where it shows

    if (j := judge_balance(m, a)) is not None:
        return j
    if a.empty:
        return _Judgement("unclear", None, "There is no answer to measure the focus of.")
    xs = content_stems(m.shape.target)
    g_side = [m.fix_only.vec, *(p.vec for p in m.concepts if not (p.stems & xs))]
    # X is measured on each sentence without the words the question supplies: "put the model on a server"
    # answering "How would you deploy a model?" is about serving, the question's "model" is no sign of focus.
    cx = np.max(a.own_vecs @ np.stack([m.x_only.vec, *(p.vec for p in m.x_concepts)]).T, axis=1)
    g = np.stack(g_side).T
    cg = np.maximum(np.max(a.own_vecs @ g, axis=1), np.max(a.vecs @ g, axis=1))
    w = np.array([len(st) for st in a.stems], dtype=np.float32) * ~a.handoff
    on_x = (cx - cg >= FOCUS_MARGIN) & (cx >= FOCUS_FLOOR) & ~a.handoff
    total = float(w.sum())
    share = float(w[on_x].sum()) / total if total else 0.0
    # An answer that gives the rest of the topic away ("deployment is the platform team's job") and spends what it
    # keeps on X (mostly, or without one sentence clearly on the fix) leans on X even without a clear margin
    # sentence by sentence: the hand-off is the contrast.
    lean = (cx > cg) & (cx >= FOCUS_FLOOR) & ~a.handoff
    leaning = float(w[lean].sum()) / total if total else 0.0
    on_fix = ((cg - cx) >= FOCUS_MARGIN) & ~a.handoff
    handed_off = share < FOCUS_SHARE and a.handoff.any() and lean.any() and (
        leaning >= HANDOFF_LEAN or not on_fix.any())
    if handed_off:
        on_x, share = lean, leaning
    if (share >= FOCUS_SHARE or handed_off) and total >= FOCUS_MIN_WORDS:
        # The most substantive sentence on X: a short aside ("Then deploy them.") is poor evidence of focus.
        weight = (cx - cg) * np.minimum(1.0, w / 8.0)
        ev = a.units[int(np.argmax(np.where(on_x, weight, -9)))]
        return _Judgement("made", ev, f"{int(on_x.sum())} of the answer's {len(a.units)} sentences ({share:.0%} of "
                                      f"its substance) are about {m.shape.target}")
    # An answer to another question, a story about the past, or one that gives the topic away says nothing about
    # where the candidate puts the focus.
    # Echoing the question's words is no sign of answering it (a.qsim leaves them out); an answer far from the
    # question but with several sentences on the fix's topic is on it.
    off = float(a.qsim.max()) < OFF_QUESTION and int((cg >= ON_TOPIC).sum()) < 2
    if not total or off or question_type(a.question) == "behavioural" or (share == 0 and _gives_away(a)):
        return _Judgement("unclear", None, "")
    return _Judgement("avoided", a.units[int(np.argmax(np.where(a.handoff, -9, cg - cx)))], "")


def _gives_away(a: _Answer) -> bool:
    """Some sentence hands the topic to someone else or blames them."""
    return bool(a.handoff.any()) or any(_DEFLECT.search(u.text) for u in a.units)


def _present(a: _Answer, *phrases: _Phrase) -> Unit | None:
    """The sentence that best covers any of ``phrases``, if one is close enough to count as covering it. A sentence
    that hands the topic to someone else ("someone else would handle the serving") names it only to give it away:
    it is evidence of the omission, never of covering it."""
    return _closest(a, phrases, ~a.handoff)


def _handed_off(a: _Answer, phrases: Sequence[_Phrase]) -> Unit | None:
    """The hand-off sentence that is about ``phrases``' topic, if any: giving the topic away is leaving it out."""
    return _closest(a, phrases, a.handoff)


def _closest(a: _Answer, phrases: Sequence[_Phrase], among: np.ndarray) -> Unit | None:
    """Of the units ``among`` marks, the one closest to any of ``phrases``, if one is close enough to count as
    taking up their topic."""
    if a.empty or not among.any():
        return None
    blend = np.max([a.match(p) for p in phrases], axis=0)
    cos = np.max([a.vecs @ p.vec for p in phrases], axis=0)
    hit = ((blend >= PRESENT) | (cos >= PRESENT_COS)) & among
    return a.units[int(np.argmax(np.where(hit, blend + cos, -9)))] if hit.any() else None


def _judge_omission(m: _ItemModel, a: _Answer, item: RubricItem) -> _Judgement:
    """Does the answer cover what the item says is missing? Coverage is per concept; a deflection is the omission."""
    from coach.critique.emphasis import is_emphasis, judge_ignoring  # "Ignoring Y" read as balance, where it shows

    if is_emphasis(m) and (j := judge_ignoring(m, a, bool(item.roles))) is not None:
        return j
    # An item scoped to the candidate's role ("Ignoring X in R interviews") is the article saying X belongs in
    # R's answers; an open design question is where it is expected even when the question does not name X.
    relevant = max(a.question_match(m.x), a.question_match(m.fix)) >= RELEVANT or (
        bool(item.roles) and bool(_OPEN_DESIGN.search(a.question) or _TO_PRODUCTION.search(a.question))) or (
        calls_for_questions(m, a))
    return _judge_coverage(m, a, m.concepts or (m.x, m.fix), relevant, (m.x, m.fix), m.shape.target)


def _judge_coverage(m: _ItemModel, a: _Answer, phrases, relevant: bool, topic, what: str) -> _Judgement:
    covered, missing, best = _coverage(a, phrases)
    # Saying the fix is not needed ("there's nothing to validate") is the omission in the answer's own words, whether
    # or not the question itself called for the topic: the answer raised it only to refuse it.
    refused = _refused(a, phrases) if not covered else None
    if refused is not None:
        return _Judgement("made", refused, f"The answer says it leaves out {what}", covered, missing)
    found = best or _present(a, *topic)
    handoff = next((u for u, h in zip(a.units, a.handoff) if h), None)
    # A hand-off of the item's own topic is the omission stated outright, whether or not the question called for it
    # (issue 11: "someone else would handle the serving" is the clearest form of ignoring it).
    gave_away = _handed_off(a, (*topic, *phrases)) if not covered else None
    if gave_away is not None:
        return _Judgement("made", gave_away, f"The answer hands {what} to someone else instead of covering it",
                          covered, missing)
    # one question asked is the whole of "asking questions": no depth to fall short of
    asked = any(_ASKING & set(p.stems) for p in phrases) and bool(a.asks.any())
    thin = len(covered) <= 1 and not asked and (a.stats.filler_heavy or _content_words(a) < THIN_WORDS)
    if relevant and not covered and handoff is None and _generic(a):
        # On the topic but saying nothing concrete about it ("there are many ways, it depends on the team"):
        # talking around the question is the omission too.
        ev = next((u for u in a.units if STOCK.search(u.text)), None) or found or a.main_unit()
        return _Judgement("made", ev, f"The answer talks around {what} without covering any of it", covered, missing)
    if not relevant and not covered and _generic(a):
        return _Judgement("unclear", None, "")  # naming the topic in stock phrases shows neither the fix nor its lack
    if found is not None and not (relevant and (thin or (handoff is not None and len(covered) <= 1))):
        return _Judgement("avoided", found, "", covered, missing)
    if handoff is not None and relevant:
        return _Judgement("made", handoff, f"The answer hands {what} to someone else instead of covering it",
                          covered, missing)
    if relevant:
        seen = (f"The answer only touches on {what} in passing" if found is not None
                else f"The answer does not cover {what}")
        return _Judgement("made", found or a.main_unit(), seen, covered, missing)
    return _Judgement("unclear", None, "")  # the question does not call for it: what it lacks is no shortfall


def _generic(a: _Answer) -> bool:
    """The answer leans on stock phrases or names next to no specifics (coach.critique.signals)."""
    sig = a.signals
    stock = len(sig.cliches) + len(sig.hedges)
    return sig.words >= 15 and ((stock >= STOCK_MADE and sig.specific_rate < 2 * SPECIFIC_RATE)
                                or sig.specific_rate < GENERIC_RATE)


def _judge_without(m: _ItemModel, a: _Answer) -> _Judgement:
    assert m.y is not None
    # An answer to a question of X's own kind does X ("Design a URL shortener" is designing a system), whether or not
    # its words come near X's: what it then lacks of Y is the mistake. The kind is the question's form (design,
    # coding, behavioural) and X's, read from its words or, when they do not say it ("Designing a service"), from
    # the interview area X's meaning is closest to.
    # The form must hold in substance: a question worded like a design question about another area ("How would you
    # set up on-call?"), or one asking what the candidate did ("Describe a system you scaled up"), is no design.
    asked = question_type(a.question)
    same_kind = asked != "general" and (asked == question_type(m.shape.target) or (
        a.areas is not None and ranked_areas(m.x.vec, a.areas)[0] == FORM_AREAS.get(asked))) and (
        a.areas is None or asks_form(a.question, a.qvec, a.areas, asked))
    asks_x = a.question_match(m.x) >= RELEVANT and not recounts_past(a.question)
    engaged = same_kind or asks_x or (not a.empty and bool((a.match(m.x) >= ON_TOPIC).any()))
    if not engaged:
        covered, missing, best = _coverage(a, m.concepts or (m.y, m.fix))
        return _Judgement("avoided", best, "", covered, missing) if covered else _Judgement("unclear", None, "")
    # Missing Y is a shortfall only where the question calls for X ("Designing a system without failure modes" on a
    # design question); an answer to another kind of question that happens to touch X lacks nothing it was asked.
    called = same_kind or asks_x
    return _judge_coverage(m, a, m.concepts or (m.y, m.fix), called, (m.y, m.fix), m.shape.other)


_CONCEPT_Q = re.compile(r"^\s*(?:(?:can|could) you )?(?:explain|define)\b|\bdifference between\b|"
                        r"^\s*what (?:is|are|does)\b(?![^?]*\byou\b)"
                        # a procedure: how to get a figure, not what it was ("walk me through getting the number")
                        r"|\b(?:write|writing) (?:a |the )?(?:query|sql)\b|\bwalk me through (?:getting|computing|"
                        r"calculating|pulling|finding|querying)\b", re.I)


def _judge_numbers(m: _ItemModel, a: _Answer) -> _Judgement:
    if a.stats.numbers:
        ev = next((u for u in a.units if any(n in u.text for n in a.stats.numbers)), None)
        return _Judgement("avoided", ev, "")
    if question_type(a.question) == "coding" or _CONCEPT_Q.search(a.question):
        return _Judgement("unclear", None, "")  # a query, a function or a concept's explanation calls for no metrics
    return _Judgement("made", a.main_unit(), "No numbers or metrics appear in the answer")


def _judge_order(m: _ItemModel, a: _Answer) -> _Judgement:
    """Position of the first sentence doing X versus the first doing Y ("Jumping straight to X before Y")."""
    assert m.y is not None
    if a.empty:
        return _Judgement("unclear", None, "")
    n = len(a.units)
    sx = a.match(m.x)
    sy = np.maximum(a.match(m.y), a.match(m.fix))
    head = _head_verbs(m.shape.other)
    # Clarifying is done by asking: a question the answer puts ("is revenue net of refunds?") clarifies, even when
    # it repeats the practice question's words, as a clarifying question does.
    asks = head & _CLARIFY and not a.empty
    y_idx = [i for i in range(n) if (sy[i] >= ON_TOPIC and sy[i] > sx[i]) or _does(a.units[i].text, head) or (
        asks and a.units[i].text.rstrip().endswith("?") and not a.handoff[i])]
    x_idx = [i for i in range(n) if i not in y_idx and sx[i] >= ON_TOPIC and sx[i] >= sy[i]]
    if a.question_match(m.x) >= RELEVANT:
        # The question asks for X itself: whatever the answer opens with, unless it is Y, is already X.
        first_other = next((i for i in range(n) if i not in y_idx), None)
        if first_other is not None:
            x_idx = sorted(set(x_idx) | {first_other})
    first_x = x_idx[0] if x_idx else None
    first_y = y_idx[0] if y_idx else None
    early = max(1, n // 3)
    if first_y is not None and first_y <= early and (first_x is None or first_y < first_x):
        return _Judgement("avoided", a.units[first_y], "")
    if first_x is not None and first_x <= early and (first_y is None or first_x < first_y):
        return _Judgement("made", a.units[first_x], f"The answer opens with {m.shape.target} before {m.shape.other}")
    return _Judgement("unclear", None, "")


# Head verbs of "what should come first" phrases and their everyday equivalents in spoken answers.
_CLARIFY = {"clarifi", "confirm", "ask", "understand", "scope", "check what", "find out", "pin down"}
_VERB_FAMILIES = [
    _CLARIFY,
    {"outlin", "plan", "sketch", "structur"},
    {"gather", "collect", "understand"},
    {"estimat", "size", "calculat"},
    {"test", "validat", "verifi"},
]


def _head_verbs(phrase: str) -> set[str]:
    first = phrase.split()[0] if phrase.split() else ""
    st = stem(first)
    verbs = {st}
    for family in _VERB_FAMILIES:
        if st in family:
            verbs |= family
    return verbs


def _does(text: str, verbs: set[str]) -> bool:
    """Whether the sentence performs one of ``verbs`` (stem match on its words, or a multi-word phrase)."""
    stems = {stem(w) for w in words(text)}
    low = text.lower()
    return any((" " in v and v in low) or v in stems for v in verbs)


def _judge_narration(m: _ItemModel, a: _Answer) -> _Judgement:
    """Code with next to no explanation is coding silently; an explained approach (with or without code) is not."""
    if a.empty:
        return _Judgement("unclear", None, "")
    st = a.stats
    if st.code and st.mostly_code:
        ev = next((u for u in a.units if code_span(u.text)), a.units[0])
        return _Judgement("made", ev, f"The answer is code with {st.prose_words} word{'s' * (st.prose_words != 1)} of "
                                       "explanation")
    refused = _refused(a, (m.fix, *m.concepts))
    if refused is not None and not st.mostly_code:
        return _Judgement("made", refused, "The answer says it will not explain while coding")
    if not st.code:
        # An answer that describes how it codes ("I just start typing and explain once it runs") says which it does.
        verdict, ev = narrates([u for u, h in zip(a.units, a.handoff) if not h])
        if verdict == "made":
            return _Judgement("made", ev, "The answer says it codes before explaining the approach")
        if verdict == "avoided":
            return _Judgement("avoided", ev, "")
        # Only a sentence that says how it codes (above) is evidence of the mistake: one that merely reads like the
        # item ("I'd test it with 'listen' and 'silent'") is not coding silently; one that reads like the fix avoids it.
        said = _judge_fallback(m, a)
        if said.verdict == "avoided":
            return said
    explained = st.prose_words >= 20 and not a.handoff.all()
    if explained and (st.code or question_type(a.question) == "coding"):
        ev = next((u for u in a.units if not code_span(u.text)), a.units[0])
        return _Judgement("avoided", ev, "")
    return _Judgement("unclear", None, "")


def _judge_structure(m: _ItemModel, a: _Answer) -> _Judgement:
    if a.empty:
        return _Judgement("unclear", None, "")
    st = a.stats
    if st.rambling:
        worst = max(a.units, key=lambda u: sum(len(p.findall(u.text)) for p in FILLERS.values()) + len(u.text) / 400)
        what = (f"Filler words appear {times(st.filler_total)}" if st.filler_heavy
                else f"{st.prose_words} words run on without signposting")
        return _Judgement("made", worst, what)
    if st.structured or (st.words >= 40 and not st.filler_total and (st.signposts or len(st.weak_signposts) >= 2)):
        marks = list(dict.fromkeys(st.signposts or st.weak_signposts))
        ev = next((u for u in a.units if any(re.search(rf"\b{re.escape(s)}\b", u.text, re.I) for s in marks)),
                  a.units[0])
        how = f"The answer {'is signposted' if st.signposts else 'links its steps'} ({', '.join(marks[:3])})"
        # What shows the fix is how the answer is delivered, not what its quoted sentence says.
        return _Judgement("avoided", ev, how + ("" if st.filler_total else ", with no filler words"))
    return _Judgement("unclear", None, "")


_TROUBLE = re.compile(r"\b(?:fail\w*|flop\w*|broke|break\w*|broken|outage|incident|went wrong|mistake|late|slipp\w*|"
                      r"down|bug\w*|errors?|error rate|problems?|issues?|didn't go|did not go|spike|paged?|on[- ]call|"
                      r"fault|mess)\b", re.I)


def _ownership(a: _Answer) -> tuple[list[tuple[Unit, int]], int, bool]:
    """(per sentence: how often it puts the problem with others, owning phrases in all, whether something went
    wrong in the question or the story)."""
    deflect = [(u, len(_DEFLECT.findall(u.text)) + int(h)) for u, h in zip(a.units, a.handoff)]
    own_n = sum(len(_OWN.findall(_DEFLECT.sub(" ", u.text))) for u, h in zip(a.units, a.handoff) if not h)
    trouble = bool(_TROUBLE.search(a.question)) or any(_TROUBLE.search(u.text) for u in a.units)
    return deflect, own_n, trouble


def _blaming(a: _Answer) -> list[Unit]:
    """Sentences that place what went wrong with other people, when they outweigh what the answer owns."""
    deflect, own_n, trouble = _ownership(a)
    if not trouble or sum(n for _, n in deflect) <= own_n:
        return []
    return [u for u, n in deflect if n]


def _judge_ownership(m: _ItemModel, a: _Answer) -> _Judgement:
    """Blame and hand-offs against owning words; blame counts only where something went wrong."""
    if a.empty:
        return _Judgement("unclear", None, "")
    deflect, own_n, _ = _ownership(a)
    if _blaming(a):
        ev = max(deflect, key=lambda p: p[1])[0]
        return _Judgement("made", ev, "The answer places the problem with other people")
    if own_n > sum(n for _, n in deflect):
        ev = next(u for u in a.units if _OWN.search(_DEFLECT.sub(" ", u.text)))
        return _Judgement("avoided", ev, "")
    return _Judgement("unclear", None, "")


def _judge_fallback(m: _ItemModel, a: _Answer) -> _Judgement:
    if a.empty:
        return _Judgement("unclear", None, "")
    sb, sg = a.match(m.bad), a.match(m.fix)
    ib, ig = int(np.argmax(sb)), int(np.argmax(sg))
    if sb[ib] >= ON_TOPIC and sb[ib] - sg[ib] >= FALLBACK_MARGIN and sb[ib] >= sg[ig]:
        return _Judgement("made", a.units[ib], "This sentence reads like the mistake")
    if sg[ig] >= ON_TOPIC and sg[ig] - sb[ig] >= FALLBACK_MARGIN:
        return _Judgement("avoided", a.units[ig], "")
    return _Judgement("unclear", None, "")


STOCK = re.compile(f"{CLICHES.pattern}|{HEDGES.pattern}", re.I)
SLIPS_MADE = 2  # misspelled words from which an answer is sloppy (or one with two other slips: "i", "dont")
LONG_WORDS = 300  # an answer longer than this is itself wordy
GENERIC_RATE = 0.4  # specific tokens per 10 words below which an answer is generic ...
SPECIFIC_RATE = 0.8  # ... and from which it is specific
STOCK_MADE = 2  # stock phrases ("team player", "it depends") from which an answer leans on them


def _judge_quality(m: _ItemModel, a: _Answer) -> _Judgement:
    """An abstract pitfall measured on the text itself (coach.critique.signals): specifics, stock phrases,
    repetition, spelling slips, length. An answer too short to show the property leaves the item unclear."""
    if a.empty:
        return _Judgement("unclear", None, "")
    sig, fam, n = a.signals, m.shape.target, len(a.units)
    stock = len(sig.cliches) + len(sig.hedges)
    said = next((u for u, h in zip(a.units, a.handoff) if not h and describes(fam, u.text)), None)
    if said is not None:
        return _Judgement("made", said, "This sentence describes what the article warns against")

    def unit_with(found: list[str]) -> Unit:
        low = [f.lower() for f in found]
        return next((u for u in a.units if any(f in u.text.lower() for f in low)), a.units[0])

    if fam == "cliche":
        if len(sig.cliches) >= STOCK_MADE or stock >= STOCK_MADE + 1:
            found = sig.cliches + sig.hedges
            return _Judgement("made", unit_with(found), "Stock phrases carry the answer (" + ", ".join(
                f'"{c}"' for c in list(dict.fromkeys(found))[:4]) + ")")
        if not stock and sig.words >= 60 and sig.specific_rate >= SPECIFIC_RATE:
            return _Judgement("avoided", _most_specific(a), "")
    elif fam == "generic":
        # Few specifics is only a proxy: an answer free of stock phrases that states the practice the fix asks
        # for ("I tailor each one to the role") shows it, however plainly it is put.
        if _generic(a) and (stock or m.fix.text == m.x.text or _present(a, m.fix) is None):
            ev = unit_with(sig.cliches + sig.hedges) if stock else a.units[sig.generic_units[0]] \
                if sig.generic_units else a.main_unit()
            return _Judgement("made", ev, f"The answer names {len(sig.specific)} specifics (numbers, names, concrete "
                                          f"terms) in {sig.words} words")
        if sig.specific_rate >= SPECIFIC_RATE and stock <= 1:
            return _Judgement("avoided", _most_specific(a), "")
    elif fam == "repetition":
        if len(sig.repeated_units) >= 2 or len(sig.repeated_units) / n >= 0.4:
            return _Judgement("made", a.units[sig.repeated_units[0]], f"{len(sig.repeated_units)} of the answer's "
                                                                       f"{n} sentences restate earlier ones")
        if sig.words >= 60:
            return _Judgement("avoided", _most_specific(a), "")
    elif fam == "spelling":
        if len(sig.misspelled) >= SLIPS_MADE or (sig.misspelled and sig.lowercase >= 2):
            return _Judgement("made", unit_with(sig.misspelled), "Spelling slips: " + ", ".join(
                f'"{w}"' for w in list(dict.fromkeys(sig.misspelled))[:5]))
        if not sig.misspelled and sig.lowercase <= 1 and sig.words >= 20:
            return _Judgement("avoided", a.units[0], "")
    elif fam == "verbosity":
        if sig.words > LONG_WORDS:
            return _Judgement("made", a.units[0], f"The answer runs to {sig.words} words")
        sb, sg = a.match(m.x), a.match(m.fix)
        i = int(np.argmax(sb - sg))
        if sb[i] >= ON_TOPIC and sb[i] - sg[i] >= FALLBACK_MARGIN:
            return _Judgement("made", a.units[i], "This sentence describes the wordiness the article warns against")
        if sig.words >= 15:
            return _Judgement("avoided", a.units[0], "")
    return _Judgement("unclear", None, "")


def _most_specific(a: _Answer) -> Unit:
    spec = [len(set(re.findall(r"[\w%']+", u.text.lower())) & set(a.signals.specific)) for u in a.units]
    return a.units[int(np.argmax(spec))]
