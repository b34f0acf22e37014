"""Abstract pitfalls judged from the answer's text (generic, sloppy, stock phrases, repetitive), on-topic answers
that talk around the question, and "Don't X" items that forbid a qualifier rather than a topic.

The items are fictional (written for these tests, not taken from any article); the embedding model is the real one.
"""
from __future__ import annotations

from coach.critique import critique_answer
from coach.models import RubricItem

COVER_Q = "What would you say in the first lines of your cover letter?"


def _verdict(fb, item_id: str) -> str:
    return next(f.verdict for f in fb.items if f.id == item_id)


PITFALLS = [
    RubricItem(id="gen", kind="pitfall", mistake="The Bland Opener", section="Cover letter > Pitfalls",
               fix="Tailor the first lines to the team and the job; avoid anything generic."),
    RubricItem(id="slop", kind="pitfall", mistake="Careless writing", section="Cover letter > Pitfalls",
               context="Careless writing: typos and grammar errors suggest sloppiness. Proofread twice."),
    RubricItem(id="stock", kind="dont", mistake="Avoid stock phrases and platitudes.", section="Cover letter > Tips"),
    RubricItem(id="rep", kind="pitfall", mistake="Repetition", section="Cover letter > Pitfalls",
               fix="Each paragraph should add something new, not repeat the one before."),
]
TAILORED = ("I'd open with why your fraud team in particular: you moved card scoring to streaming last year, and I "
            "spent two years building a Flink pipeline that scores 4,000 payments a second at a small bank. Then "
            "one result, cutting false declines by 18%, and the story of how we found the cause. I'd close with "
            "what I'd like to own in my first six months, all on one page.")
BLAND = ("Dear Hiring Manager, I am a passionate and highly motivated engineer who thrives in fast-paced "
         "environments. I am a team player with excellent communication skills and I would be a great asset to "
         "any organization.")
TYPOS = ("i would say im really intrested in the positon and i beleive my experiance with python and cloud makes me "
         "a good fit for the role")


def test_cover_letter_pitfalls_are_judged_from_the_text(embedder):
    good = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=TAILORED, embedder=embedder)
    bland = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=BLAND, embedder=embedder)
    typos = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=TYPOS, embedder=embedder)
    assert [_verdict(good, i) for i in ("gen", "slop", "stock", "rep")] == ["avoided"] * 4
    assert _verdict(bland, "gen") == "made" and _verdict(bland, "stock") == "made"
    assert _verdict(bland, "slop") != "made"
    assert _verdict(typos, "slop") == "made" and "intrested" in next(f.evidence for f in typos.items
                                                                      if f.id == "slop")
    assert good.score > bland.score and good.score > typos.score


FAILURES = RubricItem(id="fail", kind="pair", mistake="Ignoring failure handling when designing a service.",
                      fix="Covering retries, timeouts, fallbacks and what happens when a dependency is down.")
NOTIFY_Q = "How would you design a service that sends push notifications?"
AROUND = ("Notification systems are really important for any product, and there are many ways to build them. It "
          "depends on the company and the team, so I'd look at what fits best. The goal is always a system that is "
          "reliable and scales.")
CONCRETE = ("Producers write events to a Kafka topic; a pool of sender workers reads it and calls the push "
            "providers with a 2-second timeout. Failed sends are retried three times with backoff and then parked "
            "in a dead-letter queue, and if a provider is down we fall back to email for urgent messages.")


def test_talking_around_the_question_is_the_omission(embedder):
    around = critique_answer([FAILURES], role="Software Engineer", question=NOTIFY_Q, answer=AROUND,
                             embedder=embedder)
    concrete = critique_answer([FAILURES], role="Software Engineer", question=NOTIFY_Q, answer=CONCRETE,
                               embedder=embedder)
    assert _verdict(around, "fail") == "made"
    assert _verdict(concrete, "fail") == "avoided"
    assert concrete.score > around.score + 20
    assert any("talks around" in f.label for f in around.score_factors)


def test_dont_item_forbids_its_qualifier_not_its_topic(embedder):
    item = RubricItem(id="uni", kind="dont", mistake="Never include your university email address",
                      section="Resume > Contact details")
    q = "What contact information goes at the top of your resume?"
    personal = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                               answer="My name, a personal email address, my mobile number and a link to my GitHub "
                                      "profile.")
    student = critique_answer([item], role="Software Engineer", question=q, embedder=embedder,
                              answer="The email address my university gave me and my student phone line.")
    assert _verdict(personal, "uni") != "made"
    assert _verdict(student, "uni") == "made"
