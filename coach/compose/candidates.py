"""The quotable sentences of the retrieved chunks (``Cand``), without headings, lead-ins, adverts and
placeholders; a BAD/GOOD pair is one candidate.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from coach.adverts import attribution, promo_sentence, promotional, sponsored
from coach.models import Chunk
from coach.text import split_sentences
from coach.vocabulary import stand_ins
from coach.compose.records import Cand, Hit
from coach.compose.words import _stems
from coach.compose.cues import _ANAPHOR, _LABEL, _SHORT_QUESTION, _SKIP, _YES_NO_WORD
from coach.compose.lines import _counted_list, _pointer_lines, _sample_lines, _with_items, open_statement


def leans_back(sentence: str) -> bool:
    """The sentence's subject is an anaphor or a pointer to the page: read alone, it is about something unnamed."""
    return bool(_ANAPHOR.match(sentence))


@lru_cache(maxsize=4096)  # every answer reads the same retrieved chunks again
def _units(text: str) -> tuple[tuple[int, str], ...]:
    """The sentences of a chunk, each with its line's index among the non-empty lines (``Cand.si`` indexes these)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return tuple((li, s.strip()) for li, line in enumerate(lines) for s in split_sentences(line))


def sentence_before(chunk: Chunk, si: int) -> tuple[int, str] | None:
    """(line index, text) of the sentence before the ``si``-th one of ``chunk``; None for its first."""
    units = _units(chunk.text)
    return units[si - 1] if 0 < si <= len(units) else None


def is_promotion(chunk: Chunk) -> bool:
    """A sponsored section or an advert: never retrieved, never quoted."""
    return _sponsored_head(chunk.section, chunk.text[:300])


@lru_cache(maxsize=8192)  # every answer checks its few dozen candidate chunks again
def _sponsored_head(section: str | None, head: str) -> bool:
    return sponsored(section, head)


def _library_names(question: str, cands: Sequence[Cand], hits: Sequence[Hit]) -> tuple[str, frozenset[str]]:
    """(the passages' names for the things the question names by another name, the word keys of the question's own
    names they stand in for): "Any pitfalls with my CV?" -> ("resume", {"cv"}) when the retrieved passages say
    "resume". Only names whose every word the passages or their headings use are taken."""
    named = stand_ins(question)
    if not named:
        return "", frozenset()
    seen = set().union(*(_stems(c.text) for c in cands), *(_stems(f"{h.chunk.title} {h.chunk.section or ''}")
                                                             for h in hits))
    extra: list[str] = []
    spoken: set[str] = set()
    for group, used in named:
        others = [p for p in group if p not in used and _stems(p) and _stems(p) <= seen]
        if others:
            extra += others
            spoken |= set().union(*map(_stems, used)) - set().union(*map(_stems, others))
    return " ".join(extra), frozenset(spoken)


def _candidates(hits: Sequence[Hit], wants_products: bool = False) -> list[Cand]:
    """Every quotable sentence of the hits. Headings, lead-ins ending in ":", promotion and sponsored chunks are left
    out, and so is a sentence that names a product (a course, a playbook, a link) unless the question asks for
    resources; a BAD/GOOD pair becomes one candidate (the mistake, with its fix)."""
    out: list[Cand] = []
    for hi, hit in enumerate(hits):
        if is_promotion(hit.chunk) or _filler(hit.chunk.text):
            continue
        skip = {(hit.chunk.title or "").strip().lower(), (hit.chunk.section or "").strip().lower()}
        lines = [ln for ln in hit.chunk.text.splitlines() if ln.strip()]
        itemlike = len(lines) >= 3 and sorted(len(ln) for ln in lines)[len(lines) // 2] <= 160
        pointers = _pointer_lines([ln.strip() for ln in lines], hit.chunk.section or "")
        samples = _sample_lines([ln.strip() for ln in lines], hit.chunk.section or "")
        units = _units(hit.chunk.text)
        si = 0
        asked_by, asked_left = None, 0
        while si < len(units):
            li, s = units[si]
            si += 1
            prev_li, prev = units[si - 2] if si >= 2 else (-1, "")
            first = prev_li != li
            if prev.rstrip("*_ ").endswith("?") and prev_li >= li - 1:
                asked_by, asked_left = prev, 3  # the next few sentences answer this in-text question
            short = len(s) < 10 and not _SHORT_QUESTION.match(s)  # "Why Lyft?" is an interview question
            if short or s.lower().rstrip(".:?") in skip or s.lower() in skip or _SKIP.match(s):
                continue
            if s.rstrip("*_ ").endswith(":") and first:
                counted = _counted_list(s, lines, li)
                if counted:  # "There are 2 general methods ...:" is a count's answer together with its items
                    out.append(Cand(hi, si - 1, li, counted, first=True))
                continue
            last = si == len(units) or units[si][0] != li
            if s.rstrip("*_ ").endswith(":") and last:
                # "Paste it into a plain text document! Make edits if:" — a lead-in that ends the paragraph of the
                # sentence before it is the rest of that paragraph's point: quoted with its items, it can follow it.
                led = _with_items(s, lines, li)
                if led:
                    out.append(Cand(hi, si - 1, li, led, first=False, itemlike=itemlike, continues=True))
                continue
            if s.rstrip("*_ ").endswith(":") or _never_quoted(s) or (not wants_products and _names_product(s)):
                continue  # a lead-in ("... include:"), an advert or a "Source: X" credit is never the answer
            label = _LABEL.match(s)
            if label:
                if label.group(1).upper() == "GOOD":
                    out.append(Cand(hi, si - 1, li, f"Better: {s[label.end():]}", fix=s[label.end():]))
                    continue
                bad = s[label.end():]
                nxt = units[si][1] if si < len(units) else ""
                good = _LABEL.match(nxt)
                fix = nxt[good.end():] if good and good.group(1).upper() == "GOOD" else None
                if fix:
                    si += 1
                    out.append(Cand(hi, si - 2, li, f"Mistake to avoid: {bad} Better: {fix}", fix=fix))
                else:
                    out.append(Cand(hi, si - 1, li, f"Mistake to avoid: {bad}"))
                continue
            asked = asked_by if asked_left > 0 else None
            asked_left -= 1
            if last:
                s = open_statement(s, lines, li) or s  # "A good format to use would be" + the template it introduces
            out.append(Cand(hi, si - 1, li, s, question=s.rstrip("*_ ").endswith("?"), asked=asked, first=first,
                            itemlike=itemlike, pointer=li in pointers, sample=li in samples))
    return out


@lru_cache(maxsize=16384)  # every answer checks the same retrieved sentences again
def _never_quoted(sentence: str) -> bool:
    """An advert sentence or a "Source: X" credit."""
    return promo_sentence(sentence) or attribution(sentence)


@lru_cache(maxsize=16384)
def _names_product(sentence: str) -> bool:
    return promotional(sentence)


def _filler(sentence: str) -> bool:
    """A passage that carries nothing to quote: a placeholder of one or two words ("Answer here", "TBD")."""
    words = re.findall(r"[\w'-]+", sentence)
    return len(words) < 3 and not re.search(r"\d", sentence) and not _YES_NO_WORD.match(sentence)
