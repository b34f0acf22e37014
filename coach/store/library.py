"""``Library``: one façade over the catalog, the Chroma collection and the BM25 index.

Writes are all-or-nothing per document. The catalog (SQLite) is the source of truth: vectors are written to Chroma
first, then the catalog commits in one transaction, then vectors that no longer belong to any document are deleted.
A crash between those steps leaves only Chroma records the catalog does not know, which ``reconcile`` removes (and
searches ignore meanwhile). A file lock keeps two processes from writing at once.
"""
from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from coach.errors import IndexError_, UnknownDocumentError
from coach.models import Article, Chunk, DocumentInfo, LibrarySummary, PracticeQuestion, Role, RubricItem
from coach.settings import Settings
from coach.store.bm25 import Bm25Index
from coach.store.catalog import Catalog

log = logging.getLogger(__name__)
# SQLite's messages for a write the catalog cannot take now but a later one can: locked or busy, read-only.
_SKIPPABLE_WRITE = re.compile(r"locked|busy|readonly|read-only", re.I)

DOCUMENTS_SUFFIX = "__documents"
BM25_FILE = "index.npz"  # in COACH_HOME/bm25: the BM25 index a new process starts from
INGEST_LOCK = "ingest.lock"  # held for a whole ingest, so a second one waits and then skips what the first stored
SYNC_SECONDS = 5.0
CHUNK_CACHE = 5000  # parsed chunks kept per generation (a few KB each; an answer reads a few dozen)


class Library:
    """The ingested articles and their search indexes under ``settings.home``."""

    def __init__(self, settings: Settings, embedder=None):
        self.settings = settings
        self.embedder = embedder
        settings.home.mkdir(parents=True, exist_ok=True)
        self.catalog = Catalog(settings.catalog_path)
        self._check_model_name()
        self._collection = None
        self._documents = None
        self._max_batch: int | None = None
        self._lock = threading.RLock()
        self._writing = False
        self._synced_at = float("-inf")
        self._client = None
        self._known_generation = -1  # the catalog generation this object's Chroma client is known to have seen
        self._reset_caches()

    def _reset_caches(self) -> None:
        self._articles_generation = -1
        self._articles_by_id: dict[str, Article] = {}
        self._articles: list[Article] = []
        self._bm25: Bm25Index | None = None
        self._bm25_generation = -1
        self._chunk_count: tuple[int, int] = (-1, 0)
        self._chunk_cache: tuple[int, dict[str, Chunk]] = (-1, {})
        self._names_cache: tuple[list[Article] | None, list[Role], list[str]] = (None, [], [])
        self._tallies = _CompanyTallies()

    # -- set-up -------------------------------------------------------------------------------------------------
    def _check_model_name(self) -> None:
        stored = self.catalog.get_meta("embedding_model")
        if stored and stored != self.settings.embedding_model:
            raise IndexError_(
                f"the index in {self.settings.home} was built with the embedding model {stored!r}, not "
                f"{self.settings.embedding_model!r}; rebuild it with `coach ingest --rebuild` or set "
                f"COACH_EMBEDDING_MODEL={stored}"
            )

    @property
    def collection(self):
        return self._collections()[0]

    @property
    def document_collection(self):
        """Each document's Article JSON, so another replica can rebuild its catalog from the shared Chroma."""
        return self._collections()[1]

    def _collections(self):
        # Read both once: another thread may reopen the client (set them to None) between two attribute reads.
        pair = self._collection, self._documents
        if pair[0] is None or pair[1] is None:
            with self._lock:
                pair = self._collection, self._documents
                if pair[0] is None or pair[1] is None:
                    pair = self._open_collections()
                    self._collection, self._documents = pair
        return pair

    def _open_collections(self):
        from coach.components.vector_store import make_chroma_client

        client = self._client = make_chroma_client(self.settings)
        try:
            documents = client.get_or_create_collection(
                self.settings.collection + DOCUMENTS_SUFFIX, embedding_function=None
            )
            # embedding_function=None: we pass our own vectors; Chroma's default would try to download a model.
            col = client.get_or_create_collection(
                self.settings.collection,
                metadata={"hnsw:space": "cosine", "embedding_model": self.settings.embedding_model},
                embedding_function=None,
            )
        except Exception as exc:
            raise IndexError_(
                f"the vector index at {self._where()} cannot be opened ({str(exc).splitlines()[0][:200]}); "
                f"rebuild it with `coach ingest --rebuild`"
            ) from exc
        model = (col.metadata or {}).get("embedding_model")
        if model and model != self.settings.embedding_model:
            raise IndexError_(
                f"the vector collection {self.settings.collection!r} at {self._where()} holds vectors of the model "
                f"{model!r}, not {self.settings.embedding_model!r}; rebuild it with `coach ingest --rebuild`"
            )
        return col, documents

    def _where(self) -> str:
        return self.settings.chroma_url or str(self.settings.chroma_path)

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Re-entrant within this thread (a batched write calls its parts); serialises writers across processes."""
        with self._lock:
            if self._writing:
                yield
                return
            with home_lock(self.settings):
                self.generation  # noqa: B018 - take in other processes' writes before marking ours as seen
                self._writing = True
                try:
                    yield
                finally:
                    self._writing = False

    # -- caches keyed on the catalog generation ------------------------------------------------------------------
    @property
    def generation(self) -> int:
        """The catalog generation; a change made by another process first reloads what this one holds in memory.

        An embedded Chroma client keeps its vector index in memory and does not see another process's writes (it
        fails with "Error finding id" on them), so a generation this object did not write reopens the client; the
        other caches catch up per changed document (``Catalog.changed_since``).
        """
        if self.settings.chroma_url:
            self.sync()
        if self.catalog.replaced():  # `coach ingest --rebuild` elsewhere replaced the catalog file
            with self._lock:
                if self.catalog.replaced():
                    self.catalog = Catalog(self.settings.catalog_path)
                    self._reset_caches()
                    self._reopen_chroma()
        gen = self.catalog.generation
        if gen != self._known_generation:
            with self._lock:  # a write by this object sets _known_generation before releasing the lock
                gen = self.catalog.generation
                if gen != self._known_generation:
                    if self._known_generation >= 0:
                        self._reopen_chroma()
                    self._known_generation = gen
        return gen

    def _reopen_chroma(self) -> None:
        """Forget the open vector index so the next use loads it from disk (embedded store only)."""
        if self.settings.chroma_url or self._client is None:
            return
        from chromadb.api.shared_system_client import SharedSystemClient

        # Chroma shares one System per path in a process; dropping it makes the next client read the files anew.
        # Collections still held elsewhere keep the old System alive until they are garbage-collected.
        SharedSystemClient._identifier_to_system.pop(self._client._identifier, None)
        self._client = None
        self._collection = self._documents = None

    def sync(self, force: bool = False) -> int:
        """Bring the local catalog up to date with the shared Chroma server; returns how many documents changed.

        Replicas share one Chroma; each keeps its catalog and BM25 as a cache of it. Checked at most every
        ``SYNC_SECONDS`` so a question costs one cheap request at most.
        """
        now = time.monotonic()
        if not force and now - self._synced_at < SYNC_SECONDS:
            return 0
        with self._lock:
            self._synced_at = now
            remote = self.document_collection.get(include=["metadatas"])
            remote_meta = {i: m or {} for i, m in zip(remote["ids"], remote["metadatas"])}
            remote_sha = {i: m.get("sha256") for i, m in remote_meta.items()}
            local = {doc_id: sha for doc_id, _, sha in self.catalog.document_rows()}
            changed = [i for i, sha in remote_sha.items() if local.get(i) != sha]
            gone = [i for i in local if i not in remote_sha]
            if not changed and not gone:
                return 0
            fetched = []
            for doc_id in changed:
                doc = self.document_collection.get(ids=[doc_id], include=["documents"])
                ids = [i for i in remote_meta[doc_id].get("chunk_ids", "").split("|") if i]
                got = self.collection.get(ids=ids, include=["metadatas"])["metadatas"]
                chunks = [Chunk.model_validate_json(m["chunk_json"]) for m in got]
                fetched.append((Article.model_validate_json(doc["documents"][0]), chunks, [m["embed_text"] for m in got]))
            with self.catalog.transaction() as db:
                for article, chunks, texts in fetched:
                    self.catalog.put_document(db, article, chunks, texts)
                for doc_id in gone:
                    self.catalog.delete_document(db, doc_id)
                self.catalog.bump_generation(db, changed + gone)
            return len(changed) + len(gone)

    def articles(self) -> list[Article]:
        """Every article, ordered by path; updated per changed document when the library changes."""
        gen = self.generation
        if gen != self._articles_generation:
            with self._lock:
                if gen != self._articles_generation:
                    with self.catalog.snapshot():
                        gen = self.catalog.generation
                        changed = (self.catalog.changed_since(self._articles_generation)
                                   if self._articles_generation >= 0 else None)
                        if changed is None:
                            by_id = {a.doc_id: a for a in self.catalog.articles()}
                            tallies = _CompanyTallies()
                            for a in by_id.values():
                                tallies.count(a, 1)
                        else:
                            by_id = dict(self._articles_by_id)
                            tallies = self._tallies.copy()
                            for doc_id in changed:
                                if (old := by_id.pop(doc_id, None)) is not None:
                                    tallies.count(old, -1)
                            fresh = self.catalog.articles_of(sorted(changed))
                            for a in fresh.values():
                                tallies.count(a, 1)
                            by_id.update(fresh)
                    self._articles_by_id, self._tallies = by_id, tallies
                    self._articles = sorted(by_id.values(), key=lambda a: a.path)
                    self._articles_generation = gen
        return self._articles

    def article(self, doc_id: str) -> Article | None:
        self.articles()
        return self._articles_by_id.get(doc_id)

    def changed_since(self, generation: int) -> tuple[int, set[str] | None]:
        """(current generation, documents changed after ``generation`` or None when unknown) in one snapshot."""
        self.generation  # noqa: B018 - reloads after another process's write
        with self.catalog.snapshot():
            return self.catalog.generation, self.catalog.changed_since(generation) if generation >= 0 else None

    def _bm25_index(self) -> Bm25Index:
        gen = self.generation
        if self._bm25 is None or self._bm25_generation != gen:
            with self._lock:
                if self._bm25 is None or self._bm25_generation != gen:
                    with self.catalog.snapshot():
                        gen = self.catalog.generation
                        changed = self.catalog.changed_since(self._bm25_generation) if self._bm25 else None
                        if changed is None:
                            index = self._stored_bm25(gen)
                        else:  # only the changed documents; readers keep the old index until the swap
                            index = self._bm25.copy()
                            index.remove_documents(changed)
                            index.add(self.catalog.chunk_tokens(sorted(changed)))
                    self._bm25, self._bm25_generation = index, gen
        return self._bm25

    def _stored_bm25(self, gen: int) -> Bm25Index:
        """The BM25 index of catalog generation ``gen`` (inside a catalog snapshot) for a process that holds none: the
        one the last process saved, brought up to ``gen`` per changed document, else built from the stored tokens;
        saved again when it changed, so that the next process starts from it."""
        path, stamp = self.settings.home / "bm25" / BM25_FILE, {"catalog": self.catalog.inode, "generation": gen}
        loaded = Bm25Index.load(path)
        index, changed = None, None
        if loaded is not None and loaded[1].get("catalog") == self.catalog.inode:
            changed = self.catalog.changed_since(int(loaded[1].get("generation", -1)))
            if changed is not None:
                index = loaded[0]
                index.remove_documents(changed)
                index.add(self.catalog.chunk_tokens(sorted(changed)))
                if set(index.row_of) != set(self.catalog.chunk_ids()):  # not this library's chunks after all
                    index = None
        if index is None:
            index, changed = Bm25Index.build(self.catalog.chunk_tokens()), None
        if changed is None or changed:
            try:
                index.save(path, stamp)
            except OSError:  # best effort (a read-only home): the next process builds it again
                pass
        return index

    # -- reads --------------------------------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        stats = self.catalog.document_stats()
        out = []
        for a in self.articles():  # cached per generation (and synced with a shared server first)
            chunks, ingested_at = stats.get(a.doc_id, (0, ""))
            by_kind: dict[str, int] = {}
            for item in a.rubric:
                by_kind[item.kind] = by_kind.get(item.kind, 0) + 1
            out.append(DocumentInfo(
                doc_id=a.doc_id, path=a.path, title=a.title, sha256=a.sha256, company=a.company, roles=a.roles,
                companies=a.companies, chunks=chunks, rubric_items=len(a.rubric), rubric_by_kind=by_kind,
                questions=len(a.questions), ingested_at=ingested_at, source_url=a.source_url, source=a.source,
                flags=a.flags,
            ))
        return out

    def all_chunks(self) -> list[Chunk]:
        _ = self.generation
        return [c for c, _ in self.catalog.all_chunks()]

    def chunk_outline(self, doc_ids: Sequence[str] | None = None) -> list[tuple[str, str, str | None, str]]:
        """(chunk id, doc_id, section, text) of every chunk or of those of ``doc_ids``, in document order."""
        return self.catalog.chunk_outline(doc_ids)

    def text_vectors(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these texts (headings and FAQ questions, embedded once)."""
        return self.catalog.text_vectors(texts)

    def put_text_vectors(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store vectors a reader encoded, so that later answers need not encode them again.

        A catalog that cannot take the write now (still locked by another process's long write after SQLite's busy
        timeout, or opened read-only) is logged and skipped: a vector not stored is only encoded again when next
        needed. Any other SQLite error (a damaged catalog, a missing table) is a real fault and surfaces."""
        try:
            self.catalog.put_text_vectors(texts, vectors)
        except sqlite3.OperationalError as exc:
            if not _SKIPPABLE_WRITE.search(str(exc)):
                raise
            log.info("%d text vectors not stored (%s): they are encoded again when next needed", len(texts), exc)

    def get_chunks(self, ids: Sequence[str]) -> list[Chunk]:
        """Chunks in the order of ``ids``; ids the catalog does not know are dropped.

        Parsed chunks are kept for the current generation (answers fetch the same few dozen candidates again and
        again; parsing their JSON was a tenth of an answer's time); any library change starts the cache afresh."""
        gen = self.generation
        cache = self._chunk_cache
        if cache[0] != gen:
            cache = self._chunk_cache = (gen, {})
        parsed = cache[1]
        found = {i: c for i in ids if (c := parsed.get(i)) is not None}
        missing = [i for i in dict.fromkeys(ids) if i not in found]
        if missing:
            fresh = self.catalog.get_chunks(missing)
            found.update(fresh)
            if len(parsed) + len(fresh) > CHUNK_CACHE:
                parsed.clear()
            parsed.update(fresh)
        return [found[i] for i in ids if i in found]

    def roles(self) -> list[Role]:
        """Every role the articles cover, aliases and levels merged in path order; computed once per generation."""
        return list(self._names()[1])

    def companies(self) -> list[str]:
        """Each article's main company and the companies its content discusses (a section about them)."""
        return list(self._names()[2])

    def company_roles(self) -> dict[str, dict[str, int]]:
        """Company -> {role name: number of articles about the company (or with a section on it) covering it};
        kept per changed document. Read-only: a library change replaces the changed companies' entries."""
        self.articles()
        return self._tallies.roles

    def _names(self) -> tuple[list[Article], list[Role], list[str]]:
        # Keyed on the articles list, which ``articles()`` replaces whenever the library changes: every answer and
        # every ingest asks for these, and merging them afresh each time grew with the library (~0.3 s at 6k docs).
        articles = self.articles()
        names = self._names_cache
        if names[0] is not articles:
            merged: dict[str, tuple[list[str], list[str]]] = {}
            firsts: dict[str, Role] = {}
            for a in articles:
                for r in a.roles:
                    if r.name in merged:
                        aliases, levels = merged[r.name]
                        aliases += [x for x in r.aliases if x not in aliases]
                        levels += [x for x in r.levels if x not in levels]
                    else:
                        merged[r.name] = (list(r.aliases), list(r.levels))
                        firsts[r.name] = r
            roles = [firsts[n] if (list(firsts[n].aliases), list(firsts[n].levels)) == merged[n]
                     else Role(name=n, aliases=merged[n][0], levels=merged[n][1]) for n in sorted(merged)]
            companies = sorted(c for c, n in self._tallies.articles.items() if n > 0)
            names = self._names_cache = (articles, roles, companies)
        return names

    def rubric(self, role: str | None = None) -> list[RubricItem]:
        """Rubric items for ``role`` (all when None): every item of an article that covers it or names no role, and
        from any other article the items that name no role or this one. An article about one role's interviews
        warns about things ("Not having any questions") that hold in every interview; an item the article scopes to
        a role says so itself."""
        items = []
        for a in self.articles():
            covers = role is None or not a.roles or any(r.name == role for r in a.roles)
            items.extend(i for i in a.rubric if covers or not i.roles or role in i.roles)
        return items

    def questions(self, role: str | None = None) -> list[PracticeQuestion]:
        qs = [q for a in self.articles() for q in a.questions]
        return [q for q in qs if role is None or q.role in (None, role)]

    def summary(self) -> LibrarySummary:
        docs = self.documents()
        return LibrarySummary(
            documents=docs, roles=self.roles(), companies=self.companies(), rubric=self.rubric(),
            questions=self.questions(), chunks=sum(d.chunks for d in docs),
            embedding_model=self.catalog.get_meta("embedding_model") or self.settings.embedding_model,
        )

    def chunk_count(self) -> int:
        """How many chunks the catalog holds (cached per generation)."""
        gen = self.generation
        if self._chunk_count[0] != gen:
            self._chunk_count = (gen, self.catalog.chunk_count())
        return self._chunk_count[1]

    def dense_search(self, query_vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first, for chunks the catalog knows."""
        if self.chunk_count() == 0:
            return []
        dim = self.catalog.get_meta("embedding_dim")
        if dim and int(dim) != len(query_vector):
            raise IndexError_(
                f"the index holds {dim}-dimensional vectors but the query has {len(query_vector)}; "
                "rebuild it with `coach ingest --rebuild`"
            )
        res = self.collection.query(
            query_embeddings=[np.asarray(query_vector, dtype=np.float32).tolist()],
            n_results=k, where=where or None, include=["distances"],
        )
        ids, dists = res["ids"][0], res["distances"][0]
        known = self.catalog.known_ids(ids)
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists) if i in known]

    def bm25_search(self, query: str, k: int) -> list[tuple[str, float]]:
        return self._bm25_index().search(query, k)

    def bm25_scores(self, query: str, ids: Iterable[str]) -> dict[str, float]:
        """BM25 scores of the given chunks for ``query`` (those matching none of its words left out)."""
        return self._bm25_index().scores_of(query, ids)

    def bm25_contains(self, text: str) -> bool:
        """True when some chunk holds a word of ``text`` (what ``bm25_search(text, 1)`` finds, without scoring)."""
        return self._bm25_index().contains(text)

    def document_hashes(self, index_format: int = 0) -> dict[str, tuple[str, str]]:
        """doc_id -> (path, sha256); a document derived by an ingest format older than ``index_format`` has no hash,
        so an ingest redoes it."""
        _ = self.generation
        formats = self.catalog.document_formats() if index_format else {}
        return {doc_id: (path, sha if formats.get(doc_id, index_format) >= index_format else "")
                for doc_id, path, sha in self.catalog.document_rows()}

    # -- writes -------------------------------------------------------------------------------------------------
    def upsert_document(self, article: Article, chunks: list[Chunk], vectors: np.ndarray, embed_texts: list[str]) -> str:
        """Store one document all-or-nothing; returns "added" or "updated"."""
        return self.upsert_documents([(article, chunks, vectors, embed_texts)])[0]

    def upsert_documents(self, docs: Sequence[tuple[Article, list[Chunk], np.ndarray, list[str]]]) -> list[str]:
        """Store several documents, each all-or-nothing: their vectors first, then one catalog commit."""
        for _, chunks, vectors, texts in docs:
            if len(chunks) != len(vectors) or len(chunks) != len(texts):
                raise ValueError("chunks, vectors and embed_texts must have the same length")
        if not docs:
            return []
        with self.write_lock():
            chunks = [c for _, cs, _, _ in docs for c in cs]
            if chunks:
                self.put_vectors(chunks, np.concatenate([np.asarray(v, dtype=np.float32) for _, cs, v, _ in docs if cs]),
                                 [t for _, _, _, ts in docs for t in ts])
            return self.commit_documents([(a, cs, ts) for a, cs, _, ts in docs])

    def max_batch(self) -> int:
        """Most records one Chroma write may carry: the client's limit, or ``store_batch_size`` when smaller."""
        if self._max_batch is None:
            _ = self.collection
            limit = int(self._client.get_max_batch_size())
            if self.settings.store_batch_size:
                limit = min(limit, self.settings.store_batch_size)
            self._max_batch = max(1, limit)
        return self._max_batch

    def _batches(self, n: int) -> Iterator[slice]:
        size = self.max_batch()
        for start in range(0, n, size):
            yield slice(start, min(start + size, n))

    def put_vectors(self, chunks: Sequence[Chunk], vectors: np.ndarray, embed_texts: Sequence[str]) -> None:
        """Write chunk vectors to Chroma in batches under its limit. Searches ignore them until
        ``commit_documents`` puts their document in the catalog (a crash in between leaves orphans that
        ``reconcile`` removes)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(chunks), -1)
        with self.write_lock():
            self._record_model(vectors)
            for part in self._batches(len(chunks)):
                self.collection.upsert(
                    ids=[c.id for c in chunks[part]], embeddings=vectors[part].tolist(),
                    metadatas=[_chroma_metadata(c, t) for c, t in zip(chunks[part], embed_texts[part])],
                )

    def commit_documents(self, docs: Sequence[tuple[Article, list[Chunk], list[str]]]) -> list[str]:
        """Make documents whose vectors ``put_vectors`` stored visible: "added" or "updated" for each."""
        if not docs:
            return []
        with self.write_lock():
            old_ids = {a.doc_id: set(self.catalog.chunk_ids(a.doc_id)) for a, _, _ in docs}
            existed = {a.doc_id: self.catalog.article(a.doc_id) is not None for a, _, _ in docs}
            for part in self._batches(len(docs)):
                batch = docs[part]
                self.document_collection.upsert(
                    ids=[a.doc_id for a, _, _ in batch], embeddings=[[1.0]] * len(batch),
                    documents=[a.model_dump_json() for a, _, _ in batch],
                    metadatas=[{"sha256": a.sha256, "path": a.path, "title": a.title,
                                "chunk_ids": "|".join(c.id for c in cs)} for a, cs, _ in batch],
                )
            for article, cs, texts in docs:
                with self.catalog.transaction() as db:
                    self.catalog.put_document(db, article, cs, texts)
                    self._known_generation = self.catalog.bump_generation(db, [article.doc_id])
            stale = sorted(set().union(*old_ids.values()) - {c.id for _, cs, _ in docs for c in cs})
            for part in self._batches(len(stale)):
                self.collection.delete(ids=stale[part])
            return ["updated" if existed[a.doc_id] else "added" for a, _, _ in docs]

    def remove_document(self, doc_id: str) -> None:
        with self.write_lock():
            ids = self.catalog.chunk_ids(doc_id)
            if self.catalog.article(doc_id) is None:
                raise UnknownDocumentError(doc_id)
            with self.catalog.transaction() as db:
                self.catalog.delete_document(db, doc_id)
                self._known_generation = self.catalog.bump_generation(db, [doc_id])
            self.document_collection.delete(ids=[doc_id])
            if ids:
                self.collection.delete(ids=ids)

    def _record_model(self, vectors: np.ndarray) -> None:
        if not vectors.size:
            return
        dim = int(np.asarray(vectors).shape[1])
        stored = self.catalog.get_meta("embedding_dim")
        if stored and int(stored) != dim:
            raise IndexError_(
                f"the index holds {stored}-dimensional vectors, these are {dim}-dimensional; "
                "rebuild it with `coach ingest --rebuild`"
            )
        if not stored:
            with self.catalog.transaction() as db:
                self.catalog.set_meta(db, "embedding_model", self.settings.embedding_model)
                self.catalog.set_meta(db, "embedding_dim", str(dim))

    def reconcile(self) -> dict[str, int]:
        """Make Chroma agree with the catalog: delete orphan vectors, re-embed missing ones."""
        if self.settings.chroma_url:
            self.sync(force=True)
        with self.write_lock():
            catalog_ids = set(self.catalog.chunk_ids())
            vector_ids = set(self._all_vector_ids())
            orphans = sorted(vector_ids - catalog_ids)
            missing = sorted(catalog_ids - vector_ids)
            for part in self._batches(len(orphans)):
                self.collection.delete(ids=orphans[part])
            known_docs = {doc_id for doc_id, _, _ in self.catalog.document_rows()}
            orphan_docs = [i for i in self.document_collection.get(include=[])["ids"] if i not in known_docs]
            if orphan_docs:
                self.document_collection.delete(ids=orphan_docs)
            if missing:
                if self.embedder is None:
                    raise IndexError_("the vector index lacks chunks the catalog has; run `coach ingest --rebuild`")
                texts = self.catalog.embed_texts(missing)
                chunks = self.catalog.get_chunks(missing)
                for part in self._batches(len(missing)):
                    ids = missing[part]
                    self.put_vectors([chunks[i] for i in ids], self.embedder.encode([texts[i] for i in ids]),
                                     [texts[i] for i in ids])
            return {"orphans_removed": len(orphans), "missing_restored": len(missing)}

    def _all_vector_ids(self) -> list[str]:
        ids: list[str] = []
        offset, page = 0, 10000
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            ids.extend(got)
            if len(got) < page:
                return ids
            offset += page

    def consistency(self) -> dict[str, int]:
        """Counts that must agree after any ingest: catalog chunks, vectors, orphans, missing."""
        catalog_ids = set(self.catalog.chunk_ids())
        vector_ids = set(self._all_vector_ids())
        return {
            "catalog_chunks": len(catalog_ids), "vectors": len(vector_ids),
            "orphans": len(vector_ids - catalog_ids), "missing": len(catalog_ids - vector_ids),
        }


class _CompanyTallies:
    """Per company: how many articles name it, and per role how many of those cover the role. Counts, not sets, so
    that one document's change is one subtraction and one addition (a rescan of every article grew with the library).
    ``copy`` shares the per-company maps; ``count`` replaces those it changes, so readers of a copy never see a
    half-made change."""

    def __init__(self) -> None:
        self.articles: dict[str, int] = {}
        self.roles: dict[str, dict[str, int]] = {}

    def copy(self) -> "_CompanyTallies":
        other = _CompanyTallies()
        other.articles, other.roles = dict(self.articles), dict(self.roles)
        return other

    def count(self, article: Article, sign: int) -> None:
        roles = {r.name for r in article.roles}
        for name in {article.company, *(m.name for m in article.companies)}:
            if not name:
                continue
            n = self.articles.get(name, 0) + sign
            if n > 0:
                self.articles[name] = n
            else:
                self.articles.pop(name, None)
            tally = dict(self.roles.get(name, {}))
            for role in roles:
                k = tally.get(role, 0) + sign
                if k > 0:
                    tally[role] = k
                else:
                    tally.pop(role, None)
            if tally:
                self.roles[name] = tally
            else:
                self.roles.pop(name, None)


@contextmanager
def home_lock(settings: Settings, name: str = "write.lock", timeout: float | None = None,
              on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Serialises writers (``write.lock``) or whole ingests (``ingest.lock``) across processes and threads; the OS
    drops the lock when its holder is killed. ``on_wait`` hears once who holds it when this call has to wait."""
    settings.home.mkdir(parents=True, exist_ok=True)
    path = settings.home / name
    with open(path, "a+") as handle:
        deadline = time.monotonic() + (settings.lock_timeout if timeout is None else timeout)
        waited = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                if time.monotonic() > deadline:
                    raise IndexError_(
                        f"the library at {settings.home} is locked by {holder} (lock file {path}); wait for that "
                        "ingest to finish, or stop it, then try again"
                    ) from None
                if on_wait and not waited:
                    on_wait(holder)
                waited = True
                time.sleep(0.05)
        try:
            handle.truncate(0)
            handle.write(f"process {os.getpid()}")
            handle.flush()
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def reset_home(settings: Settings) -> None:
    """Remove the index without opening it through ``Library``: its files may be too damaged to open."""
    from coach.components.vector_store import make_chroma_client

    with home_lock(settings, INGEST_LOCK, settings.ingest_wait), home_lock(settings):
        try:
            client = make_chroma_client(settings)
            for name in (settings.collection, settings.collection + DOCUMENTS_SUFFIX):
                if name in [c.name if hasattr(c, "name") else c for c in client.list_collections()]:
                    client.delete_collection(name)
        except Exception:  # missing or unreadable: with the embedded store, remove the folder instead
            if not settings.chroma_url:
                import chromadb

                chromadb.api.client.SharedSystemClient.clear_system_cache()
                shutil.rmtree(settings.chroma_path, ignore_errors=True)
        for saved in ("bm25", "structure"):  # indexes saved for the next process
            shutil.rmtree(settings.home / saved, ignore_errors=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(settings.catalog_path) + suffix).unlink(missing_ok=True)


def _chroma_metadata(chunk: Chunk, embed_text: str) -> dict:
    # Texts go in metadata, not Chroma "documents": those feed a full-text index we never query (a third of the
    # write time). chunk_json and embed_text let another replica rebuild its catalog and BM25 from the server.
    meta = {
        "doc_id": chunk.doc_id, "title": chunk.title, "path": chunk.path, "section": chunk.section or "",
        "kind": chunk.kind, "company": chunk.company or "", "position": chunk.position,
        "roles": "|".join(chunk.roles), "chunk_json": chunk.model_dump_json(),
        "embed_text": embed_text,
    }
    return meta

