"""Practice attempts in SQLite under ``COACH_HOME`` (``settings.history_path``): one row per critiqued answer."""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from coach.errors import CoachError
from coach.models import Attempt, Feedback

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    role TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    score INTEGER NOT NULL,
    verdicts TEXT NOT NULL
)
"""


class History:
    """Append-only attempt log; each call opens its own connection, so one instance is safe across threads."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10)
            db.execute(_SCHEMA)
            return db
        except (OSError, sqlite3.Error) as exc:
            raise CoachError(f"practice history at {self.path} is not usable ({exc}); move it aside to start "
                             "a new one") from exc

    def add(self, feedback: Feedback, answer: str, *, time: datetime | None = None) -> Attempt:
        """Record one critiqued answer; ``verdicts`` maps rubric item id -> verdict."""
        stamp = (time or datetime.now(timezone.utc)).isoformat(timespec="microseconds")
        verdicts = {item.id: item.verdict for item in feedback.items}
        try:
            with closing(self._connect()) as db, db:
                cur = db.execute(
                    "INSERT INTO attempts (time, role, question, answer, score, verdicts) VALUES (?, ?, ?, ?, ?, ?)",
                    (stamp, feedback.role, feedback.question, answer, int(feedback.score), json.dumps(verdicts)),
                )
                rowid = int(cur.lastrowid)
        except sqlite3.Error as exc:
            raise CoachError(f"could not save the attempt to {self.path} ({exc})") from exc
        return Attempt(id=rowid, time=stamp, role=feedback.role, question=feedback.question, answer=answer,
                       score=int(feedback.score), verdicts=verdicts)

    def list(self, limit: int | None = None, *, role: str | None = None) -> list[Attempt]:
        """Attempts, newest first; ``limit`` caps the count, ``role`` keeps one role's attempts."""
        if limit is not None and limit < 0:
            raise CoachError(f"history limit must be 0 or more, got {limit}")
        if not self.path.exists():
            return []
        sql = "SELECT id, time, role, question, answer, score, verdicts FROM attempts"
        params: list = []
        if role:
            sql += " WHERE role = ?"
            params.append(role)
        sql += " ORDER BY time DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        try:
            with closing(self._connect()) as db:
                rows = db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise CoachError(f"practice history at {self.path} is not readable ({exc})") from exc
        out = []
        for rid, stamp, r, q, a, score, verdicts in rows:
            try:
                parsed = json.loads(verdicts) if verdicts else {}
            except json.JSONDecodeError:
                parsed = {}  # one damaged row should not hide the rest of the history
            out.append(Attempt(id=rid, time=stamp, role=r, question=q, answer=a, score=score, verdicts=parsed))
        return out
