"""Ingest as one straight line: discover → load → clean → parse structure → chunk → embed → store.

Each stage is a function of the previous stage's output: ``discover`` lists the files, ``ingest.ids.identify``
names each one (stored path, document id, content hash: the only place ids are made), ``ingest.parse`` loads,
cleans and structures it, ``chunk`` cuts it, and ``_EmbedStore`` embeds the chunks in slices and stores each slice
as soon as its vectors exist.

- A file that fails any stage before embedding, with any exception, is reported in ``IngestReport.skipped`` with
  its reason; the run goes on and what was stored stays stored.
- Memory stays bounded for any article length: at most two slices of vectors exist at a time, and every write is
  split under the vector store's batch limit.
- A whole ingest holds the library's ingest lock: a second one waits, then reads the stored hashes and skips what
  the first stored.
"""
from __future__ import annotations

import errno
import logging
import os
import stat
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from coach.errors import CoachError, IngestError
from coach.models import Article, Chunk, IngestReport, SkippedFile
from ingest.ids import (display_path, document_id, identify,  # noqa: F401 - display_path/document_id re-exported
                        stored_file_exists)

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]

# Chunks embedded per encoder call: the encoder sorts a call's texts by length, so small calls pad more (256 chunks
# a call was 8% slower than 1024), and each write is a round trip. The first call is small to start the encoder
# early. Two calls' vectors at most are alive at once: this bounds memory for any article length.
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
    from coach.components.vector_store import store_errors
    from coach.store.library import INGEST_LOCK, home_lock

    started = time.perf_counter()
    report = IngestReport()
    files = discover(paths, report)
    settings = library.settings
    # Importing and opening Chroma takes about a second: do it while the first files are parsed and embedded.
    threading.Thread(target=_open_quietly, args=(library,), daemon=True).start()

    def waiting(holder: str) -> None:
        if progress:
            progress(0, len(files), f"waiting for the ingest of {holder} to finish")

    with home_lock(settings, INGEST_LOCK, settings.ingest_wait, on_wait=waiting):
        store = _EmbedStore(library, report, progress, len(files))
        try:
            with store_errors(settings):
                if library.catalog.chunk_count():
                    library.reconcile()  # heals what a crash or kill left between Chroma and the catalog
                from ingest.parse import INDEX_FORMAT

                # read under the lock: what another ingest just stored is skipped; what an older format derived is not
                known = library.document_hashes(INDEX_FORMAT)
                for done, path in enumerate(files):
                    store.files_done = done
                    if progress:
                        progress(done, len(files), str(path))
                    prepared = prepare(path, known, settings, report)
                    if prepared is not None:
                        store.add(*prepared)
                        article = prepared[0]
                        known[article.doc_id] = (article.path, article.sha256)  # a copy later in this run is a twin
                store.finish()
                if prune:
                    for doc_id, (stored_path, _) in known.items():
                        if not stored_file_exists(stored_path):
                            library.remove_document(doc_id)
                            report.removed.append(stored_path)
                summary = library.summary()
        except CoachError as exc:
            stored = len(report.added) + len(report.updated)
            if stored:  # they are safe: say so, and that a re-run finishes the job
                exc.args = (f"{exc} ({stored} file{'s' * (stored != 1)} stored before this; run the same ingest "
                            "again once fixed: stored files are skipped)",)
            raise
        finally:
            store.close()
    if progress:
        progress(len(files), len(files), "done")
    report.chunks = summary.chunks
    report.rubric_items = len(summary.rubric)
    report.questions = len(summary.questions)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def prepare(path: Path, known: dict[str, tuple[str, str]], settings, report: IngestReport) -> tuple[Article, list[Chunk]] | None:
    """identify → (skip when unchanged) → load → clean → parse structure → chunk, for one file.

    Any exception is this file's problem: it is reported with the file's name and the run continues.
    """
    from ingest.parse import parse_source

    try:
        source = identify(path)
    except OSError as exc:
        report.skipped.append(SkippedFile(path=str(path), reason=f"cannot be read ({exc.strerror or exc})"))
        return None
    if known.get(source.doc_id, ("", ""))[1] == source.sha256:
        report.unchanged.append(source.display)
        return None
    twin = _same_text(source, known)
    if twin is not None:
        report.skipped.append(SkippedFile(path=source.display,
                                          reason=f"its text is already in the library as {twin}; not stored twice"))
        return None
    try:
        article = parse_source(source)
        return article, chunk(article, settings)
    except Exception as exc:  # noqa: BLE001 - one bad file must never end the run
        log.debug("skipped %s", path, exc_info=True)
        report.skipped.append(SkippedFile(path=str(path), reason=failure_reason(exc)))
        return None


def _same_text(source, known: dict[str, tuple[str, str]]) -> str | None:
    """The stored path of another document whose file is still there and holds exactly this file's text: a second
    copy would only repeat every citation. (When that file is gone, this one is where it moved: it is stored.)"""
    return next((stored for doc_id, (stored, sha) in known.items()
                 if sha == source.sha256 and doc_id != source.doc_id and stored_file_exists(stored)), None)


def chunk(article: Article, settings) -> list[Chunk]:
    """Stage: article → retrieval chunks (ids unique); ``IngestError`` when nothing is left to index."""
    from ingest.chunking import chunk_article

    chunks = _unique(chunk_article(article, chunk_size=settings.chunk_size, overlap=settings.chunk_overlap))
    if not chunks:
        raise IngestError(article.path, "no article text was found after cleaning")
    return chunks


# Said after every unexpected failure: the user's worry is what else the failure cost.
_NOTHING_LOST = "nothing of this file was stored, and your other files are not affected"
_SAVE_AGAIN = ("save the article again as Markdown, plain text, HTML or PDF (a web page: copy its text into a .txt "
               "file) and add that file")


def failure_reason(exc: BaseException) -> str:
    """What went wrong with one file, in words a user can act on: what happened, what to do, that nothing else was
    lost. Never an exception's class name or a library's message: those are in the debug log."""
    if isinstance(exc, IngestError):
        return exc.reason
    if isinstance(exc, CoachError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return (f"its structure is nested too deeply to read (lists or tags inside one another hundreds of levels "
                f"deep); {_SAVE_AGAIN}; {_NOTHING_LOST}")
    if isinstance(exc, MemoryError):
        return (f"too large to read in the memory this computer has free; split the article into smaller files, or "
                f"close other programs, and add it again; {_NOTHING_LOST}")
    return (f"could not be read: something in it made the coach's reader fail unexpectedly; {_SAVE_AGAIN}, and if "
            f"that fails too, report it with the file attached; {_NOTHING_LOST}")


@dataclass
class _Doc:
    article: Article
    chunks: list[Chunk]
    texts: list[str]
    stored: int = 0


class _EmbedStore:
    """The embed → store stages, streamed.

    Chunk texts are encoded in slices in a worker thread (torch releases the GIL, so the next files are parsed
    meanwhile); each slice's vectors are written as soon as they exist, and a document becomes visible (one catalog
    commit) when its last slice is stored. A slice may hold parts of several small documents or part of a long one.
    """

    def __init__(self, library, report: IngestReport, progress: Progress | None, total_files: int):
        self.library, self.report, self.progress, self.total_files = library, report, progress, total_files
        self.files_done = 0
        self.pending: list[tuple[_Doc, int, int]] = []
        self.pending_chunks = 0
        self.in_flight: tuple[list[tuple[_Doc, int, int]], Future] | None = None
        self.encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coach-embed")

    def _limit(self) -> int:
        return _EMBED_BATCH_CHUNKS if self.in_flight else _FIRST_BATCH_CHUNKS

    def add(self, article: Article, chunks: list[Chunk]) -> None:
        from ingest.chunking import embedding_text

        doc = _Doc(article, chunks, [embedding_text(c) for c in chunks])
        start = 0
        while start < len(chunks):
            end = min(len(chunks), start + max(1, self._limit() - self.pending_chunks))
            self.pending.append((doc, start, end))
            self.pending_chunks += end - start
            start = end
            if self.pending_chunks >= self._limit():
                self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending, self.pending_chunks = self.pending, [], 0
        texts = [t for doc, a, b in batch for t in doc.texts[a:b]]
        future = self.encoder.submit(self.library.embedder.encode, texts)
        self.write_in_flight()
        self.in_flight = (batch, future)

    def write_in_flight(self) -> None:
        if self.in_flight is None:
            return
        batch, future = self.in_flight
        self.in_flight = None
        vectors = future.result()
        self.library.put_vectors([c for doc, a, b in batch for c in doc.chunks[a:b]], vectors,
                                 [t for doc, a, b in batch for t in doc.texts[a:b]])
        del vectors
        done: list[_Doc] = []
        for doc, a, b in batch:
            doc.stored += b - a
            if doc.stored == len(doc.chunks):
                done.append(doc)
            elif self.progress:
                self.progress(self.files_done, self.total_files,
                              f"{Path(doc.article.path).name}: {doc.stored:,} of {len(doc.chunks):,} chunks stored")
        statuses = self.library.commit_documents([(d.article, d.chunks, d.texts) for d in done])
        for doc, status in zip(done, statuses):
            (self.report.added if status == "added" else self.report.updated).append(doc.article.path)

    def finish(self) -> None:
        self.flush()
        self.write_in_flight()

    def close(self) -> None:
        self.encoder.shutdown(wait=True, cancel_futures=True)


def _open_quietly(library) -> None:
    try:
        library.collection
    except Exception:  # noqa: BLE001 - the main thread opens it again and reports the error properly
        pass


# -- discover ----------------------------------------------------------------------------------------------------
def discover(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Supported files under ``paths`` (sorted, each real file once). Everything else that was asked for or found
    is reported in ``report.skipped`` with why: unsupported types, broken links and link loops, pipes and devices,
    folders that cannot be read or hold no file at all, and a folder's own housekeeping files
    (``ingest.housekeeping``: its licence, its list of sources), which are taken only when named explicitly.
    Hidden files and folders and ``.meta.json`` sidecars are passed over silently."""
    from ingest.housekeeping import housekeeping
    from ingest.loaders import SUPPORTED_SUFFIXES, is_sidecar

    def skip(p: Path, reason: str) -> None:
        report.skipped.append(SkippedFile(path=str(p), reason=reason))

    supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
    found: dict[str, Path] = {}  # real path -> first path that reached it
    passed_over: dict[str, tuple[Path, str]] = {}  # housekeeping met in a walk: reported unless also named
    for root in paths:
        root = Path(root)
        kind, problem = _kind(root)
        if problem:
            skip(root, "no such file or folder" if problem == "missing" else problem)
        elif kind == "dir":
            met, problems = 0, len(report.skipped)
            for p in _walk(root, skip):
                if is_sidecar(p):
                    continue
                met += 1
                what = housekeeping(p)
                if what:
                    passed_over.setdefault(os.path.realpath(p), (p, what))
                elif p.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.setdefault(os.path.realpath(p), p)
                else:
                    skip(p, f"unsupported file type {p.suffix or '(none)'}; supported: {supported}")
            if not met and len(report.skipped) == problems:  # a wrong folder should not look done
                skip(root, f"no article files in this folder ({supported})")
        elif not is_sidecar(root):
            found.setdefault(os.path.realpath(root), root)  # named explicitly: the loader says why a type is unsupported
    for real, (p, what) in passed_over.items():
        if real not in found:
            skip(p, f"not an article: {what}, the folder's own file; to ingest it anyway, name the file itself "
                    "(coach ingest FILE)")
    return sorted(found.values())


def _kind(path: Path) -> tuple[str, str | None]:
    """("dir" | "file", None) or ("", why it cannot be ingested), following symbolic links."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return "", f"broken symbolic link (its target {os.readlink(path)} does not exist)"
        return "", "missing"
    except PermissionError:
        return "", "cannot be read: permission denied"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "", "symbolic link loop (the link points back to itself)"
        return "", f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return "dir", None
    if stat.S_ISREG(mode):
        return "file", None
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return "", f"{what}, not an article file"


def _walk(root: Path, skip: Callable[[Path, str], None]) -> Iterator[Path]:
    """Files under ``root`` in sorted order, iteratively; linked folders are followed once, loops are reported."""
    top = os.path.realpath(root)
    seen = {top}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except PermissionError:
            skip(folder, "folder cannot be read: permission denied")
            continue
        except OSError as exc:
            skip(folder, f"folder cannot be read ({exc.strerror or exc})")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            kind, problem = _kind(path)
            if problem:
                skip(path, problem)
            elif kind == "dir":
                real = os.path.realpath(path)
                if entry.is_symlink() and (real in seen or top.startswith(real.rstrip(os.sep) + os.sep)):
                    skip(path, f"symbolic link loop (leads back to {real}); not followed")
                elif real not in seen:
                    seen.add(real)
                    subfolders.append(path)
            else:
                yield path
        stack.extend(reversed(subfolders))


def _unique(chunks: list[Chunk]) -> list[Chunk]:
    seen: dict[str, Chunk] = {}
    for c in chunks:
        seen.setdefault(c.id, c)
    return list(seen.values())
