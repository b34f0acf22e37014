"""What retrieval relies on in the store: the text-vector cache write (real catalog)."""
from __future__ import annotations

import sqlite3

import numpy as np
import pytest


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
