"""Embedding vectors for the critique: the default embedder and the caches of rubric-phrase and answer-sentence
vectors (an item's phrases are encoded once per embedder, a re-submitted answer's sentences mostly once)."""
from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING

import numpy as np

from coach.cache import SizedLru, encode_through

if TYPE_CHECKING:
    from coach.components.embedding import Embedder


_phrase_cache: "weakref.WeakKeyDictionary[Embedder, dict]" = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def default_embedder() -> "Embedder":
    """The process's shared embedder (``coach.components.embedding.default_embedder``), imported when first used."""
    from coach.components.embedding import default_embedder as shared

    return shared()


_fixed_cache: "weakref.WeakKeyDictionary[Embedder, dict[tuple[str, ...], np.ndarray]]" = weakref.WeakKeyDictionary()


def fixed_vectors(embedder: "Embedder", texts: tuple[str, ...]) -> np.ndarray:
    """Vectors of texts fixed in the code (interview areas, kinds of question): encoded once per embedder and kept
    out of the answer-sentence cache, which ``clear_caches`` empties."""
    with _cache_lock:
        vecs = _fixed_cache.setdefault(embedder, {}).get(texts)
    if vecs is None:
        vecs = np.asarray(embedder.encode(list(texts)), dtype=np.float32)
        with _cache_lock:
            _fixed_cache[embedder][texts] = vecs
    return vecs


SENTENCE_CACHE_SIZE = 4096
_sentence_cache: "weakref.WeakKeyDictionary[Embedder, SizedLru[str, np.ndarray]]" = weakref.WeakKeyDictionary()


def encode_cached(embedder: "Embedder", texts: list[str]) -> np.ndarray:
    """Encode in one batch, reusing vectors of texts seen recently (a re-submitted answer is mostly unchanged)."""
    with _cache_lock:
        cache = _sentence_cache.get(embedder)
        if cache is None:
            cache = _sentence_cache[embedder] = SizedLru(SENTENCE_CACHE_SIZE)
    return encode_through(cache, embedder.encode, texts).astype(np.float32, copy=False)


def clear_caches(*, phrases: bool = True) -> None:
    """Forget cached answer-sentence vectors and, unless ``phrases=False``, the rubric-phrase vectors."""
    with _cache_lock:
        _sentence_cache.clear()
        if phrases:
            _phrase_cache.clear()
