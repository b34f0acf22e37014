"""What a 360 px phone gives each control: the practice answer box and the chat hint use the screen's width, and the
progress plot's legend keeps its swatches beside long rubric labels."""
from __future__ import annotations

import pytest

from coach.models import Attempt, RubricItem
from coach.ui import practice, render
from tests.browser.test_app import tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    pg.goto(server["url"])
    pg.wait_for_selector("#examples button.example-q", timeout=60_000)
    yield pg
    context.close()


def test_the_practice_answer_box_uses_the_phone_width(phone):
    tab(phone, "Practice")
    box = phone.locator("#practice-answer textarea").bounding_box()
    assert box["width"] >= 0.85 * PHONE["width"], box  # page margins and the block's padding only
    assert box["x"] + box["width"] <= PHONE["width"]


def test_the_chat_hint_sits_under_new_conversation_on_a_phone(phone):
    button = phone.locator("#clear-btn").bounding_box()
    hint = phone.locator("#chat-actions .hint").bounding_box()
    assert hint["y"] >= button["y"] + button["height"] - 1, (button, hint)
    assert hint["width"] >= 0.8 * PHONE["width"], hint  # was a 130 px column of six lines beside the button
    assert hint["height"] < 80, hint


def test_a_long_dropdown_value_stops_before_its_arrow(phone):
    tab(phone, "Compare roles")
    phone.wait_for_timeout(1000)
    ends = phone.evaluate("""() => { const i = document.querySelector('#compare-doc input[role=combobox]');
        const icon = i.parentElement.querySelector('svg, .icon-wrap'); const r = i.getBoundingClientRect();
        const cs = getComputedStyle(i);
        return {text: r.right - parseFloat(cs.paddingRight), arrow: icon.getBoundingClientRect().left,
                long: i.scrollWidth > i.clientWidth, overflow: cs.textOverflow}; }""")
    assert ends["text"] <= ends["arrow"] + 1, ends
    if ends["long"]:  # an article title longer than the box ends in "…"
        assert ends["overflow"] == "ellipsis", ends


def test_legend_swatches_keep_their_size_beside_long_labels(browser):
    band = ("Throughout the interview, communication was insufficient or disorganized; the interviewer had "
            "difficulty following the candidate's thought process")  # a scoring band's text (fictional)
    rubric = [RubricItem(id=f"r{i}", mistake=f"{band} ({i})") for i in range(3)]
    attempts = [Attempt(id=n, time=f"2026-01-0{n}T10:00:00", role="Software Engineer", question="Q?", answer="A",
                        score=40 + 10 * n, verdicts={r.id: "unclear" for r in rubric}) for n in (1, 2)]
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    pg.set_content(f"<style>{practice.CSS}</style><div style='width: 330px'>"
                   f"{render.progress_svg(attempts, rubric)}</div>")
    widths = pg.eval_on_selector_all(".progress-legend li > svg",
                                     "els => els.map(e => e.getBoundingClientRect().width)")
    context.close()
    assert len(widths) == 4 and all(w == 28 for w in widths), widths
