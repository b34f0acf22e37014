"""A new process starts from the structure index (headings / FAQ questions → chunks, document order, words) saved
in COACH_HOME by an earlier one, caught up per changed document, instead of scanning every chunk (seconds at 100k
chunks); a damaged, foreign or other-code file is rebuilt. Real catalog, Chroma and model."""
from __future__ import annotations

import shutil

import numpy as np

from tests.conftest import FIXTURES, ROOT

FURNITURE = ROOT / "tests" / "fixtures" / "furniture"
QUESTION = "How many rounds does the OrbitWorks SRE loop have?"


def _fresh(coach):
    from coach.api import Coach

    fresh = Coach(coach.settings)
    fresh.__dict__["embedder"] = coach.embedder
    return fresh


def _spy_builds(monkeypatch) -> list[bool]:
    """Records, for every build_structure call, whether it was from scratch (no previous index)."""
    from coach import retrieval

    calls: list[bool] = []
    real = retrieval.build_structure

    def build(library, generation, previous=None, changed=None):
        calls.append(previous is None or changed is None)
        return real(library, generation, previous, changed)

    monkeypatch.setattr(retrieval, "build_structure", build)
    return calls


def _index(coach):
    return coach.ask_chain.structure.get(coach.library, coach.ask_chain.vectors)


def _same_as_a_build(index, library, caught_up: bool = False) -> None:
    """``index`` equals a build from scratch; one caught up per changed document lists the changed documents'
    chunks after the others under a shared heading (as a running process's update does)."""
    from coach.retrieval import build_structure

    want = build_structure(library, library.generation)
    assert index.generation == want.generation
    assert index.entries == want.entries and index.row == want.row

    def listed(m: dict) -> dict:
        return {k: sorted(v) for k, v in m.items()} if caught_up else m

    assert listed(index.chunks_of) == listed(want.chunks_of)
    assert listed(index.entries_of_chunk) == listed(want.entries_of_chunk)
    assert index.per_doc == want.per_doc and index.words_of == want.words_of
    assert index.order_of == want.order_of and index.place == want.place
    assert index.vocabulary.counts == want.vocabulary.counts
    assert index.vocabulary.stem_counts == want.vocabulary.stem_counts
    assert index.vocabulary.stems == want.vocabulary.stems
    assert set(index.vocabulary.words) <= set(want.vocabulary.words)  # only words with a vector are kept


def test_a_new_process_reuses_the_saved_structure_index_and_catches_up(make_coach, monkeypatch):
    from coach.retrieval import load_structure_index
    from coach.store.structure import STRUCTURE_FILE, load_structure

    coach = make_coach()
    coach.ingest([FIXTURES])
    expected = coach.ask(QUESTION).answer
    path = coach.settings.home / "structure" / STRUCTURE_FILE
    assert path.exists()  # the first question of a process saves what it built
    saved_gen = load_structure(path)[0]["generation"]
    assert saved_gen == coach.library.generation

    builds = _spy_builds(monkeypatch)
    fresh = _fresh(coach)
    assert fresh.ask(QUESTION).answer == expected and "6 rounds" in expected
    assert builds == [False]  # started from the saved index: no scan of every chunk
    _same_as_a_build(_index(fresh), fresh.library)
    assert path.stat().st_size and load_structure(path)[0]["generation"] == saved_gen  # nothing changed: not rewritten

    # another writer adds documents and replaces one; the next process catches up those documents only
    coach.ingest([FURNITURE])
    _, _, changed = load_structure_index(coach.library)
    assert changed and len(changed) == 3
    builds.clear()
    later = _fresh(coach)
    answer = later.ask("How many rounds does the Quillstack TPM loop have?").answer
    assert "5 rounds" in answer and builds == [False]
    _same_as_a_build(_index(later), later.library, caught_up=True)
    assert load_structure(path)[0]["generation"] == later.library.generation  # saved again, caught up
    a = _index(later)
    builds.clear()
    b = _index(_fresh(coach))  # the next process loads what ``later`` saved: exactly a build from scratch
    assert builds == [False]
    _same_as_a_build(b, coach.library)
    assert np.allclose(a.matrix, b.matrix, atol=1e-6)  # eager heading rows equal


def test_a_damaged_foreign_or_stale_structure_file_is_rebuilt(make_coach, tmp_path, monkeypatch):
    from coach import retrieval
    from coach.store.structure import STRUCTURE_FILE, load_structure

    coach = make_coach()
    coach.ingest([FIXTURES])
    coach.ask(QUESTION)
    path = coach.settings.home / "structure" / STRUCTURE_FILE
    good = path.read_bytes()
    builds = _spy_builds(monkeypatch)

    def rebuilt_and_right() -> None:
        builds.clear()
        fresh = _fresh(coach)
        assert "6 rounds" in fresh.ask(QUESTION).answer
        assert builds[0] is True  # from scratch
        _same_as_a_build(_index(fresh), fresh.library)
        assert load_structure(path) is not None and load_structure(path)[0]["generation"] == fresh.library.generation

    path.write_bytes(good[: len(good) // 2])  # cut short (a crash mid-copy, a full disk)
    rebuilt_and_right()
    path.write_bytes(b"not an index")
    rebuilt_and_right()

    # another library's file, copied over (its catalog is another file)
    other = make_coach(home=tmp_path / "other")
    other.ingest([FURNITURE / "quillstack_pm_vs_tpm.md"])
    other.ask("How many rounds does the Quillstack TPM loop have?")
    shutil.copyfile(other.settings.home / "structure" / STRUCTURE_FILE, path)
    rebuilt_and_right()

    # this library's file, but saved by code that derived the parts differently
    monkeypatch.setattr(retrieval, "_structure_code", lambda: "other code")
    path.write_bytes(good)
    rebuilt_and_right()


def test_a_saved_index_missing_documents_is_rebuilt(make_coach, monkeypatch):
    """A file whose stamp matches but whose documents are not the library's (written by hand, or by a bug) is not
    trusted: the caught-up index must cover exactly the catalog's documents and chunks."""
    from coach.retrieval import _structure_stamp
    from coach.store.structure import STRUCTURE_FILE, load_structure, save_structure

    coach = make_coach()
    coach.ingest([FIXTURES])
    coach.ask(QUESTION)
    path = coach.settings.home / "structure" / STRUCTURE_FILE
    stamp, docs, _ = load_structure(path)
    first = next(iter(docs))
    save_structure(path, _structure_stamp(coach.library, stamp["generation"]), {first: docs[first]})
    builds = _spy_builds(monkeypatch)
    fresh = _fresh(coach)
    assert "6 rounds" in fresh.ask(QUESTION).answer
    assert builds == [False, True]  # tried the saved one, found it incomplete, built from scratch
    _same_as_a_build(_index(fresh), fresh.library)
