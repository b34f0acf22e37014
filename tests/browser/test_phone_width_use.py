"""On a 360 px phone the chat's question box, its messages and the practice buttons use the screen's width: the box
was 211 px beside "Ask", a message a 250 px column, and "Random question" two lines beside a one-line button."""
from __future__ import annotations

import pytest

from tests.browser.test_app import ask, tab
from tests.browser.test_phone_widths import PHONE, phone  # noqa: F401 - the 360 px page fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_question_box_takes_the_phone_width_and_ask_sits_under_it(phone):
    box = phone.locator("#chat-input textarea").bounding_box()
    button = phone.locator("#ask-btn").bounding_box()
    assert box["width"] >= 0.8 * PHONE["width"], box
    assert button["y"] >= box["y"] + box["height"] - 1, (box, button)  # under it, not squeezing it
    assert button["width"] >= 0.8 * PHONE["width"] and button["height"] >= 40, button  # a large target
    assert button["x"] + button["width"] <= PHONE["width"]


def test_a_message_uses_the_phone_width(phone):
    ask(phone, "How many rounds are in the interview loop?")
    chat = phone.locator("#chatbot").bounding_box()
    answer = phone.locator("#chatbot [data-testid=bot]").last.bounding_box()  # a long answer fills its row
    assert answer["width"] >= 0.85 * chat["width"], (answer, chat)
    for who in ("user", "bot"):  # and no message runs past the conversation's edge
        message = phone.locator(f"#chatbot [data-testid={who}]").last.bounding_box()
        assert message["x"] >= chat["x"] and message["x"] + message["width"] <= chat["x"] + chat["width"] + 1


def test_the_practice_buttons_are_one_line_each(phone):
    tab(phone, "Practice")
    feedback, random_q = (phone.locator(s).bounding_box() for s in ("#critique-btn", "#random-btn"))
    assert feedback["height"] == random_q["height"] < 50, (feedback, random_q)
    assert feedback["width"] >= 0.8 * PHONE["width"] and random_q["y"] > feedback["y"], (feedback, random_q)


def test_the_desktop_keeps_ask_beside_the_box(browser, server):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.goto(server["url"])
    pg.wait_for_selector("#examples button.example-q", timeout=60_000)
    box, button = (pg.locator(s).bounding_box() for s in ("#chat-input textarea", "#ask-btn"))
    assert button["x"] > box["x"] + box["width"] - 1 and abs(button["y"] - box["y"]) < 60, (box, button)
    context.close()
