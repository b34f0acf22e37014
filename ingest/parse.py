"""load -> clean -> structure: one call from a file (or pasted text) to an ``Article``."""
from __future__ import annotations

import hashlib
from pathlib import Path

from coach.errors import IngestError
from coach.models import Article
from ingest.clean import clean_markdown, clean_text, html_to_text
from ingest.loaders import check_textual, load_document
from ingest.structure import parse_article

MIN_WORDS = 12  # fewer words than this is not an article (a stray note, a filename, a broken export)


def _cleaned(text: str, fmt: str) -> str:
    if fmt == "html":
        return html_to_text(text)
    return clean_markdown(text) if fmt == "markdown" else clean_text(text)


def _check_article_text(text: str, where: str) -> None:
    words = text.split()
    if not words:
        raise IngestError(where, "no article text left after removing page furniture")
    if len(words) < MIN_WORDS:
        raise IngestError(where, f"too little text to be an article ({len(words)} words; need at least {MIN_WORDS})")
    letters = sum(c.isalpha() for c in text)
    if letters < 0.5 * sum(not c.isspace() for c in text):
        raise IngestError(where, "does not look like prose (mostly digits or symbols)")


def parse_file(path: Path, *, doc_id: str | None = None, sha256: str | None = None) -> Article:
    """Parse one article file into an ``Article``; raises ``IngestError`` with a reason for unusable files.

    Without ``doc_id``/``sha256`` (tools that only need the structure) the pipeline's path-derived id and the
    file's own digest are used, so rubric and question ids match what an ingest stores.
    """
    path = Path(path)
    doc = load_document(path)
    if doc_id is None:
        from ingest.pipeline import document_id

        doc_id = document_id(path)
    if sha256 is None:
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    text = _cleaned(doc.text, doc.fmt)
    _check_article_text(text, str(path))
    return parse_article(text, doc_id=doc_id, path=str(path), sha256=sha256, fmt=doc.fmt, meta=doc.meta)


def parse_text(text: str, *, name: str, doc_id: str, fmt: str = "markdown") -> Article:
    """Parse pasted text (``fmt`` = markdown, text or html). ``sha256`` is the digest of the UTF-8 text."""
    if fmt not in ("markdown", "text", "html"):
        raise IngestError(name, f"unsupported pasted format {fmt!r}; use markdown, text or html")
    if not text or not text.strip():
        raise IngestError(name, "empty text")
    if "\x00" in text:
        raise IngestError(name, "binary content (NUL characters); paste the article's text")
    check_textual(text, name)
    cleaned = _cleaned(text, fmt)
    _check_article_text(cleaned, name)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return parse_article(cleaned, doc_id=doc_id, path=name, sha256=sha, fmt=fmt)
