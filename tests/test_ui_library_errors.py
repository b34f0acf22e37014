"""render.files_error_html: files that could not be added, one to a line, each opening with its name in bold."""
from __future__ import annotations

from coach.ui import render


def test_each_file_is_its_own_item_with_its_name_in_bold_and_escaped():
    html = render.files_error_html("Nothing was added:", [
        ("a<b>.md", "a<b>.md: binary content, not text; add the article's text"),
        ("guide.pdf", "guide.pdf is empty (0 bytes); check that you chose the right file"),
    ])
    assert html.count("<li>") == 2 and 'role="alert"' in html
    assert "<li><b>a&lt;b&gt;.md</b>: Binary content, not text; add the article&#x27;s text.</li>" in html, html
    assert "<li><b>guide.pdf</b> is empty (0 bytes); check that you chose the right file.</li>" in html, html


def test_a_line_not_opening_with_the_name_is_kept_whole():
    html = render.files_error_html("Not added:", [("x.md", "the upload failed")])
    assert "<li>The upload failed.</li>" in html, html


# -- the rubric's unclear items -----------------------------------------------------------------------------------
def _unclear(*mistakes: str):
    from coach.models import Feedback, ItemFeedback

    return Feedback(role="Software Engineer", question="How would you design a URL shortener?", score=50, summary="s",
                    items=[ItemFeedback(id=str(n), mistake=m, fix="", source="A", verdict="unclear", evidence="",
                                        advice="") for n, m in enumerate(mistakes)])


def test_many_or_long_unclear_items_start_folded_with_their_count():
    band = ("Throughout the interview, communication was insufficient or disorganized; the interviewer had "
            "difficulty following the candidate's thought process and approach. ")  # a scoring band's full text
    html = render.rubric_table_html(_unclear("Skipping the clarifying questions", band * 2, band))
    assert '<details class="rubric-unclear">' in html and "<summary>" in html, html
    assert "these mistakes (3)</summary>" in html and html.count("<li>") == 3
    long_one = render.rubric_table_html(_unclear(band * 3))
    assert '<details class="rubric-unclear">' in long_one  # one item, but 600 characters


def test_one_or_two_short_unclear_items_stay_open():
    html = render.rubric_table_html(_unclear("Skipping the clarifying questions", "Not naming any trade-off"))
    assert '<details class="rubric-unclear" open>' in html and "these mistakes (2)</summary>" in html, html
