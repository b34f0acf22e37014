"""The answer as the verdicts read it (``_Answer``): its sentences, their vectors, what each affirms and negates
(coach.critique.negation), its clauses and main clauses, hand-offs, delivery stats and signals; built once per answer
(``_prepare``)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from coach.critique.coverage import deflects
from coach.critique.delivery import DeliveryStats, analyse, split_injection
from coach.critique.items import _Phrase, _without_words
from coach.critique.negation import read as read_negation
from coach.critique.personal import QUESTIONS, PersonalKind, personal_kind
from coach.critique.shapes import Unit, clauses, content_stems, lexical_overlap, main_clauses, split_units
from coach.critique.signals import Signals, measure
from coach.critique.vectors import encode_cached

if TYPE_CHECKING:
    from coach.components.embedding import Embedder


# Calibrated on tests/evals/critique.jsonl with all-MiniLM-L6-v2 (see coach/evaluation/critique.py).
W_COS, W_LEX = 0.7, 0.3
ECHO = 0.2  # a sentence's similarity to the question with the words it shares with it counts this much less
READ_BACK = 0.2  # a question with this share of the practice question's content words reads it back, not asks
_ADDRESSEES = frozenset({"me", "us"})


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
    def whole(self) -> "_Answer":
        """The answer with nothing set aside as negated: for a mistake that carries its own negation ("assuming that
        they weren't qualified enough"), a sentence negating something on its topic ("I'm just not at their level")
        says the mistake rather than refusing it."""
        n = len(self.units)
        return replace(self, aff_vecs=self.vecs, aff_texts=[u.text for u in self.units],
                       aff_stems=[set(s) for s in self.stems], neg=np.zeros(n, dtype=bool),
                       neg_vecs=np.zeros_like(self.vecs), neg_texts=[""] * n, neg_stems=[set() for _ in range(n)])

    @cached_property
    def said(self) -> str:
        """The answer's text without what it says it does not do: "I'd submit without asking anything and not test
        it" names testing only to say it does not."""
        out = []
        for u in self.units:
            text = u.text
            for part in read_negation(u.text).negated:
                text = text.replace(part, " ", 1)
            out.append(" ".join(text.split()))
        return " ".join(out)

    @cached_property
    def personal(self) -> tuple[PersonalKind, np.ndarray] | None:
        """The kind of question about the candidate the practice question is, with the vector of what its answer
        talks about (``personal.personal_kind``): one reading for the judges and the score."""
        assert self.embedder is not None
        return personal_kind(self.question, self.qvec, self.embedder)

    @property
    def invites_questions(self) -> bool:
        """The practice question hands the floor to the candidate for their own questions."""
        return self.personal is not None and self.personal[0] is QUESTIONS

    @cached_property
    def asks(self) -> np.ndarray:
        """Per unit: it asks a question of its own (not the practice question read back) and hands nothing off."""
        # "me"/"us" only address the interviewer: "what would you want me to have shipped?" reads nothing back from
        # "Do you have any questions for me?"
        asked = self.qstems - _ADDRESSEES
        own = [u.text.rstrip().endswith("?") and lexical_overlap(asked, st - _ADDRESSEES) < READ_BACK
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


def _does_view(a: _Answer) -> _Answer:
    """``a`` with what each unit affirms read without its reason clauses: what a sentence does is said in its main
    clauses; a reason names what it does not do ("since a work phone number ties me to my employer")."""
    if not a.mains:
        return a
    view = replace(a, aff_vecs=a.aff_vecs.copy(), aff_texts=list(a.aff_texts), aff_stems=list(a.aff_stems))
    for k, (text, vec) in a.mains.items():
        view.aff_vecs[k], view.aff_texts[k], view.aff_stems[k] = vec, text, content_stems(text)
    return view
