"""Critique beyond the seed's shapes: roles with a level, deflection as omission, coverage in the advice, Don't
items, delivery-only feedback when no item applies, and a score whose explanation adds up."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coach.critique import critique_answer
from coach.models import RubricItem
from coach.text import stable_id
from ingest.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
ORBIT = ROOT / "tests" / "fixtures" / "articles" / "orbitworks_swe_vs_sre.html"
DEPLOY_Q = "How would you deploy a recommender model?"
HANDOFF = ("I'd focus on getting the ranking model right: a two-tower retrieval stage and then a gradient-boosted "
           "re-ranker trained on click logs, with NDCG@10 as the offline metric. I'd tune negative sampling and the "
           "embedding size. Putting it into production is for the platform team; I'd hand over the model file.")
HMM = ("hmm ok so like, you put it on a server I guess, and then it serves recommendations, and yeah, that is mostly "
       "it I think")
PLATFORM = ("First, a nightly job writes features to a feature store, and each trained model is versioned in a "
            "registry. Second, a gRPC service loads the model behind the API gateway and answers in under 50 ms at "
            "p99. I'd release it to 5% of traffic as a canary and keep the previous version warm for rollback. "
            "Finally, dashboards for latency, errors and feature drift, with an alert if CTR drops by 3%.")


def _items(path: Path):
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return parse_file(path, doc_id=stable_id(path.name), sha256=sha).rubric


@pytest.fixture(scope="module")
def seed_items():
    return _items(SEED)


def _item(fb, prefix):
    return next(i for i in fb.items if i.mistake.startswith(prefix))


def test_explicit_deflection_counts_as_the_omission(seed_items, embedder):
    fb = critique_answer(seed_items, role="Applied Scientist", question=DEPLOY_Q, answer=HANDOFF, embedder=embedder)
    item = _item(fb, "Ignoring system design")
    assert item.verdict == "made"
    assert "platform team" in item.evidence
    assert item.missing and "missing:" in item.advice


def test_better_deploy_answers_score_higher(seed_items, embedder):
    scores = {name: critique_answer(seed_items, role="Applied Scientist", question=DEPLOY_Q, answer=text,
                                    embedder=embedder).score
              for name, text in (("hmm", HMM), ("handoff", HANDOFF), ("platform", PLATFORM))}
    assert scores["platform"] > scores["handoff"] > scores["hmm"], scores


def test_coverage_lists_what_the_answer_covers(seed_items, embedder):
    fb = critique_answer(seed_items, role="Applied Scientist", question=DEPLOY_Q, answer=PLATFORM, embedder=embedder)
    item = _item(fb, "Ignoring system design")
    assert item.verdict == "avoided"
    assert len(item.covers) >= 2 and "covers:" in item.advice


def test_role_with_a_level_is_judged_as_its_base_role(embedder):
    items = _items(ORBIT)
    fb = critique_answer(items, role="Staff Software Engineer", question="Reverse a singly linked list.",
                         answer="prev = None\nwhile head:\n    head.next, prev, head = prev, head, head.next\n"
                                "return prev", embedder=embedder)
    assert fb.role == "Software Engineer"
    assert _item(fb, "Coding silently").verdict == "made"
    assert _item(fb, "Treating production incidents").verdict == "not_applicable"


def test_filler_words_are_a_delivery_note_on_a_communication_item(seed_items, embedder):
    fb = critique_answer(seed_items, role="Applied Scientist", question=DEPLOY_Q, answer=HMM, embedder=embedder)
    item = _item(fb, "Failing to practice whiteboarding")
    assert item.verdict == "made" and item.delivery
    assert item.advice.startswith("Delivery note")


def test_dont_item_made_and_avoided(embedder):
    item = RubricItem(id="d1", kind="dont", mistake="Do not use the header or footer sections in a Word/Google Docs "
                      "file", fix="reduce margins instead and just write the information in the body.")
    q = "How are you putting your resume together?"
    bad = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                          answer="I put my name and phone number in the page header so it repeats on every page.")
    good = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                           answer="All my details go in the body of the page, and I narrowed the margins to fit "
                                  "everything on one page.")
    assert bad.items[0].verdict == "made"
    assert good.items[0].verdict != "made"


@pytest.mark.parametrize("question,answer,expect", [
    ("Tell me about a time you had to deal with a difficult stakeholder.",
     "I always try to be professional and listen to everyone. Communication is key.", "STAR"),
    ("How would you design a chat app like WhatsApp?", "Kafka, Cassandra, Redis and WebSockets.", "clarify"),
])
def test_no_item_applies_gives_general_feedback_and_a_delivery_only_score(embedder, question, answer, expect):
    fb = critique_answer([], role="Software Engineer", question=question, answer=answer, embedder=embedder)
    assert fb.basis == "delivery-only"
    assert fb.summary.startswith("Delivery-only score")
    assert any(expect in line for line in fb.improvements), fb.improvements
    assert sum(f.points for f in fb.score_factors) == fb.score


def test_score_factors_add_up_and_name_raises_and_cuts(seed_items, embedder):
    fb = critique_answer(seed_items, role="Applied Scientist", question=DEPLOY_Q, answer=HANDOFF, embedder=embedder)
    assert sum(f.points for f in fb.score_factors) == fb.score
    assert any(f.points > 0 for f in fb.score_factors) and any(f.points < 0 for f in fb.score_factors)
    assert fb.basis == "rubric"


FAILED_Q = "Tell me about a time you failed."
BLAME = ("The project failed because the backend team kept missing their deadlines and the PM changed the requirements "
         "every week. I did my part on time, but nobody else did, so we shipped three months late. Honestly it was "
         "not my fault.")
OWN = ("Last year I led the migration of our billing jobs to a new scheduler and I promised it in six weeks. I "
       "underestimated the hidden dependencies, and the first cutover broke four reports for a morning. I rolled it "
       "back, told my manager, mapped every dependency from the query logs and cut over again three weeks later with "
       "no breakage. Since then I size migrations from the dependency map, not from the job count.")


def test_items_about_other_topics_do_not_apply_to_a_behavioural_question(real_articles, embedder):
    """Only a resume article in the library, a behavioural question, a Staff role: no item applies, so the feedback
    says so, lists none of them, gives a coach's general advice and a delivery-only score; blame costs points."""
    resume = next(p for p in real_articles if p.name == "tih-resume.md")
    items = _items(resume)
    assert items
    blame = critique_answer(items, role="Staff Software Engineer", question=FAILED_Q, answer=BLAME, embedder=embedder)
    own = critique_answer(items, role="Staff Software Engineer", question=FAILED_Q, answer=OWN, embedder=embedder)
    assert not any(i.applies for i in blame.items)
    assert all(i.verdict == "unclear" for i in blame.items)
    assert blame.basis == own.basis == "delivery-only"
    assert "no rubric item in the library applies to this question" in blame.summary
    tips = " ".join(blame.improvements)
    assert "STAR" in tips and "Own your part" in tips and "words" in tips
    assert "trade-offs" not in tips  # design/coding structure advice is not for a story
    assert any(f.points < 0 and "other people" in f.label for f in blame.score_factors)
    assert own.score > blame.score


def test_items_apply_to_a_question_on_their_topic(real_articles, embedder):
    resume = next(p for p in real_articles if p.name == "tih-resume.md")
    fb = critique_answer(_items(resume), role="Software Engineer", embedder=embedder,
                         question="How are you putting your resume together for this application?",
                         answer="I designed it in Canva and put my phone number in the page header.")
    header = _item(fb, "Do not use the header or footer")
    assert header.applies and header.verdict == "made"


def test_a_delivery_only_score_with_unclear_items_says_they_are_unclear(seed_items, embedder):
    """Items that apply but cannot be judged are listed as unclear: the summary says so instead of claiming that no
    item speaks to the answer."""
    fb = critique_answer(seed_items, role="Machine Learning Engineer", question=DEPLOY_Q,
                         answer="Putting it into production is for the platform team; I'd hand over the model file "
                                "and they take it from there.", embedder=embedder)
    unclear = [r for r in fb.items if r.applies and r.verdict == "unclear" and not r.delivery]
    assert fb.basis == "delivery-only" and unclear
    assert f"the {len(unclear)} rubric mistake" in fb.summary and "unclear" in fb.summary, fb.summary


def test_a_dont_item_needs_a_sentence_that_states_the_mistake(embedder):
    """On-topic sentences near a "Don't X" item are no quote of X: a clean answer about the same subject is not
    flagged (it was, before: 'the first lines of the body' read as close enough to a header/footer rule)."""
    item = RubricItem(id="d1", kind="dont", mistake="Do not use the header or footer sections in a Word/Google Docs "
                      "file", fix="reduce margins instead and just write the information in the body.")
    fb = critique_answer([item], role="Data Analyst", question="What contact details go at the top of your resume?",
                         answer="My personal email address, my mobile number, my LinkedIn URL and the city I live in. "
                                "They go in the first two lines of the body of the document.", embedder=embedder)
    assert fb.items[0].verdict != "made", fb.items[0].evidence


def test_a_relational_dont_needs_both_of_its_parts(embedder):
    """'Don't confuse A and B' is made only by a sentence that names both; explaining A alone avoids nothing and
    makes nothing (the item is fictional)."""
    item = RubricItem(id="r1", kind="rule", mistake="Don't confuse latency and throughput.")
    q = "What does latency mean for a web service?"
    clean = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                            answer="Latency is how long one request takes from the moment it is sent until the "
                                   "response arrives, usually reported as a percentile such as p99.")
    mixed = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                            answer="Latency is basically the throughput: high throughput means low latency, so you "
                                   "just measure requests per second.")
    assert clean.items[0].verdict != "made"
    assert mixed.items[0].verdict == "made"


def test_the_summary_does_not_repeat_the_score(seed_items, embedder):
    """Every shell shows the score next to the summary, so the summary itself does not carry it."""
    for items, q, ans in ((seed_items, DEPLOY_Q, PLATFORM), ([], "Tell me about yourself.", HMM)):
        fb = critique_answer(items, role="Applied Scientist", question=q, answer=ans, embedder=embedder)
        assert f"{fb.score}/100" not in fb.summary, fb.summary
