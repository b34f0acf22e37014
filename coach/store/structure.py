"""The per-document parts of the article-structure index (``coach.retrieval.StructureIndex``) saved in COACH_HOME.

Building them reads and scans every chunk of the library (9–10 s at 100k chunks), so the first question of a new
process would wait for it; a saved copy is read in well under a second and caught up per changed document, like the
BM25 index. Stored per document, in the library's path order: its chunk ids in document order, its heading / FAQ
entries with the chunks under each (as positions in that order), and its distinct words (as rows of one word list).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.store.saved import load_arrays, offsets_of, ragged, save_arrays

STRUCTURE_FILE = "index.npz"  # in COACH_HOME/structure
FORMAT = 2  # the layout of the arrays below; a file of another layout is rebuilt


@dataclass
class DocumentStructure:
    order: list[str]  # chunk ids in document order
    entries: dict[str, list[str]]  # heading / FAQ-question text -> ids of the chunks under it
    words: set[str]  # distinct words (vocabulary bridging)


def save_structure(path: Path, stamp: dict, docs: dict[str, DocumentStructure]) -> None:
    """Write ``docs`` (kept in their order) and ``stamp`` to ``path``, replacing it atomically."""
    # Words and entry texts are stored once each and referred to by row: articles share most of their words and
    # many headings ("Mistakes to Avoid"), and the loaded maps then share one string object per distinct text.
    vocab = sorted(set().union(*(d.words for d in docs.values()))) if docs else []
    word_row = {w: i for i, w in enumerate(vocab)}
    texts = list(dict.fromkeys(e for d in docs.values() for e in d.entries))
    text_row = {e: i for i, e in enumerate(texts)}
    entries, positions, words = [], [], []
    for d in docs.values():
        at = {cid: i for i, cid in enumerate(d.order)}
        entries.append([text_row[e] for e in d.entries])
        positions.extend([at[cid] for cid in ids] for ids in d.entries.values())
        words.append(sorted(word_row[w] for w in d.words))
    arrays = {
        "docs": np.array(list(docs), dtype=str),
        "chunk_ids": np.array([cid for d in docs.values() for cid in d.order], dtype=str),
        "chunk_offsets": offsets_of([len(d.order) for d in docs.values()]),
        "texts": np.array(texts, dtype=str),
        "entries": np.array([e for es in entries for e in es], dtype=np.int32),
        "entry_offsets": offsets_of([len(es) for es in entries]),
        "positions": np.array([p for ps in positions for p in ps], dtype=np.int32),
        "position_offsets": offsets_of([len(ps) for ps in positions]),
        "vocab": np.array(vocab, dtype=str),
        "words": np.array([w for ws in words for w in ws], dtype=np.int32),
        "word_offsets": offsets_of([len(ws) for ws in words]),
    }
    save_arrays(path, {**stamp, "format": FORMAT}, arrays)


def load_structure(path: Path) -> tuple[dict, dict[str, DocumentStructure], dict[str, int]] | None:
    """(stamp, documents in their saved order, word -> number of documents using it) as ``save_structure`` wrote
    them; None when there is no readable structure file at ``path``."""
    loaded = load_arrays(path)
    if loaded is None:
        return None
    stamp, a = loaded
    if stamp.pop("format", None) != FORMAT:
        return None
    try:
        docs = a["docs"].tolist()
        orders = ragged(a["chunk_ids"].tolist(), a["chunk_offsets"].tolist())
        texts = a["texts"].tolist()
        entries = ragged([texts[i] for i in a["entries"].tolist()], a["entry_offsets"].tolist())
        positions = ragged(a["positions"].tolist(), a["position_offsets"].tolist())
        vocab, word_rows = a["vocab"].tolist(), a["words"]
        words = ragged(word_rows.tolist(), a["word_offsets"].tolist())
        if not (len(docs) == len(orders) == len(entries) == len(words)) or len(positions) != sum(map(len, entries)):
            return None
        out: dict[str, DocumentStructure] = {}
        k = 0
        for doc_id, order, names, rows in zip(docs, orders, entries, words):
            own = {}
            for name in names:
                own[name] = [order[p] for p in positions[k]]
                k += 1
            out[doc_id] = DocumentStructure(order, own, set(map(vocab.__getitem__, rows)))
        counts = np.bincount(word_rows, minlength=len(vocab)).tolist() if len(word_rows) else [0] * len(vocab)
    except (KeyError, ValueError, TypeError, IndexError):  # written by another version, or not a structure file
        return None
    return stamp, out, dict(zip(vocab, counts))
