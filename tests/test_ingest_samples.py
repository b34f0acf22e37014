"""Quoted samples through the whole ingest: a blockquoted sample answer (or entry, letter, question) is recorded on its
chunk (``Chunk.samples``, kept in the catalog and in Chroma's metadata) and an answer quotes it only as a labelled
example, never as the article's advice; a blockquoted template is advice and a GitHub alert ("> [!NOTE]") is a notice,
neither a sample. Also the Markdown other real articles lose: a quoted "A | B | C" entry read as a byline, a line break
in a table cell gluing two sentences, a label spanning two table columns. Real parser, chunker, embedding model and
Chroma; "Quillmark" and its guide are invented for these tests."""
from __future__ import annotations

import pytest

from coach.compose.lines import SAMPLE_LABEL
from ingest.markdown import markdown_blocks
from ingest.structure import is_template
from test_answer_kinds import compose_over, parsed

ARTICLE = """---
title: "Fictional guide to the Quillmark analyst loop"
tags: [analytics]
---
import Callout from '@site/src/components/Callout';

# Fictional guide to the Quillmark analyst loop

This guide is fictional and written for tests.

## Answering "Tell me about yourself"

Keep your answer under two minutes and end on why you want this role.

> I am a hard worker who never gives up. I love dashboards more than anything.

That sample is too generic: it lists traits instead of one result you are proud of.

## How to list a past job

List your jobs newest first, one line each, in this layout:

> [Company], [City] | [Title] | [Start and end dates]

Example

> Acme Analytics, Leeds | Senior Analyst | 03/2019 - Present

## The SQL round

> [!NOTE]
> The SQL round runs in a shared notebook, not on a whiteboard.

| Round | Focus |
| --- | --- |
| Recruiter screen | Motivation<br/>Salary range |
| SQL exercise | Joins and window functions |
"""


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    return parsed(tmp_path_factory, "quillmark_loop.md", ARTICLE)


def test_a_quoted_sample_is_recorded_on_its_chunk_and_a_template_is_not(guide):
    _, chunks = guide
    samples = {s for c in chunks for s in c.samples}
    assert samples == {"I am a hard worker who never gives up.", "I love dashboards more than anything.",
                       "Acme Analytics, Leeds | Senior Analyst | 03/2019 - Present"}
    for c in chunks:
        assert all(s in c.text for s in c.samples)


def test_a_template_is_mostly_placeholders():
    assert is_template("[Year] [Quantification] [Competition]")
    assert is_template("[Company], [City] | [Title] | [Start and end dates]")
    # a placeholder standing for one name in a letter, and a filled-in entry, are samples
    assert not is_template("I joined [BANK] in 2015 and spent eight years building its credit models for customers.")
    assert not is_template("2016 | Best product out of 50 teams | Hackathon")


def test_a_sample_answer_is_not_quoted_as_advice(embedder, guide):
    out = compose_over(embedder, *guide, "How should I answer when they ask me to introduce myself?", ["Quillmark"])
    assert "under two minutes" in out.text, out.text
    for sentence in out.sentences:  # quoted at all, then only as the article's example
        assert "hard worker" not in sentence or sentence.startswith(SAMPLE_LABEL), out.text


def test_a_sample_asked_for_is_quoted_as_a_labelled_example(embedder, guide):
    out = compose_over(embedder, *guide, "Can you show me an example line for a past job?", ["Quillmark"])
    assert f"{SAMPLE_LABEL}: “Acme Analytics, Leeds | Senior Analyst | 03/2019 - Present”" in out.text, out.text


def test_github_alerts_and_table_cells(guide):
    article, chunks = guide
    sql = next(c for c in chunks if c.section == "The SQL round")
    assert "The SQL round runs in a shared notebook, not on a whiteboard." in sql.text
    assert "[!NOTE]" not in sql.text and not sql.samples  # a notice box, not a sample
    assert "Recruiter screen — Focus: Motivation. Salary range" in sql.text  # <br/> ends the cell's first line


def test_a_label_spanning_two_columns_names_them_with_the_second_header_row():
    blocks, _ = markdown_blocks("| | | Actual | Actual |\n|---|---|---|---|\n| | | Yes | No |\n"
                                "| Predicted | Yes | TP | FP |\n")
    assert [b.text for b in blocks] == ["Predicted — Yes; Actual Yes: TP; Actual No: FP"]


def test_a_quoted_entry_with_separators_is_not_page_furniture():
    from ingest.clean import clean_markdown

    text = "Example\n\n> Acme Analytics, Leeds | Senior Analyst | 03/2019 - Present\n"
    assert "Acme Analytics, Leeds | Senior Analyst" in clean_markdown(text)
    assert "Jane Doe | May 3 | Careers" not in clean_markdown("Jane Doe | May 3 | Careers\n\nThe body text.\n")


def test_samples_survive_the_catalog_and_chroma(make_coach, tmp_path):
    from coach.models import Chunk

    path = tmp_path / "quillmark_loop.md"
    path.write_text(ARTICLE, encoding="utf-8")
    coach = make_coach()
    coach.ingest([path])
    stored = [c for c in coach.library.all_chunks() if c.samples]
    assert {s for c in stored for s in c.samples} >= {"I am a hard worker who never gives up."}
    metas = coach.library.collection.get(ids=[c.id for c in stored], include=["metadatas"])["metadatas"]
    from_chroma = {Chunk.model_validate_json(m["chunk_json"]).id: Chunk.model_validate_json(m["chunk_json"]).samples
                   for m in metas}
    assert from_chroma == {c.id: c.samples for c in stored}


PLAIN = """Fictional notes on the Quillmark analyst loop

These notes are fictional and written for tests.

Answering "Tell me about yourself"

Keep your answer under two minutes and end on why you want this role.

> I am a hard worker who never gives up.
> I love dashboards more than anything.

That sample is too generic: it lists traits instead of one result you are proud of.

```
SELECT day, count(*) FROM visits GROUP BY day
```
"""


def test_a_quote_block_in_plain_text_is_a_sample_and_a_code_fence_keeps_its_backticks(tmp_path_factory):
    # Plain text is also what a PDF's layout reader writes: an indented quote block comes out as "> " lines.
    _, chunks = parsed(tmp_path_factory, "quillmark_notes.txt", PLAIN)
    assert {s for c in chunks for s in c.samples} == {"I am a hard worker who never gives up.",
                                                       "I love dashboards more than anything."}
    assert not any("> I am" in c.text for c in chunks)
    assert any("```" in c.text and "GROUP BY day" in c.text for c in chunks)
