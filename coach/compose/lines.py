"""The line structure of a chunk: lead-ins and the items after them, labelled items, lists that only point
to material (resources, page titles), samples the article gives (``quoted_samples``: labelled as its examples).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from coach.models import Chunk
from coach.compose.records import Cand, Hit
from coach.plan import NUMBER_WORDS
from coach.text import split_sentences
from coach.compose.cues import _ASKS_PRODUCTS, advises

_TITLE_WORD = re.compile(r"[A-Za-z][\w'&+#.-]*")
_TITLE_SMALL = frozenset("a an the of and or for to in on at by with from vs via your my our".split())


@lru_cache(maxsize=16384)
def title_only(line: str) -> bool:
    """Whether a line only names something — a page, a course, a link's text ("AlgoMonster", "Grokking the Coding
    Interview: Patterns for Coding Questions") — instead of saying anything: a few words, each capitalised but for
    small ones, and no sentence ending. A statement ("Pick a good programming language to use") has lowercase words."""
    text = line.strip().strip("*_ ")
    words = _TITLE_WORD.findall(text)
    if not words or len(words) > 12 or text.endswith(("?", "!")) or re.search(r"\.\s|[;,]", text):
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


_NUMBERED = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})\s+(?:[\w-]+\s+){{0,2}}[a-z]+s\b", re.I)


def _counted_list(lead: str, lines: list[str], li: int) -> str | None:
    """"There are 2 general methods: A; B." — a lead-in that counts the short items following it, quoted with them
    (alone it would be a lead-in ending in ":"); None when it counts nothing or no short items follow."""
    if not _NUMBERED.search(lead):
        return None
    return _with_items(lead, lines, li)


def _with_items(lead: str, lines: list[str], li: int) -> str | None:
    """A lead-in ending in ":" quoted with the short items on the lines after it ("Make edits if: A; B; C."), so that
    it is no lead-in ending in ":" any more; None when it is long or fewer than two short items follow."""
    if len(lead) > 200:
        return None
    items = []
    for line in lines[li + 1:li + 9]:
        text = line.strip().lstrip("-*• ").strip()
        if not text or len(text) > 160 or text.rstrip("*_ ").endswith(":"):
            break
        items.append(text.rstrip(".;, "))
    if len(items) < 2:
        return None
    return f"{lead.rstrip('*_ ')} {'; '.join(items)}."


# A line that stops mid-statement, its last word one that cannot end a sentence ("A good format to use would be"):
# the statement goes on in the next line (a template or quote set apart), which the article's Markdown lost the marks
# of. The words are function words (copulas, prepositions, articles), a closed class.
_OPEN_END = re.compile(r"\b(?:be|is|are|was|were|to|of|the|a|an|with|as|like|by|for|into|from|such as|following)\s*$",
                       re.I)


def open_statement(sentence: str, lines: list[str], li: int) -> str | None:
    """The last sentence of line ``li`` together with the next line, when the sentence stops mid-statement (see
    ``_OPEN_END``) and a short line follows; None otherwise."""
    if li + 1 >= len(lines) or not _OPEN_END.search(sentence):
        return None
    rest = lines[li + 1].strip().lstrip("-*• ").strip()
    return f"{sentence} {rest}" if 0 < len(rest) <= 200 else None


_ITEM_LABEL = re.compile(r"^\W*[A-Z][\w /&'-]{1,40}?\s(?:-|–|—)\s+\S|^\W*[A-Z][\w /&'-]{1,40}?:\s+\S")


def opens_with_item(text: str) -> bool:
    """Whether a chunk starts inside a list of labelled items ("Testing - Ability to ..."): one of its first two
    lines is one (the first may be the sentence repeated from the previous chunk), and it holds two or more."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return any(_ITEM_LABEL.match(ln) for ln in lines[:2]) and sum(bool(_ITEM_LABEL.match(ln)) for ln in lines) >= 2


def _items_after(lines: list[str], li: int) -> list[int]:
    """Line indices of the items that follow the lead-in at ``li`` (up to the next lead-in); with no lead-in
    (``li`` = -1 for a heading's own list), its labelled lines."""
    if li < 0:
        lead = next((j for j, ln in enumerate(lines) if ln.rstrip("*_ ").endswith(":")), None)
        if lead is None:
            return [j for j, ln in enumerate(lines) if _ITEM_LABEL.match(ln)]
        li = lead
    items = []
    for j in range(li + 1, len(lines)):
        if lines[j].rstrip("*_ ").endswith(":") or len(lines[j]) > 400:
            break
        items.append(j)
    return items


def _lead_items(chunk: Chunk, li: int) -> list[str]:
    """The item lines of the list led in at line ``li`` of ``chunk`` (see ``_items_after``)."""
    lines = [ln.strip() for ln in chunk.text.splitlines() if ln.strip()]
    return [lines[j] for j in _items_after(lines, li)]


# A table row as the Markdown parser writes it: "first cell — Header 2: cell; Header 3: cell".
_TABLE_ROW = re.compile(r"^[^—\n]{1,160} — [^:;\n]{1,60}: \S")


def _points_elsewhere(lead: str, items: Sequence[str]) -> bool:
    """A list that points to material instead of giving advice: its lead-in introduces resources ("there are
    already excellent preparation resources ...:", "I recommend referring to the following cheatsheets:") or every
    item only names a page or product (a link's title). It answers "which resources", not "how do I". Rows of a
    table state what each row's columns hold, whatever their lead-in ("the order recommended by recruiters:")."""
    if items and all(_TABLE_ROW.match(x) for x in items):
        return False
    lead = (split_sentences(lead) or [lead])[-1] if lead else ""
    return bool(lead and _ASKS_PRODUCTS.search(lead)) or len(items) >= 2 and all(
        title_only(x.lstrip("-*• ")) for x in items)


# An item that describes a page rather than advising: "Coding interview techniques: how to find a solution ...",
# "Algorithms cheatsheets - including the must-remembers ...".
_PAGE_ITEM = re.compile(r"^\W*[^:.;]{2,60}?(?::|\s[-–—])\s+(?:how to|including|covers?|contains?|everything you)\b", re.I)


def _pointer_lines(lines: list[str], section: str = "") -> set[int]:
    """Indices of the lines of a chunk that only point to material: every line of a section headed as resources
    ("Quality resources", "Books"), the items of a list led in as resources or made of page titles
    (``_points_elsewhere``), and items that describe a page (``_PAGE_ITEM``)."""
    if _ASKS_PRODUCTS.search(section) or re.fullmatch(r"\W*(?:further |recommended )?reading\W*", section, re.I):
        return set(range(len(lines)))
    out = {li for li, line in enumerate(lines) if _PAGE_ITEM.match(line)}
    for li, line in enumerate(lines):
        if line.rstrip("*_ ").endswith(":"):
            items = _items_after(lines, li)
            if _points_elsewhere(line, [lines[j] for j in items]):
                out.update(items)
    return out


# What the article gives as a sample rather than as its own advice: the lines after a label that introduces samples
# ("Example", "Some examples:", "Example of an ML Engineer Cover Letter:"), a line opened by such a label ("Example:
# For a search query ..."), and every line of a section headed as samples ("Cover letter example and evaluation").
# The words name the general class of samples (example, sample, template), not any article's content.
_SAMPLE = r"(?:examples?|samples?|templates?)"
_SAMPLE_LABEL = re.compile(
    rf"^\W*(?:(?:some|an?|the|here(?:'s| is| are)(?: an?| some)?)\s+)?{_SAMPLE}\b(?:[^.!?:]{{0,60}}:)?\W*$", re.I)
_SAMPLE_OPENER = re.compile(rf"^\W*(?:an?\s+)?{_SAMPLE}(?:\s+of\s+[\w ]{{1,40}}?)?\s*:\s*\S", re.I)
_SAMPLE_WORD = re.compile(rf"\b{_SAMPLE}\b", re.I)


def names_samples(text: str) -> bool:
    """Whether a heading or a question names samples ("Cover letter example", "show me a sample answer")."""
    return bool(_SAMPLE_WORD.search(text))


def _sample_lines(lines: list[str], section: str = "") -> set[int]:
    """Indices of the lines of a chunk that the article gives as samples (see ``_SAMPLE_LABEL``): quoted as the
    article's advice they answer nothing ("2016 | Best All-Round Product …" for how to write up a prize, next to the
    format it illustrates). A heading of one word ("Example") heads a worked example whose lines still advise."""
    heading = re.sub(r"^\W*\d+[.)]?\s*", "", section)
    if names_samples(heading) and len(heading.split()) > 1 and not advises(heading):
        return set(range(len(lines)))  # (not "Come up with more examples": advice about making examples)
    out: set[int] = set()
    inside = False
    for li, line in enumerate(lines):
        if _SAMPLE_LABEL.match(line):
            inside = True  # the sample runs to the next lead-in ("List of top accomplishments, including:")
        elif inside and line.rstrip("*_ ").endswith(":"):
            inside = False
        elif inside or _SAMPLE_OPENER.match(line):
            out.add(li)
    return out


SAMPLE_LABEL = "Example from the article"
SAMPLE_QUESTION_LABEL = "Example question from the article"


def quoted_samples(cands: list[Cand], hits: Sequence[Hit]) -> list[Cand]:
    """``cands`` with each sentence its chunk holds as a quoted sample (``Chunk.samples``: a blockquoted answer, letter,
    entry or question) marked ``sample`` and labelled as the article's example (“Example from the article: “…””), so
    that a sample answer's "I am a hard worker …" is never quoted as if the article advised it."""
    out = []
    for c in cands:
        if c.text in hits[c.hi].chunk.samples:
            label = SAMPLE_QUESTION_LABEL if c.question else SAMPLE_LABEL
            c = replace(c, sample=True, text=f"{label}: “{c.text}”")
        out.append(c)
    return out
