"""Cleaned text -> ``Article``: title, sections, FAQ, checklist, TL;DR, rubric (BAD/GOOD), practice questions,
roles and company.

Verbatim rule for rubric items and practice questions: the text is exactly what the article says between the
markers, with surrounding whitespace, list bullets, Markdown emphasis (``**``, ``__``, ``*x*``) and a trailing
connector (``→``, ``->``, ``|``, ``—``, ``;``) removed. Terminal punctuation is part of the text:
"Overemphasizing ML model development in MLE interviews." keeps its period.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.models import Article, FAQPair, PracticeQuestion, Role, RubricItem, Section
from coach.roles import detect_roles, lexicon_roles, role_levels, role_mentions, roles_mentioned
from coach.text import normalize_space, split_sentences, stable_id
from coach.english import follow_up
from ingest.markdown import Block as _Block
from ingest.markdown import markdown_blocks
from ingest.clean import document_title
from ingest.entities import discussed_companies, discussed_roles
from ingest.rubric import (Found, is_donts_heading, is_dos_heading, is_pitfall_heading, join_named_pairs,
                           pair_alternatives)
from ingest.rubric import extract as extract_rubric

# ------------------------------------------------------------------------------------------------ inline markdown
# Underscore markers only count at word boundaries (as in CommonMark), and a lone lower-case word between them
# ("__init__") is taken as an identifier: "window.__pwned", "obj.__dict__" and "snake_case" keep every underscore.
_EMPHASIS = [
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"(?<![\w.])__(?![\s_]|[a-z][a-z0-9_]*__(?![\w_]))(.+?)(?<![\s_])__(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_.])_(?![\s_])(.+?)(?<![\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
]


def _loose_underscores(token: str) -> str:
    """Drop an unpaired ``__`` that a marker split off a bold run ("__BAD:" / "fix.__"), never an identifier's."""
    if token.count("__") != 1:
        return token
    if token.startswith("__"):
        return token[2:]
    if token.endswith("__"):
        return token[:-2]
    return token


def strip_emphasis(text: str) -> str:
    """Remove Markdown emphasis/code markers, keep the words (and the underscores of identifiers)."""
    for pat, rep in _EMPHASIS:
        text = pat.sub(rep, text)
    text = text.replace("**", "")
    if "__" in text:
        text = re.sub(r"\S*__\S*", lambda m: _loose_underscores(m.group(0)), text)
    return text


# a list marker ("-", "•", "1.", "a)") and an optional task-list box "[ ]"
_BULLET = re.compile(r"^\s*(?:[-*+•◦▪‣●○■□✓✔☐☑]|\d{1,3}[.)]|[a-zA-Z][.)](?=\s))\s+(?:\[[ xX]\]\s+)?")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_LINE_START = re.compile(
    r"^\s*(?:\*\*|__)?(?:❌|✗|✘|⛔|🚫|👎|✅|✔|✓|☑|👍|"
    r"(?:BAD|Bad|GOOD|Good|DON['’]?T|Don['’]?t|Do not|DO|Do|Avoid|"
    r"Instead|Better|Fix|Mistake|Q|A)\s*(?:\*\*|__)?\s*[:：.])"
)

# --------------------------------------------------------------------------------------------- section headings
_FAQ_HEAD = re.compile(
    r"^(?:faqs?|frequently\s+asked\s+questions|common\s+questions(?:\s+answered)?|q\s*&\s*a)\b", re.I
)
_TLDR_HEAD = re.compile(
    r"^(?:tl;?\s*dr|key\s+takeaways?|summary|in\s+summary|in\s+short|the\s+bottom\s+line|bottom\s+line)\b", re.I
)
_CHECKLIST_HEAD = re.compile(
    r"checklist|\bprep(?:aration)?\s+(?:plan|steps|tips)\b|\bhow\s+to\s+prepare\b|\baction\s+items\b", re.I
)
_RUBRIC_HEAD = re.compile(
    r"mistakes|pitfalls|\bdo'?s\s+and\s+don'?ts\b|red\s+flags|what\s+(?:not\s+)?to\s+avoid|anti-?patterns", re.I
)
_QUESTIONS_HEAD = re.compile(
    r"^(?:(?:sample|practice|example|common|typical|likely)\s+)?(?:interview\s+)?questions\b(?!.*\?)", re.I
)
# Whole-line names of the sections the parser looks for (a paragraph that merely starts with "Summary" is not one).
_KNOWN_HEAD = re.compile(
    r"^(?:faqs?|frequently\s+asked\s+questions|common\s+questions|q\s*&\s*a|tl;?\s*dr|key\s+takeaways?|summary|"
    r"in\s+summary|in\s+short|(?:the\s+)?bottom\s+line|preparation\s+checklist|"
    r"(?:common\s+)?mistakes(?:\s+to\s+avoid)?|"
    r"conclusion|introduction|overview|(?:sample|practice|example)\s+(?:interview\s+)?questions)\s*:?$",
    re.I,
)
# "TL;DR: one-line summary" written as a paragraph rather than a heading
_INLINE_TLDR = re.compile(r"^(TL;?\s*DR|Key takeaways?|Bottom line|In short)\s*[:—–-]\s*(\S.*)$", re.I | re.S)


def section_kind(heading: str | None) -> str:
    """The ChunkKind a section heading implies."""
    if not heading:
        return "body"
    h = heading.strip()
    if _FAQ_HEAD.match(h):
        return "faq"
    if _TLDR_HEAD.match(h):
        return "tldr"
    if _RUBRIC_HEAD.search(h):
        return "rubric"
    if _CHECKLIST_HEAD.search(h):
        return "checklist"
    if _QUESTIONS_HEAD.match(h) or re.match(r"^(?:example|sample|practice)\s+interview\s+questions\b", h, re.I):
        return "questions"
    if _QUESTION_LIST_HEAD.search(h) and not h.rstrip().endswith("?"):
        return "questions"  # "Airbnb Software Engineer behavioral interview questions", "Most commonly asked …"
    return "body"


# A heading that announces a list of interview questions (not questions for the candidate to ask the interviewer)
_QUESTION_LIST_HEAD = re.compile(
    r"\b(?:interview|behaviou?ral|technical|coding|screening|asked|common)\s+(?:\w+\s+){0,2}questions\b"
    r"(?!\s+(?:to|you\s+(?:can|should)|for\s+you\s+to)\s+ask)", re.I)


_MINOR_WORDS = {
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "vs", "vs.", "with",
    "from", "into", "per", "as", "is", "are", "do", "does", "how", "what", "your", "you", "its",
}  # fmt: skip


def _is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line)]
    if not words or not line[0].isupper():
        return False
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not major:
        return False
    return sum(w[0].isupper() for w in major) / len(major) >= 0.75


def _plain_heading(line: str) -> bool:
    """A standalone line that reads as a heading in text without Markdown: a one-sentence question or a short
    title-case line."""
    s = line.strip()
    if not s or _BULLET.match(s) or len(s) > 160 or "|" in s:
        return False
    if _KNOWN_HEAD.match(s.rstrip(":")):
        return True
    if s.endswith("?"):
        return len(split_sentences(s)) == 1 and len(s.split()) >= 3 and s[0].isupper()
    if len(s) > 70 or len(s.split()) > 10 or s[-1] in ".,;!…" or re.match(r"^(?:BAD|GOOD|Q|A)\s*:", s):
        return False
    if s.endswith(":") and len(s.split()) > 5:
        return False
    return s.isupper() and len(s) > 3 or _is_title_case(s)


def _is_question_line(s: str) -> bool:
    s = s.strip()
    return bool(re.match(r"^Q\s*[:.]\s*\S", s)) or (s.endswith("?") and len(s) <= 300)


def _strip_q(s: str) -> str:
    return re.sub(r"^Q\s*[:.]\s*", "", s.strip()).strip()


def _strip_a(s: str) -> str:
    return re.sub(r"^A\s*[:.]\s*", "", s.strip()).strip()


# ------------------------------------------------------------------------------------------------------ blocks
# Plain text (and HTML rendered to Markdown-like text) is split into blocks here; Markdown files are parsed by
# markdown-it in ingest.markdown into the same ``_Block`` records (kind "heading" | "para" | "bullet" | "code" |
# "table"; ``level`` = heading level, 0 for a plain-text heading; list depth for bullets).


def _raw_blocks(text: str) -> list[list[str]]:
    """Groups of non-blank lines separated by blank lines; a fenced code block is one group, blank lines and all."""
    groups: list[list[str]] = [[]]
    fence: list[str] | None = None
    for ln in text.strip().split("\n"):
        if fence is not None:
            fence.append(ln)
            if ln.strip().startswith("```"):
                groups.append(fence)
                groups.append([])
                fence = None
        elif ln.strip().startswith("```"):
            groups.append([])
            fence = [ln]
        elif ln.strip():
            groups[-1].append(ln.rstrip())
        else:
            groups.append([])
    if fence:
        groups.append(fence)
    return [g for g in groups if g]


def _one_paragraph_per_line(lines: list[str]) -> bool:
    """True when a multi-line block lists one paragraph per line (scraped text without blank lines) rather than
    one hard-wrapped paragraph: most lines end a sentence or read as headings."""
    if len(lines) < 2:
        return False
    ends = sum(ln.rstrip().endswith((".", "?", "!", ":", '"', "”", ")")) or _plain_heading(ln) for ln in lines[:-1])
    return ends >= 0.5 * (len(lines) - 1)


def _blocks(text: str) -> list[_Block]:
    """Paragraph blocks, Markdown headings and list items (one per bullet, continuation lines joined)."""
    out: list[_Block] = []
    for lines in _raw_blocks(text):
        if lines[0].strip().startswith("```"):
            out.append(_Block("code", "\n".join(lines)))  # code stays as written, never parsed as headings
            continue
        if all(ln.startswith("> ") for ln in lines):  # a quote block (a PDF's indented one): a sample or template
            out.append(_Block("para", " ".join(ln[2:].strip() for ln in lines), quoted=True))
            continue
        if len(lines) == 2 and _SETEXT.match(lines[1].strip()) and not _BULLET.match(lines[0]):
            out.append(_Block("heading", lines[0].strip(), 1 if lines[1].strip()[0] == "=" else 2))
            continue
        per_line = _one_paragraph_per_line([ln for ln in lines if not _BULLET.match(ln)])
        para: list[str] = []
        first = len(out)  # continuation lines only attach to list items of this same block

        def flush() -> None:
            if para:
                # wrapped lines re-join with a space; a line that starts with a BAD/GOOD or Q/A marker keeps its
                # line break so "one pair per line" layouts stay recognisable
                text = para[0].strip()
                for ln in para[1:]:
                    text += ("\n" if _LINE_START.match(ln) else " ") + ln.strip()
                out.append(_Block("para", text))
                para.clear()

        for ln in lines:
            m = _MD_HEADING.match(ln.strip())
            if m:
                flush()
                out.append(_Block("heading", m.group(2).strip(), len(m.group(1))))
            elif ln.lstrip().startswith("|") and ln.rstrip().endswith("|"):
                flush()  # a Markdown table row is one line of its own; the |---| rule carries no text
                if not re.fullmatch(r"[\s|:\-]+", ln):
                    out.append(_Block("para", " | ".join(c.strip() for c in ln.strip().strip("|").split("|"))))
            elif _BULLET.match(ln) and not re.match(r"^\s*\*\*", ln):
                flush()
                out.append(_Block("bullet", _BULLET.sub("", ln, count=1).strip()))
            elif len(out) > first and out[-1].kind == "bullet" and not para and (
                ln[:1].isspace() or ln.strip()[:1].islower() or not out[-1].text.endswith((".", "?", "!", ":"))
            ) and not per_line:
                out[-1].text += " " + ln.strip()  # a (lazy) continuation of the previous list item
            elif per_line:
                # one paragraph per line; consecutive BAD/GOOD (or Q/A) lines still form one unit
                if para and not _LINE_START.match(ln):
                    flush()
                para.append(ln)
                if not _LINE_START.match(ln):
                    flush()
            else:
                para.append(ln)
        flush()
    return out


def _heading_text(s: str) -> str:
    return normalize_space(strip_emphasis(s)).rstrip(":").strip()


def _bold_only(s: str) -> str | None:
    m = re.fullmatch(r"\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*", s)
    return m.group(1).strip() if m else None


# --------------------------------------------------------------------------------------------------- sections
@dataclass
class _Sec:
    heading: str | None
    kind: str
    level: int = 0
    # (kind, text); kind: "para" | "bullet" | "q" | "code" | "table" | "quote" (a blockquote: a sample or template)
    items: list[tuple[str, str]] = field(default_factory=list)
    resumed: bool = False  # continues a section interrupted by an inline "TL;DR: …" paragraph
    depths: dict[int, int] = field(default_factory=dict)  # item index -> list depth (bullets only)


# A placeholder of a template: "[Degree Name]", "[Start and end dates formatted as MM/YYYY]".
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,120}\]")
TEMPLATE_SHARE = 0.25  # placeholders fill at least this share of a template's letters; a sample names one or two


def is_template(quote: str) -> bool:
    """Whether a blockquote is a template to fill in ("[Year] [Quantification] [Competition]") rather than a sample
    ("2016 | Best All-Round Product …", a letter with "[BANK]" standing for one name): a template's placeholders say
    what to write, which is the article's advice."""
    letters = sum(ch.isalpha() for ch in quote)
    held = sum(ch.isalpha() for m in _PLACEHOLDER.finditer(quote) for ch in m.group(0))
    return bool(letters) and held >= TEMPLATE_SHARE * letters


# "* Is X needed? Yes, …": a question and its answer on one list item (FAQ sections only)
_INLINE_QA = re.compile(r"^(\S.{6,298}?\?)\s+(\S.*)$", re.S)


def _sections(blocks: list[_Block], markdown_mode: bool, parsed: bool = False) -> list[_Sec]:
    """Sections from blocks. ``parsed``: the blocks come from the Markdown parser, whose text has no markers left
    (so emphasis is not stripped again and literal ``*``/``_`` survive)."""
    emph = (lambda t: t) if parsed else strip_emphasis
    secs = [_Sec(None, "body")]
    for b in blocks:
        cur = secs[-1]
        heading: tuple[str, int] | None = None
        if b.kind in ("code", "table"):
            cur.items.append((b.kind, b.text))  # kept as written; never headings, questions or rubric
            continue
        if b.quoted:
            cur.items.append(("quote", emph(b.text).strip()))  # a sample or template: never a heading or a rule
            continue
        if b.kind == "heading":
            heading = (_heading_text(b.text), b.level)
        elif b.kind == "para":
            bold = _bold_only(b.text)
            if bold and len(bold) <= 160 and not bold.endswith((".", "!", ",", ";")):
                heading = (_heading_text(bold), 0)
            elif not markdown_mode and _plain_heading(b.text):
                heading = (_heading_text(b.text), 0)
            elif markdown_mode and _KNOWN_HEAD.match(b.text.strip().rstrip(":")):
                heading = (_heading_text(b.text), 0)
        if heading is not None:
            text, level = heading
            if cur.kind == "faq" and _is_question_line(text) and (level == 0 or level > cur.level):
                cur.items.append(("q", _strip_q(text)))
                continue
            secs.append(_Sec(text, section_kind(text), level))
            continue
        if cur.kind == "faq" and b.kind == "bullet":
            text = emph(b.text).strip()
            m = _INLINE_QA.match(text)
            if m and len(split_sentences(m.group(1))) == 1:
                cur.items.append(("q", _strip_q(m.group(1))))  # "* Is X needed? Yes, …" / "1. How long? About …"
                cur.items.append(("para", _strip_a(m.group(2))))
                continue
            if _is_question_line(text) and len(split_sentences(text)) == 1:
                cur.items.append(("q", _strip_q(text)))  # the answer follows as its own paragraph or sub-list
                continue
        if cur.kind == "faq" and b.kind == "para":
            text = emph(b.text).strip()
            lines = text.split("\n")
            if re.match(r"^Q\s*[:.]", text) or (len(lines) == 1 and _is_question_line(text)
                                                  and len(split_sentences(text)) == 1):
                # "Q: …?" (optionally with "A: …" on the next line) or a bare one-sentence question line
                a_at = next((i for i, ln in enumerate(lines) if re.match(r"^A\s*[:.]", ln)), len(lines))
                cur.items.append(("q", _strip_q(" ".join(lines[:a_at]))))
                if a_at < len(lines):
                    cur.items.append(("para", _strip_a("\n".join(lines[a_at:]))))
                continue
        m = _INLINE_TLDR.match(emph(b.text).strip()) if b.kind == "para" else None
        if m and cur.kind != "tldr":
            secs.append(_Sec(m.group(1), "tldr", 0, [("para", m.group(2).strip())]))
            secs.append(_Sec(cur.heading, cur.kind, cur.level, resumed=True))  # the interrupted section goes on
            continue
        if b.kind == "bullet":
            cur.depths[len(cur.items)] = max(1, b.level)
        cur.items.append((b.kind, emph(b.text).strip()))
    return [s for s in secs if s.items or (s.heading and not s.resumed)]


def _lines(sec: _Sec) -> list[str]:
    return [ln for k, t in sec.items if k not in ("code", "table") for ln in t.split("\n")]


def _faq_pairs(sec: _Sec) -> list[FAQPair]:
    pairs: list[FAQPair] = []
    q: str | None = None
    answer: list[str] = []
    for kind, text in sec.items:
        if kind == "q":
            if q and answer:
                pairs.append(FAQPair(question=q, answer="\n".join(answer)))
            q, answer = text, []
        elif q is not None:
            answer.append(_strip_a(text))
    if q and answer:
        pairs.append(FAQPair(question=q, answer="\n".join(answer)))
    return pairs


# ------------------------------------------------------------------------------------------------------ rubric
_BAD = (
    r"(?:❌|✗|✘|⛔|🚫|👎)\s*(?:(?:BAD|Bad|Don['’]?t|DON['’]?T|Avoid)\s*[:：]\s*)?"
    r"|\b(?:BAD|Bad|DON['’]?T|Don['’]?t|Do not|Avoid|Wrong|WRONG|Mistake|Weak|Before)\s*[:：]"
)
_GOOD = (
    r"(?:✅|✔️?|✓|☑️?|👍)\s*(?:(?:GOOD|Good|Do|DO|Instead|Better)\s*[:：]\s*)?"
    r"|\b(?:GOOD|Good|DO|Do|Instead|Better|Fix|Right|RIGHT|Strong|Correct|After)\s*[:：]"
)
_MARKER = re.compile(rf"(?P<bad>{_BAD})|(?P<good>{_GOOD})")
_STRICT_MARKER = re.compile(r"(?P<bad>❌|\bBAD\s*:)|(?P<good>✅|\bGOOD\s*:)")
_TRAILING_CONNECTOR = re.compile(r"[\s→\-–—|;,]*(?:->|=>)?[\s→\-–—|;,]*$")


def _verbatim(segment: str) -> str:
    s = _BULLET.sub("", segment.strip(), count=1)
    s = strip_emphasis(s).strip()
    s = _TRAILING_CONNECTOR.sub("", s).strip()
    return s.strip("\"'“”").strip() if s.count('"') == 2 and s.startswith('"') else s


_LONE_BAD = re.compile(r"^(?:❌|✗|✘|⛔|🚫|👎)")


def _rubric_pairs(lines: list[str], marker: re.Pattern[str], lone: bool = False) -> list[tuple[str, str]]:
    """BAD/GOOD pairs from lines, whether each pair has its own line, one pair spans two lines, or all pairs run
    together in one paragraph."""
    segs: list[tuple[str, str, int]] = []  # (type, text, line index)
    for li, line in enumerate(lines):
        ms = list(marker.finditer(line))
        for i, m in enumerate(ms):
            end = ms[i + 1].start() if i + 1 < len(ms) else len(line)
            segs.append(("bad" if m.group("bad") else "good", _verbatim(line[m.end() : end]), li))
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(segs) - 1:
        a, b = segs[i], segs[i + 1]
        if a[0] == "bad" and b[0] == "good":
            pairs.append((a[1], b[1]))
            i += 2
        elif a[0] == "good" and b[0] == "bad" and a[2] == b[2] and not (
            i + 2 < len(segs) and segs[i + 2][0] == "good" and segs[i + 2][2] == b[2]
        ):
            pairs.append((b[1], a[1]))  # "Do: … Don't: …" on one line
            i += 2
        else:
            if lone and a[0] == "bad" and a[1] and _LONE_BAD.match(lines[a[2]].lstrip(" -*+•")):
                pairs.append((a[1], ""))  # a ❌ point the article gives no ✅ for
            i += 1
    if lone and i == len(segs) - 1 and segs[i][0] == "bad" and _LONE_BAD.match(lines[segs[i][2]].lstrip(" -*+•")):
        pairs.append((segs[i][1], ""))
    return [(m, f) for m, f in pairs if m and (f or lone)]


# --------------------------------------------------------------------------------------------- practice questions
_QUOTE = re.compile(r"“([^”]{8,400})”|\"([^\"\n]{8,400})\"")
_IMPERATIVE = re.compile(
    r"^(?:design|build|implement|write|describe|explain|walk\s+(?:me|us)\s+through|tell\s+(?:me|us)|estimate|"
    r"compare|give|discuss|talk|sketch|model|propose|debug|optimi[sz]e|create|define|outline|list|code|solve|"
    r"how\s+would\s+you)\b",  # bare "What …"/"Why …" quotes only count when they end with "?"
    re.I,
)


def _looks_like_question(q: str) -> bool:
    q = q.strip()
    if len(q.split()) < 4:
        return False
    return q.rstrip(" .,;").endswith("?") or bool(_IMPERATIVE.match(q))


def _nearest_role(context: str, pos: int, roles: list[Role]) -> str | None:
    mentions = role_mentions(context, roles)
    before = [m for m in mentions if m[1] <= pos]
    if before:
        return before[-1][2]
    after = [m for m in mentions if m[0] >= pos]
    return after[0][2] if after else None


def _sentence_spans(para: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for s in split_sentences(para):
        i = para.find(s, cursor)
        if i < 0:
            continue
        spans.append((i, i + len(s)))
        cursor = i + len(s)
    return spans


def _questions_from_paragraph(para: str, heading: str | None, roles: list[Role]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    spans = _sentence_spans(para)
    for m in _QUOTE.finditer(para):
        q = (m.group(1) or m.group(2)).strip().rstrip(",;").strip()
        if not _looks_like_question(q):
            continue
        start = next((a for a, b in spans if a <= m.start() < b), 0)
        end = next((b for a, b in spans if a <= m.start() < b), len(para))
        # the sentence around the quote, with every quoted span blanked so roles inside quotes do not count
        context = _QUOTE.sub(lambda x: " " * len(x.group(0)), para[start:end])
        role = _nearest_role(context, m.start() - start, roles)
        if role is None and heading:
            found = roles_mentioned(heading, roles)
            role = found[0] if len(found) == 1 else None
        out.append((q, role))
    return out


# ---------------------------------------------------------------------------------------------------- company
_TITLE_STOP = {
    "the", "a", "an", "how", "what", "why", "when", "ace", "acing", "master", "mastering", "cracking", "crack",
    "your", "my", "our", "senior", "junior", "staff", "principal", "lead", "top", "best", "ultimate", "complete",
    "guide", "new", "grad", "entry", "level", "entry-level", "faang", "big", "tech", "interview", "interviews",
    "remote", "hybrid", "fictional", "to", "for", "prepare", "preparing", "pass", "passing", "land", "landing",
    "nail", "nailing", "inside", "breaking", "into", "vs", "versus", "l3", "l4", "l5", "l6", "l7", "e3", "e4",
    "e5", "e6", "ii", "iii", "iv", "sr", "jr",
}  # fmt: skip


def company_from_title(title: str, roles: list[Role], body: str | None = None) -> str | None:
    """The employer a title names just before its first role ("Amazon Applied Scientist vs MLE ..." -> "Amazon"),
    or after "at" ("... Interview at Foo"). No lexicon of real companies: only what the title says. With ``body``,
    the name must also occur in the article text (so "What Changes Between" is never a company)."""
    def ok(name: str) -> bool:
        return body is None or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", body) is not None

    mentions = role_mentions(title, [*roles, *lexicon_roles()])
    if mentions and mentions[0][0] > 0:
        words = [re.sub(r"['’]s$", "", w.strip(":,")) for w in title[: mentions[0][0]].split()]
        while words and words[-1].lower() in _TITLE_STOP:
            words.pop()  # "Google L5 Software Engineer" -> "Google"
        run: list[str] = []
        for w in reversed(words):  # the capitalised run right before the role
            if not (w[:1].isupper() or w[:1].isdigit()) or w.lower() in _TITLE_STOP or len(run) == 3:
                break
            run.insert(0, w)
        for i in range(len(run)):  # longest candidate first: "Fernwood Labs" before "Labs"
            name = " ".join(run[i:])
            if ok(name):
                return name
    m = re.search(r"\b(?:at|@)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})", title)
    if m and m.group(1).split()[0].lower() not in _TITLE_STOP:
        name = re.sub(r"['’]s$", "", m.group(1)).rstrip(":,.?")
        if ok(name):
            return name
    return None


# ------------------------------------------------------------------------------------------------------ article
_LEADING_SYMBOLS = re.compile(r"^[^\w\"“'‘(\[]+(?=\w)")


def _md_title(blocks: list[_Block], embedded: str | None) -> tuple[str | None, list[_Block]]:
    """A Markdown file's own title: its first H1 (removed when it opens the file), else its HTML ``<title>``."""
    rest = list(blocks)
    for i, b in enumerate(rest):
        if b.kind == "heading" and b.level == 1:
            if i == 0:
                rest.pop(0)
            return b.text, rest
    return embedded, rest


def _title_and_rest(
    blocks: list[_Block], meta: dict, path: str, parsed: bool = False
) -> tuple[str, list[_Block]]:
    rest = list(blocks)
    text_title: str | None = None
    # the title the file's own metadata gives (a Markdown file's HTML <title>, a PDF's /Title), for text opening
    # without one
    embedded = document_title(meta.get("embedded_title"))
    if parsed:
        text_title, rest = _md_title(rest, embedded)
    elif rest and rest[0].kind == "heading":
        text_title = _heading_text(rest.pop(0).text)
    elif embedded:
        text_title = embedded
    elif rest and rest[0].kind == "para" and len(rest[0].text) <= 200 and not rest[0].text.endswith((".", ":")):
        text_title = _heading_text(rest.pop(0).text)
    meta_title = str(meta.get("title") or "").strip() or None
    if meta_title:
        meta_title = _LEADING_SYMBOLS.sub("", normalize_space(strip_emphasis(meta_title))) or meta_title
    if parsed and not (meta_title or text_title) and rest and rest[0].kind in ("para", "bullet"):
        first = rest[0].text.split("\n", 1)[0].strip()
        text_title = first if len(first) <= 120 else None  # the first line, when it is short enough to be one
    title = meta_title or text_title or re.sub(r"[_-]+", " ", path.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip()
    if meta_title and text_title and text_title.lower() != meta_title.lower():
        rest.insert(0, _Block("heading", text_title, 0))  # the file's own first heading stays a section
    # a title printed again right below itself (HTML h1 + <title>, or the seed's doubled line)
    while rest and _heading_text(rest[0].text).lower() == title.lower():
        rest.pop(0)
    return title, rest


def parse_article(
    text: str, *, doc_id: str, path: str, sha256: str, fmt: str, meta: dict | None = None
) -> Article:
    """Structure cleaned article text (Markdown headings or plain-text heading lines) into an ``Article``.

    Title: the sidecar's ``title`` if given, else the first ``#`` heading or first line.
    """
    meta = dict(meta or {})
    parsed = fmt == "markdown"
    if parsed:
        blocks, front = markdown_blocks(text)
        blocks = [_join_lines(b) for b in blocks]
        meta = {**front, **meta}  # the sidecar (explicit metadata) wins over the file's front matter
    else:
        blocks = _blocks(text)
    # a document with Markdown headings marks its sections with them; plain-text heading lines are only guessed
    # in documents without any, and in PDFs, whose ``#`` headings only mark the lines set larger than the body
    # (a heading set in bold at the body size is still a plain line)
    markdown_mode = parsed or (fmt != "pdf" and any(b.kind == "heading" and b.level > 0 for b in blocks))
    title, blocks = _title_and_rest(blocks, meta, path, parsed)
    secs = _sections(blocks, markdown_mode, parsed)

    body_text = "\n".join("\n".join(([s.heading] if s.heading else []) + [t for _, t in s.items]) for s in secs)
    roles = detect_roles(title, body_text)

    sections: list[Section] = []
    faq: list[FAQPair] = []
    checklist: list[str] = []
    tldr_parts: list[str] = []
    rubric_pairs: list[tuple[str, str, int]] = []  # (mistake, fix, section index)
    stacks = _heading_stacks(secs)
    for si, s in enumerate(secs):
        parents = stacks[si][:-1] if s.heading is not None else stacks[si]
        sections.append(Section(heading=s.heading, kind=s.kind, paragraphs=[t for _, t in s.items if t],
                                parents=parents,
                                samples=[t for k, t in s.items if k == "quote" and t and not is_template(t)]))
        if s.kind == "faq":
            faq.extend(_faq_pairs(s))
        elif s.kind == "checklist":
            checklist.extend(t for k, t in s.items if k == "bullet" and t)
        elif s.kind == "tldr" and not tldr_parts:
            tldr_parts = [t for _, t in s.items if t]
        elif s.kind == "rubric":
            rubric_pairs.extend((m, f, si) for m, f in _rubric_pairs(_lines(s), _MARKER, lone=True))
    # BAD/GOOD pairs under a heading we did not recognise: accept only the unambiguous markers (❌/✅, BAD:/GOOD:)
    for si, s in enumerate(secs):
        if s.kind in ("body", "questions"):
            # under a heading that names a mistake ("### Mistake 3: …"), "Don't:" / "Do:" lines are its pair too
            marker = _MARKER if is_pitfall_heading(s.heading) else _STRICT_MARKER
            found = _rubric_pairs(_lines(s), marker, lone=True)
            if found:
                sections[si].kind = "rubric"
                rubric_pairs.extend((m, f, si) for m, f in found)

    if not any(s.kind == "faq" for s in secs):
        faq.extend(_question_heading_pairs(secs))
    paths = _heading_paths(secs)
    used = {normalize_space(m).lower() for m, _, _ in rubric_pairs}
    pairs = [Found(m, f, "pair", paths[si], _pair_context(secs[si], m), (si, 0)) for m, f, si in rubric_pairs]
    general = extract_rubric(secs, paths, used)
    candidates = join_named_pairs(pairs, general)
    # a Do's or Don'ts list belongs to the heading it sits under
    groups = [tuple(st[:-1]) if is_dos_heading(s.heading) or is_donts_heading(s.heading) else tuple(st)
              for s, st in zip(secs, stacks)]
    pair_alternatives(general, secs, groups, _encode)
    # pairs first in their section (the seed's order is its pairs' order), the rest in document order
    candidates = sorted(candidates + general, key=lambda c: c.order)

    rubric: list[RubricItem] = []
    seen_ids: set[str] = set()
    for c in candidates:
        item_roles = (roles_mentioned(c.mistake, roles) or roles_mentioned(c.fix, roles)
                      or roles_mentioned(c.quote, roles))
        rid = stable_id(doc_id, normalize_space(c.mistake).lower(), normalize_space(c.fix).lower())
        if rid in seen_ids:
            continue
        seen_ids.add(rid)
        rubric.append(RubricItem(
            id=rid, mistake=c.mistake, fix=c.fix, kind=c.kind, section=c.section, context=c.context,
            instead=c.instead, roles=item_roles, doc_id=doc_id, source=title, quote=c.quote, band=c.band,
        ))

    questions: list[PracticeQuestion] = []
    seen_q: set[str] = set()
    for s in secs:
        if s.kind == "faq":
            items = [(k, t) for k, t in s.items if k != "q"]
        else:
            items = s.items
        previous: int | None = None  # the bank entry of this section's last question, while nothing came between
        for kind, para in items:
            if kind == "code":
                previous = None
                continue
            found = _questions_from_paragraph(para, s.heading, roles)
            if not found and s.kind == "questions" and _looks_like_question(para.strip("\"“”")):
                q = para.strip().strip("\"“”").strip()
                found = [(q, _nearest_role(q, 0, roles) or _heading_role(s.heading, roles))]
            if not found:
                previous = None
            for q, role in found:
                if follow_up(q):
                    # a follow-up belongs to the question right before it; with none, it is no question alone
                    if previous is not None:
                        entry = questions[previous]
                        questions[previous] = entry.model_copy(update={"text": f"{entry.text} {q}"})
                    continue
                key = normalize_space(q).lower()
                if key in seen_q:
                    previous = None
                    continue
                seen_q.add(key)
                previous = len(questions)
                questions.append(
                    PracticeQuestion(id=stable_id(doc_id, key), text=q, role=role, doc_id=doc_id, source=title)
                )

    company = str(meta.get("company") or "").strip() or company_from_title(title, roles, body_text)
    levels = role_levels(f"{title}\n{body_text}", roles)
    roles = [r.model_copy(update={"levels": levels.get(r.name, [])}) for r in roles]
    sec_texts = [(paths[i], "\n".join(([s.heading] if s.heading else []) + [t for k, t in s.items if k != "code"]))
                 for i, s in enumerate(secs)]
    return Article(
        doc_id=doc_id,
        path=path,
        sha256=sha256,
        title=title,
        source_url=(str(meta["source_url"]) if meta.get("source_url") else None),
        source=(str(meta["source"]).strip() or None) if meta.get("source") else None,
        company=company,
        description=_meta_text(meta.get("description")),
        tags=_meta_list(meta.get("tags")),
        companies=discussed_companies(company, sec_texts, roles, f"{title}\n{body_text}"),
        role_mentions=discussed_roles(roles, [(None, title), *sec_texts]),
        roles=roles,
        sections=sections,
        faq=faq,
        checklist=checklist,
        tldr=" ".join(tldr_parts) or None,
        rubric=rubric,
        questions=questions,
    )


def _encode(texts: list[str]):
    """Sentence vectors for matching a Don't with its Do (the library's embedding model, loaded on first use)."""
    from coach.components.embedding import default_embedder

    return default_embedder().encode(texts)


def _heading_role(heading: str | None, roles: list[Role]) -> str | None:
    found = roles_mentioned(heading or "", roles)
    return found[0] if len(found) == 1 else None


def _join_lines(b: _Block) -> _Block:
    """Re-join a parsed paragraph's soft line breaks with spaces, except before a line that starts with a BAD/GOOD
    or Q/A marker, so "one pair per line" layouts stay recognisable (as in plain text)."""
    if "\n" not in b.text or b.kind in ("code", "table"):
        return b
    lines = b.text.split("\n")
    text = lines[0]
    for ln in lines[1:]:
        text += ("\n" if _LINE_START.match(ln) else " ") + ln
    b.text = text
    return b


def _heading_paths(secs: list[_Sec]) -> list[str | None]:
    """"Parent > Child" heading path of each section (see ``_heading_stacks``)."""
    return [" > ".join(stack) or None for stack in _heading_stacks(secs)]


def _heading_stacks(secs: list[_Sec]) -> list[list[str]]:
    """The headings each section sits under, outermost first, its own heading last; a level-0 heading (bold line,
    plain-text heading) sits under the last Markdown heading."""
    out: list[list[str]] = []
    stack: list[tuple[int, str]] = []
    for s in secs:
        if s.heading is not None:
            lvl = s.level if s.level > 0 else 99
            while stack and stack[-1][0] >= lvl:
                stack.pop()
            stack.append((lvl, s.heading))
        out.append([h for _, h in stack])
    return out


def _pair_context(sec: _Sec, mistake: str) -> str:
    """The list item or paragraph a BAD/GOOD pair comes from (with its explanation, when it has one)."""
    for k, t in sec.items:
        if k in ("para", "bullet") and mistake in t:
            return normalize_space(t)[:800]
    return ""


def _meta_text(value) -> str | None:
    return normalize_space(str(value)) or None if value not in (None, "") else None


def _meta_list(value) -> list[str]:
    """Front-matter tags: a YAML list or a comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        return []
    return [normalize_space(str(v)) for v in value if str(v).strip()]


_TRAILING_SYMBOLS = re.compile(r"[\s\W_]*$")


def _question_heading_pairs(secs: list[_Sec]) -> list[FAQPair]:
    """In a document without an FAQ section, a question heading followed by its answer is a Q&A pair
    ("**How do we select the depth of the trees? ⭐️**" then the answer paragraphs)."""
    out: list[FAQPair] = []
    for s in secs:
        if not s.heading or s.kind in ("questions", "rubric"):
            continue
        q = s.heading.strip()
        core = _TRAILING_SYMBOLS.sub("", q)
        if not q.endswith("?") and not (q[len(core):].lstrip().startswith("?")):
            continue
        if len(split_sentences(core + "?")) != 1:
            continue
        answer = [t for k, t in s.items if k in ("para", "bullet", "quote") and t]
        if answer and s.items[0][0] in ("para", "bullet", "quote"):
            out.append(FAQPair(question=core + "?", answer="\n".join(answer)))
    return out
