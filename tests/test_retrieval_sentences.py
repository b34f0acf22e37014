"""Sentence-level evidence: a chunk whose one sentence answers the question closely is not outranked because its
other sentences are about other things (a chunk's single vector averages them).

Real embedding model, real Chroma, real BM25. The article below is fictional, written for these tests.
"""
from __future__ import annotations

import coach.retrieval as retrieval
from coach.models import Chunk
from coach.retrieval import Signals, chunk_units, fuse

HANDBOOK = """# Orvanta Platform Team Handbook

Fictional article written for Interview Coach's tests.

## Team rituals

The platform team meets every morning at nine for a fifteen-minute stand-up. Sprint planning happens on the first \
Monday of each fortnight and lasts two hours. Design reviews are booked through the shared calendar and need two \
reviewers. On-call engineers hand over the pager on Wednesdays after lunch. New joiners pair with a buddy for their \
first month. Every Friday the team lead emails a two-line digest of the features shipped that week to the whole \
company.

## Company updates

The Orvanta bulletin covers office moves, hiring news and charity events. It is published on the intranet.

## Tooling

Builds run on the shared cluster and take about twelve minutes. Flaky tests are quarantined by the release captain.
"""
QUESTION = "How does the company hear about newly shipped features?"


def _chunk(cid: str, position: int) -> Chunk:
    return Chunk(id=cid, doc_id="d", text=cid, title="T", path="d.md", section="S", position=position)


def test_a_closely_matching_sentence_lifts_its_chunk():
    """Fusion alone: ``a`` is the weaker chunk as a whole, but one of its sentences matches far better than any of
    ``b``'s."""
    chunks = {cid: _chunk(cid, i) for i, cid in enumerate("ab")}
    signals = Signals(query="q", lexical_query="q", chunks=chunks, kept=set(chunks),
                      dense=[("b", 0.50), ("a", 0.45)], lexical=[], structure={}, strong=[], answer=[],
                      sentence={"a": 0.80, "b": 0.52})
    assert [h.chunk.id for h in fuse(signals)] == ["a", "b"]
    # The chunk's own cosine stays what the hit reports as dense (refusal thresholds read it).
    assert {h.chunk.id: h.dense for h in fuse(signals)} == {"a": 0.45, "b": 0.50}
    assert [h.chunk.id for h in fuse(Signals(**{**signals.__dict__, "sentence": {}}))] == ["b", "a"]


def test_units_are_the_sentences_with_a_statement():
    text = "Tips:\nUse Arial.\nKeep the resume to one page whenever you can.\nKeep the resume to one page whenever you can."
    assert chunk_units(text) == ["Keep the resume to one page whenever you can."]


def test_the_chunk_holding_the_answering_sentence_ranks_first(make_coach, tmp_path, monkeypatch):
    coach = make_coach()
    path = tmp_path / "orvanta_handbook.md"
    path.write_text(HANDBOOK, encoding="utf-8")
    coach.ingest([path])
    chunks = coach.library.all_chunks()
    rituals = next(c for c in chunks if "two-line digest" in c.text)
    # Sentence vectors are stored at ingest: no answer waits for them.
    units = [u for c in chunks for u in chunk_units(c.text)]
    assert units and set(coach.library.text_vectors(units)) == set(units)
    retriever = coach.ask_chain.retriever()
    assert retriever.search(QUESTION)[0].chunk.id == rituals.id
    # Without the sentence evidence the short chunk about the company bulletin wins on the whole-chunk vector.
    monkeypatch.setitem(retrieval.WEIGHTS, "sentence", 0.0)
    assert coach.ask_chain.retriever().search(QUESTION)[0].chunk.id != rituals.id


def test_a_library_without_stored_sentences_encodes_none_on_the_question_path(make_coach, tmp_path):
    """A library ingested before sentence vectors were stored: questions encode and store none (no answer stalls on
    a big library); its chunks are ranked without sentence evidence, on their own vectors."""
    coach = make_coach()
    path = tmp_path / "orvanta_handbook.md"
    path.write_text(HANDBOOK, encoding="utf-8")
    coach.ingest([path])
    units = [u for c in coach.library.all_chunks() for u in chunk_units(c.text)]
    with coach.library.catalog.transaction() as db:
        db.execute("DELETE FROM text_vectors")
    retriever = coach.ask_chain.retriever()
    signals = retriever.signals(QUESTION)
    assert signals.dense and not signals.sentence
    assert retriever.search(QUESTION)
    assert coach.library.text_vectors(units) == {}
