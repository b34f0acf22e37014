"""Coding-technique don'ts judged from what the answer says and writes, silence left unclear, coding-process answers
that describe the mistake, model-only answers that hand the rest away, deployment questions calling for a role's
system-design item, and long but specific answers not counted as rambling.

The items are fictional (written for these tests, not taken from any article); the embedding model is the real one.
"""
from __future__ import annotations

from coach.critique import critique_answer
from coach.models import RubricItem


def verdict(family: str, text: str) -> str:
    """A coding-technique family's verdict on ``text`` (coach.critique.technique), without the rubric around it."""
    from coach.critique.shapes import split_units
    from coach.critique.technique import judge_technique

    return judge_technique(family, split_units(text))[0]


def _verdicts(items, embedder, *, role="Software Engineer", question: str, answer: str) -> dict[str, str]:
    fb = critique_answer(items, role=role, question=question, answer=answer, embedder=embedder)
    return {f.id: f.verdict for f in fb.items}


TECHNIQUES = [
    RubricItem(id="args", kind="dont", mistake="Never mutate the arguments passed to your function.",
               section="Writing the solution > Side effects"),
    RubricItem(id="calls", kind="dont", mistake="Don't call the same function again and again inside a loop.",
               section="Writing the solution > Wasted work"),
    RubricItem(id="checks", kind="dont", mistake="Avoid checking conditions redundantly.",
               section="Writing the solution > Wasted work"),
]
MERGE_Q = "Given a list of meeting times, return how many rooms are needed and the meetings in their original order."


def test_coding_technique_donts_are_read_from_what_the_answer_does(embedder):
    in_place = ("I'd call meetings.sort() on the list they pass in so the start times line up, then sweep it with a "
                "heap of end times. While i < len(meetings) I pop every finished meeting and push the new end time. "
                "At the end I return the heap size and the same list.")
    copy = ("I sort a copy of the meetings by start time and leave the caller's list untouched, so the original "
            "order is still there to return. Then one sweep with a min-heap of end times: pop every meeting that has "
            "ended, push the current one, and the largest heap size is the number of rooms.")
    silent = "A min-heap of end times over the meetings ordered by start gives the number of rooms in O(n log n)."
    piled = ("For each meeting I check the list isn't empty, then check the start is before the end, then check "
             "whether it overlaps the previous one, and also check it against the heap before I push it.")
    v = _verdicts(TECHNIQUES, embedder, question=MERGE_Q, answer=in_place)
    assert v["args"] == "made" and v["calls"] == "made"
    v = _verdicts(TECHNIQUES, embedder, question=MERGE_Q, answer=copy)
    assert v["args"] == "avoided" and v["calls"] == "unclear" and v["checks"] == "unclear"
    # An answer that never touches what an item is about gives no evidence either way.
    assert set(_verdicts(TECHNIQUES, embedder, question=MERGE_Q, answer=silent).values()) == {"unclear"}
    assert _verdicts(TECHNIQUES, embedder, question=MERGE_Q, answer=piled)["checks"] == "made"


SILENT = RubricItem(id="silent", kind="pair", mistake="Coding silently in live coding rounds.",
                    fix="Talk through the approach before you type, then explain each step as you write it.")
PROCESS_Q = "When you get a problem in a live coding round, what do you do first?"


def test_an_answer_that_describes_coding_before_explaining_makes_the_narration_mistake(embedder):
    jump = ("Honestly I start typing the moment I've read it. I think better in code than in words, so I'd rather "
            "get something on the screen and only explain it once it runs.")
    plan = ("I restate the problem, ask about the input size, and explain my plan to the interviewer in a couple of "
            "sentences before I write any code; then I talk through each step as I type it.")
    assert _verdicts([SILENT], embedder, question=PROCESS_Q, answer=jump)["silent"] == "made"
    assert _verdicts([SILENT], embedder, question=PROCESS_Q, answer=plan)["silent"] == "avoided"


OVER = RubricItem(id="over", kind="pair", roles=["Machine Learning Engineer"],
                  mistake="Overemphasizing ML model development in Machine Learning Engineer interviews.",
                  fix="Focusing on designing large-scale ML systems.")
DEPLOY = RubricItem(id="deploy", kind="pair", roles=["Applied Scientist"],
                    mistake="Ignoring system design concepts in Applied Scientist interviews.",
                    fix="Emphasizing ML model deployment.")


def test_a_model_only_answer_that_hands_deployment_away_overemphasises_the_model(embedder):
    answer = ("Most of my effort would go into the model: a transformer over the transaction sequence, class weights "
              "for the imbalance, and recall at 1% false positives as the metric. I'd run a hyperparameter sweep "
              "until the offline numbers stop improving. Serving it is someone else's job; the platform team can "
              "take it from there.")
    v = _verdicts([OVER], embedder, role="MLE", question="How would you get a payments fraud model into production?",
                  answer=answer)
    assert v["over"] == "made"


def test_a_question_about_shipping_a_model_calls_for_the_roles_system_design_item(embedder):
    question = "How would you ship a new recommendation model to users?"
    model_only = ("I'd train a LambdaMART ranker on click logs with position-bias correction, evaluate NDCG@10 "
                  "offline against the current ranker, and keep adding features like freshness and past "
                  "click-through until it clearly beats the baseline.")
    dont_know = ("I'm a modelling person, so I honestly don't know much about the serving side. I'd ask the "
                 "engineers how they usually do it.")
    for answer in (model_only, dont_know):  # an admitted gap is the omission, not a mention of the topic
        assert _verdicts([DEPLOY], embedder, role="Applied Scientist", question=question,
                         answer=answer)["deploy"] == "made"


RAMBLE = RubricItem(id="ramble", kind="pair", mistake="Rambling without structure.",
                    fix="Give the headline first, then two or three supporting points.")


def test_a_specific_answer_of_short_sentences_is_not_rambling(embedder):
    answer = ("I'd start from the serving constraints. The search page has about 200 ms in total, so the ranker gets "
              "40 ms for the top 500 candidates from retrieval. Query features are computed at request time. "
              "Document features are precomputed nightly into a key-value store. Training and serving read the same "
              "feature definitions, so there is no skew. The model is exported with its feature list into a "
              "registry. A ranking service next to the search backend loads it. Rollout is an interleaving "
              "experiment on 5% of queries against the current ranker. Then an A/B test on click-through and "
              "reformulation rate follows. The old model stays warm for rollback. After launch I'd watch p99 "
              "latency, feature freshness and a daily NDCG on a judged query set. I'd retrain monthly, or sooner if "
              "the daily NDCG drops by more than two points. Costs are tracked per thousand queries, and a weekly "
              "report compares them with the previous model so the team sees the trade-off.")
    assert 150 <= len(answer.split()) < 200
    assert _verdicts([RAMBLE], embedder, question="How would you take a search ranking model live?",
                     answer=answer)["ramble"] != "made"


def test_a_call_named_to_avoid_it_is_not_the_repeated_call(embedder):
    """'I store the length once instead of calling len() in the loop' describes the fix, not the mistake."""
    answer = ("Two pointers over both lists and a new output list. I store the lengths once up front instead of "
              "calling len() in the loop condition, and I leave both input lists as they are.")
    v = _verdicts(TECHNIQUES, embedder, question="Merge two sorted lists of timestamps into one sorted list.",
                  answer=answer)
    assert v["calls"] != "made"


def test_clean_worked_solutions_are_not_flagged_by_items_they_only_brush(embedder):
    """A narrated, code-carrying solution: popping from its own stack changes no input, a test word ('silent')
    is not coding silently, and repeated code lines are no restatement (items fictional)."""
    items = TECHNIQUES + [
        RubricItem(id="silent", kind="pair", mistake="Coding silently during coding rounds.",
                   fix="Thinking out loud: state your approach first, then narrate as you code."),
        RubricItem(id="repeat", kind="pitfall", mistake="Repetition",
                   fix="Your answer should add something new in every sentence, not echo itself."),
    ]
    answer = ("Let me say the plan first: push every opening bracket on a stack and pop when a closing one matches.\n"
              "```python\ndef balanced(s):\n    stack = []\n    pairs = {')': '(', ']': '['}\n    for ch in s:\n"
              "        if ch in '([':\n            stack.append(ch)\n        elif ch in pairs:\n"
              "            if not stack or stack.pop() != pairs[ch]:\n                return False\n"
              "    return not stack\n```\nI'd test it with '([])', with ']' alone and with 'silent' text that has "
              "no brackets at all. It is O(n) time and the input string is never changed.")
    v = _verdicts(items, embedder, question="Check whether a string of brackets is balanced.", answer=answer)
    assert "made" not in v.values(), v


def test_an_omission_needs_a_question_that_calls_for_it(embedder):
    """'Designing a system without failure modes' is made on a design question, not on a monitoring question whose
    answer happens to describe a system (item fictional)."""
    item = RubricItem(id="fm", kind="pair", mistake="Designing a system without discussing failure modes.",
                      fix="Covering redundancy, timeouts, retries and what happens when a dependency goes down.")
    answer = ("Three layers. Health of the serving system: latency percentiles, error rates and throughput. Health "
              "of the data: input feature distributions against the training baseline, null rates and upstream "
              "schema changes. Health of the model: the prediction distribution and, once labels arrive, the "
              "business metric. Each has an alert and an owner.")
    asked = _verdicts([item], embedder, question="Design the service that serves our model's predictions.",
                      answer=answer)
    other = _verdicts([item], embedder, question="What would you keep an eye on after a model goes live?",
                      answer=answer)
    assert asked["fm"] == "made" and other["fm"] != "made"


def test_reasoning_mistakes_said_without_the_usual_words_are_read():
    """Wasted work and wrong bounds said in the candidate's words: a whole-collection call per element, the input
    someone "hands" you sorted, a precaution re-checked inside the loop (its own "isn't" negates the checked thing,
    not the checking), a slow runtime doubted to be beatable, and explaining only at the end."""
    from coach.critique.shapes import split_units
    from coach.critique.technique import narrates

    assert verdict("repeat_call", "For each position I work out sum(values[:i]) and compare it with the rest.") \
        == "made"
    assert verdict("repeat_call", "I divide each one by max(values) and append it to a new list.") == "made"
    assert verdict("repeat_call", "I work out the total once with sum(values) before the loop, then keep a running "
                                  "sum.") == "avoided"
    assert verdict("repeat_call", "I loop over range(len(values)) and add each value to a running total.") != "made"
    assert verdict("mutate_input", "I sort the array they hand me and read off the middle one.") == "made"
    assert verdict("redundant_check", "Inside the loop I re-check that the index is still in range and that the list "
                                      "isn't empty, just in case.") == "made"
    assert verdict("runtime_bound", "Checking all pairs is O(n^2), and since any pair could match I don't think "
                                    "anyone can do better than that.") == "made"
    assert verdict("runtime_bound", "Comparing every pair takes n² steps, and that's as good as it gets.") == "made"
    assert verdict("runtime_bound", "The floor is O(n), since every item has to be read once.") == "avoided"
    assert narrates(split_units("I put my head down until it passes the examples, then I walk them through it at "
                                "the end."))[0] == "made"


def test_a_change_said_not_to_be_made_is_no_change():
    """What the answer says it does not do is read by coach.critique.negation: a modal ("I wouldn't sort the input in
    place") avoids the change it names; a copy it says it does not make keeps nothing; another negation elsewhere in
    the sentence does not hide the repeated call it affirms."""
    assert verdict("mutate_input", "I wouldn't sort the input in place, since the caller may still need it.") \
        == "avoided"
    assert verdict("mutate_input", "I shouldn't reorder their array because they keep using it.") == "avoided"
    assert verdict("mutate_input", "I'd loop over it without making a copy, deleting the repeats from the list as "
                                   "I go.") == "made"
    assert verdict("repeat_call", "I'd go through it without storing anything first and not bother with a helper, "
                                  "and for every element I call sum(values) to compare against.") == "made"
    assert verdict("mutate_input", "def f(values):\n    if not values:\n        return None\n    values.sort()\n"
                                   "    return values[0]") == "made"


def test_structure_credits_only_the_checks_the_answer_says_it_does(embedder):
    """The structure line reads what the answer says it does: "... and not test it" names testing to say it won't."""
    fb = critique_answer(TECHNIQUES, role="Software Engineer", question="Merge two sorted arrays into one.",
                         embedder=embedder, answer="I'd just write the two-pointer merge and submit it without "
                                                   "asking anything and not test it.")
    structure = " ".join(f.label for f in fb.score_factors if f.label.startswith("structure"))
    advice = " ".join(fb.improvements)
    assert "missing" in advice and "checks" in advice.split("missing", 1)[1], (structure, advice)
