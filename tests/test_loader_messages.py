"""What a user reads when a file cannot be added: plain words saying what is wrong with the file and what to do, never
a library's class name or a byte offset. Real files: a PDF made with fpdf2 and cut short, and bad files written here."""
from __future__ import annotations

import re

import pytest

from coach.errors import IngestError
from ingest.loaders import load_document
from tests.test_loaders import make_pdf

# A library's class name (PdfStreamError, UnicodeDecodeError) or a hex byte means nothing to the person who chose the
# file.
JARGON = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception)\b|0x[0-9a-f]{2}|\boffset\b|\bNUL\b")
# Every message says what to do after what is wrong (the CLI prints it after the file name; the Library tab after
# "Nothing was added").
TODO = re.compile(r"; .*\b(save|rename|add|check|download|export|keep|unpack|OCR)\b")


def reason_for(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        load_document(path)
    assert not JARGON.search(err.value.reason), err.value.reason
    assert TODO.search(err.value.reason), err.value.reason
    return err.value.reason


def test_a_damaged_pdf_is_named_so_without_pypdf_words(tmp_path):
    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    for cut in (good[: len(good) // 3], good[: len(good) // 2], b"%PDF-1.7\n" + b"garbage " * 100):
        reason = reason_for(tmp_path, "guide.pdf", cut)
        assert "damaged or incomplete" in reason and "Stream" not in reason, reason


def test_a_file_named_pdf_that_is_not_one_says_what_it_is(tmp_path):
    page = b"<!DOCTYPE html>\n<html><body><h1>Interview guide</h1><p>Some prose about rounds.</p></body></html>"
    assert "not a PDF: the file is a web page (HTML)" in reason_for(tmp_path, "saved.pdf", page)
    assert "rename it to .html" in reason_for(tmp_path, "saved.pdf", page)
    assert "not a PDF" in reason_for(tmp_path, "notes.pdf", b"Plain notes, not a PDF at all. " * 20)
    assert "ZIP archive" in reason_for(tmp_path, "cv.pdf", b"PK\x03\x04" + bytes(range(256)) * 4)


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "a PNG image"),
    ("scan.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4, "a JPEG image"),
    ("cv.md", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "Word .docx"),  # a .docx renamed .md
    ("guide.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj\n<< >>\nendobj\n" * 20, "a PDF"),
])
def test_a_binary_file_renamed_to_text_says_what_it_is(tmp_path, name, data, kind):
    reason = reason_for(tmp_path, name, data)
    assert reason.startswith("binary content, not text: the file is") and kind in reason, reason


def test_unknown_binary_says_which_formats_to_use(tmp_path):
    reason = reason_for(tmp_path, "notes.md", bytes(range(256)) * 8)
    assert "Markdown, plain text, HTML or PDF" in reason, reason


def test_bytes_no_encoding_reads_name_the_line_not_a_byte(tmp_path):
    # text lines, then bytes that are prose in no encoding (a page in another encoding is read: test_loader_encodings)
    data = b"<html><body>\n<h1>Interview</h1>\n<p>" + bytes(range(0x80, 0x100)) * 3 + b"</p></body></html>"
    reason = reason_for(tmp_path, "page.html", data)
    assert "not valid UTF-8" in reason and "line 3" in reason and "save the file as UTF-8" in reason, reason


@pytest.mark.parametrize(("data", "words"), [
    (b"", "0 bytes"), (b" \n\n\t  \n", "only blank lines and spaces")])
def test_an_empty_file_says_so_and_what_to_check(tmp_path, data, words):
    reason = reason_for(tmp_path, "empty.md", data)
    assert reason.startswith("empty file") and words in reason and "right file" in reason, reason


def test_a_huge_file_says_the_limit_and_what_to_keep(tmp_path):
    path = tmp_path / "dump.md"
    with path.open("wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written
    with pytest.raises(IngestError) as err:
        load_document(path)
    assert "21.0 MB" in err.value.reason and "limit is 20 MB" in err.value.reason and TODO.search(err.value.reason)


@pytest.mark.parametrize(("name", "data", "words"), [
    ("note.md", b"# Interview notes\nAsk about the team.", "too little text"),
    ("figures.txt", b"1234 5678 ---- #### $$$$ 90.1 % 42 " * 20, "does not look like prose"),
])
def test_text_that_is_not_an_article_says_what_to_add(tmp_path, name, data, words):
    from ingest.parse import parse_file

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        parse_file(path)
    assert words in err.value.reason and TODO.search(err.value.reason), err.value.reason
