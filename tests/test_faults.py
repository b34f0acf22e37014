"""Faults: a killed ingest, a damaged or locked index. Real processes, real files."""
from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.ingest import make_corpus
from tests.conftest import ROOT, SEED


def _cli(args, home, timeout=300, **env):
    return subprocess.run([sys.executable, "-m", "coach.cli", *args], cwd=ROOT, text=True, capture_output=True,
                          timeout=timeout, env=dict(os.environ, COACH_HOME=str(home), **env))


def _documents(home: Path) -> int:
    try:
        with sqlite3.connect(home / "catalog.sqlite3", timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_during_ingest_leaves_no_duplicate_or_orphan_chunks(make_coach, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_corpus(corpus, 10)  # 30 articles: the ingest writes in several batches
    files = len(list(corpus.iterdir()))
    home = tmp_path / "home"
    left_partial = []  # documents committed when each kill landed
    for wanted in (1, 12):  # kill once early, once after some documents are committed
        proc = subprocess.Popen([sys.executable, "-m", "coach.cli", "ingest", str(corpus)], cwd=ROOT,
                                env=dict(os.environ, COACH_HOME=str(home)), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 240
        while proc.poll() is None and _documents(home) < wanted and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            left_partial.append(_documents(home))
        proc.wait()
    # A fast machine may finish the resumed ingest before the second kill; one kill mid-ingest is what the test needs.
    assert any(n < files for n in left_partial), \
        f"no kill landed mid-ingest (documents at each kill: {left_partial}); the test proves nothing"

    done = _cli(["ingest", str(corpus)], home)
    assert done.returncode == 0, done.stderr
    coach = make_coach(home=home)
    state = coach.library.consistency()
    assert state["orphans"] == 0 and state["missing"] == 0
    assert state["catalog_chunks"] == state["vectors"]
    assert len(coach.library.documents()) == files
    docs = coach.library.document_collection.get(include=[])["ids"]
    assert sorted(docs) == sorted(d.doc_id for d in coach.library.documents())
    again = coach.ingest([corpus])
    assert len(again.unchanged) == files and coach.library.consistency() == state


def test_damaged_vector_index_names_the_path_and_the_fix(tmp_path):
    home = tmp_path / "home"
    assert _cli(["ingest", str(SEED)], home).returncode == 0
    for f in (home / "chroma").rglob("*"):
        if f.is_file():
            f.write_bytes(b"\x00garbage" * 64)
    broken = _cli(["ingest", str(SEED), str(SEED.parent)], home)
    assert broken.returncode == 1, broken.stdout
    assert str(home / "chroma") in broken.stderr and "--rebuild" in broken.stderr
    assert "Traceback" not in broken.stderr
    fixed = _cli(["ingest", "--rebuild", str(SEED)], home)
    assert fixed.returncode == 0, fixed.stderr


def test_locked_library_is_a_clear_error_not_a_hang(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with open(home / "write.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("process 4242 (test)")
        handle.flush()
        started = time.monotonic()
        locked = _cli(["ingest", str(SEED)], home, COACH_LOCK_TIMEOUT="1")
        assert time.monotonic() - started < 120
    assert locked.returncode == 1
    assert "locked" in locked.stderr and str(home) in locked.stderr and "Traceback" not in locked.stderr
    assert _cli(["ingest", str(SEED)], home).returncode == 0
