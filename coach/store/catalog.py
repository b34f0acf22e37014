"""The SQLite catalog: documents, chunks, rubric items, practice questions. It is the library's source of truth."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from coach.errors import IndexError_
from coach.models import Article, Chunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, sha256 TEXT NOT NULL,
    company TEXT, article_json TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL,
    embed_text TEXT NOT NULL, chunk_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
"""


class Catalog:
    """Thin, typed access to the catalog database; every write happens inside ``transaction()``."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise IndexError_(
                f"the catalog {path} is unreadable ({exc}); rebuild it with `coach ingest --rebuild` or delete {path}"
            ) from exc

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

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

    def bump_generation(self, db: sqlite3.Connection) -> None:
        self.set_meta(db, "generation", str(self.generation + 1))

    # -- writes (call inside a transaction) ------------------------------------------------------------------
    def put_document(self, db: sqlite3.Connection, article: Article, chunks: list[Chunk], embed_texts: list[str]) -> None:
        self.delete_document(db, article.doc_id)
        db.execute(
            "INSERT INTO documents(doc_id, path, title, sha256, company, article_json, ingested_at) "
            "VALUES(?,?,?,?,?,?,?)",
            (article.doc_id, article.path, article.title, article.sha256, article.company,
             article.model_dump_json(), datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )
        db.executemany(
            "INSERT INTO chunks(id, doc_id, position, embed_text, chunk_json) VALUES(?,?,?,?,?)",
            [(c.id, c.doc_id, c.position, t, c.model_dump_json()) for c, t in zip(chunks, embed_texts)],
        )

    @staticmethod
    def delete_document(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
        db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))

    # -- reads --------------------------------------------------------------------------------------------------
    def document_rows(self) -> list[tuple[str, str, str]]:
        """(doc_id, path, sha256) of every document."""
        return self._query("SELECT doc_id, path, sha256 FROM documents ORDER BY path")

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
