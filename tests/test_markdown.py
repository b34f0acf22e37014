"""The Markdown/MDX parser (ingest.markdown) and the general rubric, entities and levels on the fictional
Markdown fixtures in tests/fixtures/articles-md (labelled in tests/evals/rubric_fixtures.jsonl)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.evaluation.rubric import FIXTURE_LABELS, score_article
from ingest.markdown import is_advert, markdown_blocks
from ingest.parse import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[1]
MD = ROOT / "tests" / "fixtures" / "articles-md"
BRIGHTLOOM = MD / "brightloom_frontend_interviews.md"
CORVANE = MD / "corvane_data_scientist_levels.md"
LABELS = {d["file"]: d for d in map(json.loads, FIXTURE_LABELS.read_text(encoding="utf-8").splitlines()) if d}


@pytest.fixture(scope="module")
def brightloom():
    return parse_file(BRIGHTLOOM, doc_id="b", sha256="0")


@pytest.fixture(scope="module")
def corvane():
    return parse_file(CORVANE, doc_id="c", sha256="0")


def _all_text(article) -> str:
    return "\n".join(p for s in article.sections for p in s.paragraphs) + "\n" + "\n".join(
        f"{r.mistake} {r.fix}" for r in article.rubric)


def test_front_matter_is_metadata_and_the_title_wins(brightloom, corvane):
    assert brightloom.title == "BrightLoom Frontend Engineer interviews: what to expect"
    assert brightloom.description.startswith("A fictional guide")
    assert brightloom.tags == ["frontend", "interviews", "fictional"]
    # front-matter title beats the file's own H1; the H1 stays a section heading
    assert corvane.title == "Corvane Data Scientist levels and the mistakes that cost offers"
    assert corvane.tags == ["data science", "levels"]
    text = _all_text(brightloom)
    assert "sidebar_label" not in text and "---" not in text


def test_mdx_html_comments_images_and_adverts_do_not_reach_the_text(brightloom):
    text = _all_text(brightloom)
    for gone in ("import Callout", "export const", "PromoBox", "InDocAd", "do not publish", "60% off", "Check it out",
                 "UIPrep", "utm_", "require(", "maxWidth", "diagram of the BrightLoom loop", "Expert tip"):
        assert gone not in text, gone
    # JSX block content that is prose stays; zero-width characters are gone
    assert "The UI coding round uses a shared browser sandbox, not a whiteboard." in text
    assert "Please read every round's notes below." in text and "\u200b" not in text


def test_tables_become_row_sentences_and_code_stays_code(brightloom):
    rows = [p for s in brightloom.sections if s.heading == "Rounds at a glance" for p in s.paragraphs]
    assert rows[0] == "UI coding — Length: 60 min; Focus: Build a component; don't forget keyboard support"
    code = [p for s in brightloom.sections for p in s.paragraphs if p.startswith("```")]
    assert len(code) == 1 and "// Don't debounce here" in code[0] and code[0].endswith("```")


def test_fixture_rubric_matches_labels(brightloom, corvane):
    for article, name in ((brightloom, BRIGHTLOOM.name), (corvane, CORVANE.name)):
        res = score_article(LABELS[name], article.rubric)
        assert res.missed == [] and res.non_mistakes == [], res
    kinds = {r.mistake: r.kind for r in brightloom.rubric}
    assert kinds["Reaching for a state library before the component works"] == "pair"
    assert kinds["Don't hard-code the fetch URL"] == "dont"
    pair = next(r for r in brightloom.rubric if r.mistake.startswith("Reaching"))
    assert pair.fix == "Starting with local state and lifting it only when two components need it"
    assert pair.section == "UI coding round > ✅ / ❌ in the coding round"
    lone = next(r for r in brightloom.rubric if r.mistake == "Leaving console errors in the sandbox")
    assert lone.fix == ""
    hard = next(r for r in brightloom.rubric if r.mistake == "Don't hard-code the fetch URL")
    assert "Interviewers watch for hard-coded endpoints" in hard.context
    assert hard.fix.startswith("Pass the endpoint in as a prop instead")
    jump = next(r for r in corvane.rubric if r.mistake == "Jumping to a model")
    assert jump.kind == "pitfall" and jump.fix == "ask what decision changes with the answer."
    assert "gradient boosting" in jump.context
    blame = next(r for r in corvane.rubric if r.mistake == "Blaming the data team")
    assert blame.section == "Red flags interviewers note > Blaming the data team"
    assert blame.fix.startswith("describe how you found the data issue")


def test_faq_variants(brightloom, corvane):
    assert [(p.question, p.answer) for p in brightloom.faq] == [
        ("Is React required?", "No, plain JavaScript is accepted in every round."),
        ("How long is the loop?", "About three weeks from the recruiter call to the offer."),
        ("Can I use TypeScript?", "Yes, TypeScript and JavaScript are both fine."),
        ("Do I need to know CSS grid?", "Yes. The layout question in the UI round expects flexbox or grid."),
    ]
    assert [p.question for p in corvane.faq] == [
        "How many rounds are there?", "Is there a take-home?", "What does a Staff Data Scientist interview add?"]


def test_mdx_files_ingest_as_markdown(tmp_path):
    mdx = tmp_path / "loop.mdx"
    mdx.write_text(BRIGHTLOOM.read_text(encoding="utf-8"), encoding="utf-8")
    art = parse_file(mdx, doc_id="m", sha256="0")
    assert art.title == "BrightLoom Frontend Engineer interviews: what to expect" and len(art.rubric) == 7


def test_question_headings_answer_themselves_in_a_qa_document():
    text = ("# Fictional ML interview notes\n\nFictional questions written for Interview Coach's tests.\n\n"
            "**What is overfitting? ⭐️**\n\nThe model fits noise in the training data and fails on new data.\n\n"
            "**How do you detect it?**\n\nCompare training and validation error over time.\n")
    art = parse_text(text, name="qa.md", doc_id="qa")
    assert [(p.question, p.answer) for p in art.faq] == [
        ("What is overfitting?", "The model fits noise in the training data and fails on new data."),
        ("How do you detect it?", "Compare training and validation error over time."),
    ]


def test_companies_discussed_and_levels(brightloom, corvane):
    assert [m.name for m in brightloom.companies] == LABELS[BRIGHTLOOM.name]["companies"]
    orrin = next(m for m in brightloom.companies if m.name == "Orrin Labs")
    assert orrin.sections == ["Orrin Labs Frontend Engineer interview questions"] and orrin.count >= 2
    assert [m.name for m in corvane.companies] == ["Corvane"]
    fe = next(r for r in brightloom.roles if r.name == "Frontend Engineer")
    assert fe.levels == ["Senior"]
    ds = next(r for r in corvane.roles if r.name == "Data Scientist")
    assert {"I", "II", "Senior", "Staff"} <= set(ds.levels)
    assert next(m for m in corvane.role_mentions if m.name == "Data Scientist").count >= 6


def test_pitfall_sections_with_sub_headings_or_bold_lines():
    text = ("# Fictional guide to behavioural rounds\n\nFictional article written for Interview Coach's tests.\n\n"
            "## Avoid these common mistakes\n\n### 1. Rambling without structure\n\nCandidates talk for five "
            "minutes. Instead, use STAR.\n\n### Mistake #2: Blaming others\n\nSaying your team failed you.\n\n"
            "## Red flags\n\n**Vague answers**\n\nNo numbers at all.\n\n## 🚫 Don'ts\n\n- Reading from notes\n\n"
            "## Other notes\n\n**Rambling**\n\nFine in small talk.\n")
    art = parse_text(text, name="p.md", doc_id="p")
    assert [(r.kind, r.mistake, r.fix) for r in art.rubric] == [
        ("pitfall", "Rambling without structure", "use STAR."),
        ("pitfall", "Blaming others", ""),
        ("pitfall", "Vague answers", ""),
        ("dont", "Reading from notes", ""),
    ]
    assert art.rubric[1].section == "Avoid these common mistakes > Mistake #2: Blaming others"
    assert art.rubric[1].context == "Saying your team failed you."


def test_prose_prohibitions_only_at_sentence_start():
    text = ("# Fictional onsite notes\n\nFictional article written for Interview Coach's tests about invented "
            "interview habits.\n\n## The onsite\n\nI didn't sleep before my onsite, and you don't have to copy me. "
            "However, do not skip the warm-up problem. Don't worry if you blank out for a moment. Never read your "
            "answers from notes. Stop apologising for gaps in your resume.\n\n"
            "Tips on tuning:\n\n- limit the depth\n- do not split tiny nodes\n")
    art = parse_text(text, name="o.md", doc_id="o")
    assert [(r.kind, r.mistake) for r in art.rubric] == [
        ("rule", "However, do not skip the warm-up problem."),
        ("rule", "Never read your answers from notes."),
        ("rule", "Stop apologising for gaps in your resume."),
    ]


def test_capitalised_tools_are_not_companies():
    text = ("# Fictional resume tips\n\nFictional article for Interview Coach's tests.\n\n"
            "## Only use Google Docs or Microsoft Word\n\nWrite it in Google Docs. Practise on LeetCode daily; "
            "LeetCode has many problems. We used Notion too.\n\n## Career levels\n\nLevels differ by company.\n")
    art = parse_text(text, name="tools.md", doc_id="t")
    assert art.companies == []


def test_is_advert_needs_a_tracking_link_and_a_call_to_action():
    assert is_advert("Get 20% off with code X", ["https://x.example/?utm_source=blog"])
    assert not is_advert("Get 20% off with code X", ["https://x.example/docs"])
    assert not is_advert("Their docs explain the loop.", ["https://x.example/?utm_source=blog"])
    # a short paragraph that only points elsewhere is furniture; a sentence of content with a link is not
    assert is_advert("Read more about summaries on the Resume Handbook.", ["https://handbook.example/summary"])
    assert is_advert("Check out the practice platform!", ["https://platform.example/"])
    assert not is_advert("Read more about summaries on the Resume Handbook.", [])
    assert not is_advert("The loop has four rounds, described on the careers page.", ["https://x.example/careers"])


def test_hostile_markdown_loses_no_text_and_stays_linear():
    import time

    deep = "> " * 500 + "deep quote text here\n\n" + "- " * 300 + "deep list\n"
    blocks, _ = markdown_blocks(deep)  # past markdown-it's nesting limit the words are kept, not dropped
    assert [b.text for b in blocks] == ["deep quote text here", "deep list"]
    timings = []
    for n in (5_000, 20_000):
        text = "".join(f"- item {i} don't worry\n" for i in range(n))
        started = time.perf_counter()
        blocks, _ = markdown_blocks(text)
        timings.append(time.perf_counter() - started)
        assert len(blocks) == n
    assert timings[1] < 12 * timings[0] + 1  # 4x the items: about 4x the time, never quadratic
    blocks, _ = markdown_blocks("word " * 2_000_000)
    assert len(blocks) == 1


def test_blockquotes_are_marked_quoted_and_keep_their_words():
    """Fictional text: a template set apart as a quote is a ``quoted`` block, bold-only lines in it stay text."""
    blocks, _ = markdown_blocks("Use this format:\n\n> [Year] [Prize] [Event]\n\n> **Sample only**\n\nAfter it.\n")
    assert [(b.kind, b.text, b.quoted) for b in blocks] == [
        ("para", "Use this format:", False), ("para", "[Year] [Prize] [Event]", True),
        ("para", "Sample only", True), ("para", "After it.", False)]
