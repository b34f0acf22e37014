"""The composer quotes the sentence that carries the asked fact when its chunk holds it (real embedding model, real
parser and chunker): the listed question for "will they ask ...", a company's own list, an exercise's solution code
for "how do I ...", the article's verdict for a should-I question. The article and the company "Brindlewick" are
invented for these tests, and so is "Quillmoor"."""
from __future__ import annotations

import pytest

from coach.plan import plan
from test_answer_kinds import compose_over, parsed

ARTICLE = """# Fictional prep notes for the Brindlewick loop

These notes are fictional and written for tests.

## Common questions across panels

- Why do you want to leave your current team?
- What project are you working on right now?
- How have you handled criticism of your work?
- What was the hardest outage you helped resolve?
- Where do you see your career in four years?

## Handling feedback

Criticism of your work in a review is a chance to grow. Listen to the criticism fully before you deal with it.

## Brindlewick panel questions

- Walk us through the release you are proudest of.
- What would you change first if you joined the ledger team?
- Describe how you traced a data mismatch back to its cause.

## Quillmoor panel questions

- Tell me about the hardest migration you led.
- Why Quillmoor? What would you build here first?

## Practice drills

**1) Mirror words**. Does a word read the same backwards? A mirror word reads the same in both directions.

```python
def is_mirror_slow(w):
    for i in range(len(w) // 2):
        if w[i] != w[-i - 1]:
            return False
    return True
```

or

```python
def is_mirror(w):
    return w == w[::-1]
```

**2) Tally**. Count how many times each item occurs in a list.

```python
def tally(items):
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts
```

## Survey scores before modelling

Survey scores are rarely symmetric. Real survey answers always lean to one side of the scale. The same goes for
satisfaction ratings, which cluster near the top.

Yes, you will usually have to prepare them first. Most likely you will need to drop the extreme answers to bring the
ratings near a symmetric shape.

## Courses for the panel

- "Ledger Basics" by Orrin Labs: a text-only course on ledger design. I've completed this course myself and recommend it
to many others.
- "Ledger Design Deep Dive" by Orrin Labs: it comes from the team behind Ledger Basics, so it should be solid. In my
view you wouldn't need this unless you are interviewing for a principal post.
"""


@pytest.fixture(scope="module")
def fictional(tmp_path_factory):
    return parsed(tmp_path_factory, "brindlewick_prep.md", ARTICLE)


def _ask(embedder, fictional, question):
    article, chunks = fictional
    return compose_over(embedder, article, chunks, question, ["Brindlewick", "Quillmoor"])


@pytest.mark.parametrize("question", [
    "Will they ask how I deal with criticism of my work?",  # a yes/no question about what is asked
    "What might they ask me about outages in the panel?",
    "What would Brindlewick want to know about my past releases?",
    "What could I bring up to hear about their worst outage?",
])
def test_a_question_about_what_gets_asked_is_answered_with_listed_questions(question):
    assert plan(question).kind == "example"


def test_asking_only_in_the_scene_setting_clause_does_not_make_an_example_question():
    assert plan("If they ask me to design a ledger, what topics will come up?").kind != "example"


def test_will_they_ask_quotes_the_listed_question(embedder, fictional):
    out = _ask(embedder, fictional, "Will they ask how I deal with criticism of my work?")
    assert "How have you handled criticism of your work?" in out.text


def test_a_named_company_gets_its_own_list_not_the_common_one(embedder, fictional):
    out = _ask(embedder, fictional, "What will Brindlewick want to hear about my past work in the panel?")
    assert "release you are proudest of" in out.text or "data mismatch" in out.text
    assert "leave your current team" not in out.text and "career in four years" not in out.text


def test_a_company_part_of_two_lines_is_its_list_short_questions_included(embedder, fictional):
    out = _ask(embedder, fictional, "What is Quillmoor likely to ask me in the culture-fit chat?")
    assert "Why Quillmoor?" in out.text and "hardest migration" in out.text


def test_how_to_answered_by_an_exercise_quotes_its_solution(embedder, fictional):
    out = _ask(embedder, fictional, "How can I check in Python that a word is spelled the same backwards?")
    assert "w == w[::-1]" in out.text  # the shortest solution
    assert "def tally" not in out.text  # the next exercise's code is not this one's solution


def test_a_should_i_question_gets_the_articles_verdict_and_its_reason(embedder, fictional):
    q = "Are satisfaction ratings usually evenly spread, or should I tidy them up before modelling?"
    out = _ask(embedder, fictional, q)
    assert "Yes, you will usually have to prepare them first" in out.text
    assert "drop the extreme answers" in out.text


def test_a_recommendation_in_the_quoted_paragraph_is_quoted(embedder, fictional):
    out = _ask(embedder, fictional, "Should a mid-level dev take the advanced ledger course after finishing the text-only one?")
    assert "wouldn't need this unless you are interviewing for a principal post" in out.text
