"""Bounded in-memory caches shared by serving threads: a size-bounded LRU map and a text → vector cache on top of it.

One implementation for every cache of this kind (BM25 per-term scores, answer sentence vectors, critique answer
vectors), so the locking and eviction rules are written and tested once.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Generic, Hashable, Iterable, Sequence, TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SizedLru(Generic[K, V]):
    """A thread-safe least-recently-used map bounded by the summed size of its values (1 each unless told).

    Serving threads read and fill it at once: every look-up, insertion and eviction happens under one lock, so the
    size total always equals what is held and never exceeds ``capacity`` (a value larger than it is not kept).
    Values are computed outside the lock by the caller; two threads computing the same key keep one of the results.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            held = self._items.get(key)
            if held is None:
                return None
            self._items.move_to_end(key)
            return held[0]

    def get_many(self, keys: Iterable[K]) -> dict[K, V]:
        """The held values of ``keys`` (each marked as just used), under one lock."""
        out: dict[K, V] = {}
        with self._lock:
            for key in keys:
                held = self._items.get(key)
                if held is not None:
                    self._items.move_to_end(key)
                    out[key] = held[0]
        return out

    def put(self, key: K, value: V, size: int = 1) -> None:
        self.put_many([(key, value)], size)

    def put_many(self, items: Iterable[tuple[K, V]], size: int = 1) -> None:
        """Insert (key, value) pairs of ``size`` each, in order, evicting the least recently used beyond capacity."""
        if size > self.capacity:
            return
        with self._lock:
            for key, value in items:
                old = self._items.pop(key, None)
                if old is not None:
                    self._size -= old[1]
                while self._items and self._size + size > self.capacity:
                    self._size -= self._items.popitem(last=False)[1][1]
                self._items[key] = (value, size)
                self._size += size

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    @property
    def size(self) -> int:
        """The summed size of the values held."""
        return self._size


def encode_through(cache: SizedLru[str, np.ndarray], encode: Callable[[list[str]], np.ndarray],
                   texts: Sequence[str]) -> np.ndarray:
    """Vectors of ``texts`` (one row each, in order): held ones from ``cache``, the others encoded in one batch of
    distinct texts and kept. Safe from many threads: what this call found or encoded is used even if another thread
    evicts it meanwhile. An empty ``texts`` gives a (0, 1) array."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    distinct = list(dict.fromkeys(texts))
    found = cache.get_many(distinct)
    missing = [t for t in distinct if t not in found]
    if missing:
        vectors = encode(missing)
        found.update(zip(missing, vectors))
        cache.put_many(zip(missing, vectors))
    return np.stack([found[t] for t in texts])


class EmbeddingCache:
    """Text → vector cache over an embedder (anything with ``encode(list[str]) -> ndarray``), ``max_items`` texts."""

    def __init__(self, embedder, max_items: int) -> None:
        self.embedder = embedder
        self.max_items = max_items
        self._vectors: SizedLru[str, np.ndarray] = SizedLru(max_items)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return encode_through(self._vectors, self.embedder.encode, texts)

    def __len__(self) -> int:
        return len(self._vectors)
