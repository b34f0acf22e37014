"""A slow practice feedback says why it is slow: the first one after a start loads the full model (a minute on a busy
machine) and showed only a timer over "Write an answer and press Get feedback"."""
from __future__ import annotations

import pytest

from tests.browser.test_app import tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_STATE = """() => { const s = document.getElementById('score'); const after = getComputedStyle(s, '::after');
  return {waiting: s.hasAttribute('data-waiting'), text: after.content, delay: after.animationDelay,
          done: !!s.querySelector('.score-num')}; }"""


def test_feedback_on_its_way_says_so_after_a_few_seconds_and_the_note_goes_with_it(page):
    tab(page, "Practice")
    page.fill("#practice-question textarea", "Tell me about a time you disagreed with a teammate.")
    page.fill("#practice-answer textarea", "We disagreed about a schema; I wrote both options down and we picked one.")
    page.click("#critique-btn")
    state = page.evaluate(WAIT_STATE)
    if not state["done"]:  # (a warm server may already have answered)
        assert state["waiting"] and "Still reading your answer" in state["text"], state
        assert state["delay"] == "4s", state  # a quick answer never shows it
    page.wait_for_selector("#score .score-num", timeout=120_000)
    page.wait_for_function("() => !document.getElementById('score').hasAttribute('data-waiting')", timeout=10_000)
    assert page.evaluate(WAIT_STATE)["text"] in ("none", "normal")

    page.fill("#practice-answer textarea", "")  # a refused request leaves no note behind either
    page.click("#critique-btn")
    page.wait_for_selector("#practice-error .inline-error", timeout=30_000)
    page.wait_for_function("() => !document.getElementById('score').hasAttribute('data-waiting')", timeout=10_000)
