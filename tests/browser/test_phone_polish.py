"""What a phone user meets that a desktop user does not: a decline that fits the screen, a footer without a stray
separator once Gradio hides its API link."""
from __future__ import annotations

import pytest

from tests.browser.test_app import ask, last_answer

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


def test_a_decline_fits_a_phone_screen_and_opens_for_more(sized):
    if sized.width > 640:
        pytest.skip("the phone's case")
    text = ask(sized, "What is a good recipe for sourdough bread?")
    assert text.startswith("I can't answer that from the library"), text
    answer = last_answer(sized)
    height = answer.bounding_box()["height"]
    assert height < 400, f"the decline is {height:.0f} px tall on a {sized.width} px screen"
    more = answer.locator("details.decline-more")
    assert not more.locator("text=Articles:").is_visible()
    more.locator("summary").click()
    assert more.locator("text=Articles:").is_visible()
