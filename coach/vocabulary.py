"""Vocabulary bridging: a question's words that the library never uses ("CV", "typeface", "regularisation") are
joined by the library words nearest to them in the embedding space ("resume", "font", "regularization"), so the
lexical and heading signals can find passages written in the articles' own words.

The neighbours come from the library itself (its words, embedded once per word and stored in the catalog like
headings), so no synonym list is written by hand and a new article brings its own vocabulary.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from coach.store.bm25 import _STOP, _stem

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
_QUERY_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")

MIN_LEN, MAX_LEN = 2, 24
VOCAB_MAX = 20000  # words kept (most documents first): a huge library's long tail is names and typos
NEIGHBOUR_MIN = 0.5  # word-to-word cosine below this is no synonym
# A neighbour must also be about the question as a whole ("belt" → "muscle" is no help in a question about years
# of experience), which also picks among close neighbours of a short or misspelt word.
CONTEXT_MIN = 0.2
CONTEXT_WEIGHT = 0.5
PER_WORD = 2
ABBREVIATION_LEN = (3, 4)
ACRONYM_WORDS = (3, 5)  # a run of this many question words may be spelled out as an acronym
# An acronym's vector is far from its words' ("gpa" / "grade point average" 0.46, "mse" / "mean squared error" 0.31);
# initials that spell an unrelated word sit below 0.25 on the evaluation questions.
ACRONYM_MIN = 0.3


# Everyday names job seekers use for things career articles name otherwise, one group of interchangeable phrases per
# line. The embedding bridge (``Vocabulary.bridge``) only joins single words no article uses, by nearness that
# favours spelling ("cv" is nearer "cvr", a conversion rate, than "resume"); "pay" and "motivation" are library words,
# and "motivation letter" or "architecture round" only mean "cover letter" or "system design interview" as phrases.
# Data, not code: a group is only a list of names for one thing; ``Vocabulary.in_library_words`` puts the one the
# library uses.
STAND_INS: tuple[tuple[str, ...], ...] = (
    ("resume", "cv", "curriculum vitae"),
    ("cover letter", "motivation letter", "covering letter", "motivation note"),
    ("salary", "pay", "compensation", "wage", "remuneration"),
    ("recruiter", "hiring manager", "talent acquisition", "hr"),
    ("manager", "boss", "supervisor", "line manager"),
    ("co-workers", "coworker", "colleague", "teammate"),
    ("system design", "architecture round", "architecture interview", "design round"),
    ("coding interview", "programming round", "programming interview", "live coding", "coding round"),
    ("behavioral", "behavioural", "soft-skills interview", "soft skills interview"),
    ("job description", "job ad", "job posting", "job listing", "job advert"),
    ("negotiate", "haggle", "bargain"),
    ("mock interview", "practice interview"),
    ("working from home/remotely", "remote work", "work remotely", "work from home"),
    ("junior", "entry-level", "fresh grad", "new grad", "graduate role"),
)
_STAND_IN_PATTERNS = [[re.compile(rf"(?<![\w-]){re.escape(p)}(?:s|es)?(?![\w-])", re.I) for p in group]
                      for group in STAND_INS]
# Uses of a STAND_INS phrase that name something else: "pay" is a salary, but "do I have to pay for it?" is the
# asker spending money (a course's price), and reading it as "salary" pulled the question to negotiation passages.
_AUXILIARY = r"(?:(?:have|need|got)\s+to|must|should|still|also|ever|even)"
NOT_NAMED = {
    "pay": re.compile(rf"\b(?:I|we)(?:'d|'ll)?(?:\s+{_AUXILIARY})*\s+pay\b|\bpay(?:s|ing)?\s+for\b", re.I),
}


def _used(text: str) -> list[tuple[int, list[int]]]:
    """(group index, indices of its phrases ``text`` uses) for each ``STAND_INS`` group ``text`` names; a phrase used
    in a sense ``NOT_NAMED`` sets apart ("do I have to pay for it?") names nothing."""
    out = []
    for g, patterns in enumerate(_STAND_IN_PATTERNS):
        used = [i for i, pattern in enumerate(patterns) if pattern.search(text) and not (
            STAND_INS[g][i] in NOT_NAMED and NOT_NAMED[STAND_INS[g][i]].search(text))]
        if used:
            out.append((g, used))
    return out


def stand_ins(text: str) -> list[tuple[tuple[str, ...], list[str]]]:
    """Each ``STAND_INS`` group ``text`` names, with the phrases of it that ``text`` uses."""
    return [(STAND_INS[g], [STAND_INS[g][i] for i in used]) for g, used in _used(text)]


def question_words(text: str) -> list[str]:
    """The words of ``text`` as the vocabulary reads them (``Vocabulary.unknown``), in order, as written."""
    return _QUERY_WORD.findall(text)


def document_words(texts) -> set[str]:
    """The distinct lower-case words of one article's chunk texts (no stop words, no numbers)."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in _WORD.findall((text or "").lower()) if MIN_LEN <= len(w) <= MAX_LEN)
    return words - _STOP


@dataclass
class Vocabulary:
    """The library's words, their stems, and (once embedded) one unit vector per word."""

    words: list[str] = field(default_factory=list)
    stems: frozenset[str] = frozenset()
    matrix: np.ndarray | None = None
    _by_initial: dict[str, list[int]] | None = field(default=None, repr=False)  # first letter -> rows (built once)
    _row: dict[str, int] | None = field(default=None, repr=False)  # word -> row (built once)
    counts: dict[str, int] = field(default_factory=dict, repr=False)  # word -> documents using it
    stem_counts: dict[str, int] = field(default_factory=dict, repr=False)
    _heads: list[int | None] | None = field(default=None, repr=False)  # STAND_INS group -> library name (built once)

    @classmethod
    def of(cls, per_doc: dict[str, set[str]], previous: "Vocabulary | None" = None,
           removed: tuple[set[str], ...] = ()) -> "Vocabulary":
        """The vocabulary of ``per_doc``; with ``previous``, only the ``removed`` documents' word sets and those of
        ``per_doc`` are counted (``per_doc`` then holds the changed documents only), so a change to a big library
        costs its own words, not the whole library's."""
        counts = Counter(previous.counts if previous is not None else ())
        stem_counts = Counter(previous.stem_counts if previous is not None else ())
        for words in removed:
            counts.subtract(words)
            stem_counts.subtract(map(_stem, words))
        for words in per_doc.values():
            counts.update(words)
            stem_counts.update(map(_stem, words))
        if removed:  # unary plus drops the words no document uses any more
            counts, stem_counts = +counts, +stem_counts
        words = heapq.nsmallest(VOCAB_MAX, counts, key=lambda w: (-counts[w], w))
        return cls(words=words, stems=frozenset(stem_counts), counts=counts, stem_counts=stem_counts)

    def unknown(self, question: str) -> list[str]:
        """Words of ``question`` (lower case) whose stem no article uses. A hyphenated compound is known when the
        articles use it whole or use each of its words ("soft-skills" reads as "soft skills"); one with a part too
        short to stand alone ("k-fold", "S-shaped") is taken whole. The words of another name for a thing the library
        names (``STAND_INS``: "CV", "behavioural") are known: the library covers what they name, and their spelling
        neighbours ("cvr") would only add noise."""
        named = {w.lower() for _, p in self._named(question)
                 for m in p.finditer(question) for w in question_words(m[0])}
        out = []
        for w in question_words(question):
            low = w.lower()
            if len(low) >= 2 and low not in _STOP and _stem(low) not in self.stems and low not in out \
                    and low not in named and not self._known_compound(low):
                out.append(low)
        return out

    def rows(self, words) -> np.ndarray | None:
        """The stored unit vectors of those of ``words`` the library uses (lower case), one per row; None when the
        library's words are not embedded."""
        if self.matrix is None:
            return None
        if self._row is None:
            self._row = {w: i for i, w in enumerate(self.words)}
        return self.matrix[[self._row[w] for w in dict.fromkeys(words) if w in self._row]]

    def _known_compound(self, word: str) -> bool:
        parts = [p for p in re.split(r"[-']", word) if p and p not in _STOP]
        return "-" in word and len(parts) > 1 and all(len(p) >= 3 and _stem(p) in self.stems for p in parts)

    def _expansions(self, word: str) -> list[int]:
        """Rows of the library words that ``word`` (3-4 letters) abbreviates: same first letter, its letters in
        order, longer."""
        if not (ABBREVIATION_LEN[0] <= len(word) <= ABBREVIATION_LEN[1]) or not word.isalpha():
            return []
        if self._by_initial is None:
            by_initial: dict[str, list[int]] = {}
            for i, w in enumerate(self.words):
                by_initial.setdefault(w[0], []).append(i)
            self._by_initial = by_initial
        pattern = re.compile("".join(f"[a-z'-]*{re.escape(ch)}" for ch in word[1:]))
        return [i for i in self._by_initial.get(word[0], []) if len(self.words[i]) > len(word) + 1
                and pattern.match(self.words[i], 1)]

    def acronyms(self, question: str, encode, question_vector: np.ndarray | None = None) -> list[str]:
        """Library words spelled by the initials of a run of the question's words and meaning the same ("grade point
        average" → "gpa", "applicant tracking system" → "ats"): the reverse of ``_expansions``. Initials often spell
        an unrelated word ("technical round usually" → "lot"): the word's vector must be near the phrase's (and, given
        ``question_vector``, about the question as a whole, like any bridge word)."""
        if self.matrix is None:
            return []
        found = self._acronym_phrases(question)
        if not found:
            return []
        phrases = encode(list(found.values()))
        rows = {w: self.matrix[self._row[w]] for w in found}
        return [w for w, vec in zip(found, phrases) if float(rows[w] @ vec) >= ACRONYM_MIN and (
            question_vector is None or float(rows[w] @ question_vector) >= CONTEXT_MIN)]

    def _acronym_phrases(self, question: str) -> dict[str, str]:
        """Library words spelled by the initials of a run of the question's words -> that run (not yet checked by
        meaning)."""
        words = [w.lower() for w in question_words(question)]
        words = [w for w in words if w not in _STOP]
        asked = set(words)
        if self._row is None:
            self._row = {w: i for i, w in enumerate(self.words)}
        found: dict[str, str] = {}  # initials -> the phrase they abbreviate
        for n in range(ACRONYM_WORDS[1], ACRONYM_WORDS[0] - 1, -1):
            for i in range(len(words) - n + 1):
                initials = "".join(w[0] for w in words[i:i + n])
                if initials in self._row and initials not in asked and initials not in found:
                    found[initials] = " ".join(words[i:i + n])
        return found

    def in_library_words(self, question: str) -> str | None:
        """``question`` with each thing named in the library's own name ("… on my CV?" → "… on my resume?"), or
        None when it names nothing otherwise."""
        out = question
        for name, pattern in self._named(question):
            out = pattern.sub(name, out)
        return out if out != question else None

    def _named(self, question: str) -> list[tuple[str, re.Pattern]]:
        """(the library's name, the pattern of the question's other name) for each ``STAND_INS`` group the question
        names by another name than the library's: the group's first phrase whose every word the library uses. A
        question already using the library's name is left alone ("cover letter" does not bring "motivation"), and so is a
        phrase used in another sense (``_used``)."""
        if self._heads is None:
            self._heads = [next((i for i, name in enumerate(group) if self._uses(name)), None) for group in STAND_INS]
        out = []
        for g, used in _used(question):
            group, head = STAND_INS[g], self._heads[g]
            if head is None or head in used:
                continue
            out += [(group[head], _STAND_IN_PATTERNS[g][i]) for i in used]
        return out

    def _uses(self, phrase: str) -> bool:
        words = [w for w in _WORD.findall(phrase.lower()) if w not in _STOP]
        return bool(words) and all(_stem(w) in self.stems or w in self.counts for w in words)

    def bridge_texts(self, question: str) -> list[str]:
        """The texts ``bridge(question, ...)`` encodes (acronym phrases, unknown words), so that a caller can encode
        them in one model call with the question: every call costs ~5 ms before its first token."""
        if self.matrix is None or not len(self.words):
            return []
        return [*self._acronym_phrases(question).values(), *self.unknown(question)]

    def bridge(self, question: str, encode, question_vector: np.ndarray | None = None) -> list[str]:
        """Library words standing in for the question's unknown words, best first (at most ``PER_WORD`` each), after
        the acronyms of its phrases (``acronyms``).

        ``encode`` maps texts to unit vectors (cached); ``question_vector`` (the whole question) breaks ties between
        neighbours of a short or ambiguous word in favour of the ones about the question's topic.
        """
        if self.matrix is None or not len(self.words):
            return []
        out: list[str] = self.acronyms(question, encode, question_vector)
        unknown = self.unknown(question)
        if not unknown:
            return out
        vecs = encode(unknown)
        context = self.matrix @ question_vector if question_vector is not None else None
        for word, vec in zip(unknown, vecs):
            sims = self.matrix @ vec
            top = np.argpartition(-sims, min(8, len(sims) - 1))[:8]
            scored = []
            for i in top:
                if sims[i] < NEIGHBOUR_MIN or context is not None and context[i] < CONTEXT_MIN:
                    continue
                score = float(sims[i]) + (CONTEXT_WEIGHT * float(context[i]) if context is not None else 0.0)
                scored.append((score, self.words[int(i)]))
            if context is not None:
                # An abbreviation ("yrs", "ppl", "mgr") is the library word that spells its letters in order and
                # fits the question best; single-word vectors of abbreviations are poor.
                for i in self._expansions(word):
                    if context[i] >= CONTEXT_MIN:
                        scored.append((NEIGHBOUR_MIN + CONTEXT_WEIGHT * float(context[i]), self.words[i]))
            scored.sort(reverse=True)
            stems = {_stem(w) for w in out}
            taken = 0
            for _, w in scored:
                if taken < PER_WORD and _stem(w) not in stems:  # "regularization(s)" is one word for BM25
                    out.append(w)
                    stems.add(_stem(w))
                    taken += 1
        return out
