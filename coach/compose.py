"""Extractive answers: pick 1-4 sentences of the retrieved chunks that answer the question and cite each [n].

Sentences are quoted verbatim (numbers, ranges and amounts stay exactly as the article wrote them). Scoring mixes
embedding similarity to the standalone question, lexical overlap, question-type cues (durations for "how long",
money for "pay", counts for "how many rounds") and the retrieval evidence of the chunk. When the question names two
or more roles, each named role gets at least one sentence.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from coach.models import Chunk, Role, Source
from coach.roles import role_mentions
from coach.scope import known_company_mentions
from coach.store.bm25 import tokenize
from coach.text import split_sentences

MAX_SENTENCES = 4
MAX_CHARS = 650
EMBED_LIMIT = 10

# Question-type cues: (question pattern, sentence pattern, bonus)
_MONEY = re.compile(r"[$€£]\s?\d")
_DURATION = re.compile(r"\b\d+(?:\s?(?:-|–|to)\s?\d+)?\s*(?:weeks?|days?|months?|hours?)\b", re.I)
_COUNT = re.compile(r"\b(?:\d+(?:\s?(?:-|–|to)\s?\d+)?|one|two|three|four|five|six|seven|eight)\s+(?:\w+\s+)?"
                    r"(?:rounds?|stages?|interviews?|steps?)\b", re.I)
_QUOTE = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_CUES = [
    (re.compile(r"\b(pay|paid|pays|salar\w*|earn\w*|compensation|comp|make|makes|income|wages?|money|TC|"
                r"package)\b", re.I), _MONEY, 0.35),
    (re.compile(r"\bhow long\b|\bduration\b|\btime ?(?:frame|line)\b|\bhow (?:quick|fast)\w*\b|\bweeks?\b|"
                r"\bmonths?\b|\btake to\b", re.I), _DURATION, 0.35),
    (re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b", re.I), _COUNT, 0.3),
    (re.compile(r"\bexamples?\b|\bsample\b|\b(?:kind|sort|type)s? of questions?\b|\bquestions? (?:do|does|are|"
                r"get|will)\b|\bprompt\b", re.I), _QUOTE, 0.2),
    (re.compile(r"\bavoid\b|\bmistakes?\b|\bpitfalls?\b|\bwrong\b|\bdon'?t\b", re.I),
     re.compile(r"^\W*(?:BAD|GOOD)\b"), 0.2),
]
# Question words that say "compare": each named role must then be covered.
_SYNONYMS = {
    "pay": ["salary", "salari", "earn", "compensation", "pay", "range"],
    "salary": ["salary", "pay", "range"], "salari": ["salary", "pay", "range"],
    "earn": ["salary", "pay", "range"], "make": ["salary", "pay"], "compensation": ["salary", "pay", "range"],
    "long": ["week", "take"], "stage": ["round"], "step": ["round"], "loop": ["round", "interview"],
    "program": ["cod", "code"], "programmer": ["cod", "code"], "coder": ["cod", "code"],
}
_YES_NO = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|should|will|would|must|have|has)\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\s+((?:[a-z-]+\s+){0,2}[a-z-]+)\b", re.I)
_STOP_NOUNS = frozenset("the a an of do does did should will would can is are in at for".split())


def _stem_noun(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


_ANAPHOR = re.compile(r"^(?:They|Their|Them|It|Its|This|These|Those|That|Both|Such|He|She)\b")
_SKIP = re.compile(r"^(?:faq|tl;?dr|share:?|back to blog|preparation checklist|mistakes to avoid)\W*$", re.I)


@dataclass
class Hit:
    """A retrieved chunk with its evidence: fused score, dense cosine and heading/FAQ-question similarity."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    heading: float = 0.0

    @property
    def relevance(self) -> float:
        return max(self.dense, self.heading)


@dataclass
class Composed:
    text: str
    sentences: list[str]
    sources: list[Source]
    top_score: float = 0.0
    pieces: list[str] = field(default_factory=list)  # answer sentences with their markers, for streaming


class SentenceEmbeddings:
    """Text → vector cache: chunk sentences recur across questions, encoding them again costs ~5 ms each."""

    def __init__(self, embedder, max_items: int = 20000):
        self.embedder = embedder
        self.max_items = max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            found = {t: self._cache[t] for t in dict.fromkeys(texts) if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            vectors = self.embedder.encode(missing)
            found.update(zip(missing, vectors))  # kept locally: another thread may evict them from the cache
            with self._lock:
                for t, v in zip(missing, vectors):
                    self._cache[t] = v
                while len(self._cache) > self.max_items:
                    self._cache.popitem(last=False)
        with self._lock:
            for t in texts:
                if t in self._cache:
                    self._cache.move_to_end(t)
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)


def _stems(text: str) -> set[str]:
    return set(tokenize(text))


# Words every interview article repeats: sharing them does not make a sentence about the question.
_GENERIC = _stems("interview interviews role roles candidate candidates question questions process company job "
                  "position loop typically")


def _topic_stems(question: str, roles: Sequence[Role], companies: Sequence[str]) -> set[str]:
    """What the question asks about: its content words without role/company names and generic interview words."""
    entities = set()
    for s, e, _ in role_mentions(question, list(roles)):
        entities |= _stems(question[s:e])
    for s, e, _ in known_company_mentions(question, companies):
        entities |= _stems(question[s:e])
    return _expanded(_stems(question)) - entities - _GENERIC


def _expanded(tokens: set[str]) -> set[str]:
    out = set(tokens)
    for t in tokens:
        out.update(_SYNONYMS.get(t, []))
    return out


def _candidates(hits: Sequence[Hit]) -> list[tuple[int, int, str]]:
    """(hit index, sentence index, sentence) for every sentence worth quoting."""
    out = []
    for hi, hit in enumerate(hits):
        skip = {(hit.chunk.title or "").strip().lower(), (hit.chunk.section or "").strip().lower()}
        for si, sent in enumerate(split_sentences(hit.chunk.text)):
            s = sent.strip()
            if len(s) < 10 or s.lower() in skip or _SKIP.match(s):
                continue
            if s.rstrip("*_ ").endswith("?"):
                continue  # a heading or FAQ question: never answer a question with a question
            out.append((hi, si, s))
    return out


def _cited(sentence: str, n: int) -> str:
    """Insert the marker before the final full stop so that it stays with its sentence."""
    if sentence.endswith((".", "!")) and not sentence.endswith(".."):
        return f"{sentence[:-1]} [{n}]{sentence[-1]}"
    return f"{sentence} [{n}]"


def compose(question: str, hits: Sequence[Hit], sentence_vectors: SentenceEmbeddings, query_vector: np.ndarray,
            roles: Sequence[Role], companies: Sequence[str] = (), max_chunks: int = 6,
            preferred_roles: Sequence[str] = ()) -> Composed:
    """The extractive answer to ``question`` from ``hits`` (best first); empty text when nothing fits."""
    hits = list(hits)[:max_chunks]
    cands = _candidates(hits)
    if not cands:
        return Composed("", [], [])
    q_tokens = _expanded(_stems(question))
    cues = [(sp, bonus) for qp, sp, bonus in _CUES if qp.search(question)]
    counted = _HOW_MANY.search(question)
    if counted:  # "how many coding problems" counts problems, not rounds
        words = re.findall(r"[a-z]+", counted.group(1).lower())
        words = words[:next((i for i, w in enumerate(words) if w in _STOP_NOUNS), len(words))]
        nouns = [w for w in words if w not in ("interview", "interviews")] or words  # "interview stages" counts stages
        if nouns:
            # "stages" and "steps" are counted in "rounds" too (_SYNONYMS), so count those as well
            stems = {_stem_noun(w) for w in nouns}
            alt = "|".join(re.escape(w) for w in sorted(stems | {x for w in stems for x in _SYNONYMS.get(w, [])}))
            cues = [(p, b) for p, b in cues if p is not _COUNT] + [
                (re.compile(rf"\b\d+(?:\s?(?:-|–|to)\s?\d+)?\s+(?:\w+\s+){{0,2}}(?:{alt})\w*", re.I), 0.3)]
    best_rel = max((h.relevance for h in hits), default=1.0) or 1.0
    yes_no = bool(_YES_NO.match(question))
    lead: dict[int, int] = {}
    for hi, si, _ in cands:
        lead.setdefault(hi, si)

    def prior(hi: int, si: int, sent: str) -> float:
        """Everything but the embedding similarity."""
        hit = hits[hi]
        score = 0.3 * len(q_tokens & _stems(sent)) / max(1, len(q_tokens)) + 0.15 * hit.relevance / best_rel
        score -= 0.02 * hi
        # The answer under a heading or FAQ question that matches the question is the article's own answer.
        score += 0.6 * max(0.0, hit.heading - 0.55)
        if yes_no and hit.heading >= 0.55 and lead[hi] == si:
            score += 0.25  # a yes/no question: the matching answer's lead sentence ("Not in depth.") is the answer
        return score + sum(bonus for pattern, bonus in cues if pattern.search(sent))

    priors = [prior(*c) for c in cands]
    # Embedding a sentence costs 5-40 ms on a busy CPU: embed only the most promising ones; the others keep the
    # lowest similarity seen, so they can still serve as a comparison's second side or as context.
    keep = sorted(range(len(cands)), key=lambda i: -priors[i])[:EMBED_LIMIT]
    sims = dict(zip(keep, sentence_vectors.encode([cands[i][2] for i in keep])
                    @ np.asarray(query_vector, dtype=np.float32)))
    floor = float(min(sims.values()))

    asked = [n for _, _, n in role_mentions(question, list(roles))]
    asked = list(dict.fromkeys(asked)) or list(preferred_roles)
    library_companies = set(companies)
    q_company = next((n for _, _, n in known_company_mentions(question, companies) if n in library_companies), None)

    scored: list[tuple[float, int, int, str, list[str]]] = []
    for i, (hi, si, sent) in enumerate(cands):
        hit = hits[hi]
        score = 0.55 * float(sims.get(i, floor)) + priors[i]
        mentioned = list(dict.fromkeys(n for _, _, n in role_mentions(sent, list(roles))))
        if asked:
            if any(r in mentioned for r in asked):
                score += 0.08
            elif mentioned:
                score -= 0.12  # talks only about roles the user did not ask about
        if q_company and hit.chunk.company and hit.chunk.company.lower() != q_company.lower():
            score -= 0.4
        scored.append((score, hi, si, sent, mentioned))
    scored.sort(key=lambda t: -t[0])

    top = scored[0][0]
    chosen: list[tuple[float, int, int, str, list[str]]] = [scored[0]]

    def redundant(sent: str) -> bool:
        toks = _stems(sent)
        for _, _, _, other, _ in chosen:
            o = _stems(other)
            if len(toks & o) / max(1, min(len(toks), len(o))) > 0.7:
                return True
        return False

    def length() -> int:
        return sum(len(c[3]) for c in chosen)

    # Comparison: make sure every named role is covered by some sentence.
    if len(asked) >= 2:
        for role in asked:
            if any(role in c[4] for c in chosen):
                continue
            for cand in scored:
                if role in cand[4] and cand not in chosen and cand[0] >= 0.5 * top and not redundant(cand[3]):
                    chosen.append(cand)
                    break
    # Further sentences that score close to the best one and are about what was asked (not only the same company).
    topic = _topic_stems(question, roles, companies)
    for cand in scored[1:]:
        if len(chosen) >= MAX_SENTENCES or length() >= MAX_CHARS:
            break
        if cand in chosen or cand[0] < top - 0.1 or redundant(cand[3]):
            continue
        if topic and not topic & _stems(cand[3]) and not any(p.search(cand[3]) for p, _ in cues):
            continue
        if length() + len(cand[3]) > MAX_CHARS:
            continue
        chosen.append(cand)

    # A chosen sentence that opens with "They"/"This" needs the sentence before it, and one whose next sentence
    # continues it that way usually needs that too ("... walk through a real incident. They look for ...").
    by_pos = {(c[1], c[2]): c for c in scored}
    for cand in list(chosen):
        for nb in ((cand[1], cand[2] - 1), (cand[1], cand[2] + 1)):
            other = by_pos.get(nb)
            if other is None or other in chosen or len(chosen) >= MAX_SENTENCES:
                continue
            follower = other if nb[1] > cand[2] else cand
            if _ANAPHOR.match(follower[3]) and length() + len(other[3]) <= MAX_CHARS + 150:
                chosen.append(other)

    # A yes/no question answered from a matching FAQ: its lead sentence ("Not in depth.", "Yes, but ...") is the
    # direct answer, even when a later sentence shares more words with the question.
    if yes_no:
        for cand in list(chosen):
            hi = cand[1]
            first = by_pos.get((hi, lead[hi]))
            if hits[hi].heading >= 0.55 and first is not None and first not in chosen and len(chosen) < MAX_SENTENCES:
                chosen.append(first)

    # Sources numbered best first (by each chunk's best chosen sentence); answer in article order.
    order: list[int] = []
    for cand in chosen:
        if cand[1] not in order:
            order.append(cand[1])
    number = {hi: i + 1 for i, hi in enumerate(order)}
    doc_first = {}
    for hi in order:
        doc_first.setdefault(hits[hi].chunk.doc_id, len(doc_first))
    chosen.sort(key=lambda c: (doc_first[hits[c[1]].chunk.doc_id], hits[c[1]].chunk.position, c[1], c[2]))
    pieces = [_cited(c[3], number[c[1]]) for c in chosen]
    sources = [
        Source(n=number[hi], doc_id=hits[hi].chunk.doc_id, title=hits[hi].chunk.title, path=hits[hi].chunk.path,
               section=hits[hi].chunk.section, text=hits[hi].chunk.text, score=round(hits[hi].relevance, 4))
        for hi in order
    ]
    return Composed(" ".join(pieces), [c[3] for c in chosen], sources, top_score=top, pieces=pieces)
