"""Walks files and folders, skips unchanged ones by hash, parses, chunks, embeds and stores each document."""
from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
import time
from pathlib import Path
from typing import Callable, Iterable

from coach.errors import CoachError, IngestError
from coach.models import Article, Chunk, IngestReport, SkippedFile

Progress = Callable[[int, int, str], None]

# Documents are embedded and written together until this many chunks are pending: the encoder sorts a call's texts
# by length, so small calls pad more (256 chunks a call was 8% slower than 1024), and each write is a round trip.
_EMBED_BATCH_CHUNKS = 1024
_FIRST_BATCH_CHUNKS = 128


def ingest_paths(
    paths: Iterable[Path],
    library,
    *,
    prune: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders into ``library``; bad files are reported in ``skipped`` and the rest go on."""
    from ingest.chunking import chunk_article, embedding_text
    from ingest.parse import parse_file

    started = time.perf_counter()
    report = IngestReport()
    files = discover(paths, report)
    # Importing and opening Chroma takes about a second: do it while the first files are parsed and embedded.
    threading.Thread(target=_open_quietly, args=(library,), daemon=True).start()
    if library.catalog.chunk_count():
        library.reconcile()  # heals what a crash or kill left between Chroma and the catalog
    known = library.document_hashes()
    settings = library.settings

    pending: list[tuple[Article, list[Chunk], list[str]]] = []
    # Embedding runs in a worker thread (torch releases the GIL) while this thread parses the next files and writes
    # the previous batch, so parsing and index writes cost little beyond the encode itself.
    encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coach-embed")
    in_flight: list[tuple[list, Future]] = []

    def write_previous() -> None:
        if not in_flight:
            return
        batch, future = in_flight.pop()
        vectors = future.result()
        docs, offset = [], 0
        for article, chunks, ts in batch:
            docs.append((article, chunks, vectors[offset:offset + len(chunks)], ts))
            offset += len(chunks)
        for (article, _, _, _), status in zip(docs, library.upsert_documents(docs)):
            (report.added if status == "added" else report.updated).append(article.path)

    def flush() -> None:
        if pending:
            batch = list(pending)
            pending.clear()
            future = encoder.submit(library.embedder.encode, [t for _, _, ts in batch for t in ts])
            write_previous()
            in_flight.append((batch, future))

    for done, path in enumerate(files, start=1):
        if progress:
            progress(done - 1, len(files), str(path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.skipped.append(SkippedFile(path=str(path), reason=f"cannot be read ({exc.strerror or exc})"))
            continue
        sha = _sha256(data, path)
        doc_id = document_id(path)
        if doc_id in known and known[doc_id][1] == sha:
            report.unchanged.append(display_path(path))
            continue
        try:
            article = parse_file(path, doc_id=doc_id, sha256=sha).model_copy(update={"path": display_path(path)})
            chunks = _unique(chunk_article(article, chunk_size=settings.chunk_size, overlap=settings.chunk_overlap))
            if not chunks:
                raise IngestError(str(path), "no article text was found after cleaning")
        except CoachError as exc:
            reason = exc.reason if isinstance(exc, IngestError) else str(exc)
            report.skipped.append(SkippedFile(path=str(path), reason=reason))
            continue
        pending.append((article, chunks, [embedding_text(c) for c in chunks]))
        # A small first batch gets the encoder busy early; later batches are large, to pad less.
        if sum(len(c) for _, c, _ in pending) >= (_EMBED_BATCH_CHUNKS if in_flight else _FIRST_BATCH_CHUNKS):
            flush()
    try:
        flush()
        write_previous()
    finally:
        encoder.shutdown(wait=True, cancel_futures=True)

    if prune:
        for doc_id, (stored_path, _) in known.items():
            if not Path(stored_path).exists():
                library.remove_document(doc_id)
                report.removed.append(stored_path)
    if progress:
        progress(len(files), len(files), "done")

    summary = library.summary()
    report.chunks = summary.chunks
    report.rubric_items = len(summary.rubric)
    report.questions = len(summary.questions)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _open_quietly(library) -> None:
    try:
        library.collection
    except Exception:  # the main thread opens it again and reports the error properly
        pass


def discover(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Supported files under ``paths`` (sorted, de-duplicated); the rest are reported as skipped."""
    from ingest.loaders import SUPPORTED_SUFFIXES, is_sidecar

    found: dict[Path, None] = {}
    for root in paths:
        root = Path(root)
        if not root.exists():
            report.skipped.append(SkippedFile(path=str(root), reason="no such file or folder"))
        elif root.is_dir():
            for p in sorted(root.rglob("*")):
                if p.is_file() and not is_sidecar(p) and not any(part.startswith(".") for part in p.relative_to(root).parts):
                    if p.suffix.lower() in SUPPORTED_SUFFIXES:
                        found[p] = None
                    else:
                        report.skipped.append(SkippedFile(
                            path=str(p), reason=f"unsupported file type {p.suffix or '(none)'}; "
                            f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"))
        elif is_sidecar(root):
            continue
        else:
            found[root] = None  # named explicitly: the loader says why when the type is unsupported
    return list(found)


def display_path(path: Path) -> str:
    """The path as stored: relative to the working directory when inside it, so clones agree on ids."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def document_id(path: Path) -> str:
    return hashlib.sha256(display_path(path).encode()).hexdigest()[:16]


def _sha256(data: bytes, path: Path) -> str:
    """Hash of the file and its sidecar, so editing either re-ingests the document."""
    h = hashlib.sha256(data)
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.exists():
        h.update(sidecar.read_bytes())
    return h.hexdigest()


def _unique(chunks: list[Chunk]) -> list[Chunk]:
    seen: dict[str, Chunk] = {}
    for c in chunks:
        seen.setdefault(c.id, c)
    return list(seen.values())
