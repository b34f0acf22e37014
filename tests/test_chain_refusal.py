"""Refusal by calibrated evidence (real embedding model, real Chroma and BM25): a paraphrased question whose chunk
evidence is weak is answered when its best sentence reaches the chunk bar (``min_relevance``) and names the question's
subject; a question the library does not cover is still declined. The company "Velloran" and its article are
invented for these tests."""
from __future__ import annotations

import pytest

from tests.test_scope_decision import library_of

ARTICLE = """# How the Velloran interview loop is scored

Fictional article written for Interview Coach's tests.

## How your score affects the result

Each phone screen at Velloran has a single interviewer, so if they do not give you a "pass" or better, you will not
move on to the full interview loop. When there were no clear signals, you may be asked to do a follow-up phone screen.

## Feedback from earlier attempts

Interviewers at Velloran can read the written feedback from your earlier interviews at the company, so they avoid
repeating a question. They want to see that you have grown since then.

## Preparing for the onsite

Plan about 40 hours of practice before the onsite, spread over four weeks, and rehearse with a friend who plays the
interviewer.
"""


@pytest.fixture(scope="module")
def velloran_coach(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"velloran_loop.md": ARTICLE})


@pytest.mark.parametrize("question, fact", [
    ("What happens if the person on my first phone call doesn't give me a thumbs up?", "full interview loop"),
    ("I got turned down by them last year. Can the people talking to me this time see how I did back then?",
     "feedback from your earlier interviews"),
])
def test_a_paraphrased_question_with_weak_chunk_evidence_is_answered(velloran_coach, question, fact):
    answer = velloran_coach.ask(question)
    assert answer.grounded, answer.answer
    assert fact in answer.answer


@pytest.mark.parametrize("question", [
    "How do stock options usually vest at a startup?",
    "What's a decent interest rate for a car loan?",
    "How many sets should I do at the gym?",
])
def test_a_question_the_library_does_not_cover_is_still_declined(velloran_coach, question):
    answer = velloran_coach.ask(question)
    assert not answer.grounded, answer.answer


def test_a_question_that_only_points_back_asks_for_the_whole_question(velloran_coach):
    """With nothing asked before, "How did you solve it?" has no subject: any passage it matched would be about
    something else, so the reply asks for the question in full. After a question, the same kind is a follow-up."""
    for question in ["How did you solve it?", "What about it?", "can you explain that more"]:
        alone = velloran_coach.ask(question)
        assert not alone.grounded and not alone.sources and "refers back" in alone.answer, alone.answer
    history = [{"role": "user", "content": "How many hours of practice should I plan before the Velloran onsite?"},
               {"role": "assistant", "content": "Plan about 40 hours of practice before the onsite [1]."}]
    followed = velloran_coach.ask("And how should I spread them?", history=history)
    assert "refers back" not in followed.answer, followed.answer
    assert "refers back" not in velloran_coach.ask("How do I handle that deadline at Velloran?").answer


DESIGN = """# Preparing for the Velloran design round

Fictional article written for Interview Coach's tests.

## Courses for the design round

"Designing Data Systems the Velloran Way" is a good course: it is text-based and covers the basics of replication,
caching and queues. I haven't tried the advanced follow-up course, but it should be good; you probably won't need it
unless you are very senior.

## What the design round covers

In the Velloran design round you sketch a back end for a product such as a ride-hailing app, then discuss how it
scales, which database you would pick and where it could fail.
"""


@pytest.fixture(scope="module")
def design_coach(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"velloran_design.md": DESIGN, "velloran_loop.md": ARTICLE})


def test_an_off_domain_question_sharing_one_word_with_a_topic_is_declined(design_coach):
    """"design" is the only link to the library: "poster", a word no article uses and the evidence has no stand-in
    for, carries the question's topic (leaving it out changes what is asked), so the coach declines and names it (it
    used to quote the design round). A covered question in the user's own words is still answered."""
    declined = design_coach.ask("How do I design a poster for my band's gig?")
    assert not declined.grounded, declined.answer
    assert "poster" in declined.answer or "band's gig" in declined.answer  # a word or a term the library lacks
    answered = design_coach.ask("Which database would you pick for a ride-hailing app?")
    assert answered.grounded and "ride-hailing app" in answered.answer


def test_a_question_sharing_a_word_in_another_sense_is_declined_by_the_rest_of_its_words(tmp_path_factory, embedder):
    """"queues" and "course" are shared with the design course, "queues" in another sense: without them the question
    reads as an outside topic (a bakery's customers) more than it reads as the quoted sentence, which is not about
    it, so the coach declines (it used to quote the course; "bakery" is a word the library uses, elsewhere). A covered
    question on queues is still answered."""
    bakery = "\n## Getting there\n\nThe Velloran office sits above a bakery; the onsite starts at nine sharp.\n"
    coach = library_of(tmp_path_factory, embedder, {"velloran_design.md": DESIGN, "velloran_loop.md": ARTICLE + bakery})
    declined = coach.ask("Which course teaches how to handle queues at a bakery?")
    assert not declined.grounded, declined.answer
    assert "the question is about" in (declined.note or "")
    answered = coach.ask("Which course covers queues?")
    assert answered.grounded and "queues" in answered.answer, answered.answer


def test_a_word_that_only_colours_the_question_is_not_its_topic(design_coach):
    chain = design_coach.ask_chain
    assert chain._is_topic("How do I design a poster for my band's gig?", ["poster"])
    assert not chain._is_topic("Writing code while somebody watches makes me jittery. How do I get used to it?",
                               ["jittery"])
    # a common verb the library happens not to use is not the topic ("add" a photo to a resume)
    assert not chain._is_topic("Should I add a photo of myself?", ["add"])
    # two uncovered words can share the topic: leaving out either alone keeps the other
    assert chain._is_topic("How should I design a menu for my cafe?", ["menu", "cafe"])


def test_a_question_read_as_an_outside_topic_is_answered_when_the_quoted_evidence_is_about_it(embedder):
    """"customers also bought" reads as shopping, but a quoted sentence on recommending products to shoppers covers
    that topic; a quoted sentence about something else does not."""
    from coach.compose import SentenceEmbeddings
    from coach.scope import off_domain_by_meaning

    encode = SentenceEmbeddings(embedder).encode
    question = "What makes a good 'customers also bought' engine for an online shop?"
    qv = encode([question])[0]
    covering = ["A recommender suggests products a shopper is likely to buy, based on what similar customers bought."]
    assert off_domain_by_meaning(qv, 0.3, encode, covering) is None
    assert off_domain_by_meaning(qv, 0.3, encode, ["Practise out loud with a friend twice a week."]) == (
        "the question is about shopping, which the interview articles in the library do not cover")


def test_an_answer_does_not_depend_on_the_questions_asked_before(tmp_path_factory, embedder):
    """A question gets the same answer asked first in a process and after many others. Vectors are cached by text
    and most are encoded in batches (a question with its masked form and its bridge words): a vector that depended on
    the texts encoded with it would move a decision near a threshold once the caches were warm."""
    import numpy as np

    coach = library_of(tmp_path_factory, embedder, {"velloran_loop.md": ARTICLE, "velloran_design.md": DESIGN})
    probes = ["What's a good way to design a logo for my bakery?",
              "How many hours of practice should I plan before the Velloran onsite?",
              "Can the interviewers this time see how I did back then?"]
    cold = [(a.grounded, a.answer) for a in map(coach.ask, probes)]
    assert not cold[0][0] and cold[1][0] and "40 hours" in cold[1][1], cold
    others = ["Which course covers replication and caching?", "Should I design a poster for my band's gig?",
              "How many weeks should my practice be spread over?", "Which database would you pick for a bakery app?",
              "Who plays the interviewer when I rehearse?", "What happens after a weak phone screen?",
              "Is the advanced follow-up course worth it?", "How do I design a logo for a ride-hailing app?"]
    for question in others * 2:
        coach.ask(question)
    assert [(a.grounded, a.answer) for a in map(coach.ask, probes)] == cold
    # The question encoder gives a text the same vector alone and inside a batch of longer and shorter texts.
    encoder = coach.query_embedder
    alone = encoder.encode([probes[0]])[0]
    batched = encoder.encode([others[0], probes[0] + " " + probes[1], probes[0], "logo"])[2]
    assert np.array_equal(alone, batched)



def test_a_pronoun_the_articles_never_use_names_no_uncovered_subject(design_coach):
    """"anything", "something", "everyone" name no subject: the coach declined "do I have to do anything special for
    a zoom interview?" over the real articles as "the library does not talk about “anything”". Only the word that
    names a thing the evidence lacks is reported."""
    from coach.compose import Composed

    chain = design_coach.ask_chain
    nothing = Composed(text="", sentences=[], sources=[])
    for question in ["Do I have to do anything special for a poster interview?",
                     "Is there something everyone forgets about the poster?",
                     "Whatever I do, somebody frowns at my poster. Why?"]:
        qv = design_coach.embedder.encode([question])[0]
        lacked = chain._uncovered_words(question, qv, nothing)
        assert "poster" in lacked and not {"anything", "something", "everyone", "whatever", "somebody"} & set(lacked)


LEVELS = """# Engineering levels at Velloran

Fictional article written for Interview Coach's tests.

## E3 and E4

E3 is the entry level at Velloran: new graduates start there and work on tasks a senior engineer has broken down.
E4 engineers own a whole feature, from the design review to the launch, and mentor interns.
"""


@pytest.fixture(scope="module")
def levels_coach(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"velloran_levels.md": LEVELS, "velloran_loop.md": ARTICLE})


def test_a_code_no_article_writes_is_not_answered_from_a_sibling_code(levels_coach):
    """"L4 and L5" was answered with "L1 and L2 regularization" over the real articles: a code names one thing
    exactly, so a level, visa or service code that no article writes is declined and named, while a code the articles
    do write is answered."""
    declined = levels_coach.ask("What's the difference between E6 and E7 at Velloran?")
    assert not declined.grounded, declined.answer
    assert "E6" in declined.answer
    answered = levels_coach.ask("what does an E4 do day to day?")
    assert answered.grounded and "own a whole feature" in answered.answer, answered.answer


FORM = """# Filling in the Velloran application form

Fictional article written for Interview Coach's tests.

## Contact details

Never include your work phone number on the form, whatever your current office allows: give your personal mobile
number and a personal email address.

## Coding round languages

A good programming language for the coding round is one you already know well and that has a rich standard library.
"""


@pytest.fixture(scope="module")
def form_coach(tmp_path_factory, embedder):
    return library_of(tmp_path_factory, embedder, {"velloran_form.md": FORM, "velloran_loop.md": ARTICLE})


def test_a_word_no_article_uses_is_covered_when_the_quoted_sentence_says_it_its_own_way(form_coach):
    """"landline" is a word no article uses, and leaving it out changes what is asked; the quoted sentence says it as
    "phone", which put in its place keeps the question's meaning (the coach used to decline: "the library does not
    talk about “landline”"). A word of the quoted sentence near only by its vector, in a question about something
    else, covers nothing."""
    answer = form_coach.ask("Is it fine to list the landline at my current office as my contact number?")
    assert answer.grounded, answer.answer
    assert "work phone number" in answer.answer
    from coach.compose import Composed

    chain = form_coach.ask_chain
    quoted = Composed(text="", sentences=["A good programming language for the coding round is one you already know "
                                          "well and that has a rich standard library."], sources=[])
    assert chain._said_in_quote("Which programming tongues do people go with when they code live?", "tongues", quoted)
    assert not chain._said_in_quote("How do I design a poster for my band's gig?", "poster", quoted)


def test_how_the_asker_feels_starts_no_term_the_library_lacks(form_coach):
    """"I feel awkward haggling over money": "awkward" says how the asker feels, not a thing the library would have to
    name, so it joins no term with the next word the library lacks (the coach declined: "the library does not talk
    about “awkward haggling”"). A thing named in a run of such words still is one."""
    chain = form_coach.ask_chain

    def term(question: str) -> str | None:
        return chain._unknown_term(question, chain.vectors.encode([question])[0])

    assert term("I feel awkward haggling over money, should I just accept the first offer they give me?") is None
    assert term("Is it safe to take a beta blocker to calm my nerves before a job interview?") == "beta blocker"
