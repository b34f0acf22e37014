"""The "Don't X" judge: a sentence that states X (reads as X, names one of the things X lists, says X in its own
words or in one of its everyday forms) makes the mistake; X negated on its own topic or the fix stated avoids it."""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from coach.critique.answer import W_COS, W_LEX, _Answer
from coach.critique.items import _ItemModel, _Phrase, _names, _without_words
from coach.critique.negation import negated, own_part
from coach.critique.judges import FALLBACK_MARGIN, ON_TOPIC, _Judgement, _closest, _present
from coach.critique.shapes import SUBORDINATE, content_stems, counted, lexical_overlap, quantity, stem, words
from coach.critique.technique import judge_technique, technique_family
from coach.critique.vectors import encode_cached


DOES_IT = 0.42  # a sentence does what a "Don't ..." item forbids from this blended similarity ...
DOES_NEAR = 0.24  # ... or from this one when the question is on the item's topic
DOES_AREA = 0.38  # ... or from this cosine when the question is in the item's area
DONT_TOPIC = 0.15  # the question is on a "Don't" item's topic from this similarity
ABLATION_FLOOR = 0.3  # ... and is itself this close to X (a sentence near neither says nothing about it)
ABLATION_MARGIN = 0.0  # a sentence does X only if X itself is at least this much closer than X without any one word
QUALIFIER_BAND = 0.07  # ... and it reads as X from its closeness alone only beyond this margin (within it: unclear)
CARRIES_COS = 0.48  # a sentence near X on the item's topic does X in its own words from this cosine to X ...
CARRIES_MARGIN = 0.03  # ... when X is this much closer to it than every version of X without one of its words
FORM_COS = 0.55  # a sentence says one of X's everyday forms (shapes.dont_forms) from this cosine ...
CLAUSE_WORDS = 3  # a clause says something on its own from this many content words
FORM_MARGIN = 0.2  # ... when it is this much closer to it than to every practice the forms are contrasted with
HEADING_WORDS = 2  # a sentence states a "Don't" item's heading fix when it names this many of the heading's own words
INSTEAD_COS = 0.3  # a sentence does what the article asks for in X's place from this cosine to it ...
INSTEAD_MARGIN = 0.05  # ... when it is this much closer to it than to X and to every version of X without one word


def _judge_dont(m: _ItemModel, a: _Answer, about: bool = False) -> _Judgement:
    """"Don't X": a sentence that does X (and does not negate it) is the mistake; one that does the fix, or says
    it avoids X, is not. Avoiding X takes positive evidence (X negated, or the fix stated); merely never doing X
    leaves the item unclear."""
    if a.empty:
        return _Judgement("unclear", None, "")
    a = a.does
    if negated(m.x.text):
        a = a.whole  # X carries its own negation: a sentence negating something on X's topic says X
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
    parts = _related_parts(m.shape.target)
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
        # A bare topic sits only a little closer to X than to X without its qualifier ("I include keywords from the
        # job description" for "do keyword stuffing"): so small a margin shows the topic, not the qualifier. A
        # relational X is told by naming its parts instead (below).
        does &= about_x & ((margin >= QUALIFIER_BAND) | bool(parts))
        near &= about_x
        # A paraphrase of X ("the phone on my desk at the office" for "your work phone number") shares few of its
        # words but, close to X and clearly closer to it than to X without its qualifier, carries the forbidden
        # part itself: that is the mistake made in the answer's own words, not merely its topic.
        does |= near & _carries(m, a.aff_vecs)
    # Naming one of the things X lists, in its own words ("I made it in Photoshop", "an online resume builder"),
    # is doing X however far the sentence is from X as a whole; words the question supplies are no evidence.
    named = _names_alternative(m, a, a.aff_stems, a.aff_texts)
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
    qualifier = _says_modifier(m, a) if on_topic else np.zeros(len(a.units), dtype=np.int8)
    does |= (qualifier > 0) & ~a.handoff
    if on_topic and not parts:
        does |= (_names_listed_thing(m, a) | _names_other_tool(m, a)) & ~a.handoff
    if not parts:
        does |= _clause_does(m, a, on_topic) & ~a.handoff
    # X qualified by a quantifier ("list all your achievements"): on its topic, the answer's own quantifier says
    # which side it is on ("every single thing I've achieved" / "only my three strongest"); without one, naming
    # the thing ("I list my achievements") is only its topic. An X of several acts, one without the quantifier
    # ("diving straight into X and thinking you can complete all of it"), is made by that act alone.
    share = np.zeros(len(a.units), dtype=np.int8)
    if all(quantity(act) > 0 for act in re.split(r"\band\b", m.shape.target)):
        share = _share(m, a, cos_x >= ABLATION_FLOOR, on_topic)
        does = (share > 0) & ~a.handoff
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
    # The thing with the alternative's modifier ("my personal mobile" for "Personal phone number") is the alternative.
    chose = ((qualifier < 0) | (share < 0)) & ~a.handoff
    if chose.any():
        return _Judgement("avoided", a.units[int(np.argmax(chose))], "")
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
    if m.instead is not None:
        # Doing what the article asks for in X's place ("I pick my best three results per job" for "Highlighting a
        # few of your best achievements") avoids X. It often shares X's topic, so only a sentence clearly closer to
        # it than to X, and to X without any one of its words (the bare topic: "my achievements"), does it.
        rival = cos_x if m.x_ablations is None else np.maximum(cos_x, (a.aff_vecs @ m.x_ablations.T).max(axis=1))
        inst = a.aff_vecs @ m.instead.vec
        if m.instead_shared and a.embedder is not None:
            # The practice's other parts are ones X is as compatible with ("… then I exported a PDF"): what a
            # sentence says of them is no evidence, so it is read without their words.
            inst = encode_cached(a.embedder, [_without_words(t, m.instead_shared) or "." for t in a.aff_texts]) \
                @ m.instead.vec
        follows = ~a.handoff & (inst >= INSTEAD_COS) & (inst - rival >= INSTEAD_MARGIN)
        if a.clause_vecs is not None and len(a.clause_vecs):
            # A sentence that also does something nearer X in a clause of its own ("I used one of those websites
            # where you pick a template, and it exports a PDF") shares only the practice's harmless part: it does
            # not do it instead.
            nearer_x = (a.clause_vecs @ m.x.vec) > (a.clause_vecs @ m.instead.vec)
            mixed = np.zeros(len(follows), dtype=bool)
            np.logical_or.at(mixed, a.clause_units, nearer_x)
            follows &= ~mixed
        if follows.any():
            return _Judgement("avoided", a.units[int(np.argmax(np.where(follows, inst, -9)))], "")
    # A rushed act ("Diving straight into LeetCode", "Immediately assuming …") is avoided by an answer on its topic
    # that says it starts with another step ("I started by listing the patterns", "First I'd ask for feedback").
    if on_topic and _RUSHED.search(m.x.text):
        first = np.array([bool(_STARTS.search(t)) for t in a.aff_texts], dtype=bool) & ~a.handoff & (sx < ON_TOPIC)
        if first.any():
            return _Judgement("avoided", a.units[int(np.argmax(first))], "")
    # Being on X's topic without its forbidden part ("my phone number" for "your work phone number") is no evidence
    # of avoiding it: the answer may not say which number, or state X in words the checks above do not reach.
    # Avoiding X needs positive evidence, which the checks above give: X negated, or the fix stated.
    return _Judgement("unclear", None, "")





MODIFIER_COS = 0.45  # a word of the answer says one of the contrasted modifiers from this cosine (words alone) ...
MODIFIER_MARGIN = 0.15  # ... when it is this much closer to it than to every modifier on the other side
OWNER_MARGIN = 0.0  # ... or the thing qualified by the word is this much closer to X's qualified thing than to the bare
THING_COS = 0.5  # a word names the thing both modify from this cosine to one of its words ("mobile" for "phone") ...
THING_SPAN = 3  # ... and a modifier modifies it when within this many words of it, in the same clause
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-\u2013\u2014]\s|\b(?:and|but|though|because|since|while|plus)\b", re.I)
# A pronoun standing for the thing the question asks about ("my corporate one" asked which email address).
_THING_PRONOUN = frozenset({"one", "ones"})
# Words saying the thing is the speaker's own: the other side of an owner ("my personal Gmail", "my own cell") when
# the alternative names the bare thing ("Email address").
_SPEAKERS_OWN = frozenset({"personal", "own", "private"})
# A clause that goes on describing the thing named before it ("the landline on my desk, at the bank where I work"):
# it opens on a preposition or a relative word, not on an act of its own ("cut each job down").
_CONTINUES = frozenset({"at", "from", "of", "with", "in", "on", "by", "where", "which", "that", "who"})
# "for" opens a purpose ("a Gmail just for job hunting"): a word after it qualifies the act, not the thing's owner.
_PURPOSE = frozenset({"for"})


def _says_modifier(m: _ItemModel, a: _Answer) -> np.ndarray:
    """Per unit: +1 when what it affirms gives the thing X's modifier in its own words ("the landline on my desk at
    the office" for "work"), -1 when it gives the alternative's ("my personal mobile"), 0 otherwise (neither, both,
    or the bare thing: "my phone number" says nothing of which). Only a sentence near X or the alternative counts,
    and a modifier word only next to a word naming the thing, in the same clause: "my employer", or "work" in "my
    work email" for a phone number, modifies something else. Words the question supplies are no evidence.

    X's modifier is also said by a word that qualifies the thing as X's does (its owner or place): the thing with that
    word ("bank email", "desk phone number") is closer to X's qualified thing ("work email") than to the bare thing.
    Such a word may stand anywhere in the thing's clause, or in the next clause when that one goes on describing it
    ("the address I use at the bank where I work", "the direct line, at my desk"), but not after "for" (a purpose:
    "a Gmail just for job hunting"). Without a stated alternative modifier ("Email address" for "your work email")
    only this reading counts for X (a single word near "work", "home", says nothing of which address), and the other
    side is a word for the speaker's own ("my personal Gmail")."""
    out = np.zeros(len(a.units), dtype=np.int8)
    c = m.contrast
    if c is None or a.embedder is None or a.empty:
        return out
    near = np.maximum(a.aff_vecs @ m.x.vec, a.aff_vecs @ c.phrase) >= ABLATION_FLOOR
    clauses = [[[w.lower() for w in words(part)] for part in _CLAUSE_BREAK.split(t) if part] if ok else []
               for t, ok in zip(a.aff_texts, near & ~a.handoff)]
    vocab = list(dict.fromkeys(w for cl in clauses for part in cl for w in part if content_stems(w)))
    if not vocab:
        return out
    mods, alts, thing = c.texts
    # The words, X's qualified thing, the bare thing (the alternative's) and the thing qualified by each word, in one
    # call (each call costs a few ms before its first token).
    refs = [f"{mods} {thing}", thing] + ([f"{alts} {thing}"] if alts else [])
    enc = encode_cached(a.embedder, vocab + refs + [f"{w} {thing}" for w in vocab])
    vecs, refs_vecs, qual_vecs = enc[:len(vocab)], enc[len(vocab): len(vocab) + len(refs)], enc[len(vocab) + len(refs):]
    to_x, to_thing = (vecs @ c.mistake.T).max(axis=1), (vecs @ c.thing.T).max(axis=1)
    to_alt = (vecs @ c.alternative.T).max(axis=1) if len(c.alternative) else np.zeros_like(to_x)
    side = np.where((to_x >= MODIFIER_COS) & (to_x - to_alt >= MODIFIER_MARGIN) & bool(len(c.alternative)), 1,
                    np.where((to_alt >= MODIFIER_COS) & (to_alt - to_x >= MODIFIER_MARGIN), -1, 0))
    if not len(c.alternative):
        side = np.where(np.isin(vocab, list(_SPEAKERS_OWN)), -1, side)
    is_thing = np.array([bool(content_stems(w) & c.topic) or th >= THING_COS for w, th in zip(vocab, to_thing)])
    qual = qual_vecs @ refs_vecs.T  # the thing qualified by each word against X's, the bare and the alternative's
    owner = (qual[:, 0] - qual[:, 1] >= OWNER_MARGIN) & (qual[:, 0] > qual[:, 2] if alts else True) & ~is_thing
    owner |= np.array([bool(content_stems(w) & content_stems(mods)) for w in vocab])
    asked = bool(c.topic & a.qstems)
    info = {w: (int(sd), th or (asked and w in _THING_PRONOUN), bool(ow))
            for w, sd, th, ow in zip(vocab, side, is_thing, owner)}
    if asked:
        for w in _THING_PRONOUN:
            info.setdefault(w, (0, True, False))
    for k, cl in enumerate(clauses):
        said = set()
        for p, part in enumerate(cl):
            own = [(i, *info[w]) for i, w in enumerate(part) if w in info and not content_stems(w) & a.qstems]
            things = [i for i, w in enumerate(part) if w in info and info[w][1] and not info[w][0]]
            said |= {sd for i, sd, _, _ in own if sd and any(0 < abs(i - j) <= THING_SPAN for j in things)}
            if things:  # X's qualifier anywhere in the thing's clause or the next
                said |= {1 for q in cl[p: p + 2] if q is part or q[:1] and q[0] in _CONTINUES
                         for i, w in enumerate(q) if w in info and info[w][2]
                         and not content_stems(w) & a.qstems and not _PURPOSE & set(q[max(0, i - 2): i])}
        out[k] = said.pop() if len(said) == 1 else 0
    return out


COUNTS_COS = 0.6  # a quantifier counts X's own thing in other words from this cosine to X's quantified words


def _share(m: _ItemModel, a: _Answer, near: np.ndarray, on_topic: bool) -> np.ndarray:
    """Per unit: the share its affirmed part quantifies (shapes.quantity: +1 all or many, -1 a few, 0 neither) of X's
    own thing, where it is on X's topic: near X, or, when the question is on it, anywhere for a few ("Just the
    senior position") and for all only as a pronoun ("All of them" asked which openings). A quantifier counts X's
    thing when it names it ("all of my accomplishments" for "all your achievements"), stands for it as a pronoun,
    or counts something unnamed in a sentence that names X's thing nowhere else; never when it counts what X says
    where or for what ("every company" for "many jobs at the same company", "every company I apply to" next to "the
    few achievements that match"), nor in what someone else does ("my friend applied to all of them")."""
    out = np.zeros(len(a.units), dtype=np.int8)
    own = [c for c in counted(m.shape.target) if c.sign > 0]
    thing = frozenset().union(*(c.stems for c in own))
    setting = content_stems(m.shape.target) - thing
    per_unit = [[c for c in counted(t) if not c.stems & setting and _own(c.text, t)] if ok or on_topic else []
                for t, ok in zip(a.aff_texts, near)]
    named = [c.text for cs in per_unit for c in cs if c.stems and not c.stems & thing]
    close = set()
    if named and a.embedder is not None:
        vecs = encode_cached(a.embedder, [c.text for c in own] + named)
        close = {t for t, s in zip(named, (vecs[len(own):] @ vecs[:len(own)].T).max(axis=1)) if s >= COUNTS_COS}
    for k, (cs, ok, st) in enumerate(zip(per_unit, near, a.aff_stems)):
        names = [c for c in cs if c.stems & thing or c.text in close]
        if names:
            cs = names
        elif thing & st:  # the sentence names X's thing without counting it: its quantifiers count something else
            cs = [c for c in cs if not c.stems]
        whole = any(c.sign > 0 and (ok or not c.stems) for c in cs)
        out[k] = int(whole) - int(any(c.sign < 0 for c in cs))
    return out


def _own(part: str, text: str) -> bool:
    """``part`` of ``text`` is in what the speaker says of themselves (negation.own_part), read clause by clause down
    to "and" ("I update it every few months and a friend proofreads all of it")."""
    own = " ".join(own_part(p) for p in re.split(r"\band\b", text))
    return part.replace(",", "").strip() in own.replace(",", "")


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


# Words that make an act hurried (done before anything else) and words that say which step comes first.
_RUSHED = re.compile(r"\b(?:straight|immediately|right away|directly|jump\w*|rush\w*)\b", re.I)
_STARTS = re.compile(r"\b(?:first|firstly|start\w* (?:by|with|off)|begin\w* (?:by|with)|before (?:I|anything|"
                     r"writing|coding|starting|diving|jumping))\b", re.I)
_NEGATOR = re.compile(r"\b(?:no|not|never|without|nothing|none|instead of|rather than)\b", re.I)


def _within(positions: list[list[int]], span: int) -> int | None:
    """The first position from which one position of each list fits in ``span`` consecutive words, if any."""
    if not all(positions):
        return None
    return next((lo for lo in sorted({i for ps in positions for i in ps})
                 if all(any(lo <= i < lo + span for i in ps) for ps in positions)), None)


NAME_COS = 0.45  # a product the rubric never names is one of the things a "Don't" item lists from this cosine ...
NAME_MARGIN = 0.15  # ... when it is this much closer to it than to every product the item's fix names


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


# Words after which a name is what the speaker works with ("in Canva", "into a Canva template", "using Zety", "went
# with Enhancv", "tried Figma"): prepositions of means and verbs of choosing or using, a closed class. "on" and
# "through" also place a name where something is kept or passes ("on LinkedIn", "through an ATS"), so they are not.
_INSTRUMENT = re.compile(r"\b(?:(?:in|into)\s+(?:(?:a|an|the|my)\s+)?|(?:with|using|use[sd]?|tried|chose|picked)\s+)$",
                         re.I)
_ONLY = re.compile(r"\bonly\b", re.I)
ALLOWED_COS = 0.4  # a name is of the kind a practice allows from this cosine to one of its products (and no nearer X)


def _names_other_tool(m: _ItemModel, a: _Answer) -> np.ndarray:
    """Per unit: under a practice that allows only the products it names ("Only use Word or Google Docs to create
    your resume" for "Don't use Photoshop, other design tools or online builders"), what it affirms does X's act
    with a product that is none of them: a name the speaker works with ("I used Zety", "Novoresume did most of
    it") that is not of the allowed products' kind. The embedding model knows few product names (a name such as
    "Canva" is close to neither side): the practice's "only" is what makes an unknown product one X forbids. An
    answer that names an allowed product ("I write it in Word; I design screens in Figma at work") may use the other
    for something else: it is left to the checks that read the contrast."""
    out = np.zeros(len(a.units), dtype=bool)
    allowed = m.heading.text if m.heading is not None else m.fix.text
    if (m.x_things is None or m.good_names is None or a.embedder is None or not _ONLY.search(allowed)
            or any(re.search(rf"\b(?:in|inside|within)\s+(?:(?:a|an|the|your)\s+)?{re.escape(n.split()[-1])}\b",
                             m.shape.target, re.I) for n in _names(allowed))):
        return out  # no exclusive list of products, or X is done inside one of them ("in a Word/Google Docs file")
    q, target = a.question.lower(), m.shape.target.lower()
    skip = m.own_names | {n.lower() for n in _names(m.instead.text if m.instead is not None else "")}
    if any(o in t.lower() for t in a.aff_texts for o in m.own_names if o not in target):
        return out  # an allowed product the item names
    named = [(k, n, t.find(n)) for k, t in enumerate(a.aff_texts) for n in _names(t)
             if n.lower() not in skip and n.lower() not in q]
    if not named:
        return out
    vecs = encode_cached(a.embedder, [n for _, n, _ in named])
    bad, good = (vecs @ m.x_things.T).max(axis=1), (vecs @ m.good_names.T).max(axis=1)
    if np.any((good >= bad) & (good >= ALLOWED_COS)):
        return out  # a product of the allowed kind ("LibreOffice Writer", "Apple Pages")
    for k, _, i in named:  # a name the speaker works with: it opens a sentence (its subject) or is what the act uses
        t = a.aff_texts[k]
        out[k] |= bool(i == 0 or re.search(r"[.!?:;]\s*$", t[:i]) or _INSTRUMENT.search(t[:i]))
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
