"""The ingest pipeline end to end: real parsing, real model, real Chroma, real SQLite."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SEED

NOISE = ["Valenx Press", "3 min read", "Share:", "Back to Blog", "amazon.com/dp", "B0GWWJQ2S3"]


def _copy_articles(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, dest / SEED.name)
    shutil.copy(SEED.with_name(SEED.name + ".meta.json"), dest / (SEED.name + ".meta.json"))
    for f in FIXTURES.iterdir():
        shutil.copy(f, dest / f.name)
    return dest


def _ids(coach) -> tuple[list[str], list[str]]:
    catalog = sorted(coach.library.catalog.chunk_ids())
    vectors = sorted(coach.library._all_vector_ids())
    return catalog, vectors


def test_seed_library_structure_and_no_noise(make_coach):
    coach = make_coach()
    report = coach.ingest([SEED])
    assert report.added == [os.path.relpath(SEED, Path.cwd())] or report.added[0].endswith(SEED.name)
    summary = coach.library_summary()
    assert [(i.mistake, i.roles) for i in summary.rubric] == [
        ("Overemphasizing ML model development in MLE interviews.", ["Machine Learning Engineer"]),
        ("Ignoring system design concepts in Applied Scientist interviews.", ["Applied Scientist"]),
        ("Failing to practice whiteboarding exercises.", []),
    ]
    assert {(q.text, q.role) for q in summary.questions} == {
        ("How would you deploy a recommender model?", "Applied Scientist"),
        ("Design a system to train and deploy multiple ML models.", "Machine Learning Engineer"),
    }
    assert summary.companies == ["Amazon"]
    assert "Seed article" in summary.documents[0].source  # the provenance note from the corpus sidecar
    assert {r.name for r in summary.roles} == {"Applied Scientist", "Machine Learning Engineer"}
    stored = [m["embed_text"] for m in coach.library.collection.get(include=["metadatas"])["metadatas"]]
    chunks = [c.text for c in coach.library.all_chunks()] + stored
    assert chunks
    for text in chunks:
        for noise in NOISE:
            assert noise not in text, (noise, text)
    kinds = {c.kind for c in coach.library.all_chunks()}
    assert {"faq", "checklist", "rubric", "tldr", "body"} <= kinds
    assert coach.library.consistency()["orphans"] == 0


def test_reingest_is_idempotent_edit_replaces_only_that_document_and_prune_removes_it(make_coach, tmp_path):
    folder = _copy_articles(tmp_path / "articles")
    coach = make_coach()
    first = coach.ingest([folder])
    assert len(first.added) == 3 and not first.skipped
    ids_first = _ids(coach)
    assert ids_first[0] == ids_first[1] and len(ids_first[0]) == first.chunks
    for _ in range(3):
        again = coach.ingest([folder])
        assert len(again.unchanged) == 3 and not again.added and not again.updated
        assert _ids(coach) == ids_first

    md = folder / "nimbusfin_data_scientist_vs_data_engineer.md"
    by_doc_before = {d.path: set(coach.library.catalog.chunk_ids(d.doc_id)) for d in coach.library.documents()}
    md.write_text(md.read_text(encoding="utf-8").replace("## TL;DR", "## TL;DR\n\nEdited for the test: the DS loop "
                                                          "now ends with a 30-minute case review.\n", 1), encoding="utf-8")
    edited = coach.ingest([folder])
    assert edited.updated == [str(md.resolve())] and len(edited.unchanged) == 2
    by_doc_after = {d.path: set(coach.library.catalog.chunk_ids(d.doc_id)) for d in coach.library.documents()}
    for path, ids in by_doc_before.items():
        if path == str(md.resolve()):
            assert by_doc_after[path] != ids
            assert any("30-minute case review" in c.text for c in coach.library.all_chunks())
        else:
            assert by_doc_after[path] == ids
    catalog, vectors = _ids(coach)
    assert catalog == vectors  # the replaced chunks left no orphan vectors

    md.unlink()
    pruned = coach.ingest([folder], prune=True)
    assert pruned.removed == [str(md.resolve())]
    summary = coach.library_summary()
    assert all("NimbusFin" not in d.title for d in summary.documents)
    assert all(i.source != "" and "NimbusFin" not in i.source for i in summary.rubric)
    assert len(summary.rubric) == 3 + 5  # the seed's and OrbitWorks' items remain
    catalog, vectors = _ids(coach)
    assert catalog == vectors and not (by_doc_after[str(md.resolve())] & set(catalog))


def test_bad_files_are_named_with_a_reason_and_the_rest_is_ingested(make_coach, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    (folder / "empty.md").write_text("")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 4)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "latin.txt").write_bytes("Caf\xe9 interviews \x80\x81\x82\xff\xfe".encode("latin-1"))
    report = make_coach().ingest([folder])
    assert [Path(p).name for p in report.added] == ["good.txt"]
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) >= {"empty.md", "binary.md", "notes.docx"}
    assert "empty" in reasons["empty.md"].lower()
    assert "binary" in reasons["binary.md"].lower()
    assert "unsupported" in reasons["notes.docx"].lower()
    for reason in reasons.values():
        assert reason and "Traceback" not in reason


def _cli(args, home, **kw):
    env = dict(os.environ, COACH_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "coach.cli", *args], env=env, cwd=ROOT, text=True,
                          capture_output=True, timeout=300, **kw)


def test_cli_ingest_library_json_and_exit_codes(tmp_path):
    home = tmp_path / "home"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "broken.md").write_bytes(b"\x00\x01\x02binary")
    done = _cli(["ingest", str(folder)], home)
    assert done.returncode == 3, done.stderr  # something was skipped
    assert "broken.md" in done.stderr and "Traceback" not in done.stderr
    assert "1 added" in done.stdout and "3 rubric items" in done.stdout and "2 practice questions" in done.stdout
    lib = _cli(["library", "--json"], home)
    assert lib.returncode == 0, lib.stderr
    data = json.loads(lib.stdout)
    assert [d["chunks"] > 0 for d in data["documents"]] == [True]
    assert {q["role"] for q in data["questions"]} == {"Applied Scientist", "Machine Learning Engineer"}
    assert len(data["rubric"]) == 3 and data["embedding_model"] == "all-MiniLM-L6-v2"


def test_index_built_with_another_model_is_refused(make_coach, tmp_path):
    coach = make_coach()
    coach.ingest([SEED])
    other = make_coach(embedding_model="some-other-model")
    with pytest.raises(Exception) as err:
        other.library_summary()
    assert "all-MiniLM-L6-v2" in str(err.value) and "--rebuild" in str(err.value)


def test_corrupted_catalog_gives_a_clear_error_and_rebuild_recovers(tmp_path):
    home = tmp_path / "home"
    assert _cli(["ingest", str(SEED)], home).returncode == 0
    for extra in ("-wal", "-shm"):
        Path(str(home / "catalog.sqlite3") + extra).unlink(missing_ok=True)
    (home / "catalog.sqlite3").write_bytes(b"this is not a database" * 100)
    broken = _cli(["library"], home)
    assert broken.returncode == 1
    assert str(home / "catalog.sqlite3") in broken.stderr and "--rebuild" in broken.stderr
    assert "Traceback" not in broken.stderr and len(broken.stderr.strip().splitlines()) == 1
    fixed = _cli(["ingest", "--rebuild", str(SEED)], home)
    assert fixed.returncode == 0, fixed.stderr
    assert "1 added" in fixed.stdout


def test_one_file_is_one_document_from_any_working_directory(make_coach, tmp_path, monkeypatch):
    """The seed ingested from the project root and again from elsewhere is one document under one id, and a prune
    run from elsewhere keeps it (its stored path is the project's, not the working directory's)."""
    coach = make_coach()
    monkeypatch.chdir(ROOT)
    first = coach.ingest([SEED])
    monkeypatch.chdir(tmp_path)
    again = coach.ingest([SEED.resolve()], prune=True)
    assert first.added == [str(SEED.resolve().relative_to(ROOT))]
    assert again.unchanged == first.added and not again.added and not again.removed and not again.skipped
    assert [d.path for d in coach.library.documents()] == first.added


def test_a_copy_of_a_stored_article_is_skipped_with_the_original_named(make_coach, tmp_path):
    """Two files with the same text would double every citation: the second is skipped and says which file holds
    the text; once that file is gone, the copy is where it moved and is stored."""
    coach = make_coach()
    article = next(f for f in sorted(FIXTURES.iterdir()) if f.suffix == ".md")
    original, copy = tmp_path / "original.md", tmp_path / "saved-again.md"
    shutil.copy(article, original)
    shutil.copy(article, copy)
    first = coach.ingest([original])
    second = coach.ingest([copy])
    assert first.added == [str(original.resolve())] and not second.added
    assert [(s.path, s.reason) for s in second.skipped] == [
        (str(copy.resolve()), f"its text is already in the library as {original.resolve()}; not stored twice")]
    assert len(coach.library.documents()) == 1
    original.unlink()
    moved = coach.ingest([copy], prune=True)
    assert moved.added == [str(copy.resolve())] and moved.removed == [str(original.resolve())]
    assert [d.path for d in coach.library.documents()] == [str(copy.resolve())]


def test_two_copies_in_one_run_store_one(make_coach, tmp_path):
    """The copy check also compares with what this same run stored: two files with one text ingested together (a
    folder holding an article twice) are one document, and the later file names the earlier."""
    coach = make_coach()
    article = next(f for f in sorted(FIXTURES.iterdir()) if f.suffix == ".md")
    folder = tmp_path / "both"
    folder.mkdir()
    first, second = folder / "a-original.md", folder / "b-saved-again.md"
    shutil.copy(article, first)
    shutil.copy(article, second)
    report = coach.ingest([folder])
    assert report.added == [str(first.resolve())]
    assert [(s.path, s.reason) for s in report.skipped] == [
        (str(second.resolve()), f"its text is already in the library as {first.resolve()}; not stored twice")]
    assert len(coach.library.documents()) == 1
