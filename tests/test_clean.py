"""ingest.clean on the real seed, the shared fictional fixtures and our own furniture fixtures."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.clean import clean_markdown, clean_text, html_to_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
FURNITURE = ROOT / "tests" / "fixtures" / "furniture"

SEED_NOISE = ["Valenx Press", "3 min read", "Share:", "Back to Blog", "amazon.com/dp", "B0GWWJQ2S3"]
SEED_TITLE = "Amazon Applied Scientist vs MLE Interview: What Changes in System Design and ML Focus?"


def test_seed_furniture_removed_content_kept():
    raw = SEED.read_text(encoding="utf-8")
    out = clean_text(raw)
    for noise in SEED_NOISE:
        assert noise in raw  # the noise really is in the input ...
        assert noise not in out, noise  # ... and not in the output
    assert out.count(SEED_TITLE) == 1 and out.startswith(SEED_TITLE)
    assert "and excellent communication skills.\n" in out  # the glued link fragment is cut at the sentence end
    assert len(re.findall(r"^• ", out, re.M)) == 5  # list items survive (their "•" is not a "·" byline)
    assert "BAD: Overemphasizing ML model development in MLE interviews. GOOD:" in out
    assert "$160,000 - $220,000" in out
    assert "\u00a0" not in out and "\n\n\n" not in out


def test_clean_is_idempotent():
    once = clean_text(SEED.read_text(encoding="utf-8"))
    assert clean_text(once) == once


def test_markdown_furniture_fixture():
    raw = (FURNITURE / "quillstack_pm_vs_tpm.md").read_text(encoding="utf-8")
    out = clean_text(raw)
    for noise in ["Rowan Ashby", "4 min read", "hero image", "cdn.example.com", "careers.example.com", "Share:",
                  "Back to Blog", "Related posts", "Subscribe", "skills.example.com", "QS123"]:
        assert noise not in out, noise
    title = "# Quillstack Product Manager vs Technical Program Manager Interview: Who Owns What?"
    assert out.count(title) == 1
    assert "Read the Quillstack careers page for dates." in out  # link text kept, URL dropped
    assert "program review round.\n" in out
    assert "e.g. through milestones" in out
    assert "❌ Listing features" in out and "Bad: Skipping the trade-off discussion." in out


@pytest.mark.parametrize(
    "line, kept",
    [
        ("see www.example.com/jobs for openings.", "www.example.com/jobs"),
        ("Node.js and ASP.NET both appear.", "Node.js and ASP.NET"),
        ("Version 3.5 of the guide.", "3.5"),
        ("| Round | Minutes | Focus |", "| Round | Minutes | Focus |"),
        ("• Review SQL", "• Review SQL"),
        ("Copyright law rarely comes up in interviews.", "Copyright law"),
        ("Comments from interviewers are shared later.", "Comments from interviewers"),
        ("Tags matter less than content.", "Tags matter"),
    ],
)
def test_ordinary_text_is_not_mistaken_for_furniture(line, kept):
    assert kept in clean_text(line)


@pytest.mark.parametrize(
    "line",
    ["Share:", "  Back to Blog", "5 min read", "By Jane Roe · Career Notes · Jan 3, 2024", "← Back to all posts",
     "Related articles", "Published on March 2, 2024", "Tags: interviews, careers", "Photo by A. Person on Example",
     "© 2024 Example Fictional Co. All rights reserved.", "Leave a comment", "12 Comments", "Was this helpful?",
     "- [How Do the Loops Differ?](#how-do-the-loops-differ)", "Share: Twitter LinkedIn Email",
     "Share this article: X · LinkedIn",
     "We use cookies to improve your experience. Accept all"],
)
def test_furniture_lines_are_dropped(line):
    assert clean_text(f"Real sentence one.\n\n{line}\n\nReal sentence two.") == "Real sentence one.\n\nReal sentence two.\n"


# ------------------------------------------------------------------------------------------------------- HTML
FERNWOOD = FURNITURE / "fernwood_security_vs_devops.html"
ORBIT = ARTICLES / "orbitworks_swe_vs_sre.html"
SENTINELS = ["SCRIPT_SENTINEL", "STYLE_SENTINEL", "NAV_SENTINEL", "COOKIE_SENTINEL", "FORM_SENTINEL",
             "RELATED_SENTINEL", "FOOTER_SENTINEL", "INJECTED", "6 min read", "Ines Varga", "Fernwood Labs Blog |"]


def test_html_furniture_removed_structure_kept():
    out = html_to_text(FERNWOOD.read_text(encoding="utf-8"))
    for s in SENTINELS:
        assert s not in out, s
    assert out.startswith("# Fernwood Labs Security Engineer vs DevOps Engineer Interview\n")
    assert "## What Does Each Loop Emphasise?" in out and "## Mistakes to Avoid" in out
    assert "**BAD:** Listing tools without a threat model in Security Engineer interviews. **GOOD:** Starting" in out
    assert re.search(r"^1\. Draw one threat model end to end$", out, re.M)
    # markup that was text in the page stays literal text (the UI escapes it); it is never live markup here:
    # escaped in the Markdown (``\<img src\=x …``), read back by the Markdown parser as that text
    from ingest.markdown import markdown_blocks

    assert any("<img src=x onerror=alert(1)>" in b.text for b in markdown_blocks(out)[0])
    assert "<h2>" not in out and "<script" not in out


def test_shared_html_fixture():
    out = html_to_text(ORBIT.read_text(encoding="utf-8"))
    for noise in ["Accept all", "We use cookies", "Related posts", "onsite day", "Share:", "Back to Blog",
                  "Priya", "5 min read", "dataLayer", "alert(", "Sign in", "All rights reserved", "Engineering Blog"]:
        assert noise not in out, noise
    headings = re.findall(r"^(#+) (.+)$", out, re.M)
    assert headings[0] == ("#", "OrbitWorks SWE vs SRE Interview: How Do Coding and Reliability Rounds Differ?")
    assert [h for lvl, h in headings if lvl == "##"] == [
        "How Many Rounds Are in Each Loop?",
        "What Does the Coding Round Test?",
        "How Does System Design Differ Between SWE and SRE?",
        "What Do Interviewers Want in the On-Call and Behavioural Round?",
        "Preparation Checklist",
        "Mistakes to Avoid",
        "Example Interview Questions",
        "FAQ",
        "TL;DR",
    ]
    assert out.count("**BAD:**") == 5 and out.count("**GOOD:**") == 5


def test_html_without_article_element_uses_title_and_body():
    html = (
        "<html><head><title>Blog | Tiny Fictional Guide</title><script>SECRET()</script></head><body>"
        "<div class='cookie-notice'>cookies!</div><h2>Only Section</h2><p>Fictional text for tests, long enough "
        "to count as an article body with several ordinary words.</p></body></html>"
    )
    out = html_to_text(html)
    assert out.startswith("# Tiny Fictional Guide\n") and "## Only Section" in out
    assert "SECRET" not in out and "cookies!" not in out


def test_script_in_markdown_never_survives_but_tag_text_stays_literal():
    md = (
        "# Fictional Page\n\nBefore <script type='text/javascript'>steal('SCRIPT_TEXT')</script> after.\n\n"
        "<style>p { color: red } STYLE_TEXT</style>\n\n<!-- COMMENT_TEXT -->\n\n"
        "A reader typed <img src=x onerror=alert(1)> in the comments.\n\n<script>unterminated TAIL_TEXT\n"
    )
    out = clean_text(md)
    for s in ["SCRIPT_TEXT", "STYLE_TEXT", "COMMENT_TEXT", "<script"]:
        assert s not in out, s
    assert "Before  after." in out or "Before after." in out
    assert "<img src=x onerror=alert(1)>" in out
    # an unclosed tag has no element to remove: only the tag goes, the text after it is the article's
    assert "unterminated TAIL_TEXT" in out


@pytest.mark.parametrize("line", [
    "Interviewers expect you to keep explaining the <script> trade-offs as you code, then test edge cases.",
    "Interviewers expect you to keep explaining the <SCRIPT type=x> trade-offs as you code, then test edge cases.",
    "Interviewers expect you to keep explaining the <!-- trade-offs as you code, then test edge cases.",
])
def test_unclosed_raw_html_tag_drops_only_the_tag(line):
    """Regression: a stray "<script>" in a .txt/.md line cut the rest of the sentence (and the document)."""
    out = clean_text(f"{line}\n\nThe next paragraph survives too.")
    assert "explaining the trade-offs as you code, then test edge cases." in out, out
    assert "The next paragraph survives too." in out
    assert "<script" not in out.lower() and "<!--" not in out


def test_closed_script_removes_only_its_own_content():
    out = clean_text("Say the <script>steal('X1')</script> plan out loud.\n<script>a()\nb('X2')</script>Then stop.")
    assert "X1" not in out and "X2" not in out
    assert "Say the plan out loud." in out and "Then stop." in out


def test_arrows_and_identifiers_survive_cleaning():
    out = clean_text("Latency --> throughput matters, and window.__pwned = 1 is just text.")
    assert "Latency --> throughput" in out and "window.__pwned" in out


def test_longest_article_wins_over_teasers_and_logo_h1():
    html = (
        "<html><body><header><h1>Fictional Site Logo</h1></header><main>"
        "<article><h2>Teaser Post</h2><p>Short teaser.</p></article>"
        "<article><h1>Fictional Real Post Title</h1><p>" + "Fictional body sentence for tests. " * 30 + "</p>"
        "<h2>Second Heading</h2><p>More fictional body text here.</p></article></main></body></html>"
    )
    out = html_to_text(html)
    assert out.startswith("# Fictional Real Post Title\n")
    assert "Teaser Post" not in out and "Site Logo" not in out and "## Second Heading" in out


def test_stray_script_tag_before_a_real_script_element_keeps_the_prose_between():
    out = clean_text("Keep explaining the <script> risks of reflected input. <script>steal('X3')</script>Then stop.")
    assert "Keep explaining the risks of reflected input." in out and "Then stop." in out
    assert "X3" not in out and "<script" not in out


# A notice about the page rather than its subject (fictional lines in the style of an open question bank's boxed
# disclaimer and an author's sign-off, which repeat across a site's pages).
@pytest.mark.parametrize(
    "line",
    ["The answers here are written by volunteers. Double-check the answers before using them in an interview.",
     "Spotted a mistake? Please open an issue on the Quillmere repo.",
     "If something is wrong, please create a PR with a fix",
     "* Know an answer that is missing? Please submit a pull request",
     "That's all from me on offers - good luck! Tips to add? Reach out to me at hello@quillmere.example.",
     "The list of questions is based on this thread",
     "<td>Contributions are welcome: suggest an edit.</td>"],
)
def test_page_notices_are_dropped(line):
    text = f"Real sentence one.\n\n{line}\n\nReal sentence two."
    assert clean_text(text) == "Real sentence one.\n\nReal sentence two.\n"
    assert "Real sentence two." in clean_markdown(text) and line.strip("* ") not in clean_markdown(text)


@pytest.mark.parametrize(
    "line",
    ["Open a pull request early so reviewers see your design before the code.",
     "Please create a short summary of each project.",
     "Double-check your answers before submitting the online assessment.",
     "The list of companies is based on this year's survey.",
     "Verify the numbers before you accept the offer."],
)
def test_advice_about_the_subject_is_not_a_page_notice(line):
    assert line in clean_text(line)


def test_a_boxed_page_notice_leaves_no_icon_behind():
    """The notice box of a fictional question bank: its text is furniture, and the icon left alone says nothing."""
    from ingest.markdown import markdown_blocks

    text = ("# Zephyrix questions\n\n<table>\n<tr>\n<td>⚠️</td>\n<td>\nThe answers here are given by the community. "
            "Be careful and double check the answers before using them. <br>\nIf you see an error, please create a PR "
            "with a fix\n</td>\n</tr>\n</table>\n\n## Basics\n\nA zephyrix holds three glimmers.\n")
    blocks, _ = markdown_blocks(clean_markdown(text))
    assert [b.text for b in blocks] == ["Zephyrix questions", "Basics", "A zephyrix holds three glimmers."]


# A fictional page (Quillby and OfferPal are invented): a nested list under a must-have item, a referral box linking
# with tracking parameters, and a "Check out" paragraph that only points elsewhere.
REFERRAL_PAGE = """<html><head><title>Quillby resume guide | Example Careers</title></head><body><main><article>
<h1>Quillby resume guide</h1>
<p>Fictional guide written for Interview Coach's tests. A resume is read in seconds, so every line has to earn its
place, and recruiters skim the contact block before anything else on the page.</p>
<h2>Contact details</h2>
<ul><li>Personal phone number<ul><li>Never include your work phone number here</li></ul></li>
<li>Email address<ul><li>Never include your work email here</li><li>A short address reads best</li></ul></li></ul>
<div class="admonition"><p>Get paid more: <a href="https://offerpal.example/?utm_source=quillby&amp;utm_medium=referral">
OfferPal</a> reviews your offer risk-free.</p></div>
<p>Check out <a href="https://quillby.example/templates?ref=guide">our templates</a>.</p>
<p>Keep the contact block to one line so the page stays readable by an applicant tracking system.</p>
</article></main></body></html>"""


def test_html_nested_list_items_stay_items_and_referrals_go():
    out = html_to_text(REFERRAL_PAGE)
    lines = out.splitlines()
    assert "- Personal phone number" in lines and "  - Never include your work phone number here" in lines
    assert "  - Never include your work email here" in lines  # a sub-item is nested under its parent item
    assert "OfferPal" not in out and "templates" not in out and "risk-free" not in out
    assert "Keep the contact block to one line" in out
