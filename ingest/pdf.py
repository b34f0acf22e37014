"""PDF → article text: pypdf's words in reading order, with the structure the page layout shows put back.

pypdf's ``extract_text`` gives the words but no structure. Its visitor also reports each text run's font, size and
position, and each page lists its link annotations; from those (:func:`_marks`) this module
- writes headings as ``#`` lines: lines set clearly larger than the body text, then short bold lines that begin a
  block, so a printed web page or an exported document keeps its sections, mistake lists and FAQ entries;
- writes indented lines as list items and fences code; where the page draws its bullets (a browser's lists: the
  shapes in the page's content stream, not glyphs in its text), a drawn bullet starts an item, a line without one
  continues it, and a block indented as far as the items but without a bullet, or beside a drawn bar, is a
  blockquote, written with ``> `` as in Markdown (a sample or template the article sets apart);
- drops what a printed web page shows around its article (:func:`_page_furniture`: banners and sidebars above the
  page's title, navigation, contents, box titles), running headers, footers and page numbers, glyphs pypdf cannot
  map, and referral blocks (a paragraph linking with tracking parameters and asking the reader to buy or click:
  :func:`coach.adverts.is_advert`, the same test as for Markdown and HTML);
- drops Markdown a page printed unrendered (an MDX ``import`` line, a heading's ``{#id}``, a title's front matter
  quotes), and keeps a paragraph or code block a page break cut whole;
- re-joins lines wrapped mid-paragraph (:func:`unwrap_pdf_lines`; a hyphen ending a line goes only when the halves
  make a word of the dictionary: "develop-ment", not "cross-functional" or a dash);
- returns the document's own title from its metadata (the part its first heading repeats), for a file whose text
  opens without one.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from coach.adverts import is_advert
from coach.errors import IngestError
from ingest.clean import BOX_KINDS, document_title, title_parts
from ingest.loaders import file_kind
from ingest.markdown import HEADING_ID, MDX_STATEMENT  # what a page failed to render, dropped as in Markdown

HEADING_RATIO = 1.1  # a line this much larger than the body size is a heading (a browser's h3 is 1.17 em)
MAX_HEADING_WORDS = 20
BOLD = -1  # the heading mark of a bold line
_BOLD_FACE = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_MONO_FACE = re.compile(r"mono|courier|consol|menlo|code", re.I)
MAX_NAV_WORDS = 12  # a site's navigation bar; a longer line of links is prose that links a lot
GAP_RATIO = 1.4
INDENT_RATIO = 1.2  # a line starting this many body-text ems right of the margin is a list item (or its wrap)
_BULLET = re.compile(r"^[\x00-\x08\uf000-\uf0ff•●▪◦‣∙·]\s*")  # a bullet glyph the font maps to no letter
_BOX_TITLE = re.compile(rf"^(?:\w+\s+)?{BOX_KINDS}$", re.I)  # "INFO", "Expert tip": the title a page sets over a box
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # a glyph pypdf maps to no character (an emoji)
_ORDINAL = re.compile(r"^(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s", re.I)  # an ordered list's number, set as text
_QUOTED_TITLE = re.compile(r"# (['\"])(.+)\1")  # a level-1 heading set wholly in quotes
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)


def _key(text: str) -> str:
    """A line's identity across pypdf's text and its visitor: its characters without any whitespace."""
    return re.sub(r"\s+", "", text)


@dataclass
class _Line:
    """One visual line: its runs' text (in x order) and the size most of its characters are set in. Read only once
    the page's runs are all in (its derived properties are computed once)."""

    y: float = 0.0  # baseline, larger is higher on the page
    runs: list[tuple[float, str, float]] = field(default_factory=list)  # (x, text, size)
    bold: int = 0  # characters set in a bold face
    code: int = 0  # characters set in a monospace face
    links: int = 0  # runs inside a link annotation
    linked_chars: int = 0
    internal: int = 0  # runs inside a link to a place in the document
    uris: list[str] = field(default_factory=list)  # where its links to other pages go
    bullet: bool = False  # a small shape is drawn just left of its start (a browser's list bullet)
    barred: bool = False  # a thin upright bar is drawn beside it (a styled blockquote's left border)

    @cached_property
    def key(self) -> str:
        return _key(self.text)

    @cached_property
    def text(self) -> str:
        return " ".join(t for _, t, _ in sorted(self.runs))

    @cached_property
    def is_code(self) -> bool:
        return self.code >= len(self.key) / 2

    @cached_property
    def left(self) -> float:
        return min(x for x, _, _ in self.runs)

    @cached_property
    def size(self) -> float:
        sizes = Counter()
        for _, t, s in self.runs:
            sizes[round(s, 1)] += len(t.strip())
        return sizes.most_common(1)[0][0] if sizes else 0.0


@dataclass
class _Page:
    text: str
    lines: list[_Line]  # top to bottom


_PAINT = {b"f", b"f*", b"F", b"S", b"s", b"B", b"B*", b"b", b"b*"}


def _shape_reader():
    """(boxes, visitor): pypdf's operator visitor fills ``boxes`` with the bounding boxes (x0, y0, x1, y1) of the
    page's painted paths, in the text's coordinates."""
    boxes: list[tuple[float, float, float, float]] = []
    points: list[tuple[float, float]] = []

    def before(op, args, cm, tm) -> None:
        if op in (b"m", b"l", b"c", b"v", b"y", b"re"):
            vals = [float(a) for a in args]
            xy = [(vals[0], vals[1]), (vals[0] + vals[2], vals[1] + vals[3])] if op == b"re" else list(
                zip(vals[::2], vals[1::2]))
            points.extend((cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]) for x, y in xy)
        elif op in _PAINT or op == b"n":
            if op != b"n" and points:
                xs, ys = [x for x, _ in points], [y for _, y in points]
                boxes.append((min(xs), min(ys), max(xs), max(ys)))
            points.clear()

    return boxes, before


def _mark_drawn(lines: list[_Line], boxes: list[tuple[float, float, float, float]]) -> None:
    """Mark the lines a bullet or a quote bar is drawn beside. A bullet is a shape smaller than half the line's
    type, ending less than two ems left of the line's start, within its height; a bar is at most a quarter em wide
    and taller than a line, ending less than three ems left of the lines it spans."""
    for ln in lines:
        size = ln.size or 1.0
        for x0, y0, x1, y1 in boxes:
            if not (x1 <= ln.left and ln.left - x1 < 3 * size):
                continue
            if x1 - x0 <= size / 2 and y1 - y0 <= size / 2 and ln.left - x1 < 2 * size and \
                    ln.y - size / 4 <= y0 and y1 <= ln.y + size:
                ln.bullet = True
            elif x1 - x0 <= size / 4 and y1 - y0 > 1.5 * size and y0 - size / 2 <= ln.y <= y1:
                ln.barred = True


@dataclass
class _Mark:
    """What the layout says of one visual line."""

    heading: int = 0  # its heading level, 0 for none, BOLD for a bold line that begins a block
    item: bool = False  # indented: a list item or the wrap of one
    start: bool = False  # set after a visible gap: a block begins here
    turned: bool = False  # a page's first line set where the last page's last line was: it may continue that block
    drop: bool = False  # navigation, a table-of-contents entry, a running header or footer
    code: bool = False  # set in a monospace face
    bullet: bool | None = None  # a bullet is drawn before it; None off the drawn bullets' item starts (or none drawn)
    quote: bool = False  # inside a blockquote: a sample or template the page sets apart
    uris: list[str] = field(default_factory=list)  # where its links to other pages go


def _read_page(page) -> _Page:
    rects: list[tuple[str, tuple[float, float, float, float]]] = []
    for annot in page.get("/Annots") or []:
        a = annot.get_object()
        if a.get("/Subtype") != "/Link":
            continue
        action = a.get("/A") or {}
        # a link within the document (a table of contents) has a destination, not a URI
        uri = action.get("/URI") or ("#" if a.get("/Dest") is not None or action.get("/S") == "/GoTo" else None)
        rect = a.get("/Rect")
        if uri and rect and len(rect) == 4:
            x0, y0, x1, y1 = (float(v) for v in rect)
            rects.append((str(uri), (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
    lines: dict[int, _Line] = {}

    def visit(text, cm, tm, font, size) -> None:
        text = _CONTROL.sub("", text or "")  # an unmapped glyph set in its own font says nothing of the line's face
        if not text.strip():
            return
        face = str((font or {}).get("/BaseFont") or "")
        chars = len(_key(text))
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]) * abs(cm[0] * cm[3] - cm[1] * cm[2]))
        line = lines.setdefault(round(y / 2), _Line(y=y))
        line.runs.append((x, text, (size or 0) * scale))
        if _BOLD_FACE.search(face):
            line.bold += chars
        if _MONO_FACE.search(face):
            line.code += chars
        for i, (uri, (x0, y0, x1, y1)) in enumerate(rects):
            if x0 - 1 <= x <= x1 + 1 and y0 - 3 <= y <= y1 + 3:  # the baseline sits inside the link's box
                line.links += 1
                line.linked_chars += chars
                line.internal += uri == "#"
                if uri != "#" and uri not in line.uris:
                    line.uris.append(uri)
                break

    boxes, shapes = _shape_reader()
    text = page.extract_text(visitor_text=visit, visitor_operand_before=shapes) or ""
    ordered = sorted(lines.values(), key=lambda ln: -ln.y)
    _mark_drawn(ordered, boxes)
    return _Page(text, ordered)


def _body_size(pages: list[_Page]) -> float:
    """The size most prose characters are set in (code is often set smaller and can outnumber the prose)."""
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            if not ln.is_code:
                sizes[ln.size] += len(ln.key)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _margin(pages: list[_Page]) -> float:
    """The text's left margin: the leftmost start that many lines share (most lines of a page of lists start at
    the list's indent, so the commonest start is not it)."""
    starts: Counter[float] = Counter(round(ln.left / 2) * 2 for p in pages for ln in p.lines)
    common = max(3, sum(starts.values()) // 20)
    return min((x for x, n in starts.items() if n >= common), default=min(starts, default=0.0))


def _usual_spacing(pages: list[_Page]) -> float:
    gaps = sorted(a.y - b.y for p in pages for a, b in zip(p.lines, p.lines[1:]) if a.y > b.y)
    return gaps[len(gaps) // 4] if gaps else 0.0  # most lines follow their neighbour at the usual spacing


def _marks(pages: list[_Page], title: str = "") -> list[dict[str, list[_Mark]]]:
    """Per page, each line's key → the marks of its occurrences top to bottom (a heading "SQL" and a contents
    entry "SQL" on one page share a key, not a mark).

    Headings: lines set clearly larger than the body text (the largest size is level 1); a short line set wholly
    in bold that begins a block (a browser's h4-h6, a document's bold heading) is ``BOLD``: it is written as a
    paragraph of bold text, which the parser reads as a heading as it does in Markdown. Items: lines starting
    ``INDENT_RATIO`` ems right of the margin. Starts: lines after a gap of ``GAP_RATIO`` times the usual spacing.
    Dropped: what a printed page shows around its article (:func:`_page_furniture`) and lines repeated on most
    pages of a long document (running headers and footers)."""
    body, margin, usual = _body_size(pages), _margin(pages), _usual_spacing(pages)
    item_starts = {round(ln.left) for p in pages for ln in p.lines if ln.bullet}  # where drawn bullets' items start
    if body <= 0:
        return [{} for _ in pages]
    repeated: set[str] = set()
    if len(pages) >= 3:
        # a running header or footer stands at a page's top or bottom; a heading repeated down the article does not
        seen = Counter(k for p in pages for k in {ln.key for ln in p.lines[:2] + p.lines[-2:]})
        repeated = {k for k, n in seen.items() if n > len(pages) / 2}

    def heading_like(ln: _Line) -> bool:
        return len(ln.text.split()) <= MAX_HEADING_WORDS and bool(re.search(r"[A-Za-z]", ln.key)) and not ln.is_code

    sizes = sorted({ln.size for p in pages for ln in p.lines if heading_like(ln) and ln.size >= HEADING_RATIO * body},
                   reverse=True)
    levels = {s: min(i + 1, 6) for i, s in enumerate(sizes)}
    flat: list[tuple[_Line, _Mark]] = []  # every line of the document in reading order
    page_of: list[int] = []
    for n, p in enumerate(pages):
        for i, ln in enumerate(p.lines):
            # larger type is set with more space between its lines: a wrapped heading's second line is no gap
            above = p.lines[i - 1] if i else None
            start = above is None or (usual > 0 and above.y - ln.y > GAP_RATIO * usual * max(
                1.0, ln.size / body, above.size / body))
            item = ln.left >= margin + INDENT_RATIO * body
            aligned = bool(flat) and abs(flat[-1][0].left - ln.left) < 1
            level = 0
            if heading_like(ln):
                if ln.size in levels:
                    level = levels[ln.size]
                elif ln.bold >= len(ln.key) and not item and not ln.key.endswith((".", ",", ";")) and (
                        start or (i and flat[-1][1].heading == BOLD)):  # a bold heading wrapped onto two lines
                    level = BOLD  # a list item set in bold is still an item, as in Markdown
            # where bullets are drawn, a block set where list items start but without a bullet is a blockquote (a
            # browser indents both alike; a table's cells and a centred caption start elsewhere); a page's first
            # line set where the last page's last line was continues that line (its item or quote)
            opens = start and (above is not None or not aligned)
            continues = aligned and flat[-1][1].quote and (not start or above is None)
            listed = round(ln.left) in item_starts
            quote = not ln.is_code and not level and (ln.barred or (
                item and listed and not ln.bullet and not _ORDINAL.match(ln.text) and (opens or continues)))
            turned = above is None and aligned and not flat[-1][1].heading
            flat.append((ln, _Mark(heading=level, item=item, start=start, turned=turned, drop=ln.key in repeated,
                                   code=ln.is_code, bullet=ln.bullet if listed else None, quote=quote, uris=ln.uris)))
            page_of.append(n)
    for i in _page_furniture(flat, page_of, title, body):
        flat[i][1].drop = True
    out: list[dict[str, list[_Mark]]] = [{} for _ in pages]
    for (ln, mark), n in zip(flat, page_of):
        out[n].setdefault(ln.key, []).append(mark)
    return out


def _page_furniture(flat: list[tuple[_Line, _Mark]], page_of: list[int], title: str, body: float) -> set[int]:
    """Indexes of the lines a printed web page shows around its article: everything on the first page above the
    page's own title (a heading the metadata title names, else the document's largest heading when no line of
    prose stands above it: skip link, banner, cookie notice, breadcrumbs); navigation (a line of two or more links
    and nothing else, or a run of lines each one short link: a sidebar, "Previous"/"Next", a related-pages list);
    contents (lines linking only within the document, or a run of short unlinked lines each repeating a heading
    that comes later); a box's title (a line of its own at the body size naming a kind of box: "INFO", "Expert
    tip"), which the saved page's Markdown leaves out as well."""
    drop: set[int] = set()
    first = [i for i, n in enumerate(page_of) if n == 0]
    headed = [i for i in first if flat[i][1].heading > 0]
    parts = {_key(p).lower() for p in title_parts(title)}
    named = [i for i in headed if flat[i][0].key.lower() in parts]
    # unnamed, the document's largest heading only marks the start with no prose above it (an exported report's
    # abstract above its first heading is the article's)
    largest = [i for i in headed if flat[i][1].heading == 1][:1]
    if largest and any(len(flat[i][0].text.split()) > MAX_HEADING_WORDS for i in range(first[0], largest[0])):
        largest = []
    if named or largest:
        drop.update(range(first[0], (named or largest)[0]))

    def link_only(ln: _Line) -> bool:
        return ln.links >= 1 and ln.linked_chars >= len(ln.key) and len(ln.text.split()) <= MAX_NAV_WORDS \
            and not ln.key.endswith((".", "!", "?", ":"))

    later: dict[str, int] = {}  # a heading's key → the index of its last occurrence
    for i, (ln, mark) in enumerate(flat):
        if mark.heading:
            later[_key(HEADING_ID.sub("", ln.text))] = i
    nav = [link_only(ln) for ln, _ in flat]
    toc = [not mark.heading and later.get(ln.key, -1) > i for i, (ln, mark) in enumerate(flat)]
    for i, (ln, mark) in enumerate(flat):
        run = any(0 <= j < len(flat) and nav[i] and nav[j] for j in (i - 1, i + 1))
        entries = any(0 <= j < len(flat) and toc[i] and toc[j] for j in (i - 1, i + 1))
        alone = mark.start and (i + 1 == len(flat) or page_of[i + 1] != page_of[i] or flat[i + 1][1].start)
        box = alone and not mark.heading and not ln.links and ln.size == body and bool(
            _BOX_TITLE.match(ln.text.strip()))
        if box or (ln.links >= 2 and nav[i]) or run or entries or (
                ln.internal and ln.internal == ln.links and ln.linked_chars >= len(ln.key)):
            drop.add(i)
    return drop


def _joined(before: str, after: str) -> str:
    """A line and the next one it wraps onto. After a hyphen ending a word (not a dash) no space goes between, and
    the hyphen goes only when it broke one word ("develop-" "ment"): the two halves make a word of the dictionary;
    else it is the word's own ("cross-" "functional", "in-" "place")."""
    from coach.english import speller

    head, tail = re.search(r"([^\W\d_]+)-$", before), re.match(r"[^\W\d_]+", after)
    if not head or not after[:1].islower():
        return f"{before} {after}"
    broken = bool(tail) and speller().word_frequency[(head.group(1) + tail.group(0)).lower()] > 0
    return (before[:-1] if broken else before) + after


def unwrap_pdf_lines(pages_text: str, marks: dict[str, list[_Mark]] | None = None) -> str:
    """Re-join lines that the PDF wrapped mid-paragraph (``pages_text``: the pages' text, separated by form feeds,
    so a paragraph or code block a page break cut stays one) and write the structure the layout ``marks`` show:
    headings become ``#`` lines (bold ones ``**…**`` paragraphs), indented lines that do not continue the line
    before become ``-`` items, quoted lines ``>`` lines, code is fenced, dropped lines, page numbers, unrendered
    MDX statements and referral paragraphs (a tracking link on one of its lines and a call to action:
    :func:`coach.adverts.is_advert`) go. Short lines and lines set after a gap stay on their own.

    A line continues the previous one when the previous one is nearly as wide as its page's widest line and either
    does not end a sentence or the layout places the line with no gap above it on the same page, or when the line
    starts in lower case.
    """
    marks = {k: list(v) for k, v in (marks or {}).items()}
    raws, widths = [], []  # each line, and the widest line of its page (pages are separated by form feeds)
    for page in pages_text.split("\f"):
        page_raws = [ln.strip() for ln in page.splitlines()]
        raws += page_raws
        widths += [max((len(_CONTROL.sub("", ln)) for ln in page_raws), default=0)] * len(page_raws)
    lines = [_CONTROL.sub("", _BULLET.sub("- ", ln)).strip() for ln in raws]
    out: list[str] = []
    hrefs: dict[int, list[str]] = {}  # block index in ``out`` → the links on its lines
    code: list[str] = []
    open_heading = 0  # the level of a heading on the line just before: a heading wrapped onto two lines
    last_full = False  # the previous line (``out[-1]`` may hold several joined lines) is nearly as wide as its page

    def close_code() -> None:
        if code:
            out.extend(["", "```", *code, "```", ""])
            code.clear()

    for raw, ln, width in zip(raws, lines, widths):
        bare = _CONTROL.sub("", raw).strip()
        queue = marks.get(_key(ln)) or (marks.get(_key(bare)) if bare != ln else None)
        seen = bool(queue)
        mark = queue.pop(0) if queue else _Mark()
        # whether a gap stands above the line is known when the layout saw it, and not across a page break
        placed = seen and not mark.turned
        start = mark.start and not mark.turned
        if mark.heading:
            # an unmapped glyph before a heading (an emoji in a page's title) is no bullet; a heading's "{#id}" is
            # Markdown the page did not render
            ln = HEADING_ID.sub("", bare)
        if mark.code and ln:
            code.append(ln)
            continue
        if code and not ln:  # a blank line inside a code block
            continue
        close_code()
        if not ln or mark.drop or _PAGE_NUMBER.match(ln) or MDX_STATEMENT.match(ln):
            open_heading = 0
            if out and out[-1] != "":
                out.append("")
            continue
        if mark.heading and mark.heading == open_heading and not mark.start:  # a heading wrapped onto two lines
            head = _joined(out[-2][:-2] if mark.heading == BOLD else out[-2], ln)
            out[-2] = f"{head}**" if mark.heading == BOLD else HEADING_ID.sub("", head)  # an id the wrap cut
            continue
        open_heading = mark.heading
        if mark.heading:
            out.extend(["", f"**{ln}**" if mark.heading == BOLD else f"{'#' * mark.heading} {ln}", ""])
            hrefs[len(out) - 2] = list(mark.uris)
            continue
        prev = out[-1] if out else ""
        if mark.quote:  # its lines stay one quoted paragraph until a gap
            if prev and not (prev.startswith("> ") and not start):
                out.append("")
            out.append(f"> {ln}")
            hrefs[len(out) - 1] = list(mark.uris)
            last_full = len(ln) >= 0.7 * width
            continue
        starts_item = ln[:1] in "•-*–▪◦" or ln[:2].rstrip(".)").isdigit()
        # a drawn bullet starts an item; without drawn bullets, an indented line starting a new sentence is the
        # next list item, not the wrap of the one before
        new_item = mark.bullet if mark.bullet is not None else mark.item and not ln[:1].islower()
        full, last_full = last_full, len(ln) >= 0.7 * width
        # a line the layout places right under a full one continues its paragraph, even after a sentence's end
        if prev and not prev.startswith(("#", "```", "> ")) and not starts_item and not new_item and not start \
                and (ln[:1].islower() or (full and (placed or not prev.endswith((".", "?", "!", ":"))))):
            out[-1] = _joined(prev, ln)
            hrefs.setdefault(len(out) - 1, []).extend(mark.uris)
        else:
            if prev:
                out.append("")  # each kept line is its own block
            out.append(f"- {ln}" if new_item and not starts_item else ln)
            hrefs[len(out) - 1] = list(mark.uris)
    close_code()
    kept = [b for i, b in enumerate(out) if not (hrefs.get(i) and is_advert(" ".join(b.split()), hrefs[i]))]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def pdf_text(data: bytes, where: str) -> tuple[str, dict]:
    """(article text, metadata) of a PDF; ``IngestError`` for an encrypted, corrupt or image-only file."""
    from io import BytesIO

    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only PDFs open with an empty user password
            except Exception:  # noqa: BLE001 - pypdf raises several types for unsupported crypto
                opened = 0
            if not opened:
                raise IngestError(where, "encrypted PDF: it needs a password to open; save a copy without the "
                                         "password and add that")
        pages = [_read_page(page) for page in reader.pages]
        raw_title = str((reader.metadata or {}).get("/Title") or "")
    except IngestError:
        raise
    except Exception:  # noqa: BLE001 - a damaged PDF can fail anywhere inside pypdf
        # pypdf's class names and messages ("PdfStreamError: Stream has ended unexpectedly") tell a user nothing
        raise _unreadable(data, where) from None
    marks: dict[str, list[_Mark]] = {}  # the pages' marks in reading order: a block a page break cut is one block
    for page_marks in _marks(pages, raw_title):
        for k, queue in page_marks.items():
            marks.setdefault(k, []).extend(queue)
    text = unwrap_pdf_lines("\f".join(p.text.strip() for p in pages if p.text.strip()), marks)
    first = re.search(r"^# .+$", text, re.M)
    quoted = first and _QUOTED_TITLE.fullmatch(first.group(0))
    if quoted:  # a page's title set wholly in quotes printed its front matter's quoting ('Negotiation: a guide')
        text = f"{text[:first.start()]}# {quoted.group(2)}{text[first.end():]}"
    if sum(c.isalnum() for c in text) < 20:
        raise IngestError(where, "PDF has no extractable text, only images (a scan?); OCR it first (text "
                                 "recognition), or add the article as text")
    heading = re.search(r"^#+ (.+)$", text, re.M)
    title = document_title(raw_title, heading.group(1) if heading else None)
    return text, ({"embedded_title": title} if title else {})


def _unreadable(data: bytes, where: str) -> IngestError:
    """Why pypdf could not read ``data``, in a user's words: not a PDF at all (and what it is), or a damaged one."""
    if b"%PDF-" not in data[:1024]:  # where the PDF standard lets the header sit
        kind, todo = file_kind(data) or _page_kind(data) or ("", "check that you chose the right file")
        return IngestError(where, f"not a PDF{f': the file is {kind}' if kind else ''} (only its name ends in .pdf)"
                                  f"; {todo}")
    return IngestError(where, "corrupt or unreadable PDF: the file is damaged or incomplete (a download or export may "
                              "have stopped early); download or export it again, or print the page to a new PDF")


def _page_kind(data: bytes) -> tuple[str, str] | None:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)", "rename it to .html"
    return None
