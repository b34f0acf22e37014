"""Hybrid retrieval as a LangChain retriever: dense + BM25 + article structure, fused by score.

Structure signal: a section heading or FAQ question that matches the user's question is strong evidence for the
chunks under it ("How long does the Amazon interview process typically take?" answers "how long does the MLE process
take"). Heading/FAQ-question vectors are stored in the catalog by text and the index is updated per changed document.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from coach.compose import Hit, SentenceEmbeddings, is_promotion
from coach.models import Chunk, Role
from coach.roles import role_mentions
from coach.plan import DURATION, LENGTH, asking_part, carries, given_numbers, plan
from coach.scope import known_company_mentions
from coach.store.bm25 import tokenize
from coach.text import split_sentences
from coach.vocabulary import VOCAB_MAX, Vocabulary, document_words
from ingest.chunking import generic_heading, is_stub_text

# Weights of the evidence added to a chunk's dense cosine (see ``fuse``); measured on the tuning splits.
WEIGHTS = {"bm25": 0.2, "structure": 0.3, "answer": 0.05, "neighbour": 0.15, "sentence": 0.3}
BM25_HALF = 6.0  # the BM25 score that counts half of the BM25 weight
STRUCTURE_MIN = 0.45  # heading/FAQ similarity below this is no evidence
NEIGHBOUR_OF = 5  # the chunks beside this many best matches per signal become candidates too
EAGER_HEADINGS = 4000  # above this many distinct headings, embed only those of candidate chunks (lazily, cached)
UNIT_WORDS = 3  # a chunk sentence with fewer words is a label or a code fragment: no evidence of its own
UNITS_KEPT = 5000  # chunks whose sentence vectors a chain keeps in memory (~4 sentences, 6 KB each)
VOCAB_ENCODE_MAX = 256  # library words without a stored vector encoded at the first question after a change
# Up to this many chunks an embedded library's dense search compares every vector (a few ms): HNSW graphs built from
# the same vectors differ from build to build, so its approximate top-k swapped near-tied chunks and an answer could
# change after a re-index.
EXACT_DENSE_MAX = 5000


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().strip("#*").strip()).lower()


@dataclass
class StructureIndex:
    """Headings and FAQ questions of the library → the chunks under them, for one library generation."""

    generation: int
    entries: list[str] = field(default_factory=list)  # heading / FAQ question texts (distinct)
    chunks_of: dict[str, list[str]] = field(default_factory=dict)  # entry text -> chunk ids
    entries_of_chunk: dict[str, list[str]] = field(default_factory=dict)  # chunk id -> entry texts
    row: dict[str, int] = field(default_factory=dict)  # entry text -> row in ``entries`` / ``matrix`` (eager mode)
    matrix: np.ndarray | None = None  # rows = masked entries (eager mode only)
    roles: list[Role] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    per_doc: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # doc_id -> its entries' chunk ids
    new_entries: list[str] = field(default_factory=list)  # entries of the documents (re)built last
    masks: "Masks | None" = None
    words_of: dict[str, set[str]] = field(default_factory=dict)  # doc_id -> its words (vocabulary bridging)
    order_of: dict[str, list[str]] = field(default_factory=dict)  # doc_id -> its chunk ids in document order
    place: dict[str, tuple[str, int]] = field(default_factory=dict)  # chunk id -> (doc_id, index in order_of)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def neighbours(self, chunk_id: str) -> list[str]:
        """The chunks just before and after ``chunk_id`` in its article (chunk windows overlap by a sentence)."""
        doc_id, i = self.place.get(chunk_id, ("", -1))
        order = self.order_of.get(doc_id, ())
        return [order[j] for j in (i - 1, i + 1) if 0 <= j < len(order)]

    def mask(self, text: str) -> str:
        if self.masks is None:
            self.masks = Masks(self.roles, self.companies)
        return self.masks(text)


def mask_entities(text: str, roles: list[Role], companies: list[str]) -> str:
    """``text`` with role and company names replaced by neutral words, so that heading similarity measures the
    topic ("how long", "salary") rather than the shared names that every heading of an article repeats."""
    return _mask_companies(_mask_roles(text, roles), companies)


def _mask_roles(text: str, roles: list[Role]) -> str:
    for s, e, _ in sorted(role_mentions(text, roles), reverse=True):
        text = text[:s] + "role" + text[e:]
    return text


def _mask_companies(text: str, companies: list[str]) -> str:
    for s, e, _ in sorted(known_company_mentions(text, companies), reverse=True):
        text = text[:s] + "company" + text[e:]
    return text


class Masks:
    """``mask_entities`` for one set of role and company names, remembered per text.

    A library change that adds or drops names starts from the previous set's results and redoes only the texts
    that contain a changed name: a name that occurs nowhere in a text cannot change how the text is masked, and
    every write to a big library changes the names (a new article, a new company).
    """

    def __init__(self, roles: list[Role], companies: list[str], previous: "Masks | None" = None):
        self.roles, self.companies = roles, companies
        self._terms = frozenset(t for r in roles for t in (r.name, *r.aliases) if t)
        self._names = frozenset(c.lower() for c in companies)
        self._done: dict[str, tuple[str, str, str | None]] = {}  # text -> (roles masked, its casefold, all masked)
        if previous is not None:
            self._carry(previous)

    def _carry(self, previous: "Masks") -> None:
        # A role term matches only where its first word occurs; a company name only where it occurs in full.
        words = [re.split(r"[\s-]+", t)[0].casefold() for t in previous._terms ^ self._terms]
        names = [n.casefold() for n in previous._names ^ self._names]
        if not words and not names:
            self._done = dict(previous._done)
            return
        for text, (roled, folded, masked) in list(previous._done.items()):
            if words and any(w in text.casefold() for w in words):
                continue
            self._done[text] = (roled, folded, None if any(n in folded for n in names) else masked)

    def __call__(self, text: str) -> str:
        got = self._done.get(text)
        if got is not None and got[2] is not None:
            return got[2]
        roled = got[0] if got is not None else _mask_roles(text, self.roles)
        masked = _mask_companies(roled, self.companies)
        if len(self._done) > MASKS_KEPT:
            self._done.clear()
        self._done[text] = (roled, roled.casefold(), masked)
        return masked


MASKS_KEPT = 100_000  # masked texts remembered (a heading or FAQ question each)


def document_entries(article, outline: list[tuple[str, str | None, str]]) -> dict[str, list[str]]:
    """Heading / FAQ-question text -> ids of the chunks under it, for one article; ``outline`` = its chunks'
    (id, section, text)."""
    chunks = [(cid, _norm(section), _norm(text)) for cid, section, text in outline]
    heads = [s.heading for s in article.sections if s.heading and s.kind not in ("title",)]
    questions = [f.question for f in article.faq]
    parent = {s.heading.strip(): s.parents[-1] for s in article.sections if s.heading and s.parents}
    out: dict[str, list[str]] = {}
    for heading in dict.fromkeys(h.strip() for h in heads + questions if h and h.strip()):
        key = _norm(heading)
        ids = [cid for cid, section, text in chunks if section == key or key in text]
        if not ids:
            continue
        # A heading that names only the kind of passage ("Practical tips") is matched with the heading above it,
        # which says what the passage is about, as the passage is embedded (``embedding_text``).
        texts = " ".join(text for cid, section, text in chunks if section == key)
        up = parent.get(heading)
        out[f"{up} > {heading}" if up and texts and generic_heading(heading, texts) else heading] = ids
    return out


def build_structure(library, generation: int, previous: StructureIndex | None = None,
                    changed: set[str] | None = None) -> StructureIndex:
    """The structure index at ``generation``: from ``previous`` by redoing only the ``changed`` documents (their
    entries leave and re-enter the maps; everything else is shared), or from scratch when either is None."""
    articles = library.articles()  # ordered by path
    roles, companies = library.roles(), library.companies()
    masks = previous.masks if previous is not None else None
    index = StructureIndex(generation, roles=roles, companies=companies,
                           masks=Masks(roles, companies, masks))
    incremental = previous is not None and changed is not None
    if incremental:
        todo = [d for d in sorted(changed) if library.article(d) is not None]
        per_doc = dict(previous.per_doc)
        chunks_of, entries_of_chunk = dict(previous.chunks_of), dict(previous.entries_of_chunk)
        for doc_id in changed:  # lists are replaced, never changed in place: ``previous`` is still being read
            for entry, ids in (per_doc.pop(doc_id, None) or {}).items():
                gone = set(ids)
                keep = [cid for cid in chunks_of.get(entry, ()) if cid not in gone]
                if keep:
                    chunks_of[entry] = keep
                else:
                    chunks_of.pop(entry, None)
                for cid in ids:
                    entries_of_chunk.pop(cid, None)
        words_of = dict(previous.words_of)
        removed_words = tuple(w for d in changed if (w := words_of.pop(d, None)) is not None)
        order_of, place = dict(previous.order_of), dict(previous.place)
        for doc_id in changed:
            for cid in order_of.pop(doc_id, ()):
                place.pop(cid, None)
    else:
        todo, per_doc, chunks_of, entries_of_chunk = [a.doc_id for a in articles], {}, {}, {}
        words_of, removed_words, order_of, place = {}, (), {}, {}
    outlines: dict[str, list[tuple[str, str | None, str]]] = {}
    for cid, doc_id, section, text in library.chunk_outline(todo if incremental else None):
        outlines.setdefault(doc_id, []).append((cid, section, text))
    by_id = {d: library.article(d) for d in todo} if incremental else {a.doc_id: a for a in articles}
    for doc_id in todo:
        entries = per_doc[doc_id] = document_entries(by_id[doc_id], outlines.get(doc_id, []))
        words_of[doc_id] = document_words(f"{section or ''} {text}" for _, section, text in outlines.get(doc_id, []))
        order = order_of[doc_id] = [cid for cid, _, _ in outlines.get(doc_id, [])]
        place.update((cid, (doc_id, i)) for i, cid in enumerate(order))
    _link_entries({d: per_doc[d] for d in todo}, chunks_of, entries_of_chunk)
    index.per_doc, index.chunks_of, index.entries_of_chunk = per_doc, chunks_of, entries_of_chunk
    index.words_of, index.order_of, index.place = words_of, order_of, place
    if incremental:
        index.vocabulary = Vocabulary.of({d: words_of[d] for d in todo}, previous.vocabulary, removed_words)
    else:
        index.vocabulary = Vocabulary.of(words_of)
    if len(chunks_of) <= EAGER_HEADINGS:  # rows in path order (matrix rows; ties in similarity keep this order)
        index.entries = list(dict.fromkeys(e for a in articles for e in per_doc.get(a.doc_id, ())))
        index.row = {e: i for i, e in enumerate(index.entries)}
    else:  # lazy mode looks entries up per candidate chunk: their order means nothing
        index.entries = list(chunks_of)
    if incremental:
        index.new_entries = [e for d in todo for e in per_doc.get(d, {})]
    return index


def _link_entries(per_doc: dict[str, dict[str, list[str]]], chunks_of: dict[str, list[str]],
                  entries_of_chunk: dict[str, list[str]]) -> None:
    """Add the documents' entries (in ``per_doc``'s order) to the entry -> chunks and chunk -> entries maps.

    A map's lists are replaced, never changed in place (an older index may share them), and each is replaced once:
    one list per document made a heading that thousands of articles share cost quadratic time (20 s at 100k chunks).
    """
    chunks: dict[str, list[str]] = {}
    entries: dict[str, list[str]] = {}
    for doc_entries in per_doc.values():
        for entry, ids in doc_entries.items():
            chunks.setdefault(entry, []).extend(ids)
            for cid in ids:
                entries.setdefault(cid, []).append(entry)
    for entry, ids in chunks.items():
        chunks_of[entry] = chunks_of[entry] + ids if entry in chunks_of else ids
    for cid, es in entries.items():
        entries_of_chunk[cid] = entries_of_chunk[cid] + es if cid in entries_of_chunk else es


def chunk_units(text: str) -> list[str]:
    """The sentences of a chunk that carry a statement of their own (``UNIT_WORDS`` words or more), each embedded
    apart: a chunk's one vector averages its sentences, so a question matching one of them closely ("how many of the
    first few results are relevant" / "Precision at k shows the share of relevant items in the first k results") is
    diluted by the others."""
    return [u for u in dict.fromkeys(split_sentences(text)) if len(u.split()) >= UNIT_WORDS]


def store_heading_vectors(library, vectors: SentenceEmbeddings, doc_ids: set[str]) -> int:
    """Embed and store the (masked) headings and FAQ questions of ``doc_ids``, their vocabulary words and their chunks'
    sentences (``chunk_units``) (run at ingest, so that no answer waits for them); returns how many headings and
    questions they have."""
    articles = {d: a for d in sorted(doc_ids) if (a := library.article(d)) is not None}
    if not articles:
        return 0
    outlines: dict[str, list[tuple[str, str | None, str]]] = {}
    for cid, doc_id, section, text in library.chunk_outline(sorted(articles)):
        outlines.setdefault(doc_id, []).append((cid, section, text))
    roles, companies = library.roles(), library.companies()
    texts = [mask_entities(e, roles, companies) for d, a in articles.items()
             for e in document_entries(a, outlines.get(d, []))]
    words = sorted(set().union(*(document_words(f"{s or ''} {t}" for _, s, t in outlines.get(d, []))
                                 for d in articles)))
    units = [u for d in articles for _, _, t in outlines.get(d, []) for u in chunk_units(t)]
    heading_vectors(library, vectors, texts + words + units)
    return len(texts)


_NO_UNITS = np.zeros((0, 0), dtype=np.float32)


class StructureCache:
    """Per-chain caches keyed on the library generation: the structure index and filtered vectors.

    A library change redoes only the changed documents, and heading / FAQ-question vectors come from the catalog
    (stored the first time any process embeds them, normally the ingesting one), so the first answer after a change
    costs about what any other does.
    """

    def __init__(self) -> None:
        self._index: StructureIndex | None = None
        self._lock = threading.Lock()
        self.filtered = FilteredVectors()
        self._word_vectors: dict[str, np.ndarray] = {}  # kept across generations: a change brings few new words
        self._units: dict[str, np.ndarray] = {}  # chunk id -> its sentence vectors (ids are content hashes)

    def units(self, library, chunks: list[Chunk]) -> dict[str, np.ndarray]:
        """Chunk id -> the vectors of its ``chunk_units`` (rows), from this cache, else the catalog (stored at
        ingest). Nothing is encoded on the question path: a chunk whose sentences were not stored (a library ingested
        before they were; re-ingest to add them) goes without sentence evidence, and is remembered as such."""
        known = self._units
        todo = [c for c in chunks if c.id not in known]
        if todo:
            texts = {c.id: chunk_units(c.text) for c in todo}
            flat = list(dict.fromkeys(u for us in texts.values() for u in us))
            rows = library.text_vectors(flat) if flat else {}
            if len(known) + len(todo) > UNITS_KEPT:
                self._units = known = {}
            for cid, us in texts.items():
                stored = us and all(u in rows for u in us)
                known[cid] = np.stack([rows[u] for u in us]) if stored else _NO_UNITS
        return {c.id: known[c.id] for c in chunks if c.id in known and len(known[c.id])}

    def get(self, library, vectors: SentenceEmbeddings) -> StructureIndex:
        gen = library.generation
        index = self._index
        if index is None or index.generation != gen:
            with self._lock:
                index = self._index
                if index is None or index.generation != gen:
                    gen, changed = library.changed_since(index.generation if index is not None else -1)
                    previous, first = index, index is None
                    if first:  # a new process: start from the saved index, caught up per changed document
                        previous, gen, changed = load_structure_index(library)
                    index = build_structure(library, gen, previous, changed)
                    if first and previous is not None and not _complete(library, index):
                        previous = None  # the saved index was not this library's after all
                        index = build_structure(library, gen)
                    if first and (previous is None or changed):
                        save_structure_index(library, index)
                    if 0 < len(index.entries) <= EAGER_HEADINGS:
                        index.matrix = _eager_matrix(library, vectors, index, previous)
                    elif index.new_entries:  # lazy mode: store the changed documents' vectors for later questions
                        heading_vectors(library, vectors, [index.mask(e) for e in index.new_entries])
                    if index.vocabulary.words:
                        self._embed_vocabulary(library, vectors, index)
                    self._index = index
        return index

    def _embed_vocabulary(self, library, vectors: SentenceEmbeddings, index: StructureIndex) -> None:
        """Word vectors from this cache, then the catalog (stored at ingest); at most ``VOCAB_ENCODE_MAX`` words
        without a stored vector are encoded now (most frequent first), the rest wait for a later ingest to store
        them, so the first answer after a large write stays fast."""
        vocab, known = index.vocabulary, self._word_vectors
        missing = [w for w in vocab.words if w not in known]
        if missing:
            known.update(library.text_vectors(missing))
            todo = [w for w in missing if w not in known][:VOCAB_ENCODE_MAX]
            if todo:
                encoded = vectors.encode(todo)
                known.update(zip(todo, encoded))
                library.put_text_vectors(todo, encoded)
        if len(known) > 2 * VOCAB_MAX:  # words of removed documents
            current = set(vocab.words)
            self._word_vectors = known = {w: v for w, v in known.items() if w in current}
        vocab.words = [w for w in vocab.words if w in known]
        vocab._by_initial = vocab._row = None
        vocab.matrix = np.stack([known[w] for w in vocab.words]) if vocab.words else None


def _structure_stamp(library, generation: int) -> dict:
    """What a saved structure index was built from: this catalog file at ``generation``, by this code."""
    return {"catalog": library.catalog.inode, "generation": generation, "code": _structure_code()}


@lru_cache(maxsize=1)
def _structure_code() -> str:
    """A digest of the code that derives the saved parts: an index saved by other code is rebuilt."""
    import hashlib
    import inspect

    from coach import vocabulary

    parts = [document_entries, generic_heading, _norm, vocabulary.document_words, vocabulary._WORD.pattern,
             (vocabulary.MIN_LEN, vocabulary.MAX_LEN), sorted(vocabulary._STOP)]
    try:
        text = "\n".join(inspect.getsource(p) if callable(p) else repr(p) for p in parts)
    except (OSError, TypeError):  # no source shipped: the stamp's catalog and generation still apply
        return ""
    return hashlib.sha1(text.encode()).hexdigest()


def load_structure_index(library) -> tuple[StructureIndex | None, int, set[str] | None]:
    """(the structure index saved by an earlier process, the current generation, the documents changed since it
    was saved) when a saved index of this library and code is readable; else (None, generation, None)."""
    from coach.store.structure import STRUCTURE_FILE, load_structure

    loaded = load_structure(library.settings.home / "structure" / STRUCTURE_FILE)
    if loaded is not None:
        stamp, docs, counts = loaded
        saved_gen = stamp.get("generation")
        if isinstance(saved_gen, int) and stamp == _structure_stamp(library, saved_gen):
            gen, changed = library.changed_since(saved_gen)
            if changed is not None:
                return _restored(saved_gen, docs, counts), gen, changed
    gen, _ = library.changed_since(-1)
    return None, gen, None


def _restored(generation: int, docs: dict, counts: dict[str, int]) -> StructureIndex:
    """A structure index as ``build_structure`` makes it from scratch, from saved per-document parts (in path
    order); masks and vectors are computed as they are needed."""
    from coach.store.bm25 import _stem

    index = StructureIndex(generation)
    for doc_id, d in docs.items():
        index.per_doc[doc_id], index.order_of[doc_id], index.words_of[doc_id] = d.entries, d.order, d.words
        index.place.update((cid, (doc_id, i)) for i, cid in enumerate(d.order))
    _link_entries(index.per_doc, index.chunks_of, index.entries_of_chunk)
    stem_counts: dict[str, int] = {}
    for word, n in counts.items():
        stem = _stem(word)
        stem_counts[stem] = stem_counts.get(stem, 0) + n
    index.vocabulary = Vocabulary.of({}, Vocabulary(counts=counts, stem_counts=stem_counts))
    return index


def _complete(library, index: StructureIndex) -> bool:
    """True when ``index`` covers exactly the library's documents and chunks (a saved index caught up)."""
    return (index.order_of.keys() == {a.doc_id for a in library.articles()}
            and sum(map(len, index.order_of.values())) == library.catalog.chunk_count())


def save_structure_index(library, index: StructureIndex) -> None:
    """Save ``index``'s per-document parts for the next process (best effort: a read-only home is no error)."""
    from coach.store.structure import STRUCTURE_FILE, DocumentStructure, save_structure

    docs = {a.doc_id: DocumentStructure(index.order_of[a.doc_id], index.per_doc.get(a.doc_id, {}),
                                        index.words_of.get(a.doc_id, set()))
            for a in library.articles() if a.doc_id in index.order_of}
    try:
        save_structure(library.settings.home / "structure" / STRUCTURE_FILE,
                       _structure_stamp(library, index.generation), docs)
    except OSError:
        pass


def _eager_matrix(library, vectors: SentenceEmbeddings, index: StructureIndex,
                  previous: StructureIndex | None) -> np.ndarray:
    """Every entry's masked vector; rows of ``previous`` are reused for texts that masked the same."""
    texts = [index.mask(e) for e in index.entries]
    known: dict[str, np.ndarray] = {}
    if previous is not None and previous.matrix is not None and previous.row:
        known = {previous.mask(e): previous.matrix[i] for e, i in previous.row.items()}
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        known.update(zip(missing, heading_vectors(library, vectors, missing)))
    return np.stack([known[t] for t in texts])


def heading_vectors(library, vectors: SentenceEmbeddings, texts: list[str]) -> np.ndarray:
    """Vectors of (masked) heading texts: stored ones from the catalog, the rest encoded once and stored."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    found = library.text_vectors(texts)
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        encoded = vectors.encode(missing)
        found.update(zip(missing, encoded))
        library.put_text_vectors(missing, encoded)
    return np.stack([found[t] for t in texts])


class FilteredVectors:
    """Exact dense search inside a filter (a company's or some documents' chunks), or over a small library.

    Chroma's filtered HNSW search can return fewer than k results, or none, when the filter is very selective in a
    large collection (seen at 100k chunks); the filtered vectors are fetched once and compared exhaustively instead
    (a company has tens to hundreds of chunks). ``where=None`` means every chunk. At a new generation only the changed
    documents' vectors are fetched again: refetching every vector after one ingest made the next answer over a
    4.5k-chunk library take 0.33 s instead of 0.06 s.
    """

    def __init__(self) -> None:
        self._cache: dict[str, _Vectors] = {}
        self._lock = threading.Lock()

    def search(self, library, where: dict | None, qv: np.ndarray, k: int) -> list[tuple[str, float]]:
        key = repr(sorted((where or {}).items()))
        entry = self._cache.get(key)
        if entry is None or entry.generation != library.generation:
            entry = _Vectors.caught_up(library, where, entry, len(qv))
            with self._lock:
                if len(self._cache) > 256:
                    self._cache.clear()
                self._cache[key] = entry
        if not entry.ids:
            return []
        sims = entry.matrix @ qv
        order = np.argsort(-sims)[:k]
        return [(entry.ids[i], float(sims[i])) for i in order]


@dataclass(frozen=True)
class _Vectors:
    """The vectors of one filter's chunks at one generation, with each row's chunk id and document."""

    generation: int
    ids: list[str]
    docs: list[str]
    matrix: np.ndarray

    @classmethod
    def caught_up(cls, library, where: dict | None, previous: "_Vectors | None", dim: int) -> "_Vectors":
        """The filter's vectors now: ``previous``'s rows of unchanged documents plus the changed documents' rows,
        fetched; every row is fetched when there is no ``previous`` or the changes since it are unknown."""
        gen, changed = library.changed_since(previous.generation if previous is not None else -1)
        if changed is None:
            return cls._fetched(library, gen, where, dim)
        if not changed:
            return replace(previous, generation=gen)
        keep = [i for i, d in enumerate(previous.docs) if d not in changed]
        docs = {"doc_id": {"$in": sorted(changed)}}
        new = cls._fetched(library, gen, {"$and": [where, docs]} if where else docs, dim)
        return cls(gen, [previous.ids[i] for i in keep] + new.ids, [previous.docs[i] for i in keep] + new.docs,
                   np.concatenate([previous.matrix[keep], new.matrix]) if keep else new.matrix)

    @classmethod
    def _fetched(cls, library, gen: int, where: dict | None, dim: int) -> "_Vectors":
        got = library.collection.get(where=where or None, include=["embeddings"])
        ids = list(got["ids"])
        doc_of = {c.id: c.doc_id for c in library.get_chunks(ids)}  # vectors the catalog does not know (crash
        rows = [i for i, cid in enumerate(ids) if cid in doc_of]  # leftovers) are ignored
        matrix = np.asarray(got["embeddings"], dtype=np.float32)[rows] if rows else np.zeros((0, dim), np.float32)
        return cls(gen, [ids[i] for i in rows], [doc_of[ids[i]] for i in rows], matrix)


@dataclass
class Signals:
    """What one query's candidate chunks scored on each signal (before fusion)."""

    query: str
    lexical_query: str  # the query with its vocabulary bridge words
    chunks: dict[str, Chunk]
    kept: set[str]  # candidates that pass the filters (and are no promotion)
    dense: list[tuple[str, float]]  # (chunk id, cosine) best first
    lexical: list[tuple[str, float]]  # (chunk id, BM25 score) best first: the lexical top k, then every other
    # candidate holding a query word
    structure: dict[str, float]  # chunk id -> best heading / FAQ-question similarity
    strong: list[str]  # kept chunk ids whose heading similarity is at least STRUCTURE_MIN, best first
    answer: list[str]  # kept chunk ids holding the asked kind of fact on the topic, best first
    neighbours: dict[str, list[str]] = field(default_factory=dict)  # chunk id -> the chunks beside it in its article
    sentence: dict[str, float] = field(default_factory=dict)  # chunk id -> best cosine of one of its sentences


def fuse(signals: Signals) -> list[Hit]:
    """Every kept candidate as a hit, best first, by a weighted sum of its evidence: dense cosine, BM25 score
    (saturating), heading / FAQ-question similarity above ``STRUCTURE_MIN``, and a bonus for holding the asked kind of
    fact; then a chunk closes part of the gap to a better-scoring chunk beside it in its article (``neighbour``), since
    an answer often sits in the window just after, or before, the one whose words match the question ("13) Maximum
    Sum Contiguous Subarray…" ends one window, the Kadane solution opens the next).

    Scores, not ranks: rank fusion gave a chunk that shares a few common words with the question (BM25 rank 1 among
    weak matches) as much as a clear dense winner, and pushed the passage that answers in other words out of the top
    three. A saturating BM25 term keeps a strong lexical match strong and a weak one weak, so a question in words the
    library does not use is ranked by meaning.
    """
    own = {cid: sum(parts.values()) for cid, parts in evidence(signals).items()}
    dense = {cid: s for cid, s in signals.dense if cid in signals.kept}
    hits = []
    for cid, score in own.items():
        near = max((own[n] for n in signals.neighbours.get(cid, ()) if n in own), default=0.0)
        score += WEIGHTS["neighbour"] * max(0.0, near - score)
        hits.append(Hit(chunk=signals.chunks[cid], score=score, dense=dense.get(cid, 0.0),
                        heading=signals.structure.get(cid, 0.0)))
    hits.sort(key=lambda h: (-h.score, -h.relevance))
    return hits


def evidence(signals: Signals) -> dict[str, dict[str, float]]:
    """Every kept candidate's score before the neighbour bonus, by signal as ``fuse`` adds them up: ``dense`` (its
    cosine; the dense tail's for a chunk found only otherwise), ``sentence``, ``bm25``, ``structure``, ``answer``."""
    kept = signals.kept
    dense = {cid: s for cid, s in signals.dense if cid in kept}
    lexical = {cid: s for cid, s in signals.lexical if cid in kept}
    answer = {cid: 1.0 / (1 + rank) for rank, cid in enumerate(signals.answer)}
    floor = min(dense.values(), default=0.0)  # a candidate found only lexically: no better than the dense tail
    beside = [cid for ids in signals.neighbours.values() for cid in ids if cid in kept]
    out: dict[str, dict[str, float]] = {}
    for cid in dict.fromkeys([*dense, *lexical, *signals.strong, *beside]):
        bm25 = lexical.get(cid, 0.0)
        heading = signals.structure.get(cid, 0.0)
        chunk = dense.get(cid, floor)
        best = signals.sentence.get(cid)
        # a sentence matching better than the whole chunk counts, in part, instead of it
        sentence = WEIGHTS["sentence"] * max(0.0, best - chunk) if best is not None else 0.0
        out[cid] = {"dense": chunk, "sentence": sentence, "bm25": WEIGHTS["bm25"] * bm25 / (bm25 + BM25_HALF),
                    "structure": WEIGHTS["structure"] * max(0.0, heading - STRUCTURE_MIN),
                    "answer": WEIGHTS["answer"] * answer.get(cid, 0.0)}
    return out


class HybridRetriever(BaseRetriever):
    """Dense (Chroma) + BM25 + heading/FAQ-question match, fused by score (see ``fuse``).

    Optional filters: ``roles`` (canonical names; a chunk matches when it is about one of them or about no role),
    ``company`` and ``doc_ids``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    library: Any
    vectors: Any  # SentenceEmbeddings: the shared text → vector cache (query vectors are reused by compose)
    k: int = 6
    fetch_k: int = 20
    roles: list[str] | None = None
    company: str | None = None
    doc_ids: list[str] | None = None

    cache: Any = None  # StructureCache shared by the retrievers of one chain

    def model_post_init(self, __context: Any) -> None:
        if self.cache is None:
            self.cache = StructureCache()

    def structure(self) -> StructureIndex:
        return self.cache.get(self.library, self.vectors)

    def _structure_scores(self, qv: np.ndarray, candidate_ids: list[str]) -> dict[str, float]:
        """Best heading/FAQ-question similarity per chunk id; ``qv`` is the query with names masked."""
        index = self.structure()
        if not index.entries:
            return {}
        scores: dict[str, float] = {}
        if index.matrix is not None:
            sims = index.matrix @ qv
            for i in np.argsort(-sims)[:12]:
                if sims[i] < STRUCTURE_MIN:
                    break
                for cid in index.chunks_of[index.entries[i]]:
                    scores[cid] = max(scores.get(cid, 0.0), float(sims[i]))
            for cid in candidate_ids:  # weaker matches still inform the evidence score of candidates
                for entry in index.entries_of_chunk.get(cid, []):
                    scores[cid] = max(scores.get(cid, 0.0), float(sims[index.row[entry]]))
            return scores
        entries = list(dict.fromkeys(e for cid in candidate_ids for e in index.entries_of_chunk.get(cid, [])))
        if entries:
            sims = heading_vectors(self.library, self.vectors, [index.mask(e) for e in entries]) @ qv
            sim_of = dict(zip(entries, sims))
            for cid in candidate_ids:
                for e in index.entries_of_chunk.get(cid, []):
                    scores[cid] = max(scores.get(cid, 0.0), float(sim_of[e]))
        return scores

    # -- search -------------------------------------------------------------------------------------------------
    def _where(self) -> dict | None:
        clauses = []
        if self.company:
            clauses.append({"company": self.company})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def _keep(self, chunk: Chunk) -> bool:
        if is_promotion(chunk) or is_stub(chunk):
            return False
        if self.company and (chunk.company or "").lower() != self.company.lower():
            return False
        if self.doc_ids and chunk.doc_id not in self.doc_ids:
            return False
        if self.roles and chunk.roles and not set(self.roles) & set(chunk.roles):
            return False
        return True

    def search(self, query: str) -> list[Hit]:
        """The fused top ``k`` hits for ``query``, best first."""
        signals = self.signals(query)
        return self.ranked(signals) if signals is not None else []

    def ranked(self, signals: "Signals") -> list[Hit]:
        """The top ``k`` hits for a query's ``signals``, best first."""
        return prefer_exact_headings(spread_sections(fuse(signals))[: self.k], signals.lexical_query)

    def signals(self, query: str) -> "Signals | None":
        """Every ranking signal for ``query``'s candidate chunks (None for an empty query)."""
        query = (query or "").strip()
        if not query:
            return None
        index = self.structure()
        # One encode call (each costs ~5 ms before its first token) for the query as asked (dense search), with
        # names masked (heading match), in the library's own names for things ("CV" → "resume"; it moves the dense
        # query towards them, the asked words leading) and the words the vocabulary bridge will look up (then cached).
        # The library's names are not added for the lexical search: every chunk of the article that uses them matched
        # them alike, and the answer then quoted neighbouring sections (tuning split 0.694 vs 0.686 hit@3).
        plain = index.vocabulary.in_library_words(query)
        asked = asked_part(query)
        qv, masked_qv, *rest = self.vectors.encode([query, index.mask(query), *([plain] if plain else []),
                                                    *([asked] if asked else []),
                                                    *index.vocabulary.bridge_texts(query)])
        search_v = _unit(qv + 0.5 * rest[0]) if plain else qv
        if asked:  # what is asked leads the dense query; the asker's situation still counts, half as much
            search_v = _unit(search_v + rest[1 if plain else 0])
        filtered = bool(self.roles or self.company or self.doc_ids)
        fetch = self.fetch_k * (3 if filtered else 1)
        where = self._where()
        # A Chroma server is asked every time: it may be shared with other writers, and when it is down the user is
        # told so rather than answered from vectors this process fetched earlier.
        if where is None and (self.library.settings.chroma_url or self.library.chunk_count() > EXACT_DENSE_MAX):
            dense = self.library.dense_search(search_v, fetch)
        else:
            dense = self.cache.filtered.search(self.library, where, search_v, fetch)
        # Words the library never uses are joined by its nearest words, for the lexical search.
        bridge = index.vocabulary.bridge(query, self.vectors.encode, qv)
        lexical_query = f"{query} {' '.join(bridge)}" if bridge else query
        # The asking clause's words count twice in the lexical search, the situation's once.
        bm25_query = f"{lexical_query} {asked}" if asked else lexical_query
        lexical = self.library.bm25_search(bm25_query, fetch * (2 if filtered else 1))
        dense_ids = [i for i, _ in dense]
        lexical_ids = [i for i, _ in lexical]
        candidate_ids = list(dict.fromkeys(dense_ids + lexical_ids))
        struct = self._structure_scores(masked_qv, candidate_ids)
        strong = sorted(((s, cid) for cid, s in struct.items() if s >= STRUCTURE_MIN), reverse=True)
        # The chunks beside the best matches of each signal: the answer often sits in the window just after (or
        # before) the one that matches the question's words.
        leaders = dict.fromkeys([*dense_ids[:NEIGHBOUR_OF], *lexical_ids[:NEIGHBOUR_OF],
                                 *(cid for _, cid in strong[:NEIGHBOUR_OF])])
        neighbours = {cid: index.neighbours(cid) for cid in dict.fromkeys([*candidate_ids, *leaders])}
        beside = [n for cid in leaders for n in neighbours[cid]]
        all_ids = list(dict.fromkeys(candidate_ids + [cid for _, cid in strong] + beside))
        # Every candidate's own BM25 score, not only the lexical top k's: a chunk just below the cut scored no lexical
        # evidence at all, while the weak matches above it (common words) each gained 0.05-0.1.
        ranked = dict(lexical)
        rest = self.library.bm25_scores(bm25_query, [cid for cid in all_ids if cid not in ranked])
        lexical = lexical + sorted(rest.items(), key=lambda t: -t[1])
        chunks = {c.id: c for c in self.library.get_chunks(all_ids)}
        kept = {cid for cid, c in chunks.items() if self._keep(c)}  # once per chunk: the promotion check is a regex
        # A summary's sentences each restate a section in brief ("… Data Engineer interviews (5 rounds) test SQL
        # depth …"): matched one by one they would outrank the sections that hold the details.
        units = self.cache.units(self.library,
                                 [chunks[cid] for cid in all_ids if cid in kept and chunks[cid].kind != "tldr"])
        sentence = {cid: float((m @ search_v).max()) for cid, m in units.items() if len(m)}
        return Signals(query=query, lexical_query=lexical_query, chunks=chunks, kept=kept, dense=dense,
                       lexical=lexical, structure=struct, strong=[cid for _, cid in strong if cid in kept],
                       answer=_answer_ranking(asked or query, [chunks[i] for i in candidate_ids if i in kept]),
                       neighbours={cid: [n for n in ids if n in kept] for cid, ids in neighbours.items()
                                   if cid in kept}, sentence=sentence)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [hit_to_document(h) for h in self.search(query)]


def asked_part(query: str) -> str | None:
    """The clauses of ``query`` that ask, when the others tell the asker's situation with an amount of time or size
    ("I have 3 years of experience, how many pages should my resume be?" → "how many pages should my resume be");
    None otherwise.

    Such an amount shares its words with the passages that state amounts of the same unit ("if your job was 3 years
    long, the ATS assumes 5 years of experience") and pulls them above the answer. Without an amount the situation
    is the question's topic more often than not ("My loop keeps going after it found the match. Is that a
    problem?"), and an asking clause alone lost more tuning questions than it won (14 fixed, 29 broken). An asking
    clause of under two content words left its subject in the situation, and is no query of its own: so did one that
    only asks for a next move or refers back ("My interview is a month away. What's step one?", "How should I spend
    them?"), whose measure is the situation's own, not that of an asked thing."""
    if not any(DURATION.fullmatch(m) or LENGTH.fullmatch(m) for m in given_numbers(query)):
        return None
    asked = asking_part(query)
    words = tokenize(asked)
    named = [w for w in words if w not in _LEANS_ON_SITUATION]
    return asked if len(named) >= 2 and len(words) < len(tokenize(query)) else None


# Words of an asking clause that name nothing of its own (a closed class): pronouns pointing back to the situation and
# the words of a next move ("step one", "where do I start", "how should I spend them").
_LEANS_ON_SITUATION = frozenset(tokenize(
    "i me my mine we our it it's what's they them those one step steps start begin first next spend go get about"))


def _unit(v: np.ndarray) -> np.ndarray:
    return v / (np.linalg.norm(v) or 1.0)


SECTION_TOP = (3, 2)  # in the top 3 hits, at most 2 windows of one section ...
SECTION_TIE = 0.1  # ... unless the third scores this much above the best hit of another section


def spread_sections(hits: list[Hit]) -> list[Hit]:
    """``hits`` with a third window of one section in the top three moved below the best hit of another section,
    when that hit scores nearly as well (within ``SECTION_TIE``).

    Windows of one section score alike (they share its heading, its words and each other's neighbour bonus), so a
    long section filled the top three and pushed out the sibling section that answers ("How does your score impact
    the result?" three times over "2. Problem solving"); two windows of a section are kept, since an answer often
    spans two (one window each allowed cost more answers than it found). A third window that clearly outscores
    every other section stays: one heading may hold many separate answers ("## SQL" over eleven numbered queries),
    and the hit moved up in its place was then a weak one from elsewhere (on the tuning split every move that
    brought the answer into the top three was within 0.08; third windows 0.13-0.46 ahead were such exercises)."""
    top, most = SECTION_TOP
    kept: list[Hit] = []
    later: list[Hit] = []
    seen: dict[tuple[str, str | None], int] = {}
    for i, h in enumerate(hits):
        key = (h.chunk.doc_id, h.chunk.section)
        if len(kept) < top and seen.get(key, 0) >= most:
            rival = next((o for o in hits[i + 1:] if seen.get((o.chunk.doc_id, o.chunk.section), 0) < most), None)
            if rival is not None and h.score - rival.score <= SECTION_TIE:
                later.append(h)
                continue
        seen[key] = seen.get(key, 0) + 1
        (kept if len(kept) < top else later).append(h)
    return kept + later


def is_stub(chunk: Chunk) -> bool:
    """A chunk with nothing of its own to quote (``ingest.chunking.is_stub_text``), flagged once at ingest. A chunk
    stored before the flag existed is flagged at its first look (the library keeps parsed chunks, so once per load)."""
    if chunk.stub is None:
        chunk.stub = is_stub_text(chunk.text)
    return chunk.stub


def hit_to_document(hit: Hit) -> Document:
    return Document(
        page_content=hit.chunk.text,
        metadata={"chunk": hit.chunk, "score": hit.score, "dense": hit.dense, "heading": hit.heading,
                  "doc_id": hit.chunk.doc_id, "section": hit.chunk.section, "title": hit.chunk.title},
    )


def document_to_hit(doc: Document) -> Hit:
    m = doc.metadata
    chunk = m["chunk"] if isinstance(m["chunk"], Chunk) else Chunk.model_validate(m["chunk"])
    return Hit(chunk=chunk, score=m["score"], dense=m["dense"], heading=m["heading"])


def make_retriever(library, vectors: SentenceEmbeddings, k: int, **filters) -> HybridRetriever:
    return HybridRetriever(library=library, vectors=vectors, k=k, **filters)


def _answer_ranking(query: str, chunks: list[Chunk]) -> list[str]:
    """Candidate chunks holding a sentence that carries the asked kind of answer (a duration for "how long", an
    amount for pay, several list items for "what are some") on the question's topic, most topic words first.

    Chunk similarity misses these when the chunk talks about more than its answer; the composer then picks the
    sentence."""
    kind = plan(query).kind
    if kind not in ("count", "duration", "length", "money", "list", "example"):
        return []
    topic = _keys(query) - _GENERIC_TOPIC
    if not topic:
        return []
    ranked = []
    for chunk in chunks:
        if kind in ("list", "example"):
            lines = [ln for ln in chunk.text.splitlines() if ln.strip()]
            if len(lines) < 3:
                continue
            shared = len(topic & _keys(f"{chunk.section or ''} {chunk.text}"))
        else:
            shared = max((len(topic & _keys(s)) for s in split_sentences(chunk.text) if carries(kind, s)), default=0)
        if shared:
            ranked.append((shared, chunk.id))
    ranked.sort(key=lambda t: -t[0])
    return [cid for _, cid in ranked]


def prefer_exact_headings(hits: list[Hit], query: str) -> list[Hit]:
    """Between two hits of one article whose headings nest ("Staff Software Engineer" inside "Senior Staff Software
    Engineer"), the one whose extra heading words the question uses ranks first; when it uses none, the shorter one.

    Heading and chunk vectors barely tell neighbouring levels apart; the words the question leaves out do."""
    asked = set(tokenize(query))
    words = [frozenset(tokenize(h.chunk.section or "")) for h in hits]
    order = list(range(len(hits)))
    for i in range(len(hits)):
        for j in range(i + 1, len(hits)):
            wi, wj = words[i], words[j]
            if not wi or not wj or wi == wj or not (wi < wj or wj < wi) or \
                    hits[i].chunk.doc_id != hits[j].chunk.doc_id:  # sibling sections of one article
                continue
            small, big = (i, j) if wi < wj else (j, i)
            extra = words[big] - words[small]
            if not words[small] & asked:
                continue  # the question names neither heading
            want = big if extra <= asked else small if not extra & asked else None
            if want is None:
                continue
            other = small if want == big else big
            if order.index(want) > order.index(other):
                order.remove(want)
                order.insert(order.index(other), want)
    # Scores follow the new order (the same scores, handed out best first), so a later sort keeps it.
    scores = sorted((h.score for h in hits), reverse=True)
    return [replace(hits[i], score=s) if hits[i].score != s else hits[i] for i, s in zip(order, scores)]


def _keys(text: str) -> set[str]:
    """Word prefixes: "prepare", "prepared" and "preparing" meet."""
    return {t[:5] for t in tokenize(text)}


_GENERIC_TOPIC = _keys(("interview interviews question questions candidate role company job how much many "
                              "long time need get do i my typical usually"))

