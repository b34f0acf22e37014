"""ingest.loaders on real files: the seed, fictional fixtures, PDFs made with fpdf2 at test time, and bad files."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from coach.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, is_sidecar, load_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
FURNITURE = ROOT / "tests" / "fixtures" / "furniture"
SEED_SHA256 = "0a8475e646301330e7fc814622a288866af7953110c0bd8306c16f3febe8bc23"

PDF_LINES = [
    ("title", "Lumafield Data Analyst vs Data Scientist Interview Guide"),
    ("p", "Fictional article written for Interview Coach's tests; Lumafield and all figures are invented."),
    (
        "p",
        "Lumafield hires Data Analysts and Data Scientists into one insights team. Data Analyst interviews test SQL "
        "and dashboards, while Data Scientist interviews test statistics, experiments and modelling in more depth "
        "than most candidates expect.",
    ),
    ("h", "How Many Rounds Does Each Loop Have?"),
    ("p", "The Data Analyst loop has 4 rounds and the Data Scientist loop has 5 rounds."),
    ("h", "Mistakes to Avoid"),
    (
        "p",
        "BAD: Presenting charts without a question in Data Analyst interviews. GOOD: Stating the business question "
        "before showing any chart. BAD: Quoting p-values without effect sizes in Data Scientist interviews. GOOD: "
        "Reporting effect sizes with confidence intervals.",
    ),
    ("h", "FAQ"),
    ("h", "How long does the Lumafield process take?"),
    ("p", "About 3 weeks for both roles."),
]


def make_pdf(path: Path, lines=PDF_LINES, *, text: bool = True, password: str | None = None) -> Path:
    """A real PDF written by fpdf2; ``text=False`` draws shapes only (like a scan: no text layer)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text:
        for kind, line in lines:
            pdf.set_font("Helvetica", "B" if kind != "p" else "", 16 if kind == "title" else 12)
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    else:
        pdf.set_fill_color(40, 40, 40)
        for i in range(12):
            pdf.rect(20, 20 + i * 12, 170, 6, style="F")
    if password:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(owner_password="owner-" + password, user_password=password,
                           encryption_method=EncryptionMethod.RC4)
    pdf.output(str(path))
    return path


def reason(exc_info) -> str:
    return exc_info.value.reason


# ------------------------------------------------------------------------------------------------- good files
def test_seed_loads_as_text_and_stays_byte_identical():
    import hashlib

    doc = load_document(SEED)
    assert doc.fmt == "text"
    assert "Amazon Applied Scientist vs MLE Interview" in doc.text
    assert doc.meta.get("company") == "Amazon"  # from the real sidecar corpus/<seed>.txt.meta.json
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_fixture_formats():
    assert load_document(ARTICLES / "nimbusfin_data_scientist_vs_data_engineer.md").fmt == "markdown"
    html = load_document(ARTICLES / "orbitworks_swe_vs_sre.html")
    assert html.fmt == "html" and "<article>" in html.text  # the loader returns the page; clean.py extracts


def test_sidecar_metadata_is_read_and_sidecars_are_not_documents(tmp_path):
    doc_path = tmp_path / SEED.name
    shutil.copy(SEED, doc_path)
    side = tmp_path / (SEED.name + ".meta.json")
    side.write_text(json.dumps({"source_url": "https://example.com/a", "company": "Amazon", "note": "seed"}))
    doc = load_document(doc_path)
    assert doc.meta == {"source_url": "https://example.com/a", "company": "Amazon", "note": "seed"}
    assert is_sidecar(side) and is_sidecar(str(side).upper()) and not is_sidecar(doc_path)
    with pytest.raises(IngestError) as err:
        load_document(side)
    assert "sidecar" in reason(err)


def test_broken_sidecar_is_a_clear_error(tmp_path):
    doc_path = tmp_path / "a.md"
    shutil.copy(ARTICLES / "nimbusfin_data_scientist_vs_data_engineer.md", doc_path)
    (tmp_path / "a.md.meta.json").write_text("{not json")
    with pytest.raises(IngestError) as err:
        load_document(doc_path)
    assert "a.md.meta.json" in reason(err) and "JSON" in reason(err)
    (tmp_path / "a.md.meta.json").write_text("[1, 2]")
    with pytest.raises(IngestError, match="JSON object"):
        load_document(doc_path)


def test_supported_suffixes():
    assert {".md", ".markdown", ".mdx", ".txt", ".html", ".htm", ".pdf"} == set(SUPPORTED_SUFFIXES)


def test_pdf_with_text_layer(tmp_path):
    doc = load_document(make_pdf(tmp_path / "guide.pdf"))
    assert doc.fmt == "pdf"
    lines = doc.text.splitlines()
    assert lines[0] == "# Lumafield Data Analyst vs Data Scientist Interview Guide"  # set larger: a heading
    assert "**Mistakes to Avoid**" in lines and "**FAQ**" in lines  # bold lines that begin a block: headings
    # the wrapped rubric paragraph is re-joined into one line
    assert any(ln.startswith("BAD: Presenting charts") and ln.endswith("confidence intervals.") for ln in lines)


def _printed_page(path: Path) -> Path:
    """A fictional article laid out like a web page printed to PDF: a navigation bar of links, a title, section
    headings set larger than the body, a list whose bullets are drawn (no bullet character in the text layer), a
    referral box linking with tracking parameters, and a page number on every page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Kestrel Offer Guide | Example Careers Site")
    pdf.set_auto_page_break(True, margin=20)

    def footer():
        pdf.set_y(-15)
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 8, str(pdf.page_no()), align="C")

    pdf.footer = footer
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    for label in ("Home", "Blog", "Pricing", "Log in"):
        pdf.cell(pdf.get_string_width(label) + 4, 6, label, link=f"https://careers.example/{label.lower()}")
    pdf.ln(12)
    pdf.set_font("Helvetica", "B", 22)
    pdf.multi_cell(0, 10, "Kestrel Offer Guide: negotiating your first software engineering offer",
                   new_x="LMARGIN", new_y="NEXT")
    body = ("Fictional article written for Interview Coach's tests; Kestrel and every figure are invented. "
            "Most first offers leave room to negotiate, and recruiters expect you to ask for more when you hold a "
            "competing offer or a clear market figure. ") * 3
    for section in ("Before the call", "During the call", "After the call"):
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 16)
        pdf.cell(0, 9, section, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.multi_cell(0, 6, "Common pitfalls:", new_x="LMARGIN", new_y="NEXT")
        for item in ("Accepting on the spot without asking for the offer in writing",
                     "Naming a number before the recruiter shares the range"):
            pdf.circle(x=pdf.l_margin + 3, y=pdf.get_y() + 3, radius=1, style="F")  # the bullet is drawn
            pdf.set_x(pdf.l_margin + 10)
            pdf.multi_cell(0, 6, item, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.multi_cell(0, 6, "Get paid more: book a risk-free session with ", new_x="END", new_y="TOP")
    pdf.cell(30, 6, "OfferPal", link="https://offerpal.example/?utm_source=kestrel&utm_medium=referral",
             new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_printed_web_page_keeps_its_structure_and_loses_its_furniture(tmp_path):
    doc = load_document(_printed_page(tmp_path / "kestrel.pdf"))
    lines = [ln for ln in doc.text.splitlines() if ln]
    # headings set larger than the body come back as headings, the largest first
    assert lines[0] == "# Kestrel Offer Guide: negotiating your first software engineering offer"  # wrapped title
    assert "## Before the call" in lines and "## After the call" in lines
    # a list whose bullets were drawn keeps one item per line
    assert lines.count("- Accepting on the spot without asking for the offer in writing") == 3
    assert lines.count("- Naming a number before the recruiter shares the range") == 3
    # navigation, page numbers and the referral box are furniture
    assert not any("Pricing" in ln or "OfferPal" in ln for ln in lines)
    assert not any(ln.strip().isdigit() for ln in lines)
    # the document's own title (without the site's name) is kept for an article whose text opens without one
    assert doc.meta["embedded_title"] == "Kestrel Offer Guide"


def test_printed_web_page_becomes_an_article_with_its_pitfalls(tmp_path):
    from ingest.parse import parse_file

    article = parse_file(_printed_page(tmp_path / "kestrel.pdf"))
    assert article.title == "Kestrel Offer Guide: negotiating your first software engineering offer"
    assert [s.heading for s in article.sections][:3] == ["Before the call", "During the call", "After the call"]
    mistakes = {r.mistake for r in article.rubric}
    assert "Naming a number before the recruiter shares the range" in mistakes


def test_latin1_prose_is_decoded_safely(tmp_path):
    p = tmp_path / "latin1.txt"
    text = "Café interviews: résumé tips for the naïve candidate.\n\nA second paragraph with an em dash — here.\n"
    p.write_bytes(text.encode("cp1252"))
    doc = load_document(p)
    assert doc.text == text and doc.meta["encoding"] == "cp1252"


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Résumé review for Data Engineer interviews.\n".encode("utf-16"))
    assert load_document(p).text.startswith("Résumé review")


# -------------------------------------------------------------------------------------------------- bad files
def test_empty_and_whitespace_files(tmp_path):
    for name, data in [("empty.md", b""), ("blank.txt", b"  \n\n\t \n")]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(IngestError) as err:
            load_document(tmp_path / name)
        assert "empty" in reason(err)
        assert err.value.path == str(tmp_path / name)


def test_binary_renamed_md(tmp_path):
    p = tmp_path / "notes.md"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(IngestError) as err:
        load_document(p)
    assert "binary" in reason(err)


def test_pdf_renamed_md(tmp_path):
    p = tmp_path / "guide.md"
    shutil.copy(make_pdf(tmp_path / "guide.pdf"), p)
    with pytest.raises(IngestError) as err:
        load_document(p)
    assert "binary" in reason(err)


def test_control_characters_without_nul(tmp_path):
    p = tmp_path / "weird.txt"
    p.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 40 + b"text")
    with pytest.raises(IngestError, match="binary"):
        load_document(p)


def test_not_utf8_and_not_prose(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_bytes(bytes(range(0xA0, 0x100)) * 3 + b" some ascii words")
    with pytest.raises(IngestError) as err:
        load_document(p)
    assert "not valid UTF-8" in reason(err) and "line 1" in reason(err)


def test_unsupported_suffix(tmp_path):
    for name in ["cv.docx", "README"]:
        p = tmp_path / name
        p.write_text("Plenty of ordinary prose here.")
        with pytest.raises(IngestError) as err:
            load_document(p)
        assert "unsupported file type" in reason(err) and ".md" in reason(err)


def test_missing_and_directory(tmp_path):
    with pytest.raises(IngestError, match="not found"):
        load_document(tmp_path / "nope.md")
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(IngestError, match="not a regular file"):
        load_document(tmp_path / "folder.md")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.md"
    p.write_text("Some article text.")
    p.chmod(0)
    try:
        with pytest.raises(IngestError, match="permission denied"):
            load_document(p)
    finally:
        p.chmod(0o600)


def test_pdf_without_text_layer(tmp_path):
    with pytest.raises(IngestError) as err:
        load_document(make_pdf(tmp_path / "scan.pdf", text=False))
    assert "no extractable text" in reason(err) and "OCR it first" in reason(err)


def test_encrypted_pdf(tmp_path):
    with pytest.raises(IngestError) as err:
        load_document(make_pdf(tmp_path / "locked.pdf", password="s3cret"))
    assert "encrypted PDF" in reason(err)


def test_corrupt_pdf(tmp_path):
    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    for name, data in [("trunc.pdf", good[: len(good) // 3]), ("junk.pdf", b"%PDF-1.7\n" + b"garbage " * 100)]:
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(IngestError) as err:
            load_document(p)
        assert "PDF" in reason(err), reason(err)
