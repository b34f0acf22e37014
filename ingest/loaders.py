"""File -> raw text + format. Every unusable file raises ``IngestError`` with a reason a user can act on.

Encoding policy, strongest evidence first: a BOM (UTF-8, UTF-16); valid UTF-8; for HTML, the charset its head
declares (``<meta charset>`` or an HTTP-equiv content type); Windows-1252 when the result is plainly prose (no
control characters, few non-ASCII letters: typographic punctuation such as curly quotes does not count); then
charset-normalizer's guess. A guess is recorded in ``meta["encoding"]``. Bytes none of these
read as text are refused with "cannot be read as text: it is not valid UTF-8" and what to do.
"""
from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Iterator, Literal

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
        text, encoding = decode_text(data, where, html=fmt == "html")
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


def decode_text(data: bytes, where: str = "<text>", *, html: bool = False) -> tuple[str, str]:
    """Decode bytes of a text document; returns (text, encoding) or raises ``IngestError``.

    ``html``: the page's own charset declaration is read when the bytes are not UTF-8.
    """
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
        # valid UTF-8 beats a page's declaration: a page re-saved as UTF-8 often keeps its old <meta charset>
        return check_textual(data.decode("utf-8-sig"), where), "utf-8"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        utf8_error = (f"cannot be read as text: it is not valid UTF-8, and no other text encoding reads it as prose "
                      f"(line {line} has the first character that cannot be read); if it is an article, open it in a "
                      "text editor, save the file as UTF-8 with Save As, and add that file")
    declared = declared_charset(data) if html else None
    for encoding in chain([declared] if declared else [], ["cp1252"], _detected(data)):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        # a declared or detected encoding is evidence of its own; cp1252 decodes almost any bytes, so as a guess it
        # must read as plain prose to be believed
        if encoding == "cp1252" != declared and not _plain_prose(text):
            continue
        return check_textual(text, where), encoding
    raise IngestError(where, utf8_error)


# <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">, in the page's head
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# the HTML standard reads these labels as Windows-1252, which is what pages labelled so are really in
_AS_CP1252 = frozenset({"cp1252", "latin_1", "ascii", "iso8859_1"})


def declared_charset(data: bytes) -> str | None:
    """The Python codec of the charset an HTML page declares in its first 4 KB, or ``None``."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_8", "utf_16")):
        return None  # not UTF-8 after all; and bytes without a UTF-16 BOM are not UTF-16, whatever the page says
    return "cp1252" if name in _AS_CP1252 else name


def _detected(data: bytes) -> Iterator[str]:
    """The encodings charset-normalizer finds least garbled.

    Among equally clean readings a Windows code page is preferred over an old Mac OS one (mac_greek reads most
    cp1253 bytes the same, but not all).
    """
    from charset_normalizer import from_bytes  # lazily: only files that are neither UTF-8 nor cp1252 prose need it

    found = sorted(from_bytes(data), key=lambda match: (round(match.chaos, 2), match.encoding.startswith("mac_")))
    yield from (match.encoding for match in found[:3])


def _plain_prose(text: str) -> bool:
    """Whether a Windows-1252 reading is believable: few non-ASCII letters (a page in another script read as
    cp1252 is full of them) and nothing outside letters, punctuation, symbols and digits."""
    non_ascii = Counter(_ASCII_RUNS.sub("", text))
    letters = sum(n for c, n in non_ascii.items() if c.isalpha())
    if letters > max(8, len(text) // 10):
        return False
    # letters (é, ß), typographic punctuation (– — ’ “ ” …) and symbols such as € £ ° are fine;
    # control and unassigned characters mean the guess is wrong
    return all(unicodedata.category(c)[0] in "LPSN" or c == "\xa0" for c in non_ascii)


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # Unicode's Cc, less \t \n \f \r


def check_textual(text: str, where: str) -> str:
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 200):
        raise IngestError(where, "binary content, not text (it has control characters); add the article's text")
    return text
