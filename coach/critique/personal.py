"""Questions about the candidate ("What's your biggest weakness?", "Why do you want to work here?", "Do you have any
questions for us?") and what an answer to each is about.

A good answer to such a question shares next to no words or topic with it: "I hold on to work until it's perfect, so
now I share drafts early" is far, in the embedding space, from "What's your biggest weakness?", while "I'm a
perfectionist and I work too hard" echoes it. So similarity to the question cannot tell an answer from an aside.
Each kind below is described twice in everyday words (no article's wording): how interviewers ask it, and what an
answer to it talks about. A question close to one of the askings is of that kind, and an answer's sentences are then
also measured against what such an answer talks about. Stories of the candidate's past ("Tell me about a time …")
are not of these kinds: their answers are judged as stories (STAR).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from coach.critique.delivery import SPOKEN, SpokenLength, is_behavioural
from coach.critique.vectors import encode_cached, fixed_vectors

if TYPE_CHECKING:
    from coach.components.embedding import Embedder


@dataclass(frozen=True)
class PersonalKind:
    name: str
    asked: tuple[str, ...]  # how an interviewer asks it
    answer: str  # what an answer to it talks about
    length: SpokenLength = SPOKEN


KINDS = (
    PersonalKind("introduction", ("Tell me about yourself.", "Walk me through your background.",
                                  "Introduce yourself.", "Give me a quick summary of your experience."),
                 "I'm an engineer with a few years of experience: what I studied, where I work now, what I built "
                 "there, and what I'm looking for next."),
    PersonalKind("weakness", ("What is your greatest weakness?", "What do you need to improve on?",
                              "What would your manager say you could do better?",
                              "What's an area you're working to improve?"),
                 "Something I struggle with at work, how it caused a problem, and what I now do to get better at it."),
    PersonalKind("strength", ("What is your greatest strength?", "What are you best at?",
                              "What would your colleagues say you're good at?",
                              "What do you do better than most engineers?"),
                 "Something I'm good at in my work, with an example of a time it made a difference."),
    PersonalKind("why this company", ("Why do you want to work here?", "Why this company?", "Why did you apply to us?",
                                      "Why do you want this job?",
                                      "Why did you choose our company?", "What interests you about this role?"),
                 "What draws me to your company: your product, your team and your mission, and how my experience "
                 "fits the work you do."),
    PersonalKind("why leaving", ("Why are you leaving your current job?", "Why did you leave your last company?",
                                 "Why do you want to change jobs?",
                                 "What's making you look for a new job?"),
                 "What I'm looking for next that my current job no longer offers: growth, new challenges, a different "
                 "kind of work."),
    PersonalKind("goals", ("Where do you see yourself in five years?", "What are your career goals?",
                           "What are you looking for in your next role?",
                           "What do you want to be doing a few years from now?"),
                 "My career goals: the role, skills and responsibilities I want to grow into over the next few years."),
    PersonalKind("fit", ("Why should we hire you?", "What makes you a good fit for this role?",
                         "What would you bring to the team?",
                         "What sets you apart from other candidates?"),
                 "My experience and results that match what this job needs, and what I would bring to your team."),
    PersonalKind("motivation", ("What motivates you?", "What do you enjoy most about your work?",
                                "What gets you excited about your job?",
                                "What do you find most rewarding about engineering?"),
                 "What I enjoy and find rewarding in my work, and an example of it."),
    PersonalKind("questions for the interviewer", ("Do you have any questions for me?",
                                                   "Is there anything you'd like to ask us?",
                                                   "What would you ask the interviewer at the end?",
                                                   "Before we finish, is there anything you want to know about us?"),
                 "What does the team work on, how is success measured in this role, and what do the first months "
                 "look like?", length=SpokenLength(20, 60, short=12, very_short=5)),
    PersonalKind("pay", ("What are your salary expectations?", "How much do you want to be paid?",
                         "What is your current salary?",
                         "What salary range are you looking for?"),
                 "A salary range for the role based on market data, the range you have budgeted, and the whole "
                 "package including equity.", length=SpokenLength(30, 120, short=20, very_short=8)),
)
# What working life sounds like, against what private life and opinions in general sound like: an answer to a question
# about the candidate is on topic when it talks about the former ("I cut our checkout load time by splitting the
# bundle") and not when it talks about the latter ("Last summer I hiked the West Highland Way").
WORK = ("At work my team and I built and shipped software for our users and customers.",
        "My job as an engineer: code, services, bugs, releases, deadlines, my manager and colleagues.",
        "My career: the company I work for, my role, projects I led, skills I learned, the job I want.")
PRIVATE = ("My hobbies and private life: sports, travel, hiking, cooking, family, friends, pets and games.",
           "The weather, the news, food, holidays, my home town and my weekends.",
           "My opinions on things in general, like politics, remote work, or which programming language I like.")
# The question's own situation placed at work and in private life: a story nearer the second answers the question's
# words from another setting ("a conflict with my landlord" for "a conflict with a colleague"). Sentence by sentence,
# such a story reads as work ("I took photos, listed every point and wrote him a calm letter"); as a whole, and
# against the question's situation rather than work in general, it does not.
AT_WORK = "This happened at work, in my job as an engineer, with my team, our code and our customers."
OFF_WORK = "This happened in my private life, outside work: at home, with family and friends, in a hobby or a sport."
FREE_TIME_SHARE = 2 / 3  # a story is from outside work when this share of its sentences is nearer private life ...
FREE_TIME_MIN_SENTENCES = 3  # ... and it has this many sentences of three words or more: fewer are too little to place
OF_KIND = 0.55  # cosine to one of a kind's askings from which a question is of that kind


# The practice question hands the floor to the candidate: "Any questions for us?", "Is there anything you'd like to
# ask me?", "What would you like to know about the team?", "The floor is yours" (not "What questions do you get asked
# most?"). Its wording decides (``personal_kind``), for the judges and the score alike: on the tuning answers the
# embedding's nearest asking missed "What would you like to know about the team?" and took
# "What would the opening of your cover letter say?" and "What questions do you get asked most?" for invitations.
_INVITES = re.compile(r"\b(?:any|anything|something|what)\b(?:\s+(?:else|other|more|final|last|further))?\s+"
                      r"(?:questions?\b(?!\s+(?:do|did|were|are|have)\s+you\b)|(?:\w+\s+){0,3}?(?:you|you'd|you'?re)\s+"
                      r"(?:would\s+|'d\s+)?(?:like|want|wish|care|curious)\s+to\s+(?:ask|know)\b)"
                      r"|\b(?:the )?floor is yours\b|\bover to you\b", re.I)
QUESTIONS = next(k for k in KINDS if k.name == "questions for the interviewer")


def personal_kind(question: str, qvec: np.ndarray, embedder: "Embedder") -> tuple[PersonalKind, np.ndarray] | None:
    """The kind of question about the candidate this is, with the vector of what its answer talks about; None for
    any other question (a story of the past, a technical or design question). Whether it invites the candidate's own
    questions is decided by its wording (``_INVITES``), the other kinds by the nearest everyday asking."""
    asked = [a for k in KINDS for a in k.asked]
    of = [k for k, kind in enumerate(KINDS) for _ in kind.asked]  # the kind of each asking
    vecs = fixed_vectors(embedder, (*asked, *(k.answer for k in KINDS)))
    if _INVITES.search(question):
        return QUESTIONS, vecs[len(asked) + KINDS.index(QUESTIONS)]
    if is_behavioural(question):
        return None
    sims = vecs[:len(asked)] @ qvec
    best = int(np.argmax(sims))
    if sims[best] < OF_KIND or KINDS[of[best]] is QUESTIONS:
        return None
    return KINDS[of[best]], vecs[len(asked) + of[best]]


def work_margin(vecs: np.ndarray, embedder: "Embedder") -> np.ndarray:
    """Per sentence vector: how much nearer it is to working life than to private life and general opinions
    (positive: it talks about the speaker's work)."""
    ref = fixed_vectors(embedder, (*WORK, *PRIVATE))
    sims = vecs @ ref.T
    return sims[:, :len(WORK)].max(axis=1) - sims[:, len(WORK):].max(axis=1)


def free_time_sentences(question_margin: float, margins: np.ndarray, unit_words: list[int]) -> tuple[int, int]:
    """(sentences nearer private life than working life, sentences placed) of an answer to a question about the
    candidate's work, from ``work_margin`` of the question and of each sentence; (0, 0) when the question itself leans
    to private life or the answer is too short to place."""
    placed = margins[np.asarray(unit_words) >= 3]
    if question_margin < 0 or len(placed) < FREE_TIME_MIN_SENTENCES:
        return 0, 0
    return int((placed < 0).sum()), len(placed)


def told_elsewhere(question: str, units: list[str], embedder: "Embedder") -> bool:
    """Whether a story of the past is, as a whole, nearer the question's situation in private life than the same
    situation at work. Both references carry the question's words, so a story that reuses them gains nothing from
    them; fewer than FREE_TIME_MIN_SENTENCES sentences of three words or more are too little to place."""
    if sum(len(u.split()) >= 3 for u in units) < FREE_TIME_MIN_SENTENCES:
        return False
    story, at_work, off_work = encode_cached(embedder, [" ".join(units), f"{question} {AT_WORK}",
                                                        f"{question} {OFF_WORK}"])
    return float(story @ (at_work - off_work)) < 0


def outside_work(free_time: tuple[int, int]) -> bool:
    """A story most of whose sentences are about the candidate's private life (see free_time_sentences): a hiking
    trip told for "a project you're proud of" has the shape a coach wants and answers another question."""
    n, m = free_time
    return bool(m) and n >= FREE_TIME_SHARE * m
