"""The library's caches are updated per changed document and must equal a rebuild from scratch; reads from many
threads at once see consistent results (real catalog, real Chroma, real model)."""
from __future__ import annotations

import threading

import numpy as np

from tests.conftest import FIXTURES, ROOT

FURNITURE = ROOT / "tests" / "fixtures" / "furniture"
QUERIES = ["how many rounds does the SRE loop have", "pay range data engineer", "system design interview",
           "coding round algorithms", "behavioural questions", "program review round", "on-call incident"]


def test_bm25_scores_as_bm25s_does(library_coach):
    """The incremental index ranks and scores like the bm25s build it replaced (Lucene BM25, k1=1.5, b=0.75)."""
    import bm25s

    from coach.store.bm25 import Bm25Index, tokenize

    rows = library_coach.library.catalog.chunk_tokens()
    ours = Bm25Index.build(rows)
    ref = bm25s.BM25()
    ref.index([t or ["<empty>"] for _, _, t in rows], show_progress=False)
    for q in QUERIES:
        tokens = [t for t in tokenize(q) if t in ref.vocab_dict]
        docs, scores = ref.retrieve([tokens], k=10, show_progress=False, n_threads=1)
        expected = [(rows[int(d)][0], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
        got = ours.search(q, 10)
        assert [round(s, 3) for _, s in got] == [round(s, 3) for _, s in expected], q
        assert {i for i, _ in got[:5]} <= {i for i, s in expected if s >= got[min(4, len(got) - 1)][1] - 1e-4}, q


def test_bm25_update_per_document_equals_a_rebuild(library_coach):
    from coach.store.bm25 import Bm25Index

    rows = library_coach.library.catalog.chunk_tokens()
    docs = sorted({d for _, d, _ in rows})
    index = Bm25Index.build(rows)
    # replace one document (same chunks back in), remove another, many times: rows pile up and get compacted
    for _ in range(30):
        index = index.copy()
        index.remove_documents([docs[0]])
        index.add([r for r in rows if r[1] == docs[0]])
    index.remove_documents([docs[1]])
    rebuilt = Bm25Index.build([r for r in rows if r[1] != docs[1]])
    assert len(index.ids) < 2 * len(rows)  # compaction kept the removed rows from piling up
    for q in QUERIES:
        got, want = index.search(q, 8), rebuilt.search(q, 8)
        assert [i for i, _ in got] == [i for i, _ in want], q
        assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-5), q


def test_caches_after_a_write_equal_a_fresh_library(make_coach):
    """Ingest, warm every cache, ingest more: the updated caches equal those of a Library opened afterwards."""
    from coach.api import Coach

    coach = make_coach()
    coach.ingest([FIXTURES])
    coach.ask("How many rounds does the OrbitWorks SRE loop have?")  # builds BM25, structure, snapshot
    old_structure = coach.ask_chain.structure.get(coach.library, coach.ask_chain.vectors)
    before = {a.doc_id for a in coach.library.articles()}
    coach.ingest([FURNITURE])
    # the new documents' heading / FAQ vectors were stored by the ingest, before any question needs them
    from coach.retrieval import document_entries, mask_entities

    lib = coach.library
    outline: dict[str, list] = {}
    for cid, doc_id, section, text in lib.chunk_outline():
        outline.setdefault(doc_id, []).append((cid, section, text))
    new_docs = [a for a in lib.articles() if a.doc_id not in before]
    masked = [mask_entities(e, lib.roles(), lib.companies()) for a in new_docs
              for e in document_entries(a, outline[a.doc_id])]
    assert len(new_docs) == 3 and len(masked) >= 10
    assert set(lib.text_vectors(masked)) == set(masked)
    fresh = Coach(coach.settings)
    fresh.__dict__["embedder"] = coach.embedder
    lib, new = coach.library, fresh.library
    assert [a.doc_id for a in lib.articles()] == [a.doc_id for a in new.articles()]
    assert len(lib.articles()) == 5
    for q in QUERIES + ["quillstack tpm rounds", "fernwood security engineer"]:
        assert lib.bm25_search(q, 10) == new.bm25_search(q, 10), q
    updated = coach.ask_chain.structure.get(lib, coach.ask_chain.vectors)
    rebuilt = fresh.ask_chain.structure.get(new, fresh.ask_chain.vectors)
    assert updated is not old_structure and updated.generation == rebuilt.generation
    assert sorted(updated.entries) == sorted(rebuilt.entries)
    assert {e: sorted(v) for e, v in updated.chunks_of.items()} == {e: sorted(v) for e, v in rebuilt.chunks_of.items()}
    rows = [updated.row[e] for e in rebuilt.entries]
    assert np.allclose(updated.matrix[rows], rebuilt.matrix, atol=1e-5)
    a, b = coach.ask("How many rounds does the Quillstack TPM loop have?"), fresh.ask(
        "How many rounds does the Quillstack TPM loop have?")
    assert a.answer == b.answer and "5 rounds" in a.answer


def test_many_threads_read_while_one_writes(make_coach):
    """16 threads ask while another ingests: every answer is grounded and right, the write lands in full."""
    coach = make_coach()
    coach.ingest([FIXTURES])
    expected = {"How many rounds does the OrbitWorks SRE loop have?": "6 rounds",
                "What is the pay range for NimbusFin Data Engineer roles?": "$190,000"}
    coach.ask(next(iter(expected)))
    errors: list[str] = []
    done = threading.Event()
    counts = [0] * 16

    def reader(i: int) -> None:
        qs = list(expected)
        while not done.is_set() or counts[i] < 3:
            q = qs[(i + counts[i]) % len(qs)]
            try:
                a = coach.ask(q)
                if not (a.grounded and expected[q] in a.answer):
                    errors.append(f"{q!r} -> {a.answer!r}")
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(f"{q!r}: {type(exc).__name__}: {exc}")
            counts[i] += 1

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    report = coach.ingest([FURNITURE])
    done.set()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors[:5]
    assert len(report.added) == 3 and not report.skipped
    assert coach.library.consistency()["orphans"] == 0 and coach.library.consistency()["missing"] == 0
    assert "5 rounds" in coach.ask("How many rounds does the Quillstack TPM loop have?").answer
