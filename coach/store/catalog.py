"""The SQLite catalog: documents, chunks, rubric items, practice questions. It is the library's source of truth."""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from coach.errors import IndexError_
from coach.models import Article, Chunk
from coach.store.bm25 import tokenize

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, sha256 TEXT NOT NULL,
    company TEXT, article_json TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL,
    embed_text TEXT NOT NULL, chunk_json TEXT NOT NULL, tokens TEXT
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS changes (generation INTEGER NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_generation ON changes(generation);
CREATE TABLE IF NOT EXISTS text_vectors (text TEXT PRIMARY KEY, vector BLOB NOT NULL);
"""
CHANGE_LOG = 20000  # generations of per-document change records kept for readers catching up incrementally


BUSY_TIMEOUT = 30  # seconds a connection waits for another's write before giving up


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL (once per file; a no-op after). The first switch needs the file to itself, and when it
    meets another connection's commit both wait on each other: SQLite then fails one at once with "database is locked"
    instead of waiting (its busy handler is skipped to break the deadlock), so the switch is tried again."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class Catalog:
    """Thin, typed access to the catalog database; every write happens inside ``transaction()``.

    Each thread gets its own connection (WAL mode: readers never wait for a writer, nor for each other); a shared
    connection would mix one thread's write transaction with another thread's reads. Connections of threads that
    have ended are closed (see ``_db``), so open connections stay as many as live threads.
    """

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._connections_lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # One write transaction for schema and upgrade: two processes opening a new or older catalog at once
            # both saw no `tokens` column and both added it ("duplicate column name"); IMMEDIATE makes them take turns.
            with self.transaction() as db:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                columns = {r[1] for r in db.execute("PRAGMA table_info(chunks)")}
                if "tokens" not in columns:  # catalogs written before BM25 tokens were stored get them lazily
                    db.execute("ALTER TABLE chunks ADD COLUMN tokens TEXT")
            self.inode = os.stat(path).st_ino  # a rebuild replaces the file: readers notice and reopen
        except (sqlite3.Error, OSError) as exc:
            raise IndexError_(
                f"the catalog {path} is unreadable ({exc}); rebuild it with `coach ingest --rebuild` or delete {path}"
            ) from exc

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None)
            _use_wal(db)
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
            self._local.db = db
            # Threads come and go (LangChain runs a chain's parallel steps on a new thread pool for every ask, the
            # app's worker threads end when idle): keeping every connection ever opened leaked two file handles and
            # a page cache per question in `coach serve`. Close those of ended threads whenever one is opened.
            with self._connections_lock:
                live = []
                for thread, conn in self._connections:
                    if thread.is_alive():
                        live.append((thread, conn))
                    else:
                        conn.close()  # its thread is gone: nothing else can be using it
                live.append((threading.current_thread(), db))
                self._connections = live
        return db

    def close(self) -> None:
        with self._connections_lock:
            for _, db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    def replaced(self) -> bool:
        """True when the file on disk is no longer the one opened (``coach ingest --rebuild`` elsewhere)."""
        try:
            return os.stat(self.path).st_ino != self.inode
        except OSError:
            return True

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise IndexError_(
                f"the catalog {self.path} is unreadable ({exc}); rebuild it with `coach ingest --rebuild`"
            ) from exc

    # -- meta ---------------------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key=?", (key,))
        return rows[0][0] if rows else None

    @staticmethod
    def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                   (key, value))

    @property
    def generation(self) -> int:
        return int(self.get_meta("generation") or 0)

    def bump_generation(self, db: sqlite3.Connection, doc_ids: Sequence[str] = ()) -> int:
        """Next generation, recording which documents it changed (readers then update their caches per document)."""
        gen = int((db.execute("SELECT value FROM meta WHERE key='generation'").fetchone() or (0,))[0]) + 1
        self.set_meta(db, "generation", str(gen))
        db.executemany("INSERT INTO changes(generation, doc_id) VALUES(?, ?)", [(gen, d) for d in doc_ids])
        if gen % 1000 == 0:
            db.execute("DELETE FROM changes WHERE generation <= ?", (gen - CHANGE_LOG,))
        return gen

    def changed_since(self, generation: int) -> set[str] | None:
        """Documents changed after ``generation``; None when the log no longer reaches back that far."""
        oldest = self._query("SELECT MIN(generation) FROM changes")[0][0]
        current = self.generation
        if generation > current or (generation < current and (oldest is None or oldest > generation + 1)):
            return None
        return {d for d, in self._query("SELECT DISTINCT doc_id FROM changes WHERE generation > ?", (generation,))}

    # -- writes (call inside a transaction) ------------------------------------------------------------------
    def put_document(self, db: sqlite3.Connection, article: Article, chunks: list[Chunk], embed_texts: list[str],
                     tokens: list[str] | None = None) -> None:
        """``tokens``: each chunk's BM25 tokens, space-joined (computed from ``embed_texts`` when not given)."""
        self.delete_document(db, article.doc_id)
        db.execute(
            "INSERT INTO documents(doc_id, path, title, sha256, company, article_json, ingested_at) "
            "VALUES(?,?,?,?,?,?,?)",
            (article.doc_id, article.path, article.title, article.sha256, article.company,
             article.model_dump_json(), datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )
        if tokens is None:
            tokens = [" ".join(tokenize(t)) for t in embed_texts]
        db.executemany(
            "INSERT INTO chunks(id, doc_id, position, embed_text, chunk_json, tokens) VALUES(?,?,?,?,?,?)",
            [(c.id, c.doc_id, c.position, t, c.model_dump_json(), k) for c, t, k in zip(chunks, embed_texts, tokens)],
        )

    @staticmethod
    def delete_document(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
        db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))

    # -- reads --------------------------------------------------------------------------------------------------
    def document_rows(self) -> list[tuple[str, str, str]]:
        """(doc_id, path, sha256) of every document."""
        return self._query("SELECT doc_id, path, sha256 FROM documents ORDER BY path")

    def document_formats(self) -> dict[str, int]:
        """doc_id -> the ingest format its article was derived with (0: before formats were recorded)."""
        return {d: int(f or 0) for d, f in self._query(
            "SELECT doc_id, json_extract(article_json, '$.index_format') FROM documents")}

    def articles(self) -> list[Article]:
        return [Article.model_validate_json(r[0]) for r in self._query("SELECT article_json FROM documents ORDER BY path")]

    def article(self, doc_id: str) -> Article | None:
        rows = self._query("SELECT article_json FROM documents WHERE doc_id=?", (doc_id,))
        return Article.model_validate_json(rows[0][0]) if rows else None

    def document_stats(self) -> dict[str, tuple[int, str]]:
        """doc_id -> (chunk count, ingested_at)."""
        counts = dict(self._query("SELECT doc_id, COUNT(*) FROM chunks GROUP BY doc_id"))
        rows = self._query("SELECT doc_id, ingested_at FROM documents")
        return {doc_id: (counts.get(doc_id, 0), at) for doc_id, at in rows}

    def chunk_ids(self, doc_id: str | None = None) -> list[str]:
        if doc_id is None:
            return [r[0] for r in self._query("SELECT id FROM chunks")]
        return [r[0] for r in self._query("SELECT id FROM chunks WHERE doc_id=?", (doc_id,))]

    def chunk_count(self) -> int:
        return self._query("SELECT COUNT(*) FROM chunks")[0][0]

    def all_chunks(self) -> list[tuple[Chunk, str]]:
        """Every chunk with the text that was embedded, in document order."""
        rows = self._query("SELECT chunk_json, embed_text FROM chunks ORDER BY doc_id, position")
        return [(Chunk.model_validate_json(j), t) for j, t in rows]

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one committed state of the catalog (WAL snapshot), even while another process writes."""
        db = self._db
        if db.in_transaction:  # nested: already inside a snapshot or a write
            yield
            return
        db.execute("BEGIN")
        try:
            yield
        finally:
            db.execute("COMMIT")

    def chunk_tokens(self, doc_ids: Sequence[str] | None = None) -> list[tuple[str, str, list[str]]]:
        """(chunk id, doc_id, BM25 tokens) of every chunk, or of the chunks of ``doc_ids``; tokens stored at ingest."""
        if doc_ids is None:
            rows = self._query("SELECT id, doc_id, tokens, embed_text FROM chunks ORDER BY doc_id, position")
        else:
            rows = []
            doc_ids = list(doc_ids)
            for start in range(0, len(doc_ids), 500):
                part = doc_ids[start:start + 500]
                rows += self._query(f"SELECT id, doc_id, tokens, embed_text FROM chunks WHERE doc_id IN "
                                    f"({','.join('?' * len(part))}) ORDER BY doc_id, position", tuple(part))
        return [(i, d, k.split() if k is not None else tokenize(t)) for i, d, k, t in rows]

    def chunk_outline(self, doc_ids: Sequence[str] | None = None) -> list[tuple[str, str, str | None, str]]:
        """(chunk id, doc_id, section, text) in document order, read without parsing whole chunks."""
        sql = ("SELECT id, doc_id, json_extract(chunk_json, '$.section'), json_extract(chunk_json, '$.text') "
               "FROM chunks")
        if doc_ids is None:
            return self._query(sql + " ORDER BY doc_id, position")
        rows: list[tuple] = []
        doc_ids = list(doc_ids)
        for start in range(0, len(doc_ids), 500):
            part = doc_ids[start:start + 500]
            rows += self._query(sql + f" WHERE doc_id IN ({','.join('?' * len(part))}) ORDER BY doc_id, position",
                                tuple(part))
        return rows

    def articles_of(self, doc_ids: Sequence[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        doc_ids = list(doc_ids)
        for start in range(0, len(doc_ids), 500):
            part = doc_ids[start:start + 500]
            for j, in self._query(f"SELECT article_json FROM documents WHERE doc_id IN ({','.join('?' * len(part))})",
                                  tuple(part)):
                a = Article.model_validate_json(j)
                out[a.doc_id] = a
        return out

    def text_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these texts (heading / FAQ-question vectors computed at ingest)."""
        out: dict[str, np.ndarray] = {}
        texts = list(dict.fromkeys(texts))
        for start in range(0, len(texts), 500):
            part = texts[start:start + 500]
            for t, blob in self._query(f"SELECT text, vector FROM text_vectors WHERE text IN "
                                       f"({','.join('?' * len(part))})", tuple(part)):
                out[t] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_text_vectors(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(t, np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)]
        if rows:
            with self.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO text_vectors(text, vector) VALUES(?, ?)", rows)

    def _chunk_rows(self, columns: str, ids: list[str]) -> list[tuple]:
        """``SELECT columns`` for the chunks with these ids, in batches below SQLite's parameter limit."""
        rows: list[tuple] = []
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            marks = ",".join("?" * len(part))
            rows += self._query(f"SELECT {columns} FROM chunks WHERE id IN ({marks})", tuple(part))
        return rows

    def get_chunks(self, ids: list[str]) -> dict[str, Chunk]:
        chunks = (Chunk.model_validate_json(j) for j, in self._chunk_rows("chunk_json", ids))
        return {c.id: c for c in chunks}

    def known_ids(self, ids: list[str]) -> set[str]:
        return {i for i, in self._chunk_rows("id", ids)}

    def embed_texts(self, ids: list[str]) -> dict[str, str]:
        return dict(self._chunk_rows("id, embed_text", ids))
