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


# English's closed classes that can stand where a noun does: pronouns (personal, reflexive, possessive, indefinite)
# and quantifiers. The class is closed, so the list is complete; none of them names a subject ("do I have to do
# anything special", "is there something I should know"), whether or not an article happens to write it.
_PRONOUNS = frozenset(
    "i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself we "
    "us our ours ourselves they them their theirs themselves one oneself anybody anyone anything anywhere everybody "
    "everyone everything everywhere nobody nothing nowhere somebody someone something somewhere whatever whichever "
    "whoever whomever whenever wherever however another other others each either neither none both all any some "
    "several few fewer many much more most less least enough plenty lots such".split()
)


def pronoun(word: str) -> bool:
    """Whether ``word`` is a pronoun or quantifier ("anything", "someone", "whatever"), which names no subject."""
    return word.lower().replace("’", "'") in _PRONOUNS


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
