"""What each rubric item means, encoded once per item: its mistake shape (``shapes.parse_shape``) and the phrases
the verdicts compare an answer with (X, the fix, coverage concepts, X's ablations, listed things, everyday forms)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence, TYPE_CHECKING

import numpy as np

from coach.critique.coverage import concepts
from coach.critique.personal import QUESTIONS
from coach.critique.shapes import (Shape, bare_act, clauses, content_stems, dont_forms, expand, parse_shape, stem,
                                   words)
from coach.critique.topics import CLOSE, heading_fix, item_topic
from coach.critique.vectors import _cache_lock, _phrase_cache, encode_cached, fixed_vectors
from coach.english import english_word, speller
from coach.models import RubricItem
from coach.text import split_sentences

if TYPE_CHECKING:
    from coach.components.embedding import Embedder


@dataclass(frozen=True)
class _Phrase:
    text: str
    vec: np.ndarray
    stems: frozenset[str]


@dataclass(frozen=True)
class _Contrast:
    """A "Don't X" whose stated alternative names X's thing with another modifier ("Personal phone number" for
    "include your work phone number"): the two modifiers ("work" / "personal") tell the mistake from the
    alternative; the thing itself ("phone number") is only the topic."""
    mistake: np.ndarray  # X's modifier words
    alternative: np.ndarray  # the alternative's modifier words
    phrase: np.ndarray  # the alternative as stated
    thing: np.ndarray  # the words of the thing both name ("phone", "number")
    topic: frozenset[str]  # ... and their stems
    texts: tuple[str, str, str] = ("", "", "")  # X's modifiers, the alternative's ("" for the bare thing), the thing


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
    contrast: _Contrast | None = None  # "Don't X" with an alternative differing in X's modifier (_modifiers)
    own_questions: bool = False  # about the candidate's own questions for the interviewer (_about_own_questions)
    instead: _Phrase | None = None  # "Don't X" without a fix: the practice asked for in its place (_practice)
    instead_shared: frozenset[str] = frozenset()  # ... the words of its parts X is as compatible with
    worse: tuple[str, ...] = ()  # a scoring table's failing band: the descriptions of its criterion's worse bands


def _item_models(items: Sequence[RubricItem], embedder: "Embedder") -> dict[str, _ItemModel]:
    """Parsed shape, phrase vectors and coverage concepts per item; encoded once per item (id + text) per embedder."""
    with _cache_lock:
        cache = _phrase_cache.setdefault(embedder, {})
    worse = _worse_bands(items)
    keys = {it.id: (it.id, it.mistake, it.fix, it.context, it.section, it.instead, worse.get(it.id, ()))
            for it in items}
    todo = [it for it in items if keys[it.id] not in cache]
    if todo:
        shapes = [_band_shape(it) if it.band else bare_act(parse_shape(it.mistake, it.fix, it.context), it.fix)
                  for it in todo]
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
            alt = (_clean_fix(it.fix) if it.fix.strip() else it.instead) if sh.kind == "dont" else ""
            mods = _modifiers(sh.target, alt) or _modifiers(sh.target, alt, bare=True)
            contrast = [*mods[0], *mods[1], alt, *_thing_words(sh.target, mods[2])] if mods else []
            inst = [p] if sh.kind == "dont" and not it.fix.strip() and not mods and (p := _practice(it.instead)) else []
            shared = _shared_parts(sh.target, inst[0], embedder) if inst else frozenset()
            spans.append((len(texts), plain, cons, xcons, abl, many, len(forms), len(contrasts), heading, things,
                          good, place, mods, inst, shared))
            texts += (enc + cons + xcons + [item_topic(it)] + abl + forms + contrasts + heading + things + good + place
                      + contrast + inst)
        vecs = embedder.encode(texts)
        for it, sh, (at, plain, cons, xcons, abl, many, nf, nc, heading, things, good, place, mods, inst,
                     shared) in zip(todo, shapes, spans):
            def take(n: int) -> np.ndarray:  # the next n vectors of this item, in the order they were queued
                nonlocal at
                at += n
                return vecs[at - n: at]
            v = take(len(plain) + len(cons) + len(xcons))
            topic = take(1)[0]
            ablations, forms, contrasts, head = take(len(abl)), take(nf), take(nc), take(len(heading))
            thing_vecs, good_vecs, place_vec = take(len(things)), take(len(good)), take(len(place))
            contrast = (_Contrast(take(len(mods[0])), take(len(mods[1])), take(1)[0],
                                  take(len(_thing_words(sh.target, mods[2]))), mods[2],
                                  (" ".join(mods[0]), " ".join(mods[1]), " ".join(_thing_words(sh.target, mods[2]))))
                        if mods else None)
            inst_vec = take(len(inst))
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
                               x_setting=place_vec[0] if place else None, contrast=contrast,
                               own_questions=bool(_ASKING & ph[0].stems) and _about_own_questions(ph[0].vec, embedder),
                               own_names=frozenset(n.lower() for t in (it.mistake, it.fix, it.context, *heading)
                                                   for n in _names(t)),
                               instead=_Phrase(inst[0], inst_vec[0], frozenset(content_stems(inst[0])))
                               if inst else None, instead_shared=shared, worse=worse.get(it.id, ()))
            with _cache_lock:
                cache[keys[it.id]] = model
    return {it.id: cache[keys[it.id]] for it in items}


_ASKING = frozenset({stem("question"), stem("ask")})


def _worse_bands(items: Sequence[RubricItem]) -> dict[str, tuple[str, ...]]:
    """Per failing band: the descriptions of the worse failing bands of its table (same criterion heading and best
    band). Ingest lists a table's failing bands from the mildest to the worst (``ingest.rubric._failing_bands``)."""
    tables: dict[tuple, list[RubricItem]] = {}
    for it in items:
        if it.band:
            tables.setdefault((it.section, it.fix), []).append(it)
    return {it.id: tuple(w.quote or w.mistake for w in rows[k + 1:])
            for rows in tables.values() for k, it in enumerate(rows)}


def _band_shape(item: RubricItem) -> Shape:
    """A scoring table's failing band (``coach.critique.bands``): its behaviours are its description (the quote; its
    mistake is only a name, "Testing: strong no hire"), read by the band judge rather than by a mistake shape."""
    sh = parse_shape(item.quote or item.mistake, item.fix, item.context)
    return Shape("band", sh.target, sh.other, sh.core)


def _about_own_questions(x: np.ndarray, embedder: "Embedder") -> bool:
    """Whether an item worded with "question"/"ask" is about the candidate's own questions for the interviewer:
    its mistake is close to how an interviewer invites them. "Not having any questions" is; "the thousands of
    LeetCode questions" and "the question details" use the word for something else."""
    return float((fixed_vectors(embedder, QUESTIONS.asked) @ x).max()) >= CLOSE


def _modifiers(x: str, alt: str, *, bare: bool = False) -> tuple[list[str], list[str], frozenset[str]] | None:
    """X's and the alternative's modifiers of the thing both name, and that thing's stems: "include your work phone
    number here" / "Personal phone number" -> (["work"], ["personal"], {phone, number}). None when the alternative
    names the bare thing ("Email address" for "your work email": without a modifier to contrast, a word near "work"
    such as "job" says nothing of which address) or another thing; with ``bare``, the bare thing gives X's modifiers
    alone (["work"], [], {email}): X is still a thing with its owner or place."""
    topic = content_stems(x) & content_stems(alt)

    def before_thing(text: str) -> list[str]:
        toks = [w.lower() for w in words(text)]
        head = next((i for i, w in enumerate(toks) if content_stems(w) & topic), 0)
        run: list[str] = []
        for w in reversed(toks[:head]):  # the contiguous content words right before the thing
            if not content_stems(w):
                break
            run.insert(0, w)
        return run

    def ends_phrase(text: str) -> bool:  # the thing is what X names, not a modifier of it ("online resume builders")
        toks = [w for w in words(text) if content_stems(w)]
        at = [i for i, w in enumerate(toks) if content_stems(w) & topic]
        return bool(at) and at == list(range(at[0], len(toks)))

    if not topic:
        return None
    mine, theirs = before_thing(x), before_thing(alt)
    if not mine or not (theirs or (bare and ends_phrase(x))) or \
            content_stems(" ".join(mine)) & content_stems(" ".join(theirs)):
        return None
    return mine, theirs, frozenset(topic)


def _thing_words(x: str, topic: frozenset[str]) -> list[str]:
    """X's words naming the thing its modifier modifies."""
    return list(dict.fromkeys(w.lower() for w in words(x) if content_stems(w) & topic))


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


PRACTICE_WORDS = 3  # what the article asks for in X's place is a practice from this many content words


def _practice(instead: str) -> str:
    """The practice an item's ``instead`` asks for, without the comparison that restates X ("Highlighting a few of
    your best achievements is better than including many 'average' achievements" -> its first part); "" for a bare
    label of X's topic ("Email address", the list item a Don't is nested under), which names no practice."""
    text = _COMPARISON.split(instead, 1)[0].strip(" ,.")
    return text if len(content_stems(text)) >= PRACTICE_WORDS else ""


def _shared_parts(x: str, practice: str, embedder: "Embedder") -> frozenset[str]:
    """The words of the parts of a practice of several ("Submit your resume as a PDF …, but always create it from
    Microsoft Word or Google Docs") that X is as compatible with (using Photoshop, then submitting a PDF): all but
    the part contrasting with X, the one nearest X once the words each shares with the other are set aside (the
    shared topic, "resume", brings any part near X). Empty for a practice of one part."""
    parts = [c for s in split_sentences(practice) for c in (clauses(s) or [s])
             if len(content_stems(c)) >= PRACTICE_WORDS]
    if len(parts) < 2:
        return frozenset()
    vecs = encode_cached(embedder, [_without_shared(x, p) for p in parts] + [_without_shared(p, x) for p in parts])
    best = int(np.argmax((vecs[:len(parts)] * vecs[len(parts):]).sum(axis=1)))
    return frozenset().union(*(content_stems(p) for p in parts)) - content_stems(parts[best])


_COMPARISON = re.compile(r"\s(?:is|are)\s+(?:much\s+|far\s+)?(?:better|preferable)\s+than\b|"
                         r"\s(?:rather|instead)\s+(?:than|of)\b", re.I)


def _clean_fix(fix: str) -> str:
    """The fix's object: "Focusing on designing large-scale ML systems." -> "designing large-scale ML systems"."""
    text = fix.strip().rstrip(".")
    return _FOCUS_VERB.sub("", text).strip() or text or fix


def _without_shared(text: str, other: str) -> str:
    """``text`` minus the words whose stems also occur in ``other``: what sets it apart."""
    kept = _without_words(text, content_stems(other))
    return kept if content_stems(kept) else text


def _without_words(text: str, stems: set[str]) -> str:
    """``text`` without the words whose stems are in ``stems``."""
    return " ".join(w for w in text.split() if not (content_stems(w) and content_stems(w) <= stems))


_NAME = re.compile(r"\b[A-Z][\w.+#-]*[A-Za-z0-9](?:\s+[A-Z][\w.+#-]*[A-Za-z0-9])*")


COMMON_WORD = 20_000  # a word this frequent in English ("Plain", "Maybe", "An") opens a sentence as itself


def _names(text: str) -> list[str]:
    """Product and proper names in ``text``: runs of capitalised words ("Microsoft Publisher", "GIMP"), not pronouns
    and connectives. A sentence capitalises its first word whatever it is, so that word is part of a name only when
    English would not write it so otherwise: English has no such word ("Canva, honestly"), it is all capitals
    ("GIMP"), the text capitalises it mid-sentence too, or it is an uncommon word opening a run of capitalised
    words ("Google Docs, then ..."; "Plain Google Docs" and "An API" open on ordinary words)."""
    out = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        run = [w for w in words if w not in _NOT_CONCRETE]
        opening = m.start() == 0 or re.search(r"[.!?:;]\s*$", text[:m.start()])
        if opening and run and run[0] == words[0] and not re.search(rf"[^.!?:;\s]\s+{re.escape(words[0])}\b", text):
            ordinary = not words[0].isupper() and all(english_word(p) for p in words[0].split("-") if p)
            common = speller().word_frequency[words[0].lower()] >= COMMON_WORD
            run = run[1:] if ordinary and (len(run) == 1 or common) else run
        if run:
            out.append(" ".join(run))
    return list(dict.fromkeys(out))


_NOT_CONCRETE = frozenset("I I'd I'm I'll I've OK Then First Second Third Finally So And But If When Once The This "
                          "That It We My Our Honestly Last".split())
