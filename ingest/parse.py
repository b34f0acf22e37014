"""The parsing stages of an ingest, load → clean → screen → parse structure, from a file (or pasted text) to an
``Article``.

Each stage takes the previous stage's output; ids come from ``ingest.ids``. The pipeline (``ingest.pipeline``)
runs these stages per file and then chunks, embeds and stores; this module never imports it.
"""
from __future__ import annotations

import logging
from pathlib import Path

from coach.errors import IngestError
from coach.models import Article
from ingest.ids import SourceFile, identify, text_sha256
from ingest.loaders import LoadedDocument, check_textual, load_document

# pypdf logs damage it works around ("EOF marker not found") straight to stderr; a PDF it cannot read is reported
# per file with the reason instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MIN_WORDS = 12  # fewer words than this is not an article (a stray note, a filename, a broken export)
# What an ingest derives from a file and stores, beyond its text: bump when a change to parsing or chunking must
# reach articles already stored (their files unchanged). 1: sections record the headings they sit under; 2: notices
# about the page (disclaimers, calls to contribute) are dropped as furniture; 3: a heading the passage never echoes
# ("Practical tips") is embedded after its parent heading, like a one-word heading; 4: a PDF's headings, list items
# and paragraphs come from its layout, HTML keeps nested list items and drops referral blocks, a lead-in line
# ("Common pitfalls:") heads a rubric list, and a sponsored section is not indexed; 5: a behaviour a sentence of
# prose calls a mistake ("candidates who don't … come off as …") is a rubric item (``ingest.warnings``), and a
# rubric item without a fix records what the article asks for in its place (``RubricItem.instead``); 6: a blockquote
# (a sample or template) is never a heading or a rule, a heading naming one mistake and its BAD/GOOD pair are one
# item, and a Don't without a fix takes the Do of the same subject under its heading; 7: a chunk lists the sentences
# the article quotes as a sample (``Chunk.samples``), a quoted line is never page furniture, and a line break inside a
# table cell separates its sentences; 8: an HTML page is read as the Markdown it renders (tables, blockquotes,
# admonitions, FAQ entries keep their kind), and a table row is never cut across chunks; 9: a PDF printed from a web
# page loses its furniture and unmapped glyphs (NUL in headings), and a page's <aside> in the text is a box; 10: a
# PDF's drawn bullets, indented quote blocks (samples) and paragraphs cut by a page break are read from its layout, and
# a plain-text "> " block is a quote; 11: a practice question that only refers back ("How did you solve it?") is a
# follow-up of the bank entry before it, never an entry of its own; 12: a scoring table's failing bands are rubric
# items, and a warning takes its fix from the advice nested under it; 13: a failing band is named by its criterion and
# band ("Communication: strong no hire", ``RubricItem.band``), its description kept as the item's quote; 14: a
# table's failing bands are listed from the mildest to the worst, also when the table is written worst first.
INDEX_FORMAT = 14


def load(source: SourceFile) -> LoadedDocument:
    """Stage 1: bytes → text, format and sidecar metadata (``IngestError`` for unusable files)."""
    return load_document(source.path)


def clean(doc: LoadedDocument, where: str) -> str:
    """Stage 2: page furniture removed; ``IngestError`` when what is left is not an article."""
    from ingest.clean import clean_markdown, clean_text, html_to_text

    if doc.fmt == "html":
        text = html_to_text(doc.text)
    else:
        text = clean_markdown(doc.text) if doc.fmt == "markdown" else clean_text(doc.text)
    _check_article_text(text, where)
    return text


def screen(text: str) -> tuple[str, list[str]]:
    """Stage 3: article text is evidence, never instructions. Sentences addressed to an assistant or the reader's
    tools are dropped (so no answer or rubric item can quote them); returns (text, the article's flags)."""
    from coach.injection import injection_flag, screen_article

    kept, removed = screen_article(text)
    return kept, [injection_flag(removed)] if removed else []


def structure(text: str, doc: LoadedDocument, *, doc_id: str, path: str, sha256: str) -> Article:
    """Stage 4: screened text → ``Article`` (title, sections, FAQ, rubric, questions, roles, company, flags)."""
    from ingest.structure import parse_article

    text, flags = screen(text)
    fmt = "markdown" if doc.fmt == "html" else doc.fmt  # a page is cleaned into Markdown (``clean.html_to_text``)
    article = parse_article(text, doc_id=doc_id, path=path, sha256=sha256, fmt=fmt, meta=doc.meta)
    return article.model_copy(update={"flags": [*article.flags, *flags], "index_format": INDEX_FORMAT})


def parse_source(source: SourceFile) -> Article:
    """load → clean → structure for one identified file; the article's path is the stored (display) path."""
    doc = load(source)
    text = clean(doc, str(source.path))
    return structure(text, doc, doc_id=source.doc_id, path=source.display, sha256=source.sha256)


def parse_file(path: Path, *, doc_id: str | None = None, sha256: str | None = None) -> Article:
    """Parse one article file into an ``Article``; raises ``IngestError`` with a reason for unusable files.

    Without ``doc_id``/``sha256`` (tools that only need the structure) the ids an ingest would store are used.
    The article's ``path`` is the path as given.
    """
    path = Path(path)
    if doc_id is None or sha256 is None:
        try:
            ids = identify(path)
        except OSError:
            load_document(path)  # raises the IngestError that says why the file cannot be read
            raise
        doc_id, sha256 = doc_id or ids.doc_id, sha256 or ids.sha256
    doc = load_document(path)
    return structure(clean(doc, str(path)), doc, doc_id=doc_id, path=str(path), sha256=sha256)


def parse_text(text: str, *, name: str, doc_id: str, fmt: str = "markdown") -> Article:
    """Parse pasted text (``fmt`` = markdown, text or html). ``sha256`` is the digest of the UTF-8 text."""
    if fmt not in ("markdown", "text", "html"):
        raise IngestError(name, f"unsupported pasted format {fmt!r}; use markdown, text or html")
    if not text or not text.strip():
        raise IngestError(name, "empty text")
    if "\x00" in text:
        raise IngestError(name, "binary content, not text; paste the article's text")
    doc = LoadedDocument(text=check_textual(text, name), fmt=fmt)  # type: ignore[arg-type]
    return structure(clean(doc, name), doc, doc_id=doc_id, path=name, sha256=text_sha256(text))


def _check_article_text(text: str, where: str) -> None:
    words = text.split()
    if not words:
        raise IngestError(where, "no article text left after removing page furniture (menus, footers, "
                                 "banners); save the article's own text, e.g. from the browser's reader view")
    if len(words) < MIN_WORDS:
        raise IngestError(where, f"too little text to be an article ({len(words)} words; need at least {MIN_WORDS})"
                                 "; add the whole article, not a note or a title")
    letters = sum(c.isalpha() for c in text)
    if letters < 0.5 * sum(not c.isspace() for c in text):
        raise IngestError(where, "does not look like prose (mostly digits or symbols); add an article written in "
                                 "sentences, not a table of figures or a data file")
