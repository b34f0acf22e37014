"""Subprocess servers for tests and benches: `coach serve` and a real Chroma server (`chroma run`, shipped in the
chromadb wheel) on free loopback ports, waited for over HTTP and stopped (only them) afterwards.

Coach-independent: nothing here imports ``coach``, so importing it costs no model or library start-up.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def coach_bin() -> str:
    exe = Path(sys.executable).with_name("coach")
    return str(exe) if exe.exists() else shutil.which("coach") or "coach"


def coach_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a `coach` subprocess on ``home``: no LLM, no outside lookups."""
    env = dict(os.environ, COACH_HOME=str(home), COACH_LLM="none", HF_HUB_OFFLINE="1",
               GRADIO_ANALYTICS_ENABLED="False")
    # The subprocess runs this checkout's code even when the venv's editable install points at another checkout.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env.pop("COACH_AUTH", None)
    env.update(extra)
    return env


def ingest_home(home: Path, paths: list[Path], timeout: float = 900) -> None:
    """`coach ingest PATHS` into ``home`` (a subprocess, as a user would run it)."""
    done = subprocess.run([coach_bin(), "ingest", *map(str, paths)], cwd=ROOT, env=coach_env(home),
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"coach ingest failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def wait_http(url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 180, auth_ok: bool = False,
              interval: float = 0.3) -> None:
    """Until ``url`` answers 200 (any HTTP status counts when ``auth_ok``: a login page is up too).

    Raises RuntimeError with the tail of ``log_path`` when ``proc`` exits or ``timeout`` passes first.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except urllib.error.HTTPError:
            if auth_ok:
                return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            name = " ".join([Path(str(proc.args[0])).name, *map(str, proc.args[1:2])])  # "coach serve", "chroma run"
            raise RuntimeError(f"{name} did not come up: {log_path.read_text()[-3000:]}")
        time.sleep(interval)


def stop(proc: subprocess.Popen) -> None:
    """Terminate ``proc``; kill it if it has not exited within 15 s."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def running_server(home: Path, *args: str, port: int | None = None, env: dict[str, str] | None = None,
                   timeout: float = 180) -> Iterator[dict]:
    """`coach serve --port P ARGS` on ``home``; yields {url, port, pid, log, proc}; stops it (only it) afterwards.

    Only a server given a password (COACH_AUTH in ``env``) may count as up on a non-200 (its login wall).
    """
    port = port or free_port()
    env = env or coach_env(home)
    log_path = home.parent / f"serve-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        proc = subprocess.Popen([coach_bin(), "serve", "--port", str(port), *args], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_http(url, proc, log_path, timeout, auth_ok=bool(env.get("COACH_AUTH")))
            yield {"url": url, "port": port, "pid": proc.pid, "log": log_path, "proc": proc}
        finally:
            stop(proc)


def wait_log(srv: dict, text: str, timeout: float = 300) -> None:
    """Until ``text`` appears in the log of a ``running_server`` (e.g. every app process of `--workers N` is up)."""
    deadline = time.monotonic() + timeout
    while text not in srv["log"].read_text():
        if srv["proc"].poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{text!r} not in the server log: {srv['log'].read_text()[-3000:]}")
        time.sleep(0.3)


@contextmanager
def chroma_server(data_dir: Path, timeout: float = 60.0) -> Iterator[str]:
    """`chroma run` on ``data_dir`` and a free loopback port; yields its URL, stops it afterwards."""
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    log_path = data_dir.parent / f"chroma-{port}.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([str(chroma), "run", "--path", str(data_dir), "--host", "127.0.0.1",
                                 "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_http(f"{url}/api/v2/heartbeat", proc, log_path, timeout)
            yield url
        finally:
            stop(proc)
