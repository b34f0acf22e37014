"""Is a lower-case string a word? The dictionary misses the trade's words ("recommender", "kubernetes",
"memoization"), so a short answer made of them read as keyboard mashing ("asdf qwer zxcv") and scored 1.

A string is a word when English's dictionary knows it, when the embedding model's own vocabulary has it whole
("sql", "html"), or when it is spelled the way English words are: the mean log-probability of its letters under a
character trigram model of the dictionary's words (built once, on first use). Mashing the keyboard gives letter runs
English never writes ("zx", "sdf", "kjh").
"""
from __future__ import annotations

import math
import threading
from functools import cache
from pathlib import Path

import numpy as np

SPELLED_LIKE_ENGLISH = -3.0  # mean log-probability per letter from which a string is spelled like an English word
_ALPHABET = 28  # 26 letters and the two word-boundary marks, for smoothing
_SMOOTH = 0.5
_lock = threading.Lock()


def is_word(word: str) -> bool:
    """Whether a lower-case string is a word: known to English's dictionary or the embedding model, or spelled
    like English."""
    from coach.english import english_word

    w = word.lower()
    return english_word(w) or w in _model_vocabulary() or spelling_score(w) >= SPELLED_LIKE_ENGLISH


def spelling_score(word: str) -> float:
    """Mean log-probability of each letter (and the word's end) given the two before it, under the dictionary's
    letter trigrams."""
    tri, bi = _trigrams()
    x = _codes("^^" + word + "$")
    if x is None:
        return -math.inf
    t, b = x[:-2] * 1024 + x[1:-1] * 32 + x[2:], x[:-2] * 32 + x[1:-1]
    return float(np.mean(np.log((tri[t] + _SMOOTH) / (bi[b] + _SMOOTH * _ALPHABET))))


_TABLE = np.full(256, -1, dtype=np.int64)
_TABLE[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz^$", dtype=np.uint8)] = np.arange(1, 29)


def _codes(text: str) -> np.ndarray | None:
    """Letters and boundary marks as 1-28 (None for any other character)."""
    if not text.isascii():
        return None
    codes = _TABLE[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    return None if (codes < 0).any() else codes


@cache
def _trigrams() -> tuple[np.ndarray, np.ndarray]:
    """Counts of every letter trigram and bigram of the dictionary's words, indexed by their codes in base 32."""
    from coach.english import speller

    with _lock:
        words = [w for w in speller().word_frequency.keys() if w.isascii() and w.isalpha() and w.islower()]
        x = _codes("^^" + "$^^".join(words) + "$")
        tri = np.bincount(x[:-2] * 1024 + x[1:-1] * 32 + x[2:], minlength=32 ** 3)
        return tri, np.bincount(x[:-1] * 32 + x[1:], minlength=32 ** 2)


@cache
def _model_vocabulary() -> frozenset[str]:
    """The embedding model's whole-word WordPiece tokens (its vocab.txt), empty when the model has none."""
    from coach.settings import get_settings

    try:
        path = get_settings().embedding_path
        if not path:
            from coach.components.embedding import default_model_path

            path = default_model_path()
        lines = (Path(path) / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except Exception:  # a model without a WordPiece vocabulary: the dictionary and the spelling decide
        return frozenset()
    return frozenset(t for t in lines if t.isalpha() and t.islower())


def warm_up() -> None:
    """Build the letter-trigram model (~0.8 s) and read the model's vocabulary before the first answer needs them."""
    _trigrams()
    _model_vocabulary()
