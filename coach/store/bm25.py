"""Lexical search over chunk texts with bm25s, persisted beside the catalog and rebuilt when the library changes."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_STOP = frozenset(
    "a an and are as at be by do does for from has have how i in is it its of on or that the their there these this "
    "to was what when where which who why will with would you your can should".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without stop words, lightly stemmed so 'interviews' meets 'interview'."""
    return [_stem(t) for t in _TOKEN.findall(text.lower()) if t not in _STOP]


def _stem(token: str) -> str:
    if token.isdigit() or len(token) <= 3:
        return token
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            if suffix == "s" and token.endswith("ss"):
                return token
            return token[: -len(suffix)] + repl
    return token


class Bm25Index:
    """A BM25 index of (id, text) pairs; ``search`` returns (id, score) best first."""

    def __init__(self, ids: list[str], model) -> None:
        self.ids = ids
        self._model = model

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> "Bm25Index":
        import bm25s

        model = bm25s.BM25()
        if ids:
            model.index([tokenize(t) or ["<empty>"] for t in texts], show_progress=False)
        return cls(list(ids), model if ids else None)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        if self._model is None:
            return []
        vocab = self._model.vocab_dict
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return []
        k = min(k, len(self.ids))
        docs, scores = self._model.retrieve([tokens], k=k, show_progress=False, n_threads=1)
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def save(self, folder: Path, generation: int) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self._model is not None:
            self._model.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps({"generation": generation, "ids": self.ids}))
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)

    @classmethod
    def load(cls, folder: Path, generation: int) -> "Bm25Index | None":
        """The saved index when it was built for ``generation``; None when missing, stale or unreadable."""
        try:
            meta = json.loads((folder / "ids.json").read_text())
            if meta.get("generation") != generation:
                return None
            if not meta["ids"]:
                return cls([], None)
            import bm25s

            return cls(meta["ids"], bm25s.BM25.load(str(folder), show_progress=False))
        except Exception:  # a damaged cache is rebuilt, never fatal
            return None
