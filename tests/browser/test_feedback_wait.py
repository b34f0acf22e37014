"""A slow practice feedback says why it is slow: the first one after a start loads the full model (a minute on a busy
machine) and showed only a timer over "Write an answer and press Get feedback". The note is real text in the score's
live region, so a screen reader reads it (it was CSS-generated text, which screen readers may skip)."""
from __future__ import annotations

import pytest

from coach.ui.practice import WAIT_NOTE, WAIT_NOTE_AFTER_MS
from tests.browser.test_app import tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_STATE = """() => { const s = document.getElementById('score'); const note = s.querySelector('.wait-note');
  return {waiting: s.hasAttribute('data-waiting'), note: note ? note.textContent : null,
          live: note ? note.closest('[aria-live]')?.getAttribute('aria-live') : null,
          generated: getComputedStyle(s, '::after').content, done: !!s.querySelector('.score-num')}; }"""


def test_the_wait_note_is_real_text_in_a_live_region_after_a_few_seconds(page):
    tab(page, "Practice")
    page.evaluate("() => window.coachFeedbackWait(true)")
    assert page.evaluate(WAIT_STATE)["note"] is None  # a quick answer never shows it
    page.wait_for_selector("#score .wait-note", timeout=WAIT_NOTE_AFTER_MS + 5_000)
    state = page.evaluate(WAIT_STATE)
    assert state["note"] == WAIT_NOTE and state["live"] == "polite", state
    assert state["generated"] in ("none", "normal"), state  # no CSS text left to read out twice
    assert WAIT_NOTE in page.locator("#score").aria_snapshot()  # in the accessibility tree, as text
    page.evaluate("() => window.coachFeedbackWait(false)")
    state = page.evaluate(WAIT_STATE)
    assert state["note"] is None and not state["waiting"], state


def test_feedback_on_its_way_says_so_after_a_few_seconds_and_the_note_goes_with_it(page):
    tab(page, "Practice")
    page.fill("#practice-question textarea", "Tell me about a time you disagreed with a teammate.")
    page.fill("#practice-answer textarea", "We disagreed about a schema; I wrote both options down and we picked one.")
    page.click("#critique-btn")
    page.wait_for_timeout(WAIT_NOTE_AFTER_MS + 800)
    state = page.evaluate(WAIT_STATE)
    if not state["done"]:  # (a warm server may already have answered)
        assert state["waiting"] and state["note"] == WAIT_NOTE, state
    page.wait_for_selector("#score .score-num", timeout=120_000)
    page.wait_for_function("() => !document.getElementById('score').hasAttribute('data-waiting')", timeout=10_000)
    assert page.evaluate(WAIT_STATE)["note"] is None

    page.fill("#practice-answer textarea", "")  # a refused request leaves no note behind either
    page.click("#critique-btn")
    page.wait_for_selector("#practice-error .inline-error", timeout=30_000)
    page.wait_for_function("() => !document.getElementById('score').hasAttribute('data-waiting')", timeout=10_000)
    page.wait_for_timeout(WAIT_NOTE_AFTER_MS + 500)
    assert page.evaluate(WAIT_STATE)["note"] is None
