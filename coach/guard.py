"""Faithfulness guard: every number, range or amount in an answer must occur in a source the answer cites."""
from __future__ import annotations

import re
from typing import Sequence

from coach.models import Source

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "hundred": 100,
}
_CITE = re.compile(r"\[(\d{1,3})\]")
# A quantity: optional currency, digits (with thousands separators/decimals) or a number word, optional k/m scale.
_NUM = (
    r"(?:[$€£]\s?)?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:" + "|".join(_WORDS) + r"))"
    r"(?:\s?(?:k|K|m|M|million|thousand)\b)?%?"
)
_RANGE_SEP = r"\s*(?:-|–|—|to|and)\s*"
_QUANTITY = re.compile(rf"(?<![\w.]){_NUM}(?:{_RANGE_SEP}{_NUM})?(?![\w])", re.IGNORECASE)
_SPLIT_RANGE = re.compile(r"\s*(?:-|–|—|\bto\b|\band\b)\s*", re.IGNORECASE)


def _value(token: str) -> float | None:
    t = token.strip().lower().lstrip("$€£").strip().rstrip("%")
    scale = 1.0
    for suffix, mult in (("million", 1e6), ("thousand", 1e3), ("k", 1e3), ("m", 1e6)):
        if t.endswith(suffix) and t[: -len(suffix)].strip()[:1].isdigit():
            t, scale = t[: -len(suffix)].strip(), mult
            break
    if t in _WORDS:
        return float(_WORDS[t]) * scale
    try:
        return float(t.replace(",", "")) * scale
    except ValueError:
        return None


def quantities(text: str) -> list[tuple[str, tuple[float, ...]]]:
    """Numbers and ranges in ``text`` as (surface form, values); citation markers like ``[2]`` are ignored."""
    text = _CITE.sub(" ", text)
    found: list[tuple[str, tuple[float, ...]]] = []
    for m in _QUANTITY.finditer(text):
        surface = m.group(0).strip()
        parts = [p for p in _SPLIT_RANGE.split(surface) if p]
        values = tuple(v for v in (_value(p) for p in parts) if v is not None)
        if not values:
            continue
        # "two and three" style pairs that are not numeric ranges: keep each number on its own.
        if len(values) == 2 and not re.search(r"\d", surface) and " and " in surface.lower():
            found.extend((p, (v,)) for p, v in zip(parts, values))
            continue
        found.append((surface, values[:2]))
    return found


def _supported(values: tuple[float, ...], pool: set[tuple[float, ...]], singles: set[float]) -> bool:
    if len(values) == 1:
        return values[0] in singles
    return values in pool


def _sentences(answer: str) -> list[str]:
    """Answer sentences with their citation markers; a marker after the full stop ("... year. [1]") stays with
    the sentence before it."""
    pieces = [p for p in re.split(r"(?<=[.!?\]”\"])\s+|\n+", answer) if p.strip()]
    out: list[str] = []
    for p in pieces:
        lead = re.match(r"^((?:\[\d{1,3}\]\s*)+)", p)
        if lead and out:
            out[-1] += " " + lead.group(1).strip()
            p = p[lead.end():]
        if p.strip():
            out.append(p)
    return out


def unsupported_numbers(answer: str, sources: Sequence[Source]) -> list[str]:
    """Numbers, ranges and amounts in ``answer`` that no cited source contains (empty list = faithful).

    Each sentence is checked against the sources it cites (their text and section heading); a sentence without a
    marker is checked against all sources the answer cites (or all sources when it cites none). A range must occur
    as that range.
    """
    by_n = {s.n: s for s in sources}
    cited_all = {int(n) for n in _CITE.findall(answer) if int(n) in by_n}
    default = [by_n[n] for n in sorted(cited_all)] or list(sources)
    bad: list[str] = []
    for sentence in _sentences(answer):
        cited = [by_n[int(n)] for n in _CITE.findall(sentence) if int(n) in by_n] or default
        pool: set[tuple[float, ...]] = set()
        singles: set[float] = set()
        for src in cited:
            for _, vals in quantities(f"{src.section or ''}\n{src.text}"):  # the heading is the article's too
                pool.add(vals)
                singles.update(vals)
        for surface, vals in quantities(sentence):
            if not _supported(vals, pool, singles) and surface not in bad:
                bad.append(surface)
    return bad
