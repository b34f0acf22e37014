"""Extractive composition with the real embedding model over chunks of the seed article."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.compose import Hit, SentenceEmbeddings, compose
from coach.guard import unsupported_numbers

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_bb54feeca4c3cc0b.txt"


@pytest.fixture(scope="module")
def seed_article():
    from ingest.chunking import chunk_article
    from ingest.parse import parse_file

    article = parse_file(SEED, doc_id="seed", sha256="0")
    return article, chunk_article(article)


def _compose(embedder, seed_article, question, pick=None):
    article, chunks = seed_article
    vectors = SentenceEmbeddings(embedder)
    qv = vectors.encode([question])[0]
    chosen = [c for c in chunks if pick is None or pick(c)]
    cv = vectors.encode([c.text for c in chosen])
    order = sorted(range(len(chosen)), key=lambda i: -float(cv[i] @ qv))
    hits = [Hit(chunk=chosen[i], score=1.0 / (1 + r), dense=float(cv[i] @ qv)) for r, i in enumerate(order)]
    return compose(question, hits, vectors, qv, article.roles, [article.company])


def test_pay_question_quotes_the_money_sentence_with_a_citation(embedder, seed_article):
    out = _compose(embedder, seed_article, "What does an Amazon MLE earn?")
    assert "$170,000 to $250,000" in out.text
    assert re.search(r"\[1\]", out.text) and out.sources[0].n == 1
    assert 1 <= len(out.sentences) <= 4
    assert unsupported_numbers(out.text, out.sources) == []


def test_duration_and_count_cues(embedder, seed_article):
    assert "3-6 weeks" in _compose(embedder, seed_article, "How long is the Amazon MLE hiring process?").text
    assert "5-6 rounds" in _compose(embedder, seed_article, "How many rounds does an Amazon MLE loop have?").text


def test_a_comparison_covers_both_roles(embedder, seed_article):
    out = _compose(embedder, seed_article, "How does system design differ for Applied Scientists and MLEs?")
    assert "Applied Scientist" in out.text and "MLE" in out.text
    assert "deploying ML models" in out.text and "large-scale ML systems" in out.text


def test_every_marker_points_into_sources_and_sentences_are_verbatim(embedder, seed_article):
    article, chunks = seed_article
    out = _compose(embedder, seed_article, "What should I avoid in the MLE interview at Amazon?")
    numbers = {s.n for s in out.sources}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", out.text)} == numbers
    assert [s.n for s in out.sources] == list(range(1, len(out.sources) + 1))
    for sentence in out.sentences:
        # A BAD/GOOD pair is shown as "Mistake to avoid: <bad> Better: <good>"; each half is the article's text.
        halves = re.split(r"^Mistake to avoid: | Better: |^Better: ", sentence)
        for half in filter(None, halves):
            assert any(half in c.text for c in chunks), half
    assert not any(s.rstrip().endswith("?") for s in out.sentences)  # never answers with a heading
    assert "BAD:" not in out.text and "GOOD:" not in out.text


def test_nothing_to_compose_gives_an_empty_answer(embedder, seed_article):
    out = _compose(embedder, seed_article, "anything", pick=lambda c: False)
    assert out.text == "" and out.sources == []
