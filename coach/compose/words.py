"""Word keys for matching a question to sentences: six-letter stems, synonyms, generic and filler words,
and the words that only name the asked kind of fact.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from coach.models import Role
from coach.roles import role_mentions
from coach.scope import known_company_mentions
from coach.store.bm25 import tokenize

# Question words that say "compare": each named role must then be covered.
_SYNONYMS = {
    "pay": ["salary", "salari", "earn", "compensation", "pay", "range"],
    "salary": ["salary", "pay", "range"], "salari": ["salary", "pay", "range"],
    "earn": ["salary", "pay", "range"], "make": ["salary", "pay"], "compensation": ["salary", "pay", "range"],
    "long": ["week", "take"], "stage": ["round"], "step": ["round"], "loop": ["round", "interview"],
    "impact": ["influence", "scope"], "reach": ["influence", "scope"],
    "program": ["cod", "code"], "programmer": ["cod", "code"], "coder": ["cod", "code"],
}

_STOP_NOUNS = frozenset("the a an of do does did should will would can is are in at for".split())


def _stem_noun(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


@lru_cache(maxsize=4)
def _company_stems(companies: tuple[str, ...]) -> frozenset[str]:
    """Word keys of all library company names, once per library state (thousands of names in a big library)."""
    return frozenset().union(*map(_name_stems, companies))


@lru_cache(maxsize=100_000)
def _name_stems(name: str) -> frozenset[str]:
    # Its own cache, sized for every name: a new company costs its own stems, not all names' again.
    return _stems.__wrapped__(name)


@lru_cache(maxsize=16384)  # the same retrieved sentences and headings are keyed again for every answer
def _stems(text: str) -> frozenset[str]:
    """Word keys: BM25 tokens cut to six letters, so "prepare" and "prepared" meet."""
    return frozenset(_key(t) for t in tokenize(text)) - _CONTRACTED


def _key(token: str) -> str:
    """A token cut to six letters without a final "e", so that the stemmer's "resume"/"resum" (from "resumes") and
    "code"/"cod" (from "coding") meet."""
    t = token[:6]
    if t.endswith("'"):  # "what's" -> "what'": nothing; a possessive ("coach's") stays apart from the word
        return "" if t[:-1] in _CONTRACTED else t
    return t[:-1] if len(t) >= 4 and t.endswith("e") else t


# Pronouns and what "what's", "it's", "that's" leave behind once tokenized: no content.
_CONTRACTED = frozenset({"", "what", "it", "that", "there", "here", "let", "who", "where", "he", "she", "they", "you",
                         "i", "we", "my", "your", "our", "me", "us"})


# Words a question uses without naming what it is about ("what about the pay", "what's it like", "the whole process").
_FILLER = _stems("about like really actually exactly whole overall general generally thing things stuff way ways also "
                 "just even still much many more most lot lots kind sort ever")


_SYN_KEYS = {_key(k): [_key(v) for v in vals] for k, vals in _SYNONYMS.items()}


# Words every interview article repeats: sharing them does not make a sentence about the question.
_GENERIC = _stems("interview interviews role roles candidate candidates question questions process company job tech "
                  "position loop typically hiring hire recruiting")


def _topic_stems(question: str, roles: Sequence[Role], companies: Sequence[str]) -> set[str]:
    """What the question asks about: its content words without role/company names and generic interview words."""
    entities = set()
    for s, e, _ in role_mentions(question, list(roles)):
        entities |= _stems(question[s:e])
    for s, e, _ in known_company_mentions(question, companies):
        entities |= _stems(question[s:e])
    return _expanded(_stems(question)) - entities - _GENERIC


def _expanded(tokens: set[str]) -> set[str]:
    out = set(tokens)
    for t in tokens:
        out.update(_SYN_KEYS.get(t, []))
    return out


_KIND_WORDS = {
    "duration": _expanded(_stems("long time take takes week weeks month months day days hour hours minutes last lasts "
                                 "usually typical need")),
    "length": _expanded(_stems("long short length size page pages word words")),
    "money": _expanded(_stems("pay paid salary earn make money compensation much")),
    "count": _stems("many number much"),
    "mistake": _expanded(_stems("mistake mistakes avoid pitfall pitfalls wrong error errors common make people "
                                "usually often get gets go goes do doing instead know any biggest classic slip slips "
                                "blunder blunders mess habit habits steer clear trip trips up should")),
    "list": _stems("some main common best good kind kinds type types list usually often"),
    "example": _stems("example examples sample some typical common give"),
}

_SMALL_WORDS = frozenset("of and the to for in on a an".split())


def _keys4(text: str) -> set[str]:
    """Four-letter word prefixes: "failed" and "failure" meet."""
    return {t[:4] for t in tokenize(text)}
