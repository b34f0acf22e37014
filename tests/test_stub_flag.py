"""Placeholder and lone lead-in chunks are flagged once, at ingest (``Chunk.stub``); retrieval reads the flag instead
of judging every candidate's text on every question, and a library stored before the flag existed still skips them
(real parser, real catalog, real Chroma, real model)."""
from __future__ import annotations

import sqlite3

from tests.test_retrieval_evidence import STUBS

PLACEHOLDERS = {"Answer here", "I recommend using these tools to compare your offers:"}


def test_chunks_are_flagged_at_ingest(tmp_path):
    from ingest.chunking import chunk_article
    from ingest.parse import parse_file

    (tmp_path / "orlenza.md").write_text(STUBS, encoding="utf-8")
    chunks = chunk_article(parse_file(tmp_path / "orlenza.md"))
    assert {c.text for c in chunks if c.stub} == PLACEHOLDERS
    assert all(c.stub is False for c in chunks if c.text not in PLACEHOLDERS)


def test_retrieval_reads_the_flag_and_flags_unflagged_chunks_once():
    from coach.models import Chunk
    from coach.retrieval import is_stub

    def chunk(text, stub=None):
        return Chunk(id="x", doc_id="d", text=text, title="t", path="p", stub=stub)

    # the stored flag decides, whatever the text looks like now
    assert is_stub(chunk("A committee of four senior engineers decides.", stub=True))
    assert not is_stub(chunk("Answer here", stub=False))
    # a chunk stored before the flag existed is judged by its text, and keeps the verdict
    old = chunk("Answer here")
    assert is_stub(old) and old.stub is True
    body = chunk("A committee of four senior engineers decides.")
    assert not is_stub(body) and body.stub is False


def test_stub_flags_are_stored_and_a_library_from_before_the_flag_still_skips_stubs(make_coach, tmp_path):
    coach = make_coach()
    (tmp_path / "orlenza.md").write_text(STUBS, encoding="utf-8")
    coach.ingest([tmp_path / "orlenza.md"])
    stored = {c.text: c.stub for c in coach.library.all_chunks()}
    assert {t for t, s in stored.items() if s} == PLACEHOLDERS and all(s is not None for s in stored.values())

    # The same library as an older version wrote it: no flag in the stored chunks.
    with sqlite3.connect(coach.settings.catalog_path) as db:
        db.execute("UPDATE chunks SET chunk_json = json_remove(chunk_json, '$.stub')")
    reopened = make_coach()
    assert all(c.stub is None for c in reopened.library.all_chunks())
    hits = reopened.ask_chain.retriever().search("Who decides the hiring bar at Orlenza?")
    assert hits and hits[0].chunk.section == "Hiring committee"
    assert not PLACEHOLDERS & {h.chunk.text for h in hits}
