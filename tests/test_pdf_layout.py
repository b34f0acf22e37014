"""What a printed web page's drawing says beyond its words: a fictional article page printed by the real Chromium
at test time (blockquotes with and without a bar, lists whose items wrap, a table, a code block cut by a page
break, a quoted title, a heading id and an import statement the page did not render), and an fpdf2 document that
draws nothing."""
from __future__ import annotations

import re

import pytest

from ingest.pdf import pdf_text, unwrap_pdf_lines
from tests.test_pdf_print import print_page

CODE = "\n".join(f"total_{n} = sum(fares[{n}:])  # step {n}" for n in range(70))
PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>Writing a portfolio page | Birchwood Notes</title>
<style>body{{font-family:sans-serif;font-size:12pt}} blockquote.bar{{border-left:4px solid #888;padding-left:1em}}
</style></head>
<body><article>
<h1>'Writing a portfolio page'</h1>
<p>import Teaser from './_parts/Teaser';</p>
<h2>The headline {{#headline}}</h2>
<p>State the role you want and the one result you are proudest of. Use this shape:</p>
<blockquote><p>[Role] who [result] for [kind of team]</p></blockquote>
<p>Example</p>
<blockquote><p>Mobile developer who cut the Quillfeather app's cold start to one second<br>Kotlin, Compose, Gradle
<br>Open to remote roles in Lisbon</p></blockquote>
<ul>
<li>Keep the headline under fifteen words so that it fits on one line of a phone screen and still reads well
when a recruiter skims it. Numbers help when they are true.</li>
<li>Name the stack second.</li>
</ul>
<h2>Projects</h2>
<p>Describe two projects in a line each, like this one from a made-up candidate:</p>
<blockquote class="bar"><p>Tidewater Transit planner: a route finder used by 4,000 riders a week, built with Flask
and Leaflet.</p></blockquote>
<table><tr><th>Section</th><th>What to write</th></tr><tr><td>Headline</td><td>Role and result</td></tr>
<tr><td>Projects</td><td>Two, one line each</td></tr></table>
<p>The planner computes fares like this:</p>
<pre><code>{CODE}</code></pre>
<p>That is all the page needs.</p>
</article></body></html>
"""
@pytest.fixture(scope="module")
def text(tmp_path_factory) -> str:
    return pdf_text(print_page(tmp_path_factory, "portfolio", PAGE).read_bytes(), "portfolio.pdf")[0]


def test_indented_blocks_without_bullets_are_quoted(text):
    """Chromium indents a blockquote as far as a list's items but draws no bullet before it: a sample or template
    the page sets apart, its lines one quoted paragraph ("> " as in Markdown)."""
    assert "\n> [Role] who [result] for [kind of team]\n" in text
    assert re.search(r"\n> Mobile developer who cut .*\n> Kotlin, Compose, Gradle\n> Open to remote roles in Lisbon\n",
                     text)
    assert "\nExample\n" in text  # the line between the two quotes is the article's own


def test_a_bar_beside_a_block_quotes_it(text):
    assert re.search(r"\n> Tidewater Transit planner: .*\n> and Leaflet\.", text) or re.search(
        r"\n> Tidewater Transit planner: .* and Leaflet\.", text)


def test_drawn_bullets_start_items_and_wraps_continue_them(text):
    """A wrapped line of an item starts in upper case ("Numbers help …") but has no bullet before it: the item
    goes on; table cells and the prose are neither items nor quotes."""
    items = re.findall(r"^- (.+)$", text, re.M)
    assert items[0].startswith("Keep the headline under fifteen words") and items[0].endswith(
        "Numbers help when they are true.")
    assert items[1] == "Name the stack second."
    assert not re.search(r"^> .*(Headline|What to write|Role and result)", text, re.M)


def test_unrendered_markdown_and_page_breaks_leave_no_trace(text):
    """An import statement and a heading's id are MDX the page did not render; a title in quotes printed its front
    matter's quoting; a page break does not cut a code block in two."""
    assert text.startswith("# Writing a portfolio page\n")
    assert "import Teaser" not in text
    assert "## The headline\n" in text and "{#" not in text
    fences = re.findall(r"^```$", text, re.M)
    assert len(fences) == 2  # the code block the page break cut is one block
    assert "total_0 = " in text and "total_69 = " in text


def test_a_document_that_draws_nothing_keeps_its_indented_lines(tmp_path):
    """An exported report draws no bullets: its indented lines are list items as before, never quotes."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Three things the candidates at Birchwood Labs wished they had done before the take-home:",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in ("Ask how long the reviewers expect it to take.", "Write the README first.",
                 "Keep the commits small."):
        pdf.set_x(pdf.l_margin + 10)
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 6, "None of them regretted asking. Reviewers said a short note on what was left out read "
                         "better than a rushed extra feature, and that a README which says how to run the tests saves "
                         "them the most time of anything a candidate can add to the task.", new_x="LMARGIN",
                   new_y="NEXT")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    out = pdf_text(path.read_bytes(), "report.pdf")[0]
    assert re.findall(r"^- (.+)$", out, re.M) == ["Ask how long the reviewers expect it to take.",
                                                 "Write the README first.", "Keep the commits small."]
    assert "> " not in out


def test_a_paragraph_a_page_break_cuts_is_one_paragraph(tmp_path):
    """The first line of a page set where the last page's last line was continues that paragraph when that line
    ran the page's width and ended mid-sentence."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.set_y(pdf.h - 20 - 6 * 3)  # three lines from the page's foot: the paragraph runs onto the next page
    pdf.multi_cell(0, 6, "Candidates who practised with a partner at Birchwood Labs said the hardest part of the "
                         "pairing round was not the task itself but narrating each step while the interviewer "
                         "watched, so they rehearsed talking through small refactors out loud until it felt "
                         "natural, and most of them found that the habit also made their written design notes "
                         "clearer.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "notes.pdf"
    pdf.output(str(path))
    assert len(pdf.pages) == 2
    out = pdf_text(path.read_bytes(), "notes.pdf")[0]
    assert "\n" not in out and out.endswith("written design notes clearer.")


@pytest.mark.parametrize("lines, want", [
    (["the develop-", "ment of its tools"], "the development of its tools"),  # a word the line broke
    (["a large number of cross-", "functional teams"], "a large number of cross-functional teams"),  # its own hyphen
    (["two features -", "the number of rooms"], "two features - the number of rooms"),  # a dash
])
def test_a_line_ending_in_a_hyphen(lines, want):
    filler = "Candidates at Birchwood Labs compared notes on the interview loop and agreed that it went well for"
    assert unwrap_pdf_lines("\n".join([filler + " " + lines[0], lines[1]])) == f"{filler} {want}"
