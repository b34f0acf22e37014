"""Real headless Chromium against a real ``coach serve`` subprocess on a free port with a tmp COACH_HOME.

The server starts with the seed corpus article and the fictional OrbitWorks page ingested; the tests add the
NimbusFin article and a script-laden article through the UI itself. Screenshots go to test-output/screenshots/.
"""
from __future__ import annotations

import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.processes import coach_env, ingest_home, running_server

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


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> dict:
    """``coach serve`` in a subprocess; yields its URL, home and log path."""
    home = tmp_path_factory.mktemp("browser") / "home"
    ingest_home(home, [SEED, FIXTURES / "orbitworks_swe_vs_sre.html"], timeout=600)
    env = coach_env(home, COACH_MAX_UPLOAD_MB=str(MAX_UPLOAD_MB))
    with ExitStack() as stack:
        try:
            srv = stack.enter_context(running_server(home, env=env, timeout=120))
        except RuntimeError as exc:  # the log tail says why; fail loudly instead of erroring every browser test
            pytest.fail(str(exc))
        yield {"url": srv["url"], "home": home, "log": srv["log"], "port": srv["port"],
               "max_upload_mb": MAX_UPLOAD_MB}


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
