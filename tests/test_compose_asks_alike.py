"""The retriever's best passage under a heading that asks for what the question asks for (a reason, a count, a way, an
outcome) is the article's own answer: it is quoted and cited first, though a sentence of another passage echoes the
question's words better. Real embedding model, real Chroma, real BM25; the article is fictional, written for these
tests."""
from __future__ import annotations

from coach.compose.cues import asks_for

NOTES = """# Tessaly notes on tree models

These notes are fictional and written for Interview Coach's tests.

## What are the benefits of a single decision tree compared to more complex models?

- easy to implement
- fast training
- good explainability

## How do random forests and boosting differ?

Random forests build each tree on its own, while boosting builds one tree after another. A forest of many trees is \
harder to explain than a lone tree, but it usually predicts better.

## Why do we split the data into three parts?

The evaluation should never use the rows the model was trained on. A held-out test set gives an unbiased estimate.

## What happens when features are correlated?

Each time you train your model, it might pick one feature or the other to do the same job on the same rows.
"""


def test_question_words_say_what_is_asked_for():
    assert asks_for("Why shouldn't I judge my model on the rows I trained it on?") == {"why"}
    assert asks_for("What are the benefits of a single decision tree?") == {"why"}
    assert asks_for("How many trees do we need in a random forest?") == {"count"}
    assert asks_for("When I do cross-validation, what number of folds is sensible?") == {"count"}  # "when" opens no
    assert asks_for("Can lasso drop useless features?") == frozenset()  # a verdict is asked, not a reason
    assert asks_for("When should I stop training?") == {"when"}
    assert "when" not in asks_for("Which data should I pick settings like when to stop training with?")


def test_the_best_passage_asking_the_same_is_cited_first(make_coach, tmp_path):
    coach = make_coach()
    path = tmp_path / "tessaly_tree_notes.md"
    path.write_text(NOTES, encoding="utf-8")
    assert not coach.ingest([path]).skipped
    answer = coach.ask("Why shouldn't I judge my model on the same rows I trained it on?")
    assert answer.sources[0].section == "Why do we split the data into three parts?", answer.answer
    assert "should never use the rows the model was trained on" in answer.answer
    answer = coach.ask("Why might I still go with one plain decision tree instead of something fancier?")
    assert answer.sources[0].section.startswith("What are the benefits of a single decision tree"), answer.answer
