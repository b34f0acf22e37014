"""Rule-based follow-up rewriting over the real parsed articles (seed + fictional fixtures)."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.models import HistoryTurn, Role
from coach.rewrite import rule_standalone, standalone_question

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt", *sorted((ROOT / "tests" / "fixtures" / "articles").glob("*"))]


@pytest.fixture(scope="module")
def library_view():
    from ingest.parse import parse_file

    articles = [parse_file(p, doc_id=p.stem, sha256="0") for p in FILES]
    roles: dict[str, Role] = {}
    for a in articles:
        for r in a.roles:
            roles.setdefault(r.name, r)
    companies = sorted({a.company for a in articles if a.company})
    assert {"Amazon", "NimbusFin", "OrbitWorks"} <= set(companies)
    return list(roles.values()), companies, articles


def _rw(view, question, *user_turns):
    roles, companies, articles = view
    history = []
    for t in user_turns:
        history += [{"role": "user", "content": t}, {"role": "assistant", "content": "An answer [1]."}]
    return rule_standalone(question, history, roles, companies, articles)


def test_the_three_turn_conversation(library_view):
    q1 = "How is the system design round different for Applied Scientists and MLEs?"
    q2 = "And how long does the MLE process take?"
    assert _rw(library_view, q2, q1) == "How long does the Amazon MLE process take?"
    q3 = _rw(library_view, "What about the pay?", q1, q2)
    assert "pay" in q3 and "Amazon" in q3 and "MLE" in q3 and "Applied Scientist" not in q3


def test_role_substitution_keeps_the_previous_question(library_view):
    q = _rw(library_view, "And for the MLE role?", "How many rounds does the Amazon Applied Scientist interview have?")
    assert q == "How many rounds does the Amazon MLE interview have?"
    q = _rw(library_view, "And SREs?", "How much do OrbitWorks SWEs earn?")
    assert q == "How much do OrbitWorks SREs earn?"
    q = _rw(library_view, "What about data engineers?", "How many rounds does the NimbusFin Data Scientist loop have?")
    assert q.lower() == "how many rounds does the nimbusfin data engineer loop have?"


def test_the_other_role_is_the_one_the_article_compares(library_view):
    q = _rw(library_view, "And for the other role?", "How many rounds does the OrbitWorks SRE loop have?")
    assert q == "How many rounds does the OrbitWorks Software Engineer loop have?"
    q = _rw(library_view, "What about the other one?", "How long does the Amazon MLE process take?")
    assert q == "How long does the Amazon Applied Scientist process take?"
    # no role in the conversation yet: nothing to contrast with, so no role is guessed
    assert _rw(library_view, "And the other role?", "How long is the process?").endswith("the other role?")


def test_company_substitution_and_pronouns(library_view):
    q = _rw(library_view, "And at Netflix?", "What is the salary range for Amazon MLEs?")
    assert q == "What is the salary range for Netflix MLEs?"
    q = _rw(library_view, "And how long does their process take?", "What is the salary for NimbusFin Data Scientists?")
    assert "NimbusFin" in q and "Data Scientist" in q and q.startswith("How long")


def test_standalone_questions_are_left_alone(library_view):
    q = "How many rounds are in the OrbitWorks SRE loop?"
    assert _rw(library_view, q, "What is the salary range for Amazon MLEs?") == q
    roles, companies, articles = library_view
    assert standalone_question("  What about the pay? ", [], roles, companies, articles) == "What about the pay?"


def test_history_accepts_models_and_dicts(library_view):
    roles, companies, articles = library_view
    turns = [HistoryTurn(role="user", content="How many rounds does the Amazon Applied Scientist interview have?")]
    assert "MLE" in standalone_question("And for MLEs?", turns, roles, companies, articles)


def test_a_failing_llm_condense_falls_back_to_the_rules(library_view, tmp_path):
    from coach.components.llm import get_llm
    from coach.settings import Settings

    # A real OpenAI-compatible backend pointed at a closed port: the condense call fails, the rules answer.
    llm = get_llm(Settings(home=tmp_path / "home", llm="openai", llm_base_url="http://127.0.0.1:9/v1",
                           llm_model="none", llm_timeout=3))
    roles, companies, articles = library_view
    turns = [{"role": "user", "content": "How many rounds does the Amazon Applied Scientist interview have?"}]
    assert standalone_question("And for the MLE role?", turns, roles, companies, articles, llm=llm) == (
        "How many rounds does the Amazon MLE interview have?")


def _after(view, question, asked, answered):
    roles, companies, articles = view
    history = [{"role": "user", "content": asked}, {"role": "assistant", "content": answered}]
    return rule_standalone(question, history, roles, companies, articles)


def test_an_item_named_by_its_place_is_the_previous_answers_item(library_view):
    pitfalls = ("The Vague Opener: Name the role in the first line [1]. Echoing: Add what the resume leaves out [1]. "
                "Length: Keep it under a page [1].")
    asked = "What pitfalls should I avoid on my cover letter?"
    assert _after(library_view, "Tell me more about the second one.", asked, pitfalls) == \
        "Tell me more about Echoing: Add what the resume leaves out."
    assert _after(library_view, "How do I fix the last one?", asked, pitfalls) == \
        "How do I fix Length: Keep it under a page?"
    # a lead-in's list quoted as one sentence: its parts are the items
    methods = "There are 2 ways to score a round: one grade per skill; one overall grade [1]."
    assert _after(library_view, "Is the latter more common?", "How are rounds scored?", methods) == \
        "Is one overall grade more common?"
    # no such item: the question is left to the other rules
    assert "fifth" in _after(library_view, "What about the fifth one?", asked, pitfalls)


def test_a_level_alone_asks_the_previous_question_of_that_level(library_view):
    assert _after(library_view, "And for senior roles?", "How much experience does a mid-level engineer usually have?",
                  "Typically 2-5 years [1].") == "How much experience does a senior engineer usually have?"
    assert _after(library_view, "What about staff?", "How far does a senior engineer's influence reach?",
                  "Team [1].") == "How far does a staff engineer's influence reach?"
