"""Section subject: between sibling sections of one article, the one whose heading and opening sentence are about
what the question asks ranks above a sibling that only mentions it in passing.

Real embedding model, real Chroma, real BM25. The article below is fictional, written for these tests.
"""
from __future__ import annotations

from coach.models import Chunk
from coach.retrieval import Signals, evidence, fuse

PORTFOLIO = """# Applying to the Velmora Studio Design Team

Fictional article written for Interview Coach's tests.

## Your portfolio

A portfolio for the Velmora studio should show three finished projects, each with the brief, the sketches and the \
shipped result. Keep every project to a single scrolling page.

## Your introduction email

The introduction email says who you are and why the studio's work matters to you. Name one Velmora project you \
admired and what you learned from it. Like your portfolio, the email should fit on a single screen, and it should \
end with a link to your portfolio and three finished projects.
"""


def _chunk(cid: str, doc: str, section: str) -> Chunk:
    return Chunk(id=cid, doc_id=doc, text=cid, title="T", path=f"{doc}.md", section=section)


def test_subject_evidence_is_relative_to_the_best_sibling_section():
    """Fusion alone: the chunk of the article's best-matching section keeps its score, a sibling section's chunk
    loses the weighted gap, and a chunk of another article (its only section) loses nothing."""
    chunks = {"a": _chunk("a", "d", "A"), "b": _chunk("b", "d", "B"), "c": _chunk("c", "e", "C")}
    signals = Signals(query="q", lexical_query="q", chunks=chunks, kept=set(chunks),
                      dense=[("b", 0.62), ("a", 0.60), ("c", 0.45)], lexical=[], structure={}, strong=[], answer=[],
                      subject={"a": 0.70, "b": 0.40, "c": 0.20})
    parts = evidence(signals)
    assert parts["a"]["subject"] == 0.0 and parts["c"]["subject"] == 0.0
    assert parts["b"]["subject"] < 0.0
    assert [h.chunk.id for h in fuse(signals)] == ["a", "b", "c"]
    # Without the subject evidence the passing mention wins.
    alone = Signals(**{**signals.__dict__, "subject": {}})
    assert [h.chunk.id for h in fuse(alone)] == ["b", "a", "c"]


def test_the_section_about_the_asked_thing_outranks_a_sibling_mentioning_it(make_coach, tmp_path):
    """The introduction email's section repeats the portfolio's words ("three finished projects", "single") in
    passing; the question is about the portfolio, and its own section ranks first."""
    coach = make_coach()
    path = tmp_path / "velmora_design.md"
    path.write_text(PORTFOLIO, encoding="utf-8")
    coach.ingest([path])
    retriever = coach.ask_chain.retriever()
    chunks = coach.library.all_chunks()
    portfolio = next(c for c in chunks if c.section == "Your portfolio")
    email = next(c for c in chunks if c.section == "Your introduction email")
    question = "How many finished projects should my design portfolio show?"
    signals = retriever.signals(question)
    assert signals.subject[portfolio.id] > signals.subject[email.id]
    parts = evidence(signals)
    assert parts[portfolio.id]["subject"] == 0.0 and parts[email.id]["subject"] < 0.0
    hits = [h.chunk.id for h in retriever.search(question)]
    assert hits.index(portfolio.id) < hits.index(email.id), hits
