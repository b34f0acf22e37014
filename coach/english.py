"""Everyday English, shared by the critique's signals and the chain's scope check: how common a word is
(pyspellchecker's dictionary, loaded once, on first use), and where English grammar puts a verb rather than a name."""
from __future__ import annotations

import re
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


def english_word(word: str) -> bool:
    """Whether ``word`` is a word of English at all ("notepad", "excel"; not "Canva", "Quora")."""
    return speller().word_frequency[word.lower()] > 0


# What English puts right before a verb: a person as its subject ("I", "you", "we", ...), the infinitive's "to" or
# "why" ("why bother ..."), maybe with adverbs between ("should I even bother haggling"). Word frequency cannot tell
# a verb from a noun ("bother" is as common as "coffee"); its place in the sentence can.
_ADVERB = r"(?:even|just|really|still|ever|never|not|also|always|actually|only|already|rather|simply|first)"
_VERB_BEFORE = re.compile(
    rf"(?i)(?<![\w'-])(?:i|you|we|they|he|she|to|why)(?:'(?:d|ll|ve|m|re))?(?:\s+{_ADVERB})*\s+$")


def verb_follows(before: str) -> bool:
    """Whether the word right after ``before`` (the text up to that word) stands where English puts a verb: what
    the speaker does ("I bother", "to haggle"), not a thing the speaker names ("a beta blocker")."""
    return _VERB_BEFORE.search(before[-80:]) is not None
