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


def test_bm25_cached_scores_follow_every_change(library_coach):
    """Scores kept per term and per query are dropped by any change: a warm index searched after removing and
    re-adding documents ranks and scores like a rebuild, and a repeated search gives the same list."""
    from coach.store.bm25 import Bm25Index

    rows = library_coach.library.catalog.chunk_tokens()
    docs = sorted({d for _, d, _ in rows})
    index = Bm25Index.build(rows)

    def same(got, want):  # equal scores may come in either order (re-added rows sit at the end)
        cut = want[-1][1] + 1e-5 if want else 0.0
        return np.allclose([s for _, s in got], [s for _, s in want], atol=1e-5) and \
            {i for i, s in got if s > cut} == {i for i, s in want if s > cut}

    for q in QUERIES:
        assert index.search(q, 20) == index.search(q, 20), q
    gone = {i for i, d, _ in rows if d in docs[:2]}
    index.remove_documents(docs[:2])
    rebuilt = Bm25Index.build([r for r in rows if r[1] not in docs[:2]])
    for q in QUERIES:
        assert not gone & {i for i, _ in index.search(q, 50)}, q
        assert same(index.search(q, 8), rebuilt.search(q, 8)), q
    index.add([r for r in rows if r[1] == docs[0]])
    rebuilt = Bm25Index.build([r for r in rows if r[1] != docs[1]])
    for q in QUERIES:
        assert same(index.search(q, 8), rebuilt.search(q, 8)), q


def test_bm25_caches_stay_bounded_and_right_under_concurrent_searches(monkeypatch):
    """Serving threads search one index at once: every result equals the single-threaded one, the per-query cache
    never holds more than its bound, and the per-term cache's size total is exactly what it holds, within its bound.
    The old unlocked caches counted a term twice when two threads computed it at once, and could hold 9 queries."""
    import random
    import sys

    from coach.store import bm25
    from coach.store.bm25 import Bm25Index

    rng = random.Random(7)
    vocab = [f"word{i}" for i in range(300)]
    rows = [(f"c{i}", f"d{i // 10}", rng.choices(vocab, k=40)) for i in range(3000)]
    queries = [" ".join(rng.choices(vocab, k=4)) for _ in range(60)]
    expected = {q: Bm25Index.build(rows).search(q, 10) for q in queries}
    errors: list[str] = []

    def search_at_once(index: Bm25Index, threads: int = 12, rounds: int = 300) -> None:
        start = threading.Barrier(threads)

        def reader() -> None:
            start.wait()
            for n in range(rounds):  # every thread the same query at the same time: the most contention
                q = queries[n % len(queries)]
                if index.search(q, 10) != expected[q]:
                    errors.append(f"wrong result for {q!r}")
                if len(index._recent) > bm25.RECENT_QUERIES:
                    errors.append(f"{len(index._recent)} recent queries held")

        pool = [threading.Thread(target=reader) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join(timeout=300)

    def held_rows(index: Bm25Index) -> int:
        return sum(len(rows_) for (rows_, _), _ in index._terms._items.values())

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so that unlocked updates would interleave
    try:
        for capacity in (10**8, 10**8, 10**8, 6000, 6000):  # never evicting (the count must stay exact); evicting
            monkeypatch.setattr(bm25, "TERM_CACHE_ROWS", capacity)
            index = Bm25Index.build(rows)
            search_at_once(index)
            assert index._terms.size == held_rows(index) <= capacity
    finally:
        sys.setswitchinterval(switch)
    assert not errors, errors[:5]


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


def _pattern_mentions(text: str, companies: list[str]) -> list[tuple[int, int, str]]:
    """The reference: one case-insensitive alternation over every name, longest first (how mentions were found
    before the first-word index)."""
    import re

    from coach.scope import _KNOWN_LOWER

    library = {c.lower(): c for c in companies}
    names = {**_KNOWN_LOWER, **library}
    pattern = re.compile(rf"(?<![\w-])({'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})"
                         r"(?:'s)?(?![\w-])", re.I)
    return [(m.start(), m.end(), names[m.group(1).lower()]) for m in pattern.finditer(text)
            if m.group(1)[:1].isupper() or m.group(1).lower() in library]


def test_company_mentions_equal_the_single_pattern():
    """The word-indexed matcher finds exactly what the one big alternation found: longest name first, whole words,
    "'s", lower-case library names, overlapping and multi-word names (fictional names)."""
    import random

    from coach.scope import known_company_mentions

    companies = ["NimbusFin", "Nimbus", "Orbit Works", "Orbit", "Quill-Stack", "Velbrook", "Jane", "Fern wood co"]
    words = ["Amazon", "amazon's", "AMAZON'S", "Goldman Sachs", "goldman", "Jane Street", "jane", "Square", "square",
             "Block", "x-Google", "Google-y", "Googles", "Meta", "Arm", "Armada", "NimbusFin", "nimbusfin's",
             "Nimbus", "Orbit Works", "orbit", "Quill-Stack", "quill", "Velbrook", "Fern wood co", "Two Sigma", "the"]
    seps = [" ", "  ", "-", ", ", ". ", "'", "(", ")", "_", "/", "\n"]
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 9)))
        assert known_company_mentions(text, companies) == _pattern_mentions(text, companies), text


def test_masks_carried_over_a_name_change_equal_fresh_masks():
    """Masked headings kept across a library change equal masking afresh with the new names: texts that mention
    an added or removed company, role or alias are redone, the others reused (fictional names)."""
    from coach.models import Role
    from coach.retrieval import Masks, mask_entities

    texts = ["How long is the NimbusFin Data Engineer loop?", "Velbrook SRE on-call rotation", "Salary bands",
             "What does a Quillstack TPM do?", "Interview rounds at Orbitworks for SREs", "velbrook's culture",
             "Data Engineer vs Data Scientist", "The PM Interview Playbook for TPM candidates"]
    before = ([Role(name="Data Engineer", aliases=["DE"]), Role(name="Site Reliability Engineer", aliases=["SRE"])],
              ["NimbusFin", "Orbitworks"])
    after = ([Role(name="Data Engineer", aliases=[]), Role(name="Site Reliability Engineer", aliases=["SRE"]),
              Role(name="Technical Program Manager", aliases=["TPM"])], ["Orbitworks", "Velbrook", "Quillstack"])
    old = Masks(*before)
    assert [old(t) for t in texts] == [mask_entities(t, *before) for t in texts]
    new = Masks(*after, old)
    assert [new(t) for t in texts] == [mask_entities(t, *after) for t in texts]
    assert new("Salary bands") == "Salary bands" and "company" in new("velbrook's culture")
    back = Masks(*before, new)  # and back again
    assert [back(t) for t in texts] == [mask_entities(t, *before) for t in texts]


def test_bm25_contains_is_what_a_search_finds(library_coach):
    from coach.store.bm25 import Bm25Index

    rows = library_coach.library.catalog.chunk_tokens()
    docs = sorted({d for _, d, _ in rows})
    index = Bm25Index.build(rows)
    index.remove_documents(docs[:1])  # removed rows are still in the postings until compaction
    words = sorted({t for _, d, toks in rows for t in toks})[:300] + ["zyxwv", "the", "velbrook"]
    for w in words:
        assert index.contains(w) == bool(index.search(w, 1)), w


def test_caches_follow_a_removal_by_another_process(make_coach):
    """Warm caches, then another process removes a document and this one adds another: every cache (BM25, the
    structure index and its masked headings, roles, companies and company → roles counts) equals a rebuild."""
    import subprocess

    from coach.api import Coach
    from coach.retrieval import build_structure, mask_entities
    from tests.processes import coach_bin, coach_env

    coach = make_coach()
    coach.ingest([FIXTURES, FURNITURE / "quillstack_pm_vs_tpm.md", FURNITURE / "fernwood_security_vs_devops.html"])
    coach.ask("How many rounds does the Quillstack TPM loop have?")  # builds every cache
    lib = coach.library
    gone = next(a for a in lib.articles() if a.company == "Quillstack")
    done = subprocess.run([coach_bin(), "remove", gone.doc_id], env=coach_env(coach.settings.home),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    coach.ingest([FURNITURE / "zephyrline_no_blank_lines.txt"])
    answer = coach.ask("How many rounds does the OrbitWorks SRE loop have?")
    assert "6 rounds" in answer.answer
    assert gone.doc_id not in {a.doc_id for a in lib.articles()}

    fresh = Coach(coach.settings)
    fresh.__dict__["embedder"] = coach.embedder
    new = fresh.library
    assert [a.doc_id for a in lib.articles()] == [a.doc_id for a in new.articles()]
    assert lib.roles() == new.roles() and lib.companies() == new.companies()
    expected: dict[str, dict[str, int]] = {}
    for a in new.articles():
        for name in {a.company, *(m.name for m in a.companies)} - {None, ""}:
            for r in {r.name for r in a.roles}:
                expected.setdefault(name, {}).setdefault(r, 0)
                expected[name][r] += 1
    assert lib.company_roles() == expected
    assert "Quillstack" not in lib.company_roles()
    for q in QUERIES + ["quillstack tpm rounds", "zephyrline", "fernwood security engineer"]:
        got, want = lib.bm25_search(q, 30), new.bm25_search(q, 30)  # equal scores may come in another row order
        assert sorted((-round(s, 5), i) for i, s in got) == sorted((-round(s, 5), i) for i, s in want), q
    updated = coach.ask_chain.structure.get(lib, coach.ask_chain.vectors)
    rebuilt = build_structure(new, new.generation)
    assert updated.generation == rebuilt.generation
    assert updated.entries == rebuilt.entries  # eager mode: same rows in the same order
    assert {e: sorted(v) for e, v in updated.chunks_of.items()} == {e: sorted(v) for e, v in rebuilt.chunks_of.items()}
    assert {c: sorted(v) for c, v in updated.entries_of_chunk.items()} == {
        c: sorted(v) for c, v in rebuilt.entries_of_chunk.items()}
    assert [updated.mask(e) for e in rebuilt.entries] == [
        mask_entities(e, new.roles(), new.companies()) for e in rebuilt.entries]
    assert updated.words_of == rebuilt.words_of  # vocabulary bridging: counted per changed document
    assert updated.vocabulary.counts == rebuilt.vocabulary.counts
    assert updated.vocabulary.stems == rebuilt.vocabulary.stems
    assert set(updated.vocabulary.words) <= set(rebuilt.vocabulary.words)  # only words with a vector are kept
    a, b = coach.ask("What does a Zephyrline interview involve?"), fresh.ask("What does a Zephyrline interview involve?")
    assert a.answer == b.answer


def test_a_new_process_starts_from_the_saved_bm25_index(make_coach, monkeypatch):
    """The first search of a process saves its BM25 index in COACH_HOME; the next process loads it (no rebuild from
    every chunk's tokens: seconds at 100k chunks), brings it up to the documents changed since, and ranks like a
    build from scratch. A damaged file is rebuilt."""
    from coach.api import Coach
    from coach.store.bm25 import Bm25Index
    from coach.store.library import BM25_FILE

    coach = make_coach()
    coach.ingest([FIXTURES])
    coach.library.bm25_search(QUERIES[0], 5)
    path = coach.settings.home / "bm25" / BM25_FILE
    assert path.exists()
    coach.ingest([FURNITURE])  # after the save: the next process must add these documents to what it loads

    built = []
    build = Bm25Index.build.__func__
    monkeypatch.setattr(Bm25Index, "build", classmethod(lambda cls, rows: built.append(len(rows)) or build(cls, rows)))

    def fresh_library():
        fresh = Coach(coach.settings)
        fresh.__dict__["embedder"] = coach.embedder
        return fresh.library

    def ranks_like_a_build(lib) -> None:
        scratch = build(Bm25Index, lib.catalog.chunk_tokens())
        for q in QUERIES + ["quillstack tpm rounds", "fernwood security engineer"]:
            got, want = lib.bm25_search(q, 30), scratch.search(q, 30)
            assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-5), q
            cut = want[-1][1] + 1e-5 if want else 0.0  # equal scores at the cut may come in another row order
            assert {i for i, s in got if s > cut} == {i for i, s in want if s > cut}, q

    lib = fresh_library()
    ranks_like_a_build(lib)
    assert not built  # loaded, not rebuilt
    assert Bm25Index.load(path)[1]["generation"] == lib.generation  # saved again with the new documents

    path.write_bytes(b"not an index")
    lib = fresh_library()
    ranks_like_a_build(lib)
    assert built == [lib.catalog.chunk_count()]
