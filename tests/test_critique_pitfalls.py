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


CONTACT_Q = "Which contact details do you put at the top of your resume?"
CONTACT = ("I just put my name, my email address and my phone number at the top, and then a link to my profile, "
           "nothing fancy, the same as everybody does really.")


def test_document_pitfalls_do_not_judge_an_answer_about_another_document(embedder):
    """The cover letter pitfalls read the answer's own text as the letter; a resume question shares their broad area
    (applying for jobs), but its answer is no cover letter, so they say nothing about it."""
    fb = critique_answer(PITFALLS, role="Backend Engineer", question=CONTACT_Q, answer=CONTACT, embedder=embedder)
    assert [_verdict(fb, i) for i in ("gen", "slop", "rep")] == ["unclear"] * 3, [
        (f.mistake, f.verdict) for f in fb.items]
    # ... while the same plain text, given as the letter itself, is judged as one.
    letter = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=CONTACT, embedder=embedder)
    assert _verdict(letter, "gen") == "made"


SILENT_FAILURES = RubricItem(id="sf", kind="pair", mistake="Designing a service without discussing failure handling.",
                             fix="Covering retries, timeouts, fallbacks and what happens when a dependency is down.")
HAPPY_PATH = ("Hash the long link and base62-encode it, store short to long in a key-value store, and a redirect "
              "service looks the code up and returns a 301. A cache in front serves the hot links.")


def test_answer_to_a_design_question_is_designing_and_lacks_what_it_omits(embedder):
    """"X without Y": a design question's answer designs a system whether or not its words come near X, so leaving
    out Y is the mistake."""
    fb = critique_answer([SILENT_FAILURES], role="Backend Engineer", question="Design a link shortener.",
                         answer=HAPPY_PATH, embedder=embedder)
    assert _verdict(fb, "sf") == "made"
    covered = critique_answer([SILENT_FAILURES], role="Backend Engineer", question="Design a link shortener.",
                              answer=HAPPY_PATH + " If the store is down, redirects are served from the cache, and "
                              "writes are retried with a timeout.", embedder=embedder)
    assert _verdict(covered, "sf") == "avoided"


def test_a_concept_is_covered_in_any_of_its_word_forms(embedder):
    """"Covering retries" is covered by "I retry it": the stemmer brings retry/retries/retried to one stem."""
    from coach.critique.shapes import stem

    assert stem("retries") == stem("retry") == stem("retried") and stem("policies") == stem("policy")
    fb = critique_answer([SILENT_FAILURES], role="Backend Engineer", question="Design a link shortener.",
                         answer=HAPPY_PATH + " When a write to the store fails I retry it a few times.",
                         embedder=embedder)
    assert _verdict(fb, "sf") != "made"


def test_a_dont_item_is_avoided_only_on_positive_evidence(embedder):
    """Being on a "Don't X" item's topic without its qualifier ("my email address" for "university email") does not
    show that X is avoided: the answer may not say which address. Saying so ("not the one from my university")
    does."""
    item = RubricItem(id="uni", kind="dont", mistake="Never include your university email address",
                      section="Resume > Contact details")
    q = "What contact information goes at the top of your resume?"
    for answer, expected in (("My name, my email address and my phone number, then a link to my GitHub.", "unclear"),
                             ("My name, my phone number and an email address, but not the one my university gave "
                              "me.", "avoided")):
        fb = critique_answer([item], role="Software Engineer", question=q, answer=answer, embedder=embedder)
        assert _verdict(fb, "uni") == expected, (answer, [(f.verdict, f.evidence) for f in fb.items])


def test_handing_the_items_topic_away_is_the_omission_on_any_question(embedder):
    """A hand-off of the item's own topic ("someone else would handle the serving") is the omission stated outright,
    also when the question's words do not call for the topic; it is never the evidence that the topic is covered."""
    item = RubricItem(id="sys", kind="pair", mistake="Ignoring system design concepts in Applied Scientist interviews.",
                      fix="Emphasizing ML model deployment.", roles=["Applied Scientist"])
    q = "How would you get your recommender in front of users?"
    fb = critique_answer([item], role="Applied Scientist", question=q, embedder=embedder,
                         answer="I'd spend my effort on the ranking model and its offline metrics. Someone else "
                                "would handle the serving, I'd focus on the model file.")
    got = next(f for f in fb.items if f.id == "sys")
    assert got.verdict == "made" and "Someone else" in (got.evidence or ""), (got.verdict, got.evidence)


CHECKS = RubricItem(id="dq", kind="pair", mistake="Ignoring data validation in Data Engineer interviews.",
                    fix="Describe validation: row counts, null rates, duplicate keys.", roles=["Data Engineer"])
PIPE_Q = "How would you build a nightly job that loads orders from the shop database into the warehouse?"


def test_a_contracted_hand_off_with_no_item_word_is_the_omission(embedder):
    """ "that's the analysts' job" gives the topic away as plainly as "is the analysts' job" (it was read as
    covering validation)."""
    fb = critique_answer([CHECKS], role="Data Engineer", question=PIPE_Q, embedder=embedder,
                         answer="I'd pull the orders with Airflow every night and write them to BigQuery. As for data "
                                "validation, that's the analysts' job; they'll notice if the numbers look off.")
    got = next(f for f in fb.items if f.id == "dq")
    assert got.verdict == "made" and "analysts' job" in got.evidence, (got.verdict, got.evidence)


def test_a_hedge_is_no_hand_off(embedder):
    """ "I'm not sure which one" hedges a sentence that still covers the topic: it is charged once as a hedge by the
    score, never read as giving the topic away (coverage.deflects)."""
    from coach.critique.coverage import deflects

    said = "I'd add a check that the row counts and null rates look right, I'm not sure exactly which one first."
    assert not deflects(said) and deflects("I'm not sure, that's for the platform team.")
    fb = critique_answer([CHECKS], role="Data Engineer", question=PIPE_Q, embedder=embedder,
                         answer="I'd pull the orders with Airflow every night and write them to BigQuery. " + said)
    assert _verdict(fb, "dq") != "made", [(f.verdict, f.evidence) for f in fb.items]


def test_a_dont_without_a_fix_takes_its_fix_from_the_section_heading(embedder):
    """ "Never use Photoshop" under "Only write your CV in Microsoft Word or LibreOffice Writer": a sentence naming
    that practice avoids the item (it was unclear: the item has no fix of its own)."""
    from coach.critique.topics import heading_fix

    item = RubricItem(id="ps", kind="dont", mistake="Never make your CV in Photoshop or other image editors.",
                      section="Your CV > Only write your CV in Microsoft Word or LibreOffice Writer > Don'ts")
    assert heading_fix(item) == "Only write your CV in Microsoft Word or LibreOffice Writer"
    assert heading_fix(item.model_copy(update={"section": "Final tips > Never make your CV in Photoshop"})) == ""
    assert heading_fix(item.model_copy(update={"section": "Tools > What should I write my CV in?"})) == ""
    fb = critique_answer([item], role="Software Engineer", question="How did you put your CV together?",
                         embedder=embedder, answer="One column in LibreOffice Writer, exported to PDF.")
    assert _verdict(fb, "ps") == "avoided", [(f.verdict, f.evidence) for f in fb.items]
    fb = critique_answer([item], role="Software Engineer", question="How did you put your CV together?",
                         embedder=embedder, answer="One column, a clean font and my three best projects.")
    assert _verdict(fb, "ps") == "unclear", [(f.verdict, f.evidence) for f in fb.items]
