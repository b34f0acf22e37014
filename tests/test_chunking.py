"""ingest.chunking and the shared sentence splitter, on the real seed and the fictional fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.text import split_sentences
from ingest.chunking import chunk_article, embedding_text
from ingest.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
FURNITURE = ROOT / "tests" / "fixtures" / "furniture"
SEED_TITLE = "Amazon Applied Scientist vs MLE Interview: What Changes in System Design and ML Focus?"
NOISE = ["Valenx Press", "3 min read", "Share:", "Back to Blog", "amazon.com/dp", "B0GWWJQ2S3", "·"]
ALL_FILES = [SEED, *sorted(ARTICLES.glob("*")), *sorted(FURNITURE.glob("*"))]


@pytest.fixture(scope="module")
def seed_chunks():
    return chunk_article(parse_file(SEED, doc_id="seed", sha256="0"))


def test_no_noise_in_any_seed_chunk(seed_chunks):
    for c in seed_chunks:
        for noise in NOISE:
            assert noise not in c.text and noise not in embedding_text(c), (noise, c.text)
        assert SEED_TITLE not in c.text  # the title lives in Chunk.title, never duplicated into the text


def test_seed_chunk_kinds(seed_chunks):
    kinds = [c.kind for c in seed_chunks]
    assert kinds.count("faq") == 3 and kinds.count("checklist") == 1
    assert kinds.count("rubric") == 3 and kinds.count("tldr") == 1
    faq = [c for c in seed_chunks if c.kind == "faq"]
    for c in faq:
        q, a = c.text.split("\n", 1)
        assert c.section == q and q.endswith("?") and a
    checklist = next(c for c in seed_chunks if c.kind == "checklist")
    assert checklist.text.count("\n") == 5 and "Emphasize designing large-scale ML systems" in checklist.text
    rubric = [c.text for c in seed_chunks if c.kind == "rubric"]
    assert rubric[0] == "BAD: Overemphasizing ML model development in MLE interviews.\n" \
                        "GOOD: Focusing on designing large-scale ML systems."
    assert [c.position for c in seed_chunks] == list(range(len(seed_chunks)))


def test_seed_chunk_metadata(seed_chunks):
    for c in seed_chunks:
        assert c.doc_id == "seed" and c.title == SEED_TITLE and c.company == "Amazon" and c.path == str(SEED)
        assert set(c.roles) <= {"Applied Scientist", "Machine Learning Engineer"}
    by_text = {c.text.split("\n")[0]: c for c in seed_chunks}
    assert by_text["BAD: Overemphasizing ML model development in MLE interviews."].roles == [
        "Machine Learning Engineer"
    ]
    assert by_text["BAD: Failing to practice whiteboarding exercises."].roles == []


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_chunk_ids_stable_and_unique(path):
    a = chunk_article(parse_file(path, doc_id="d", sha256="0"))
    b = chunk_article(parse_file(path, doc_id="d", sha256="0"))
    assert [c.id for c in a] == [c.id for c in b] and len(a) > 3
    assert len({c.id for c in a}) == len(a)
    assert all(len(c.id) == 16 and int(c.id, 16) >= 0 for c in a)
    other = chunk_article(parse_file(path, doc_id="other", sha256="0"))
    assert not {c.id for c in a} & {c.id for c in other}  # the doc_id is part of the id


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("size", [120, 300, 700])
def test_chunks_never_mix_sections(path, size):
    art = parse_file(path, doc_id="d", sha256="0")
    section_text = {s.heading: "\n".join(s.paragraphs) for s in art.sections}
    for c in chunk_article(art, chunk_size=size, overlap=1):
        if c.kind in ("faq", "rubric"):
            continue  # rebuilt from parsed pairs ("Q\nA", "BAD: …\nGOOD: …"), checked elsewhere
        source = section_text[c.section]
        for sentence in split_sentences(c.text):
            assert sentence in source, (c.section, sentence)


def test_packing_respects_size_and_overlap():
    art = parse_file(ARTICLES / "orbitworks_swe_vs_sre.html", doc_id="ow", sha256="0")
    chunks = chunk_article(art, chunk_size=250, overlap=1)
    body = [c for c in chunks if c.kind == "body"]
    for c in body:
        assert len(c.text) <= 250 or len(split_sentences(c.text)) == 1
    overlapped = 0
    for prev, nxt in zip(body, body[1:]):
        if prev.section == nxt.section and split_sentences(prev.text)[-1] == split_sentences(nxt.text)[0]:
            overlapped += 1
    assert overlapped >= 1
    no_overlap = chunk_article(art, chunk_size=250, overlap=0)
    texts = [c.text for c in no_overlap if c.kind == "body"]
    sentences = [s for t in texts for s in split_sentences(t)]
    assert len(sentences) == len(set(sentences))  # overlap=0 repeats nothing


def test_embedding_text_adds_title_and_heading(seed_chunks):
    body = next(c for c in seed_chunks if c.section == "How Does System Design Differ Between the Two Roles?")
    assert embedding_text(body) == f"{SEED_TITLE} — {body.section}: {body.text}"
    faq = next(c for c in seed_chunks if c.kind == "faq")
    assert embedding_text(faq) == f"{SEED_TITLE}: {faq.text}"  # the question is already the text's first line


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Roles pay $160,000 - $220,000 per year. MLE roles pay more.",
         ["Roles pay $160,000 - $220,000 per year.", "MLE roles pay more."]),
        ("Use a metric, e.g. Conversion. Then test it.", ["Use a metric, e.g. Conversion.", "Then test it."]),
        ("AS vs. MLE is the question. It matters.", ["AS vs. MLE is the question.", "It matters."]),
        ("Scores rose 3.5 points. Then 4.25 more.", ["Scores rose 3.5 points.", "Then 4.25 more."]),
        ("Ask “How would you deploy it?” MLE loops differ.", ["Ask “How would you deploy it?”", "MLE loops differ."]),
        ("Dr. Lee and J. Smith agree. Good!", ["Dr. Lee and J. Smith agree.", "Good!"]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("I said no. Then I left.", ["I said no.", "Then I left."]),
        ("See No. 5 in the list. It helps.", ["See No. 5 in the list.", "It helps."]),
        ("Tools, etc. Then practice.", ["Tools, etc.", "Then practice."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_text_without_sentence_ends_is_still_cut():
    from ingest.parse import parse_text

    words = " ".join(f"word{i}" for i in range(600))
    art = parse_text(f"# Fictional Run-on Notes for Data Analyst Interviews\n\n{words}\n", name="x.md", doc_id="r")
    chunks = chunk_article(art, chunk_size=200, overlap=1)
    assert len(chunks) > 10 and all(len(c.text) <= 2 * 200 for c in chunks)
    assert " ".join(c.text for c in chunks).count("word599") >= 1


def test_a_heading_the_passage_never_echoes_is_led_by_its_parent():
    """"Practical tips" says what kind of passage follows, not what it is about: none of its words occurs in the tips
    themselves, so the passage is embedded after the heading above it. A heading the passage echoes stays alone.
    Fictional chunks."""
    from coach.models import Chunk

    def chunk(section: str, text: str) -> Chunk:
        return Chunk(id=section, doc_id="fictional", text=text, title="Zephyrix guide", path="zephyrix.md",
                     section=section, parents=["Writing the glimmer letter"])

    tips = chunk("Practical tips", "Match the glimmer letter to the posting. Ask a friend to proofread it.")
    assert embedding_text(tips) == f"Zephyrix guide — Writing the glimmer letter > Practical tips: {tips.text}"
    echoed = chunk("Keep the letter short", "A glimmer letter longer than one page is rarely read to the end.")
    assert embedding_text(echoed) == f"Zephyrix guide — Keep the letter short: {echoed.text}"
    asked = chunk("What is glimmer drift? ⭐️", "When a letter reads well to you but not to the guild.")
    assert embedding_text(asked) == f"Zephyrix guide — What is glimmer drift? ⭐️: {asked.text}"  # a question names it


SPONSORED = """# Mock interview platforms

Fictional article written for Interview Coach's tests; Quorra Mock and Zylo are invented. Practise with a person
before the real loop: a mock interview shows you where you stall and how your explanation sounds out loud.

## Quorra Mock

Quorra Mock pairs you with a peer who asks a coding question and writes feedback after forty minutes of practice.

## Zylo

**Disclaimer: This section was added by the Zylo team**

Zylo connects you with veteran interviewers for mock interviews at a price far below any other platform.

### Why candidates love Zylo

- Affordability: sessions cost a fraction of what rivals charge
- Direct messages to your interviewer before the session

## After the mock

Write down the two questions that went worst and practise them again within a week.
"""


def test_a_sponsored_section_and_what_sits_under_it_are_never_indexed():
    from ingest.parse import parse_text

    chunks = chunk_article(parse_text(SPONSORED, name="platforms.md", doc_id="platforms"))
    text = "\n".join(f"{c.section}\n{c.text}" for c in chunks)
    assert "Quorra Mock pairs you" in text and "went worst" in text  # the article's own sections stay
    assert "far below" not in text and "fraction of what rivals" not in text and "Direct messages" not in text


def test_a_name_only_a_sponsor_writes_is_not_covered(make_coach, tmp_path):
    article = tmp_path / "platforms.md"
    article.write_text(SPONSORED, encoding="utf-8")
    coach = make_coach()
    coach.ingest([article])
    answer = coach.ask("Will a practice session on Zylo cost me a lot?")
    assert not answer.grounded and "far below" not in answer.answer and "fraction" not in answer.answer
    assert coach.ask("How should I follow up after a mock interview?").grounded  # the article still answers
