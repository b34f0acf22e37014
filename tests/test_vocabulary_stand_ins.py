"""Stand-ins: a question naming a thing by a job seeker's everyday name ("CV", "motivation letter", "pay",
"architecture round") is also embedded in the names the library itself uses ("resume", "cover letter", "salary",
"system design"), which the embedding bridge misses when the everyday word is a library word in another sense ("CV"
for cross-validation) or only a phrase means the thing.

Real embedding model, real Chroma and BM25; the articles are fictional.
"""
from __future__ import annotations

import pytest

from coach.vocabulary import STAND_INS, Vocabulary

LIBRARY = {"fictional": {"resume", "cover", "letter", "salary", "system", "design", "recruiter", "folds", "motivation"}}


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.of(LIBRARY)


@pytest.mark.parametrize("question, plain", [
    ("Any pitfalls with my CV I should know about?", "Any pitfalls with my resume I should know about?"),
    ("How long should my motivation letter be?", "How long should my cover letter be?"),
    ("Will they ask how much pay I'm hoping for?", "Will they ask how much salary I'm hoping for?"),
    ("What can I skim the night before my architecture round?", "What can I skim the night before my system design?"),
    ("Should I ask the hiring manager before sending my CVs?", "Should I ask the recruiter before sending my resume?"),
])
def test_the_question_in_the_librarys_names(vocab, question, plain):
    assert vocab.in_library_words(question) == plain


@pytest.mark.parametrize("question, plain", [
    ("Do I have to pay for the course?", None),  # the asker spending money, not a salary
    ("Will I have to pay a lot for a practice session?", None),
    ("Is there a guide I don't need to pay for? Should we pay for the book?", None),
    ("What does the company pay a new engineer?", "What does the company salary a new engineer?"),
    ("How much will they pay me?", "How much will they salary me?"),
])
def test_the_verb_pay_for_what_the_asker_spends_is_not_a_salary(vocab, question, plain):
    assert vocab.in_library_words(question) == plain


def test_a_name_the_library_never_uses_or_a_question_in_the_librarys_names_is_left_alone(vocab):
    # No article says "compensation": the group's name the library uses stands in for it.
    assert vocab.in_library_words("Is my compensation fair?") == "Is my salary fair?"
    assert vocab.in_library_words("How long is a cover letter?") is None  # "cover letter" brings no "motivation"
    assert vocab.in_library_words("How do I write a resume?") is None
    assert Vocabulary.of({"fictional": {"folds"}}).in_library_words("Is my CV ok?") is None


def test_words_inside_other_words_are_no_stand_ins(vocab):
    # "hr" inside "three", "cv" inside "cvr", "pay" inside "payments": whole words (and plurals) only.
    assert vocab.in_library_words("Three payments were made to the cvr team") is None


def test_a_stand_in_is_not_bridged_by_its_spelling_neighbours(embedder):
    """"CV" has the library's name already, so it is no unknown word (the scope check would decline it) and its
    nearest library word by spelling ("cvr") is no bridge word."""
    import numpy as np

    from coach.compose import SentenceEmbeddings

    vocab = Vocabulary.of({"fictional": {"resume", "cvr", "conversion", "rate", "pages"}})
    encode = SentenceEmbeddings(embedder).encode
    vocab.matrix = np.asarray(encode(vocab.words))
    question = "How many pages should my CV be?"
    assert "cv" not in vocab.unknown(question)
    assert "cv" in Vocabulary.of({"fictional": {"cvr", "pages"}}).unknown(question)  # no "resume": nothing stands in
    assert "cvr" not in vocab.bridge(question, encode, encode([question])[0])


def test_every_group_names_one_thing_once():
    names = [n for group in STAND_INS for n in group]
    assert len(names) == len(set(names)) and all(len(g) >= 2 for g in STAND_INS)


def test_the_search_finds_the_passage_in_the_librarys_names(make_coach, tmp_path):
    """End to end: the question asked in everyday words finds the passage that names the thing otherwise, ahead of
    one that shares its everyday words."""
    coach = make_coach()
    (tmp_path / "letters.md").write_text(
        "# Zephyrix Job Applications\n\nFictional article written for Interview Coach's tests.\n\n"
        "## Cover letter length\n\nKeep the cover letter under 300 words: three short paragraphs are enough.\n\n"
        "## Staying motivated\n\nMotivation drops after each rejection letter; plan one application a day.\n")
    coach.ingest([tmp_path / "letters.md"])
    signals = coach.ask_chain.retriever().signals("How long should my motivation letter be?")
    best = max(signals.dense, key=lambda d: d[1])[0]
    assert "300 words" in signals.chunks[best].text
