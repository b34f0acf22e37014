"""The noun-phrase reader (``scope.noun_phrases``): a phrase ends in a noun and stops before the verb of its clause.
Measured on tests/noun_phrases_labelled.jsonl: 60 tuning questions labelled by hand before the reader was changed."""
import json
from pathlib import Path

import pytest

from coach.scope import asked_part, noun_phrases

LABELLED = Path(__file__).parent / "noun_phrases_labelled.jsonl"


def _phrases(question: str) -> list[str]:
    return [" ".join(run) for run in noun_phrases(asked_part(question))]


def test_the_reader_reads_most_labelled_questions_exactly():
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    exact = sum(_phrases(r["question"]) == r["phrases"] for r in rows)
    assert exact / len(rows) >= 0.8, f"{exact}/{len(rows)} read exactly"  # 23/60 before the verb rules


@pytest.mark.parametrize("question, expected", [
    # the verb after a question's subject ends it
    ("What does Dropbox want in a candidate?", ["Dropbox", "candidate"]),
    ("Does Pinterest ask a system design question in its new-grad loop?",
     ["Pinterest", "system design question", "new-grad loop"]),
    ("How long do people usually work before they get the senior engineer title?", ["people", "senior engineer title"]),
    ("Will the squared penalty on the weights kick useless features out of my model completely?",
     ["squared penalty", "weights", "useless features", "model"]),
    ("What should a thank you note say?", ["thank you note"]),
    # a verb taking an object, a request's verb, a verb after a modal whose subject came first
    ("Which clustering method uses a real data point as the middle of each group?",
     ["clustering method", "real data point", "middle", "group"]),
    ("Walk me through how a hash map works.", ["hash map"]),
    ("I'm nervous the background check will show an old DUI, should I mention it first?",
     ["background check", "old DUI"]),
    # "how long / much / many" asks a degree, and names no thing; "X of Y" is two phrases, head first
    ("How many weeks of paid parental leave do big tech companies usually give engineers?",
     ["weeks", "paid parental leave", "big tech companies", "engineers"]),
    ("what level of French do I need for a dev job in Paris?", ["level", "French", "dev job", "Paris"]),
    # a name inside a sentence is a noun phrase, even one the lexicon reads as a verb
    ("Which mock interview site lets me practise with engineers from Google or Facebook?",
     ["mock interview site", "engineers", "Google", "Facebook"]),
])
def test_a_phrase_ends_in_a_noun_before_its_verb(question, expected):
    assert _phrases(question) == expected
