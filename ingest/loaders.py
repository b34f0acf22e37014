"""File -> raw text + format. Every unusable file raises ``IngestError`` with a reason a user can act on.

Encoding policy: UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such. A file that is not valid
UTF-8 is accepted only when it decodes as Windows-1252 (a superset of Latin-1's printable range) AND the result is
plainly prose: no control characters and only a few non-ASCII characters, all of them letters or typographic
punctuation. Then ``meta["encoding"] = "cp1252"`` records the guess. Anything else is refused with "not valid UTF-8".
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from coach.errors import IngestError

Format = Literal["markdown", "text", "html", "pdf"]

SUFFIX_FORMATS: dict[str, Format] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",  # MDX (documentation sites): imports, JSX and {…} are dropped by the Markdown parser
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(SUFFIX_FORMATS)
SIDECAR_SUFFIX = ".meta.json"
MAX_BYTES = 20 * 1024 * 1024  # far beyond any article; protects memory from a mistaken dump
# What a file that is not an article most often turns out to be, by its first bytes: an error names it, so the user
# knows which file they picked, and says what to do with it.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF", "rename it to .pdf"),
    (b"\x89PNG", "a PNG image", "add the article's text, not a picture of it"),
    (b"\xff\xd8\xff", "a JPEG image", "add the article's text, not a picture of it"),
    (b"GIF8", "a GIF image", "add the article's text, not a picture of it"),
    (b"PK\x03\x04", "a ZIP archive (as a Word .docx or OpenDocument file is)",
     "save the document as PDF or plain text and add that"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Office document", "save the document as PDF or plain text and add that"),
    (b"\x1f\x8b", "a compressed (gzip) file", "unpack it first"),
)
_NOT_TEXT_HINT = "save the article as Markdown, plain text, HTML or PDF and add that file"


@dataclass
class LoadedDocument:
    text: str
    fmt: Format
    meta: dict = field(default_factory=dict)


def is_sidecar(path: Path | str) -> bool:
    """True for ``<file>.meta.json`` metadata files, which describe a document and are not one."""
    return Path(path).name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict:
    """The JSON object in ``<file>.meta.json`` next to ``path``, or ``{}`` when there is none."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(str(path), f"metadata file {side.name} is not valid UTF-8 JSON ({exc})") from None
    if not isinstance(data, dict):
        raise IngestError(str(path), f"metadata file {side.name} must hold a JSON object, not {type(data).__name__}")
    return data


def load_document(path: Path) -> LoadedDocument:
    """Read one article file (.md/.markdown/.mdx, .txt, .html/.htm, .pdf) plus its optional sidecar metadata."""
    path = Path(path)
    where = str(path)
    if is_sidecar(path):
        raise IngestError(where, "this is a metadata sidecar, not an article")
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(where, f"unsupported file type {path.suffix or '(no extension)'!r}; supported: {supported}")
    if not path.exists():
        raise IngestError(where, "file not found")
    if not path.is_file():
        raise IngestError(where, "not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(where, f"file too large ({size / 2**20:.1f} MB; the limit is {MAX_BYTES / 2**20:.0f} "
                                     "MB per article); keep only the article's own page or text, or split the file")
        data = path.read_bytes()
    except PermissionError:
        raise IngestError(where, "cannot read file: permission denied") from None
    except OSError as exc:
        raise IngestError(where, f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        what = "empty file: it has only blank lines and spaces" if data else "empty file (0 bytes)"
        raise IngestError(where, f"{what}; check that you chose the right file, or save the article into it again")

    meta = read_sidecar(path)
    if fmt == "pdf":
        from ingest.pdf import pdf_text

        text, found = pdf_text(data, where)
        meta = {**found, **meta}  # the sidecar's word wins
    else:
        text, encoding = decode_text(data, where)
        if encoding != "utf-8":
            meta.setdefault("encoding", encoding)
    if not text.strip():
        raise IngestError(where, "empty file: it has no text; check that you chose the right file")
    return LoadedDocument(text=text, fmt=fmt, meta=meta)


def file_kind(data: bytes) -> tuple[str, str] | None:
    """(what the file is, what to do) when its first bytes show a known non-article format, else ``None``."""
    return next(((kind, todo) for magic, kind, todo in _SIGNATURES if data.startswith(magic)), None)


def not_text(where: str, data: bytes) -> IngestError:
    """The error for bytes that are not text: what they are, when their first bytes tell, and what to do."""
    kind, todo = file_kind(data) or ("", _NOT_TEXT_HINT)
    return IngestError(where, f"binary content, not text{f': the file is {kind}' if kind else ''}; {todo}")


def decode_text(data: bytes, where: str = "<text>") -> tuple[str, str]:
    """Decode bytes of a text document; returns (text, encoding) or raises ``IngestError``."""
    if file_kind(data):
        raise not_text(where, data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return check_textual(data.decode("utf-16"), where), "utf-16"
        except UnicodeDecodeError:
            raise IngestError(where, "binary content: it starts like UTF-16 text but is not; save the article as "
                                     "UTF-8 text and add that") from None
    if b"\x00" in data:
        raise not_text(where, data)
    try:
        return check_textual(data.decode("utf-8-sig"), where), "utf-8"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        utf8_error = (f"not valid UTF-8: it was saved in another text encoding (line {line} has the first character "
                      "that cannot be read); save the file as UTF-8 in a text editor (Save As, encoding UTF-8)")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError(where, utf8_error) from None
    if not _plain_prose(text):
        raise IngestError(where, utf8_error)
    return check_textual(text, where), "cp1252"


def _plain_prose(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127]
    if len(non_ascii) > max(8, len(text) // 10):
        return False
    # letters (é, ß), typographic punctuation (– — ’ “ ” …) and symbols such as € £ ° are fine;
    # control and unassigned characters mean the guess is wrong
    return all(unicodedata.category(c)[0] in "LPSN" or c == "\xa0" for c in non_ascii)


def check_textual(text: str, where: str) -> str:
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(2, len(text) // 200):
        raise IngestError(where, "binary content, not text (it has control characters); add the article's text")
    return text
