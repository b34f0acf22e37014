"""Refresh the README's screenshots: the default library (the seed article) in headless Chromium at 1360x900 and
at a phone's 390x844. Run from the checkout: ``.venv/bin/python scripts/readme_screenshots.py``."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SEED  # noqa: E402
from tests.processes import coach_env, ingest_home, running_server  # noqa: E402

QUESTION = "How do Applied Scientist and MLE interviews differ in system design?"


def shoot(browser, url: str, size: tuple[int, int], out: Path) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, device_scale_factor=1)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#examples button.example-q", timeout=120_000)
    page.fill("#chat-input textarea", QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector("#chatbot .answer-text", timeout=120_000)
    page.wait_for_timeout(1_000)
    page.locator("#chatbot a.cite").first.click()  # opens source [1] below the answer
    page.wait_for_timeout(1_000)
    page.screenshot(path=str(out))
    context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    home = Path(tempfile.mkdtemp(prefix="coach-shots-")) / "home"
    ingest_home(home, [SEED])
    with running_server(home, env=coach_env(home), timeout=180) as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        shoot(browser, srv["url"], (1360, 900), ROOT / "docs" / "screenshot.png")
        shoot(browser, srv["url"], (390, 844), ROOT / "docs" / "screenshot-phone.png")
        browser.close()
    print("wrote docs/screenshot.png and docs/screenshot-phone.png")


if __name__ == "__main__":
    main()
