"""PDF → article text: pypdf's words in reading order, with the structure the page layout shows put back.

pypdf's ``extract_text`` gives the words but no structure. Its visitor also reports each text run's font size and
position, and each page lists its link annotations; from those this module
- marks lines set clearly larger than the body text as ``#`` headings (the largest size is ``#``, the next ``##`` …),
  so a printed web page or an exported document keeps its sections, mistake lists and FAQ entries;
- drops navigation (a line made only of two or more links), running headers, footers and page numbers (a line
  repeated on most pages), and referral blocks (a paragraph linking with tracking parameters and asking the reader
  to buy or click: :func:`coach.adverts.is_advert`, the same test as for Markdown and HTML);
- re-joins lines wrapped mid-paragraph (:func:`unwrap_pdf_lines`);
- returns the document's own title from its metadata, for a file whose text opens without one.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from coach.adverts import is_advert
from coach.errors import IngestError
from ingest.clean import document_title

HEADING_RATIO = 1.15  # a line this much larger than the body size is a heading (body 11 pt → ≥ 12.65 pt)
MAX_HEADING_WORDS = 20
MAX_NAV_WORDS = 12  # a site's navigation bar; a longer line of links is prose that links a lot
GAP_RATIO = 1.4
INDENT_RATIO = 1.2  # a line starting this many body-text ems right of the margin is a list item (or its wrap)
_BULLET = re.compile(r"^[\x00-\x08\uf000-\uf0ff•●▪◦‣∙·]\s*")  # a bullet glyph the font maps to no letter
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)


def _key(text: str) -> str:
    """A line's identity across pypdf's text and its visitor: its characters without any whitespace."""
    return re.sub(r"\s+", "", text)


@dataclass
class _Line:
    """One visual line: its runs' text (in x order) and the size most of its characters are set in."""

    y: float = 0.0  # baseline, larger is higher on the page
    runs: list[tuple[float, str, float]] = field(default_factory=list)  # (x, text, size)
    links: int = 0  # runs inside a link annotation
    linked_chars: int = 0

    @property
    def key(self) -> str:
        return _key(self.text)

    @property
    def text(self) -> str:
        return " ".join(t for _, t, _ in sorted(self.runs))

    @property
    def left(self) -> float:
        return min(x for x, _, _ in self.runs)

    @property
    def size(self) -> float:
        sizes = Counter()
        for _, t, s in self.runs:
            sizes[round(s * 2) / 2] += len(t.strip())
        return sizes.most_common(1)[0][0] if sizes else 0.0


@dataclass
class _Page:
    text: str
    lines: list[_Line]
    links: list[tuple[str, str]]  # (uri, anchor key)


def _read_page(page) -> _Page:
    rects: list[tuple[str, tuple[float, float, float, float]]] = []
    for annot in page.get("/Annots") or []:
        a = annot.get_object()
        uri = (a.get("/A") or {}).get("/URI") if a.get("/Subtype") == "/Link" else None
        rect = a.get("/Rect")
        if uri and rect and len(rect) == 4:
            x0, y0, x1, y1 = (float(v) for v in rect)
            rects.append((str(uri), (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
    lines: dict[int, _Line] = {}
    anchors: dict[int, list[str]] = {i: [] for i in range(len(rects))}

    def visit(text, cm, tm, _font, size) -> None:
        if not text or not text.strip():
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]) * abs(cm[0] * cm[3] - cm[1] * cm[2]))
        line = lines.setdefault(round(y / 2), _Line(y=y))
        line.runs.append((x, text, (size or 0) * scale))
        for i, (_uri, (x0, y0, x1, y1)) in enumerate(rects):
            if x0 - 1 <= x <= x1 + 1 and y0 - 3 <= y <= y1 + 3:  # the baseline sits inside the link's box
                anchors[i].append(text)
                line.links += 1
                line.linked_chars += len(_key(text))
                break

    text = page.extract_text(visitor_text=visit) or ""
    links = [(uri, _key("".join(anchors[i]))) for i, (uri, _) in enumerate(rects) if anchors[i]]
    return _Page(text, list(lines.values()), links)


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[ln.size] += len(ln.key)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _headings(pages: list[_Page]) -> dict[str, int]:
    """key → heading level for lines set clearly larger than the body text."""
    body = _body_size(pages)
    if body <= 0:
        return {}
    found: dict[str, float] = {}
    for p in pages:
        for ln in p.lines:
            words = ln.text.split()
            if ln.size >= HEADING_RATIO * body and len(words) <= MAX_HEADING_WORDS and re.search(r"[A-Za-z]", ln.key):
                found.setdefault(ln.key, ln.size)
    levels = {s: i + 1 for i, s in enumerate(sorted(set(found.values()), reverse=True))}
    return {k: min(levels[s], 6) for k, s in found.items()}


def _paragraph_starts(pages: list[_Page]) -> set[str]:
    """Keys of lines set after a visible gap (more than ``GAP_RATIO`` times the usual line spacing): a paragraph,
    box or list begins there, so the line never continues the one above, however wide that one is."""
    gaps: list[tuple[str, float]] = []
    for p in pages:
        order = sorted(p.lines, key=lambda ln: -ln.y)
        gaps += [(b.key, a.y - b.y) for a, b in zip(order, order[1:])]
    spacing = sorted(g for _, g in gaps if g > 0)
    if not spacing:
        return set()
    usual = spacing[len(spacing) // 4]  # most lines follow their neighbour at the usual spacing
    return {k for k, g in gaps if g > GAP_RATIO * usual}


def _indented(pages: list[_Page]) -> set[str]:
    """Keys of lines that start clearly right of the text's left margin: list items whose bullet was drawn, not
    written (a browser's printed ``<ul>``), and their wrapped continuations (told apart when unwrapping)."""
    body = _body_size(pages)
    starts: Counter[float] = Counter(round(ln.left / 2) * 2 for p in pages for ln in p.lines)
    if not starts or body <= 0:
        return set()
    # the leftmost start that many lines share: most lines of a page of lists start at the list's indent
    common = max(3, sum(starts.values()) // 20)
    margin = min((x for x, n in starts.items() if n >= common), default=min(starts))
    return {ln.key for p in pages for ln in p.lines if ln.left >= margin + INDENT_RATIO * body}


def _furniture(pages: list[_Page]) -> set[str]:
    """Keys of navigation lines (only links, two or more) and of lines repeated on most pages (running headers and
    footers) — never article text."""
    drop = {ln.key for p in pages for ln in p.lines if ln.links >= 2 and ln.linked_chars >= len(ln.key)
            and len(ln.text.split()) <= MAX_NAV_WORDS and not ln.text.rstrip().endswith((".", "!", "?", ":"))}
    if len(pages) >= 3:
        seen = Counter(k for p in pages for k in {ln.key for ln in p.lines})
        drop |= {k for k, n in seen.items() if n > len(pages) / 2}
    return drop


def unwrap_pdf_lines(page_text: str, headings: dict[str, int] | None = None, drop: set[str] | None = None,
                     items: set[str] | None = None, starts: set[str] | None = None) -> str:
    """Re-join lines that the PDF wrapped mid-paragraph; headings (by key, with their level) become ``#`` lines,
    indented lines (``items``) that do not continue the line before become ``-`` items, and dropped lines go.
    Short lines (list items, plain headings) and lines set after a gap (``starts``) stay on their own.

    A line continues the previous one when the previous one is nearly as wide as the page's widest line and does
    not end a sentence, or when the line starts in lower case.
    """
    headings, drop = headings or {}, drop or set()
    items, starts = items or set(), starts or set()
    lines = [_BULLET.sub("- ", ln.strip()) for ln in page_text.splitlines()]
    lines = ["" if _key(ln) in drop or _PAGE_NUMBER.match(ln) else ln for ln in lines]
    width = max((len(ln) for ln in lines), default=0)
    out: list[str] = []
    open_heading = 0  # the level of a heading on the line just before: a heading wrapped onto two lines
    last_width = 0  # the previous line's own width (``out[-1]`` may hold several joined lines)
    for ln in lines:
        if not ln:
            open_heading = 0
            if out and out[-1] != "":
                out.append("")
            continue
        level = headings.get(_key(ln))
        if level and level == open_heading:
            out[-2] += f" {ln}"
            continue
        open_heading = level or 0
        if level:
            out.extend(["", f"{'#' * level} {ln}", ""] if out else [f"{'#' * level} {ln}", ""])
            continue
        prev = out[-1] if out else ""
        starts_item = ln[:1] in "•-*–▪◦" or ln[:2].rstrip(".)").isdigit()
        # an indented line starting a new sentence is the next list item, not the wrap of the one before
        new_item = _key(ln) in items and not ln[:1].islower()
        full = last_width >= 0.7 * width
        last_width = len(ln)
        if prev and not prev.startswith("#") and not starts_item and not new_item and _key(ln) not in starts and (
                ln[:1].islower() or (full and not prev.endswith((".", "?", "!", ":")))):
            if prev.endswith("-") and ln[:1].islower():
                out[-1] = prev[:-1] + ln
            else:
                out[-1] = f"{prev} {ln}"
        else:
            if prev:
                out.append("")  # each kept line is its own block
            out.append(f"- {ln}" if new_item and not starts_item else ln)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _without_adverts(text: str, links: list[tuple[str, str]]) -> str:
    kept = []
    for para in text.split("\n\n"):
        key = _key(para)
        hrefs = [uri for uri, anchor in links if anchor and anchor in key]
        if not (hrefs and is_advert(" ".join(para.split()), hrefs)):
            kept.append(para)
    return "\n\n".join(kept)


def pdf_text(data: bytes, where: str) -> tuple[str, dict]:
    """(article text, metadata) of a PDF; ``IngestError`` for an encrypted, corrupt or image-only file."""
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only PDFs open with an empty user password
            except Exception:  # noqa: BLE001 - pypdf raises several types for unsupported crypto
                opened = 0
            if not opened:
                raise IngestError(where, "encrypted PDF; remove the password and try again")
        pages = [_read_page(page) for page in reader.pages]
        title = document_title(str((reader.metadata or {}).get("/Title") or ""))
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise IngestError(where, f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # noqa: BLE001 - a damaged PDF can fail anywhere inside pypdf
        raise IngestError(where, f"corrupt or unreadable PDF ({type(exc).__name__})") from None
    layout = _headings(pages), _furniture(pages), _indented(pages), _paragraph_starts(pages)
    text = "\n\n".join(_without_adverts(unwrap_pdf_lines(p.text, *layout), p.links) for p in pages if p.text.strip())
    if sum(c.isalnum() for c in text) < 20:
        raise IngestError(where, "PDF has no extractable text (scanned images?); OCR it first")
    return text, ({"embedded_title": title} if title else {})
