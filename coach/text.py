"""Small text utilities shared by ingest, retrieval and compose: the ONE sentence splitter and stable hashing."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache, wraps
from typing import Callable, TypeVar

T = TypeVar("T")
CACHED_CHARS = 4000  # texts up to this long (chunks, sentences) are worked on once and the result kept


def cache_short_texts(maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Memoise a function of one text for chunk-sized texts (up to ``CACHED_CHARS``); longer texts (whole documents
    at ingest) are computed every time and never kept. The function must return an immutable value."""
    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(text: str) -> T:
            return cached(text) if len(text) <= CACHED_CHARS else fn(text)

        return call

    return wrap

# Tokens that end with a period but do not end a sentence (compared lower-cased, without the final period).
# "etc." is not listed: before a capitalised word it almost always does end the sentence.
_ABBREVIATIONS = frozenset(
    """e.g i.e vs approx cf mr mrs ms dr prof sr jr st inc ltd co corp dept
    jan feb mar apr jun jul aug sep sept oct nov dec mt u.s u.k a.k.a p.s ph.d m.s b.s""".split()
)
_BEFORE_NUMBER = frozenset({"no", "nos", "fig", "p", "pp", "vol", "ch", "sec"})  # "No. 5", but "I said no. Then"

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace, then something that can
# start a sentence (capital, digit, currency, opening quote or bracket, bullet).
_BOUNDARY = re.compile(r"""(?<=[.!?…])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9$£€•])""")
_WORD_BEFORE = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences.

    Line breaks always end a sentence (cleaned text keeps one paragraph or list item per line). Periods inside
    numbers ("3.5", "$160,000 - $220,000"), after abbreviations ("e.g.", "vs.", "Dr.") and after single-letter
    initials do not split.
    """
    # Answers split the same retrieved chunks again and again: chunk-sized texts come from a bounded cache.
    return list(_sentences(text))


@cache_short_texts(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            head = line[start : m.start()].rstrip("\"'”’)]")
            word = _WORD_BEFORE.search(head)
            if word and head.endswith("."):
                token = word.group(1).lstrip("(\"'“‘").rstrip(".").lower()
                if token in _ABBREVIATIONS:
                    continue
                if token in _BEFORE_NUMBER and line[m.end() : m.end() + 1].isdigit():
                    continue
                if len(token) == 1 and token.isalpha():  # an initial such as "J. Smith"
                    continue
            piece = line[start : m.start() + len(m.group(0).rstrip())].strip()
            if piece:
                out.append(piece)
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return tuple(out)


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return re.sub(r"\s+", " ", text).strip()


def stable_id(*parts: str, length: int = 16) -> str:
    """Hex digest of the parts: the same content always gets the same id (idempotent re-ingest)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]
