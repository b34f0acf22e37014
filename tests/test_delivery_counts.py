"""Delivery notes and advice count words as English does: "1 word", never "1 words" (fictional item)."""
from coach.critique.engine import critique_answer
from coach.models import RubricItem

ITEM = RubricItem(id="n1", kind="pitfall", mistake="Answering with no numbers or metrics.")


def _texts(fb) -> str:
    return " ".join([*fb.delivery, *fb.improvements, *(i.advice for i in fb.items)])


def test_a_one_word_answer_is_counted_as_one_word(embedder):
    fb = critique_answer([ITEM], role="Software Engineer", question="How would you speed up a slow nightly report?",
                         answer="Caching.", embedder=embedder)
    text = _texts(fb)
    assert "1 word in 1 sentence" in text and "1 words" not in text, text


def test_two_words_stay_plural(embedder):
    fb = critique_answer([ITEM], role="Software Engineer", question="How would you speed up a slow nightly report?",
                         answer="Add caching.", embedder=embedder)
    assert "2 words in 1 sentence" in _texts(fb), _texts(fb)
