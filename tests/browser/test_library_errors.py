"""The Library tab when files cannot be added: each file's reason on its own line, in plain words, beside the upload,
and what was added said as well when some files were fine."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_app import tab
from tests.test_loaders import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = """# Quillmark Product Designer Interview: The Portfolio Round

*Fictional article written for Interview Coach's tests; the company and all figures are invented.*

The Quillmark Product Designer loop has 3 rounds: a recruiter call, a portfolio review and a whiteboard critique.
Bring two case studies to the portfolio review and say what you would change about each of them today.
"""


def add(page, paths, where: str) -> None:
    tab(page, "Library")
    page.locator("#upload input[type=file]").set_input_files([str(p) for p in paths])
    page.wait_for_timeout(500)
    page.click("#upload-btn")
    page.wait_for_selector(f"{where} .file-errors li", timeout=120_000)


def test_bad_files_are_listed_one_by_one_in_plain_words(page, tmp_path):
    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    broken = tmp_path / "guide.pdf"
    broken.write_bytes(good[: len(good) // 3])  # a download that stopped early
    photo = tmp_path / "notes.md"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    add(page, [broken, photo], "#upload-error")
    box = page.locator("#upload-error .inline-error")
    assert box.inner_text().lstrip("! ").startswith("Nothing was added:")
    items = box.locator(".file-errors li").all_inner_texts()
    assert len(items) == 2, items
    by_name = {t.split(":", 1)[0]: t for t in items}
    assert "damaged or incomplete" in by_name["guide.pdf"] and "PNG image" in by_name["notes.md"], items
    for text in items:  # no pypdf class name ('PdfStreamError') or byte offsets
        assert not re.search(r"[A-Z][a-z]+Error\b|0x[0-9a-f]{2}", text), text
    assert page.locator("#upload").inner_text().count(".pdf") >= 1  # the chosen files stay to be removed or fixed
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_what_was_added_and_what_was_not_are_both_said(page, tmp_path):
    article = tmp_path / "quillmark_designer.md"
    article.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "draft.md"
    empty.write_bytes(b"")
    add(page, [article, empty], "#library-status")
    assert page.inner_text("#library-status .inline-ok").startswith("Added “Quillmark Product Designer")
    box = page.locator("#library-status .inline-error")
    assert box.inner_text().lstrip("! ").startswith("Not added:")
    items = box.locator(".file-errors li").all_inner_texts()
    assert len(items) == 1 and items[0].startswith("draft.md is empty (0 bytes)"), items  # the others still added


def test_the_delete_confirmation_has_one_id_and_one_border(page):
    """Gradio drew the shown confirmation group inside a copy of itself, both with its id: two red borders."""
    tab(page, "Library")
    page.locator("#delete-doc input").click()
    page.get_by_role("option").first.click()
    page.click("#delete-btn")
    page.wait_for_selector("#confirm-delete-btn", state="visible", timeout=30_000)
    page.wait_for_timeout(300)
    assert page.locator("[id=confirm-delete]").count() == 1
    borders = page.evaluate("""() => [...document.querySelectorAll('#confirm-delete, #confirm-delete *')]
        .filter(e => getComputedStyle(e).borderTopColor === 'rgb(185, 28, 28)'
                     && parseFloat(getComputedStyle(e).borderTopWidth) >= 2).length""")
    assert borders == 1, borders
    page.click("#cancel-delete-btn")  # nothing is deleted
    page.wait_for_selector("#confirm-delete-btn", state="hidden", timeout=10_000)
