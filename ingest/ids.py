"""The one place that names a source: its stored path, its document id and the hash that detects an edit."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """A file as the library knows it: ``display`` is the stored path, ``doc_id`` derives from it, ``sha256`` covers
    the file and its ``.meta.json`` sidecar (editing either re-ingests the document)."""

    path: Path
    display: str
    doc_id: str
    sha256: str


# Paths inside the project are stored relative to its root, not to the working directory: every clone gives the
# shipped corpus the same ids, and a file ingested from two directories is still one document.
PROJECT = Path(__file__).resolve().parents[1]


def display_path(path: Path) -> str:
    """The path as stored: relative to the project root when inside it, otherwise absolute."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(PROJECT))
    except ValueError:
        return str(resolved)


def stored_file_exists(stored: str) -> bool:
    """Whether the file a stored path names is still there (a relative path is the project's, or, as libraries
    written before paths were project-relative stored it, the working directory's)."""
    path = Path(stored)
    return path.exists() if path.is_absolute() else (PROJECT / path).exists() or path.exists()


def document_id(path: Path) -> str:
    return hashlib.sha256(display_path(path).encode()).hexdigest()[:16]


def file_sha256(path: Path, data: bytes | None = None) -> str:
    """Hash of the file (``data`` when already read) and of its sidecar."""
    from ingest.loaders import sidecar_path

    path = Path(path)
    h = hashlib.sha256(path.read_bytes() if data is None else data)
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        h.update(sidecar.read_bytes())
    return h.hexdigest()


def text_sha256(text: str) -> str:
    """Hash of pasted text (its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def identify(path: Path) -> SourceFile:
    """Name one file; raises ``OSError`` when it cannot be read."""
    path = Path(path)
    return SourceFile(path=path, display=display_path(path), doc_id=document_id(path), sha256=file_sha256(path))
