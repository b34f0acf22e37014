"""Lexical search over chunk texts: BM25 over tokens stored in the catalog at ingest, updated per changed document."""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from coach.cache import SizedLru
from coach.store.saved import load_arrays, offsets_of, save_arrays
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


# Memoised: a library has far fewer distinct words than word occurrences (the first answer of a process over a
# 100k-chunk library stems 1.8M words); 65k short entries stay under ~15 MB.
@lru_cache(maxsize=65_536)
def _stem(token: str) -> str:
    if token.isdigit() or len(token) <= 3:
        return token
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            if suffix == "s" and token.endswith("ss"):
                return token
            return token[: -len(suffix)] + repl
    return token


TERM_CACHE_ROWS = 4_000_000  # score contributions kept per index state (16 MB of float32)
RECENT_QUERIES = 8


class Bm25Index:
    """An incrementally updated BM25 index (Lucene variant, as bm25s scores it: k1=1.5, b=0.75).

    Postings are numpy arrays per term; a document change removes its rows (masked until the next compaction) and
    appends the new ones, so a library change costs the changed document, not a rebuild. ``search`` returns
    (id, score) best first. Statistics (N, average length, document frequencies) always count live rows only.
    Readers may search one index from many threads at once (its score caches are locked); writers are not
    thread-safe: the owner serialises ``add``/``remove`` and swaps in a ``copy`` for readers.
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
        self.dead = 0  # removed rows still in the postings
        self._norms: np.ndarray | None = None  # per-row length normalisation, for the current statistics
        # Kept per index state: term -> (live rows, score contribution), sized by rows; query -> every row's score.
        self._terms: SizedLru[str, tuple[np.ndarray, np.ndarray]] = SizedLru(TERM_CACHE_ROWS)
        self._recent: SizedLru[str, np.ndarray] = SizedLru(RECENT_QUERIES)

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
        other.doc_rows = dict(self.doc_rows)  # row lists are replaced, never appended to, so they can be shared
        other.lengths, other.alive = self.lengths.copy(), self.alive.copy()
        other.postings, other.total_length = dict(self.postings), self.total_length
        other.dead = self.dead
        return other

    def save(self, path: Path, stamp: dict) -> None:
        """Write the index and ``stamp`` (what it was built from) to ``path``, replacing it atomically: a new process
        loads it instead of re-reading every chunk's tokens and building (3–5 s at 100k chunks)."""
        terms = list(self.postings)
        offsets = offsets_of([len(self.postings[t][0]) for t in terms])
        docs = list(self.doc_rows)
        doc_of = np.full(len(self.ids), -1, dtype=np.int32)
        for i, d in enumerate(docs):
            doc_of[self.doc_rows[d]] = i
        empty_i, empty_f = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        arrays = {
            "ids": np.array(self.ids, dtype=str), "docs": np.array(docs, dtype=str), "doc_of": doc_of,
            "lengths": self.lengths, "alive": self.alive, "terms": np.array(terms, dtype=str), "offsets": offsets,
            "rows": np.concatenate([self.postings[t][0] for t in terms]) if terms else empty_i,
            "tfs": np.concatenate([self.postings[t][1] for t in terms]) if terms else empty_f,
        }
        save_arrays(path, {**stamp, "total_length": self.total_length, "dead": self.dead}, arrays)

    @classmethod
    def load(cls, path: Path) -> tuple["Bm25Index", dict] | None:
        """(index, stamp) as ``save`` wrote them; None when there is no readable index at ``path``."""
        loaded = load_arrays(path)
        if loaded is None:
            return None
        stamp, arrays = loaded
        try:
            index = cls()
            index.ids = arrays["ids"].tolist()
            index.row_of = {cid: row for row, cid in enumerate(index.ids) if cid}
            docs, doc_of = arrays["docs"].tolist(), arrays["doc_of"]
            order = np.argsort(doc_of, kind="stable")
            bounds = np.searchsorted(doc_of[order], np.arange(len(docs) + 1))
            index.doc_rows = {d: order[bounds[i]:bounds[i + 1]].tolist() for i, d in enumerate(docs)}
            index.lengths, index.alive = arrays["lengths"], arrays["alive"]
            rows, tfs, offsets = arrays["rows"], arrays["tfs"], arrays["offsets"].tolist()
            index.postings = {t: (rows[offsets[i]:offsets[i + 1]], tfs[offsets[i]:offsets[i + 1]])
                              for i, t in enumerate(arrays["terms"].tolist())}
            index.total_length, index.dead = float(stamp.pop("total_length")), int(stamp.pop("dead"))
        except (KeyError, ValueError, TypeError, IndexError):  # written by an older version, or not an index
            return None
        return index, stamp

    @property
    def live(self) -> int:
        return len(self.row_of)

    def remove_documents(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            for row in self.doc_rows.pop(doc_id, []):
                self._kill(row)

    def _kill(self, row: int) -> None:
        if self.alive[row]:
            self.alive[row] = False
            self.total_length -= float(self.lengths[row])
            self.row_of.pop(self.ids[row], None)
            self.ids[row] = ""
            self.dead += 1
            self._changed()

    def add(self, rows: Sequence[tuple[str, str, list[str]]]) -> None:
        """Append (chunk id, doc_id, tokens) rows; a chunk id already present is replaced."""
        stale = [self.row_of[cid] for cid, _, _ in rows if cid in self.row_of]
        for row in stale:
            self._kill(row)
        self._changed()
        first = len(self.ids)
        added: dict[str, list[int]] = {}
        new: dict[str, tuple[list[int], list[int]]] = {}
        lengths = []
        for offset, (cid, doc_id, tokens) in enumerate(rows):
            row = first + offset
            tokens = tokens or ["<empty>"]
            self.ids.append(cid)
            self.row_of[cid] = row
            added.setdefault(doc_id, []).append(row)
            lengths.append(len(tokens))
            for term, tf in Counter(tokens).items():
                entry = new.setdefault(term, ([], []))
                entry[0].append(row)
                entry[1].append(tf)
        for doc_id, new_rows in added.items():  # a new list: copies of this index share the old one
            self.doc_rows[doc_id] = self.doc_rows.get(doc_id, []) + new_rows
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
        self.dead = 0
        self._changed()

    def contains(self, text: str) -> bool:
        """True when a live chunk holds one of the tokens of ``text`` (``search(text, 1)`` is then not empty)."""
        for term in tokenize(text):
            entry = self.postings.get(term)
            if entry is not None and (not self.dead or self.alive[entry[0]].any()):
                return True
        return False

    def _changed(self) -> None:
        """Forget what was computed for the previous statistics."""
        self._norms = None
        self._terms.clear()
        self._recent.clear()

    def _row_norms(self) -> np.ndarray:
        """k1·(1 − b + b·length/avg) of every row, computed once per index state instead of per query term."""
        norms = self._norms
        if norms is None:
            norms = self._norms = self.K1 * ((1 - self.B) + self.B * self.lengths / (self.total_length / self.live))
        return norms

    def _term_scores(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(live rows, BM25 score contribution) of ``term``, kept per index state: questions repeat the same few
        hundred words, and a common word's contribution spans a large share of a 100k-chunk library."""
        got = self._terms.get(term)
        if got is not None:
            return got
        entry = self.postings.get(term)
        if entry is None:
            return None
        rows, tfs = entry
        if self.dead:  # only removed rows need masking out; most states have none
            mask = self.alive[rows]
            rows, tfs = rows[mask], tfs[mask]
        df = len(rows)
        if not df:
            return None
        idf = math.log(1 + (self.live - df + 0.5) / (df + 0.5))
        got = (rows, idf * tfs / (self._row_norms()[rows] + tfs))
        self._terms.put(term, got, df)
        return got

    def _scores(self, query: str) -> np.ndarray | None:
        """Every row's score for ``query`` (None when no word of it occurs), kept for the last few queries: an
        answer searches the same words twice (within a company and in the whole library)."""
        scores = self._recent.get(query)
        if scores is not None:
            return scores
        scores = np.zeros(len(self.ids), dtype=np.float32)
        hit = False
        for term in tokenize(query):
            got = self._term_scores(term)
            if got is not None:
                scores[got[0]] += got[1]
                hit = True
        if not hit:
            return None
        self._recent.put(query, scores)
        return scores

    def scores_of(self, query: str, ids: Iterable[str]) -> dict[str, float]:
        """The BM25 score of each of ``ids`` that matches ``query`` (a chunk the index does not hold, or that holds
        no word of it, is left out). Costs what ``search`` costs: every row is scored for a query either way."""
        scores = self._scores(query) if self.live else None
        if scores is None:
            return {}
        rows = ((cid, self.row_of.get(cid)) for cid in ids)
        return {cid: float(scores[r]) for cid, r in rows if r is not None and scores[r] > 0}

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        n = self.live
        if not n:
            return []
        scores = self._scores(query)
        if scores is None:
            return []
        k = min(k, n)
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[int(i)], float(scores[i])) for i in top if scores[i] > 0]
