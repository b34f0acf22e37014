"""The app on a desktop (1360x900) and a phone (390x844): no sideways scrolling on any tab, no serious or critical
axe-core violation, citations that open their source, errors that stay next to their control, a delete that asks
first and takes the deleted article's practice state with it, and a conversation that survives a reload."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.ui.chat import STORAGE_KEY
from tests.browser.test_app import FIXTURES, ask, choose, critique, tab, wait_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORTS = {"desktop": (1360, 900), "phone": (390, 844), "small-phone": (360, 740)}
TABS = ["Chat", "Practice", "Compare roles", "Library"]


@pytest.fixture(params=["desktop", "phone"])
def sized(request, browser, server):
    """A fresh browser context at one of the two sizes, on the loaded app."""
    w, h = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": w, "height": h},
                                  permissions=["clipboard-read", "clipboard-write"])
    pg = context.new_page()
    pg.goto(server["url"])
    pg.wait_for_selector("#examples button.example-q", timeout=60_000)
    pg.size_name = request.param  # type: ignore[attr-defined]
    yield pg
    context.close()


def overflow(page) -> int:
    """How far the document is wider than the viewport (0 = no horizontal scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("sized", list(VIEWPORTS), indirect=True)
def test_every_tab_fits_the_screen_and_passes_axe(sized, shots):
    # Content first: an answer, feedback with its rubric table and plot, so every table is on the page.
    ask(sized, "How many rounds does the OrbitWorks SRE loop have?")
    critique(sized, "Site Reliability Engineer", "Tell me about an incident you handled while on call.",
              "Honestly the outage was the platform team's problem, not mine, so I waited for them to fix it.")
    # One attempt already draws a marker, and the legend shows whole labels.
    assert sized.locator("#history-plot svg.progress-svg :is(circle, rect, polygon)").count() >= 1
    legend = sized.locator("#history-plot .progress-legend li").all_inner_texts()
    assert legend and legend[0].startswith("Overall score") and not any("…" in t for t in legend), legend
    problems = {}
    for name in TABS:
        tab(sized, name)
        sized.wait_for_timeout(400)
        assert overflow(sized) <= 0, f"{name} scrolls sideways by {overflow(sized)} px on {sized.size_name}"
        # Every tab stays reachable: none is moved into an overflow menu.
        assert sized.get_by_role("tab", name=name).is_visible()
        problems[name] = serious_violations(sized)
        sized.screenshot(path=str(shots / f"{sized.size_name}-{name.split()[0].lower()}.png"), full_page=True)
    assert all(not v for v in problems.values()), problems


def test_citation_opens_and_scrolls_to_its_source(sized):
    ask(sized, "How long does the OrbitWorks interview process take?")
    answer = sized.locator("#chatbot .answer").last
    cites = answer.locator(".answer-text a.cite")
    assert cites.count() >= 1
    cite = cites.last
    n = int(re.sub(r"\D", "", cite.inner_text()))
    source = answer.locator("details.source").nth(n - 1)
    assert source.get_attribute("open") is None
    cite.focus()
    sized.keyboard.press("Enter")  # keyboard users open it the same way
    sized.wait_for_function("el => el.open", arg=source.element_handle(), timeout=5_000)
    sized.wait_for_timeout(800)  # smooth scrolling
    box = source.bounding_box()
    chat = sized.locator("#chatbot").bounding_box()
    assert box and chat and box["y"] < chat["y"] + chat["height"] and box["y"] + 10 > chat["y"], (box, chat)
    assert sized.evaluate("document.activeElement.tagName") == "SUMMARY"
    # Keyboard focus is visible: Tab from the question box lands on "Ask", drawn with an outline.
    sized.locator("#chat-input textarea").focus()
    sized.keyboard.press("Tab")
    focused = sized.evaluate("[document.activeElement.id, getComputedStyle(document.activeElement).outlineStyle,"
                             " getComputedStyle(document.activeElement).outlineWidth]")
    assert focused[0] == "ask-btn" and focused[1] == "solid" and focused[2] != "0px", focused
    # Screen readers get the message as text, and Copy puts text (not HTML) on the clipboard.
    label = sized.locator("#chatbot [data-testid=bot]").last.get_attribute("aria-label")
    assert label.startswith("Coach: ") and "<" not in label
    sized.locator("#chatbot button[aria-label='Copy message']").last.click()
    copied = sized.evaluate("navigator.clipboard.readText()")
    assert "weeks" in copied and "Sources:" in copied and "<div" not in copied and "class=" not in copied


def test_errors_stay_next_to_their_control(sized, server, tmp_path):
    too_long = "How many rounds are there? " * 80  # over 2,000 characters
    sized.fill("#chat-input textarea", too_long)
    bubbles = sized.locator("#chatbot .user-msg").count()
    sized.keyboard.press("Enter")
    wait_text(sized, "#chat-error", "characters long", timeout=20_000)
    message = sized.inner_text("#chat-error").lstrip("! ")  # the "!" icon is hidden from screen readers
    assert re.search(r"\d,\d{3} characters", message) and message[0].isupper(), message
    assert sized.locator("#chatbot .user-msg").count() == bubbles  # nothing was posted
    assert sized.input_value("#chat-input textarea") == too_long  # and the question is kept
    sized.wait_for_timeout(6_000)
    assert sized.locator("#chat-error .inline-error").is_visible()  # still there: no toast that fades
    sized.fill("#chat-input textarea", "How many rounds")
    sized.locator("#chat-input textarea").press_sequentially("?")  # typing again dismisses the error
    sized.wait_for_function("() => !document.querySelector('#chat-error .inline-error')", timeout=10_000)

    tab(sized, "Practice")
    sized.fill("#practice-answer textarea", "")
    sized.click("#critique-btn")
    wait_text(sized, "#practice-error", "Write your answer first")
    sized.wait_for_timeout(6_000)
    assert sized.locator("#practice-error .inline-error").is_visible()

    big = tmp_path / "huge_article.txt"
    big.write_bytes(b"Fictional article written for Interview Coach's tests.\n" +
                    b"x" * int(server["max_upload_mb"] * 1.5 * 1024 * 1024))
    tab(sized, "Library")
    sized.locator("#upload input[type=file]").set_input_files(str(big))
    wait_text(sized, "#upload-error", "upload limit")
    sized.wait_for_timeout(6_000)
    text = sized.inner_text("#upload-error")
    assert "huge_article.txt" in text and "1 MB" in text, text
    assert overflow(sized) <= 0


def test_delete_asks_first_and_clears_practice(browser, server, tmp_path, shots):
    """A fictional copy of the NimbusFin article (renamed Corvane) is added, practised on, then deleted."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server["url"])
    page.wait_for_selector("#examples button.example-q", timeout=60_000)
    text = (FIXTURES / "nimbusfin_data_scientist_vs_data_engineer.md").read_text(encoding="utf-8")
    path = tmp_path / "corvane_ds_vs_de.md"
    # Its own questions too, so that none of them is still in the library (from NimbusFin) after the delete.
    path.write_text(text.replace("NimbusFin", "Corvane").replace("card transactions", "loyalty-point transactions"),
                    encoding="utf-8")
    tab(page, "Library")
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.wait_for_timeout(500)
    page.click("#upload-btn")
    wait_text(page, "#library-status", "Corvane", timeout=120_000)
    status = page.inner_text("#library-status")
    # The message counts this article's own chunks, not the library's totals.
    own = re.search(r"(\d[\d,]*) chunks", status)
    assert status.startswith("Added “Corvane") and own, status
    total = int(re.search(r"([\d,]+)\s*chunks", page.inner_text("#library-stats")).group(1).replace(",", ""))
    assert int(own.group(1).replace(",", "")) < total
    wait_text(page, "#library-table", "Corvane")
    table = page.inner_text("#library-table")
    assert "corvane_ds_vs_de.md" in table and str(server["home"]) not in table and "/tmp/" not in table

    tab(page, "Practice")
    choose(page, "practice-role", "Data Engineer")
    page.locator("#practice-bank input").click()
    page.get_by_role("option", name=re.compile("pipeline", re.I)).first.click()
    question = page.input_value("#practice-question textarea")
    assert question
    page.fill("#practice-answer textarea", "I would train a gradient boosting model to predict which rows matter.")
    page.locator("#practice-answer textarea").press("Control+Enter")  # the keyboard way to ask for feedback
    page.wait_for_selector("#score .score-num", timeout=60_000)

    tab(page, "Library")
    page.locator("#delete-doc input").click()
    page.get_by_role("option", name=re.compile("^Corvane")).click()
    page.click("#delete-btn")
    confirm = page.locator("#confirm-text")
    confirm.wait_for(timeout=10_000)
    assert "Delete “Corvane" in confirm.inner_text()
    assert page.locator("#confirm-delete-btn").is_visible()
    page.screenshot(path=str(shots / "phone-delete-confirm.png"), full_page=True)
    page.click("#cancel-delete-btn")
    page.wait_for_timeout(800)
    assert "Corvane" in page.inner_text("#library-table")  # cancel keeps it
    # The confirmation's buttons go with it: focus returns to "Remove…", not to the page (the next Tab went to the
    # footer).
    page.wait_for_function("() => document.activeElement?.id === 'delete-btn'", timeout=10_000)

    page.locator("#delete-doc input").click()
    page.get_by_role("option", name=re.compile("^Corvane")).click()
    page.click("#delete-btn")
    page.click("#confirm-delete-btn")
    page.wait_for_function(
        "() => !(document.querySelector('#library-table')?.innerText || '').includes('Corvane')", timeout=60_000)
    wait_text(page, "#library-status", "Removed “Corvane")
    page.wait_for_function("() => document.activeElement?.id === 'delete-btn'", timeout=10_000)

    tab(page, "Practice")
    page.wait_for_function("() => !document.querySelector('#score .score-num')", timeout=20_000)
    assert page.input_value("#practice-question textarea") != question
    assert "machine learning models" not in page.inner_text("#rubric")
    context.close()


def test_conversation_survives_a_reload(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server["url"])
    page.wait_for_selector("#examples button.example-q", timeout=60_000)
    stored = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY)
    answer = ask(page, "How many rounds does the OrbitWorks SWE loop have?")
    # The browser writes its storage after it renders the final answer (later still on a loaded machine).
    page.wait_for_function("([k, v]) => localStorage.getItem(k) !== v", arg=[STORAGE_KEY, stored], timeout=60_000)
    page.reload()
    page.wait_for_selector("#examples button.example-q", timeout=60_000)
    page.wait_for_selector("#chatbot .answer-text", timeout=60_000)
    assert page.locator("#chatbot .answer-text").last.inner_text() == answer
    # The restored conversation is the Coach's context too: a follow-up resolves against it.
    follow = ask(page, "And how long does their process take?")
    assert "week" in follow, follow
    context.close()
