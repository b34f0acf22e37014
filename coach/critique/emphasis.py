"""Emphasis items: "Overemphasizing X in R interviews", "Ignoring Y in R interviews" — a mistake of BALANCE.

An emphasis item names two sides of a role's answers: X, what a candidate over-weights, and Y, the other side the
article's fix asks for (serving, deployment, pipelines, data quality, system design ...: read from the item's fix and
its coverage concepts, never from a per-item list). Each sentence of the answer leans to one side, to the other, or
to neither, by its closeness to each side's phrases measured the same way for both (the sentence without the words
the question supplies, so the question's own "model" is no sign of focus).

- "Overemphasizing X" is made when the answer spends itself on X and leaves Y out, or gives Y to someone else ("the
  platform folks deploy it"): the hand-off is the imbalance stated outright. It is avoided when Y has its share (a
  brief mention of X in an answer about Y is no over-emphasis), or when the answer, on the question, has no X at all.
- "Ignoring Y" is made when the question calls for Y (an open how-would-you question in the item's role) and the
  answer has none of it, or hands it away; avoided when a sentence covers Y.

An answer to another question, a story that shows neither side, or an empty one leaves the item unclear.
"""
from __future__ import annotations

import re

import numpy as np

from coach.critique.answer import _Answer
from coach.critique.delivery import question_type
from coach.critique.items import _ItemModel
from coach.critique.judges import OFF_QUESTION, _DEFLECT, _Judgement, _closest, _coverage, _hollow

# The verbs that make an item a mistake of balance: X over-weighted, or Y left out while the answer goes elsewhere.
_IGNORING = re.compile(r"^\s*(?:ignor|neglect|overlook|disregard|under-?emphasi[sz]|under-?weight|downplay|"
                       r"dismiss|forget)\w*\b", re.I)

SIDE = 0.08  # a sentence leans to a side by this cosine margin over the other ...
FLOOR_X, FLOOR_Y = 0.25, 0.30  # ... and only when it is at least this close to that side
CLEAR = 0.15  # a sentence this much closer to X than to Y is plainly about X, however far from both
COVER = 0.42  # a sentence this close to Y (without a clear lean to X) takes Y up
HEAVY = 0.6  # X's share of the sided substance from which X outweighs Y
MIN_WORDS = 6  # fewer content words than this say nothing about the balance

# Everyday ways of giving the other side away, beyond coverage.HANDOFF: "hand the model file to the platform team",
# "how it runs in production is their call", "what they do with it is up to them".
_GIVES = re.compile(
    r"\b(?:hand|pass|give|send|throw|toss|ship)\w*\b(?:\s+(?:it|this|that|them|the\s+[\w-]+(?:\s+[\w-]+)?|my\s+[\w-]+|"
    r"a\s+[\w-]+))?\s+(?:over\s+)?to\s+(?:the|our|my|their)\s+(?:[\w-]+\s+){0,2}(?:team|engineers?|folks|people|"
    r"devs|developers|ops|devops|sres?|guys)\b"
    r"|\b(?:their|the\s+[\w-]+\s+team's)\s+(?:call|job|thing|area|domain|department|business|side)\b"
    r"|\bup\s+to\s+(?:them|the\s+(?:[\w-]+\s+){0,2}(?:team|engineers|folks|people))\b"
    # another party doing the putting into use: "then the platform folks deploy it"
    r"|\b(?:the|our|my)\s+(?:[\w-]+\s+){0,2}(?:team|engineers?|folks|people|devs|developers|ops|devops|sres?|guys)\s+"
    r"(?:then\s+|just\s+|usually\s+|can\s+|will\s+)?(?:deploy|serve|ship|host|productioni[sz]e|wire|integrate|"
    r"launch|roll)\w*\b",
    re.I)


def is_emphasis(m: _ItemModel) -> bool:
    """An overemphasis item, or an omission item whose verb says the answer's weight went elsewhere."""
    return m.shape.kind == "overemphasis" or (m.shape.kind == "omission" and bool(_IGNORING.match(m.shape.core)))


def gives_away(a: _Answer) -> np.ndarray:
    """Per unit: it hands the topic to someone else (coverage.HANDOFF, a disclaimer, or one of the forms above)."""
    return a.handoff | np.array([bool(_GIVES.search(u.text) or _DEFLECT.search(u.text)) for u in a.units], dtype=bool)


def _closeness(a: _Answer, phrases, vecs: np.ndarray | None = None) -> np.ndarray:
    """Per unit: the best cosine to any of ``phrases``, the unit read without the question's words (``vecs``:
    another reading)."""
    return ((a.own_vecs if vecs is None else vecs) @ np.stack([ph.vec for ph in phrases]).T).max(axis=1)


def _sides(m: _ItemModel, a: _Answer, x_phrases, y_phrases) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(per unit: leans to X, leans to Y, closeness to Y, content words) — hand-offs weigh nothing, and only what a
    sentence affirms takes Y up ("there's nothing to validate" names validation to refuse it)."""
    away = gives_away(a)
    cy = np.minimum(_closeness(a, y_phrases), _closeness(a, y_phrases, a.aff_vecs))
    cx = _closeness(a, x_phrases) if x_phrases else np.zeros_like(cy)
    w = np.array([len(st) for st in a.stems], dtype=np.float32) * ~away
    on_x = (cx - cy >= SIDE) & (cx >= FLOOR_X) & ~away
    on_y = (cy - cx >= SIDE) & (cy >= FLOOR_Y) & ~away & ~_hollow(a)
    return on_x, on_y, cy, w


def _story(a: _Answer) -> bool:
    return question_type(a.question) == "behavioural"


def judge_balance(m: _ItemModel, a: _Answer) -> _Judgement | None:
    """"Overemphasizing X": made / avoided / unclear by the balance of the answer's substance (see module doc);
    None when the answer is empty (the caller's judge says why)."""
    if a.empty:
        return None
    xs = set(m.x.stems)
    x_side = [m.x_only, m.x, *m.x_concepts]
    y_side = [m.fix_only, *(p for p in m.concepts if not (p.stems & xs))]
    _, on_y, cy, w = _sides(m, a, x_side, y_side)
    cx = _closeness(a, x_side)
    away = gives_away(a)
    # The balance counts every sentence by the side it leans to; a tie goes to Y (a sentence on serving that names
    # the model is about serving), so a brief mention of X in an answer about Y is no over-emphasis.
    lean_x = (cx > cy) & ((cx >= FLOOR_X) | (cx - cy >= CLEAR)) & ~away
    lean_y = (cy >= cx) & (cy >= FLOOR_Y) & ~away & ~_hollow(a)
    # Y handed away and none of it clearly kept: whatever the answer keeps that leans to X at all is its focus.
    handed = bool(away.any()) and not on_y.any()
    if handed:
        lean_x |= (cx >= FLOOR_X) & (cx >= cy - SIDE) & ~away
        lean_y &= ~lean_x
    wx, wy, total = float(w[lean_x].sum()), float(w[lean_y].sum()), float(w.sum())
    share = wx / (wx + wy) if wx + wy else 0.0
    # Far from the question (its own words aside: echoing them answers nothing) and from Y alike: an answer to
    # another question shows no focus, unless it is plainly about X ("rewrite the backend in Kotlin").
    off = float(a.qsim.max()) < OFF_QUESTION and not (cy >= FLOOR_Y).any() and not handed and not (
        lean_x & (cx - cy >= CLEAR)).any()
    if off or not total:
        return _Judgement("unclear", None, "")
    if lean_x.any() and (share >= HEAVY or handed) and (total >= MIN_WORDS or handed):
        ev = a.units[int(np.argmax(np.where(lean_x, w * (cx - cy + 1), -1)))]
        if handed and not share >= HEAVY:
            return _Judgement("made", ev, f"The answer spends itself on {m.shape.target} and hands the rest to "
                                          "someone else")
        return _Judgement("made", ev, f"{int(lean_x.sum())} of the answer's {len(a.units)} sentences ({share:.0%} of "
                                      f"its substance) are about {m.shape.target}")
    if handed:
        return _Judgement("unclear", None, "")  # the topic given away and nothing kept near X: no focus to measure
    if _story(a) and int(lean_y.sum()) < 2:
        return _Judgement("unclear", None, "")  # a story shows where the focus is only through its substance
    if lean_y.any() or not lean_x.any():
        ev = a.units[int(np.argmax(np.where(lean_y, cy, -9)))] if lean_y.any() else a.main_unit()
        return _Judgement("avoided", ev, "")
    return None


# An open question about how the candidate would do something: it calls for every side the role's answers cover.
_HOW = re.compile(r"\b(?:how (?:would|do|will|should|could|can|did) (?:you|we|I)|what (?:would|do|will) you do|"
                  r"what (?:happens|comes) next|what does it take|what would it take|walk (?:me|us) through how|"
                  r"tell (?:me|us) how|how (?:to|does one))\b|^\s*(?:design|build|architect)\b", re.I)


def calls_for(a: _Answer, role_scoped: bool) -> bool:
    """Whether the practice question calls for a role-scoped item's side: an open how-would-you question."""
    return role_scoped and bool(_HOW.search(a.question)) and not _story(a)


def judge_ignoring(m: _ItemModel, a: _Answer, role_scoped: bool) -> _Judgement | None:
    """"Ignoring Y": made when a question calling for Y gets none of it (or Y handed away), avoided when a sentence
    takes Y up; None leaves the item to the coverage judge (``judges._judge_coverage``)."""
    if a.empty or _story(a):
        return None
    y_side = [m.x, m.fix, *m.concepts]
    _, on_y, cy, w = _sides(m, a, [], y_side)
    away = gives_away(a)
    covered, missing, _ = _coverage(a, m.concepts or (m.x, m.fix))
    takes_up = on_y & (cy >= COVER)
    if takes_up.any():
        return _Judgement("avoided", a.units[int(np.argmax(np.where(takes_up, cy, -9)))], "", covered, missing)
    # What the coverage judge would count as covering Y leaves the verdict to it, and so does an answer to another
    # question; only a question that calls for Y and gets none of it, or gets it handed away, is decided here.
    off = float(a.qsim.max()) < OFF_QUESTION and not (cy >= FLOOR_Y).any() and not away.any()
    if off or not calls_for(a, role_scoped) or covered or _closest(a, (m.x, m.fix), ~away) is not None:
        return None
    if away.any():
        ev = a.units[int(np.argmax(away))]
        return _Judgement("made", ev, f"The answer hands {m.shape.target} to someone else instead of covering it",
                          covered, missing)
    return _Judgement("made", a.main_unit(), f"The answer does not cover {m.shape.target}", covered, missing)
