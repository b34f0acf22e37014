"""The general rubric: mistakes an article warns about, wherever it states them (besides BAD/GOOD pairs, which
``ingest.structure`` finds).

Kinds (see ``RubricItem.kind``):
- ``dont``: a heading or list item phrased as a prohibition ("Don't …", "Do not …", "Never …", "Avoid …"), or any
  item of a "Don'ts" list;
- ``pitfall``: an item of a "Common mistakes / pitfalls / red flags" section (a list item, or a sub-heading);
- ``rule``: a sentence of prose that opens with a prohibition ("However, do not do keyword stuffing …");
- ``pitfall`` also: a behaviour a sentence of prose calls a mistake ("A common mistake is to jump straight into
  code", "Candidates who don't ask questions come off as less interested"; ``ingest.warnings``);
- ``pitfall`` also: a failing band of a scoring table ("No hire | Jumped into coding without explaining"): each row
  whose label grades the candidate down describes a mistake, and the best band's description is its fix; the item is
  named by its criterion and band ("Communication: no hire", ``band_name``), the description is its ``quote``.

What is never an item: code, table rows other than a scoring table's failing bands, questions, a prohibition that is
not at the start of its sentence ("… when you don't know …", a story's "I didn't check"), a lower-case list fragment
that continues its lead-in sentence ("tips: - limit the depth - do not split a node …"), and positive Do's.
Texts stay verbatim. The fix is the article's own: an "instead" clause or an "Instead, …" / "Better: …" sentence of
the same item or section, or the advice nested under a warning ("- Never use X" over "  - I recommend Y"); empty when
the article gives none. An item without one records what the article asks for
in its place (``instead``): the list item it is nested under ("Personal phone number" over "Never include your work
phone number here"), or else an advice sentence of its own explanation ("Proofread meticulously.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from coach.text import normalize_space, split_sentences
from ingest.warnings import warned_act

_APOS = "['’]"
# A prohibition that opens a heading, list item or sentence (capitalised: the start of an imperative sentence).
_PROHIBITION_WORDS = (
    rf"(?:don{_APOS}?t|do\s+not|never|avoid|stop\s+\w+ing|beware\s+of|be\s+careful\s+not\s+to|try\s+not\s+to|"
    rf"make\s+sure\s+(?:you\s+)?(?:don{_APOS}?t|do\s+not|never))\b"
)
# A prohibition that opens a heading, list item or sentence: capitalised (the start of an imperative sentence), or
# right after a connective ("However, do not …").
_PROHIBITION = re.compile(
    rf"^(?:(?:However|But|And|Also|So|Above all|Most importantly|Finally|Please)\s*,?\s+(?i:{_PROHIBITION_WORDS})|"
    rf"(?=[A-Z])(?i:{_PROHIBITION_WORDS}))"
)
_PROHIBITION_ANY_CASE = re.compile(
    rf"^(?:don{_APOS}?t|do\s+not|never|avoid|stop|beware\s+of)\b", re.I
)
# Headings of sections whose list items are all mistakes.
_DONTS_HEAD = re.compile(
    rf"^(?:the\s+)?(?:don{_APOS}?ts|do\s+nots|avoid|things\s+(?:to\s+)?(?:avoid|not\s+to\s+do)|what\s+not\s+to\s+do|"
    rf"never|❌)(?:\s*[:!.]?\s*$|\s+(?:for|when|in|on|during|with)\b)", re.I,
)
_PITFALL_HEAD = re.compile(
    r"\bmistakes?\b|\bpitfalls?\b|\bred\s+flags?\b|\banti-?patterns?\b|\bproblematic\b|\bcommon\s+errors\b|"
    r"\bwhat\s+(?:not\s+)?to\s+avoid\b|\bthings\s+to\s+avoid\b|\btraps?\b|\bgotchas?\b|\bblunders\b|\bpet\s+peeves\b",
    re.I,
)
_POSITIVE_HEAD = re.compile(rf"^(?:do{_APOS}?s|dos|do)\b(?!\s*(?:{_APOS}?s\s+and|n))", re.I)
_FIX_SENTENCE = re.compile(r"^(?:Instead|Better|Fix|Do\s+this\s+instead|What\s+to\s+do)\s*[:,—–-]\s*(\S.*)$", re.I | re.S)
_INSTEAD_CLAUSE = re.compile(r"\s+(?:-|–|—|;)\s+(?=[^.;]*\binstead\b)")
_LABEL = re.compile(r"^([A-Z][^:.!?]{1,60}?)\s*[:—–]\s+(\S.*)$", re.S)
_OUGHT = r"should|must|need to|needs to"  # what the reader ought to do
_ADVICE_START = re.compile(
    r"^(?:be|keep|make|use|tailor|proofread|write|ask|say|show|explain|focus|start|prepare|practice|practise|"
    r"describe|name|quantify|include|choose|check|state|lead|own|give|talk|spend|take|try|read|review|"
    r"test|think|remember|ensure|list|pick|frame|structure|align|highlight|mention|answer|avoid|don't|do|never)\b|"
    rf"\b(?:{_OUGHT})\b",
    re.I,
)


@dataclass
class Found:
    mistake: str
    fix: str
    kind: str
    section: str | None
    context: str = ""
    order: tuple[int, int] = (0, 0)
    source_texts: list[str] = field(default_factory=list)
    quote: str = ""  # the sentence a prose warning's mistake is phrased from
    instead: str = ""  # without a fix: what the article asks for in the item's place (see ``_instead``)
    band: str = ""  # a scoring table's failing band: its label ("Strong no hire"); see ``_failing_bands``


_PLURAL_PITFALLS = re.compile(
    r"\b(?:mistakes|pitfalls|red\s+flags|anti-?patterns|traps|gotchas|blunders|errors|pet\s+peeves)\b", re.I)


def is_pitfall_heading(heading: str | None) -> bool:
    """A section that lists mistakes ("Common mistakes", "Avoid these pitfalls"); a prohibition about one thing
    ("Avoid the mistake of …") is an item, not a list."""
    h = heading or ""
    if _PLURAL_PITFALLS.search(h):
        return True
    return bool(_PITFALL_HEAD.search(h)) and not _PROHIBITION_ANY_CASE.match(h)


# "Mistake #2: ", "Pitfall: ", "Red flag 3 - " before the one mistake a heading names
_NAMED_ONE = r"(?:mistake|pitfall|red\s+flag|trap|error)\s*#?\d{0,2}\s*[:.—–-]\s+"
_NAMES_ONE = re.compile(rf"^{_NAMED_ONE}", re.I)
# ... or "1. " before it
_ENUMERATOR = re.compile(rf"^(?:\d{{1,2}}[.):]\s+|{_NAMED_ONE})", re.I)


_LEADING_SYMBOLS = re.compile(r"^[^\w'’]+")


def is_dos_heading(heading: str | None) -> bool:
    """"Do's", "✅ Dos", "Do": a list of what to do."""
    return bool(heading) and bool(_POSITIVE_HEAD.match(_LEADING_SYMBOLS.sub("", heading or "")))


def is_donts_heading(heading: str | None) -> bool:
    """"Don'ts", "🚫 Don'ts", "Things to avoid", "What not to do (in the onsite)"."""
    return bool(heading) and bool(_DONTS_HEAD.match(_LEADING_SYMBOLS.sub("", heading or "")))


_REASSURANCE = re.compile(r"^\s+(?:(?:be\s+)?(?:worry|worried|fret|stress(?:ed)?|sweat|feel\s+bad)\b|be\s+discouraged\b)",
                          re.I)


def is_prohibition(text: str) -> bool:
    """A heading, list item or sentence that tells the reader not to do something (capitalised, at its start)."""
    t = text.strip().lstrip("*_ ")
    m = _PROHIBITION.match(t)
    # "Don't: …" / "Avoid: …" is a BAD/GOOD-style marker (ingest.structure pairs those), not a sentence
    rest = t[m.end():] if m else ""
    # "Don't worry if …" reassures; it does not name a mistake
    return bool(m) and not t.rstrip().endswith("?") and not rest.lstrip().startswith((":", "：")) \
        and not _REASSURANCE.match(rest)


def _sentences(text: str) -> list[str]:
    return split_sentences(text.replace("\n", " "))


def _split_fix(text: str) -> tuple[str, str]:
    """("Do not use X", "reduce margins instead …") from "Do not use X - reduce margins instead …"; or the
    "Instead, …" sentence of a longer text. ("text", "") when the text gives no fix."""
    m = _INSTEAD_CLAUSE.search(text)
    if m:
        return text[: m.start()].strip(), text[m.end():].strip()
    sents = _sentences(text)
    for i, s in enumerate(sents[1:], start=1):
        fm = _FIX_SENTENCE.match(s)
        if fm:
            return " ".join(sents[:i]).strip(), fm.group(1).strip()
    return text.strip(), ""


def _section_fix(texts: list[str]) -> str:
    """The first "Instead, …" / "Better: …" sentence, or a sentence with an "instead" clause, in a section body."""
    for t in texts:
        for s in _sentences(t):
            fm = _FIX_SENTENCE.match(s)
            if fm:
                return fm.group(1).strip()
    for t in texts:
        for s in _sentences(t):
            if re.search(r"\binstead\b", s, re.I) and not is_prohibition(s):
                return s.strip()
    return ""


def _context(texts: list[str], limit: int = 800) -> str:
    out = normalize_space(" ".join(t for t in texts if t))
    return out if len(out) <= limit else out[: limit].rsplit(" ", 1)[0] + " …"


def _pitfall_from_bullet(text: str) -> tuple[str, str]:
    """(mistake, fix) of a pitfall list item: "Label: explanation" keeps the label as the mistake and takes the
    fix from an "Instead"/"Better" sentence, or from the explanation when it gives advice."""
    m = _LABEL.match(text)
    if not m or len(m.group(1).split()) > 8:
        return _split_fix(text)
    label, rest = m.group(1).strip(), m.group(2).strip()
    _, fix = _split_fix(rest)
    if not fix and _ADVICE_START.search(_sentences(rest)[0] if _sentences(rest) else rest):
        fix = rest
    return label, fix


def extract(sections, paths: list[str | None], used: set[str]) -> list[Found]:
    """Rubric items (not BAD/GOOD pairs) from structured sections.

    ``sections``: objects with ``heading``, ``kind``, ``level`` and ``items`` [(kind, text)] plus ``depths``
    {item index: list depth}; ``paths``: the heading path of each section; ``used``: normalised texts already
    taken by BAD/GOOD pairs (so a pair is not listed twice).
    """
    found: list[Found] = []
    pair_texts = [k for k in used if len(k) >= 8]

    def in_pair(text: str) -> bool:
        low = normalize_space(text).lower()
        return any(k in low for k in pair_texts)

    def add(mistake: str, fix: str, kind: str, si: int, ii: int, context: list[str], quote: str = "",
            band: str = "") -> None:
        mistake = mistake.strip().rstrip(" -–—:;,").strip()
        if len(mistake) < 3:
            return
        key = normalize_space(mistake).lower()
        if key in used:
            return
        used.add(key)
        if not fix.strip():
            fix = _recommended_after(sections[si], ii)
        instead = "" if fix.strip() else _instead(mistake, _parent_item(sections[si], ii), context)
        found.append(Found(mistake, fix.strip(), kind, paths[si], _context(context), (si, ii), quote=quote,
                           instead=instead, band=band))

    # pitfall parents: a section under a pitfall heading (deeper level) lists one mistake per sub-heading
    # (a bold line used as a heading, level 0, sits under the last Markdown heading)
    pitfall_parent: list[bool] = []
    stack: list[tuple[int, bool]] = []  # (level, is pitfall)
    for sec in sections:
        lvl = sec.level or 99
        while stack and stack[-1][0] >= lvl:
            stack.pop()
        pitfall_parent.append(bool(stack) and stack[-1][1] and sec.kind not in ("faq", "questions", "tldr"))
        if sec.level > 0:
            stack.append((sec.level, is_pitfall_heading(sec.heading) and not sec.kind == "faq"))

    for si, sec in enumerate(sections):
        if sec.kind in ("faq", "questions"):
            continue
        items = [(k, t) for k, t in sec.items if k in ("para", "bullet")]
        body = [t for _, t in items]
        heading = sec.heading or ""
        donts = is_donts_heading(heading)
        pitfall = is_pitfall_heading(heading) and not donts
        heading_item = False
        names_mistake = pitfall_parent[si] or bool(_NAMES_ONE.match(heading))
        names_one = (names_mistake and not _PLURAL_PITFALLS.search(heading)) or (
            is_prohibition(heading) and not pitfall)  # "### Mistake #2: Blaming others", "## Don't ramble"
        if heading and names_one and not donts and not is_dos_heading(heading):
            kind = "pitfall" if names_mistake and not is_prohibition(heading) else "dont"
            add(_ENUMERATOR.sub("", heading), _section_fix(body), kind, si, -1, body)
            heading_item = True  # the section's sentences explain this one item
        for ii, label, cell, fix, row in _failing_bands(sec.items):
            add(band_name(heading, label), fix, "pitfall", si, ii, [row, *body], quote=cell, band=label)
        bullets = [(ii, t) for ii, (k, t) in enumerate(sec.items) if k == "bullet"]
        top = min((sec.depths.get(ii, 1) for ii, _ in bullets), default=1)
        led: str | None = None  # "donts" / "pitfalls": what a lead-in line before the current list heads
        led_depth = 0  # ... and the depth of that list's first item (its own items, not their sub-items)
        for ii, (k, text) in enumerate(sec.items):
            depth = sec.depths.get(ii, 1)
            if k != "bullet":
                led, led_depth = (_lead_in(text) if k == "para" else None), 0
            elif led and not led_depth:
                led_depth = depth
            if k not in ("para", "bullet") or heading_item or in_pair(text):
                continue  # a BAD/GOOD item is already listed as its pair
            listed_dont = donts or led == "donts"
            listed_pitfall = (pitfall and depth == top) or (led == "pitfalls" and depth == led_depth)
            if k == "bullet" and (listed_dont or listed_pitfall):
                if text.rstrip().endswith("?") or (_POSITIVE_HEAD.match(text) and not is_prohibition(text)):
                    continue
                if listed_dont or is_prohibition(text):
                    mistake, fix = _split_fix(text)
                    add(mistake, fix, "dont", si, ii, [text])
                else:
                    mistake, fix = _pitfall_from_bullet(text)
                    add(mistake, fix, "pitfall", si, ii, [text])
                continue
            if k == "bullet" and is_prohibition(text):
                mistake, fix = _split_fix(text)
                add(mistake, fix, "dont", si, ii, [text])
                continue
            # prose: each sentence that opens with a prohibition is a rule
            sents = _sentences(text)
            for j, s in enumerate(sents):
                if is_prohibition(s) and len(s.split()) >= 3 and not _in_quotes(s):
                    rest = " ".join(sents[j + 1 : j + 3])
                    mistake, fix = _split_fix(s)
                    if not fix and j + 1 < len(sents):
                        fm = _FIX_SENTENCE.match(sents[j + 1])
                        fix = fm.group(1) if fm else sents[j + 1] if _is_recommendation(sents[j + 1]) else ""
                    add(mistake, fix, "dont" if k == "bullet" and j == 0 else "rule", si, ii, [s, rest])
                elif not _in_quotes(s) and (act := warned_act(s)):
                    around = sents[max(0, j - 1): j] + sents[j + 1: j + 3]
                    add(act, _prose_fix(s, around), "pitfall", si, ii, [s, *around], quote=s.strip())
    return found


_EXPECTED = re.compile(rf"\b(?:{_OUGHT}|expected to|are supposed to|it is better to|better to)\b|^(?:Instead|Rather)\b",
                       re.I)


def _prose_fix(sentence: str, around: list[str]) -> str:
    """What to do instead of a mistake named in prose: the sentence's own "instead" clause, else a neighbouring
    sentence that says what candidates should or are expected to do."""
    _, fix = _split_fix(sentence)
    if fix:
        return fix
    for s in around:
        fm = _FIX_SENTENCE.match(s)
        if fm:
            return fm.group(1).strip()
    for s in around:
        for clause in re.split(r"\s+[-–—]\s+|;\s+", s):
            if _EXPECTED.search(clause) and not is_prohibition(clause) and not warned_act(clause):
                return clause.strip()
    return ""


# A sentence that recommends what to do ("I recommend Gmail …", "Using a personal domain is preferred").
_RECOMMENDS = re.compile(
    r"\b(?:I|we)\s+(?:would\s+|'d\s+|’d\s+)?(?:strongly\s+|highly\s+)?(?:recommend|suggest|advise|prefer)\b|"
    r"\b(?:is|are)\s+(?:(?:strongly|highly)\s+)?(?:recommended|preferred|advised)\b", re.I)


def _affirms(text: str) -> bool:
    """A statement of what to do: neither a prohibition nor negated."""
    return not is_prohibition(text) and not _NEGATED.search(text)


def _is_recommendation(text: str) -> bool:
    return bool(_RECOMMENDS.search(text)) and _affirms(text) and not text.rstrip().endswith("?")


def _recommended_after(sec, ii: int) -> str:
    """The fix a list item's own sub-list gives ("- Never use X" over "  - Use Y; I recommend Z"): the item right
    after it when nested under it and advice or a recommendation. Not a sibling's recommendation ("Never include
    your work email here" beside "I recommend Gmail …"): as the fix, the Don't judge read an answer that names its
    work address as taking the recommended one (7 tuning answers that made the mistake came out avoided)."""
    if ii < 0 or ii + 1 >= len(sec.items) or sec.items[ii][0] != "bullet" or sec.items[ii + 1][0] != "bullet":
        return ""
    nxt = sec.items[ii + 1][1].strip()
    if sec.depths.get(ii + 1, 1) <= sec.depths.get(ii, 1):
        return ""
    advice = _ADVICE_START.match(nxt) and _affirms(nxt)
    return nxt if advice or _is_recommendation(nxt) else ""


# The label of a band of a scoring table that grades the candidate down ("No hire", "Leaning no hire", "Reject",
# "Poor", "Below expectations"); a band label is short, so a cell of prose that says "bad" is not one.
_FAILING_BAND = re.compile(
    r"\b(?:no[\s-]+hire|not?\s+hire|reject(?:ed)?|fail(?:ed|s|ing)?|poor|weak|bad|unsatisfactory|unacceptable|"
    r"below\s+(?:expectations|the\s+bar|bar)|does\s*n[o']t\s+meet(?:\s+expectations)?|red\s+flags?)\b|❌|👎", re.I)
# ... and the label of any band of such a scale: every first cell of a scoring table grades ("Strong hire", "Meets",
# "3 / 4"), which tells it from a table whose rows name things ("Poor man's debugger | …").
_GRADE = re.compile(
    r"\b(?:hire|pass(?:ed|es)?|strong|good|great|excellent|outstanding|exceptional|exceeds|meets|solid|average|fair|"
    r"acceptable|adequate|mixed|leaning|ok(?:ay)?|best|better|worse|worst|expectations)\b|^\d(?:\s*/\s*\d+)?$|✅|👍",
    re.I)
_BAND_WORDS = 5
_ROW = re.compile(r"^(?P<label>[^\n]{1,80}?) — (?:[^\n:;]{1,80}: )?(?P<cell>\S.*)$", re.S)


def _failing_bands(items: list[tuple[str, str]]) -> list[tuple[int, str, str, str, str]]:
    """(item index, band label, band description, fix, row) for each failing band of each scoring table in a
    section's items: a table (a run of rows) whose first cells are all short grades, at least one failing ("Strong
    no hire") and one not. The description is the mistake; the fix the description of the best band, the row at the
    other end of the table from the failing ones ("Strong hire" above "Hire", "Leaning no hire", "Strong no hire")."""
    out: list[tuple[int, str, str, str, str]] = []
    ii = 0
    while ii < len(items):
        if items[ii][0] != "table":
            ii += 1
            continue
        start = end = ii
        while end < len(items) and items[end][0] == "table":
            end += 1
        rows = [(j, m) for j in range(start, end) if (m := _ROW.match(items[j][1].strip()))]
        ii = end
        if len(rows) < 2 or len(rows) != end - start or any(
                len(m.group("label").split()) > _BAND_WORDS for _, m in rows):
            continue
        failing = [bool(_FAILING_BAND.search(m.group("label"))) for _, m in rows]
        if all(failing) or not any(failing) or not all(
                bad or _GRADE.search(m.group("label")) for (_, m), bad in zip(rows, failing)):
            continue
        best = rows[0] if not failing[0] else rows[-1]
        if best is rows[-1] and failing[-1]:
            continue
        fix = best[1].group("cell").strip()
        # Items are kept in document order: a table written worst first gives its rows' places mirrored, so that its
        # failing bands, like any table's, come from the mildest to the worst (coach.critique.items._worse_bands).
        out.extend((j if best is rows[0] else start + end - 1 - j, m.group("label").strip(), m.group("cell").strip(),
                    fix, items[j][1]) for (j, m), bad in zip(rows, failing) if bad)
    return out


_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.):]|[IVX]{1,4}\.)\s+")


def band_name(heading: str | None, label: str) -> str:
    """The short name of a failing band: the criterion its table grades (the section heading, without its number)
    and the band ("### 1. Communication" + "Strong no hire" -> "Communication: strong no hire"). A band's
    description is a paragraph of behaviours; as the name of a mistake in feedback it read as a wall of text."""
    criterion = _NUMBERED.sub("", heading or "").strip(" *#:")
    band = label.strip()
    band = band if band[:2].isupper() else band[:1].lower() + band[1:]
    return f"{criterion}: {band}" if criterion else band[:1].upper() + band[1:]


def _parent_item(sec, ii: int) -> str:
    """The list item that item ``ii`` of ``sec`` is nested under ("" for a top-level item or prose)."""
    if ii < 0 or sec.items[ii][0] != "bullet":
        return ""
    depth = sec.depths.get(ii, 1)
    for k in range(ii - 1, -1, -1):
        kind, text = sec.items[k]
        if kind != "bullet":
            return ""
        if sec.depths.get(k, 1) < depth:
            return text
    return ""


def _instead(mistake: str, parent: str, context: list[str]) -> str:
    """What the article asks for in place of a mistake it gives no fix for: the positive list item the mistake is
    nested under (the "Never include your work email here" under "Email address"), or else the first advice
    sentence of its explanation that neither restates the mistake nor forbids something ("Sloppiness: Errors in
    spelling … reflect poorly … Proofread meticulously.")."""
    if parent and _affirms(parent) and not parent.rstrip().endswith("?"):
        return parent.strip()
    own = normalize_space(mistake).lower()
    for text in context:
        for s in _sentences(text):
            s = s.strip()
            if own in normalize_space(s).lower() or _NEGATED.search(s) or s.endswith("?") or not _ADVICE_START.search(s):
                continue
            return s
    return ""


_NEGATED = re.compile(rf"\b(?:not|never|no|don{_APOS}?t|avoid\w*|without)\b", re.I)
_LEAD_IN_WORDS = 12  # "Common pitfalls:", "A few mistakes I see candidates make:"; longer is a sentence of prose


def _lead_in(text: str) -> str | None:
    """A short paragraph ending in ":" that heads a list the way a heading would ("Common pitfalls:", "Don'ts:",
    "Things to avoid when negotiating:"): "donts" or "pitfalls", as its heading would say; else None."""
    t = text.strip()
    if not t.endswith(":") or len(t.split()) > _LEAD_IN_WORDS or "\n" in t:
        return None
    head = t.rstrip(": ")
    if is_donts_heading(head):
        return "donts"
    return "pitfalls" if is_pitfall_heading(head) else None


def _in_quotes(s: str) -> bool:
    return s.lstrip()[:1] in "\"“'‘"


def join_named_pairs(pairs: list[Found], general: list[Found]) -> list[Found]:
    """One item for a heading that names one mistake over the one BAD/GOOD pair of its section ("### Mistake 2:
    Hiding the trade-offs", "❌ Presenting one database as …", "✅ Naming two options …"): the heading's words are the
    mistake, the pair's GOOD its fix, its BAD line opens the context. Apart they were two items, the heading without
    the fix its section gives and the BAD line without its name. Returns the pairs left as they were."""
    named = {f.order[0]: f for f in general if f.order[1] == -1}
    per_section: dict[int, list[Found]] = {}
    for p in pairs:
        per_section.setdefault(p.order[0], []).append(p)
    left: list[Found] = []
    for si, found in per_section.items():
        head = named.get(si)
        if head is None or len(found) != 1:
            left.extend(found)
            continue
        pair = found[0]
        if pair.fix:
            head.fix, head.kind, head.instead = pair.fix, "pair", ""
        head.context = _context([pair.mistake, pair.fix, head.context])
    return left


# Cosine (all-MiniLM-L6-v2) from which a Do line and a Don't speak of one subject: on Do's/Don'ts lists under one
# heading, the Do that a Don't is the opposite of scores 0.5-0.75 with it and the other lines of the lists 0-0.46;
# one-to-one matching keeps a nearby but already matched line from taking a second Don't.
_ALTERNATIVE_MIN = 0.4


def pair_alternatives(found: list[Found], sections, groups: Sequence[tuple[str, ...]],
                      encode: Callable[[list[str]], np.ndarray]) -> None:
    """Give a Don't without a fix the Do line of the same subject as what the article asks for in its place
    (``instead``): the Do's and Don'ts of one heading ("### Less is more" > "**Do's**" / "**Don'ts**"), matched
    one-to-one by meaning, best match first. Not its fix: a Do line is advice beside the Don't and often restates
    its subject ("… is better than including many 'average' achievements"); as the fix, answers that only named
    the subject read as taking it. ``groups``: per section, the headings that make its group (a Do's or Don'ts
    section belongs to its parent's)."""
    dos: dict[tuple[str, ...], list[str]] = {}
    for si, sec in enumerate(sections):
        if is_dos_heading(sec.heading):
            dos.setdefault(groups[si], []).extend(t for k, t in sec.items if k in ("para", "bullet")
                                                  and not t.rstrip().endswith(":"))
    for group, lines in dos.items():
        donts = [f for f in found if f.kind == "dont" and groups[f.order[0]] == group]
        if not lines or not donts:
            continue
        vecs = encode([f.mistake for f in donts] + lines)
        sims = vecs[: len(donts)] @ vecs[len(donts):].T
        taken_dont: set[int] = set()
        taken_do: set[int] = set()
        for i, j in sorted(np.ndindex(sims.shape), key=lambda ij: -sims[ij]):
            if sims[i, j] < _ALTERNATIVE_MIN:
                break
            if i in taken_dont or j in taken_do:
                continue
            taken_dont.add(i)
            taken_do.add(j)
            if not donts[i].fix:  # one with the article's own fix still claims its Do, so no other Don't takes it
                donts[i].instead = lines[j]
