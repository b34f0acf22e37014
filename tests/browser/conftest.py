"""Real headless Chromium against a real ``coach serve`` subprocess on a free port with a tmp COACH_HOME.

The server starts with the seed corpus article and the fictional OrbitWorks page ingested; the tests add the
NimbusFin article and a script-laden article through the UI itself. Screenshots go to test-output/screenshots/.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
MAX_UPLOAD_MB = 1  # small, so the size-limit test needs only a 1.5 MB file


def _loud_skip(reason: str) -> None:
    bar = "!" * 78
    print(f"\n{bar}\nBROWSER TESTS SKIPPED: {reason}\n{bar}\n", file=sys.stderr)
    pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        subprocess.run(["bash", str(ROOT / "scripts" / "install-browser.sh")], check=False, timeout=900)
    if not CHROMIUM.exists():
        _loud_skip("chromium could not be installed (run scripts/install-browser.sh as root)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _loud_skip("the Python playwright package is missing (pip install -e '.[dev]')")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _coach_bin() -> str:
    exe = Path(sys.executable).with_name("coach")
    return str(exe) if exe.exists() else shutil.which("coach") or "coach"


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> dict:
    """``coach serve`` in a subprocess; yields its URL, home and log path."""
    home = tmp_path_factory.mktemp("browser") / "home"
    log_path = home.parent / "serve.log"
    env = dict(os.environ, COACH_HOME=str(home), COACH_MAX_UPLOAD_MB=str(MAX_UPLOAD_MB), COACH_LLM="none",
               GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1")
    ingest = subprocess.run([_coach_bin(), "ingest", str(SEED), str(FIXTURES / "orbitworks_swe_vs_sre.html")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    port = _free_port()
    log = open(log_path, "w")
    proc = subprocess.Popen([_coach_bin(), "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"coach serve did not come up: {log_path.read_text()[-3000:]}")
        time.sleep(0.3)
    yield {"url": url, "home": home, "log": log_path, "port": port, "max_upload_mb": MAX_UPLOAD_MB}
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    # Playwright gives each launch a fresh temporary profile, so no --user-data-dir is needed.
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser context (its own Gradio session) on the app; records every request it makes."""
    context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(server["url"])
    pg.wait_for_selector("#chatbot", timeout=60_000)
    # The first load event fills the role lists and examples.
    pg.wait_for_selector("#examples button.example-q", timeout=60_000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
