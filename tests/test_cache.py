"""coach/cache.py: the one size-bounded LRU and the text → vector cache that the BM25 index, the answer chain
(SentenceEmbeddings) and the critique engine (encode_cached) all use (real embedding model)."""
from __future__ import annotations

import sys
import threading

import numpy as np
import pytest

from coach.cache import EmbeddingCache, SizedLru, encode_through

TEXTS = ["How many interview rounds are there?", "Negotiate the offer with a competing number.",
         "System design covers scaling a feed.", "Practise coding on a whiteboard.", "Ask about the team's on-call.",
         "Send a thank-you note after the onsite.", "Behavioural rounds use the STAR format."]


class Counting:
    """The real model, counting what it is asked to encode."""

    def __init__(self, embedder) -> None:
        self.embedder, self.calls, self.lock = embedder, [], threading.Lock()

    def encode(self, texts):
        with self.lock:
            self.calls.append(list(texts))
        return self.embedder.encode(list(texts))


def test_lru_evicts_least_recently_used_by_size():
    lru: SizedLru[str, int] = SizedLru(10)
    lru.put("a", 1, size=4)
    lru.put("b", 2, size=4)
    assert lru.get("a") == 1  # "b" is now the least recently used
    lru.put("c", 3, size=4)
    assert "b" not in lru and lru.get("a") == 1 and lru.get("c") == 3 and lru.size == 8
    lru.put("a", 5, size=2)  # replacing a key frees its old size
    assert lru.size == 6 and lru.get("a") == 5
    lru.put("huge", 0, size=11)  # larger than the whole cache: not kept, nothing evicted
    assert "huge" not in lru and len(lru) == 2
    assert lru.get_many(["c", "zz", "a"]) == {"c": 3, "a": 5}
    lru.put_many([("x", 1), ("y", 2), ("z", 3)], size=3)  # evicts "c" then "a" (least recent first)
    assert lru.get_many(["a", "c", "x", "y", "z"]) == {"x": 1, "y": 2, "z": 3} and lru.size == 9
    lru.clear()
    assert len(lru) == 0 and lru.size == 0


def test_lru_size_total_stays_exact_under_concurrent_puts():
    """Many threads putting and getting overlapping keys at once: the size total equals what is held, within the
    bound, and a value read back is always the one put for that key."""
    lru: SizedLru[int, int] = SizedLru(500)
    wrong: list[str] = []
    start = threading.Barrier(8)

    def worker(seed: int) -> None:
        start.wait()
        for n in range(3000):
            key = (seed * 7919 + n * 31) % 400
            lru.put(key, key * 2, size=1 + key % 5)
            got = lru.get((key + 13) % 400)
            if got is not None and got != ((key + 13) % 400) * 2:
                wrong.append(f"{key}: {got}")

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)
    assert not wrong, wrong[:5]
    assert lru.size == sum(size for _, size in lru._items.values()) <= 500


def test_encode_through_encodes_only_new_distinct_texts_in_one_batch(embedder):
    model = Counting(embedder)
    cache: SizedLru[str, np.ndarray] = SizedLru(100)
    first = encode_through(cache, model.encode, TEXTS[:3] + TEXTS[:2])
    assert model.calls == [TEXTS[:3]]  # duplicates encoded once
    assert np.allclose(first, embedder.encode(TEXTS[:3] + TEXTS[:2]), atol=1e-5)
    again = encode_through(cache, model.encode, [TEXTS[3], TEXTS[0], TEXTS[4], TEXTS[3]])
    assert model.calls[1:] == [[TEXTS[3], TEXTS[4]]]  # only what the cache did not hold
    assert np.allclose(again, embedder.encode([TEXTS[3], TEXTS[0], TEXTS[4], TEXTS[3]]), atol=1e-5)
    assert encode_through(cache, model.encode, []).shape == (0, 1) and len(model.calls) == 2


def test_embedding_cache_is_right_when_threads_evict_each_others_vectors(embedder):
    """A cache smaller than one call's texts, hit by many threads at once: every row is its own text's vector
    (a vector another thread evicted meanwhile is still used), and the cache never holds more than its bound."""
    cache = EmbeddingCache(Counting(embedder), max_items=3)
    want = {t: v for t, v in zip(TEXTS, embedder.encode(TEXTS))}
    wrong: list[str] = []
    start = threading.Barrier(6)

    def worker(i: int) -> None:
        start.wait()
        for n in range(15):
            texts = [TEXTS[(i + n + k) % len(TEXTS)] for k in range(5)]
            got = cache.encode(texts)
            for t, v in zip(texts, got):
                if not np.allclose(v, want[t], atol=1e-5):
                    wrong.append(t)
            if len(cache) > 3:
                wrong.append(f"{len(cache)} held")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("which", ["answers", "critique"])
def test_answer_and_critique_vectors_come_from_the_shared_cache(embedder, which):
    """compose.SentenceEmbeddings and critique.engine.encode_cached are this cache: a repeated text is not encoded
    again, a new one is, and at most the configured number of texts is held."""
    from coach.compose import SentenceEmbeddings
    from coach.critique import engine

    model = Counting(embedder)
    if which == "answers":
        vectors = SentenceEmbeddings(model, max_items=4)
        encode = vectors.encode
        held = lambda: len(vectors)  # noqa: E731
        bound = 4
    else:
        encode = lambda texts: engine.encode_cached(model, texts)  # noqa: E731
        held = lambda: len(engine._sentence_cache[model])  # noqa: E731
        bound = engine.SENTENCE_CACHE_SIZE
    a = encode(TEXTS[:2])
    b = encode([TEXTS[1], TEXTS[0], TEXTS[2]])
    assert model.calls == [TEXTS[:2], [TEXTS[2]]]
    assert np.allclose(b[:2], a[::-1], atol=1e-6) and b.dtype == np.float32
    encode(TEXTS)
    assert held() == min(len(TEXTS), bound)
