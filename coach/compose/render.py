"""Cited answer text: sources numbered best first, sentences in article order; the "not exactly this"
answer and the opening sentences of one chunk.
"""
from __future__ import annotations

from typing import Sequence

from coach.models import Source
from coach.plan import NOT_EXACT, PRICE
from coach.compose.records import Cand, Composed, Hit, MAX_CHARS
from coach.compose.cues import _announces

# Naming where the advice is is not giving it: such an answer does not answer exactly what was asked.
POINTERS_ONLY = f"{NOT_EXACT}: it only points to other material on this, not the advice itself."


def _opening(scored: list, hi: int) -> list[Cand]:
    """The first (up to three) answer sentences of hit ``hi``, in order, within the length budget."""
    opening = sorted((t[1] for t in scored if t[1].hi == hi and not t[1].question and not _announces(t[1].text)),
                     key=lambda c: c.si)[:3]
    picked, size = [], 0
    for c in opening:
        if size + len(c.text) > MAX_CHARS and picked:
            break
        picked.append(c)
        size += len(c.text)
    return picked


def _cited(sentence: str, n: int) -> str:
    """Insert the marker before the final full stop so that it stays with its sentence."""
    if sentence.endswith((".", "!")) and not sentence.endswith(".."):
        return f"{sentence[:-1]} [{n}]{sentence[-1]}"
    return f"{sentence} [{n}]"


def _price_heading(kind: str, chosen: list, hits: Sequence[Hit]) -> str:
    """For a price question answered by items whose heading alone states the price ("Free resources"), that heading,
    said before them; else ""."""
    if kind != "price" or any(PRICE.search(t[1].text) for t in chosen):
        return ""
    section = next((hits[t[1].hi].chunk.section for t in chosen if PRICE.search(hits[t[1].hi].chunk.section or "")),
                   None)
    return f"Listed under “{section}”:" if section else ""


def _render(chosen: list[Cand], hits: Sequence[Hit], top: float, prefix: str = "") -> Composed:
    """Cited answer text: sources numbered best first (by each chunk's best chosen sentence), answer in article
    order."""
    seen: set[str] = set()  # overlapping chunks repeat a sentence: quote it once
    chosen = [c for c in chosen if not (c.text in seen or seen.add(c.text))]
    order: list[int] = []
    for c in chosen:
        if c.hi not in order:
            order.append(c.hi)
    number = {hi: i + 1 for i, hi in enumerate(order)}
    doc_first: dict[str, int] = {}
    for hi in order:
        doc_first.setdefault(hits[hi].chunk.doc_id, len(doc_first))
    chosen = sorted(chosen, key=lambda c: (doc_first[hits[c.hi].chunk.doc_id], hits[c.hi].chunk.position, c.hi, c.si))
    pieces = [_cited(c.text, number[c.hi]) for c in chosen]
    if prefix:
        pieces.insert(0, prefix)
    sources = [
        Source(n=number[hi], doc_id=hits[hi].chunk.doc_id, title=hits[hi].chunk.title, path=hits[hi].chunk.path,
               section=hits[hi].chunk.section, text=hits[hi].chunk.text, score=round(hits[hi].relevance, 4))
        for hi in order
    ]
    return Composed(" ".join(pieces), [c.text for c in chosen], sources, top_score=top, pieces=pieces)


def _not_exact(best: tuple, hits: Sequence[Hit], kind: str, why: str | None = None,
               about: str | None = None) -> Composed:
    """The evidence does not carry the asked kind of fact: say so, then what the library does say."""
    return said_not_exactly(_render([best[1]], hits, best[0]), kind, why, about)


def said_not_exactly(out: Composed, kind: str, why: str | None = None, about: str | None = None) -> Composed:
    """``out`` (a rendered answer) as what the library says instead of the asked kind of fact (of ``about``, the
    asked thing, when known)."""
    what = {"count": "number", "duration": "length of time", "length": "size or length", "money": "amount",
            "percent": "percentage", "price": "price", "mistake": "mistake to avoid"}.get(kind, "such fact")
    about = about or "it"
    prefix = f"{NOT_EXACT}: {why or f'it gives no {what} for {about}'}. The closest passage says"
    text = f"{prefix}: “{' '.join(out.pieces)}”"
    return Composed(text, out.sentences, out.sources, top_score=out.top_score, pieces=[text])
