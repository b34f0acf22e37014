"""Chunk neighbourhood: an answer that sits in the window beside the one matching the question's words is found.

Real embedding model, real Chroma, real BM25. The article below is fictional, written for these tests.
"""
from __future__ import annotations

from coach.models import Chunk
from coach.retrieval import Signals, fuse

PUZZLES = """# Practice Puzzles for the Orvanta Coding Round

Fictional article written for Interview Coach's tests.

## Array puzzles

Puzzle 1: Lantern rotation. Rotate the lantern list k places to the right without building a second list. \
Reverse the whole list, then each of its two parts.

Puzzle 2: Quiet streak. Given the hourly noise readings of a street, report the length of the longest stretch of \
consecutive hours below a limit.

The Pell sweep settles it in one pass: keep the current run and the best run so far, reset the current run at \
every loud hour, and never look back. It needs constant memory.

Puzzle 3: Ferry pairs. Count the pairs of passengers whose weights add up to the ferry's limit. A set of the \
weights seen so far answers each lookup at once.

## Graph puzzles

Puzzle 4: Bridge audit. Given the roads of a small island, list the roads whose closure would cut it in two. \
Track each town's discovery time and the earliest town it can reach back to.

## Behavioural notes

Speak before you type: the Orvanta interviewers grade how you explain a plan as much as the code itself.
"""


def _chunk(cid: str, position: int, text: str) -> Chunk:
    return Chunk(id=cid, doc_id="d", text=text, title="T", path="d.md", section="S", position=position)


def test_a_chunk_beside_a_strong_match_rises_above_an_unrelated_one():
    """Fusion alone: ``b`` is weaker on its own than ``c`` but follows the best match ``a`` in its article."""
    chunks = {cid: _chunk(cid, i, cid) for i, cid in enumerate("abc")}
    signals = Signals(query="q", lexical_query="q", chunks=chunks, kept=set(chunks),
                      dense=[("a", 0.80), ("c", 0.50), ("b", 0.45)], lexical=[], structure={}, strong=[],
                      answer=[], neighbours={"a": ["b"], "b": ["a"], "c": []})
    order = [h.chunk.id for h in fuse(signals)]
    assert order == ["a", "b", "c"], order
    # Without a neighbour the order is the chunks' own evidence.
    alone = Signals(**{**signals.__dict__, "neighbours": {}})
    assert [h.chunk.id for h in fuse(alone)] == ["a", "c", "b"]


def test_the_window_after_the_matching_one_is_retrieved(make_coach, tmp_path):
    """The question matches Puzzle 2's statement; its answer (the Pell sweep) is in the next window."""
    coach = make_coach(chunk_size=260)
    path = tmp_path / "orvanta_puzzles.md"
    path.write_text(PUZZLES, encoding="utf-8")
    coach.ingest([path])
    retriever = coach.ask_chain.retriever()
    chunks = coach.library.all_chunks()
    statement = next(c for c in chunks if "hourly noise readings" in c.text)
    answer = next(c for c in chunks if "Pell sweep" in c.text)
    assert statement.id != answer.id and "noise" not in answer.text  # the windows split them
    index = retriever.structure()
    assert answer.id in index.neighbours(statement.id) and statement.id in index.neighbours(answer.id)
    # Each signal contributes only its single best match: the answer window is reached only as its neighbour.
    narrow = retriever.model_copy(update={"fetch_k": 1})
    question = "What's the quickest way to get the longest stretch of quiet hours from hourly noise readings?"
    signals = narrow.signals(question)
    assert answer.id not in {cid for cid, _ in signals.dense} | {cid for cid, _ in signals.lexical[:1]}
    top = [h.chunk.id for h in narrow.search(question)[:3]]
    assert top[0] == statement.id and answer.id in top, top


def test_neighbours_follow_library_changes(make_coach, tmp_path):
    coach = make_coach(chunk_size=260)
    path = tmp_path / "orvanta_puzzles.md"
    path.write_text(PUZZLES, encoding="utf-8")
    coach.ingest([path])
    index = coach.ask_chain.retriever().structure()
    before = [c.id for c in sorted(coach.library.all_chunks(), key=lambda c: c.position)]
    assert index.neighbours(before[0]) == [before[1]] and index.neighbours(before[-1]) == [before[-2]]
    # Rewritten: the old chunks are gone from the neighbourhood and the new ones are linked in order.
    path.write_text(PUZZLES.replace("## Graph puzzles", "## Tree puzzles\n\nPuzzle 5: Mirror a tree.\n\n"
                                    "## Graph puzzles"), encoding="utf-8")
    coach.ingest([path])
    index = coach.ask_chain.retriever().structure()
    after = [c.id for c in sorted(coach.library.all_chunks(), key=lambda c: c.position)]
    gone = set(before) - set(after)
    assert all(index.neighbours(cid) == [] for cid in gone)
    for i, cid in enumerate(after):
        assert index.neighbours(cid) == [after[j] for j in (i - 1, i + 1) if 0 <= j < len(after)]
