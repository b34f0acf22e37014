"""What retrieval relies on in the store: BM25 word stems and the text-vector cache write (real catalog, real BM25)."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from coach.store.bm25 import tokenize


def test_a_word_and_its_plural_or_past_form_meet_in_bm25(make_coach, tmp_path):
    assert tokenize("resume") == tokenize("resumes") and tokenize("prepare") == tokenize("prepared")
    article = tmp_path / "plural.md"
    article.write_text("# Zorvane Interview Notes\n\nFictional article written for Interview Coach's tests.\n\n"
                       "## Paperwork\n\nRecruiters at Zorvane skim resumes in under a minute, so keep them short.\n\n"
                       "## Travel\n\nThe onsite day at Zorvane starts at nine and ends with a team lunch.\n")
    coach = make_coach()
    coach.ingest([article])
    hits = coach.library.bm25_search("resume", 5)
    assert hits and "skim resumes" in coach.library.get_chunks([hits[0][0]])[0].text


def test_text_vector_write_skips_only_a_catalog_it_cannot_write_now(make_coach):
    library = make_coach().library
    vec = np.ones((1, 4), dtype=np.float32)
    other = sqlite3.connect(str(library.catalog.path), isolation_level=None)
    library.catalog._db.execute("PRAGMA busy_timeout=0")  # do not wait 30 s for the other writer
    other.execute("BEGIN IMMEDIATE")
    try:
        library.put_text_vectors(["locked"], vec)  # another process's write holds the catalog: skipped, no error
    finally:
        other.execute("ROLLBACK")
    library.put_text_vectors(["free"], vec)
    stored = dict(library.catalog._query("SELECT text, vector FROM text_vectors"))
    assert "free" in stored and "locked" not in stored
    other.execute("DROP TABLE text_vectors")  # a damaged catalog is a fault to report, not a write to skip
    other.close()
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        library.put_text_vectors(["broken"], vec)
