"""ingest.structure / ingest.parse on the real seed, the shared fictional fixtures, our fixtures and a real PDF."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.errors import IngestError
from ingest.clean import clean_text
from ingest.parse import parse_file, parse_text
from ingest.structure import parse_article

from test_loaders import make_pdf  # noqa: E402  (tests/ is on sys.path under pytest's rootdir import mode)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
FURNITURE = ROOT / "tests" / "fixtures" / "furniture"
SEED_TITLE = "Amazon Applied Scientist vs MLE Interview: What Changes in System Design and ML Focus?"
AS, MLE = "Applied Scientist", "Machine Learning Engineer"


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED, doc_id="seed", sha256="0" * 64)


def test_seed_title_company_roles(seed):
    assert seed.title == SEED_TITLE
    assert seed.company == "Amazon"
    assert [r.name for r in seed.roles] == [AS, MLE]
    assert "MLE" in seed.roles[1].aliases
    assert seed.source_url is None


def test_seed_company_comes_from_the_title_without_a_sidecar():
    art = parse_article(clean_text(SEED.read_text(encoding="utf-8")), doc_id="s", path="x.txt", sha256="0",
                        fmt="text", meta=None)
    assert art.company == "Amazon" and art.title == SEED_TITLE


def test_seed_rubric_is_exactly_three_verbatim_items(seed):
    got = [(r.mistake, r.fix, r.roles) for r in seed.rubric]
    assert got == [
        ("Overemphasizing ML model development in MLE interviews.", "Focusing on designing large-scale ML systems.",
         [MLE]),
        ("Ignoring system design concepts in Applied Scientist interviews.", "Emphasizing ML model deployment.", [AS]),
        ("Failing to practice whiteboarding exercises.", "Improving communication skills through practice.", []),
    ]
    raw = SEED.read_text(encoding="utf-8")
    for r in seed.rubric:  # verbatim: each text, trailing period included, occurs as-is in the file
        assert f"BAD: {r.mistake} GOOD: {r.fix}" in raw
        assert r.doc_id == "seed" and r.source == SEED_TITLE and len(r.id) == 16
    assert len({r.id for r in seed.rubric}) == 3


def test_seed_faq_checklist_tldr(seed):
    assert [p.question for p in seed.faq] == [
        "What is the average salary range for Amazon Applied Scientist and MLE roles?",
        "How long does the Amazon interview process typically take?",
        "What are the most important skills for success in Amazon Applied Scientist and MLE interviews?",
    ]
    assert seed.faq[0].answer.startswith("The average salary range for Amazon Applied Scientist roles is $160,000")
    assert seed.faq[2].answer.endswith("and excellent communication skills.")
    assert seed.checklist == [
        "Review ML fundamentals and system design concepts",
        "Practice whiteboarding exercises to improve communication skills",
        "Work through a structured preparation system (the PM Interview Playbook covers system design for MLE "
        "interviews with real debrief examples)",
        "Focus on developing and deploying ML models for Applied Scientist interviews",
        "Emphasize designing large-scale ML systems for MLE interviews",
    ]
    assert seed.tldr.startswith("The Amazon Applied Scientist and Machine Learning Engineer (MLE) interviews")


def test_seed_sections(seed):
    assert [(s.heading, s.kind) for s in seed.sections] == [
        (None, "body"),
        ("What Are the Key Differences in Interview Structure?", "body"),
        ("How Does System Design Differ Between the Two Roles?", "body"),
        ("What ML Focus Can Candidates Expect in Each Interview?", "body"),
        ("How Do Interview Questions Reflect These Differences?", "body"),
        ("Preparation Checklist", "checklist"),
        ("Mistakes to Avoid", "rubric"),
        ("FAQ", "faq"),
        ("TL;DR", "tldr"),
    ]
    assert all(SEED_TITLE not in p for s in seed.sections for p in s.paragraphs)  # the doubled title is gone


def test_seed_practice_questions(seed):
    assert [(q.text, q.role) for q in seed.questions] == [
        ("How would you deploy a recommender model?", AS),
        ("Design a system to train and deploy multiple ML models.", MLE),
    ]
    assert all(len(q.id) == 16 and q.doc_id == "seed" and q.source == SEED_TITLE for q in seed.questions)


def test_ids_are_content_derived_and_stable(tmp_path):
    a = parse_file(SEED, doc_id="seed", sha256="x")
    b = parse_file(SEED, doc_id="seed", sha256="x")
    assert [r.id for r in a.rubric] == [r.id for r in b.rubric]
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    edited = tmp_path / "edited.txt"
    edited.write_text(SEED.read_text(encoding="utf-8").replace("whiteboarding exercises.", "mock interviews."))
    c = parse_file(edited, doc_id="seed", sha256="y")
    assert [r.id for r in c.rubric][:2] == [r.id for r in a.rubric][:2]
    assert c.rubric[2].id != a.rubric[2].id and c.rubric[2].mistake == "Failing to practice mock interviews."


def test_markdown_fixture():
    art = parse_file(ARTICLES / "nimbusfin_data_scientist_vs_data_engineer.md", doc_id="nf", sha256="0")
    assert art.title.startswith("NimbusFin Data Scientist vs Data Engineer Interview")
    assert art.company == "NimbusFin"
    assert [r.name for r in art.roles] == ["Data Scientist", "Data Engineer"]
    assert len(art.rubric) == 5 and len(art.faq) == 3 and len(art.checklist) == 5
    assert art.rubric[0].mistake == "Overemphasizing machine learning models in Data Engineer interviews."
    assert art.rubric[0].fix == "Focusing on reliable data pipelines, data modeling and SQL performance."
    assert [r.roles for r in art.rubric] == [["Data Engineer"], ["Data Scientist"], [], [], ["Data Engineer"]]
    assert [q.role for q in art.questions] == ["Data Scientist", "Data Scientist", "Data Engineer", "Data Engineer"]
    assert art.questions[3].text == "Write a SQL query that returns each customer's first transaction of every month."
    assert art.tldr.startswith("NimbusFin Data Scientist interviews (4 rounds)")


def test_html_fixture():
    art = parse_file(ARTICLES / "orbitworks_swe_vs_sre.html", doc_id="ow", sha256="0")
    assert art.title == "OrbitWorks SWE vs SRE Interview: How Do Coding and Reliability Rounds Differ?"
    assert art.company == "OrbitWorks"
    assert [r.name for r in art.roles] == ["Software Engineer", "Site Reliability Engineer"]
    assert len(art.rubric) == 5 and len(art.faq) == 3 and len(art.checklist) == 5 and len(art.questions) == 4
    assert art.rubric[1].mistake == (
        "Treating production incidents as someone else's problem in Site Reliability Engineer (SRE) interviews."
    )
    assert art.rubric[1].roles == ["Site Reliability Engineer"]
    assert [q.role for q in art.questions] == ["Software Engineer"] * 2 + ["Site Reliability Engineer"] * 2


def test_rubric_marker_variants():
    art = parse_file(FURNITURE / "quillstack_pm_vs_tpm.md", doc_id="qs", sha256="0")
    assert [(r.mistake, r.fix, r.roles) for r in art.rubric] == [
        ("Listing features without a user problem in PM interviews",  # ❌ … → ✅ … (no period in the source)
         "Starting from the user problem and a success metric.", ["Product Manager"]),
        ("Promising dates before mapping dependencies in TPM interviews.",  # Don't: … Do: …
         "Mapping dependencies and risks before committing to a date.", ["Technical Program Manager"]),
        ("Skipping the trade-off discussion.", "Naming two options and choosing one with a reason.", []),  # 2 lines
    ]
    assert [(f.question, f.answer) for f in art.faq] == [
        ("How long does the Quillstack process take?", "About 3 weeks for PM roles and 4 weeks for TPM roles.")
    ]
    assert [q.text for q in art.questions] == [
        "How would you prioritise three competing feature requests?",
        "Walk me through a program that slipped and how you recovered it.",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "- **BAD:** Reading notes aloud. **GOOD:** Speaking from a short outline.\n"
        "- **Bad:** Guessing numbers. **Good:** Estimating from stated assumptions.",
        "Do: Speaking from a short outline. Don't: Reading notes aloud.\n"
        "✅ Estimating from stated assumptions. ❌ Guessing numbers.",
        "BAD: Reading notes aloud.\nGOOD: Speaking from a short outline.\n\n"
        "BAD: Guessing numbers.\nGOOD: Estimating from stated assumptions.",
    ],
    ids=["bold-bullets", "good-first", "pair-per-two-lines"],
)
def test_rubric_layouts(body):
    text = (
        "# Fictional Delivery Tips for Data Analyst Interviews\n\nFictional article written for Interview Coach's "
        "tests about presenting analyses clearly in interviews.\n\n## Mistakes to Avoid\n\n" + body + "\n"
    )
    art = parse_text(text, name="tips.md", doc_id="t")
    assert sorted((r.mistake, r.fix) for r in art.rubric) == [
        ("Guessing numbers.", "Estimating from stated assumptions."),
        ("Reading notes aloud.", "Speaking from a short outline."),
    ]


def test_pdf_parses(tmp_path):
    art = parse_file(make_pdf(tmp_path / "lumafield.pdf"), doc_id="pdf", sha256="0")
    assert art.title == "Lumafield Data Analyst vs Data Scientist Interview Guide"
    assert art.company == "Lumafield"
    assert [r.name for r in art.roles] == ["Data Analyst", "Data Scientist"]
    headings = [s.heading for s in art.sections]
    assert "How Many Rounds Does Each Loop Have?" in headings and "Mistakes to Avoid" in headings
    assert [(r.mistake, r.roles) for r in art.rubric] == [
        ("Presenting charts without a question in Data Analyst interviews.", ["Data Analyst"]),
        ("Quoting p-values without effect sizes in Data Scientist interviews.", ["Data Scientist"]),
    ]
    assert art.faq[0].answer == "About 3 weeks for both roles."


def test_sidecar_overrides(tmp_path):
    p = tmp_path / "a.txt"
    shutil.copy(SEED, p)
    (tmp_path / "a.txt.meta.json").write_text(
        '{"title": "Seed Article", "company": "Example Co", "source_url": "https://example.com/seed"}'
    )
    art = parse_file(p, doc_id="a", sha256="0")
    assert (art.title, art.company, art.source_url) == ("Seed Article", "Example Co", "https://example.com/seed")
    # the file's own first line is not lost when the sidecar names a different title, and the plain-text
    # headings are still found
    headings = [s.heading for s in art.sections]
    assert headings[:2] == [SEED_TITLE, "What Are the Key Differences in Interview Structure?"]
    assert len(art.rubric) == 3 and len(art.faq) == 3 and len(art.checklist) == 5


@pytest.mark.parametrize(
    "text, fragment",
    [("", "empty"), ("   \n\t", "empty"), ("Just a few words here.", "too little text"),
     ("%$#@ 1234 5678 ==== ++++ //// \\\\ **** #### 9999 0000 1111 2222 3333 4444 ~~~~ ^^^^", "prose"),
     ("bin\x00ary " * 20, "binary")],
)
def test_parse_text_rejects_garbage(text, fragment):
    with pytest.raises(IngestError) as err:
        parse_text(text, name="pasted", doc_id="p")
    assert fragment in err.value.reason and err.value.path == "pasted"


def test_parse_text_html_and_unknown_format():
    html = (ARTICLES / "orbitworks_swe_vs_sre.html").read_text(encoding="utf-8")
    art = parse_text(html, name="pasted.html", doc_id="p", fmt="html")
    assert len(art.rubric) == 5 and art.path == "pasted.html" and len(art.sha256) == 64
    with pytest.raises(IngestError, match="unsupported pasted format"):
        parse_text(html, name="x", doc_id="p", fmt="docx")


def test_furniture_only_file_is_rejected(tmp_path):
    p = tmp_path / "furniture.md"
    p.write_text("· Valenx Press · 3 min read\n\nShare:\nBack to Blog\n")
    with pytest.raises(IngestError, match="no article text"):
        parse_file(p, doc_id="f", sha256="0")


def test_parse_file_without_ids_uses_the_pipeline_ids():
    """Tools that only need the structure (e.g. the critique evaluation) may omit doc_id and sha256: they get the
    ids an ingest stores (the hash covers the file and its sidecar, so editing either re-ingests)."""
    import hashlib

    from ingest.ids import identify

    art = parse_file(SEED)
    ids = identify(SEED)
    assert art.doc_id == ids.doc_id and art.sha256 == ids.sha256
    sidecar = SEED.with_name(SEED.name + ".meta.json")
    assert ids.sha256 == hashlib.sha256(SEED.read_bytes() + sidecar.read_bytes()).hexdigest()
    assert [r.doc_id for r in art.rubric] == [art.doc_id] * 3


def test_scraped_text_without_blank_lines():
    """One paragraph per line and no blank lines (a common copy-paste shape): headings, FAQ and rubric survive."""
    art = parse_file(FURNITURE / "zephyrline_no_blank_lines.txt", doc_id="z", sha256="0")
    assert art.title == "Fictional Zephyrline Data Engineer vs Data Scientist Interview Guide"
    assert art.company == "Zephyrline"  # "Fictional Zephyrline" never occurs in the text; "Zephyrline" does
    assert [s.heading for s in art.sections[1:]] == ["How Many Rounds Are There?", "Mistakes to Avoid", "FAQ"]
    assert [(f.question, f.answer) for f in art.faq] == [
        ("How long does it take?", "About 3 weeks."),
        ("Is SQL required for Data Scientists?", "Yes, at an intermediate level."),
    ]
    assert [(r.mistake, r.fix) for r in art.rubric] == [
        ("Skipping data quality checks in Data Engineer interviews.", "Describing validation and alerting.")
    ]


def test_hard_wrapped_markdown_paragraphs_are_rejoined():
    art = parse_file(FURNITURE / "quillstack_pm_vs_tpm.md", doc_id="q", sha256="0")
    intro = art.sections[0].paragraphs
    assert any(p.startswith("Quillstack (a fictional note-taking startup) hires") and p.endswith("risk reviews.")
               for p in intro)


@pytest.mark.parametrize(
    "title, company",
    [
        ("How to Ace the Orbex Software Engineer Interview", "Orbex"),
        ("Cracking the Orbex E5 Software Engineer Loop", "Orbex"),
        ("Applied Scientist vs MLE at Orbex: A Guide", "Orbex"),
        ("Orbex's MLE Interview", "Orbex"),
        ("What Changes Between Applied Scientist and MLE Loops", None),
        ("Behavioural Interview Tips", None),
    ],
)
def test_company_from_title(title, company):
    from ingest.structure import company_from_title

    assert company_from_title(title, [], "Orbex is a fictional company used in tests.") == company


def test_code_fences_are_not_headings():
    text = (
        "# Fictional Coding Round Notes for Software Engineer Interviews\n\nFictional article written for Interview "
        "Coach's tests about writing clean code in a coding round.\n\n## Example\n\n```python\n# not a heading\n\n"
        "def f():\n    return 1\n```\n\n## Wrap-up\n\nKeep functions small and named well.\n"
    )
    art = parse_text(text, name="code.md", doc_id="c")
    assert [s.heading for s in art.sections] == [None, "Example", "Wrap-up"]
    assert "# not a heading" in art.sections[1].paragraphs[0]


def test_inline_tldr_and_sentences_that_start_like_headings():
    text = (
        "# Fictional Notes on Product Manager Interviews\n\n"
        "TL;DR: Product Manager loops reward a clear user problem and one success metric.\n\n"
        "Fictional article written for Interview Coach's tests. Summary statistics matter less than the story.\n\n"
        "## Rounds\n\nThe Product Manager loop has 4 rounds in this invented example.\n\n"
        "**Keep answers short.**\n\nThat bold line is advice, not a heading.\n"
    )
    art = parse_text(text, name="pm.md", doc_id="pm")
    assert art.tldr == "Product Manager loops reward a clear user problem and one success metric."
    assert [(s.heading, s.kind) for s in art.sections] == [("TL;DR", "tldr"), (None, "body"), ("Rounds", "body")]
    assert art.sections[1].paragraphs[0].startswith("Fictional article written")
    assert "Keep answers short." in art.sections[2].paragraphs


def test_quotes_that_are_not_interview_questions():
    text = (
        "# Fictional Advice for Data Scientist Interviews\n\nFictional article written for Interview Coach's tests. "
        "Remember that \"what gets measured gets managed\" and avoid \"culture fit\" talk. A Data Scientist "
        "interviewer may ask \"Why did the metric drop last week?\" and then \"Explain how you would size the "
        "experiment.\"\n"
    )
    art = parse_text(text, name="q.md", doc_id="q")
    assert [(q.text, q.role) for q in art.questions] == [
        ("Why did the metric drop last week?", "Data Scientist"),
        ("Explain how you would size the experiment.", "Data Scientist"),
    ]


def test_markdown_table_rows_become_sentences():
    text = (
        "# Fictional Loop Lengths for Software Engineer Interviews\n\nFictional article written for Interview "
        "Coach's tests comparing loop lengths across two invented teams.\n\n## Rounds\n\n"
        "| Team | Rounds |\n|---|---:|\n| Alpha | 4 |\n| Beta | 5 |\n"
    )
    art = parse_text(text, name="t.md", doc_id="t")
    # each body row reads as a sentence naming its column ("Google — Algorithms: 2 rounds"); the header row and
    # the |---| rule are not text of their own
    assert art.sections[-1].paragraphs == ["Alpha — Rounds: 4", "Beta — Rounds: 5"]


# ------------------------------------------------------------------------------- regressions: identifiers survive
@pytest.mark.parametrize("text, kept", [
    ("Set window.__pwned = true in the console.", "window.__pwned"),
    ("Python objects expose obj.__dict__ for attributes.", "obj.__dict__"),
    ("The __init__ method and __init__.py files.", "__init__ method and __init__.py"),
    ("Name it snake_case_name, not my_var_.", "snake_case_name, not my_var_."),
])
def test_strip_emphasis_keeps_underscores_inside_identifiers(text, kept):
    from ingest.structure import strip_emphasis

    assert kept in strip_emphasis(text)


@pytest.mark.parametrize("text, want", [
    ("__Bold words__ stay words.", "Bold words stay words."),
    ("**BAD:** Rambling. **GOOD:** Structure.", "BAD: Rambling. GOOD: Structure."),
    ("__BAD:__ Rambling.", "BAD: Rambling."),
    ("*soft* and _soft_ emphasis", "soft and soft emphasis"),
])
def test_strip_emphasis_still_removes_real_markers(text, want):
    from ingest.structure import strip_emphasis

    assert strip_emphasis(text) == want


def test_article_text_keeps_double_underscores(tmp_path):
    """Regression: ingest turned `window.__pwned` into `window.pwned` in the stored sections."""
    p = tmp_path / "dunder.md"
    p.write_text("# Fictional Frontend Interview Notes\n\n*Fictional article written for Interview Coach's tests.*\n\n"
                 "## What Do Interviewers Probe?\n\nThey ask why a page that sets window.__pwned from a query string "
                 "is unsafe, and how __Strict__ content security policies stop it.\n", encoding="utf-8")
    art = parse_file(p, doc_id="d", sha256="0")
    body = " ".join(t for s in art.sections for t in s.paragraphs)
    assert "window.__pwned" in body and "window.pwned" not in body
    assert "how Strict content" in body


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_lead_in_line_heads_a_pitfall_list_like_a_heading(fmt):
    """"Common pitfalls:" before a list makes its items rubric items, as a "Common pitfalls" heading would; a list
    after an ordinary lead-in ("Tips that help:") stays advice."""
    text = (
        "# Kestrel offer notes\n\nFictional notes written for Interview Coach's tests; Kestrel is invented. Most "
        "first offers leave room to negotiate.\n\n## Before the call\n\nRecruiters expect you to ask for more when "
        "you hold a competing offer.\n\nCommon pitfalls:\n\n- Accepting on the spot without the offer in writing\n"
        "- Naming a number before the recruiter shares the range\n\nTips that help:\n\n- Ask for the offer in "
        "writing\n"
    )
    art = parse_text(text, name="kestrel", doc_id="kestrel", fmt=fmt)
    assert [(r.mistake, r.kind) for r in art.rubric] == [
        ("Accepting on the spot without the offer in writing", "pitfall"),
        ("Naming a number before the recruiter shares the range", "pitfall"),
    ]


def test_a_mistake_named_in_prose_is_a_rubric_item():
    """A sentence that judges a behaviour ("a common mistake is to …", "… make the mistake of …", "X is a bad
    idea", "candidates who … come off as …") gives that behaviour as a pitfall, quoting the sentence and taking the
    neighbouring "expected to / should" sentence as the fix; praise, questions and mistakes nobody made do not."""
    text = (
        "# Wrenfield onsite notes\n\nFictional notes written for Interview Coach's tests; Wrenfield is invented.\n\n"
        "## The coding round\n\nA common mistake candidates make is to jump straight into code. You should restate "
        "the problem and agree on an approach first.\n\nMany candidates make the mistake of reciting their resume "
        "line by line, which bores the panel.\n\nMemorizing answers word for word is never a good idea.\n\n"
        "## The last five minutes\n\nYou are expected to ask questions. Candidates who don't have any questions "
        "might come off as less interested in the team.\n\nCandidates who ask thoughtful questions come across as "
        "engaged. Asking about on-call is a great way to show interest. Is silence a mistake? Mistakes happen to "
        "everyone.\n"
    )
    art = parse_text(text, name="wrenfield", doc_id="wrenfield", fmt="markdown")
    items = {r.mistake: r for r in art.rubric}
    assert list(items) == ["Jumping straight into code", "Reciting their resume line by line",
                           "Memorizing answers word for word", "Not having any questions"]
    assert all(r.kind == "pitfall" for r in items.values())
    jump, none = items["Jumping straight into code"], items["Not having any questions"]
    assert jump.quote == "A common mistake candidates make is to jump straight into code."
    assert jump.fix == "You should restate the problem and agree on an approach first."
    assert none.fix == "You are expected to ask questions."
    assert none.quote.startswith("Candidates who don't have any questions might come off")
    assert items["Memorizing answers word for word"].fix == ""


@pytest.mark.parametrize("sentence, act", [
    ("The biggest mistake I see is drawing boxes before asking about scale.", "Drawing boxes before asking about scale"),
    ("One mistake engineers often make in system design rounds is to skip the requirements - a costly slip.",
     "Skipping the requirements"),
    ("Don't fall into the trap of promising a start date you cannot keep.",
     "Promising a start date you cannot keep"),
    ("Leaving console errors in the sandbox is a red flag for interviewers.", "Leaving console errors in the sandbox"),
    ("Candidates who ramble tend to look unprepared.", "Rambling"),
    ("Applicants who never quantify their impact often sound less senior.", "Not quantifying their impact"),
    ("The mistake is understandable.", None),
    ("Is it a mistake to negotiate?", None),
    ("Candidates who prepare stories come across as confident.", None),
    ("Recruiters who call you are a good sign.", None),
])
def test_warned_act_reads_the_behaviour_a_sentence_judges(sentence, act):
    from ingest.warnings import warned_act

    assert warned_act(sentence) == act
