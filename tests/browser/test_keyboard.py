"""Keyboard order through the dropdowns: Tab from a role, company or question-bank box lands on the next control,
never on the page body (Chromium makes an open option list that scrolls a Tab stop, and the list closes as the box
loses focus). A short window makes every open list scroll, as a long question bank does on any screen."""
from __future__ import annotations

import pytest

from tests.browser.test_app import tab
from tests.browser.test_responsive_a11y import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# (tab, box, the control Tab must reach next)
ORDER = [
    ("Chat", "chat-role", "#chat-company input"),
    ("Chat", "chat-company", "#examples button.example-q"),
    ("Practice", "practice-role", "#practice-bank input"),
    ("Practice", "practice-bank", "#practice-question textarea"),
]


@pytest.fixture(params=[(360, 260), (1360, 300)], ids=["phone", "desktop"])
def short(request, browser, server):
    context = browser.new_context(viewport={"width": request.param[0], "height": request.param[1]})
    pg = context.new_page()
    pg.goto(server["url"])
    pg.wait_for_selector("#examples button.example-q", timeout=60_000)
    yield pg
    context.close()


def _focused_matches(page, selector: str) -> bool:
    return page.evaluate("(sel) => { const a = document.activeElement; return !!a && a === document.querySelector(sel) "
                         "|| [...document.querySelectorAll(sel)].includes(a); }", selector)


def test_tab_from_each_dropdown_reaches_the_next_control(short):
    for name, box, after in ORDER:
        tab(short, name)
        short.locator(f"#{box} input").focus()
        short.wait_for_selector(f"#{box} ul[role=listbox]", timeout=5_000)  # the list is open, as a user sees it
        short.keyboard.press("Tab")
        short.wait_for_timeout(200)
        where = short.evaluate("() => document.activeElement?.tagName + ' ' + (document.activeElement?.id || '')")
        assert _focused_matches(short, after), f"Tab from #{box} went to {where}, not {after}"
        short.keyboard.press("Shift+Tab")
        short.wait_for_timeout(200)
        assert _focused_matches(short, f"#{box} input"), f"Shift+Tab did not come back to #{box}"
    # the open list is still announced as a listbox, and no serious axe-core violation comes with the change
    short.locator("#practice-bank input").focus()
    short.wait_for_selector("#practice-bank ul[role=listbox]", timeout=5_000)
    assert short.locator("#practice-bank ul[role=listbox]").get_attribute("tabindex") == "-1"
    assert serious_violations(short) == []
