"""Rubric critique: judges one practice answer against every rubric item, quoting the answer and the item's fix.

Each item's BAD text is parsed into a mistake shape (``shapes.parse_shape``); the verdict is computed from the answer
with one check per shape. Semantic matching uses the project's embedding model: the answer's sentences and the
question are encoded in one batch, the items' phrases once per item (cached by item id).
"""
from __future__ import annotations

import re
import threading
import time
import weakref
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Sequence

import numpy as np

from coach.cache import SizedLru, encode_through
from coach.critique.coverage import concepts, deflects
from coach.critique.negation import read as read_negation
from coach.critique.delivery import (
    FILLERS,
    DeliveryStats,
    analyse,
    code_span,
    delivery_notes,
    question_type,
    restated_units,
    split_injection,
    structure_parts,
    times,
)
from coach.critique.scoring import RubricCounts, ScoreInput, avoided_phrase, score_answer
from coach.critique.technique import judge_technique, narrates, technique_family
from coach.critique.signals import CLICHES, HEDGES, Signals, describes, measure
from coach.critique.topics import (
    AREAS,
    CODING_AREA,
    FORM_AREAS,
    ROLE_ITEM_AREAS,
    about_question,
    about_subject,
    area_vectors,
    asks_form,
    heading_fix,
    item_topic,
    ranked_areas,
    recounts_past,
)
from coach.critique.shapes import (
    SUBORDINATE,
    Shape,
    Unit,
    clauses,
    content_stems,
    dont_forms,
    expand,
    lexical_overlap,
    main_clauses,
    parse_shape,
    split_units,
    stem,
    words,
)
from coach.errors import InputError
from coach.models import Feedback, ItemFeedback, RubricItem, ScoreFactor, Verdict

if TYPE_CHECKING:
    from coach.components.embedding import Embedder

MAX_ANSWER_CHARS = 20_000

# Calibrated on tests/evals/critique.jsonl with all-MiniLM-L6-v2 (see coach/evaluation/critique.py).
W_COS, W_LEX = 0.7, 0.3
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


# -- embeddings ----------------------------------------------------------------------------------------------------
_phrase_cache: "weakref.WeakKeyDictionary[Embedder, dict]" = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


@lru_cache(maxsize=1)
def default_embedder() -> "Embedder":
    from coach.components.embedding import Embedder
    from coach.settings import get_settings

    return Embedder(get_settings())


@dataclass(frozen=True)
class _Phrase:
    text: str
    vec: np.ndarray
    stems: frozenset[str]


@dataclass(frozen=True)
class _ItemModel:
    shape: Shape
    x: _Phrase  # what the mistake is about
    fix: _Phrase  # the GOOD text, without a leading "Focusing on" / "Emphasizing"
    bad: _Phrase  # the BAD text without its role scope
    y: _Phrase | None  # what should come first / what is missing
    x_only: _Phrase  # X without the words it shares with the fix ("ML model development" -> "model development")
    fix_only: _Phrase  # the fix without the words it shares with X
    concepts: tuple[_Phrase, ...] = ()  # what a good answer covers (coverage.concepts)
    x_concepts: tuple[_Phrase, ...] = ()  # concrete forms of X (overemphasis: what too much of the answer is about)
    topic: np.ndarray | None = None  # the item's section path, text and fix (does it speak to the question?)
    x_ablations: np.ndarray | None = None  # "Don't X": X with one content word left out at a time (see _judge_dont)
    x_alts: tuple[tuple[frozenset[str], str], ...] = ()  # "Don't X": (content stems, text) of each thing X lists
    x_alt_texts: tuple[str, ...] = ()  # "Don't X" listing several things: its multi-word ones
    x_forms: np.ndarray | None = None  # "Don't X": X as candidates say it (shapes.dont_forms) ...
    x_contrasts: np.ndarray | None = None  # ... and the practices those forms are contrasted with
    heading: _Phrase | None = None  # "Don't X" without a fix: the practice its section heading states (heading_fix)
    x_things: np.ndarray | None = None  # "Don't X" listing several things: each of them ("Photoshop", "online
    good_names: np.ndarray | None = None  # resume builders"), and the products its fix names ("Google Docs")
    own_names: frozenset[str] = frozenset()  # names the item itself uses (matched as words, not by meaning)
    x_setting: np.ndarray | None = None  # "Don't X" listing several things: where they are done ("in a Word file")


def _item_models(items: Sequence[RubricItem], embedder: "Embedder") -> dict[str, _ItemModel]:
    """Parsed shape, phrase vectors and coverage concepts per item; encoded once per item (id + text) per embedder."""
    with _cache_lock:
        cache = _phrase_cache.setdefault(embedder, {})
    keys = {it.id: (it.id, it.mistake, it.fix, it.context, it.section) for it in items}
    todo = [it for it in items if keys[it.id] not in cache]
    if todo:
        shapes = [parse_shape(it.mistake, it.fix, it.context) for it in todo]
        texts: list[str] = []
        spans: list[tuple[int, list[str], list[str]]] = []
        for it, sh in zip(todo, shapes):
            fix = _clean_fix(it.fix) or sh.other or sh.target
            plain = [sh.target, fix, sh.core, sh.other or sh.target, _without_shared(sh.target, fix),
                     _without_shared(fix, sh.target)]
            enc = [expand(sh.target), fix, sh.core, sh.other or sh.target, expand(plain[4]), plain[5]]
            # For an overemphasis item X is the wrong focus: what a good answer covers comes from the fix alone,
            # and X's own concrete forms (from the whole of X, not only the words it does not share with the fix)
            # say what too much of the answer is about.
            over = sh.kind == "overemphasis"
            cons = concepts(it.fix or sh.other, "" if over else sh.other if sh.kind in ("without", "order")
                            else sh.target, it.context)
            xcons = [c for c in concepts("", sh.target) if c not in cons] if over else []
            abl = _ablations(sh.target) if sh.kind == "dont" else []
            alts = concepts(sh.target, examples=False) if sh.kind == "dont" else []
            # "Photoshop, other graphic design tools or online resume builders": each listed thing is a way of doing
            # X, and a sentence close to one of them ("I built it in Illustrator") does X in its own words.
            if len(alts) > 1:
                # A trailing phrase ("... footer sections in a Word/Google Docs file") scopes over every listed
                # thing, not only the last: it is the setting, not what sets that alternative apart.
                last = _SETTING.split(alts[-1], 1)
                place = [alts[-1][len(last[0]):].strip()] if content_stems(alts[-1][len(last[0]):]) else []
                setting = content_stems(" ".join(place))
                # ... and its words are the setting of every alternative, not what sets one apart ("online resume
                # builders to build your resume" is told apart by "online builders").
                alts = [_without_words(t, setting) for t in alts[:-1] + [last[0]]]
            else:
                place = []
            many = [t for t in alts if len(content_stems(t)) > 1] if len(alts) > 1 else []
            forms, contrasts = dont_forms(sh.target) if sh.kind == "dont" else ([], [])
            if not forms or not contrasts:
                forms, contrasts = [], []
            heading = [h] if sh.kind == "dont" and not _clean_fix(it.fix) and (h := heading_fix(it)) else []
            things = alts if len(alts) > 1 else []
            good = _names(_clean_fix(it.fix) or " ".join(heading)) if things else []
            spans.append((len(texts), plain, cons, xcons, abl, many, len(forms), len(contrasts), heading, things,
                          good, place))
            texts += enc + cons + xcons + [item_topic(it)] + abl + forms + contrasts + heading + things + good + place
        vecs = embedder.encode(texts)
        for it, sh, (at, plain, cons, xcons, abl, many, nf, nc, heading, things, good, place) in zip(todo, shapes,
                                                                                                    spans):
            def take(n: int) -> np.ndarray:  # the next n vectors of this item, in the order they were queued
                nonlocal at
                at += n
                return vecs[at - n: at]
            v = take(len(plain) + len(cons) + len(xcons))
            topic = take(1)[0]
            ablations, forms, contrasts, head = take(len(abl)), take(nf), take(nc), take(len(heading))
            thing_vecs, good_vecs, place_vec = take(len(things)), take(len(good)), take(len(place))
            # vectors from the expanded phrases, words (for lexical overlap and advice) from the item's own text
            ph = [_Phrase(text, vec, frozenset(content_stems(text))) for text, vec in zip(plain + cons + xcons, v)]
            model = _ItemModel(shape=sh, x=ph[0], fix=ph[1], bad=ph[2], y=ph[3] if sh.other else None,
                               x_only=ph[4], fix_only=ph[5], concepts=tuple(ph[6:6 + len(cons)]),
                               x_concepts=tuple(ph[6 + len(cons):]), topic=topic,
                               x_ablations=_meaningful(ph[0].vec, ablations),
                               x_alts=tuple((frozenset(content_stems(t)), t) for t in concepts(sh.target,
                                                                                              examples=False))
                               if sh.kind == "dont" else (), x_alt_texts=tuple(many),
                               x_forms=forms if nf else None, x_contrasts=contrasts if nc else None,
                               heading=_Phrase(heading[0], head[0], frozenset(content_stems(heading[0])))
                               if heading else None,
                               x_things=thing_vecs if things else None, good_names=good_vecs if good else None,
                               x_setting=place_vec[0] if place else None,
                               own_names=frozenset(n.lower() for n in _names(
                                   " ".join((it.mistake, it.fix, it.context, " ".join(heading))))))
            with _cache_lock:
                cache[keys[it.id]] = model
    return {it.id: cache[keys[it.id]] for it in items}


MAX_ABLATIONS = 10
_SETTING = re.compile(r"\s+(?:(?:in|on|to|for|from|at|within|inside)\s+(?:a|an|the|your|my)|to \w+)\b", re.I)


def _ablations(phrase: str) -> list[str]:
    """``phrase`` with one content word left out at a time: "include your work phone number" -> "include your
    phone number", ... What a "Don't" item forbids is often a qualifier ("work" phone, "header" section) on an
    everyday topic; a sentence does the forbidden thing only when it is closer to the whole phrase than to every
    version without one of its words."""
    toks = phrase.split()
    out = []
    for i, w in enumerate(toks):
        if content_stems(w) and len(out) < MAX_ABLATIONS:
            rest = " ".join(toks[:i] + toks[i + 1:])
            if content_stems(rest):
                out.append(rest)
    return out


ABLATION_SHIFT = 0.86  # a word carries X's meaning when leaving it out moves X below this cosine


def _meaningful(x_vec: np.ndarray, ablations) -> np.ndarray | None:
    """The ablations that change X's meaning (leaving out "work" in "your work phone number"); incidental words
    ("file", "here") are not what the item forbids."""
    if not len(ablations):
        return None
    keep = np.asarray(ablations)[np.asarray(ablations) @ x_vec <= ABLATION_SHIFT]
    return keep if len(keep) else None


_FOCUS_VERB = re.compile(r"^(?:focus\w*|concentrat\w*|emphasi[sz]\w*|prioriti[sz]\w*|spend\w* (?:time|most of "
                         r"the answer))\s+(?:on\s+)?", re.I)


def _clean_fix(fix: str) -> str:
    """The fix's object: "Focusing on designing large-scale ML systems." -> "designing large-scale ML systems"."""
    text = fix.strip().rstrip(".")
    return _FOCUS_VERB.sub("", text).strip() or text or fix


def _without_shared(text: str, other: str) -> str:
    """``text`` minus the words whose stems also occur in ``other``: what sets it apart."""
    kept = _without_words(text, content_stems(other))
    return kept if content_stems(kept) else text


# -- the answer ----------------------------------------------------------------------------------------------------
READ_BACK = 0.2  # a question with this share of the practice question's content words reads it back, not asks


@dataclass
class _Answer:
    question: str
    units: list[Unit]
    vecs: np.ndarray
    stems: list[set[str]]
    qvec: np.ndarray
    qstems: set[str]
    stats: DeliveryStats
    handoff: np.ndarray  # per unit: the sentence gives the topic to someone else / admits not knowing it
    signals: Signals = field(default_factory=Signals)  # specifics, repetition, spelling, stock phrases
    areas: np.ndarray | None = None  # the interview areas' vectors (coach.critique.topics)
    qsim: np.ndarray | None = None  # per unit: similarity to the question of the unit without the question's words
    own_vecs: np.ndarray | None = None  # per unit: the vector of the unit without the question's words
    neg: np.ndarray | None = None  # per unit: some part of it is negated or avoided (coach.critique.negation)
    aff_vecs: np.ndarray | None = None  # per unit: the vector of what it affirms (the unit itself when nothing is
    neg_vecs: np.ndarray | None = None  # negated; zero when it affirms nothing) / of what it negates (else zero)
    aff_texts: list[str] = field(default_factory=list)  # per unit: what it affirms (its text when nothing is negated)
    aff_stems: list[set[str]] = field(default_factory=list)
    neg_texts: list[str] = field(default_factory=list)  # per unit: what it negates ("" when nothing)
    neg_stems: list[set[str]] = field(default_factory=list)
    embedder: "Embedder | None" = None  # for the few phrases that depend on the question (encode_cached)
    # the clauses of sentences that have several, read on their own (of what each sentence affirms)
    clause_units: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))  # per clause: its unit
    clause_texts: list[str] = field(default_factory=list)
    clause_vecs: np.ndarray | None = None
    mains: dict[int, tuple[str, np.ndarray]] = field(default_factory=dict)  # unit -> what it affirms without its
    # reason clauses, where that differs (shapes.main_clauses)

    @property
    def empty(self) -> bool:
        return not self.units

    @cached_property
    def does(self) -> "_Answer":
        """The answer read for what it does (``_does_view``), built once however many "Don't" items read it."""
        return _does_view(self)

    @cached_property
    def asks(self) -> np.ndarray:
        """Per unit: it asks a question of its own (not the practice question read back) and hands nothing off."""
        own = [u.text.rstrip().endswith("?") and lexical_overlap(self.qstems, st) < READ_BACK
               for u, st in zip(self.units, self.stems)]
        return ~self.handoff & np.array(own, dtype=bool)

    def match(self, phrase: _Phrase) -> np.ndarray:
        """Per-unit match with a phrase: cosine similarity blended with stemmed word overlap."""
        if self.empty:
            return np.zeros(0, dtype=np.float32)
        cos = self.vecs @ phrase.vec
        # Words the question already supplies ("model" in "deploy a recommender model") are the topic, not evidence.
        own = set(phrase.stems) - self.qstems
        lex = np.array([lexical_overlap(own, s) for s in self.stems], dtype=np.float32)
        return W_COS * cos + W_LEX * lex

    def affirmed_match(self, phrase: _Phrase) -> np.ndarray:
        """``match`` on what each unit affirms: a negated part ("I keep my office line off it") does not do X."""
        if self.empty:
            return np.zeros(0, dtype=np.float32)
        own = set(phrase.stems) - self.qstems
        lex = np.array([lexical_overlap(own, s) for s in self.aff_stems], dtype=np.float32)
        return W_COS * (self.aff_vecs @ phrase.vec) + W_LEX * lex

    def question_match(self, phrase: _Phrase) -> float:
        return float(W_COS * (self.qvec @ phrase.vec) + W_LEX * lexical_overlap(set(phrase.stems), self.qstems))

    def question_sim(self) -> np.ndarray:
        """Per unit: similarity to the question without the words the unit shares with it (echoing them answers
        nothing) or, discounted by ECHO, with them."""
        return np.maximum(self.qsim, self.vecs @ self.qvec - ECHO)

    def unit_words(self) -> np.ndarray:
        return np.array([max(1, len(u.text.split())) for u in self.units], dtype=np.float32)

    def main_unit(self) -> Unit | None:
        """The sentence closest to the question: what the answer chose to talk about."""
        if self.empty:
            return None
        return self.units[int(np.argmax(self.vecs @ self.qvec))]


def _prepare(question: str, answer: str, embedder: "Embedder") -> _Answer:
    units_all = split_units(answer)
    # Text addressed to the grader is left out of every check, so it cannot move a verdict or the score.
    parts = [split_injection(u) for u in units_all]
    units = [kept for kept, _ in parts if kept is not None]
    injected = [bad for _, bad in parts if bad is not None]
    qstems = content_stems(question)
    # Each sentence also without the words it shares with the question: "Production at my old job was a fun topic"
    # echoes "... into production?" without answering it; what is left says whether the sentence addresses it.
    masked = {k: _without_words(u.text, qstems) for k, u in enumerate(units)}
    masked = {k: t for k, t in masked.items() if t != units[k].text}
    # What a sentence negates and what it still affirms are read by construction ("I keep my office line off it"):
    # each side is encoded on its own, so "does X" is asked of the affirmed part and "says it avoids X" of the other.
    readings = [read_negation(u.text) for u in units]
    split = [(k, r) for k, r in enumerate(readings) if r.any]
    sides = [t for _, r in split for t in (r.affirmed or ".", " ".join(r.negated))]
    # What it affirms without its reason clauses (_does_view): "I give my personal cell, since a work number ties me
    # to my employer" does not give the work number it names as its reason.
    mains = {k: m for k, (u, r) in enumerate(zip(units, readings))
             for said in [r.affirmed if r.any else u.text] for m in [main_clauses(said)] if m != said}
    # A clause without the words the question supplies: short, it would otherwise lean on them ("the resume itself
    # is plain text" asked about a resume).
    parts = [(k, t) for k, (u, r) in enumerate(zip(units, readings))
             for c in clauses(r.affirmed if r.any else u.text, min_words=2)
             for t in [_without_words(c, qstems)] if content_stems(t)]
    vecs = encode_cached(embedder, [question] + [u.text for u in units] + list(masked.values()) + sides
                         + [c for _, c in parts] + list(mains.values()))
    n = len(units)
    stems = [content_stems(u.text) for u in units]
    stats = analyse(units, question, injected)
    handoff = np.array([deflects(u.text) for u in units], dtype=bool)
    a = _Answer(question, units, vecs[1:n + 1], stems, vecs[0], qstems, stats, handoff, measure(units, question))
    own = a.vecs.copy()
    for (k, text), vec in zip(masked.items(), vecs[n + 1:]):
        own[k] = vec if content_stems(text) else 0.0
    a.own_vecs, a.qsim = own, own @ a.qvec
    a.embedder = embedder
    a.neg = np.array([r.any for r in readings], dtype=bool)
    a.aff_vecs, a.neg_vecs = a.vecs.copy(), np.zeros_like(a.vecs)
    a.aff_texts = [u.text for u in units]
    a.aff_stems = [set(st) for st in stems]
    a.neg_texts = ["" for _ in units]
    a.neg_stems = [set() for _ in units]
    side_vecs = vecs[n + 1 + len(masked):]
    a.clause_units = np.array([k for k, _ in parts], dtype=int)
    a.clause_texts = [c for _, c in parts]
    a.mains = {k: (text, vec) for (k, text), vec in zip(mains.items(), side_vecs[2 * len(split) + len(parts):])}
    a.clause_vecs = side_vecs[2 * len(split): 2 * len(split) + len(parts)]
    for j, (k, r) in enumerate(split):
        a.aff_vecs[k] = side_vecs[2 * j] if content_stems(r.affirmed) else 0.0
        a.neg_vecs[k] = side_vecs[2 * j + 1]
        a.aff_texts[k], a.aff_stems[k] = r.affirmed, content_stems(r.affirmed)
        a.neg_texts[k] = " ".join(r.negated)
        a.neg_stems[k] = content_stems(a.neg_texts[k])
    return a


def _without_words(text: str, stems: set[str]) -> str:
    """``text`` without the words whose stems are in ``stems``."""
    return " ".join(w for w in text.split() if not (content_stems(w) and content_stems(w) <= stems))


SENTENCE_CACHE_SIZE = 4096
_sentence_cache: "weakref.WeakKeyDictionary[Embedder, SizedLru[str, np.ndarray]]" = weakref.WeakKeyDictionary()


def encode_cached(embedder: "Embedder", texts: list[str]) -> np.ndarray:
    """Encode in one batch, reusing vectors of texts seen recently (a re-submitted answer is mostly unchanged)."""
    with _cache_lock:
        cache = _sentence_cache.get(embedder)
        if cache is None:
            cache = _sentence_cache[embedder] = SizedLru(SENTENCE_CACHE_SIZE)
    return encode_through(cache, embedder.encode, texts).astype(np.float32, copy=False)


def clear_caches(*, phrases: bool = True) -> None:
    """Forget cached answer-sentence vectors and, unless ``phrases=False``, the rubric-phrase vectors."""
    with _cache_lock:
        _sentence_cache.clear()
        if phrases:
            _phrase_cache.clear()


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


_ASKING = {stem("question"), stem("ask")}


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


def _q(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _judge_overemphasis(m: _ItemModel, a: _Answer) -> _Judgement:
    """Share of the answer's substance (content words) spent on X rather than on the fix, sentence by sentence.

    Each side is its phrase or any of its concrete forms ("I'd tune the hyperparameters" is model development though
    it shares no word with it); fix concepts that share words with X ("data modeling" next to "ML models") say
    nothing about the contrast and are left out. A sentence counts for X only by a clear margin, so a brief mention
    of X in an otherwise on-topic answer is not over-emphasis.
    """
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
    # An item scoped to the candidate's role ("Ignoring X in R interviews") is the article saying X belongs in
    # R's answers; an open design question is where it is expected even when the question does not name X.
    relevant = max(a.question_match(m.x), a.question_match(m.fix)) >= RELEVANT or (
        bool(item.roles) and bool(_OPEN_DESIGN.search(a.question) or _TO_PRODUCTION.search(a.question)))
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
    y_idx = [i for i in range(n) if (sy[i] >= ON_TOPIC and sy[i] > sx[i]) or _does(a.units[i].text, head)]
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
_VERB_FAMILIES = [
    {"clarifi", "confirm", "ask", "understand", "scope", "check what", "find out", "pin down"},
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
        ev = next((u for u in a.units if any(s in u.text.lower() for s in st.signposts)), a.units[0])
        return _Judgement("avoided", ev, "")
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


DOES_IT = 0.42  # a sentence does what a "Don't ..." item forbids from this blended similarity ...
DOES_NEAR = 0.24  # ... or from this one when the question is on the item's topic
DOES_AREA = 0.38  # ... or from this cosine when the question is in the item's area
DONT_TOPIC = 0.15  # the question is on a "Don't" item's topic from this similarity
ABLATION_FLOOR = 0.3  # ... and is itself this close to X (a sentence near neither says nothing about it)
ABLATION_MARGIN = 0.0  # a sentence does X only if X itself is at least this much closer than X without any one word
CARRIES_COS = 0.48  # a sentence near X on the item's topic does X in its own words from this cosine to X ...
CARRIES_MARGIN = 0.03  # ... when X is this much closer to it than every version of X without one of its words
FORM_COS = 0.55  # a sentence says one of X's everyday forms (shapes.dont_forms) from this cosine ...
CLAUSE_WORDS = 3  # a clause says something on its own from this many content words
FORM_MARGIN = 0.2  # ... when it is this much closer to it than to every practice the forms are contrasted with
HEADING_WORDS = 2  # a sentence states a "Don't" item's heading fix when it names this many of the heading's own words


def _judge_dont(m: _ItemModel, a: _Answer, about: bool = False) -> _Judgement:
    """"Don't X": a sentence that does X (and does not negate it) is the mistake; one that does the fix, or says
    it avoids X, is not. Avoiding X takes positive evidence (X negated, or the fix stated); merely never doing X
    leaves the item unclear."""
    if a.empty:
        return _Judgement("unclear", None, "")
    a = a.does
    family = technique_family(m.shape.target)
    if family:  # a coding technique: read from what the answer says it does and the code it writes
        verdict, ev = judge_technique(family, [u for u, h in zip(a.units, a.handoff) if not h])
        return _Judgement(verdict, ev, "This is what the article warns against" if verdict == "made" else "")
    # "Does X" is asked of what each sentence affirms; what it negates ("the work number I leave out") is evidence
    # of avoiding X when it is on X's topic (coach.critique.negation reads both by construction).
    sx = a.affirmed_match(m.x)
    sg = a.affirmed_match(m.fix) if m.fix.text != m.x.text else np.zeros_like(sx)
    # On the item's own topic (the question is about what it governs) a closer match to X than to the fix is
    # enough; elsewhere only a clear match counts.
    on_topic = a.question_match(m.x) >= DONT_TOPIC
    cos_x = a.aff_vecs @ m.x.vec
    # A mistake made needs a sentence that states it: one that reads as X itself, or names one of the things X
    # lists. A sentence that is merely near X's topic (on the question's topic, or in the item's area) is no
    # quote of the mistake: on clean answers it was the main source of false alarms, so it leaves the item unclear.
    near = ((on_topic & (sx >= DOES_NEAR) & (sx - sg >= 0.05)) | (about & (cos_x >= DOES_AREA))) & ~a.handoff
    does = (sx >= DOES_IT) & ~a.handoff
    if m.x_setting is not None:
        # Not clearly closer to X than to where X's things are done ("in a Word/Google Docs file", one more version
        # of X without its words): the sentence is about the setting ("I wrote it in LibreOffice Writer").
        setting = (a.aff_vecs @ m.x_setting) > cos_x - CARRIES_MARGIN
        does &= ~setting
        near &= ~setting
    if m.x_ablations is not None:
        # Closer to some version of X without one of its words than to X itself: the sentence is about X's topic
        # but not the forbidden part of it ("my mobile number" next to "your work phone number").
        margin = cos_x - (a.aff_vecs @ m.x_ablations.T).max(axis=1)
        about_x = (margin >= ABLATION_MARGIN) & (cos_x >= ABLATION_FLOOR)
        does &= about_x
        near &= about_x
        # A paraphrase of X ("the phone on my desk at the office" for "your work phone number") shares few of its
        # words but, close to X and clearly closer to it than to X without its qualifier, carries the forbidden
        # part itself: that is the mistake made in the answer's own words, not merely its topic.
        does |= near & _carries(m, a.aff_vecs)
    # Naming one of the things X lists, in its own words ("I made it in Photoshop", "an online resume builder"),
    # is doing X however far the sentence is from X as a whole; words the question supplies are no evidence.
    named = _names_alternative(m, a, a.aff_stems, a.aff_texts)
    parts = _related_parts(m.shape.target)
    if parts:
        # X relates its parts ("confusing accuracy and bias"): a sentence that names only one of them cannot do it,
        # and naming them is no mistake by itself.
        does &= np.array([all(any(_names_part(w, p) for w in st for p in part) for part in parts)
                          for st in a.stems], dtype=bool)
        # A sentence that itself speaks of the relation ("people mix up bias with accuracy, but they differ")
        # draws the distinction: it warns against the confusion rather than making it.
        does &= ~np.array([bool(_RELATION.search(u.text) or _DISTINCT.search(u.text)) for u in a.units], dtype=bool)
        named = np.zeros_like(named)
    # X restated word for word in the answer's own words ("my office email" for "your work email").
    # An X listing several things is matched thing by thing below; its words together say none of them.
    if not parts and not m.x_alt_texts and on_topic:
        # ... carrying X's qualifier, not only its topic ("my personal mobile number")
        does |= _restates(m, a, ~a.handoff & (about_x if m.x_ablations is not None else True))
    # A sentence that rejects X in its negated part ("I pick my three strongest achievements instead of listing
    # everything") names, in what it affirms, the alternative to X rather than X; and one closer to the fix than to
    # X ("details typed straight into the body") is doing the fix.
    neg_cos = a.neg_vecs @ m.x.vec
    does &= ~(a.neg & (neg_cos >= ON_TOPIC)) & ~(sg > sx)
    alts = [t for t in (_without_words(t, a.qstems) for t in m.x_alt_texts) if content_stems(t)]
    if alts and a.embedder is not None and not parts:
        # Each listed thing without the words the question supplies ("online resume builders" asked about a resume
        # is "online builders"); a sentence close to one does it, unless it is closer still to the fix ("details
        # typed straight into the body" is the fix for headers).
        # ... and closer to it than to its head noun alone: "Section titles in bold" is near "footer sections" for
        # "sections", which the listed things share, not for what sets this one apart.
        drops = [[t.split()[-1]] if len(content_stems(t)) > 1 else [] for t in alts]
        vecs = encode_cached(a.embedder, alts + [d for ds in drops for d in ds])
        sims, at = a.aff_vecs @ vecs.T, len(alts)
        alt = np.full(len(a.units), -1.0, dtype=np.float32)
        for j, ds in enumerate(drops):
            own = sims[:, j] - (sims[:, at: at + len(ds)].max(axis=1) if ds else 0.0)
            at += len(ds)
            alt = np.maximum(alt, np.where(own >= ABLATION_MARGIN, sims[:, j], -1.0))
        fix_cos = a.aff_vecs @ m.fix.vec if m.fix.text != m.x.text else np.full_like(alt, -1.0)
        does |= on_topic & (alt >= ON_TOPIC) & (alt > fix_cos)
    does |= named & ~a.handoff
    if on_topic and not parts:
        does |= _names_listed_thing(m, a) & ~a.handoff
    if not parts:
        does |= _clause_does(m, a, on_topic) & ~a.handoff
    if m.x_forms is not None and not parts:
        # X in the candidate's own words: close to one of its everyday forms ("I mocked it up in Figma") and clearly
        # closer to it than to the practice it is contrasted with ("I wrote it in Word"); a negated form avoids it.
        does |= (_says_form(m, a.aff_vecs) & ~a.handoff
                 & ~(a.neg & ((a.neg_vecs @ m.x_forms.T).max(axis=1) >= ON_TOPIC)))
    if does.any():
        i = int(np.argmax(np.where(does, sx, -9)))
        return _Judgement("made", a.units[i], "This sentence does what the article warns against")
    # Saying X is not done, about X itself (the negated part is on X's topic or names what X lists), avoids it.
    neg_names = _names_alternative(m, a, a.neg_stems, a.neg_texts) & a.neg
    refused = a.neg & ~a.handoff & ((neg_cos >= ABLATION_FLOOR) | neg_names)
    if refused.any():
        return _Judgement("avoided", a.units[int(np.argmax(np.where(refused, neg_cos + neg_names, -9)))], "")
    if near.any():
        return _Judgement("unclear", None, "")
    # Naming a product of the kind the fix names, which the rubric never names ("Apple Pages" for "Word or Google
    # Docs"), is doing the fix.
    fix_named = (_names_listed_thing(m, a, fix=True) & ~a.handoff) if on_topic else np.zeros(0, dtype=bool)
    if fix_named.any():
        return _Judgement("avoided", a.units[int(np.argmax(fix_named))], "")
    if m.fix.text and m.fix.text != m.x.text:
        good = _present(a, m.fix)
        if good is not None:
            return _Judgement("avoided", good, "")
    elif m.heading is not None:
        # An item without a fix of its own: the practice its section heading states ("Only use Word or Google Docs
        # to create your resume") is the fix. Every sentence of the article's topic is near that heading, so a
        # sentence states it only by naming two of its own words (not X's, not the question's: "Google Docs") and
        # by being closer to it than to X.
        own = m.heading.stems - m.x.stems - a.qstems
        names = np.array([len(own & st) >= HEADING_WORDS for st in a.aff_stems], dtype=bool)
        good = _closest(a, (m.heading,), ~a.handoff & names & (a.affirmed_match(m.heading) > sx + FALLBACK_MARGIN))
        if good is not None:
            return _Judgement("avoided", good, "")
    # Being on X's topic without its forbidden part ("my phone number" for "your work phone number") is no evidence
    # of avoiding it: the answer may not say which number, or state X in words the checks above do not reach.
    # Avoiding X needs positive evidence, which the checks above give: X negated, or the fix stated.
    return _Judgement("unclear", None, "")


def _does_view(a: _Answer) -> _Answer:
    """``a`` with what each unit affirms read without its reason clauses: what a sentence does is said in its main
    clauses; a reason names what it does not do ("since a work phone number ties me to my employer")."""
    if not a.mains:
        return a
    view = replace(a, aff_vecs=a.aff_vecs.copy(), aff_texts=list(a.aff_texts), aff_stems=list(a.aff_stems))
    for k, (text, vec) in a.mains.items():
        view.aff_vecs[k], view.aff_texts[k], view.aff_stems[k] = vec, text, content_stems(text)
    return view


def _carries(m: _ItemModel, vecs: np.ndarray) -> np.ndarray:
    """Per text vector: close to X and clearly closer to it than to X without any one of its words (it carries X's
    qualifier, not only its topic)."""
    cos_x = vecs @ m.x.vec
    return (cos_x >= CARRIES_COS) & (cos_x - (vecs @ m.x_ablations.T).max(axis=1) >= CARRIES_MARGIN)


def _says_form(m: _ItemModel, vecs: np.ndarray) -> np.ndarray:
    """Per text vector: close to one of X's everyday forms and clearly closer to it than to every practice the forms
    are contrasted with ("I mocked it up in Figma", not "I wrote it in Word")."""
    best = (vecs @ m.x_forms.T).max(axis=1)
    return (best >= FORM_COS) & (best - (vecs @ m.x_contrasts.T).max(axis=1) >= FORM_MARGIN)


def _clause_does(m: _ItemModel, a: _Answer, on_topic: bool) -> np.ndarray:
    """Per unit: one of its clauses, read on its own, does X in its own words ("I kept it short, then I dropped it all
    into a Canva template"): in a sentence of several clauses the rest dilutes the one that makes the mistake. A
    clause counts when it is close to one of X's everyday forms or, on the question's topic, when it is a main
    clause that carries X's qualifier ("I give the direct line at my employer's office, since I'm at my desk
    anyway" for "your work phone number"): close to X and clearly closer to it than to X without any one of its
    words. A subordinate clause gives a reason or a judgement ("since a work number ties me to my employer"): it
    names X without doing it. Never when closer to the fix."""
    out = np.zeros(len(a.units), dtype=bool)
    qualified = on_topic and m.x_ablations is not None
    if (m.x_forms is None and not qualified) or a.clause_vecs is None or not len(a.clause_vecs):
        return out
    cv = a.clause_vecs
    stems = [content_stems(t) for t in a.clause_texts]

    def closeness(phrase: _Phrase) -> np.ndarray:
        own = set(phrase.stems) - a.qstems
        return W_COS * (cv @ phrase.vec) + W_LEX * np.array([lexical_overlap(own, st) for st in stems])

    ok = _says_form(m, cv) if m.x_forms is not None else np.zeros(len(cv), dtype=bool)
    if qualified:
        main = np.array([not SUBORDINATE.match(t) for t in a.clause_texts], dtype=bool)
        ok |= main & _carries(m, cv)
    # a clause of one or two content words ("short bullets under each") sits near anything of its topic
    ok &= np.array([len(st) >= CLAUSE_WORDS for st in stems], dtype=bool)
    if m.fix.text != m.x.text:
        ok &= ~(closeness(m.fix) > closeness(m.x))
    np.logical_or.at(out, a.clause_units, ok)
    return out


BRIDGE = 0.45  # a word of the answer says one of X's words from this cosine between the two words alone ...
BRIDGE_SPAN = 6  # ... and the words saying all of X's are this close together (one phrase, not a whole sentence)
_LIGHT_VERBS = frozenset(stem(w) for w in ("include", "use", "add", "do", "make", "put", "take", "get", "have"))


def _restates(m: _ItemModel, a: _Answer, units: np.ndarray) -> np.ndarray:
    """Per unit (among ``units``): what it affirms says X word for word, each word in its own words ("office email"
    for "work email") and all within a short span. A word the question supplies says only itself, never one of X's
    other words."""
    out = np.zeros(len(a.units), dtype=bool)
    if a.embedder is None or a.empty or not np.any(units):
        return out
    cands = {u: [(i, w) for i, w in enumerate(words(a.aff_texts[u])) if content_stems(w)]
             for u in np.flatnonzero(np.broadcast_to(units, out.shape))}
    for _, text in m.x_alts:
        keys = [k for k in dict.fromkeys(st for w in words(text) for st in content_stems(w)) if k not in _LIGHT_VERBS]
        if len(keys) < 2 or all(k in a.qstems for k in keys):
            continue  # a single word is matched as itself (_names_alternative): alone its sense drifts
        key_words = {stem(w): w.lower() for w in words(text)}
        # X's words and every candidate word in one call (each call costs a few ms before its first token)
        vecs = encode_cached(a.embedder, [key_words[k] for k in keys] + [w.lower() for toks in cands.values()
                                                                          for _, w in toks])
        key_vecs, at_word = vecs[:len(keys)], len(keys)
        for u, toks in cands.items():
            said = a.aff_texts[u]
            sim = vecs[at_word: at_word + len(toks)] @ key_vecs.T  # answer words x X's words
            at_word += len(toks)
            if not toks:
                continue
            # A word the question supplies says only the question's own word, never one of X's others.
            at = [[i for (i, w), row in zip(toks, sim) if stem(w) == k or (
                row[j] >= BRIDGE and (k in a.qstems or stem(w) not in a.qstems))] for j, k in enumerate(keys)]
            span = _within(at, BRIDGE_SPAN)
            if span is None or _NEGATOR.search(" ".join(words(said)[max(0, span - 2): span + BRIDGE_SPAN])):
                continue
            # One of X's words said as itself anchors the rest: a phrase bridged word by word alone drifts from X
            # ("sending several applications to one employer" is not "apply to many jobs at the same company").
            if any(stem(w) in keys for i, w in toks if span <= i < span + BRIDGE_SPAN):
                out[u] = True
    return out


_NEGATOR = re.compile(r"\b(?:no|not|never|without|nothing|none|instead of|rather than)\b", re.I)


def _within(positions: list[list[int]], span: int) -> int | None:
    """The first position from which one position of each list fits in ``span`` consecutive words, if any."""
    if not all(positions):
        return None
    return next((lo for lo in sorted({i for ps in positions for i in ps})
                 if all(any(lo <= i < lo + span for i in ps) for ps in positions)), None)


NAME_COS = 0.45  # a product the rubric never names is one of the things a "Don't" item lists from this cosine ...
NAME_MARGIN = 0.15  # ... when it is this much closer to it than to every product the item's fix names
_NAME = re.compile(r"\b[A-Z][\w.+#-]*[A-Za-z0-9](?:\s+[A-Z][\w.+#-]*[A-Za-z0-9])*")


def _names(text: str) -> list[str]:
    """Product and proper names in ``text``: runs of capitalised words ("Microsoft Publisher", "GIMP"), not the
    word opening a sentence, nor pronouns and connectives."""
    out = []
    for m in _NAME.finditer(text):
        run = [w for w in m.group(0).split() if w not in _NOT_CONCRETE]
        if m.start() == 0 or re.search(r"[.!?:;]\s*$", text[:m.start()]):
            run = run[1:] if run and run[0] == m.group(0).split()[0] else run
        if run:
            out.append(" ".join(run))
    return list(dict.fromkeys(out))


def _names_listed_thing(m: _ItemModel, a: _Answer, *, fix: bool = False) -> np.ndarray:
    """Per unit: what it affirms names a product the rubric never names that is one of the things X lists, by
    meaning ("I drew it in GIMP" for "Photoshop, other graphic design tools or online resume builders"): the name
    alone is close to one of them and clearly closer to it than to every product the fix names ("Word"). With
    ``fix``, the mirror: the name is one of the products the fix names ("Pages" for "Word or Google Docs"). Names
    the question or the item itself uses are matched as words elsewhere."""
    out = np.zeros(len(a.units), dtype=bool)
    if m.x_things is None or a.embedder is None or (fix and m.good_names is None):
        return out
    q = a.question.lower()
    found = [(k, n) for k, t in enumerate(a.aff_texts) for n in _names(t)
             if n.lower() not in m.own_names and n.lower() not in q]
    if not found:
        return out
    vecs = encode_cached(a.embedder, [n for _, n in found])
    bad = (vecs @ m.x_things.T).max(axis=1)
    good = (vecs @ m.good_names.T).max(axis=1) if m.good_names is not None else np.zeros_like(bad)
    if fix:
        bad, good = good, bad
    for (k, _), b, g in zip(found, bad, good):
        out[k] |= bool(b >= NAME_COS and b - g >= NAME_MARGIN)
    return out


NAMES_ALT = 0.67  # a sentence names one of the things a "Don't" item lists when it repeats this share of its words


_RELATION = re.compile(r"\b(?:between|versus|vs\.?|confus\w*|mix\w* up)\b", re.I)


_DISTINCT = re.compile(r"\b(?:differen\w*|distinct\w*|distinguish\w*|not the same)\b", re.I)


def _names_part(word: str, prefix: str) -> bool:
    """``word`` names a relation's part, also in its negated form ("inaccurate" names "accuracy")."""
    return word.startswith(prefix) or any(word.startswith(neg + prefix) for neg in ("in", "un", "im", "non"))


def _related_parts(target: str) -> list[set[str]]:
    """The things a relational X ("confuse accuracy and bias") relates, each as stem prefixes (so that "accurate"
    names "accuracy"); empty when X relates nothing."""
    found = list(_RELATION.finditer(target))
    if not found:
        return []
    rest = target[found[-1].end():]
    parts = [{st[:5] for st in content_stems(p)} for p in re.split(r"\band\b|\bor\b|\bwith\b|,|/", rest)]
    parts = [p for p in parts if p]
    return parts if len(parts) >= 2 else []


def _names_alternative(m: _ItemModel, a: _Answer, stems: Sequence[set[str]], texts: Sequence[str]) -> np.ndarray:
    """Per unit: the text (``texts``, with ``stems``: a unit's affirmed or negated part) repeats most of the own
    words (not the question's) of one thing X lists."""
    out = np.zeros(len(a.units), dtype=bool)
    for alt, text in m.x_alts:
        own = set(alt) - a.qstems
        if len(alt) == 1 and own:
            # One word carries no context, so its stem's sense drifts ("header" / "heading"): match the word itself.
            word = re.compile(rf"\b{re.escape(text.strip())}s?\b", re.I)
            out |= np.array([bool(word.search(t)) for t in texts], dtype=bool)
        elif own:
            # With the question supplying the rest, one shared word ("company" of "apply to many jobs at the same
            # company") says nothing of what sets the thing apart: a thing of several words takes two.
            need = min(2, len(alt))
            out |= np.array([lexical_overlap(own, st) >= NAMES_ALT and len(own & st) >= need for st in stems],
                            dtype=bool)
    return out


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


DELIVERY_KINDS = ("structure", "narration")  # items about how the answer is delivered, not what it covers

_JUDGES = {
    "overemphasis": _judge_overemphasis, "without": _judge_without,
    "numbers": _judge_numbers, "order": _judge_order, "narration": _judge_narration,
    "structure": _judge_structure, "ownership": _judge_ownership, "fallback": _judge_fallback, "dont": _judge_dont,
    "quality": _judge_quality,
}


# -- roles -----------------------------------------------------------------------------------------------------------
def base_role(role: str) -> str:
    """The role without its level: "Staff Software Engineer" -> "Software Engineer" (coach.roles.split_level)."""
    from coach.roles import split_level

    return split_level(role.strip())[0].strip() or role.strip()


def _canonical_role(role: str, items: Sequence[RubricItem]) -> str:
    """The rubric's canonical name for ``role`` ("MLE" -> "Machine Learning Engineer", "Staff SWE" -> "Software
    Engineer"); unknown names stay as given, without their level."""
    from coach.errors import UnknownRoleError
    from coach.models import Role
    from coach.roles import resolve_role

    known = [Role(name=r) for r in sorted({r for it in items for r in it.roles})]
    # "Software Engineer (SWE)" as typed from an article: try the whole, the name, then the abbreviation; each
    # also without a seniority level, which the rubric never scopes by.
    candidates = [role, re.sub(r"\(.*?\)", "", role), *re.findall(r"\(([^)]+)\)", role)]
    for cand in candidates + [base_role(c) for c in candidates]:
        try:
            return resolve_role(cand.strip(), known)
        except UnknownRoleError:
            continue
    for cand in (base_role(role), role):  # a lexicon alias the rubric does not scope ("DA" -> "Data Analyst")
        try:
            return resolve_role(cand.strip(), [Role(name=n) for n in _lexicon_names()])
        except UnknownRoleError:
            continue
    return base_role(role)


@lru_cache(maxsize=1)
def _lexicon_names() -> tuple[str, ...]:
    from coach.roles import LEXICON

    return tuple(LEXICON)


def _applies(item: RubricItem, role: str) -> bool:
    return not item.roles or role in item.roles


ENGAGED = 0.40  # an answer sentence this close (blended match) to an item's X or fix takes up the item's topic


def _about_question(item: RubricItem, m: _ItemModel, a: _Answer, areas: np.ndarray) -> tuple[bool, str]:
    """(whether the item speaks to this question, the item's area); see coach.critique.topics.

    Items about delivery speak to every answer. Role-scoped items (the article says what belongs in that role's
    answers) and items about numbers speak to every question of the role's interviews except a coding or
    code-review question, unless they are about code themselves ("Ignoring data quality checks" says nothing about
    removing duplicates from a list, nor "no numbers or metrics" about reviewing a pull request). An answer that
    itself takes up the item's topic makes the item speak to it too."""
    if m.shape.kind in DELIVERY_KINDS or m.topic is None:
        return True, ""
    if item.roles or m.shape.kind == "numbers":
        # A SQL question is in the data area; one phrased as a design question ("Design a fraud detection system")
        # is not a coding question however close its words come to the coding area.
        coding = ranked_areas(a.qvec, areas)[0] == CODING_AREA and question_type(a.question) != "design"
        item_areas = ranked_areas(m.topic, areas)
        about, area = not coding or CODING_AREA in item_areas[:ROLE_ITEM_AREAS], item_areas[0]
    elif m.shape.kind == "quality":
        # The quality judge reads the answer's own text as the document the pitfall is about (a cover letter's
        # specifics, length, spelling): that holds only when the question asks about that document itself.
        about, area = about_subject(m.topic, a.qvec), ranked_areas(m.topic, areas)[0]
    else:
        about, area = about_question(m.topic, a.qvec, areas, question_type(a.question))
    if not about and not a.empty:
        ok = ~a.handoff
        near = np.maximum(a.match(m.x), a.match(m.fix))
        about = bool((ok & (near >= ENGAGED)).any())
    return about, area


# -- advice ------------------------------------------------------------------------------------------------------------
def _advice(item: RubricItem, m: _ItemModel, j: _Judgement, role: str) -> str:
    """Advice grounded in the item's fix (or, without one, its mistake and context), tied to the quoted evidence,
    with what the answer covers and misses of what the item calls for."""
    text = _advice_text(item, m, j, role)
    if j.verdict in ("made", "avoided") and (j.covers or j.missing):
        cover = []
        if j.covers:
            cover.append("covers: " + ", ".join(j.covers))
        if j.missing:
            cover.append("missing: " + ", ".join(j.missing[:6]))
        text += " (" + "; ".join(cover) + ")"
    if j.delivery and j.verdict in ("made", "avoided"):
        text = "Delivery note (this item is about how the answer is delivered): " + text
    return text


_TELLS_NOT_TO = re.compile(r"(?:avoid|don['’]t|do not|never|stop)\b", re.I)


def _shown_fix(item: RubricItem, m: _ItemModel) -> str:
    """What to do, in the article's words: the item's fix; without one, what the article asks for in its place
    (``RubricItem.instead``: the list item it is nested under, an advice sentence of its explanation) or the
    practice its heading states ("Don't use Photoshop …" under "Only use Microsoft Word or Google Docs …"); "" when
    the article says none (advice that restated the mistake, "Instead: Don't …", said it twice and what to do
    never)."""
    fix = item.fix.strip() or item.instead.strip()
    return fix or (m.heading.text.rstrip(".") if m.heading is not None else "")


def _listed_instead(item: RubricItem) -> bool:
    """What to do comes from the list item the mistake is nested under ("Email address" over "Never include your
    work email here"): a thing to give, not a sentence the article says."""
    return not item.fix.strip() and bool(item.instead) and " ".join(item.instead.split()) not in " ".join(
        item.context.split())


def _fix_text(item: RubricItem, m: _ItemModel) -> str:
    """The fix shown (``_shown_fix``); "Don't …" items often come without any, and then the advice is not to do it."""
    fix = _shown_fix(item, m)
    if not fix:
        mistake = item.mistake.strip().rstrip(".")
        # "Avoid cliches …" already says what to do; "Avoid: Avoid cliches …" repeated it
        fix = f"Don't {m.shape.target}" if m.shape.kind == "dont" else (
            mistake if _TELLS_NOT_TO.match(mistake) else f"Avoid: {mistake}")
        fix += "."
    return fix


def _advice_text(item: RubricItem, m: _ItemModel, j: _Judgement, role: str) -> str:
    fix = _fix_text(item, m)
    ev = f'"{_q(j.evidence.text).rstrip(".")}"' if j.evidence else ""
    if j.verdict == "not_applicable":
        return f"Scoped to {', '.join(item.roles)} interviews; not used for a {role} answer."
    if j.verdict == "avoided":
        return (f"{ev} is in line with the fix: \"{fix}\" Keep it." if ev
                else f"The answer does not show this mistake. The fix to keep showing: \"{fix}\"")
    if j.verdict == "unclear":
        return f"The answer does not show either way whether this mistake was made. To show the fix: \"{fix}\""
    kind = m.shape.kind
    seen = j.seen or "This is the mistake"
    # Every shell shows the evidence next to the advice: the advice points at it rather than quoting it again (the
    # same sentence was printed two or three times, once as evidence and again inside the advice).
    at = "the sentence quoted" if ev else ""
    todo = {
        "overemphasis": f"keep {m.shape.target} to a sentence and spend the rest of the answer on the fix",
        "omission": f"add a sentence on it, for example after {at}" if at else "add a sentence on it",
        "numbers": f"put a concrete figure into {at}" if at else "add concrete figures",
        "without": f"add {m.shape.other} after {at}" if at else f"add {m.shape.other}",
        "order": f"open with {m.shape.other} and only then move to {m.shape.target}",
        "narration": "say the approach before the code and explain each step as you write it",
        "structure": "give the headline first, then number the points and drop the filler words",
        "ownership": "say what you did about it and what you changed afterwards",
        "dont": f"drop or rephrase {at}" if at else "leave it out",
        "quality": f"rewrite {at} with your own specifics" if at else "rewrite it with your own specifics",
    }.get(kind, "say it the way the fix does")
    said = "give what the article lists in its place:" if _listed_instead(item) else "as the article says:"
    return f"{seen}. Instead, {said} \"{fix}\" — {todo}."


# -- public API --------------------------------------------------------------------------------------------------------
def critique_answer(
    items: list[RubricItem],
    *,
    role: str,
    question: str,
    answer: str,
    embedder: "Embedder | None" = None,
    llm=None,
) -> Feedback:
    """Judge ``answer`` to ``question`` for ``role`` against every rubric item; see the module docstring.

    With ``llm`` (an optional backend) the items the rules leave ``unclear`` go to the LLM judge, which may settle
    them only with a verbatim quote; a failing backend leaves the rule verdicts as they are.
    """
    started = time.perf_counter()
    if not isinstance(answer, str) or not isinstance(question, str) or not isinstance(role, str):
        raise InputError("role, question and answer must be text")
    if not role.strip():
        raise InputError("a role is required to critique an answer (e.g. --role MLE)")
    if not question.strip():
        raise InputError("the practice question is empty; pick a question first (coach questions)")
    if len(answer) > MAX_ANSWER_CHARS:
        raise InputError(f"the answer is {len(answer):,} characters; the limit is {MAX_ANSWER_CHARS:,}")
    embedder = embedder or default_embedder()
    canonical = _canonical_role(role, items)
    models = _item_models(items, embedder)
    a = _prepare(question.strip(), answer, embedder)

    results: list[ItemFeedback] = []
    judged: list[tuple[RubricItem, _ItemModel, _Judgement]] = []
    areas = a.areas = area_vectors(embedder)
    for item in items:
        m = models[item.id]
        about, area = True, ""
        if not _applies(item, canonical):
            j = _Judgement("not_applicable")
        else:
            about, area = _about_question(item, m, a, areas)
            if not about:
                j = _Judgement("unclear")
            else:
                j = (_judge_omission(m, a, item) if m.shape.kind == "omission"
                     else _judge_dont(m, a, about=True) if m.shape.kind == "dont" else _JUDGES[m.shape.kind](m, a))
                j.delivery = m.shape.kind in DELIVERY_KINDS
        judged.append((item, m, j))
        advice = (_advice(item, m, j, canonical) if about else
                  f"Not about this question: the item is about {area}, the question about "
                  f"{ranked_areas(a.qvec, areas)[0]}.")
        results.append(ItemFeedback(
            id=item.id, mistake=item.mistake, fix=_shown_fix(item, m), source=item.source, verdict=j.verdict,
            evidence=j.evidence.text if j.evidence else "", advice=advice,
            covers=j.covers, missing=j.missing, delivery=j.delivery, applies=about,
        ))

    backend = "rules"
    if llm is not None and a.stats.words:
        results, judged, backend = _refine_with_llm(llm, items, results, judged, canonical, question, answer)

    verdicts = [j.verdict for _, _, j in judged]
    # What the items about this question call for is on its topic whether or not the answer settles them: a terse
    # on-topic answer ("Kafka feeds a feature store, a model scores each payment …") shares few words with its
    # question and was capped as not addressing it.
    used = [(m, j.verdict == "avoided") for (_, m, j), r in zip(judged, results)
            if j.verdict in ("made", "avoided") or (j.verdict == "unclear" and r.applies and not j.delivery)]
    rel, on_topic = _relevance(a, used, areas)
    parts = structure_parts(question, a.stats, " ".join(u.text for u in a.units))
    # Blame is what a coach hears in any story about something that went wrong; an ownership item already judged
    # counts it as its mistake, so it is not counted twice.
    owned = any(m.shape.kind == "ownership" and j.verdict in ("made", "avoided") for _, m, j in judged)
    blame = 0 if owned or a.empty else sum(1 for u in _blaming(a) if not a.handoff[a.units.index(u)])
    counts = RubricCounts.of(results)
    restated = [] if a.empty else restated_units(a.units, a.vecs, question)
    score, factors, _ = score_answer(ScoreInput(
        stats=a.stats, relevance=rel, on_topic_words=on_topic, counts=counts,
        # a hand-off already quoted as a mistake made is not counted a second time
        handoffs=sum(1 for u, h in zip(a.units, a.handoff) if h and not any(
            j.verdict == "made" and j.evidence is not None and j.evidence.start == u.start for _, _, j in judged)),
        parts=parts, concrete=_concrete(a), blame=blame,
        generic=not a.empty and _generic(a) and not any(j.covers for _, _, j in judged),
        restated=len(restated), restated_words=sum(len(words(a.units[k].text)) for k in restated),
    ))
    content = [j for _, _, j in judged if j.verdict in ("made", "avoided") and not j.delivery]
    basis = "rubric" if content else "delivery-only"
    strengths, improvements = _strengths_improvements(judged, a.stats)
    if basis == "delivery-only" and not a.stats.says_nothing:
        improvements += _general_advice(question, a, parts)
    notes = delivery_notes(a.stats)
    return Feedback(
        role=canonical, question=question.strip(), score=score, items=results, strengths=strengths,
        improvements=improvements, delivery=notes, summary=_summary(results, a.stats, basis, counts), basis=basis,
        score_factors=[ScoreFactor(label=label, points=pts) for label, pts in factors if pts],
        backend=backend, latency_ms=(time.perf_counter() - started) * 1000.0,
    )


_CONCRETE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-Z][a-z]{2,}(?:\.js)?|"
                       r"[a-z]+(?:SQL|DB))\b")
_NOT_CONCRETE = frozenset("I I'd I'm I'll I've OK Then First Second Third Finally So And But If When Once The This "
                          "That It We My Our Honestly Last".split())


def _concrete(a: _Answer) -> int:
    """Distinct named tools, products and technical terms (capitalised words not opening a sentence)."""
    names = set()
    for u, h in zip(a.units, a.handoff):
        if h:
            continue
        for m in _CONCRETE.finditer(u.text):
            if m.start() > 0 and m.group(0) not in _NOT_CONCRETE:
                names.add(m.group(0).lower())
    return len(names)


def _general_advice(question: str, a: _Answer, parts: dict[str, bool] | None) -> list[str]:
    """What a coach says when no rubric item speaks to the answer: structure, length, specifics."""
    if a.stats.words == 0:
        return []
    out = []
    kind = question_type(question)
    if parts is not None:
        missing = [p for p, ok in parts.items() if not ok]
        if kind == "behavioural":
            if missing and a.stats.star is None:  # else the STAR note is already there
                out.append("Tell it as a STAR story (Situation, Task, Action, Result); missing: " + ", ".join(missing)
                           + ".")
        elif missing:
            out.append("Structure a " + kind + " answer as clarify → approach → trade-offs, then how you would "
                       "check it; missing: " + ", ".join(missing) + ".")
    elif not a.stats.structured:
        out.append("Give the headline first, then two or three supporting points.")
    if a.stats.words < 60:
        out.append(f"At {a.stats.words} words the answer is thin; a spoken answer usually runs 150-300 words.")
    elif a.stats.words > 350:
        out.append(f"At {a.stats.words} words the answer is long; lead with the point and cut detail.")
    if not a.stats.numbers:
        out.append("Add specifics: a number (scale, impact, time) and the concrete tools or steps you used.")
    if a.handoff.any():
        out.append("Answer the part you handed off: say how you would approach it even if another team owns it.")
    blamed = _blaming(a)
    if blamed:
        out.append(f'Own your part instead of placing it with others (e.g. "{_q(blamed[0].text, 100)}"): say what '
                   "you did about it and what you changed afterwards.")
    return out


def _refine_with_llm(llm, items, results, judged, role, question, answer):
    from coach.components.llm import LLMError
    from coach.critique.llm_judge import refine

    try:
        refined = refine(llm, items, results, role, question, answer)
    except LLMError:
        return results, judged, "rules"
    settled = []
    for (item, m, j), new in zip(judged, refined):
        if new.verdict != j.verdict:
            start = answer.find(new.evidence) if new.evidence else -1
            quote = Unit(new.evidence, start, start + len(new.evidence), -1) if start >= 0 else None
            j = _Judgement(new.verdict, quote)
        settled.append((item, m, j))
    return refined, settled, f"rules+{llm.name}"


ON_TOPIC_UNIT = 0.3  # a sentence addresses the question (or a judged item's fix) from this cosine similarity


ECHO = 0.2  # a sentence's similarity to the question with the words it shares with it counts this much less
GENERIC_WEIGHT = 0.35  # share of a generic sentence's words that count as substance
AREA_OFFSET = 0.15  # a sentence's similarity to the question's interview area counts this much less than to it
SELF_OFFSET = 0.05  # ... and this much less when the question is about the candidate (SELF_AREAS)
SELF_AREAS = ("introduction", "behavioural")


def _relevance(a: _Answer, models, areas: np.ndarray) -> tuple[float, int]:
    """(how on-topic the answer is, words of on-topic sentences that do not deflect): similarity of its sentences
    to the question, to the fixes of the items it was judged on or that are about the question, or (less) to the
    interview area the question is about — a good "Tell me about yourself" shares few words with the question but is plainly an introduction."""
    if a.empty:
        return 0.0, 0
    # Similarity to the question without the words the sentence shares with it (echoing them answers nothing) or,
    # discounted, with them, else to what the judged items call for: their fixes and the concepts a good answer covers.
    sims = a.question_sim()
    refs = [p.vec for m, covered in models for p in (m.fix, *(m.concepts if covered else ()))]
    fixes = np.stack(refs) if refs else np.zeros((0, a.vecs.shape[1]), np.float32)
    if len(fixes):
        sims = np.maximum(sims, (a.vecs @ fixes.T).max(axis=1))
    top_area = int(np.argmax(areas @ a.qvec))
    # A question about the candidate ("Tell me about yourself") has no topic of its own to be near: there the
    # area is what an answer should be about.
    offset = SELF_OFFSET if list(AREAS)[top_area] in SELF_AREAS else AREA_OFFSET
    sims = np.maximum(sims, a.vecs @ areas[top_area] - offset)
    top = np.sort(sims)[::-1][:3]
    # Distinct content words, each sentence's counted in proportion to how near it is to the question (never below
    # 0.4: a good story shares few words with the question); deflecting sentences add nothing.
    weight = np.clip((sims - 0.05) / (ON_TOPIC_UNIT - 0.05), 0.4, 1.0)
    # A sentence with no specifics, or one carried by stock phrases, says little however many words it has.
    for k, u in enumerate(a.units):
        if k in a.signals.generic_units or STOCK.search(u.text):
            weight[k] *= GENERIC_WEIGHT
    seen: dict[str, float] = {}
    for st, w, h in zip(a.stems, weight, a.handoff):
        if not h:
            for x in st:
                seen[x] = max(seen.get(x, 0.0), float(w))
    words_on = int(round(sum(seen.values())))
    return float(top.mean()), words_on


def _strengths_improvements(judged, stats: DeliveryStats) -> tuple[list[str], list[str]]:
    strengths, improvements = [], []
    for item, m, j in judged:
        if j.verdict == "avoided":
            where = f' ("{_q(j.evidence.text, 100)}")' if j.evidence else ""
            strengths.append(f"Avoids \"{item.mistake.strip().rstrip('.')}\"{where}.")
        elif j.verdict == "made":
            improvements.append(_improvement(item, m, j))
    if stats.words and not stats.says_nothing:
        if stats.structured:
            strengths.append("The answer is organised with signposting (" + ", ".join(dict.fromkeys(stats.signposts))
                             + ").")
        if stats.numbers:
            strengths.append("The answer uses concrete numbers.")
        if stats.filler_heavy:
            improvements.append(f"Cut the filler words ({stats.filler_total} in {stats.words} words).")
        if stats.star is not None:
            missing = [p for p, ok in stats.star.items() if not ok]
            if missing:
                improvements.append("For a behavioural question, cover every STAR part; missing: "
                                    + ", ".join(missing) + ".")
    else:
        improvements.append("Write an answer to the question, then ask for feedback again.")
    return strengths, improvements


# Kinds whose evidence is the sentence that makes the mistake; for the others (an omission, no numbers) it is only
# where the missing part would go.
_QUOTES_MISTAKE = frozenset({"overemphasis", "order", "narration", "structure", "ownership", "dont", "quality",
                             "fallback"})


def _improvement(item: RubricItem, m: _ItemModel, j: _Judgement) -> str:
    """A mistake made, as a coach says it: the mistake by name, what in the answer shows it (quoted), and what to
    do instead, each once ("Don't X — instead of: Do not X" said the mistake twice and what to do never)."""
    mistake = item.mistake.strip().rstrip(".")
    quote = f'"{_q(j.evidence.text, 100).rstrip(".")}"' if j.evidence else ""
    seen = (j.seen or "the answer shows it").rstrip(".")
    if quote and seen.startswith("This sentence "):
        seen = f"{quote} {seen[len('This sentence '):]}"
    elif quote and m.shape.kind in _QUOTES_MISTAKE:
        seen = f"{_lower_first(seen)}: {quote}"
    else:
        seen = _lower_first(seen)
    fix = _fix_text(item, m).rstrip(".")
    if not _shown_fix(item, m) and m.shape.kind == "dont":
        fix = "leave it out, or say what you did in its place"  # the fix would only restate the mistake
    where = "" if not quote or m.shape.kind in _QUOTES_MISTAKE else (
        f", for example in {quote}" if m.shape.kind == "numbers" else f", for example after {quote}")
    missing = f" (missing: {', '.join(j.missing[:4])})" if j.missing else ""
    # A fix that says "instead" itself ("reduce margins instead and …") would read "Instead: … instead".
    lead = "What to do" if re.search(r"\binstead\b", fix, re.I) else "Instead"
    fix = f'give what the article lists in its place, "{fix}"' if _listed_instead(item) else _lower_first(fix)
    return f"{mistake}: {seen}{missing}. {lead}: {fix}{where}."


def _lower_first(text: str) -> str:
    """Sentence-initial capital dropped mid-sentence ("Focusing on …" → "focusing on …"); "SQL", "I" keep theirs."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _summary(results: list[ItemFeedback], stats: DeliveryStats, basis: str, counts: RubricCounts) -> str:
    """One line on what the score rests on; the score itself is shown once, by the shell, next to it."""
    if stats.words == 0 and stats.injection:
        return ("The answer contains only text addressed to the grader, which is not assessed; answer the question "
                "and try again.")
    if stats.words == 0:
        return "No answer was given; write an answer and try again."
    if stats.says_nothing:
        return f"The answer says nothing on the question yet ({stats.nothing_said()}); write an answer and try again."
    made = [r for r in results if r.verdict == "made"]
    if basis == "delivery-only":
        content = [r for r in results if r.applies and r.verdict != "not_applicable" and not r.delivery]
        n = len(content)
        why = ("no rubric item in the library applies to this question" if not content
               else f"the answer does not show whether it makes the {n} rubric mistake{'s' if n != 1 else ''} "
                    f"that appl{'y' if n != 1 else 'ies'} to this question (listed as unclear)")
        text = (f"Delivery-only score: {why}, so it is scored on relevance, structure, specifics and "
                "delivery")
        if made:
            text += f"; delivery mistake: {made[0].mistake.strip().rstrip('.')}"
        return text + "."
    text = f"{avoided_phrase(counts.avoided, counts.untouched)}, {counts.made + counts.delivery_made} made"
    if made:
        text += f" (first to fix: {made[0].mistake.strip().rstrip('.')})"
    return text + "."
