"""The web app's HTML is built from escaped text; evidence marks land on the quoted words; the role comparison
cites the article's own sentences and says "not in the library" where the article is silent."""
from __future__ import annotations

import re

import pytest

from coach.models import Answer, Feedback, ItemFeedback, Source
from coach.ui import render

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def test_answer_message_escapes_article_and_question_text():
    answer = Answer(question=HOSTILE, standalone_question=HOSTILE, answer=f"Six rounds [1]. {HOSTILE}",
                    grounded=True, sources=[Source(n=1, doc_id="d", title=HOSTILE, path="p", section=HOSTILE,
                                                   text=HOSTILE, score=0.9)])
    html = render.answer_message(answer) + render.user_message(HOSTILE)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "onerror=&quot;" in html
    assert '<a class="cite" href="#src-1"' in html and '<details class="source" id="src-1"' in html
    assert "\n\n" not in html  # a blank line would hand the rest to the Markdown renderer


def test_out_of_scope_answer_carries_a_visible_note():
    html = render.answer_message(Answer(question="q", standalone_question="q", answer="I don't know.",
                                        grounded=False, note="No article covers bread."))
    assert 'class="scope-note"' in html and "No article covers bread." in html


def _feedback(evidence: str, verdict="made") -> Feedback:
    return Feedback(role="Site Reliability Engineer", question="Q?", score=30, summary="s", items=[
        ItemFeedback(id="1", mistake="Treating incidents as someone else's problem", fix="Own it", source="A",
                     verdict=verdict, evidence=evidence, advice="Say what you did.")])


def test_evidence_is_marked_in_the_escaped_answer():
    answer = "First <b>line</b>.\nIt was the   platform team's problem, not mine."
    fb = _feedback("the platform team's problem, not mine")  # whitespace differs from the answer
    html = render.highlight_answer(answer, fb.items)
    assert '<mark class="ev ev-made"' in html
    assert "platform team&#x27;s problem, not mine</mark>" in html
    assert "&lt;b&gt;line&lt;/b&gt;" in html and "<br>" in html


def test_overlapping_evidence_merges_into_one_mark():
    fb = _feedback("platform team's problem")
    fb.items.append(fb.items[0].model_copy(update={"id": "2", "evidence": "team's problem, not mine"}))
    spans = render.evidence_spans("It was the platform team's problem, not mine.", fb.items)
    assert len(spans) == 1 and len(spans[0][2]) == 2


def test_feedback_markdown_keeps_table_cells_intact():
    fb = _feedback("a | b")
    md = render.feedback_markdown(fb, "line one\nline | two")
    assert md.startswith("# Interview Coach feedback")
    assert "a \\| b" in md and "> line \\| two" not in md and "> line | two" in md
    assert "| Mistake made |" in md


def _attempts(n: int, role: str = "SRE") -> list:
    from coach.models import Attempt

    return [Attempt(id=i, time=f"2025-01-01T00:{i:02d}", role=role, question="q", answer="a", score=10 + i,
                    verdicts={"r1": "made" if i % 2 else "avoided", "r2": "avoided"}) for i in range(1, n + 1)]


def _rubric():
    from coach.models import RubricItem

    return [RubricItem(id="r1", mistake="Treating production incidents as someone else's problem in SRE interviews",
                       fix="Own it"), RubricItem(id="r2", mistake="Blaming others", fix="Own it")]


def test_progress_plot_marks_a_single_attempt():
    html = render.progress_svg(_attempts(1), _rubric(), "SRE")
    # No line can be drawn through one point, so every series shows a marker instead.
    assert "<polyline" not in html
    assert html.count("<circle") + html.count("<rect") + html.count("<polygon") >= 3 + 3  # plot + legend swatches
    # Legend labels are whole, however long.
    assert "Treating production incidents as someone else&#x27;s problem in SRE interviews" in html
    assert render.progress_svg([], _rubric(), "SRE").startswith('<div class="progress empty">')
    assert "progress empty" in render.progress_svg(_attempts(3), _rubric(), "Data Engineer")


def test_progress_plot_keeps_coinciding_series_apart_at_fifty_attempts():
    html = render.progress_svg(_attempts(50), _rubric(), "SRE")
    lines = re.findall(r'<polyline points="([^"]+)" fill="none" stroke="([^"]+)"', html)
    assert len(lines) == 3 and len({colour for _, colour in lines}) == 3
    # r2 is "avoided" every time, like r1 on even attempts: their points must still differ.
    r1 = lines[1][0].split()
    r2 = lines[2][0].split()
    assert not set(r1) & set(r2)
    assert "50 attempts" in html


def test_scope_note_is_sentence_case_and_not_repeated():
    note = "the library has no article about Google"
    answer = Answer(question="q", standalone_question="q", grounded=False, note=note,
                    answer=f"I can't answer that from the library: {note}, so I won't guess.")
    html = render.answer_message(answer)
    assert html.count(note) == 1  # the body says it; the note does not repeat it
    other = render.answer_message(answer.model_copy(update={"answer": "Try another question."}))
    assert "The library has no article about Google." in other


def test_text_helpers():
    assert render.sentence_case("nothing was added") == "Nothing was added."
    assert render.sentence_case("Done!") == "Done!"
    # A message opening with a file's name keeps the name as the user wrote it ("Empty.md" names no file).
    assert render.sentence_case("empty.md is empty") == "empty.md is empty."
    assert render.sentence_case("links.md: too little text") == "links.md: too little text."
    assert render.sentence_case("e.g. a résumé") == "E.g. a résumé."
    assert render.number(50999) == "50,999"
    assert render.display_path("/srv/coach/home/uploads/a.md", ["/srv/coach/home"]) == "uploads/a.md"
    assert render.display_path("/elsewhere/deep/b.md", ["/srv/coach/home"]) == "b.md"
    assert render.display_path("corpus/c.txt") == "corpus/c.txt"


def test_compare_skips_adverts_and_shows_the_fix():
    from coach.compare import compare_article, promotional
    from coach.models import Article, Role, RubricItem

    assert promotional("Work through a system (the PM Interview Playbook covers MLE design rounds)")
    assert promotional("Sign up for our newsletter") and promotional("See https://example.com/course")
    assert not promotional("Practise two system design questions for the SRE loop")
    roles = [Role(name="Software Engineer", aliases=["SWE"]), Role(name="Site Reliability Engineer", aliases=["SRE"])]
    article = Article(doc_id="d", path="p.md", title="Fictional SWE vs SRE", sha256="x", roles=roles,
                      checklist=["Grab the SRE Interview Masterclass bundle for SRE prep",
                                 "Review Linux basics for the SRE loop"],
                      rubric=[RubricItem(id="r", mistake="Blaming the platform team in SRE interviews",
                                         fix="Own the mitigation", roles=["Site Reliability Engineer"])])
    rows = {r.topic: r for r in compare_article(article).rows}
    prep = [f.text for f in rows["Preparation"].cells["Site Reliability Engineer"]]
    assert prep == ["Review Linux basics for the SRE loop"]
    mistakes = [f.text for f in rows["Mistakes to avoid"].cells["Site Reliability Engineer"]]
    assert mistakes == ["Blaming the platform team in SRE interviews. Better: Own the mitigation"]


@pytest.fixture(scope="module")
def comparisons(library_coach):
    return {c.title.split()[0]: c for c in library_coach.compare_roles()}


def test_compare_cells_quote_the_role_specific_clause(comparisons):
    nimbus = comparisons["NimbusFin"]
    assert nimbus.roles == ["Data Scientist", "Data Engineer"]
    rows = {r.topic: r for r in nimbus.rows}
    ds_pay = rows["Pay"].cells["Data Scientist"][0]
    de_pay = rows["Pay"].cells["Data Engineer"][0]
    assert "$135,000" in ds_pay.text and "$140,000" not in ds_pay.text
    assert "$140,000" in de_pay.text and "$135,000" not in de_pay.text
    sources = {s.n: s.text for s in nimbus.sources}
    assert ds_pay.text.split(" per year")[0] in sources[ds_pay.source]  # each cell quotes its cited sentence
    assert "4 rounds" in rows["Interview rounds"].cells["Data Scientist"][0].text
    assert "5 rounds" in rows["Interview rounds"].cells["Data Engineer"][0].text


def test_compare_leaves_silent_cells_empty(comparisons):
    orbit = comparisons["OrbitWorks"]
    rows = {r.topic: r for r in orbit.rows}
    assert rows["ML focus"].cells == {"Software Engineer": [], "Site Reliability Engineer": []}
    html = render.compare_html(orbit)
    assert html.count(render.NOT_IN_LIBRARY) >= 2
    # A general statement naming no role goes to the row's "All roles" line, not into a role's cell.
    assert any("3-5 weeks" in f.text for f in rows["Process length"].shared)


def test_compare_roles_unknown_document_is_a_coach_error(library_coach):
    from coach.errors import CoachError

    with pytest.raises(CoachError, match="no document"):
        library_coach.compare_roles("nope")


def test_compare_leaves_out_an_article_that_only_names_a_second_role():
    from coach.compare import comparable
    from coach.models import Article, Role, Section

    roles = [Role(name="Software Engineer", aliases=["SWE"]), Role(name="Site Reliability Engineer", aliases=["SRE"])]
    section = Section(heading="Your summary line", paragraphs=[
        "Open with one line, e.g. 'Site Reliability Engineer with 4 years of on-call experience.'",
        "Keep the summary under three lines."])
    passing = Article(doc_id="cv", path="cv.md", title="Fictional resume guide", sha256="x", roles=roles,
                      sections=[section])
    both = Article(doc_id="vs", path="vs.md", title="Fictional SWE vs SRE", sha256="y", roles=roles,
                   checklist=["Review Linux basics for the SRE loop", "Practise two graph problems for the SWE loop"])
    assert [c.doc_id for c in comparable([passing, both])] == ["vs"]
