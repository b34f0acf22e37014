"""Mistakes an answer makes in its own words: a pitfall described rather than shown, a forbidden thing paraphrased,
a coding habit put in other words, quoted phrases that are mentioned rather than used, and negations that do not
scope over what the sentence does.

The rubric items are fictional (written for these tests, not taken from any article); the embedding model is real.
"""
from __future__ import annotations

import pytest

from coach.critique import critique_answer
from coach.critique.items import _modifiers, _names
from coach.critique.shapes import counted, split_units
from coach.critique.signals import describes
from coach.critique.technique import judge_technique, narrates
from coach.models import RubricItem
from ingest.parse import parse_text

COVER_Q = "How do you write the cover letter for a job you really want?"
PITFALLS = [
    RubricItem(id="slop", kind="pitfall", mistake="Careless writing", section="Cover letter > Pitfalls",
               context="Careless writing: typos and grammar errors suggest sloppiness. Proofread twice."),
    RubricItem(id="long", kind="pitfall", mistake="Wordiness", section="Cover letter > Pitfalls",
               fix="Keep it concise and on a single page."),
    RubricItem(id="bland", kind="pitfall", mistake="The Bland Letter", section="Cover letter > Pitfalls",
               fix="Tailor every letter to the team and the job; avoid anything generic."),
    RubricItem(id="stock", kind="dont", mistake="Avoid stock phrases and platitudes.", section="Cover letter > Tips"),
]


def _verdict(fb, item_id: str) -> str:
    return next(f.verdict for f in fb.items if f.id == item_id)


@pytest.mark.parametrize("item_id, answer", [
    ("slop", "I dash it off in ten minutes and send it straight away without reading it back; nobody checks typos."),
    ("long", "Mine tend to run to three or four pages, because I like to walk them through my entire career story."),
    ("bland", "I keep one standard letter and send the same letter to every company, changing only the greeting."),
])
def test_a_pitfall_described_in_the_answers_words_is_made(embedder, item_id, answer):
    fb = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=answer, embedder=embedder)
    assert _verdict(fb, item_id) == "made", [(f.id, f.verdict, f.evidence) for f in fb.items]


def test_describing_the_opposite_or_quoting_stock_phrases_is_no_mistake(embedder):
    answer = ("I write a new letter for each application and keep it to one page. The opening names one thing about "
              "the team's product that I have used, and I cut filler such as 'team player', 'results-driven' or "
              "'passionate' before I send it. I never send it without reading it aloud first.")
    fb = critique_answer(PITFALLS, role="Backend Engineer", question=COVER_Q, answer=answer, embedder=embedder)
    assert {f.id: f.verdict for f in fb.items if f.verdict == "made"} == {}, [(f.id, f.evidence) for f in fb.items]


def test_described_cues_respect_negation():
    assert describes("spelling", "I send it off without rereading it.")
    assert not describes("spelling", "I never send it without proofreading.")
    assert not describes("generic", "I never send the same letter to every company.")
    assert not describes("verbosity", "My resume is two pages.")


def test_coding_habits_said_in_other_words():
    loop = split_units("I'd loop with a while over the indexes and work out the length with len() again on every "
                       "pass, and inside the loop I also check whether the list is empty each time round, just to "
                       "be safe.")
    assert judge_technique("repeat_call", loop)[0] == "made"
    assert judge_technique("redundant_check", loop)[0] == "made"
    # a per-element check is the logic itself, and a call followed by a loop over elements repeats nothing
    fine = split_units("I call sorted() on a copy, then for each element I check whether it is in the set.")
    assert judge_technique("repeat_call", fine)[0] != "made"
    assert judge_technique("redundant_check", fine)[0] != "made"
    assert narrates(split_units("I'd rather not talk while I type; I'll show you the finished function."))[0] == "made"
    assert narrates(split_units("I'll talk through the plan before I type anything."))[0] == "avoided"


CONTACT = RubricItem(id="work", kind="dont", mistake="Never list your work email address on your resume",
                     section="Resume > Contact details")
CONTACT_Q = "Which contact details do you put on your resume?"


def test_a_paraphrased_forbidden_thing_is_made_and_a_negated_one_is_not(embedder):
    said = critique_answer([CONTACT], role="Software Engineer", question=CONTACT_Q, embedder=embedder,
                           answer="My name, and the mailbox my employer set up for me, j.doe@initech-example.com.")
    assert _verdict(said, "work") == "made", said.items[0]
    left_out = critique_answer([CONTACT], role="Software Engineer", question=CONTACT_Q, embedder=embedder,
                               answer="My name, my personal address and my mobile. Nothing from my employer: no "
                                      "company mailbox, because that account isn't mine to give out.")
    assert _verdict(left_out, "work") != "made", left_out.items[0]


def test_a_relational_mistake_is_not_made_by_the_sentence_that_draws_the_distinction(embedder):
    item = RubricItem(id="rel", kind="dont", mistake="Don't confuse precision and recall.",
                      section="Machine learning > Metrics")
    q = "What is precision, in your own words?"
    right = critique_answer([item], role="Data Scientist", question=q, embedder=embedder,
                            answer="People often mix up precision and recall, but they are different: precision is "
                                   "the share of flagged cases that are truly positive, recall the share of positives "
                                   "that get flagged.")
    assert _verdict(right, "rel") != "made"


def test_calling_a_slow_runtime_the_best_possible_is_a_wrong_bound():
    from coach.critique.technique import technique_family

    assert technique_family("determine the wrong best conceivable runtime for the problem") == "runtime_bound"
    slow = split_units("Two nested loops, so it's quadratic, but there's no way around that for this problem.")
    assert judge_technique("runtime_bound", slow)[0] == "made"
    fast = split_units("One pass with a hash set: O(n), and that's the best possible since every item must be read.")
    assert judge_technique("runtime_bound", fast)[0] == "avoided"
    # n log n is the true floor of comparison sorting, and a runtime stated without a claim claims nothing
    assert judge_technique("runtime_bound", split_units("Merge sort is n log n, optimal for a comparison sort."))[0] \
        == "unclear"
    assert judge_technique("runtime_bound", split_units("Sorting first would cost n log n."))[0] == "unclear"


CV_Q = "How did you put your CV together?"
CV_ITEMS = [
    RubricItem(id="tools", kind="dont", mistake="Don't build your CV with graphic design tools or resume builders.",
               section="CV > Tools"),
    RubricItem(id="stuff", kind="rule", mistake="Never resort to keyword stuffing.", section="CV > Keywords"),
]


@pytest.mark.parametrize("item_id, answer", [
    ("tools", "My sister laid my resume out in InDesign with two columns and a custom font."),
    ("tools", "I made my resume on one of those template websites where you fill in boxes and download it."),
    ("stuff", "I add a hidden block of white text with all the buzzwords from the ad so the scanner ranks me higher."),
    # the design such a tool makes, described in words
    ("tools", "It's two columns with my photo at the top, skill bars on the left and my jobs on the right."),
])
def test_a_forbidden_thing_said_in_its_everyday_form_is_made(embedder, item_id, answer):
    """The candidate names the tool or describes the habit instead of the category the item names (the hidden
    white text was unclear before shapes.dont_forms)."""
    fb = critique_answer(CV_ITEMS, role="Software Engineer", question=CV_Q, answer=answer, embedder=embedder)
    assert _verdict(fb, item_id) == "made", [(f.id, f.verdict, f.evidence) for f in fb.items]


@pytest.mark.parametrize("answer", [
    "Plain Google Docs, one column, standard fonts, exported to PDF.",
    "Not in Canva or Figma: it is a plain Word file so screening software can read every line.",
    "I only list skills I have really used, each in the bullet where I used it.",
])
def test_the_contrasted_practice_or_a_negated_form_is_no_mistake(embedder, answer):
    fb = critique_answer(CV_ITEMS, role="Software Engineer", question=CV_Q, answer=answer, embedder=embedder)
    assert [f.id for f in fb.items if f.verdict == "made"] == [], [(f.id, f.evidence) for f in fb.items]


FORM_Q = "The careers site wants your work history typed into its own form. What do you do?"
FORM_ITEMS = [RubricItem(id="form", kind="dont", mistake="Never rush the application forms a company asks you to "
                                                          "fill in.", section="Applying > Forms")]


@pytest.mark.parametrize("answer, made", [
    ("I write 'see attached CV' in the experience box and move on, the resume has it all.", True),
    ("I type every role and its dates into their fields by hand and read it all back before I submit.", False),
])
def test_a_form_answered_with_see_attached_cv_is_rushed(embedder, answer, made):
    fb = critique_answer(FORM_ITEMS, role="Software Engineer", question=FORM_Q, answer=answer, embedder=embedder)
    assert (_verdict(fb, "form") == "made") is made, [(f.id, f.verdict, f.evidence) for f in fb.items]


BLAME = RubricItem(id="blame", kind="pair", mistake="Blaming teammates when describing a failed project.",
                   fix="Owning your part of the outcome and what you changed afterwards.")


@pytest.mark.parametrize("question, answer", [
    ("Tell me about a launch that went badly.",
     "Sales promised the customer a date we never agreed to and the specs kept moving, so the launch failed; there "
     "wasn't much more I could have done."),
    ("Tell me about an incident you handled on call.",
     "The queue went down at night; I saw it was the storage team's service, posted in their channel and went back "
     "to bed since it wasn't ours."),
])
def test_disclaiming_any_part_in_a_failure_is_blame(embedder, question, answer):
    fb = critique_answer([BLAME], role="Software Engineer", question=question, answer=answer, embedder=embedder)
    assert _verdict(fb, "blame") == "made"


STUFF = RubricItem(id="stuff", kind="dont", mistake="However, do not do keyword stuffing for the sake of it - a "
                   "person reads the CV in the end.", section="Keywords > Use the words of the job ad")
HEADER = RubricItem(id="header", kind="dont", mistake="Do not use the header or footer sections in a Word/Google Docs "
                    "file", fix="reduce margins instead and just write the information in the body.",
                    section="Setting up the CV > Only use a word processor > Don'ts")


def test_one_clause_of_a_longer_sentence_can_make_the_mistake(embedder):
    """The clause that does X is read on its own: the rest of the sentence dilutes it (unclear before)."""
    answer = ("I rewrite the summary for each company, and at the very bottom there's a line of keywords in white font "
              "that only the parser sees.")
    fb = critique_answer([STUFF], role="Software Engineer", question="How do you tailor your CV for each "
                         "application?", answer=answer, embedder=embedder)
    assert _verdict(fb, "stuff") == "made", [(f.id, f.verdict, f.evidence) for f in fb.items]


def test_a_listed_thing_is_not_said_by_its_shared_head_noun(embedder):
    """"Section titles" is near "footer sections" only for "sections", which header and footer share: no mistake
    (made before). A clause of two content words ("short bullets under each") is no quote of anything either."""
    plain = ("Section titles are just the words, Experience, Projects and Skills, in bold; short bullets under each, "
             "and the most recent role first.")
    fb = critique_answer([STUFF, HEADER], role="Software Engineer", question="How do you make your resume easy to "
                         "skim?", answer=plain, embedder=embedder)
    assert [f.id for f in fb.items if f.verdict == "made"] == [], [(f.id, f.evidence) for f in fb.items]


TOOLS = RubricItem(id="tools", kind="dont", mistake="Do not use Photoshop, other image editors or online CV builders to "
                   "make your CV", section="Setting up the CV > Only use Microsoft Word or Google Docs to write your "
                   "CV > Don'ts")
WORK_PHONE = RubricItem(id="phone", kind="dont", mistake="Never put your work phone number on it",
                        section="Contact details > What to include")
SAME_FIRM = RubricItem(id="firm", kind="dont", mistake="Do not apply to many jobs at the same company",
                       section="Final advice > Do not apply to many jobs at the same company")


@pytest.mark.parametrize("answer, made", [
    ("I drew the whole page in GIMP, the text included, and exported it as a PDF.", True),
    ("I wrote it in LibreOffice Writer from a blank document and exported it as a PDF.", False),
    ("GIMP, the whole page with the text included, exported as a PDF.", True),  # a name opening the sentence
    ("Microsoft Word, one column, saved as a PDF at the end.", False),
])
def test_a_product_the_rubric_never_names_is_judged_by_what_it_is(embedder, answer, made):
    """GIMP is an image editor like Photoshop (unclear before); a word processor close to the fix's Word is not. A
    name opening the sentence was dropped as a capitalised first word."""
    fb = critique_answer([TOOLS], role="Software Engineer", question="What did you use to make your CV?",
                         answer=answer, embedder=embedder)
    assert (_verdict(fb, "tools") == "made") is made, [(f.id, f.verdict, f.evidence) for f in fb.items]


@pytest.mark.parametrize("text, names", [
    ("Canva, honestly. I picked a two-column template.", ["Canva"]),  # no English word: a name
    ("Google Docs, then I download it as a PDF.", ["Google Docs", "PDF"]),  # an uncommon word opening a run
    ("Plain Google Docs, one column.", ["Google Docs"]),  # a common word opening the run is itself
    ("An API takes the requests.", ["API"]),
    ("Honestly, nothing fancy.", []),
    ("GIMP for the whole page.", ["GIMP"]),  # all capitals
    ("Pages opens it fine, and Pages exports PDFs.", ["Pages", "PDFs"]),  # capitalised mid-sentence too
])
def test_a_name_opening_a_sentence_is_found_whole(text, names):
    """A sentence's first word was never taken for a name ("Google Docs" -> "Docs", "Canva" -> nothing)."""
    assert _names(text) == names


@pytest.mark.parametrize("answer, made", [
    ("I give the direct line at my employer's office, since I'm at my desk most of the day anyway.", True),
    ("I give my personal cell, since I'll still have it if I change jobs.", False),
    ("I give my personal cell, since a work phone number would tie me to my employer.", False),
])
def test_a_main_clause_carrying_the_qualifier_makes_the_mistake(embedder, answer, made):
    """The reason clause diluted the main one, which says "work phone" in other words (unclear before); a reason
    clause naming the mistake to justify avoiding it does not make it."""
    fb = critique_answer([WORK_PHONE], role="Software Engineer", question="What phone number do you put on your "
                         "resume?", answer=answer, embedder=embedder)
    assert (_verdict(fb, "phone") == "made") is made, [(f.id, f.verdict, f.evidence) for f in fb.items]


def test_one_word_left_over_from_the_question_names_nothing(embedder):
    """The question supplies "jobs" and "apply": "company" alone does not name "many jobs at the same company"
    (made before, on an answer that does the opposite)."""
    fb = critique_answer([SAME_FIRM], role="Software Engineer", question="How do you decide which jobs to apply to?",
                         answer="At each company I pick the single opening that fits my experience best and tailor "
                                "the application to that one.", embedder=embedder)
    assert _verdict(fb, "firm") != "made", [(f.id, f.verdict, f.evidence) for f in fb.items]


def test_a_sentence_about_where_the_listed_things_are_done_does_none_of_them(embedder):
    """Writing the CV in a word processor is the setting of "header or footer sections in a Word/Google Docs file",
    not one of its things (made before)."""
    fb = critique_answer([HEADER], role="Software Engineer", question="What did you use to make your resume?",
                         answer="I wrote it in LibreOffice Writer from a blank document, one column with plain section "
                                "headings, and export it to PDF.", embedder=embedder)
    assert _verdict(fb, "header") != "made", [(f.id, f.verdict, f.evidence) for f in fb.items]


# A mistake stated as a bare act ("Jumping straight into …", "Quickly deciding that …") has no fix of its own: the
# similarity fallback compared the answer with the same text twice and could never decide. It is read as "Don't X".
ACTS = [
    RubricItem(id="bank", kind="pitfall", section="Preparing for coding rounds > How to prepare",
               mistake="Jumping straight into the puzzle bank and trying to finish every puzzle in it"),
    RubricItem(id="notgood", kind="pitfall", section="Job search > When nobody calls back",
               mistake="Quickly deciding that you weren't good enough for the job"),
]


def test_a_mistake_stated_as_an_act_without_a_fix_is_read_as_dont():
    from coach.critique.shapes import bare_act, parse_shape

    for item in ACTS:
        assert bare_act(parse_shape(item.mistake), item.fix).kind == "dont", item.mistake
    # with a fix of its own the fallback compares the two; other shapes keep their reading
    assert bare_act(parse_shape("Using buzzwords instead of examples."), "Giving examples.").kind == "fallback"
    assert bare_act(parse_shape("Rambling without structure."), "").kind == "structure"


@pytest.mark.parametrize("item_id,question,answer", [
    ("bank", "You have six weeks before your coding interviews. How will you prepare?",
     "I'd open the puzzle bank on day one and work through every puzzle in it, in order, until the interview."),
    # X carries its own negation ("weren't good enough"): a sentence that negates something on X's topic says X,
    # it does not refuse it (read as a refusal, this answer was judged to avoid the mistake)
    ("notgood", "Forty applications and no replies so far. What do you conclude?",
     "I'd conclude I'm just not good enough for those jobs yet and stop applying for a while."),
])
def test_an_act_stated_in_the_answer_is_the_mistake(embedder, item_id, question, answer):
    fb = critique_answer(ACTS, role="Backend Engineer", question=question, answer=answer, embedder=embedder)
    assert _verdict(fb, item_id) == "made"


def test_an_act_the_answer_does_not_state_is_no_mistake(embedder):
    fb = critique_answer(ACTS, role="Backend Engineer", embedder=embedder,
                         question="Forty applications and no replies so far. What do you conclude?",
                         answer="My CV is probably not getting through the screening software, so I'd rebuild it "
                                "as one plain column.")
    assert _verdict(fb, "notgood") != "made"


# "Not having any questions" shares few words with "Is there anything you'd like to ask me?"; the question still hands
# the floor to the candidate, so an answer that asks nothing is the omission and one that asks is not.
ASK_ITEMS = [RubricItem(id="ask", kind="pitfall", section="End of the interview > Your turn",
                        mistake="Not having any questions", fix="candidates are expected to ask questions.")]


@pytest.mark.parametrize("question", [
    "We're almost out of time. Is there anything you'd like to ask me?",
    "Before we wrap up, anything you'd like to know about the team?",
    "That's all from my side. Anything else you want to know?",
])
@pytest.mark.parametrize("answer,verdict", [
    ("I think I'm good, you covered it all. I'll wait to hear from the recruiter.", "made"),
    ("Nothing right now, but I'll email you if something comes up later.", "made"),
    ("Yes: how does the team pick what to build next quarter?", "avoided"),
])
def test_an_invitation_to_ask_calls_for_questions(embedder, question, answer, verdict):
    fb = critique_answer(ASK_ITEMS, role="Backend Engineer", question=question, answer=answer, embedder=embedder)
    assert _verdict(fb, "ask") == verdict


def test_a_question_about_questions_asked_is_no_invitation(embedder):
    from coach.critique.answer import _prepare
    from coach.critique.items import _item_models
    from coach.critique.judges import calls_for_questions

    m = _item_models(ASK_ITEMS, embedder)["ask"]
    for question, invites in [("Is there anything you'd like to ask me?", True),
                              ("The floor is yours now, what's on your mind about the role?", True),
                              ("What questions do you get asked most in interviews?", False),
                              ("Find the k-th smallest element of an array.", False)]:
        a = _prepare(question, "", embedder)
        assert calls_for_questions(m, a) is invites, question
        # the score hears the same question: an invitation is a question about the candidate of that kind
        assert (a.personal is not None and a.personal[0].name == "questions for the interviewer") is invites


# Round 18: the opposite of a mistake shown by what the answer does, and deflections in the candidate's words.
ORDER_ITEMS = [RubricItem(id="order", kind="pair", section="Mistakes to avoid",
                          mistake="Jumping straight to writing code before clarifying the requirements.",
                          fix="Clarifying the inputs and the edge cases first, then writing the code.")]
RUSH_ITEMS = [RubricItem(id="rush", kind="pitfall", section="How to get ready for coding interviews?",
                         mistake="Diving straight into the question bank and thinking you can get through all of it")]
OWN_ITEMS = [RubricItem(id="own", kind="pair", section="Mistakes to avoid",
                        mistake="Treating outages as someone else's problem.",
                        fix="Taking ownership: describe how you led the mitigation and wrote the postmortem.")]


def test_a_clarifying_question_asked_first_avoids_jumping_to_code(embedder):
    answer = ("Before I write it, can the list be empty, and should ties keep their original order? Assuming yes to "
              "both, I'd sort with a stable key and return the first k.")
    fb = critique_answer(ORDER_ITEMS, role="Backend Engineer", question="Write a function returning the k largest "
                         "values of a list.", answer=answer, embedder=embedder)
    assert _verdict(fb, "order") == "avoided"


def test_a_rushed_act_is_avoided_by_saying_which_step_comes_first(embedder):
    fb = critique_answer(RUSH_ITEMS, role="Backend Engineer", question="How are you getting ready for your coding "
                         "interviews?", answer="I started by listing the patterns that come up most, sliding window, "
                         "BFS and intervals, and I do a handful per pattern before moving on.", embedder=embedder)
    assert _verdict(fb, "rush") == "avoided"


@pytest.mark.parametrize("text,deflects_", [
    ("I'd rather let my references speak to that.", True),
    ("I just did the tickets that were assigned to me.", True),
    ("I only did what I was told.", True),
    ("The on-call lead handled the outage itself.", True),
    ("My team and I handled the migration.", False),
    ("The platform team handled the rollout while I wrote the plan.", False),
])
def test_deflections_in_everyday_words(text, deflects_):
    from coach.critique.coverage import deflects

    assert deflects(text) is deflects_


def test_doing_only_the_assigned_tickets_is_the_ownership_mistake(embedder):
    fb = critique_answer(OWN_ITEMS, role="Backend Engineer", question="Walk me through the last time something you "
                         "were responsible for broke in production.", answer="I just did the tickets that were "
                         "assigned to me, the on-call lead handled the outage itself.", embedder=embedder)
    assert _verdict(fb, "own") == "made"



# A "Don't" nested under the alternative it contrasts with: the same thing, another modifier.
PROFILE = """# Writing a conference speaker profile

Program committees read hundreds of speaker profiles, so keep yours easy to check.

## What to include

#### Must-haves

- Full name
- Personal website link
  - Never include your company website here
- Short biography
  - Two or three sentences about what you build
"""
PROFILE_Q = "Which website do you put on your speaker profile?"


@pytest.mark.parametrize("answer, verdict", [
    ("My personal website, where I write about database internals.", "avoided"),  # the alternative's modifier
    ("The corporate site of the firm I work for, since the talk is about our product.", "made"),  # X's, reworded
    ("Just a link to a website under my name.", "unclear"),  # the bare thing: which website is not said
    ("My website and my GitHub.", "unclear"),
])
def test_the_modifier_tells_a_qualified_mistake_from_its_stated_alternative(embedder, answer, verdict):
    rubric = parse_text(PROFILE, name="speaker-profile.md", doc_id="speaker").rubric
    assert [(it.mistake, it.instead) for it in rubric] == [("Never include your company website here",
                                                            "Personal website link")]
    fb = critique_answer(rubric, role="Software Engineer", question=PROFILE_Q, answer=answer, embedder=embedder)
    assert fb.items[0].verdict == verdict


@pytest.mark.parametrize("x, alternative, found", [
    ("include your company website here", "Personal website link", (["company"], ["personal"], {"websit"})),
    ("include your work email here", "Email address", None),  # the bare thing: no modifier to contrast
    ("use the header sections", "write it in the body", None),  # another thing
])
def test_modifiers_of_the_thing_x_and_its_alternative_both_name(x, alternative, found):
    got = _modifiers(x, alternative)
    assert (got if got is None else (got[0], got[1], set(got[2]))) == found


# A "Don't" qualified by a quantifier: the thing alone is its topic, the answer's own quantifier says which side.
TALKS = """# Writing a conference speaker profile

## Past talks

**Don'ts**

- Do not list all your past talks just to look busy without choosing
"""
TALKS_Q = "Which of your earlier talks go on your speaker profile?"


@pytest.mark.parametrize("answer, verdict", [
    ("I list my past talks with the conference and the year.", "unclear"),  # the bare topic
    ("Every single talk I've ever given, so the profile looks impressive.", "made"),  # the quantifier, reworded
    ("All of them, plus the meetup lightning talks.", "made"),  # a pronoun counting what was asked about
    ("Only the two talks closest to this conference's theme.", "avoided"),  # a few: the alternative
    # a few picked out of more, by a verb of choosing or with the rest dropped (was unclear)
    ("I pick the three or four talks that fit the theme and drop the rest, even ones I'm proud of.", "avoided"),
    ("I keep two talks with the biggest audiences.", "avoided"),
    ("I write two or three lines about each talk.", "unclear"),  # a number alone says nothing of choosing
    ("", "unclear"),
    ("asdf qwer zxcv", "unclear"),
])
def test_a_quantified_dont_needs_the_answers_own_quantifier(embedder, answer, verdict):
    rubric = parse_text(TALKS, name="speaker-talks.md", doc_id="talks").rubric
    assert [it.mistake for it in rubric] == ["Do not list all your past talks just to look busy without choosing"]
    fb = critique_answer(rubric, role="Software Engineer", question=TALKS_Q, answer=answer, embedder=embedder)
    assert fb.items[0].verdict == verdict


@pytest.mark.parametrize("answer, verdict", [
    ("Everything, including my contact details, fits on half a page.", "unclear"),  # counts the page's contents
    ("I tailor my profile for every conference I apply to, picking the talks that fit its theme.", "unclear"),
    ("A colleague of mine lists all of hers, but I keep only my two best.", "avoided"),
    ("I put in every talk and panel I've done since university.", "made"),  # the quantifier on X's own thing
])
def test_a_quantifier_counts_only_x_own_thing_in_the_speakers_own_act(embedder, answer, verdict):
    rubric = parse_text(TALKS, name="speaker-talks.md", doc_id="talks").rubric
    fb = critique_answer(rubric, role="Software Engineer", question=TALKS_Q, answer=answer, embedder=embedder)
    assert fb.items[0].verdict == verdict


# The same Don't with the Do line the article gives in its place (RubricItem.instead).
TALKS_DO = TALKS.replace("**Don'ts**", """**Do's**

- Featuring two or three of your strongest talks is better than listing many forgettable ones

**Don'ts**""")


@pytest.mark.parametrize("answer, verdict", [
    ("I feature my three strongest talks and leave the rest off.", "avoided"),  # does what the Do asks
    ("I put my strongest talks at the top, and every talk I've ever given below them.", "made"),  # and the mistake
    ("I list my past talks with the conference and the year.", "unclear"),  # the bare topic both share
    ("", "unclear"),
    ("asdf qwer zxcv", "unclear"),
])
def test_doing_what_the_article_asks_instead_avoids_the_dont(embedder, answer, verdict):
    rubric = parse_text(TALKS_DO, name="speaker-talks.md", doc_id="talks").rubric
    dont = [it for it in rubric if it.kind == "dont"]
    assert [it.instead for it in dont] == ["Featuring two or three of your strongest talks is better than listing "
                                           "many forgettable ones"]
    fb = critique_answer(dont, role="Software Engineer", question=TALKS_Q, answer=answer, embedder=embedder)
    assert fb.items[0].verdict == verdict


# A fictional Do line with a part the mistake shares (a PDF comes out of any tool) and a part it does not.
SLIDES = """# Preparing slides for a design review (fictional guide)

## Only use a plain slide editor to create and edit your slides

**Do's**

- Submit your slides as a PDF file to preserve formatting, but always create them from a plain slide editor. It is \
important that the text stays selectable.

**Don'ts**

- Do not use animation tools, other design suites or online slide generators to build your slides
"""
SLIDES_Q = "What tool do you use to make the slides for a design review?"


# A fictional Do line of two parts: a way of sending the notes that any tool allows, and the tool to write them in.
NOTES = """# Sharing notes before an architecture interview (fictional guide)

## Keep your notes in a plain text editor

**Do's**

- Send your notes as one shared link so the panel can open them on any device, but always write them in a plain \
text editor. It matters that the panel can search the text.

**Don'ts**

- Do not use mind-mapping apps, other visual canvases or online note generators to build your notes
"""
NOTES_Q = "How do you put together the notes you share before an architecture interview?"


GUIDES = {"slides": (SLIDES, SLIDES_Q, "Submit your slides as a PDF file"),
          "notes": (NOTES, NOTES_Q, "Send your notes as one shared link")}


@pytest.mark.parametrize("guide, answer, avoided", [
    ("slides", "I make them in a plain slide editor with one column of text and export them to PDF, then check the "
     "text can be selected.", True),  # the practice
    # a clause of its own nearer the mistake: only the shared, harmless part of the practice is done (was avoided)
    ("slides", "I used one of those websites where you pick a template and fill in boxes, and it exports a PDF for "
     "you at the end.", False),
    ("slides", "", False),
    ("slides", "asdf qwer zxcv", False),
    ("notes", "I write them in a plain text editor and send one shared link the evening before.", True),
    # only the part any tool allows is no evidence of which tool (was avoided)
    ("notes", "I always send them as one shared link so the panel can open them on any device.", False),
    ("notes", "I sketch everything on a visual canvas app, then I send one shared link so the panel can open it "
     "anywhere.", False),  # the mistake, then the shared part
    ("notes", "", False),
    ("notes", "qwer zxcv asdf", False),
])
def test_only_the_do_lines_part_contrasting_with_the_mistake_follows_it(embedder, guide, answer, avoided):
    text, question, opening = GUIDES[guide]
    dont = [it for it in parse_text(text, name=f"{guide}.md", doc_id=guide).rubric if it.kind == "dont"]
    assert len(dont) == 1 and dont[0].instead.startswith(opening)
    fb = critique_answer(dont, role="Software Engineer", question=question, answer=answer, embedder=embedder)
    assert (fb.items[0].verdict == "avoided") is avoided


@pytest.mark.parametrize("text, counts", [
    ("every single thing I did", [(1, set())]),  # "single" intensifies "every"; "thing" stands for what is asked
    ("only two bullets under each job", [(-1, {"bullet"})]),  # "each" distributes; a number names nothing
    ("I work through every puzzle from day one", [(1, {"puzzl"})]),  # a number is no "few"
    ("Job hunting is a numbers game and everyone has a strategy.", []),  # people, not the thing
    ("All of them, plus the rest.", [(1, set())]),
    ("That's all I would add.", []),  # closing words, no count of anything asked
    ("Just the senior backend position.", [(-1, {"senior", "backend", "position"})]),
    ("I update it every few months", [(0, {"month"})]),  # "every few" is neither all nor a few
    ("Everything, including my contact details, fits on one page", [(1, {"includ", "contact", "detail"})]),
    ("I apply to every company in the area", [(1, {"compani"})]),  # the company, not the area it is in
    ("all of my accomplishments from every internship", [(1, {"accomplish"}), (1, {"internship"})]),
    ("I add plenty of average ones too", [(1, {"averag"})]),
    ("I filter out anything average so it all fits on one page", []),  # how much of one thing, not how many
    # a small number picked out of more is a few; "the rest" dropped says the same of what was kept
    ("I keep the three or four results that matter most", [(-1, {"result"})]),
    ("I picked 3 bullets per role and cut the rest", [(-1, {"bullet"}), (-1, set())]),
    ("I write two or three bullets per role", []),  # a number, not a choice
])
def test_quantifiers_and_what_they_count(text, counts):
    assert [(c.sign, set(c.stems)) for c in counted(text)] == counts
