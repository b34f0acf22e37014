"""Does a rubric item apply to the question asked? Both are placed among the broad areas of a tech interview.

A rubric item scoped to the candidate's role applies to any question of that role's interviews (the article says
what belongs in them); an item about delivery applies to every answer. Any other item applies when its topic — the
section it sits under, its own text and its fix — is about the area the question is about: "Do not use the header
or footer of a Word file" speaks to "How are you putting your resume together?" and not to "Tell me about a time you
failed". Single sentences sit close to many things in a small embedding model, so rather than one absolute cut-off
on question-to-item similarity, each text is placed among a few interview areas and the item applies when the
question's area (or one nearly as close) is among the item's closest two, or the question is plainly close to
the item itself. A pitfall judged on the answer's own text as a stand-in for a document (a cover letter's
genericness, length or spelling) applies only in the latter case: a resume question is in the cover letter's area,
but its answer is no cover letter.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from coach.critique.shapes import content_stems, lexical_overlap
from coach.critique.vectors import fixed_vectors

if TYPE_CHECKING:
    from coach.components.embedding import Embedder
    from coach.models import RubricItem

# Broad areas of a tech interview, described in everyday words (no article's wording).
AREAS: dict[str, str] = {
    "behavioural": "a story about your past experience at work: a conflict, a failure, a mistake, a difficult "
                   "colleague, teamwork, leadership",
    "introduction": "introducing yourself: your current role and company, years of experience, what you built or "
                    "led, and why you want this job",
    "system design": "designing a system: architecture, services, APIs, databases, scaling, caching, reliability",
    "coding": "a coding problem: write a function or algorithm, data structures, time complexity, test cases",
    "data": "data work: SQL queries, pipelines, warehouse tables, data quality, analysis, experiments and metrics",
    "machine learning": "machine learning: training models, features, evaluation, deploying and monitoring models",
    "operations": "operations: production incidents, on-call, outages, alerts, monitoring, rollbacks",
    "product": "product sense: improving a product or feature for its users, user problems, success metrics, "
               "launches, prioritisation",
    "job applications": "applying for jobs: resume, CV, cover letter, application forms, recruiters screening "
                        "applications",
    "compensation": "compensation: salary expectations, offers, negotiation, equity",
    # How the candidate gets ready is an area of its own: "Diving straight into LeetCode" sat between the
    # introduction and coding areas and was listed on every coding problem.
    "preparation": "getting ready for interviews: a study plan, practising problems, mock interviews, confidence, "
                   "handling rejection",
    "questions for the interviewer": "questions you ask the interviewer at the end: about the team, the work, the "
                                     "culture",
}
ITEM_AREAS = 2  # the item applies when the question's area is among the item's closest this many
ROLE_ITEM_AREAS = 2  # an item scoped to a role speaks to a coding question only when coding is among its closest areas
CODING_AREA = "coding"
PREPARATION_AREA = "preparation"
# Areas whose items speak only to questions in them: how to write code says nothing about how a release is rolled
# out, and how to get ready for interviews nothing about answering one of their questions.
OWN_AREA_ONLY = (CODING_AREA, PREPARATION_AREA)
CLOSE = 0.35  # ... or when the question is this close (cosine) to the item's topic itself
TIE = 0.03  # a question this close to its best area and another one is about both
FORM_TIE = 0.12  # a question worded in a form is of it in substance when the form's area is this close to its best



def area_vectors(embedder: "Embedder") -> np.ndarray:
    return fixed_vectors(embedder, tuple(AREAS.values()))


def item_topic(item: "RubricItem") -> str:
    """What the item is about: its section path (the article's title for an item under no heading: the article's
    subject is the item's), its text and its fix."""
    path = (item.section or item.source or "").replace(">", ",")
    return " ".join(x.strip() for x in (path, item.mistake, item.fix) if x and x.strip())


def ranked_areas(vec: np.ndarray, areas: np.ndarray) -> list[str]:
    names = list(AREAS)
    return [names[i] for i in np.argsort(-(areas @ vec))]


def about_subject(topic_vec: np.ndarray, question_vec: np.ndarray) -> bool:
    """The question is about the item's own subject (its section, text and fix), not merely its broad area."""
    return float(topic_vec @ question_vec) >= CLOSE


# The area a question's form names outright ("Design a link shortener" is a design question even where its words
# sit nearer the coding area); see coach.critique.delivery.question_type.
FORM_AREAS = {"design": "system design", "coding": CODING_AREA, "behavioural": "behavioural"}


def question_areas(question_vec: np.ndarray, areas: np.ndarray, form: str = "general", tie: float = TIE) -> set[str]:
    """The areas a question is about: its closest (and any within ``tie`` of it) and the one its form names."""
    sims = areas @ question_vec
    names = list(AREAS)
    return {names[i] for i in np.flatnonzero(sims >= sims.max() - tie)} | {FORM_AREAS.get(form, "")} - {""}


def about_question(topic_vec: np.ndarray, question_vec: np.ndarray, areas: np.ndarray,
                   form: str = "general") -> tuple[bool, str]:
    """(whether an item with this topic vector speaks to the question, the item's own area); ``form`` is the
    question's type, whose area the question is in too. An item about writing code (coding is its closest area)
    speaks only to a coding question: "Don't check conditions unnecessarily" sits near a design or deploy question's
    area too, but says nothing about how a release is rolled out; likewise an item about getting ready ("Diving
    straight into LeetCode …") speaks only to a question about preparing, not to a coding problem (``OWN_AREA_ONLY``)."""
    item_areas = ranked_areas(topic_vec, areas)
    if about_subject(topic_vec, question_vec):
        return True, item_areas[0]
    asked = question_areas(question_vec, areas, form)
    sims = np.sort(areas @ topic_vec)
    if item_areas[0] in OWN_AREA_ONLY and item_areas[0] not in asked and sims[-1] - sims[-2] >= TIE:
        return False, item_areas[0]
    return bool(asked & set(item_areas[:ITEM_AREAS])), item_areas[0]


# A question about what the candidate did ("Describe a system you scaled up", "a time you made it faster") asks for a
# story, not for a design, whatever its words; a hypothetical ("Say you've trained a model") is no story.
_OWN_PAST = re.compile(r"\b(?:you|you've|you have)\s+(?:ever\s+)?(?:\w+ed|built|made|led|ran|wrote|did|had|took|"
                       r"saw|faced|drove|grew|broke|chose|shipped|brought|fought)\b|\bdid you\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:say|suppose|imagine|assume|assuming|if|once|when)\s+you", re.I)


def recounts_past(question: str) -> bool:
    """The question asks about something the candidate did."""
    return bool(_OWN_PAST.search(question)) and not _HYPOTHETICAL.search(question)


def asks_form(question: str, question_vec: np.ndarray, areas: np.ndarray, form: str) -> bool:
    """The question is of ``form`` in substance, not only in wording: its words sit in (or near) the area the form
    names ("How would you set up on-call" is worded like a design question but is about operations; "keep a payments
    API working when the bank is down" is about operations and system design alike) and it does not ask for a story
    of the candidate's past."""
    area = FORM_AREAS.get(form)
    return bool(area) and area in question_areas(question_vec, areas, tie=FORM_TIE) and not recounts_past(question)


_LIST_HEADING = re.compile(r"\b(?:don'?ts?|do'?s|must[- ]haves?|tips?|mistakes?|pitfalls?|red flags?|examples?|"
                           r"overview|summary|notes?|faqs?|avoid)\b", re.I)
_TOPIC = re.compile(r"\w+ing\b")  # "Crafting the perfect cover letter", "Changing data in-place" name a topic
_ASKING = re.compile(r"^(?:how|what|why|when|where|which|who|is|are|can|should|do|does)\b|\?", re.I)


def heading_fix(item: "RubricItem") -> str:
    """The practice the heading of an item's section states, for an item without a fix of its own: a "Don't" under
    "Only use Word or Google Docs to create your resume" has its fix in that heading. Only the nearest heading that
    is neither the item itself nor a list label ("Don'ts", "Final tips") counts, and only when it states something
    (not a question, a topic such as "Crafting the perfect cover letter" or a word such as "Regularization")."""
    mistake = content_stems(item.mistake)
    for part in reversed([p.strip() for p in (item.section or "").split(">")]):
        part = re.sub(r"^\d+[.)]\s*", "", part).strip(" *#")
        if not part or (mistake and lexical_overlap(content_stems(part), mistake) >= 0.5):
            continue  # the item's own heading
        if _LIST_HEADING.search(part):
            continue
        return part if len(part.split()) >= 3 and not _ASKING.search(part) and not _TOPIC.match(part) else ""
    return ""
