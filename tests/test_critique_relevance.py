"""Scores and verdicts that follow what the answer says, not the words it shares with the question: an off-topic
answer echoing the question, a "tell me about yourself" told with specifics, Don't items judged by the things they
list, and over-emphasis measured on the answer's own words. Real embedding model; real articles where named."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.critique import critique_answer
from coach.evaluation.critique import load_items_by_doc

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
MLE = "Machine Learning Engineer"


def _items(path: Path):
    return load_items_by_doc([path])[path.name]  # parsed as a real ingest parses it


@pytest.fixture(scope="module")
def seed_items():
    return _items(SEED)


def _real(real_articles, name):
    return _items(next(p for p in real_articles if p.name == name))


def _verdict(fb, part):
    return next(i.verdict for i in fb.items if part.lower() in i.mistake.lower())


def test_off_topic_answer_echoing_the_question_scores_below_a_weak_on_topic_one(seed_items, embedder):
    q = "How would you roll a new fraud model out to production?"
    echo = ("Production at my last job was where the fun was: the production team threw the best holiday party, "
            "and I ran the fantasy football league there.")
    weak = "I'd wrap it in a small service behind the payments API and switch traffic over once it looks fine."
    off = critique_answer(seed_items, role=MLE, question=q, answer=echo, embedder=embedder)
    on = critique_answer(seed_items, role=MLE, question=q, answer=weak, embedder=embedder)
    assert on.score > off.score, (on.score, off.score)
    # An answer to another question says nothing about where the candidate puts the focus.
    films = ("I love fraud detection as a topic; I read a lot of true-crime books about fraud. At my last company we "
             "had a great culture and weekly demo days.")
    off = critique_answer(seed_items, role=MLE, question="How would you deploy a fraud detection model?",
                          answer=films, embedder=embedder)
    assert _verdict(off, "Overemphasizing") == "unclear"


def test_specific_self_introduction_is_not_capped_as_off_topic(real_articles, embedder):
    items = _real(real_articles, "tih-behavioral-interview-questions.md")
    q = "Could you start by telling me a little about yourself?"
    strong = ("I'm a backend engineer with six years in payments. At my current company I own the settlement "
              "service, written in Go, that moves about two million transactions a day; last year I led the move "
              "from nightly batches to streaming, which cut settlement time from 24 hours to 15 minutes. I'm looking "
              "for a team where moving money reliably is the core product.")
    stock = ("About me: I would describe myself as a passionate team player and a fast learner who loves a "
             "challenge. I always give one hundred percent, and I'm happy to tell you more about myself.")
    fb_strong = critique_answer(items, role="Backend Engineer", question=q, answer=strong, embedder=embedder)
    fb_stock = critique_answer(items, role="Backend Engineer", question=q, answer=stock, embedder=embedder)
    assert not any("does not address the question" in f.label for f in fb_strong.score_factors)
    assert fb_strong.score > fb_stock.score, (fb_strong.score, fb_stock.score)


def test_dont_item_is_made_by_naming_one_of_the_things_it_lists(real_articles, embedder):
    items = _real(real_articles, "tih-resume.md")
    q = "Tell me how you produced the CV you sent us."
    tool = "I designed the whole thing in Photoshop and exported it as an image-based PDF."
    builder = "I filled in my details on an online resume builder and downloaded what it generated."
    plain = "I typed it in a plain Word document, one column, and saved it as a PDF."
    for answer, expected in ((tool, "made"), (builder, "made"), (plain, "not made")):
        fb = critique_answer(items, role="Software Engineer", question=q, answer=answer, embedder=embedder)
        got = _verdict(fb, "Photoshop")
        assert (got == "made") == (expected == "made"), (answer, got)


def test_model_only_answer_that_hands_off_production_overemphasises_the_model(seed_items, embedder):
    q = "How would you get a churn model running in production?"
    model_only = ("I'd tune the churn model hard: try several learning rates and tree depths with cross-validation "
                  "and keep the one with the best AUC. Getting it into production is the platform team's job; I'd "
                  "hand them the trained model.")
    vague = "You put the model on a server and the predictions get served from there, and then you check it works."
    fb = critique_answer(seed_items, role=MLE, question=q, answer=model_only, embedder=embedder)
    assert _verdict(fb, "Overemphasizing") == "made"
    # Naming the question's own "model" while talking about serving is no over-emphasis.
    fb = critique_answer(seed_items, role=MLE, question=q, answer=vague, embedder=embedder)
    assert _verdict(fb, "Overemphasizing") != "made"


def test_role_items_do_not_judge_a_coding_answer(embedder):
    nimbus = ROOT / "tests" / "fixtures" / "articles" / "nimbusfin_data_scientist_vs_data_engineer.md"
    items = _items(nimbus)
    q = "Write a function that removes duplicates from a list while keeping the order."
    a = ("I'd keep a set of seen values and walk the list once, appending each value the first time I see it. That's "
         "O(n) time and O(n) space; I'd test an empty list and a list with all duplicates.")
    fb = critique_answer(items, role="Data Engineer", question=q, answer=a, embedder=embedder)
    # "Ignoring data quality checks" and "Overemphasizing machine learning models" are about DE pipeline answers,
    # not about this question: no rubric item speaks to it, so the score is delivery-only.
    assert fb.basis == "delivery-only", [(i.mistake, i.verdict) for i in fb.items]
    assert _verdict(fb, "data quality") == "unclear"



ORBIT = ROOT / "tests" / "fixtures" / "articles" / "orbitworks_swe_vs_sre.html"  # fictional fixture article


@pytest.mark.parametrize("question, answer", [
    ("How would you roll out a new version of our API without downtime?",
     "Blue-green: bring the new version up next to the old one, run smoke tests, move 5% of traffic and watch the "
     "error rate, then move the rest. The old fleet stays up for an hour so a rollback is one switch."),
    ("How would you design a rate limiter for our public API?",
     "A token bucket per API key in Redis, so every gateway sees the same counts. Each request takes a token and an "
     "empty bucket returns 429 with a Retry-After header."),
])
def test_coding_technique_items_are_about_other_questions_on_a_non_coding_question(real_articles, embedder,
                                                                                    question, answer):
    items = _real(real_articles, "tih-coding-interview-techniques.md")
    fb = critique_answer(items, role="Software Engineer", question=question, answer=answer, embedder=embedder)
    # Folded into "about other questions" rather than listed as unclear on a release or design answer.
    shown = [(i.mistake, i.verdict) for i in fb.items if i.applies]
    assert shown == [], shown


def test_coding_technique_items_still_judge_a_coding_answer(real_articles, embedder):
    items = _real(real_articles, "tih-coding-interview-techniques.md")
    q = "Write a function that counts the numbers in an array that are above the average."
    a = "I loop over the array and for each element I call sum(nums) and len(nums) again to get the average."
    fb = critique_answer(items, role="Software Engineer", question=q, answer=a, embedder=embedder)
    assert all(i.applies for i in fb.items)
    assert _verdict(fb, "invoke methods") == "made"


@pytest.mark.parametrize("question, answer", [
    ("How would you set up on-call for a team that just took over three services?",
     "A weekly rotation of five people with a secondary, a runbook for every service and alerts tuned so each page "
     "is actionable. Every page gets reviewed in a weekly meeting."),
    ("Describe a system you scaled up and what you learned from it.",
     "Our scheduler grew from 2,000 to 40,000 jobs a day. I sharded its queue by tenant and moved its state to a "
     "partitioned Postgres. The lesson: load-test before a launch."),
    ("Tell me about a time you made a system faster.",
     "Our search service's p99 was 900 ms. I profiled it, cached the index filter per shard and got p99 to 180 ms, "
     "shipped behind a flag."),
])
def test_an_ops_or_story_question_worded_like_design_is_not_doing_design(embedder, question, answer):
    fb = critique_answer(_items(ORBIT), role="Site Reliability Engineer", question=question, answer=answer,
                         embedder=embedder)
    assert _verdict(fb, "failure modes") != "made", [(i.mistake, i.verdict, i.evidence) for i in fb.items]


def test_a_design_question_answered_without_failure_modes_still_makes_the_mistake(embedder):
    q = "Design a service that ingests logs from ten thousand hosts."
    a = ("Agents on each host ship logs over HTTP to a fleet of ingest servers, which write them to object storage "
         "partitioned by hour, and an indexer builds a search index per partition for the query API.")
    fb = critique_answer(_items(ORBIT), role="Software Engineer", question=q, answer=a, embedder=embedder)
    assert _verdict(fb, "failure modes") == "made"


def test_dont_item_said_word_for_word_in_the_answers_own_words_is_made(real_articles, embedder):
    """"corporate email" says "work email" word for word in other words; a personal address with the employer
    negated does not."""
    items = _real(real_articles, "tih-resume.md")
    q = "Which contact details are at the top of your resume?"
    said = "Name, then the phone on my desk and the corporate email, since I'm at the office all day."
    personal = "My name, my mobile and a personal email address, nothing from the office."
    for answer, expected in ((said, "made"), (personal, "not made")):
        fb = critique_answer(items, role="Software Engineer", question=q, answer=answer, embedder=embedder)
        got = _verdict(fb, "work email")
        assert (got == "made") == (expected == "made"), (answer, got)


PROUD_Q = "Tell me about a project you're really proud of."


def test_a_story_at_work_is_not_gated_by_its_scene_setting_sentence(embedder):
    """A story placed at work is on the question sentence by sentence: its scene ("Two summers ago the checkout
    page on our shop got really slow") and its outcome are part of it, though they share no words with the question;
    a story of three sentences whose first was left out of it was gated below a vague team story."""
    story = ("Two summers ago the checkout page on our shop got really slow during sales, like eight seconds. I found "
             "we loaded every product image at full size, so I added resizing at upload and lazy loading. The page "
             "loads in about two seconds now and conversion went up a bit.")
    vague = ("We built a really great new reporting experience as a team. It was a big effort and everybody worked "
             "super hard on it. It was a great learning experience and the collaboration was amazing.")
    good = critique_answer([], role="Software Engineer", question=PROUD_Q, answer=story, embedder=embedder)
    weak = critique_answer([], role="Software Engineer", question=PROUD_Q, answer=vague, embedder=embedder)
    assert good.score > weak.score, (good.score_factors, weak.score_factors)
    assert good.score >= 60, good.score_factors  # 42 when the scene sentence, one of three, gated the story

