"""A web page printed to PDF ("Print → Save as PDF") reads as its article: a fictional docs page with a site's
furniture around it, printed by the real Chromium at test time, and fpdf2 documents for the layout rules."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.chunking import chunk_article
from ingest.clean import document_title
from ingest.parse import parse_file

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>&#x1F91D; Pairing interviews | Lantern Guides</title>
<style>body{font-family:sans-serif;font-size:12pt} .box{margin:1em 0;padding:.5em} .box-title{text-transform:uppercase}
nav ul{list-style:none} footer{margin-top:2em}</style></head>
<body>
<a href="#main">Skip to main content</a>
<div class="banner">Spring sale: half price on all workshops this week!</div>
<header><a href="/">Lantern Guides</a> <a href="/blog">Blog</a> <a href="/about">About</a></header>
<div class="cookies">We use cookies to improve your visit. <button>Accept</button></div>
<nav><ul><li><a href="/intro">Welcome</a></li><li><a href="/cv">Writing a CV</a></li>
<li><a href="/pairing">Pairing interviews</a></li></ul></nav>
<nav class="breadcrumbs"><ul><li><a href="/">Home</a></li><li><a href="/guides">Guides</a></li></ul></nav>
<main id="main"><article>
<h1>&#x1F91D; Pairing interviews</h1>
<p>Contents</p>
<ul><li>Before the session</li><li>During the session</li><li>Questions people ask</li></ul>
<h2>Before the session</h2>
<p>A pairing interview puts you at one keyboard with an engineer from the team. Read the repository notes the
recruiter sends, install the toolchain the night before, and practise narrating what you type.</p>
<h4>Example</h4>
<p>Suppose the task is to add paging to a list endpoint. Say which tests you will write first and why.</p>
<div class="box"><div class="box-title">Note</div>
<p>Interviewers at small studios often grade how you take hints more than whether you finish.</p></div>
<h2>During the session</h2>
<p>Keep talking while you work, ask before you refactor code you did not write, and run the tests often so your
partner sees each step pass.</p>
<h4>Example</h4>
<p>When a test fails, read the message aloud, guess the cause, and check the guess before you change anything.</p>
<h2>Questions people ask</h2>
<h4>Should I use my own laptop for the pairing session or the one the company provides for the interview? &#x1F476;</h4>
<p>Use the one they provide unless they ask otherwise; set up your editor shortcuts in the first minutes.</p>
<h4>What if I get stuck halfway through the task? &#x2B50;</h4>
<p>Say where you are stuck and what you have tried; a good partner will nudge you.</p>
</article></main>
<footer>
<p><a href="/edit">Edit this page</a></p>
<p>Last updated on Mar 2, 2025</p>
<p><a href="/cv">Previous</a></p><p><a href="/cv">Writing a CV</a></p>
<p><a href="/salary">Next</a></p><p><a href="/salary">Salary talks</a></p>
<p>On this page</p>
<h3>Related articles</h3>
<ul><li><a href="/a">Ten tips for take-home tasks</a></li><li><a href="/b">How to follow up</a></li></ul>
<p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p>
<p>Copyright © 2025 Lantern Guides. All rights reserved.</p>
</footer></body></html>
"""
FURNITURE = ["Pairing interviews", "Skip to", "Spring sale", "cookies", "Lantern Guides", "Welcome", "Writing a CV",
             "Home", "Guides", "Contents", "NOTE", "Edit this page", "Last updated", "Previous", "Next", "Salary talks",
             "On this page", "Related articles", "Ten tips", "follow up", "Privacy", "Copyright"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"


def print_page(tmp_path_factory, name: str, html: str) -> Path:
    """The page printed to PDF by the real Chromium (the test skips without it)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed: a printed page cannot be made (run scripts/install-browser.sh)")
    where = tmp_path_factory.mktemp("printed")
    page, pdf = where / f"{name}.html", where / f"{name}.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
    return pdf


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    return print_page(tmp_path_factory, "pairing", PAGE)


def test_printed_page_keeps_only_its_article(printed):
    art = parse_file(printed, doc_id="printed", sha256="0")
    # the page's own heading (an emoji before it is no bullet), not the site's name from <title>
    assert art.title == "Pairing interviews"
    heads = [s.heading for s in art.sections if s.heading]
    assert heads[:5] == ["Before the session", "Example", "During the session", "Example", "Questions people ask"]
    text = "\n".join(c.text for c in chunk_article(art))
    for words in FURNITURE:
        assert not re.search(rf"\b{re.escape(words)}\b", text), words
    assert "take hints more than whether you finish" in text  # a box loses its title, not its words


def test_printed_faq_keeps_wrapped_questions_without_unmapped_glyphs(printed):
    """An emoji pypdf cannot map is set in its own font: it neither reaches the text nor cuts a wrapped bold
    question in two."""
    art = parse_file(printed, doc_id="printed", sha256="0")
    assert [q.question for q in art.faq] == [
        "Should I use my own laptop for the pairing session or the one the company provides for the interview?",
        "What if I get stuck halfway through the task?"]
    everything = [art.title, *(s.heading or "" for s in art.sections), *(c.text for c in chunk_article(art))]
    assert not any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", t) for t in everything)


def test_repeated_heading_is_not_a_running_header(tmp_path):
    """A bold heading down the middle of most pages stays; a line at every page's foot is a running footer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for n in range(3):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18)
        pdf.cell(0, 10, f"Round {n + 1} of the loop", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, "The panel asks you to explain a past project to an engineer from another team and "
                             "then to sketch how you would change it today.", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 6, "Example", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, f"A candidate in round {n + 1} walked through a billing service and named the one "
                             "change she would make first.", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 6, "Lantern Guides field notes", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "rounds.pdf"
    pdf.output(str(path))
    art = parse_file(path, doc_id="rounds", sha256="0")
    assert [s.heading for s in art.sections].count("Example") == 3
    assert not any("field notes" in c.text for c in chunk_article(art))


@pytest.mark.parametrize("raw, heading, want", [
    ("Negotiation | Example Handbook", "Negotiation", "Negotiation"),  # the part the page's heading repeats
    ("Negotiation | Example Handbook", None, "Example Handbook"),  # a one-word first part reads as a section name
    ("Resume guide for engineers | Example Handbook", "Something else", "Resume guide for engineers"),
    ("notes.docx", "Notes", None),
])
def test_document_title_prefers_the_part_the_heading_repeats(raw, heading, want):
    assert document_title(raw, heading) == want


def test_prose_above_the_largest_heading_stays(tmp_path):
    """Only furniture stands above a printed page's title: an exported report's opening paragraph above its first
    large heading is the article's."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "This report sums up what forty candidates told us about the take-home round at Lantern "
                         "Labs, a studio that exists only in this test, and what they would do differently next "
                         "time they are handed a task to finish at home.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, "What candidates said", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Most of them wished they had asked how long the reviewers expected the task to take.",
                   new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    text = " ".join(c.text for c in chunk_article(parse_file(path, doc_id="report", sha256="0")))
    assert "forty candidates told us" in text and "how long the reviewers expected" in text
