"""Lexical search over chunk texts: BM25 over tokens stored in the catalog at ingest, updated per changed document."""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Sequence

import numpy as np

from coach.text import cache_short_texts

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_STOP = frozenset(
    "a an and are as at be by do does for from has have how i in is it its of on or that the their there these this "
    "to was what when where which who why will with would you your can should".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stop words, lightly stemmed so 'interviews' meets 'interview'."""
    # Answers tokenize the same retrieved chunks and sentences again and again (a tenth of an answer's CPU): those
    # (chunk-sized) come from a bounded cache; long texts (whole documents at ingest) are not kept.
    return list(_tokens(text))


@cache_short_texts(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_stem(t) for t in _TOKEN.findall(text.lower()) if t not in _STOP)


def _stem(token: str) -> str:
    if token.isdigit() or len(token) <= 3:
        return token
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            if suffix == "s" and token.endswith("ss"):
                return token
            return token[: -len(suffix)] + repl
    return token


class Bm25Index:
    """An incrementally updated BM25 index (Lucene variant, as bm25s scores it: k1=1.5, b=0.75).

    Postings are numpy arrays per term; a document change removes its rows (masked until the next compaction) and
    appends the new ones, so a library change costs the changed document, not a rebuild. ``search`` returns
    (id, score) best first. Statistics (N, average length, document frequencies) always count live rows only.
    Not thread-safe for writers: the owner serialises ``add``/``remove`` and swaps in a ``copy`` for readers.
    """

    K1, B = 1.5, 0.75

    def __init__(self) -> None:
        self.ids: list[str] = []  # row -> chunk id ("" once removed)
        self.row_of: dict[str, int] = {}
        self.doc_rows: dict[str, list[int]] = {}  # doc_id -> rows
        self.lengths = np.zeros(0, dtype=np.float32)
        self.alive = np.zeros(0, dtype=bool)
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # term -> (rows int32, tf float32)
        self.total_length = 0.0

    @classmethod
    def build(cls, rows: Sequence[tuple[str, str, list[str]]]) -> "Bm25Index":
        """From (chunk id, doc_id, tokens) rows."""
        index = cls()
        index.add(rows)
        return index

    def copy(self) -> "Bm25Index":
        """A copy sharing the posting arrays (they are replaced, never modified in place)."""
        other = Bm25Index()
        other.ids, other.row_of = list(self.ids), dict(self.row_of)
        other.doc_rows = {d: list(r) for d, r in self.doc_rows.items()}
        other.lengths, other.alive = self.lengths.copy(), self.alive.copy()
        other.postings, other.total_length = dict(self.postings), self.total_length
        return other

    @property
    def live(self) -> int:
        return len(self.row_of)

    def remove_documents(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            for row in self.doc_rows.pop(doc_id, []):
                if self.alive[row]:
                    self.alive[row] = False
                    self.total_length -= float(self.lengths[row])
                    self.row_of.pop(self.ids[row], None)
                    self.ids[row] = ""

    def add(self, rows: Sequence[tuple[str, str, list[str]]]) -> None:
        """Append (chunk id, doc_id, tokens) rows; a chunk id already present is replaced."""
        stale = [self.row_of[cid] for cid, _, _ in rows if cid in self.row_of]
        for row in stale:
            self.alive[row] = False
            self.total_length -= float(self.lengths[row])
            self.row_of.pop(self.ids[row], None)
            self.ids[row] = ""
        first = len(self.ids)
        new: dict[str, tuple[list[int], list[int]]] = {}
        lengths = []
        for offset, (cid, doc_id, tokens) in enumerate(rows):
            row = first + offset
            tokens = tokens or ["<empty>"]
            self.ids.append(cid)
            self.row_of[cid] = row
            self.doc_rows.setdefault(doc_id, []).append(row)
            lengths.append(len(tokens))
            for term, tf in Counter(tokens).items():
                entry = new.setdefault(term, ([], []))
                entry[0].append(row)
                entry[1].append(tf)
        self.lengths = np.concatenate([self.lengths, np.asarray(lengths, dtype=np.float32)])
        self.alive = np.concatenate([self.alive, np.ones(len(rows), dtype=bool)])
        self.total_length += float(sum(lengths))
        for term, (rs, tfs) in new.items():
            r, t = np.asarray(rs, dtype=np.int32), np.asarray(tfs, dtype=np.float32)
            old = self.postings.get(term)
            self.postings[term] = (r, t) if old is None else (np.concatenate([old[0], r]), np.concatenate([old[1], t]))
        if len(self.ids) > 64 and self.live < len(self.ids) // 2:
            self._compact()

    def _compact(self) -> None:
        """Drop removed rows (they pile up when the same documents are re-ingested many times)."""
        keep = np.flatnonzero(self.alive)
        new_row = np.full(len(self.ids), -1, dtype=np.int32)
        new_row[keep] = np.arange(len(keep), dtype=np.int32)
        postings = {}
        for term, (rows, tfs) in self.postings.items():
            mask = self.alive[rows]
            if mask.any():
                postings[term] = (new_row[rows[mask]], tfs[mask])
        self.postings = postings
        self.ids = [self.ids[i] for i in keep]
        self.row_of = {cid: i for i, cid in enumerate(self.ids)}
        self.doc_rows = {d: [int(new_row[r]) for r in rs if new_row[r] >= 0] for d, rs in self.doc_rows.items()}
        self.lengths, self.alive = self.lengths[keep], np.ones(len(keep), dtype=bool)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        n = self.live
        if not n:
            return []
        avg = self.total_length / n
        scores = np.zeros(len(self.ids), dtype=np.float32)
        hit = False
        for term in tokenize(query):
            entry = self.postings.get(term)
            if entry is None:
                continue
            rows, tfs = entry
            mask = self.alive[rows]
            df = int(mask.sum())
            if not df:
                continue
            rows, tfs = rows[mask], tfs[mask]
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            norm = self.K1 * ((1 - self.B) + self.B * self.lengths[rows] / avg)
            scores[rows] += idf * tfs / (norm + tfs)
            hit = True
        if not hit:
            return []
        k = min(k, n)
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[int(i)], float(scores[i])) for i in top if scores[i] > 0]
