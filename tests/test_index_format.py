"""Sections know the headings they sit under, and a library stored by an older ingest format is redone by the next
ingest even when its files are unchanged (real parsing, real model, real Chroma, real SQLite; the articles are the
fictional fixtures)."""
from __future__ import annotations

import json

from ingest.chunking import chunk_article, embedding_text
from ingest.parse import INDEX_FORMAT, parse_file, parse_text
from tests.conftest import SEED

# Fictional article: a one-word subheading ("Tips") under the section that says what it is about.
NESTED = """# Applying to Quillmark: a field guide

## Writing the application letter for Quillmark

Quillmark reads every application letter before it reads the resume.

### Tips

- Keep it under a page and name the team you want to join.
- Avoid stock phrases; say what you built and for whom.

## Preparing for the Quillmark coding round

### Tips

- Practise on a plain editor without autocomplete.
"""


def test_sections_and_chunks_record_the_headings_they_sit_under():
    article = parse_text(NESTED, name="quillmark.md", doc_id="quillmark")
    tips = [s for s in article.sections if s.heading == "Tips"]
    assert [s.parents for s in tips] == [["Writing the application letter for Quillmark"],
                                         ["Preparing for the Quillmark coding round"]]
    chunks = [c for c in chunk_article(article) if c.section == "Tips"]
    assert [c.parents for c in chunks] == [s.parents for s in tips]
    # the two "Tips" chunks are told apart by what they are tips for, in what is embedded and indexed
    letter, coding = (embedding_text(c) for c in chunks)
    assert "application letter" in letter and "application letter" not in coding
    assert "coding round" in coding and "coding round" not in letter


def test_articles_are_stamped_with_the_ingest_format():
    assert parse_file(SEED).index_format == INDEX_FORMAT >= 1


def test_a_library_of_an_older_format_is_reingested_and_then_unchanged(make_coach, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "quillmark.md").write_text(NESTED, encoding="utf-8")
    coach = make_coach()
    assert len(coach.ingest([folder]).added) == 1
    catalog = coach.library.catalog
    (doc_id, _, _), = catalog.document_rows()
    # what a library written before formats were recorded holds: no format, no heading paths
    article = json.loads(catalog._query("SELECT article_json FROM documents")[0][0])
    article.pop("index_format")
    with catalog.transaction() as db:
        db.execute("UPDATE documents SET article_json=?", (json.dumps(article),))
    assert catalog.document_formats() == {doc_id: 0}

    redone = coach.ingest([folder])
    assert len(redone.updated) == 1 and not redone.unchanged
    assert catalog.document_formats() == {doc_id: INDEX_FORMAT}
    again = coach.ingest([folder])
    assert len(again.unchanged) == 1 and not again.updated
