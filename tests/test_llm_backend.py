"""LLM backends against the real in-process xllamacpp server with SmolLM2-135M (1 thread): plumbing and guards."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from coach.components.llm import (
    LLMError,
    LLMUnavailable,
    get_llm,
    gguf_server,
    stop_gguf_server,
)
from llm_server import MAX_TOKENS, gguf_llm, llm_settings, smollm2_gguf  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[1]
COLOURS = [{"role": "user", "content": "Name three colours of the rainbow."}]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


# -- configuration errors (no server needed) ------------------------------------------------------------------------
def test_none_means_no_backend(tmp_path):
    assert get_llm(llm_settings(tmp_path, llm="none")) is None


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"llm": "openai", "llm_model": "m"}, "COACH_LLM_BASE_URL"),
        ({"llm": "openai", "llm_base_url": "http://127.0.0.1:1/v1"}, "COACH_LLM_MODEL"),
        ({"llm": "openai", "llm_base_url": "127.0.0.1:1", "llm_model": "m"}, "is not an http(s) URL"),
        ({"llm": "gguf"}, "COACH_LLM_GGUF"),
        ({"llm": "gguf", "llm_gguf": Path("/nonexistent/model.gguf")}, "does not exist"),
    ],
)
def test_missing_settings_name_the_variable(tmp_path, overrides, expected):
    with pytest.raises(LLMUnavailable) as err:
        get_llm(llm_settings(tmp_path, **overrides))
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


def test_gguf_path_must_be_a_real_gguf(tmp_path):
    not_gguf = tmp_path / "model.bin"
    not_gguf.write_bytes(b"GGUF" + b"\0" * 16)
    fake = tmp_path / "fake.gguf"
    fake.write_text("Fictional model file written for Interview Coach's tests.")
    for path, expected in ((not_gguf, "is not a .gguf file"), (fake, "is not a GGUF model"), (tmp_path, "is a folder")):
        with pytest.raises(LLMUnavailable, match="COACH_LLM_GGUF") as err:
            get_llm(llm_settings(tmp_path, llm="gguf", llm_gguf=path))
        assert expected in str(err.value)


# -- the real server --------------------------------------------------------------------------------------------------
@pytest.mark.llm
def test_generate_returns_text(gguf_llm):
    assert gguf_llm.name == "gguf"
    assert gguf_llm.health()
    text = gguf_llm.generate(COLOURS)
    assert isinstance(text, str) and len(text.split()) >= 3


@pytest.mark.llm
def test_max_tokens_bounds_the_reply(gguf_llm):
    long_prompt = [{"role": "user", "content": "Write a long essay about interviews for software engineers."}]
    short = gguf_llm.generate(long_prompt, max_tokens=8)
    longer = gguf_llm.generate(long_prompt, max_tokens=MAX_TOKENS)
    assert len(short.split()) <= 8 < len(longer.split())


@pytest.mark.llm
def test_stream_pieces_join_to_the_full_answer(gguf_llm):
    pieces = list(gguf_llm.stream(COLOURS))
    assert len(pieces) >= 5 and all(isinstance(p, str) and p for p in pieces)
    # Greedy decoding: the streamed reply is the same text as the one-shot reply.
    assert "".join(pieces).strip() == gguf_llm.generate(COLOURS)


@pytest.mark.llm
def test_generate_json_is_schema_valid(gguf_llm):
    import jsonschema

    schema = {
        "type": "object",
        "properties": {
            "verdict": {"type": "string", "enum": ["made", "avoided", "unclear"]},
            "colours": {"type": "array", "items": {"type": "string", "maxLength": 20}, "minItems": 2, "maxItems": 3},
        },
        "required": ["verdict", "colours"],
        "additionalProperties": False,
    }
    messages = [{"role": "user", "content": "Name colours of the rainbow and give a verdict, as JSON."}]
    data = gguf_llm.generate_json(messages, schema, max_tokens=96)
    jsonschema.validate(data, schema)
    assert data["verdict"] in {"made", "avoided", "unclear"}


@pytest.mark.llm
def test_generate_json_cut_short_is_an_llm_error(gguf_llm):
    schema = {"type": "object", "properties": {"essay": {"type": "string"}}, "required": ["essay"]}
    with pytest.raises(LLMError, match="invalid JSON"):
        gguf_llm.generate_json([{"role": "user", "content": "Write a long essay as JSON."}], schema, max_tokens=4)


@pytest.mark.llm
def test_openai_backend_talks_to_the_running_server(gguf_llm, tmp_path):
    """The in-process server *is* an OpenAI-compatible server: the ``openai`` backend must work against it."""
    llm = get_llm(llm_settings(tmp_path, llm="openai", llm_base_url=gguf_llm.base_url, llm_model="smollm2"))
    try:
        assert llm.name == "openai" and llm.health()
        assert llm.generate(COLOURS, max_tokens=16)
        assert len(list(llm.stream(COLOURS, max_tokens=16))) > 1
    finally:
        llm.close()
    assert not llm.health()
    with pytest.raises(LLMUnavailable, match="closed"):
        llm.generate(COLOURS)


def test_dead_port_fails_fast(tmp_path):
    timeout = 5.0
    llm = get_llm(
        llm_settings(tmp_path, llm="openai", llm_base_url=f"http://127.0.0.1:{_closed_port()}/v1", llm_model="m",
                     llm_timeout=timeout)
    )
    assert not llm.health()
    for call in (lambda: llm.generate(COLOURS), lambda: list(llm.stream(COLOURS)),
                 lambda: llm.generate_json(COLOURS, {"type": "object"})):
        start = time.monotonic()
        with pytest.raises(LLMUnavailable) as err:
            call()
        assert time.monotonic() - start < timeout + 1
        assert "cannot reach" in str(err.value) and "COACH_LLM_BASE_URL" in str(err.value)
        assert "\n" not in str(err.value)


@pytest.mark.llm
def test_tiny_timeout_gives_up(gguf_llm, tmp_path):
    llm = get_llm(
        llm_settings(tmp_path, llm="openai", llm_base_url=gguf_llm.base_url, llm_model="m", llm_timeout=0.05,
                     llm_max_tokens=128)
    )
    essay = [{"role": "user", "content": "Write a long essay about system design interviews."}]
    for call in (lambda: llm.generate(essay), lambda: list(llm.stream(essay))):
        start = time.monotonic()
        with pytest.raises(LLMUnavailable, match="COACH_LLM_TIMEOUT"):
            call()
        assert time.monotonic() - start < 0.05 + 1
    llm.close()
    # The server survives abandoned requests.
    assert gguf_llm.generate(COLOURS, max_tokens=8)


@pytest.mark.llm
def test_six_concurrent_requests_all_complete(gguf_llm):
    """Issue 6: the OpenAI-compatible backend under load (1 slot by default: requests queue, none is dropped)."""
    prompts = [[{"role": "user", "content": f"Give one tip for interview number {i}."}] for i in range(6)]
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=6) as pool:
        replies = list(pool.map(lambda m: gguf_llm.generate(m, max_tokens=32), prompts))
    elapsed = time.monotonic() - start
    assert len(replies) == 6 and all(r.strip() for r in replies)
    assert elapsed < 60, f"6 concurrent requests took {elapsed:.1f}s"


@pytest.mark.llm
def test_one_server_per_gguf_path_even_when_started_concurrently(smollm2_gguf, tmp_path):
    copy = tmp_path / "copy-of-smollm2.gguf"
    try:
        os.link(smollm2_gguf, copy)
    except OSError:
        shutil.copyfile(smollm2_gguf, copy)
    barrier = threading.Barrier(4)

    def start():
        barrier.wait()
        return gguf_server(copy, threads=1, parallel=1)

    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            records = list(pool.map(lambda _: start(), range(4)))
        assert len({id(r) for r in records}) == 1
        port = records[0].port
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
    finally:
        assert stop_gguf_server(copy)
    assert not records[0].alive
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


@pytest.mark.llm
def test_in_process_server_stops_at_exit(smollm2_gguf):
    code = (
        "import sys\n"
        "from coach.settings import Settings\n"
        "from coach.components.llm import get_llm\n"
        f"llm = get_llm(Settings(home='unused', llm='gguf', llm_gguf={str(smollm2_gguf)!r}, llm_max_tokens=8))\n"
        "print(llm.base_url, flush=True)\n"
        "assert llm.generate([{'role': 'user', 'content': 'Hi'}])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    port = int(done.stdout.strip().rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
