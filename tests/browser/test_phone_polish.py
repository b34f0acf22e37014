"""What a phone user meets that a desktop user does not: a decline that fits the screen, a footer without a stray
separator once Gradio hides its API link."""
from __future__ import annotations

import pytest

from tests.browser.test_app import ask, last_answer, tab

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(params=[(360, 740), (1360, 900)], ids=["small-phone", "desktop"])
def sized(request, browser, server):
    w, h = request.param
    context = browser.new_context(viewport={"width": w, "height": h})
    pg = context.new_page()
    pg.goto(server["url"])
    pg.wait_for_selector("#examples button.example-q", timeout=60_000)
    pg.width = w  # type: ignore[attr-defined]
    yield pg
    context.close()


def test_footer_has_no_stray_separator(sized):
    footer = sized.locator("footer")
    text = footer.inner_text().strip()
    assert not text.startswith("·") and not text.endswith("·"), repr(text)
    seps = sized.evaluate("""() => {
        const f = document.querySelector('footer');
        const divs = [...f.querySelectorAll('.divider')].filter(d => getComputedStyle(d).display !== 'none');
        const api = f.querySelector('.show-api');
        const after = api && getComputedStyle(api).display !== 'none' ? getComputedStyle(api, '::after').content : '';
        return divs.length + (after.includes('·') ? 1 : 0);
    }""")
    api_shown = sized.locator("footer .show-api").is_visible()
    # Two links (API, Settings) take one separator between them; Settings alone takes none.
    assert seps == (1 if api_shown else 0), (seps, api_shown, text)
    if sized.width <= 640:
        assert not api_shown
    else:  # the separator is drawn, not read out as part of the link's name
        assert "Use via API" in footer.aria_snapshot() and "·" not in footer.aria_snapshot()


def test_a_decline_fits_a_phone_screen_and_opens_for_more(sized):
    if sized.width > 640:
        pytest.skip("the phone's case")
    text = ask(sized, "What is a good recipe for sourdough bread?")
    assert text.startswith("I can't answer that from the library"), text
    answer = last_answer(sized)
    height = answer.bounding_box()["height"]
    assert height < 400, f"the decline is {height:.0f} px tall on a {sized.width} px screen"
    more = answer.locator("details.decline-more")
    assert not more.evaluate("d => d.open") and "Articles:" in more.text_content()
    more.locator("summary").click()
    assert more.evaluate("d => d.open") and answer.bounding_box()["height"] > height


def test_feedback_shows_one_progress_indicator_and_is_announced(sized):
    """Gradio drew "processing" over all seven outputs at once; the score, which the user waits for, carries it, and
    is a live region, since focus stays on the button."""
    if sized.width > 640:
        pytest.skip("the phone's case")
    tab(sized, "Practice")
    assert sized.get_attribute("#score", "aria-live") == "polite"
    sized.fill("#practice-question textarea", "Tell me about an incident you handled while on call.")
    sized.fill("#practice-answer textarea", "The outage was the platform team's problem, so I waited for them.")
    sized.click("#critique-btn")
    busy = "#{0} .eta-bar, #{0} .progress-text, #{0} .wrap.default:not(.hide)"
    sized.wait_for_selector(busy.format("score"), timeout=10_000)
    others = ["highlight", "notes", "rubric", "history-plot"]
    shown = {name: sized.locator(busy.format(name)).count() for name in others}
    assert not any(shown.values()), shown
    sized.wait_for_selector("#score .score-num", timeout=60_000)


def test_adding_and_removing_come_before_the_document_cards_on_a_phone(sized):
    tab(sized, "Library")
    sized.wait_for_selector("#library-table table")
    table, upload = (sized.locator(s).bounding_box() for s in ("#library-table", "#upload"))
    remove = sized.locator("#delete-row").bounding_box()
    if sized.width <= 640:
        assert upload["y"] < table["y"] and remove["y"] < table["y"], (upload, remove, table)
    else:  # a desktop shows the documents first, as before
        assert table["y"] < upload["y"]


def test_a_file_of_the_wrong_type_is_refused_where_it_was_chosen(sized, tmp_path):
    """Gradio's type check showed a toast that vanished; "Add uploaded files" then said to choose a file, as if none
    had been. The refusal names the file and the types to use, and stays next to the upload."""
    if sized.width <= 640:
        pytest.skip("the desktop's case (the phone's upload is the same control)")
    tab(sized, "Library")
    bad = tmp_path / "setup.exe"
    bad.write_bytes(b"MZ\x00\x01 not an article")
    sized.locator("#upload input[type=file]").set_input_files(str(bad))
    error = sized.locator("#upload-error .inline-error")
    error.wait_for(timeout=10_000)
    text = error.inner_text()
    assert "setup.exe cannot be added" in text and ".md, .txt, .html or .pdf" in text and "Nothing was uploaded" in text
    assert sized.locator("[data-testid=toast-body]").count() == 0  # no vanishing toast instead
    good = tmp_path / "notes.md"
    good.write_text("# Notes\n\nFictional text for a test.\n")
    sized.locator("#upload input[type=file]").set_input_files(str(good))
    sized.wait_for_timeout(500)
    assert sized.locator("#upload-error .inline-error").count() == 0  # a good type clears the refusal
