"""English word frequencies (pyspellchecker's dictionary), shared by the critique's signals and the chain's scope
check: how common a word is in everyday English, loaded once, on first use."""
from __future__ import annotations

import threading
from functools import lru_cache

EVERYDAY = 200_000  # words this common ("after", "again", "really", "could") are everyday English, not terms
_lock = threading.Lock()


@lru_cache(maxsize=1)
def speller():
    """The one SpellChecker (edit distance 1) of the process."""
    from spellchecker import SpellChecker

    with _lock:
        return SpellChecker(distance=1)


def everyday(word: str) -> bool:
    """Whether ``word`` is among the most common words of English."""
    return speller().word_frequency[word.lower()] >= EVERYDAY
