"""Question typing, answer shape, language detection and off-domain scope: pure functions, no model needed."""
from __future__ import annotations

import pytest

from coach.language import english_only_reply, foreign_language
from coach.models import Answer, Source
from coach.plan import NOT_EXACT, WARNING, carries, plan, shape_problems
from coach.scope import off_domain_terms, uncovered_companies, uncovered_topic


def test_questions_are_typed_by_what_they_ask():
    assert plan("How long should my resume be?").kind == "length"  # a size, not a time to wait
    assert plan("How long does the Amazon process take?").kind == "duration"
    assert plan("What's wrong with initializing all weights to zero?").kind == "why_bad"  # explain, not a list
    assert plan("How many rounds does the loop have?").kind == "count"
    assert plan("How much does a data engineer make?").kind == "money"
    assert plan("Which role pays more?").kind == "which_more"
    assert plan("How is interviewing.io different from Pramp?").kind == "comparison"
    # "differ" said another way: what separates / distinguishes / sets apart A from B
    assert plan("So what actually separates a staff interview from a senior one?").kind == "comparison"
    assert plan("What distinguishes the phone screen from the onsite?").kind == "comparison"
    assert plan("What sets the Velbrook loop apart from the Quorvane one?").kind == "comparison"
    assert plan("What sets you apart from other candidates?").kind != "comparison"  # a pitch, not a comparison
    assert plan("How do I separate side projects from work projects on my resume?").kind != "comparison"
    assert plan("What mistakes should I avoid on my resume?").kind == "mistake"
    assert plan("So what should I do instead?").kind == "fix"
    assert plan("What is TF-IDF?").kind == "definition"
    assert plan("What is the Shopify interview process like?").kind != "definition"
    assert plan("Should I negotiate my offer?").kind == "yes_no"


@pytest.mark.parametrize("question, kind", [
    # What they will ask about pay is the questions they ask, not an amount.
    ("Will Velbrook's interviewers ask me how much pay I'm hoping for?", "example"),
    ("Could the people at Velbrook ask me what salary I want?", "example"),
    # "Asking for better" requests something: no interview question is asked for.
    ("My answer already hits the best big-O but they keep asking for better. What are they after?", "other"),
    ("How many questions will they ask?", "count"),
    ("How much do they pay?", "money"),
])
def test_what_they_ask_is_told_apart_from_an_amount_and_from_asking_for_something(question, kind):
    assert plan(question).kind == kind


@pytest.mark.parametrize("question, kind", [
    # Whether I have to pay for something is a price: what is said about paying answers it, with or without a figure.
    ("Do I have to pay anything to practise on Tallyrun?", "price"),
    ("Is the Graphbook course free?", "price"),
    ("Does Tallyrun cost anything?", "price"),
    ("Is paying someone to haggle my offer actually worth it?", "price"),
    # An amount, however it is said.
    ("How much does a practice round on Tallyrun set me back?", "money"),
    ("How much do I have to spend on the Graphbook course?", "money"),
    ("What cut of my raise does Brightmark keep?", "money"),
    # A free thing asked for, and what a habit costs me, are no price questions.
    ("Is there a free guide for front end design rounds?", "yes_no"),
    ("Will copy-pasting the same block of code cost me points?", "yes_no"),
])
def test_a_price_is_told_apart_from_an_amount_and_from_a_free_thing(question, kind):
    assert plan(question).kind == kind


def test_a_share_of_people_is_no_amount():
    assert plan("What percentage of candidates pass the screen?").kind != "money"


@pytest.mark.parametrize("question, kind", [
    # a share asked for as a figure, however it is said
    ("What percentage of candidates pass the Velbrook screen?", "percent"),
    ("Roughly what percent higher than the first offer can I get?", "percent"),  # not which of two is higher
    ("What's the pass rate for the take-home?", "percent"),
    ("How many percent of applicants get an onsite?", "percent"),
    # a number stated in the question, a formula for a rate, or a cut of pay, is no share asked for
    ("My dataset is 95 percent one class. Why is accuracy misleading?", "why_bad"),
    ("How is the percent-right score of a classifier worked out?", "other"),
    ("What cut of my raise does Brightmark keep?", "money"),
])
def test_a_percentage_is_a_kind_of_fact(question, kind):
    assert plan(question).kind == kind


def test_a_sentence_carries_a_percentage_as_a_figure():
    assert carries("percent", "Recall at 5 is 66.6%.")
    assert carries("percent", "About one in four candidates pass the take-home.")
    assert carries("percent", "Roughly 3 out of 10 applicants get a call back.")
    assert carries("percent", "Half of the offers are raised after a counter.")
    # naming a share is not stating one
    assert not carries("percent", "Brightmark takes a percentage of the negotiated difference.")
    assert not carries("percent", "Most candidates who pass the phone screen go on to the onsite.")


def test_a_sentence_carries_a_price_in_words():
    assert carries("price", "Brightmark charges a flat fee, while others take a share of the raise.")
    assert carries("price", "Use free tools like Parsecheck to test your resume.")
    assert not carries("price", "Tallyrun matches you with senior interviewers for anonymous practice rounds.")


def test_a_sentence_carries_the_asked_kind_of_fact():
    assert carries("duration", "It takes about 30 hours to cover the bare minimum.")
    assert carries("duration", "Use only 1 page for your resume.")
    assert carries("length", "Use only 1 page for your resume.")
    assert carries("length", "Keep it crisp, to the point, and under a page.")
    assert not carries("length", "If your previous job was 3 years long, the ATS assumes 5 years of experience.")
    assert not carries("duration", "Here is how to prepare for your coding interview.")
    # planning periods are durations; a fraction is not
    assert carries("duration", "Scope of work: Larger projects spanning multiple halves.")
    assert carries("duration", "Expect the ramp-up to take two quarters.")
    assert not carries("duration", "A quarter of candidates skip the take-home.")
    assert carries("duration", "Typically 0-2 years of experience.")
    assert carries("money", "Roles pay $150,000 to $210,000 per year.")
    assert not carries("money", "Salary negotiation is the last stretch.")


def _answer(text: str, section: str = "Body") -> Answer:
    src = Source(n=1, doc_id="d", title="T", path="p", section=section, text="x", score=1.0)
    return Answer(question="q", standalone_question="q", answer=text, grounded=True, sources=[src])


def test_shape_problems_catch_lead_ins_headings_labels_and_missing_facts():
    assert shape_problems("How long does it take?", _answer("This is how to prepare: [1]"))
    assert shape_problems("What is covered?", _answer("Plan your time [1].", section="Plan your time"))
    assert any("BAD" in p for p in shape_problems("What to avoid?", _answer("BAD: Rambling [1].")))
    assert shape_problems("How long is the process?", _answer("The process is thorough [1]."))
    assert not shape_problems("How long is the process?", _answer("It takes 3-6 weeks [1]."))
    assert not shape_problems("How long is the process?", _answer(f"{NOT_EXACT}: it gives no length of time [1]."))


def test_other_languages_are_detected_and_english_with_foreign_names_is_not():
    assert foreign_language("Combien de temps faut-il pour se préparer aux entretiens ?") == "French"
    assert foreign_language("¿Cuántas preguntas debo practicar?") == "Spanish"
    assert foreign_language("Wie lange sollte mein Lebenslauf sein?") == "German"
    assert foreign_language("コーディング面接の準備にはどれくらい時間がかかりますか？") == "Japanese"
    assert foreign_language("如何准备系统设计面试？") == "Chinese"
    assert foreign_language("How do I say merci to a recruiter at Société Générale?") is None
    assert foreign_language("And Slack?") is None
    assert "English" in english_only_reply("French")


def test_off_domain_words_are_refused_unless_the_evidence_talks_about_them():
    assert off_domain_terms("Do I need a visa to travel to Japan for an onsite interview?")
    evidence = ["The onsite interview has five rounds; bring a laptop."]
    assert uncovered_topic("Do I need a visa for an onsite interview?", evidence)
    assert uncovered_topic("Can I bring my dog to the onsite interview?", evidence)
    assert uncovered_topic("How long is the onsite interview?", evidence) is None
    assert uncovered_topic("Is there a visa question?", ["Candidates who need a visa should tell the recruiter."]) \
        is None


def test_a_company_is_covered_by_content_not_only_by_metadata():
    evidence = ["Palantir Software Engineer behavioral interview questions: What is broken around you?"]
    assert uncovered_companies("What does Palantir ask?", [], evidence) == []
    assert uncovered_companies("What does Tesla ask?", [], evidence) == ["Tesla"]


def test_scene_setting_sentences_do_not_make_a_question_off_domain():
    """Only the sentences that ask decide the topic: a health, tax or sleep word that sets the scene leaves an
    interview question in scope; the same word in the asked sentence does not."""
    evidence = ["It takes about 30 hours to cover the bare minimum and ~100 hours to be well prepared."]
    assert uncovered_topic("Because of my health I can only study an hour a day. How many hours do I need to be "
                           "well prepared?", evidence) is None
    assert uncovered_topic("I'm losing sleep over it. Can interviewers see my old feedback?", evidence) is None
    assert uncovered_topic("How do I keep my health up while studying 100 hours?", evidence)
    assert uncovered_topic("How long should I boil pasta?", evidence)
    assert off_domain_terms("Why can't my random forest forecast next year's sales?") == []


def test_a_duration_asked_in_a_unit_needs_that_unit_or_a_neighbouring_one():
    from coach.plan import asked_unit, in_unit

    assert asked_unit("How many years before people usually reach staff engineer?") == "year"
    assert asked_unit("How long does the process take?") is None
    assert not in_unit("year", "Scope of work: Larger projects spanning multiple halves.")
    assert in_unit("year", "Experience: Typically 10+ years of experience.")
    assert in_unit("month", "The process takes 3-4 weeks.") and not in_unit("minute", "It takes 3 months.")
    answer = Answer(question="q", standalone_question="q", answer="Scope of work: Larger projects spanning multiple halves [1].",
                    grounded=True, sources=[Source(n=1, doc_id="d", title="Levels", path="levels.md",
                                                   section="Staff", text="Larger projects spanning multiple halves", score=1.0)])
    assert shape_problems("How many years before people usually reach staff engineer?", answer)
    assert not shape_problems("How long are staff engineers' projects?", answer)


def test_the_speakers_contractions_are_not_company_names():
    from coach.scope import unknown_companies

    question = "Could I keep working from home after I'm hired, and what if I've moved by then?"
    assert unknown_companies(question, [], [], lambda word: False) == []
    assert unknown_companies("What does Velbrook ask after I'm hired?", [], [], lambda word: False) == ["Velbrook"]


def test_a_question_asking_for_mistakes_and_what_to_do_instead_is_a_mistake_question():
    assert plan("What do candidates get wrong in Applied Scientist interviews, and what should they do "
                "instead?").kind == "mistake"
    assert plan("What pitfalls should I avoid, and what should I do instead?").kind == "mistake"
    assert plan("What should I do instead?").kind == "fix"
    assert plan("How do I avoid the generic trap?").kind == "fix"


@pytest.mark.parametrize("question", [
    "Why would I push back on an offer that already looks decent?",
    "How come interns hardly ever get asked to architect a whole system?",
    "What's the point of inventing extra sample inputs before I start typing?",
    "So why bother writing a cover letter at all?",
])
def test_a_why_question_asks_for_the_reason(question):
    assert plan(question).kind == "why"


def test_a_why_question_about_what_is_bad_stays_why_bad():
    assert plan("Why can accuracy be a misleading score for my classifier?").kind == "why_bad"


@pytest.mark.parametrize("question", [
    "When the interviewer asks me to speed up my solution, what traps should I watch out for?",
    "What do candidates usually screw up in their interview code?",
])
def test_traps_and_screw_ups_are_mistake_questions(question):
    assert plan(question).kind == "mistake"


@pytest.mark.parametrize("sentence,warns", [
    ("Never add symbols to your headers.", True),
    ("However, do not do keyword stuffing for the sake of it.", True),
    ("Minimize work inside loops and don't redo work you have already done.", True),
    ("Be careful not to destroy the input data.", True),
    ("Mutating input data is generally frowned upon.", True),
    ("These techniques help with questions you have never encountered before.", False),
    ("What some people don't realize is that a working solution is often the manual approach.", False),
    ("If they don't give you a pass, you would not proceed.", False),
])
def test_a_warning_is_a_prohibition_or_caution_not_any_negation(sentence, warns):
    assert bool(WARNING.search(sentence)) is warns


@pytest.mark.parametrize("question, kind", [
    # "catch" as a verb asks how to do something; only "the catch" (a noun) is a drawback.
    ("How do I catch typos in my portfolio before I send it?", "howto"),
    ("Can I catch the recruiter after the panel to ask about the team?", "yes_no"),
    ("What's the catch with using a paid negotiator?", "why_bad"),
    ("Is there a catch?", "why_bad"),
    # What a grader is looking for, said in the progressive, asks for the things they check.
    ("What are they looking for in how I check my own code?", "list"),
    ("What is the panel looking out for when I draw the diagram?", "list"),
    # How fast a computation runs is its complexity; how fast I get through something is a time.
    ("If the array is already sorted, how fast can I find an item in it?", "other"),
    ("How quickly does a lookup in a hash map run?", "other"),
    ("How fast can I get through a hundred practice problems?", "duration"),
    # How an interviewer finds something out about me is what they ask me; a tool checking my file asks nothing.
    ("How might Velbrook check that I keep learning new tools?", "example"),
    ("How will they find out whether I can lead a team?", "example"),
    ("How does the ATS check if I have the keywords?", "other"),
    # A number a method finds: the method is asked for, not the number.
    ("How do I decide how many clusters to use?", "howto"),
    ("After scaling, how should I pick how many features to keep?", "howto"),
    ("What's a quick way to count how many rows share a key?", "howto"),
    ("How many clusters should I use?", "count"),
])
def test_a_word_is_typed_by_its_sense(question, kind):
    assert plan(question).kind == kind


@pytest.mark.parametrize("question, told", [
    # The asker tells their own situation and asks what to do about it.
    ("I blank out when the interviewer stares at me, what do I do?", True),
    ("My hands shake before onsite rounds, how do I calm down?", True),
    ("The recruiter went quiet after my final round and I am worried, should I email them again?", True),
    ("Writing code while someone watches makes me nervous, how do I get used to it?", True),
    # A question about a topic, or one that tells nothing about the asker, is no situation.
    ("How do I negotiate my salary?", False),
    ("Should I use Python in my interview?", False),
    ("What should I do if I get stuck?", False),
    # A technical state of the asker's work is a problem the articles solve in their own terms, not a feeling.
    ("My brute force keeps multiplying the same numbers again, how do I stop that?", False),
    # Telling a situation without asking what to do ("is that okay?") asks for a verdict, not advice.
    ("I applied to five roles at one company, is that okay?", False),
])
def test_a_situation_question_tells_the_askers_story_and_asks_what_to_do(question, told):
    from coach.plan import asks_what_to_do

    assert asks_what_to_do(question) is told
