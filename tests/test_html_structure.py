"""A saved web page reads the way its Markdown source does: ``clean.html_to_text`` turns the page into the Markdown
its author would have written (headings at their levels, nested lists, tables with their header row, blockquoted
samples, admonition boxes without their title, fenced code, ``<details>``/``<dl>`` FAQ entries), and the one Markdown
parser builds the sections, chunks, rubric, FAQ and samples. Also: a table row with its column names is never cut
across chunks. Real parser, chunker, embedding model and Chroma; "Brindlecove" and its guide are invented for tests."""
from __future__ import annotations

import pytest

from ingest.chunking import chunk_article
from ingest.clean import html_to_text
from ingest.markdown import markdown_blocks
from ingest.parse import parse_file

MARKDOWN = """# Fictional Brindlecove analyst interview guide

This guide is fictional and written for tests. The Brindlecove loop has four rounds over two days.

## How the rounds are scored

| Score | What the panel saw |
| --- | --- |
| Strong hire | Explained every query before writing it.<br/>The panel never had to ask what a join was for. |
| Leaning no hire | Wrote queries in silence and could not say why a filter was needed. |

:::tip Pro tip

Say the grain of each table out loud before you join it.

:::

## How to list a past job

Use this layout for each job:

> [Company], [City] | [Title] | [Start and end dates]

Example

> Brindlecove Labs, Hull | Data Analyst | 04/2020 - Present

## Writing your summary

- ✅ Name the one metric you moved and by how much
- ❌ List every tool you have ever opened
- Keep it short
  - Two sentences are enough

## Frequently asked questions

**How long is the SQL round?**

The SQL round lasts forty-five minutes in a shared notebook.

**Can I use window functions?**

Yes, window functions are welcome when they make the query clearer.

```sql
SELECT id, RANK() OVER (ORDER BY spend) FROM users;
```
"""

PAGE = """<!DOCTYPE html><html><head><title>Fictional Brindlecove analyst interview guide | Example Careers</title>
<script>track()</script></head><body>
<nav class="navbar"><a href="/">Example Careers</a><a href="/blog">Blog</a></nav>
<div class="cookie-consent">We use cookies to improve your experience. <button>Accept all</button></div>
<div class="layout"><aside class="sidebar"><ul><li><a href="/a">Resume guide</a></li></ul></aside>
<main><article><div class="markdown">
<h1>Fictional Brindlecove analyst interview guide</h1>
<ul class="toc"><li><a href="#scored">How the rounds are scored</a></li><li><a href="#job">How to list a past job</a></li></ul>
<p>This guide is fictional and written for tests. The Brindlecove loop has four rounds over two days.</p>
<h2 id="scored">How the rounds are scored</h2>
<table><thead><tr><th>Score</th><th>What the panel saw</th></tr></thead><tbody>
<tr><td>Strong hire</td><td>Explained every query before writing it.<br>The panel never had to ask what a join was for.</td></tr>
<tr><td>Leaning no hire</td><td>Wrote queries in silence and could not say why a filter was needed.</td></tr>
</tbody></table>
<div class="theme-admonition theme-admonition-tip alert alert--success"><div class="admonitionHeading_x1">
<span class="admonitionIcon_y2"><svg viewBox="0 0 12 16"><path d="M6 0"></path></svg></span>Pro tip</div>
<div class="admonitionContent_z3"><p>Say the grain of each table out loud before you join it.</p></div></div>
<h2 id="job">How to list a past job</h2>
<p>Use this layout for each job:</p>
<blockquote><p>[Company], [City] | [Title] | [Start and end dates]</p></blockquote>
<p>Example</p>
<blockquote><p>Brindlecove Labs, Hull | Data Analyst | 04/2020 - Present</p></blockquote>
<h2>Writing your summary</h2>
<ul><li>✅ Name the one metric you moved and by how much</li><li>❌ List every tool you have ever opened</li>
<li>Keep it short<ul><li>Two sentences are enough</li></ul></li></ul>
<h2>Frequently asked questions</h2>
<details><summary>How long is the SQL round?</summary><p>The SQL round lasts forty-five minutes in a shared
notebook.</p></details>
<dl><dt>Can I use window functions?</dt><dd>Yes, window functions are welcome when they make the query clearer.</dd></dl>
<pre><code class="language-sql">SELECT id, RANK() OVER (ORDER BY spend) FROM users;</code></pre>
</div>
<footer class="doc-footer">Last updated on Jan 3, 2025</footer></article>
<section class="related-posts"><h3>Related articles</h3><ul><li><a href="/x">Ten SQL tricks</a></li></ul></section>
</main></div><footer class="footer">Copyright © 2025 Example Careers. All rights reserved.</footer></body></html>"""


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(Markdown article, saved-page article) of the same fictional guide, parsed by the real pipeline stages."""
    folder = tmp_path_factory.mktemp("html")
    (folder / "brindlecove.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "brindlecove.html").write_text(PAGE, encoding="utf-8")
    return (parse_file(folder / "brindlecove.md", doc_id="b", sha256="0"),
            parse_file(folder / "brindlecove.html", doc_id="b", sha256="0"))


def test_a_saved_page_has_the_structure_of_its_markdown(both):
    md, page = both
    assert page.title == md.title
    assert [(s.heading, s.kind, s.parents, s.paragraphs, s.samples) for s in page.sections] == [
        (s.heading, s.kind, s.parents, s.paragraphs, s.samples) for s in md.sections]
    assert [(r.mistake, r.fix, r.kind) for r in page.rubric] == [(r.mistake, r.fix, r.kind) for r in md.rubric]
    assert page.faq == md.faq and len(page.faq) == 2
    assert [c.text for c in chunk_article(page)] == [c.text for c in chunk_article(md)]


def test_page_tables_quotes_boxes_and_faq_keep_their_kind(both):
    _, page = both
    text = "\n".join(p for s in page.sections for p in s.paragraphs)
    assert "Strong hire — What the panel saw: Explained every query before writing it. The panel never" in text
    assert "Say the grain of each table out loud before you join it." in text
    assert "Pro tip" not in text and "Related articles" not in text and "cookies" not in text
    assert {s for sec in page.sections for s in sec.samples} == {"Brindlecove Labs, Hull | Data Analyst | 04/2020 - Present"}
    assert any(r.kind == "pair" and r.mistake.startswith("List every tool") for r in page.rubric)
    assert page.faq[0].question == "How long is the SQL round?"


def test_page_markup_is_markdown_and_text_stays_literal():
    out = html_to_text("<html><body><main><h1>Fictional Tarnwick notes</h1><h3>Deep heading</h3><p>Ask about "
                       "&lt;role&gt; and *stars* or 1. numbers, with enough fictional words to be read.</p>"
                       "<ol start='3'><li>Third step</li></ol></main></body></html>")
    lines = out.splitlines()
    assert "### Deep heading" in lines and "3. Third step" in lines
    blocks, _ = markdown_blocks(out)
    assert "Ask about <role> and *stars* or 1. numbers, with enough fictional words to be read." in [
        b.text for b in blocks]


@pytest.mark.parametrize("aside, kept", [
    # Starlight-style tip box: a box class, its title hidden from readers
    ('<aside aria-label="Tip" class="starlight-aside starlight-aside--tip"><p class="starlight-aside__title" '
     'aria-hidden="true">Tip</p><div><p>Rehearse the Quillmoor case out loud twice.</p></div></aside>', True),
    ("<aside><p>Rehearse the Quillmoor case out loud twice, with a friend asking follow-ups.</p></aside>", True),
    ('<aside><a href="/a">Quillmoor resume guide</a> <a href="/b">Quillmoor salary talk</a></aside>', False),
])
def test_an_aside_in_the_text_is_a_box_and_a_link_list_is_furniture(aside, kept):
    out = html_to_text("<html><body><aside class='site-links'><p>Rehearse Quillmoor sidebar prose text here.</p>"
                       "</aside><main><article><h1>Fictional Quillmoor notes</h1><p>Fictional text written for "
                       f"tests about practising.</p>{aside}<p>The end.</p></article></main></body></html>")
    assert "sidebar" not in out and "Tip" not in out
    assert ("Rehearse the Quillmoor case out loud twice" in out) is kept
    assert (":::note" in out) is kept and "Quillmoor resume guide" not in out


def test_a_long_table_row_stays_whole_with_its_column_names(tmp_path):
    rows = "\n".join(f"| Level {i} | " + " ".join(f"Sentence {j} about the fictional level {i} panel." for j in range(6))
                     + f" | Band {i} |" for i in range(4))
    path = tmp_path / "levels.md"
    path.write_text(f"# Fictional Quenby levels\n\nThe Quenby levels are fictional.\n\n## Levels\n\n"
                    f"| Level | Expectations | Pay |\n| --- | --- | --- |\n{rows}\n", encoding="utf-8")
    article = parse_file(path, doc_id="q", sha256="0")
    chunks = chunk_article(article, chunk_size=300)
    row_texts = [p for s in article.sections for p in s.paragraphs if p.startswith("Level ")]
    assert len(row_texts) == 4
    for row in row_texts:  # each row longer than a chunk, yet one chunk holds all of it, column names and all
        assert len(row) > 300 and any(row in c.text for c in chunks)
    assert all(c.text.startswith(("The Quenby", "Level")) for c in chunks)


def test_a_saved_page_through_the_library_and_chroma(make_coach, tmp_path):
    path = tmp_path / "brindlecove.html"
    path.write_text(PAGE, encoding="utf-8")
    coach = make_coach()
    report = coach.ingest([path])
    assert not report.skipped, report.skipped
    stored = coach.library.all_chunks()
    assert {s for c in stored for s in c.samples} == {"Brindlecove Labs, Hull | Data Analyst | 04/2020 - Present"}
    assert any("Leaning no hire — What the panel saw: Wrote queries in silence" in c.text for c in stored)
    assert not any("Pro tip" in c.text for c in stored)
