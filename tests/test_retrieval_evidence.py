"""Evidence for job-seeker phrasing: vocabulary bridging, neighbouring levels, off-domain questions judged by meaning.

Real embedding model, real Chroma, real BM25. The articles below are fictional, written for these tests.
"""
from __future__ import annotations

import pytest

LEVELS = """# Career Levels at Quillmark

Fictional article written for Interview Coach's tests.

## Senior Engineer

- **Scope**: Large features owned end to end.
- **Experience**: Typically 6+ years, with several shipped projects.

## Staff Engineer

- **Scope**: Projects that span several neighbouring teams.
- **Experience**: Typically 11+ years, often with deep expertise in one area.

## Senior Staff Engineer

- **Scope**: Multi-year programmes that shape the organisation.
- **Experience**: Typically 16+ years, leading org-wide technical strategy.
"""

RESUME = """# Writing a Resume for Zentara

Fictional article written for Interview Coach's tests.

## Fonts and sizes

Pick Verdana or Tahoma for the whole document and never go below 11 pt, so recruiters can read it on a laptop.

## Photos

Leave out photos of yourself: Zentara recruiters screen on skills alone.

## Length

Keep the document to one page unless you have more than ten years of experience.

## Referrals

A referral from a current Zentara employee moves your application to the front of the queue.
"""

# Shares words with the off-domain questions below ("sets", "build muscle", "best", "phone", "plan a budget").
STUDY = """# Study Habits for the Brindle Coding Interview

Fictional article written for Interview Coach's tests.

## Practice sets

Do 3 sets of 5 problems a day to build muscle memory for common patterns before the Brindle interview.

## Your setup

The best setup for the video round is a laptop on a charger; keep your phone on silent and out of reach.

## Planning

Plan a budget of about 40 hours of practice over the month before the interview.
"""


@pytest.fixture(scope="module")
def evidence_coach(tmp_path_factory, embedder):
    from coach.api import Coach
    from coach.settings import Settings

    folder = tmp_path_factory.mktemp("evidence-articles")
    (folder / "quillmark_levels.md").write_text(LEVELS, encoding="utf-8")
    (folder / "zentara_resume.md").write_text(RESUME, encoding="utf-8")
    (folder / "brindle_study.md").write_text(STUDY, encoding="utf-8")
    coach = Coach(Settings(home=tmp_path_factory.mktemp("evidence") / "home"))
    coach.__dict__["embedder"] = embedder
    report = coach.ingest([folder])
    assert not report.skipped, report.skipped
    return coach


def _top_sections(coach, question: str, n: int = 1) -> list[str | None]:
    return [h.chunk.section for h in coach.ask_chain.retriever().search(question)[:n]]


@pytest.mark.parametrize("question, section", [
    ("how many yrs do staff engineers usually have?", "Staff Engineer"),
    ("What experience does a senior engineer typically have?", "Senior Engineer"),
    ("How many years of experience does a senior staff engineer have?", "Senior Staff Engineer"),
])
def test_a_level_question_gets_that_level_not_its_neighbour(evidence_coach, question, section):
    """"Staff" sits inside "Senior Staff" and "Senior" inside it too: the section named exactly ranks first."""
    assert _top_sections(evidence_coach, question) == [section]


def test_question_words_the_library_never_uses_reach_its_own_words(evidence_coach):
    """"typeface" and "CV" occur in no article; their nearest library words ("fonts", "resume") do."""
    retriever = evidence_coach.ask_chain.retriever()
    vocabulary = retriever.structure().vocabulary
    question = "Which typeface is best for my CV?"
    assert {"typeface", "cv"} <= set(vocabulary.unknown(question))
    qv = evidence_coach.ask_chain.vectors.encode([question])[0]
    bridge = vocabulary.bridge(question, evidence_coach.ask_chain.vectors.encode, qv)
    assert {"fonts", "resume"} & set(bridge), bridge
    assert _top_sections(evidence_coach, question) == ["Fonts and sizes"]


def test_an_abbreviation_reaches_the_library_word_it_shortens(evidence_coach):
    chain = evidence_coach.ask_chain
    vocabulary = chain.retriever().structure().vocabulary
    question = "how many yrs do staff engineers usually have?"
    assert "yrs" in vocabulary.unknown(question)
    assert "years" in vocabulary.bridge(question, chain.vectors.encode, chain.vectors.encode([question])[0])


def test_vocabulary_follows_library_changes(evidence_coach, make_coach, tmp_path):
    coach = make_coach()
    first = tmp_path / "a.md"
    first.write_text("# Velmora Interviews\n\nFictional article written for Interview Coach's tests.\n\n"
                     "## Rounds\n\nThe Velmora loop has 4 rounds of pairing.\n", encoding="utf-8")
    coach.ingest([first])
    vocab = coach.ask_chain.retriever().structure().vocabulary
    assert "pairing" in vocab.words and vocab.matrix is not None and len(vocab.matrix) == len(vocab.words)
    assert vocab.unknown("Is there a whiteboard round?") == ["whiteboard"]
    second = tmp_path / "b.md"
    second.write_text("# Dornveil Interviews\n\nFictional article written for Interview Coach's tests.\n\n"
                      "## Whiteboard\n\nDornveil still runs a whiteboard round.\n", encoding="utf-8")
    coach.ingest([second])
    vocab = coach.ask_chain.retriever().structure().vocabulary
    assert "whiteboard" in vocab.words and vocab.unknown("Is there a whiteboard round?") == []


@pytest.mark.parametrize("question", [
    "How many sets should I do at the gym to build muscle?",
    "What's the best smartphone to buy this year?",
    "How do I plan a budget wedding?",
])
def test_off_domain_questions_are_refused_by_meaning(evidence_coach, question):
    """Each shares words with an article ("sets ... build muscle", "best ... phone", "plan a budget") and, but for
    one word, none is on the off-domain word list: what they are about decides."""
    from coach.scope import off_domain_terms

    assert not off_domain_terms(question.replace("gym", "").replace("smartphone", "").replace("wedding", ""))
    answer = evidence_coach.ask(question)
    assert not answer.grounded, answer.answer


@pytest.mark.parametrize("question", [
    "Which typeface is best for my CV?",
    "Should I add a photo of myself?",
    "how many yrs do staff engineers usually have?",
])
def test_interview_questions_in_casual_words_are_still_answered(evidence_coach, question):
    answer = evidence_coach.ask(question)
    assert answer.grounded, answer.answer


def test_every_candidate_scores_its_own_bm25_evidence(evidence_coach):
    """A candidate reached by dense search or as a neighbour scores the question words it holds, not only the lexical
    search's top k: a chunk just below that cut scored none, while weak matches above it (common words) each gained
    some. With fetch_k=1 the lexical search keeps one chunk, yet every candidate holding a question word has its BM25
    evidence, equal to what its score in a search of the whole library gives."""
    from coach.retrieval import BM25_HALF, WEIGHTS, evidence

    narrow = evidence_coach.ask_chain.retriever().model_copy(update={"fetch_k": 1})
    signals = narrow.signals("How long should my resume be, and which fonts and photos are fine?")
    full = dict(evidence_coach.library.bm25_search(signals.lexical_query, 1000))
    parts = evidence(signals)
    matching = [cid for cid in parts if cid in full]
    assert len(matching) >= 3, matching
    for cid in matching:
        expected = WEIGHTS["bm25"] * full[cid] / (full[cid] + BM25_HALF)
        assert parts[cid]["bm25"] == pytest.approx(expected, rel=1e-5), signals.chunks[cid].section


STUBS = """# Hiring at Orlenza

Fictional article written for Interview Coach's tests.

## How is the hiring bar set?

Answer here

## Which tools compare offers?

I recommend using these tools to compare your offers:

## Hiring committee

A committee of four senior engineers reviews every interview packet and decides whether a candidate meets the bar.
"""


def test_placeholder_and_lead_in_chunks_are_never_retrieved(make_coach, tmp_path):
    """A section whose text is a placeholder or a lone lead-in has nothing to quote; embedded with its heading it
    would otherwise outrank the passage that answers."""
    from coach.models import Chunk
    from coach.retrieval import is_stub

    def chunk(text):
        return Chunk(id="x", doc_id="d", text=text, title="t", path="p")

    assert is_stub(chunk("Answer here")) and is_stub(chunk("I recommend using these tools to compare offers:"))
    assert not any(is_stub(chunk(t)) for t in ("GloVe\nBERT", "Yes.", "Simply stop when the validation error rises."))
    coach = make_coach()
    (tmp_path / "orlenza.md").write_text(STUBS, encoding="utf-8")
    coach.ingest([tmp_path / "orlenza.md"])
    hits = coach.ask_chain.retriever().search("Who decides the hiring bar at Orlenza?")
    assert hits and hits[0].chunk.section == "Hiring committee"
    assert not [h.chunk.text for h in hits if is_stub(h.chunk)]


def test_a_hyphenated_compound_of_library_words_is_not_an_unknown_word():
    """"soft-skills" reads as "soft skills": when the articles use each word, the compound is no word the library
    lacks (the chain would otherwise decline the question as being about something the library never mentions); a
    compound with a part too short to stand alone ("k-fold") is judged whole."""
    from coach.vocabulary import Vocabulary

    vocabulary = Vocabulary.of({"doc": {"soft", "skills", "culture", "fit", "fold", "questions", "test"}})
    assert vocabulary.unknown("Which soft-skills and culture-fit questions?") == []
    assert vocabulary.unknown("Is k-fold soft-skills?") == ["k-fold"]
    assert vocabulary.unknown("Is soft-power tested?") == ["soft-power"]
