"""A file saved in an older text encoding is read in that encoding, not refused: an HTML page in the charset its
head declares, a Windows-1252 / Latin-1 text or Markdown file full of curly quotes, and (when charset-normalizer is
installed) an undeclared page in another script. What is text in no encoding is still refused. All text here is
fictional and written for these tests."""
from __future__ import annotations

import random

import pytest

from coach.errors import IngestError
from ingest.loaders import load_document
from ingest.parse import parse_file

GREEK = "Η συνέντευξη στη Βορεάδα έχει τέσσερις γύρους και ο υποψήφιος εξηγεί γιατί θέλει τη θέση. "
RUSSIAN = "Собеседование в компании Северин состоит из четырёх этапов, и кандидат объясняет свой выбор. "
CURLY = "Don’t answer “I don’t know” — say “I’d check with the team”, then say how you’d check. "


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}<title>Interview guide</title></head><body>\n<h1>Interview guide</h1>\n<p>{body}</p>" \
           "</body></html>"


@pytest.mark.parametrize(("head", "text", "encoding", "codec"), [
    ("<meta charset='windows-1253'>", GREEK, "cp1253", "cp1253"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">', RUSSIAN, "koi8_r", "koi8-r"),
    ('<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=iso-8859-1">', CURLY, "cp1252", "cp1252"),
])
def test_a_page_is_read_in_the_charset_it_declares(tmp_path, head, text, encoding, codec):
    path = tmp_path / "page.html"
    path.write_bytes(_page(head, text * 6).encode(codec))
    doc = load_document(path)
    assert text.strip() in doc.text and doc.meta["encoding"] == encoding
    article = parse_file(path)
    assert text.split()[2] in " ".join(p for s in article.sections for p in s.paragraphs)  # words, not mojibake


def test_a_page_saved_as_utf8_keeps_utf8_whatever_its_old_meta_says(tmp_path):
    path = tmp_path / "resaved.html"
    path.write_bytes(_page("<meta charset='windows-1252'>", CURLY * 6).encode("utf-8"))
    doc = load_document(path)
    assert CURLY.strip() in doc.text and "â€" not in doc.text and "encoding" not in doc.meta


@pytest.mark.parametrize("name", ["notes.md", "notes.txt"])
def test_a_windows_1252_file_full_of_curly_quotes_is_read(tmp_path, name):
    # every sentence quotes: more than one character in ten is a curly quote or a dash
    text = "# Answering the hard question\n\n" + CURLY * 4 + "\n\nIt’s “fine” to pause — ‘briefly’.\n"
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    doc = load_document(path)
    assert doc.text == text and doc.meta["encoding"] == "cp1252"


def test_an_undeclared_page_in_another_script_is_read_by_the_detector(tmp_path):
    pytest.importorskip("charset_normalizer", reason="the encoding detector is optional")
    path = tmp_path / "greek.txt"
    path.write_bytes((GREEK * 8).encode("cp1253"))
    doc = load_document(path)
    assert doc.text == GREEK * 8 and doc.meta["encoding"] == "cp1253"


def test_bytes_that_are_text_in_no_encoding_are_still_refused(tmp_path):
    rng = random.Random(7)
    path = tmp_path / "noise.md"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    with pytest.raises(IngestError) as err:
        load_document(path)
    assert "cannot be read as text" in err.value.reason or "binary content" in err.value.reason, err.value.reason
