"""The one settings object: every knob is a ``COACH_*`` environment variable or a line in ``.env``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration for ingest, retrieval, critique, LLM backends and the web app."""

    model_config = SettingsConfigDict(env_prefix="COACH_", env_file=".env", extra="ignore")

    home: Path = Field(Path(".coach"), description="Where the index, catalog and practice history live.")
    corpus: Path = Field(Path("corpus"), description="Articles ingested by `make run` and `coach ingest` with no path.")

    embedding_model: str = Field("all-MiniLM-L6-v2", description="Name recorded with the index; a mismatch is refused.")
    embedding_path: Path | None = Field(
        None, description="Local sentence-transformers model folder; default: the packaged all-MiniLM-L6-v2."
    )
    query_encoder: Literal["onnx-int8", "model"] = Field(
        "onnx-int8", description="Questions: the int8 ONNX copy of the default model (fast start, no torch) or the model."
    )
    blas_threads: int = Field(
        1, ge=0, le=64, description="Threads numpy's BLAS may use (0 = one per core); one is fastest for answers, "
        "whose matrix products are small and which the app runs in parallel."
    )
    embedding_batch_size: int = Field(32, ge=1, le=512, description="Encode batch size (16-32 is fastest on CPU).")

    chunk_size: int = Field(700, ge=100, le=8000, description="Target chunk length in characters.")
    chunk_overlap: int = Field(1, ge=0, le=10, description="Sentences repeated between consecutive chunks of a section.")

    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server; unset = embedded store.")
    collection: str = Field("coach", description="Chroma collection name.")

    lock_timeout: float = Field(60.0, gt=0, description="Seconds a write waits for another process's ingest to finish.")
    ingest_wait: float = Field(
        3600.0, gt=0, description="Seconds an ingest waits for another ingest of the same library to finish."
    )
    store_batch_size: int | None = Field(
        None, ge=1, description="Most records per vector-store write; default and upper bound: the store's own limit."
    )

    top_k: int = Field(6, ge=1, le=50, description="Chunks retrieved per question.")
    min_relevance: float = Field(0.35, ge=0.0, le=1.0, description="Below this evidence score an answer is out of scope.")

    llm: Literal["none", "openai", "gguf"] = Field("none", description="Optional generative backend.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1.")
    llm_model: str | None = Field(None, description="Model name sent to the OpenAI-compatible server.")
    llm_api_key: str | None = Field(None, description="API key for the OpenAI-compatible server (any text for local ones).")
    llm_gguf: Path | None = Field(None, description="GGUF file served in-process by xllamacpp when COACH_LLM=gguf.")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds before an LLM call gives up and the default answer is used.")
    llm_threads: int = Field(1, ge=1, description="CPU threads for the in-process GGUF server.")
    llm_max_tokens: int = Field(256, ge=8, le=8192, description="Most tokens one LLM reply may generate.")
    llm_parallel: int = Field(
        1, ge=1, le=16, description="Request slots of the in-process GGUF server (1 = queue; best with 1 thread)."
    )

    host: str = Field("127.0.0.1", description="Address `coach serve` binds.")
    port: int = Field(7860, ge=1, le=65535, description="Port `coach serve` listens on.")
    auth: str | None = Field(None, description="user:password required when binding beyond loopback.")
    concurrency: int = Field(
        8, ge=1, le=64, description="Requests the web app answers at once (library writes still run one at a time)."
    )
    workers: int = Field(
        1, ge=1, le=32, description="App processes `coach serve` runs behind one address (one per core answers the "
        "most: a process is bound to one core); each browser session stays on one of them."
    )
    max_upload_mb: float = Field(5.0, gt=0, description="Largest article accepted by upload or paste.")

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def catalog_path(self) -> Path:
        return self.home / "catalog.sqlite3"

    @property
    def history_path(self) -> Path:
        return self.home / "history.sqlite3"

    @property
    def uploads_path(self) -> Path:
        return self.home / "uploads"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return Settings()
