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
            raise IngestError(where, f"file too large ({size / 2**20:.1f} MB; limit {MAX_BYTES / 2**20:.0f} MB)")
        data = path.read_bytes()
    except PermissionError:
        raise IngestError(where, "cannot read file: permission denied") from None
    except OSError as exc:
        raise IngestError(where, f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        raise IngestError(where, "empty file")

    meta = read_sidecar(path)
    if fmt == "pdf":
        from ingest.pdf import pdf_text

        text, found = pdf_text(data, where)
        meta = {**found, **meta}  # the sidecar's word wins
    else:
        if data.startswith(b"%PDF-"):
            raise IngestError(where, f"binary content (a PDF named {path.suffix}); rename it to .pdf")
        text, encoding = decode_text(data, where)
        if encoding != "utf-8":
            meta.setdefault("encoding", encoding)
    if not text.strip():
        raise IngestError(where, "empty file (only whitespace)")
    return LoadedDocument(text=text, fmt=fmt, meta=meta)


def decode_text(data: bytes, where: str = "<text>") -> tuple[str, str]:
    """Decode bytes of a text document; returns (text, encoding) or raises ``IngestError``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return check_textual(data.decode("utf-16"), where), "utf-16"
        except UnicodeDecodeError:
            raise IngestError(where, "binary content: has a UTF-16 mark but does not decode as UTF-16") from None
    if b"\x00" in data:
        raise IngestError(where, "binary content (NUL bytes); not a text document")
    try:
        return check_textual(data.decode("utf-8-sig"), where), "utf-8"
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        utf8_error = f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}); save the file as UTF-8"
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
        raise IngestError(where, "binary content (control characters); not a text document")
    return text
