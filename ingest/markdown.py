"""Markdown / MDX -> front-matter metadata and a flat list of text blocks, by walking markdown-it-py's token stream.

What becomes of each construct:
- YAML front matter -> metadata (title, description, tags); never text.
- MDX ``import``/``export`` paragraphs, JSX components (``<InDocAd />``), ``{…}`` expressions, HTML comments and
  ``<head>`` -> nothing; other HTML blocks -> their text (``<title>`` is kept as a title fallback).
- ``:::tip … :::`` admonitions and GitHub alerts (``> [!NOTE]``) -> their content as ordinary blocks (the
  admonition's own title and the alert's marker are dropped).
- tables -> one sentence per body row: "first cell — Header 2: cell; Header 3: cell".
- code blocks -> ``code`` blocks, kept verbatim and never read as prose.
- links -> their text; images -> nothing; emphasis markers -> nothing.
- blockquotes -> their blocks marked ``quoted``: what an article sets apart this way is a sample or a template
  ("> [Year] [Quantification] [Competition]"), not its own advice.
- adverts (a paragraph with a tracking/affiliate link and a call to action, or an admonition holding one) -> nothing.

The walk is one pass over the token list with an explicit stack (markdown-it's token stream is already flat), so
deep nesting or 100k list items cost linear time and no recursion.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from coach.adverts import is_advert  # noqa: F401  (used below; tests import it from here)


@dataclass
class Block:
    kind: str  # "heading" | "para" | "bullet" | "code" | "table"
    text: str
    level: int = 0  # heading level (0 = a bold-only paragraph used as a heading); list depth for bullets
    ordered: bool = False  # bullet of a numbered list
    quoted: bool = False  # inside a blockquote: a sample or template the article sets apart


# ---------------------------------------------------------------------------------------------------- MDX / HTML
MDX_STATEMENT = re.compile(r"^\s*(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['\"][^'\"\n]+['\"]|export\s+(?:const|let|var|"
                           r"default|function|async|class)\b)")
_HEAD = re.compile(r"<head\b[^>]*>.*?</head\s*>", re.I | re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_DROP_ELEMENTS = re.compile(r"<(script|style|noscript|template|iframe|svg)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"</?[A-Za-z][\w.:-]*(?:\s+[^<>]*?)?/?>")
_BREAK_TAG = re.compile(r"<br\s*/?>|</br\s*>|</?(?:p|div|li|tr|h[1-6]|figcaption|table)\b[^>]*>", re.I)
HEADING_ID = re.compile(r"\s*\{#[\w:.-]+\}\s*$")
# GitHub's alert syntax ("> [!NOTE]", its five kinds): a notice box, the article's own words, not a quoted sample
_ALERT = re.compile(r"^\s*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*\n?", re.I)


def _strip_expressions(s: str) -> str:
    """Remove ``{…}`` JSX expressions (balanced braces) in one linear scan."""
    if "{" not in s:
        return s
    out, depth = [], 0
    for ch in s:
        if ch == "{":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def html_text(fragment: str) -> tuple[str, str | None]:
    """(visible text, <title> text) of an HTML/JSX fragment; tags, comments, ``<head>`` and expressions removed."""
    m = _TITLE.search(fragment)
    title = _inline_ws(html.unescape(_TAG.sub("", m.group(1)))) if m else None
    s = _DROP_ELEMENTS.sub(" ", _HEAD.sub(" ", fragment))
    s = _strip_expressions(s)
    s = _BREAK_TAG.sub("\n", s)
    s = _TAG.sub(" ", s)
    s = html.unescape(s)
    lines = [_inline_ws(ln) for ln in s.split("\n")]
    return "\n".join(ln for ln in lines if ln), title


def _inline_ws(s: str) -> str:
    return re.sub(r"[ \t]+", " ", s).strip()


# ------------------------------------------------------------------------------------------------------- parser
@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"maxNesting": 2 * _MAX_MARKERS + 5}).enable("table").use(front_matter_plugin)
    # every ":::name … :::" fence is an admonition (tip, info, note, caution, warning, danger, …)
    md.use(container_plugin, name="admonition", validate=lambda params, *args: True)
    return md


def _front_matter(content: str) -> dict:
    try:
        import yaml

        data = yaml.safe_load(content)
    except Exception:  # noqa: BLE001 - malformed front matter is ignored, the article itself still parses
        return {}
    return data if isinstance(data, dict) else {}


def _render_inline(tok) -> tuple[str, list[str]]:
    """Text of an inline token (links -> text, images and markers dropped, breaks -> "\\n") and its link targets."""
    parts: list[str] = []
    hrefs: list[str] = []
    for child in tok.children or ():
        t = child.type
        if t == "text":
            parts.append(child.content)
        elif t == "code_inline":
            parts.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif t == "link_open":
            hrefs.append(str(child.attrGet("href") or ""))
        elif t == "html_inline":
            if re.match(r"</?br\b", child.content, re.I):
                parts.append("\n")
        # image, strong/em/s open/close: nothing
    return "".join(parts), hrefs


def _clean_text(s: str) -> str:
    s = _strip_expressions(s) if "{" in s and re.search(r"\{\s*['\"`]", s) else s  # MDX {' '} spacers only
    lines = [_inline_ws(ln) for ln in s.split("\n")]
    return "\n".join(ln for ln in lines if ln)


# The sentence a body row becomes ("Strong hire — Overall evaluation: …"): its first cell, then each cell after its
# column's name. Chunking packs such a row whole: its later sentences only make sense under that label.
TABLE_ROW = re.compile(r"^[^\n]{1,200}? — [^\n:;]{1,80}: ")


def _table_rows(tokens, start: int) -> tuple[list[str], int]:
    """Sentences for the rows of the table opening at ``tokens[start]``; returns (sentences, index after it)."""
    header: list[str] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    in_head = False
    i = start + 1
    while i < len(tokens) and tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close" and row is not None:
            if in_head:
                header = row
            else:
                rows.append(row)
            row = None
        elif t.type == "inline" and row is not None:
            row.append(_cell_text(_clean_text(_render_inline(t)[0])))
        i += 1
    if rows and header and not rows[0][0] and len(set(filter(None, header))) < len(list(filter(None, header))):
        # a label spanning columns ("Actual | Actual") over a second header row ("| | Positive | Negative"), which
        # Markdown tables cannot set: the two rows name the columns together ("Actual Positive")
        second = rows.pop(0)
        header = [" ".join(filter(None, (h, c))) for h, c in zip(header, second)] + header[len(second):]
    out = []
    for cells in rows:
        if not any(cells):
            continue
        first, rest = cells[0], cells[1:]
        pairs = []
        for j, cell in enumerate(rest, start=1):
            if not cell:
                continue
            name = header[j] if j < len(header) and header[j] else ""
            pairs.append(f"{name}: {cell}" if name else cell)
        out.append(f"{first} — {'; '.join(pairs)}" if first and pairs else first or "; ".join(pairs))
    return out, i + 1


def _cell_text(text: str) -> str:
    """A table cell on one line: a line break (``<br/>``) before a capitalised line ends a sentence that has no full
    stop of its own ("… or unclear<br/>Interviewer had …" → "… or unclear. Interviewer had …"), else it is a space."""
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        out += (". " if line[:1].isupper() and not out.rstrip().endswith((".", "!", "?", ":", ";")) else " ") + line
    return out


_MAX_MARKERS = 10
_DEEP_MARKERS = re.compile(rf"^[ \t]*(?:(?:>|[-*+]|\d{{1,9}}[.)])[ \t]+){{{_MAX_MARKERS + 1},}}", re.M)


def _flatten_deep_nesting(text: str) -> str:
    """Cut a line's run of quote/list markers to ``_MAX_MARKERS``: markdown-it stops at its nesting limit and would
    drop the text beyond it; the words matter, not the 500th level of nesting."""
    return _DEEP_MARKERS.sub(lambda m: " ".join(m.group(0).split()[-_MAX_MARKERS:]) + " ", text)


def markdown_blocks(text: str) -> tuple[list[Block], dict]:
    """Parse Markdown/MDX ``text`` into blocks and metadata (front matter keys, plus ``embedded_title``)."""
    tokens = _parser().parse(_flatten_deep_nesting(text))
    meta: dict = {}
    blocks: list[Block] = []
    # open containers: ("list", ordered) / ("item", index of its first block or -1) / ("admonition", start index)
    stack: list[tuple[str, object]] = []
    list_depth = 0
    advert_in: list[bool] = []  # per open admonition: did it contain an advert?
    heading_level = 0
    quotes: list[bool] = []  # open blockquotes: True for a quote, False for a GitHub alert ("> [!NOTE]")
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        typ = t.type
        if typ == "front_matter":
            meta.update(_front_matter(t.content))
        elif typ in ("bullet_list_open", "ordered_list_open"):
            stack.append(("list", typ == "ordered_list_open"))
            list_depth += 1
        elif typ in ("bullet_list_close", "ordered_list_close"):
            if stack and stack[-1][0] == "list":
                stack.pop()
            list_depth = max(0, list_depth - 1)
        elif typ == "blockquote_open":
            first = next((tokens[k] for k in range(i + 1, n) if tokens[k].type == "inline"), None)
            quotes.append(not (first is not None and _ALERT.match(first.content)))
        elif typ == "blockquote_close":
            if quotes:
                quotes.pop()
        elif typ == "list_item_open":
            stack.append(("item", -1))
        elif typ == "list_item_close":
            if stack and stack[-1][0] == "item":
                stack.pop()
        elif typ.startswith("container_") and typ.endswith("_open"):
            stack.append(("admonition", len(blocks)))
            advert_in.append(False)
        elif typ.startswith("container_") and typ.endswith("_close"):
            if stack and stack[-1][0] == "admonition":
                start = int(stack.pop()[1])  # type: ignore[arg-type]
                if advert_in and advert_in.pop():
                    del blocks[start:]  # the whole box is the advert ("Expert tip: … 70% off … Check it out")
        elif typ == "heading_open":
            heading_level = int(t.tag[1:]) if t.tag[1:].isdigit() else 1
        elif typ == "inline" and heading_level:
            s, _ = _render_inline(t)
            s = HEADING_ID.sub("", _clean_text(s).replace("\n", " "))
            if s:
                blocks.append(Block("heading", s, heading_level))
            heading_level = 0
        elif typ == "inline":
            s, hrefs = _render_inline(t)
            raw = t.content
            s = _clean_text(_ALERT.sub("", s, count=1) if quotes and not quotes[-1] else s)
            if not s or MDX_STATEMENT.match(raw):
                i += 1
                continue
            if is_advert(s, hrefs):
                if advert_in:
                    advert_in[-1] = True
                i += 1
                continue
            item = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == "item"), None)
            bold_only = _bold_only(t)
            if item is not None:
                first = stack[item][1]
                if first == -1:
                    ordered = any(kind == "list" and val for kind, val in stack[:item][-1:])
                    stack[item] = ("item", len(blocks))
                    blocks.append(Block("bullet", s, list_depth, ordered, quoted=any(quotes)))
                elif blocks and int(first) < len(blocks) and blocks[-1].kind == "bullet" and int(first) == len(blocks) - 1:
                    blocks[-1].text += " " + s.replace("\n", " ")  # a later paragraph of the same list item
                else:
                    blocks.append(Block("para", s, quoted=any(quotes)))
            elif bold_only and len(s) <= 160 and not s.endswith((".", "!", ",", ";")) and not any(quotes):
                blocks.append(Block("heading", s.rstrip(":").strip(), 0))
            else:
                blocks.append(Block("para", s, quoted=any(quotes)))
        elif typ in ("fence", "code_block"):
            code = t.content.rstrip("\n")
            if code.strip():
                fence = t.markup or "```"
                blocks.append(Block("code", f"{fence}{t.info.strip()}\n{code}\n{fence}" if typ == "fence" else code))
        elif typ == "html_block":
            s, title = html_text(t.content)
            if title and "embedded_title" not in meta:
                meta["embedded_title"] = title
            s = _clean_text(s)
            if re.search(r"\w", s):  # a box left with only its icon ("⚠️") once its notice is dropped says nothing
                blocks.append(Block("para", s))
        elif typ == "table_open":
            rows, i = _table_rows(tokens, i)
            blocks.extend(Block("table", r) for r in rows)
            continue
        i += 1
    return blocks, meta


def _bold_only(tok) -> bool:
    """True when an inline token is one strong run and nothing else ("**Don'ts**", "**How do we …?**")."""
    kids = [c for c in (tok.children or ()) if not (c.type == "text" and not c.content.strip())]
    return len(kids) >= 3 and kids[0].type == "strong_open" and kids[-1].type == "strong_close" and not any(
        c.type == "strong_open" for c in kids[1:-1])
