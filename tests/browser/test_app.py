"""End to end in headless Chromium: chat with citations and follow-ups, practice feedback, uploads, role comparison,
escaping of hostile article text, and no request leaving the machine."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Fictional article whose text carries markup that would run if the app rendered it unescaped. The ingest keeps
# Markdown's inline HTML as text (and turns "__" into nothing), so both window names are checked below.
HOSTILE = """# Zentrix QA Engineer vs Security Engineer Interview: Which Rounds Differ?

*Fictional article written for Interview Coach's tests; the company and all figures are invented.*

Zentrix is a (fictional) payments start-up. Its interviewers ask how you would sanitise a comment that contains
<script>window.__pwned=1</script> or an image tag such as `<img src=x onerror="window.__pwned=2">` before it is
shown. <img src=x onerror="window.__pwned=5">

## How Many Rounds Are in Each Zentrix Loop?

The Security Engineer loop at Zentrix has 4 rounds: a recruiter call, a threat modelling round, a secure code review
round and a behavioural round. The QA Engineer loop at Zentrix has 3 rounds: a recruiter call, a test design round and
a behavioural round.

## Mistakes to Avoid

- **BAD:** Rendering user input without escaping it in Security Engineer interviews. **GOOD:** Escaping output and
  explaining the attack paths.
"""


# -- helpers ----------------------------------------------------------------------------------------------------------
def tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(300)


def ask(page, question: str) -> str:
    """Type a question, press Enter, wait for the final (non-streaming) answer; returns its text."""
    answers = page.locator("#chatbot .answer-text")
    before = answers.count()
    page.fill("#chat-input textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chatbot .answer-text').length > n", arg=before, timeout=60_000)
    return answers.nth(before).inner_text()


def wait_text(page, selector: str, text: str, timeout: int = 60_000) -> None:
    page.wait_for_function(
        "([sel, t]) => (document.querySelector(sel)?.innerText || '').includes(t)", arg=[selector, text],
        timeout=timeout)


def last_answer(page):
    return page.locator("#chatbot .answer").last


def choose(page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(400)


def upload(page, path) -> str:
    tab(page, "Library")
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.wait_for_timeout(500)
    page.click("#upload-btn")
    page.wait_for_function(
        "() => /Added|Updated|already in the library/.test(document.querySelector('#library-status')?.innerText "
        "|| '') || /Nothing was added/.test(document.querySelector('#upload-error')?.innerText || '')",
        timeout=120_000)
    return page.inner_text("#library-status")


def critique(page, role: str, question: str, answer: str) -> None:
    tab(page, "Practice")
    choose(page, "practice-role", role)
    page.fill("#practice-question textarea", question)
    page.fill("#practice-answer textarea", answer)
    page.click("#critique-btn")
    page.wait_for_selector("#score .score-num", timeout=60_000)


def no_script_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("typeof window.pwned") == "undefined"


# -- tests ------------------------------------------------------------------------------------------------------------
def test_chat_answers_with_citation_and_follow_up(page, shots):
    answer = ask(page, "How many rounds does the OrbitWorks SRE loop have?")
    assert "6 rounds" in answer, answer
    assert re.search(r"\[\d+\]", answer), f"no citation marker in {answer!r}"
    source = last_answer(page).locator("details.source").first
    assert "OrbitWorks" in source.locator("summary").inner_text()
    assert not source.locator(".snippet").is_visible()
    source.locator("summary").click()  # open the citation
    snippet = source.locator(".snippet")
    assert snippet.is_visible() and "6 rounds" in snippet.inner_text()

    follow_up = ask(page, "And how long does their process take?")
    assert "week" in follow_up, follow_up
    assert "6 weeks" in follow_up or "3-5 weeks" in follow_up, follow_up
    page.screenshot(path=str(shots / "chat.png"), full_page=True)

    page.click("#clear-btn")
    page.wait_for_timeout(500)
    assert page.locator("#chatbot .answer-text").count() == 0


def test_out_of_scope_question_shows_a_note(page):
    ask(page, "What is the best recipe for sourdough bread?")
    assert last_answer(page).locator(".scope-note").is_visible()
    assert "Outside the library" in last_answer(page).inner_text()


def test_sessions_do_not_share_chat_history(browser, server, page):
    ask(page, "How many rounds does the OrbitWorks SWE loop have?")
    other = browser.new_context().new_page()
    other.goto(server["url"])
    other.wait_for_selector("#examples button.example-q", timeout=60_000)
    assert other.locator("#chatbot .answer-text").count() == 0
    other.context.close()


def test_weak_practice_answer_flags_the_mistake_with_evidence(page, shots):
    weak = ("Honestly the outage was the platform team's problem, not mine, so I waited for them to fix it. "
            "I did not write anything up afterwards.")
    critique(page, "Site Reliability Engineer", "Tell me about an incident you handled while on call.", weak)
    made = page.locator("#rubric tr.row-made")
    assert made.count() >= 1
    assert "someone else's problem" in made.first.inner_text()
    marks = page.locator("#highlight mark.ev-made")
    assert marks.count() >= 1
    assert marks.first.inner_text().strip() in weak
    score = int(page.inner_text("#score .score-num").split("/")[0])
    assert 0 <= score < 60, score
    # The card says how its "raised / lowered" figures add up to the score it shows.
    assert re.fullmatch(rf"\d+ raised( − \d+ lowered)? = {score}", page.inner_text("#score .score-sum").strip())

    # The Markdown export downloads and carries the same verdict.
    with page.expect_download() as info:
        page.click("#download-feedback")
    text = open(info.value.path(), encoding="utf-8").read()
    assert text.startswith("# Interview Coach feedback") and "Mistake made" in text
    assert re.search(rf"^Adds up to: \d+ raised( − \d+ lowered)? = {score}$", text, re.M)

    # A second, stronger attempt puts two points on the progress plot.
    strong = ("I owned the mitigation: at 02:10 I paged the database on-call, rolled back the bad deploy within "
              "12 minutes, wrote the blameless postmortem and followed up on the three fixes we agreed on.")
    page.fill("#practice-answer textarea", strong)
    page.click("#critique-btn")
    page.wait_for_function(
        "() => document.querySelectorAll('#rubric tr.row-made').length === 0 || "
        "!document.querySelector('#highlight').innerText.includes('platform team')", timeout=60_000)
    page.wait_for_selector("#history-plot canvas, #history-plot svg", timeout=30_000)
    page.screenshot(path=str(shots / "practice.png"), full_page=True)


def test_practice_needs_no_role_for_a_question_every_role_is_asked(page):
    """"Any role" (the bank's label for such questions) judges the answer by the rubric items that name no role,
    instead of the error "Pick a role first"."""
    critique(page, "Any role", "Why do you want to work here?",
             "I want to build reliable systems; at my last job I cut our incident time by 40% in one quarter.")
    assert "role: any role" in page.inner_text("#score")
    assert page.locator("#practice-error .inline-error").count() == 0


def test_upload_article_then_ask_practise_and_compare(page, shots):
    status = upload(page, FIXTURES / "nimbusfin_data_scientist_vs_data_engineer.md")
    assert re.search(r"^(Added|Updated) “NimbusFin|already in the library", status), status
    wait_text(page, "#library-table", "NimbusFin")
    page.screenshot(path=str(shots / "library.png"), full_page=True)

    tab(page, "Chat")
    answer = ask(page, "How many rounds are in the NimbusFin Data Engineer loop?")
    assert "5 rounds" in answer, answer
    assert "NimbusFin" in last_answer(page).locator("details.source summary").first.inner_text()

    weak = ("I would train a deep learning model with gradient boosting and tune its hyperparameters to predict "
            "which transactions matter, then pick the model with the best AUC.")
    critique(page, "Data Engineer", "Design a pipeline that ingests daily card transactions and serves them to "
             "analysts.", weak)
    assert "machine learning models in Data Engineer interviews" in page.inner_text("#rubric")

    tab(page, "Compare roles")
    choose(page, "compare-doc", "NimbusFin Data Scientist vs Data Engineer Interview: What Changes Between SQL "
           "and Modelling Rounds?")
    wait_text(page, "#compare-table .compare-title", "NimbusFin")
    table = page.locator("#compare-table table.compare-table")
    head = table.locator("thead").inner_text()
    assert "DATA SCIENTIST" in head.upper() and "DATA ENGINEER" in head.upper()
    rounds = table.locator("tbody tr", has_text="Interview rounds").first.inner_text()
    assert "4 rounds" in rounds and "5 rounds" in rounds, rounds
    # Each fact links to its source sentence, listed below the table.
    first_cite = table.locator("a.cite").first
    target = first_cite.get_attribute("href")
    assert target and page.locator(target).count() == 1
    assert first_cite.get_attribute("title")
    page.screenshot(path=str(shots / "compare.png"), full_page=True)


def test_compare_shows_both_roles_rounds_and_empty_cells(page):
    tab(page, "Compare roles")
    choose(page, "compare-doc", "OrbitWorks SWE vs SRE Interview: How Do Coding and Reliability Rounds Differ?")
    wait_text(page, "#compare-table .compare-title", "OrbitWorks")
    table = page.locator("#compare-table table.compare-table")
    rounds = table.locator("tbody tr", has_text="Interview rounds").first.inner_text()
    assert "5 rounds" in rounds and "6 rounds" in rounds, rounds
    ml = table.locator("tbody tr", has_text="ML focus").first.inner_text()
    assert ml.count("not in the library") == 2, ml


def test_hostile_article_text_never_runs(page, tmp_path, shots):
    path = tmp_path / "zentrix_qa_vs_security.md"
    path.write_text(HOSTILE, encoding="utf-8")
    upload(page, path)
    wait_text(page, "#library-table", "Zentrix")
    no_script_ran(page)
    tab(page, "Chat")
    ask(page, "How would Zentrix interviewers ask you to sanitise a comment with an image tag?")
    for summary in last_answer(page).locator("details.source summary").all():
        summary.click()
    # Markup quoted in the article (a code span) reaches the page as visible text; raw tags are dropped at ingest;
    # nothing ran.
    assert "onerror" in last_answer(page).inner_text()
    ask(page, 'Is <img src=x onerror="window.__pwned=3"> shown as text? <script>window.pwned=4</script>')
    assert "onerror" in page.locator("#chatbot .user-msg").last.inner_text()
    tab(page, "Compare roles")
    choose(page, "compare-doc", "Zentrix QA Engineer vs Security Engineer Interview: Which Rounds Differ?")
    tab(page, "Library")
    tab(page, "Practice")
    choose(page, "practice-role", "Security Engineer")
    page.wait_for_timeout(500)
    no_script_ran(page)


def test_paste_adds_an_article_and_refreshes_roles(page):
    tab(page, "Library")
    page.fill("#paste-title textarea, #paste-title input", "Quillon Product Manager vs Data Analyst interview")
    page.fill("#paste-text textarea", (
        "Fictional article written for Interview Coach's tests; the company and all figures are invented.\n\n"
        "The Quillon Product Manager loop has 4 rounds: a recruiter call, a product sense round, an execution round "
        "and a behavioural round. The Quillon Data Analyst loop has 3 rounds: a recruiter call, a SQL round and a "
        "dashboard critique round."))
    page.click("#paste-btn")
    wait_text(page, "#library-status", "Added", timeout=120_000)
    wait_text(page, "#library-table", "Quillon")
    tab(page, "Chat")
    page.locator("#chat-role input").click()
    assert page.get_by_role("option", name=re.compile("Product Manager")).count() == 1
    page.keyboard.press("Escape")
    answer = ask(page, "How many rounds does the Quillon Data Analyst loop have?")
    assert "3 rounds" in answer, answer


def test_page_makes_no_outside_requests(page, server):
    ask(page, "What is the pay range for OrbitWorks SRE roles?")
    tab(page, "Practice")
    tab(page, "Compare roles")
    tab(page, "Library")
    base = server["url"].rstrip("/")
    outside = [u for u in page.requests if not (u.startswith(base) or u.startswith(("data:", "blob:")))]
    assert outside == []


def test_screenshot_for_readme(page, shots):
    """The README's picture: a cited answer with one source opened."""
    ask(page, "How do OrbitWorks SWE and SRE interviews differ in system design?")
    last_answer(page).locator("details.source summary").first.click()
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "readme-chat.png"))


def test_api_is_served_locally(server):
    with urllib.request.urlopen(server["url"] + "gradio_api/info", timeout=10) as r:
        info = r.read().decode()
    assert '"/ask"' in info and '"/critique"' in info
