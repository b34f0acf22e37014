"""The failing bands of a scoring table (``RubricItem.band``: "Communication: strong no hire"): which questions they
speak to, and whether an answer shows the band's behaviour.

A band grades one kind of interview round: its table's headings or the article's title name it ("How candidates are
evaluated in coding interviews" > "Testing"), as one of the interview areas (``topics.AREAS``). The band
speaks to questions of that round only; on any other question it is not applicable, however near the question's
words come to the band's (a coding rubric's "communication" says nothing of a system-design or behavioural answer).

A band describes behaviours ("Did not even test code against typical cases", "jumped into coding without
explaining"); the best band, its fix, the same behaviours done well. Each clause of the description is read as one
of the few behaviours interview rubrics grade a problem-solving round on (``_SIGNALS``: explaining the approach,
solving it, an efficient solution, testing, edge cases), and each behaviour is read from the answer: what it says it
did and how it is written (code with no words around it explains nothing). The band is made when the answer shows
the failing form of one of its behaviours; avoided when it shows the band's first behaviour done well and none
failing. A clause of the form "did X but not Y" describes a candidate who did X: without X the band is not the one
the answer sits in, and the item stays unclear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from coach.critique.answer import _Answer
from coach.critique.delivery import code_span, question_type
from coach.critique.items import _ItemModel
from coach.critique.judges import _Judgement, _judge_fallback
from coach.critique.shapes import Unit, words
from coach.critique.topics import FORM_AREAS, question_areas, ranked_areas
from coach.critique.vectors import encode_cached
from coach.models import RubricItem
from coach.text import split_sentences


# Interview rounds as headings and titles name them, by the interview area (``topics.AREAS``) each is in.
_ROUNDS = (
    ("coding", re.compile(r"\b(?:coding|code|algorithms?|programming|leet ?code|pairing|whiteboard(?:ing)?)\b", re.I)),
    ("system design", re.compile(r"\b(?:system|systems) design\b|\barchitecture\b", re.I)),
    ("behavioural", re.compile(r"\bbehaviou?ral\b|\bSTAR\b", re.I)),
    ("machine learning", re.compile(r"\bmachine learning\b|\bML\b", re.I)),
    ("product", re.compile(r"\bproduct (?:sense|design|management)\b", re.I)),
)


def round_area(item: RubricItem, a: _Answer, areas: np.ndarray) -> str:
    """The interview area of the round the band's table grades: the round the nearest heading naming one names,
    else the article's title ("How candidates are evaluated in coding interviews" > "Testing": coding); a table
    under no such heading is placed among the areas by its own best and failing bands' behaviours."""
    for where in [*reversed((item.section or "").split(">")), item.source or ""]:
        named = [area for area, pattern in _ROUNDS if pattern.search(where)]
        if len(named) == 1:
            return named[0]
    return ranked_areas(encode_cached(a.embedder, [f"{item.quote} {item.fix}"])[0], areas)[0]


def in_round(item: RubricItem, a: _Answer, areas: np.ndarray) -> tuple[bool, str]:
    """(whether the question is of the band's round, the round's area). A question whose form names an area
    (coding, design, a story) is of that area only; any other is of the areas its words are closest to."""
    area = round_area(item, a, areas)
    form = question_type(a.question)
    asked = {FORM_AREAS[form]} if form in FORM_AREAS else question_areas(a.qvec, areas, form)
    return area in asked, area


# -- the behaviours a problem-solving round is graded on ------------------------------------------------------------
_REFUSES = re.compile(
    r"\b(?:(?:rather|prefer) not|(?:don't|do not|won't) (?:really )?(?:like|want|need) (?:to )?)\s*(?:talk|explain|"
    r"narrat|think(?:ing)? (?:out loud|aloud))\w*|\b(?:just|quietly) (?:code|write|type) it\b|\bcode (?:it )?"
    r"(?:quietly|in silence|silently)\b|\bwithout (?:talking|explaining)\b|\bshow you when\b|"
    r"\byou (?:look at|check|read) it (?:when|after|once)\b", re.I)
# The candidate's own solution not working, as they say it ("it doesn't run", "I'm stuck"); not an approach set
# aside ("sorting doesn't work here because …").
_STUCK = re.compile(
    r"\bI(?:'m| am| was| got) (?:\w+ )?(?:stuck|confused|lost)\b|\bI (?:gave|give) up\b|\bno idea\b|"
    r"\b(?:don't|do not|didn't) (?:really )?know (?:how to (?:solve|do|start|approach)|where to (?:start|begin))|"
    r"\b(?:it|my (?:code|solution|function|loop|program)|the code|this)(?: still)? (?:doesn't|does not|didn't|"
    r"did not|won't|never) (?:\w+ )?(?:run|ran|compile[sd]?|work(?:ed|s)?)\b|"
    r"\bI (?:can't|cannot|couldn't|could not|wasn't able to) (?:get|make|fix|finish|solve|figure)|"
    r"\bkeep getting errors|\b(?:threw|throws|got) an? \w*(?:error|exception)|"
    r"\b(?:don't|do not) have anything that works\b", re.I)
# Not testing, said outright ("I didn't have time to test it").
_NO_TEST = re.compile(r"\b(?:didn't|did not|don't|do not|haven't|have not|never|no time to|without|skip(?:ped)?|"
                      r"wouldn't|won't)\b(?:\s+\w+){0,3}?\s+(?:test\w*|run (?:it|the code)|tr(?:y|ied) it)\b", re.I)
_TESTS = re.compile(r"\b(?:test\w*|tr(?:ied|ying) it|ran it|run it|check(?:ed)? it (?:with|on|against)|dry[- ]run|"
                    r"verif(?:y|ied) it|trac(?:e|ed|ing) (?:it|through|\S+ by hand)|walk(?:ed)? through (?:it|an? "
                    r"example))\b", re.I)
# Inputs at the edge of a problem's domain, as candidates name them.
_EDGES = re.compile(
    r"\b(?:edge|corner|boundary|empty|null|none|nil|zero|single|one (?:element|node|item|character|number)|"
    r"no (?:\w+ )?(?:repeats?|duplicates?|pairs?|match\w*|solution|answer|cycle)|duplicates?|negative\w*|overflow|"
    r"(?:larger|bigger|greater|longer) than|k ?= ?0)\b", re.I)
_BRUTE = re.compile(r"\b(?:every pair|all pairs|each pair|nested loops?|two loops|brute[- ]force|n squared|"
                    r"quadratic)\b|O\(\s*n\s*(?:\^\s*2|²|\*\s*n|squared)\s*\)", re.I)
_EFFICIENT = re.compile(r"O\(\s*(?:1|log ?n|n|n log ?n|n ?\+ ?m|h|k)\s*\)|\b(?:linear|constant (?:time|space)|"
                        r"logarithmic|one pass|single pass|hash ?(?:set|map|table)?)\b", re.I)
_APPROACH = re.compile(r"\b(?:approach|plan|idea|I'd|I would|I will|I'll|my way|walk|pointer|loop|pass|"
                       r"recursi\w*|iterat\w*|first|then)\b", re.I)
EXPLAINED_WORDS = 15  # words of prose (outside code) from which an answer explains an approach


@dataclass(frozen=True)
class _Read:
    """One behaviour read from the answer: whether it fails (with evidence), or is done well."""
    failed: Unit | None  # the sentence that shows the failure; None for a failure by absence (see ``missing``)
    shown: bool
    seen: str = ""
    where: Unit | None = None  # the sentence that shows it done well
    missing: bool = False  # failed by leaving the behaviour out


# Joins of names as code writes them ("n.left", "depth(n"); a sentence of prose has one or two ("O(n) time").
_CODE_JOINS = re.compile(r"\w[.(\[]\w")
CODE_JOINS = 3


def _code_at(text: str) -> int | None:
    """Where code starts in a unit (``delivery.code_span``), also for a line of calls it does not read as code
    ("return 1 + max(depth(n.left), depth(n.right))")."""
    span = code_span(text)
    return span[0] if span else 0 if len(_CODE_JOINS.findall(text)) >= CODE_JOINS else None


def _coded(a: _Answer) -> bool:
    return any(_code_at(u.text) is not None for u in a.units)


def _prose_words(a: _Answer) -> int:
    n = 0
    for u in a.units:
        at = _code_at(u.text)
        n += len(words(u.text if at is None else u.text[:at]))
    return n


def _first(a: _Answer, pattern: re.Pattern) -> Unit | None:
    return next((u for u in a.units if pattern.search(u.text)), None)


def _explain(a: _Answer) -> _Read:
    refused = _first(a, _REFUSES)
    if refused is not None:
        return _Read(refused, False, "The answer declines to talk the approach through")
    prose = _prose_words(a)
    if _coded(a) and prose < EXPLAINED_WORDS:
        return _Read(a.units[0], False, f"The answer is code with {prose} words of explanation around it")
    return _Read(None, prose >= EXPLAINED_WORDS and bool(_APPROACH.search(a.said)), where=_first(a, _APPROACH))


def _attempts(a: _Answer) -> bool:
    """The answer offers a solution (code or an approach), so what it leaves out is left out of a solution."""
    return _coded(a) or (_prose_words(a) >= EXPLAINED_WORDS and _first(a, _STUCK) is None)


def _solve(a: _Answer) -> _Read:
    stuck = _first(a, _STUCK)
    if stuck is not None:
        return _Read(stuck, False, "The answer says the solution does not work")
    return _Read(None, _attempts(a), where=a.main_unit())


def _efficient(a: _Answer) -> _Read:
    brute, fast = _first(a, _BRUTE), _first(a, _EFFICIENT)
    if fast is not None:
        return _Read(None, True, where=fast)
    if brute is not None:
        return _Read(brute, False, "The answer settles for a brute-force solution without looking for a faster one")
    return _Read(None, False)


def _test(a: _Answer) -> _Read:
    skipped = _first(a, _NO_TEST)
    if skipped is not None:
        return _Read(skipped, False, "The answer says the solution was not tested")
    tested = _first(a, _TESTS)
    if tested is not None:
        return _Read(None, True, where=tested)
    if _attempts(a):
        return _Read(None, False, "The answer never runs the solution on an example", missing=True)
    return _Read(None, False)


def _edges(a: _Answer) -> _Read:
    edge = _first(a, _EDGES)
    if edge is not None:
        return _Read(None, True, where=edge)
    tested = _first(a, _TESTS) if _first(a, _NO_TEST) is None else None
    if tested is not None:
        return _Read(tested, False, "The answer tests a typical input only, no edge case (empty, one element, "
                                    "duplicates …)")
    return _Read(None, False)


# The behaviours a band's clause names, by the words rubrics grade them with; the first that matches a clause wins.
_SIGNALS: tuple[tuple[re.Pattern, Callable[[_Answer], _Read]], ...] = (
    (re.compile(r"\b(?:corner|edge|boundary) cases?\b|\b(?:empty|extreme|awkward|unusual|odd)\b(?:\s+\w+){0,2}?\s+"
                r"inputs?\b|\b(?:empty|extreme|awkward) (?:ones|values)\b", re.I), _edges),
    (re.compile(r"\btest\w*\b|\b(?:tr(?:y|ied|ying)|trac(?:e|ed|ing)|walk(?:ed|ing)? through|check(?:ed|ing)?)\b"
                r"(?:\s+\w+){0,3}?\s+inputs?\b", re.I), _test),
    (re.compile(r"\b(?:only some|basic\b.*\bsignals|failing to achieve|advanced|optimal|suboptimal|brute|"
                r"efficien\w*|complexity|running time|faster|slow)\b", re.I), _efficient),
    (re.compile(r"\b(?:communicat\w*|explain\w*|explanation|thought process|silent|silence|clarity|unclear|"
                r"disorgani[sz]ed|narrat\w*|saying what|talk\w*|think\w* (?:aloud|out loud)|quiet\w*|"
                r"without a word|a word about|(?:the|a|their) plan)\b", re.I), _explain),
    (re.compile(r"\b(?:solv(?:e|ed|ing) the problem|solution|syntax|bugs?|compil\w*|errors?|(?:the|a) program|"
                r"never ran|wrong results?)\b", re.I), _solve),
)
_CLAUSE = re.compile(r",\s+|;\s+|\s+or\s+|\(\d\)\s*")


def _behaviours(text: str) -> list[tuple[Callable[[_Answer], _Read], bool]]:
    """(reader, is a precondition) per clause of a band's description that names a graded behaviour: "Conducted
    testing but did not handle corner cases" -> [(test, True), (edges, False)]."""
    out: list[tuple[Callable[[_Answer], _Read], bool]] = []
    for sentence in split_sentences(text.replace("\n", " ")):
        parts = re.split(r"\s+but\s+", sentence, maxsplit=1)
        found = [[r for c in _CLAUSE.split(part) for r in [next((r for p, r in _SIGNALS if p.search(c)), None)] if r]
                 for part in parts]
        for k, readers in enumerate(found):
            for reader in readers:
                # "Named the running time of a slow approach but did not look for a faster one": both halves are
                # one behaviour, which the band says failed; only another behaviour before "but" is a precondition.
                pre = k == 0 and len(parts) == 2 and reader not in found[1]
                if all(r is not reader for r, _ in out):
                    out.append((reader, pre))
    return out


def judge_band(item: RubricItem, m: _ItemModel, a: _Answer) -> _Judgement:
    """Made / avoided / unclear for a failing band on an answer of its round; see the module docstring. A band
    naming none of the graded behaviours is compared with the answer as a whole, its description against the best
    band's (``judges._judge_fallback``). An answer sits in one band of a criterion: when a worse band of the same
    criterion (``_ItemModel.worse``) is made too, that band is the one shown and this one stays unclear."""
    if a.empty:
        return _Judgement("unclear")
    behaviours = _behaviours(item.quote or item.mistake)
    if not behaviours:
        return _judge_fallback(m, a)
    j = _read_band(behaviours, a)
    if j.verdict == "made" and any(_read_band(b, a).verdict == "made" for b in map(_behaviours, m.worse) if b):
        return _Judgement("unclear", None, "The answer fits a worse band of the same criterion")
    return j


def _read_band(behaviours: list[tuple[Callable[[_Answer], _Read], bool]], a: _Answer) -> _Judgement:
    read = [(r(a), pre) for r, pre in behaviours]
    if any(pre and not r.shown for r, pre in read):
        return _Judgement("unclear")
    failed = next((r for r, pre in read if not pre and (r.failed is not None or r.missing)), None)
    if failed is not None:
        return _Judgement("made", failed.failed, failed.seen)
    first = next((r for r, pre in read if not pre), None)
    if first is not None and first.shown:
        return _Judgement("avoided", first.where or a.main_unit(), "")
    return _Judgement("unclear")
