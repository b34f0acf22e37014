"""``compose``: score every candidate sentence against the question (embedding similarity, rarity-weighted
overlap, question-type cues, retrieval evidence), then shape the answer by the plan's kind.
"""
from __future__ import annotations

import math
import re
from functools import partial
from typing import Sequence

import numpy as np

from coach.models import Role
from coach.plan import (CONDITION, DURATION, FACT_KINDS, GATED_KINDS, NOT_EXACT, PRICE, asked_unit, asker_asks,
                        asking_part, asks_advice, asks_purpose, asks_what_to_do, asked_thing, carries_in, counted_nouns,
                        counted_thing, counts_named, counts_other, given_numbers, measured_thing, plan,
                        poses_condition, reported_prompt, requests, states_measure)
from coach.roles import role_mentions
from coach.scope import known_company_mentions, mentions_name
from coach.compose.records import (Cand, Composed, FAQ_MATCH, Hit, MATCHING_HEADING, MAX_CHARS, MAX_SENTENCES,
                                   SentenceEmbeddings)
from coach.compose.words import _FILLER, _GENERIC, _KIND_WORDS, _company_stems, _expanded, _stems, _topic_stems
from coach.compose.cues import (_ASKS_PRODUCTS, _ASKS_QUESTIONS, _CLAIM, _COUNT, _CUES, _DURATION, _FIX,
                                _NAMES, _NEGATIVE, _ASKED_OF, _TO_ASK, _PAIRED, _PAIR_LABELS, _POINTS_BACK, _PROHIBITS,
                                _MONEY, _PROMPT, _PURPOSE, _REASON,
                                _RECOMMEND, _REMEDY, _SCENE, _SIZE, _VERDICT, _YES_NO, _YES_NO_WORD, _announces,
                                _asked_predicate, _count_pattern, _recommends, advises, asks_for)
from coach.compose.candidates import _candidates, _library_names, leans_back, sentence_before
from coach.compose.lines import names_samples, quoted_samples
from coach.compose.render import POINTERS_ONLY, _not_exact, _opening, _price_heading, _render, said_not_exactly
from coach.compose.lists import _inline_list, _introduced_list, _labelled_items, _list_answer, _numbered_steps
from coach.compose.comparison import (CONTRAST, _COMPARE_WORDS, _DIFFERS_ONLY, _STAND_INS, _compared_sides,
                                      _labelled_facts, _names_sides, _which_more)
from coach.compose.asks import (_CODE, _asked_prompt, _defined_term, _fix_answer, _held, _only_lists_prompt, _solution,
                                _with_expansion, asked_acronym, framed_prompt, named_in_passing, said_thing,
                                thing_words, without_kind)

_EXPLAINED = ("why", "why_bad", "yes_no", "howto", "other", "definition")
EMBED_LIMIT = 10
DENSE_CHUNKS = 3  # the chunks by dense similarity whose best sentences are always embedded

SCENE_PENALTY = 0.3  # as much as an announcement: it leads to the point rather than making it
# A sample the article gives (an example entry, a sample letter) illustrates its advice: it leads only a question that
# asks for examples, or one about the sample itself that no advice of the article is as near to.
SAMPLE_PENALTY = 0.3

CLAIM_NEAR = 0.2  # as close to the best sentence as a claim of its section that leads the answer instead

# The retriever's best passage under a heading that asks for what the question asks for ("Why do we need to split our
# data into three parts?" for "why shouldn't I judge my model on the rows I trained it on?"): the article's own answer
# of the asked kind, though a sentence of another passage may echo the question's words better. (Tuning: of 625
# questions, 0.2 cited the expected passage first for 11 more and for none fewer; the second-ranked passage too, 13
# more and 3 fewer.)
ASKS_ALIKE_BONUS = 0.2

ECHO_BONUS = 0.1
DISTINCT_SHARE = 0.3  # a subject word in this share of the candidate sentences does not tell them apart
# Retrieved evidence this strong (a heading or passage matching the question) shows the library covers the subject
# even when the closest sentence does not repeat its words.
ON_TOPIC_RELEVANCE = 0.5
# A sentence of this many characters that the question quotes whole is what the asker already has, not the answer.
ECHO_MIN_CHARS = 40
ECHO_PENALTY = 1.0  # like a sentence that only continues another: never leads while another fits
# Two nouns this similar (embedding cosine) name the same counted thing ("problems" and "questions" 0.54; "interviews"
# and "questions" 0.49, "rounds" and "interviewers" 0.18 do not).
SAME_NOUN = 0.52
# Stage words (a closed class): they say which kind of setting, not which one.
_STAGES = _stems("round rounds stage stages session sessions")
CLOSEST_NEAR = 0.3  # as close to the best sentence as an on-topic one quoted instead when the asked fact is missing

PROHIBITION_NEAR = 0.3  # as close to the best sentence as a list item that still belongs to the answer

ADVICE_NEAR = 0.15  # as close to the best sentence as advice that leads the answer to "what do I do when …"

# A sentence saying what follows under a condition, when the question poses one: the answer, where a sentence naming
# the same subject without a condition restates the topic. (Items of a list are answered by their own kind.)
CONDITION_BONUS = 0.1

# What a thing is for: a sentence stating a use or purpose ("mostly used for classification problems") answers it
# before one that describes the thing ("A decision tree is a flowchart-like tree structure ...").
PURPOSE_BONUS = 0.15

TO_ASK_BONUS = 0.1  # a question to ask the interviewer, when the asker wants one
ASKED_OF_PENALTY = 0.5  # a question put to candidates, when the asker wants one to ask: no answer at all


def _verdict(c: "Cand") -> bool:
    """The top-ranked chunk opens with a verdict ("Yes - if ...", "No, ..."): the direct answer to a yes/no question
    even when its heading is phrased unlike the question."""
    return c.hi == 0 and bool(_YES_NO_WORD.match(c.text))


def _lead_answers(c: "Cand", hit: Hit) -> bool:
    """A chunk's lead sentence that answers a yes/no question by itself: a recommendation under a heading or FAQ
    question matching the question ("Not in depth."), or the top chunk's opening verdict."""
    return hit.heading >= MATCHING_HEADING and _recommends(c.text) or _verdict(c)


def same_noun(vectors: SentenceEmbeddings, a: str, b: str) -> bool:
    """Whether nouns ``a`` and ``b`` name the same counted thing (embedding cosine at least ``SAME_NOUN``)."""
    va, vb = vectors.encode([a.lower(), b.lower()])
    return float(va @ vb) >= SAME_NOUN


def compose(question: str, hits: Sequence[Hit], sentence_vectors: SentenceEmbeddings, query_vector: np.ndarray,
            roles: Sequence[Role], companies: Sequence[str] = (), max_chunks: int = 10,
            preferred_roles: Sequence[str] = (), context: str = "") -> Composed:
    """The extractive answer to ``question`` from ``hits`` (best first); empty text when nothing fits.

    ``context`` is the previous answer, for follow-ups that ask for the other half of a mistake/fix pair."""
    hits = list(hits)[:max_chunks]
    wants_products = bool(_ASKS_PRODUCTS.search(question))
    cands = quoted_samples(_candidates(hits, wants_products=wants_products), hits)
    if not cands:
        return Composed("", [], [])
    # A job seeker's everyday name for a thing ("CV", "motivation note", "pay") is read as the passages' name for it
    # ("resume", "cover letter", "salary"): the subject is the same, and the everyday word, used by no passage, would
    # otherwise mark every sentence as off the subject.
    extra, spoken = _library_names(question, cands, hits)
    lexical = f"{question} {extra}" if extra else question
    the_plan = plan(question)
    kind = the_plan.kind
    wants_fix = kind == "fix" and not context
    if wants_fix:
        kind = "howto"  # "what should I do the night before?" with no mistake before it asks for advice
    q_tokens = _expanded(_stems(question))
    cues = [(sp, bonus) for qp, sp, bonus in _CUES if qp.search(question)]
    # "I've got two weeks before my round. What should I focus on?" states the time it has: a constraint, not what
    # it asks or what it is about; a sentence giving some duration does not answer it.
    # (A count, amount or size "in a month" is framed by its time: that time is part of the asked fact.)
    stated = _stems(" ".join(m.group(0) for m in DURATION.finditer(question))) if kind not in FACT_KINDS else set()
    if stated:
        cues = [(p, b) for p, b in cues if p is not _DURATION]
    if kind == "yes_no" and not re.search(r"\d", question):
        # "Is the first offer the most money they will pay?" asks for a verdict: an amount, a time or a count is the
        # asked fact only when the question states one to check ("Is 45 minutes enough?").
        cues = [(p, b) for p, b in cues if p not in (_MONEY, _DURATION, _COUNT)]
    counted = _count_pattern(the_plan.counted) if kind == "count" else None
    unit = asked_unit(question) if kind == "duration" else None

    def fits(text: str) -> bool:
        """``text`` carries the asked kind of fact (a duration in the asked unit when one is named); an interview
        question or prompt names no mistake ("Tell me about an analytical problem ...")."""
        if kind == "mistake" and (_PROMPT.match(text) or text.rstrip("*_ ").endswith("?")):
            return False
        return carries_in(kind, unit, text)

    if counted is not None:
        cues = [(p, b) for p, b in cues if p is not _COUNT] + [(counted, 0.3)]
    if asks_purpose(question):
        cues.append((_PURPOSE, PURPOSE_BONUS))
    if kind == "length":  # a size, not a time to wait
        cues = [(p, b) for p, b in cues if p is not _DURATION] + [(_SIZE, 0.35)]
    best_rel = max((h.relevance for h in hits), default=1.0) or 1.0
    yes_no = kind == "yes_no" or bool(_YES_NO.match(question))
    advice = asks_advice(question)
    lead: dict[int, int] = {}
    for c in cands:
        lead.setdefault(c.hi, c.si)
    asked = [n for _, _, n in role_mentions(question, list(roles))]
    asked = list(dict.fromkeys(asked)) or list(preferred_roles)
    library_companies = set(companies)
    q_company = next((n for _, _, n in known_company_mentions(question, companies)), None)
    topic = _topic_stems(lexical, roles, companies) - stated
    company_stems = _company_stems(tuple(companies))
    # What a fact question is about, without the words that only name the kind of fact ("how long ... last").
    subject = topic - _KIND_WORDS.get(kind, set())
    defined = _defined_term(question) if kind == "definition" else None
    context_stems = _stems(context) if context else set()

    # A question word that most candidate sentences share ("resume" in a resume article) says little about which
    # sentence answers; a rare one ("fonts") says much: overlap is weighted by rarity among the candidates.
    # A mistake question's own words ("mistakes", "avoid") say what kind of sentence answers, not which one: every
    # don't list shares them. Its subject's words decide; the kind is credited apart (a sentence naming a mistake).
    q_words = (q_tokens - _KIND_WORDS["mistake"] if kind == "mistake" else set()) or q_tokens
    df: dict[str, int] = {}
    for c in cands:
        for t in q_words & _stems(c.text):
            df[t] = df.get(t, 0) + 1
    weight = {t: math.log(1 + len(cands) / (1 + n)) for t, n in df.items()}
    q_weight = sum(weight.values()) or 1.0
    q_names = q_tokens & company_stems
    # The best passage heads an answer of the asked kind (``ASKS_ALIKE_BONUS``).
    top_asks_alike = bool(asks_for(question) & asks_for(hits[0].chunk.section or ""))

    echo = _asked_predicate(question) if kind == "yes_no" else None
    # (A should-I question under a condition is answered by the advice, a why-question by the reason, a count by the
    # number: the condition is the asker's situation.)
    conditional = kind in ("yes_no", "other") and not advice and poses_condition(question)
    # A mistake question about a subject ("... on my resume") is answered by that subject's don'ts: a BAD/GOOD pair
    # of another article's list earns nothing for its structure or for its labels' words ("Mistake to avoid").
    mistake_subject = subject - _FILLER if kind == "mistake" else set()

    spoken_q = " ".join(re.findall(r"\w+", question.lower()))
    # The asker wants a question of their own to put to the interviewer ("how do I find out whether they let people
    # work remotely?"): a question from a passage of questions to ask answers it, whatever the kind; one that
    # interviewers ask candidates does not ("What does your best day of work look like?" for "what could I ask to
    # learn what a normal workday is like").
    wants_to_ask = asker_asks(question)

    def asking(c: Cand) -> float:
        """What being a question (or interview prompt) is worth to this question: ``asker_asks`` sets apart the
        questions to ask from those asked of candidates, by their headings."""
        if not (c.question or _PROMPT.match(c.text)):
            return 0.0
        headings = f"{hits[c.hi].chunk.title} {hits[c.hi].chunk.section or ''}"
        if wants_to_ask and _TO_ASK.search(headings):
            return TO_ASK_BONUS
        penalty = ASKED_OF_PENALTY if wants_to_ask and _ASKED_OF.search(headings) else 0.0
        return -penalty - (0.5 if c.question and kind not in ("example", "list") else 0.0)

    def echoed(sent: str) -> bool:
        """The question quotes this sentence whole (a follow-up naming an item of the previous answer)."""
        words = " ".join(re.findall(r"\w+", sent.lower()))
        return len(words) >= ECHO_MIN_CHARS and words in spoken_q

    # A question about a sample itself ("if 2 of my 3 relevant products show up in the first 5 results …") names its
    # particulars: a number, or two words, of the sample that the rest of its passage does not use (one shared word,
    # "hackathon" for the sample prize, is the subject that the sample illustrates).
    advice_words: dict[int, frozenset[str]] = {}
    for c in cands:
        if not c.sample:
            advice_words[c.hi] = advice_words.get(c.hi, frozenset()) | _stems(c.text)
    q_stems = _stems(question)
    wants_samples = kind == "example" or names_samples(question)

    def about_sample(c: Cand) -> bool:
        particular = (q_stems & _stems(c.text)) - advice_words.get(c.hi, frozenset()) - _GENERIC
        return len(particular) >= 2 or any(t.isdigit() for t in particular)

    def structured_credit(c: Cand) -> bool:
        chunk = hits[c.hi].chunk
        return not mistake_subject or bool(mistake_subject & _stems(
            f"{chunk.title} {chunk.section or ''} {_PAIR_LABELS.sub(' ', c.text)}"))

    def prior(c: Cand) -> float:
        """Everything but the embedding similarity."""
        hit = hits[c.hi]
        sent = c.text
        # A company the question names counts for every sentence of the part about it, not only those repeating it.
        words = _stems(_PAIR_LABELS.sub(" ", sent)) | (
            q_names & _stems(f"{hit.chunk.section or ''} {hit.chunk.company or ''}"))
        score = 0.3 * sum(weight.get(t, 0.0) for t in q_words & words) / q_weight + 0.15 * hit.relevance / best_rel
        score -= 0.02 * c.hi
        if c.hi == 0 and top_asks_alike:
            score += ASKS_ALIKE_BONUS
        # The answer under a heading or FAQ question that matches the question is the article's own answer.
        score += 0.6 * max(0.0, hit.heading - MATCHING_HEADING)
        if yes_no and lead[c.hi] == c.si and _lead_answers(c, hit):
            score += 0.25  # a yes/no question: the matching answer's lead sentence ("Not in depth.") is the answer
        # A question is not an answer, except when example questions, or one to ask, are asked for.
        score += asking(c)
        if echoed(sent):
            score -= ECHO_PENALTY  # the question quotes it ("Tell me more about <the item>"): it asks beyond it
        if c.continues:
            score -= 1.0  # it only goes on from the sentence before it (see ``_candidates``), never leads an answer
        if _announces(sent):
            score -= 0.3  # an intro promises the answer; the answer is what follows it
        elif kind not in ("list", "example") and _SCENE.search(sent):
            score -= SCENE_PENALTY  # (a list question may still be introduced by it: its items follow)
        if c.sample and not wants_samples and not about_sample(c):
            score -= SAMPLE_PENALTY
        if kind in ("list", "example") and c.itemlike:
            score += 0.1 + (0.1 if c.question and kind == "example" else 0.0)
        if c.text.startswith(("Mistake to avoid", "Better:")) and kind not in ("mistake", "fix"):
            score -= 0.2  # a do/don't pair is advice about how to prepare, not a fact about the asked topic
        if kind in FACT_KINDS and not fits(sent):
            score -= 0.25
        if kind == "yes_no" and advice:
            score += 0.12 if _recommends(sent) else -0.08  # a should-I question is answered by a recommendation
        elif kind == "yes_no" and _YES_NO_WORD.match(sent):
            score += 0.2  # an is-it-so question by a verdict ("No, because L2 does not make the weights zero"), not
            # by whichever sentence says "don't"
        if kind == "yes_no" and echo is not None and echo[0].search(sent) and echo[1] & _stems(sent):
            score += ECHO_BONUS  # "can the interviewers see ...?" is answered by "interviewers can even see ..."
        if conditional and CONDITION.search(sent):
            score += CONDITION_BONUS
        if wants_fix:  # "how do I fix X" with no mistake quoted before: the remedy, not the symptom
            score += 0.2 if _REMEDY.search(sent) else -0.05
        if kind == "name" and _NAMES.search(sent):
            score += 0.15  # "Bias is the error introduced by ...": the sentence that names the described concept
        if kind in ("mistake", "why_bad") and (_NEGATIVE.search(sent) or sent.startswith("Mistake to avoid")):
            score += 0.15
        if kind == "definition" and defined and re.match(
                rf"^(?:an?\s+|the\s+)?{re.escape(defined)}\b[^.]{{0,60}}?\b(?:is|are|refers to|means|stands for)\b",
                sent, re.I):
            score += 0.2  # the term is the subject: "Dropout is a technique ..."
        if kind == "definition" and defined and hit.heading >= 0.7 and lead[c.hi] == c.si:
            score += 0.25  # the lead of the answer under "What is X?"
        if kind == "definition" and defined and re.search(
                rf"\b[A-Z][\w-]*(?:\s+[\w-]+){{1,4}}\s*\({re.escape(defined)}\)", sent, re.I):
            score += 0.25  # the expansion of an acronym: "Best Theoretical Time Complexity (BTTC)"
        if kind == "fix" and context_stems:
            score += 0.3 * len(context_stems & _stems(sent)) / max(1, len(context_stems))
            if c.fix or (_FIX.search(sent) and not sent.startswith("Mistake")):
                score += 0.1
        if q_company and q_company not in library_companies and mentions_name(
                q_company, f"{hit.chunk.section or ''} {hit.chunk.text}"):
            score += 0.15  # the section about the company the question names
        return score + sum(bonus for pattern, bonus in cues if pattern.search(sent) and (
            pattern is not _PAIRED or structured_credit(c)))

    priors = [prior(c) for c in cands]
    # Embedding a sentence costs 5-40 ms on a busy CPU: embed only the most promising ones; the others keep the
    # lowest similarity seen, so they can still serve as a comparison's second side or as context.
    by_prior = sorted(range(len(cands)), key=lambda i: -priors[i])
    keep = by_prior[:EMBED_LIMIT]
    # The chunks most similar to the question hold its answer even when their sentences share few of its words
    # ("fonts you should use" for "which fonts won't confuse the parser"): their best few sentences are measured too.
    for hi in sorted(range(len(hits)), key=lambda i: -hits[i].dense)[:DENSE_CHUNKS]:
        keep += [i for i in by_prior if cands[i].hi == hi and i not in keep][:2]
    sims = dict(zip(keep, sentence_vectors.encode([cands[i].text for i in keep])
                    @ np.asarray(query_vector, dtype=np.float32)))
    floor = float(min(sims.values()))
    best_sim = float(max(sims.values()))
    # The article's own answer to an in-text question like the user's ("How long does it take to prepare ...?").
    asked_texts = list(dict.fromkeys(c.asked for i, c in enumerate(cands) if c.asked and i in sims))[:EMBED_LIMIT]
    asked_sim = dict(zip(asked_texts, sentence_vectors.encode(asked_texts) @ np.asarray(query_vector, np.float32))
                     ) if asked_texts else {}

    # The subject words that tell passages apart: a word most candidate sentences share ("software" in a software
    # article) says nothing about whether a sentence is about the asked subject ("a probation period").
    # (The numbers and units of the asker's situation — "if I have 3 years experience" — are not what a fact
    # question is about; what they count may be: "2 coding rounds next week, how long does each one last".)
    given = _stems(" ".join(given_numbers(question))) - _stems(asking_part(question)) if kind in FACT_KINDS else set()
    distinct = {t for t in subject - _FILLER - spoken - given
                if sum(1 for c in cands if t in _stems(c.text)) < DISTINCT_SHARE * len(cands)}

    # What a how-to asks to make or work with ("the email asking the recruiter for more money"), what a what-is
    # question asks about, what a what-it-holds question asks the contents of (``asked_thing``). A how-to answer that
    # never names it, nor do its headings, tells how to do something near it, not this; an answer that only names it
    # (in a list, as an example, as what some other advice is for) says nothing of how to make it or what it is. (An
    # everyday name counts as said in the library's name.)
    asked_of = asked_thing(question) if (kind in ("howto", "definition", "other", "list") or kind == "yes_no" and
                                         requests(question)) and not context else None
    made_words = thing_words(without_kind(asked_of)) - spoken if asked_of and kind == "howto" else set()

    def done(out: Composed) -> Composed:
        headings = " ".join(f"{src.title} {src.section or ''}" for src in out.sources)
        # The headings a cited section sits under name what it is about too ("Practical tips" under "Crafting the
        # perfect cover letter").
        cited = {(src.doc_id, src.text) for src in out.sources}
        above = " ".join(p for h in hits if (h.chunk.doc_id, h.chunk.text) in cited for p in h.chunk.parents)
        if made_words and out.text and NOT_EXACT not in out.text and not _held(
                made_words, _stems(f"{' '.join(out.sentences)} {headings} {above}")):
            said = said_thing(without_kind(asked_of))
            out = said_not_exactly(out, kind, why=f"it does not speak of “{said}”" if said else None)
        passing = named_in_passing(asked_of, out.sentences, out.sources, above) if asked_of and out.text and \
            NOT_EXACT not in out.text else None
        if passing:
            out = said_not_exactly(out, kind, why=f"it names “{passing}” only in passing")
        out.best_sim = best_sim
        out.off_subject = bool(out.text) and bool(distinct) and not context and not asked_acronym(question) and \
            not distinct & _stems(f"{' '.join(out.sentences)} {headings}")
        shared = (_stems(question) - _GENERIC) & _stems(" ".join(out.sentences))
        out.name_only = bool(shared) and shared <= company_stems
        out.typed = kind in FACT_KINDS and NOT_EXACT not in out.text and fits(out.text) and bool(
            subject & _stems(out.text) or not subject)
        return out

    scored: list[tuple[float, Cand, list[str]]] = []
    for i, c in enumerate(cands):
        hit = hits[c.hi]
        score = 0.55 * float(sims.get(i, floor)) + priors[i]
        if c.asked and not c.question and c.asked in asked_sim:
            score += 0.6 * max(0.0, float(asked_sim[c.asked]) - 0.5)
        mentioned = list(dict.fromkeys(n for _, _, n in role_mentions(c.text, list(roles))))
        if asked:
            if any(r in mentioned for r in asked):
                score += 0.08
            elif mentioned:
                score -= 0.12  # talks only about roles the user did not ask about
        if q_company in library_companies and hit.chunk.company and hit.chunk.company.lower() != q_company.lower():
            score -= 0.4
        scored.append((score, c, mentioned))
    scored.sort(key=lambda t: -t[0])

    acronym = asked_acronym(question)
    if acronym:
        scored = _with_expansion(acronym, scored, hits)

    # "what do I say when they ask X", "a good answer to why do you X": how to answer X, whatever X asks for
    framed = framed_prompt(question) or reported_prompt(question)
    prompt = framed or _asked_prompt(question)
    if prompt and (framed or kind in ("howto", "other", "yes_no")):
        unanswered = _only_lists_prompt(prompt, scored, hits)
        if unanswered is not None:
            return done(_not_exact(unanswered, hits, kind,
                                   why="it lists this interview question but gives no advice on answering it"))

    labelled = _labelled_facts(question, hits, scored, kind, sentence_vectors, query_vector)
    if labelled is not None:
        # A level's fact sheet without the asked fact ("Experience: Most engineers do not reach this level" for "how
        # many years to principal") is what the library says instead, not the answer.
        return done(labelled if kind not in FACT_KINDS or fits(labelled.text) else said_not_exactly(labelled, kind))
    if kind == "which_more":
        synth = _which_more(question, scored, hits, roles)
        if synth is not None:
            return done(synth)
    def on_topic(c: Cand) -> bool:
        """The sentence, under its headings, is about the asked subject (a heading names what its lines are about),
        or it answers an in-text question of its article that is (nearly) the asked one, in whatever words."""
        chunk = hits[c.hi].chunk
        return not distinct or bool(distinct & (_stems(c.text) | _stems(f"{chunk.title} {chunk.section or ''}"))) \
            or bool(c.asked) and asked_sim.get(c.asked, 0.0) >= FAQ_MATCH

    # The thing a time or number is asked of, named in two words or more ("weeks of mock interviews"): a fact about
    # something else does not answer. (One word names an activity — "hours of study", "of prep" — that a passage on
    # preparing measures in its own words: "to be well prepared".)
    # (A size is asked of the thing it is the subject of — "how long should the motivation note be" — which the
    # passage's topic already checks; its heading may give the library's name for it, "cover letter".)
    sized = measured_thing(question) if kind in FACT_KINDS else None
    thing = sized if kind != "length" else None
    # (A stage word names the setting's kind, not which one: "prepare for coding rounds" is measured by a coding
    # prep plan.)
    measured = _stems(thing) - _GENERIC - _FILLER - _STAGES if thing and len(thing.split()) >= 2 else set()

    def measures(c: Cand) -> bool:
        """The sentence or its headings name the measured thing; an everyday name ("mock interviews") may be said in
        the library's name, whole, in the sentence itself ("practice interviews")."""
        chunk = hits[c.hi].chunk
        named = _stems(f"{c.text} {chunk.title} {chunk.section or ''}")
        return _held(measured, named) or bool(extra) and _held(measured - spoken, named) and _held(
            _stems(extra), _stems(c.text))

    # A size is of the thing named as its head ("how long should each of my STAR stories be"): a page limit under
    # another subject's heading is that subject's size, though the passage shares the question's other words. (An
    # everyday name, "motivation note", or one no passage uses, "blurb", is left to the topic check.)
    sized_head = _stems(" ".join(counted_nouns(sized)[-1:])) - spoken if kind == "length" and sized else set()
    if sized_head and not any(_held(sized_head, _stems(f"{c.text} {hits[c.hi].chunk.section or ''}")) for c in cands):
        sized_head = set()

    def sizes_named(c: Cand) -> bool:
        chunk = hits[c.hi].chunk
        return _held(sized_head, _stems(f"{c.text} {chunk.title} {chunk.section or ''} {' '.join(chunk.parents)}"))

    # What a count question counts ("how many mock interviews"): a sentence whose every number counts something else
    # ("160 questions within 3-4 weeks") does not answer it; one counting it in other words ("questions" for
    # "problems") does.
    count_of = counted_thing(question) if kind == "count" else None

    alike = partial(same_noun, sentence_vectors)

    def carries_kind(c: Cand) -> bool:
        """``fits``, ``measures`` and counts the counted thing; for a price question also a passage under a heading
        that states the price ("Free resources")."""
        return fits(c.text) and measures(c) and sizes_named(c) \
            and not (count_of and counts_other(count_of, c.text, alike)) \
            or kind == "price" and bool(PRICE.search(hits[c.hi].chunk.section or ""))

    def counts_asked(c: Cand) -> bool:
        """A number in the sentence counts the counted thing by name, or a clause of it states the asked time or size
        of the measured thing ("Use only 1 page for your resume"): it is about what is asked, in whatever other words
        ("160 questions within 3-4 weeks" for how many LeetCode problems in a month)."""
        return bool(count_of) and counts_named(count_of, c.text, alike) or bool(sized) and carries_kind(c) and \
            states_measure(kind, sized, c.text)

    # A near sentence stating the measure of the asked thing answers before one stating another thing's ("fewer than
    # 10 words" for the headline, asked how long the summary should be).
    stating = [t for t in scored if t[0] >= scored[0][0] - CLOSEST_NEAR and counts_asked(t[1])] \
        if kind in GATED_KINDS and sized and not counts_asked(scored[0][1]) else []
    if kind in GATED_KINDS and (stating or not (carries_kind(scored[0][1]) and (on_topic(scored[0][1])
                                                                                 or counts_asked(scored[0][1])))):
        # The asked kind of fact, about the asked topic ("how long should a cover letter be" is not answered by how
        # long a hiring process takes).
        carrying = [t for t in scored if carries_kind(t[1]) and (on_topic(t[1]) or counts_asked(t[1]))]
        carrying.sort(key=lambda t: not counts_asked(t[1]))
        # The best passage may name what to avoid in other words than the question's ("Never include your work
        # phone number" for "what shouldn't go in my contact details"): its don'ts are the answer.
        # (A number that counts the asked thing by name is near enough: the best passage counts something else.)
        far = not carrying or carrying[0][0] < scored[0][0] - 0.25 and not counts_asked(carrying[0][1])
        own = [t for t in scored if kind == "mistake" and t[1].hi == scored[0][1].hi and fits(t[1].text)] \
            if far and on_topic(scored[0][1]) else []
        if own:
            carrying = own + [t for t in carrying if t not in own]
        elif far:
            # The closest passage is about the asked subject before it is near the asked fact ("hours a day for
            # system design" is not answered by a coding plan's hours); for a cost, one that speaks of paying.
            near = [t for t in scored if t[0] >= scored[0][0] - CLOSEST_NEAR and not t[1].question
                    and on_topic(t[1])]
            if not near and not on_topic(scored[0][1]) and best_rel < ON_TOPIC_RELEVANCE:
                # No passage near the best is about the asked subject ("how long does a background check take" vs
                # how long the interview process takes): the library does not cover it; nothing is quoted. (One
                # that is — "the test set" for what share of the data it takes — is quoted as what it does say.)
                return done(Composed("", [], []))
            priced = [t for t in near if kind in ("money", "price") and PRICE.search(t[1].text)]
            closest = (priced or near or scored)[0]
            if not (carries_kind(closest[1]) and on_topic(closest[1])):
                # A number of another thing, quoted as what the library says instead, still reads as the answer
                # ("160 questions within 3-4 weeks" for how many mock interviews): a near passage stating none is.
                if fits(closest[1].text):
                    pool = near or [t for t in scored if t[0] >= scored[0][0] - CLOSEST_NEAR and not t[1].question]
                    closest = next((t for t in pool if not fits(t[1].text)), closest)
                return done(_not_exact(closest, hits, kind, about=count_of or (thing if measured else None)))
            carrying = [closest]  # the passage it would quote states the asked fact: the library answers
        scored = carrying + [t for t in scored if t not in carrying]
    if stated and kind not in GATED_KINDS and not on_topic(scored[0][1]):
        # The subject before the constraint: "two weeks for the architecture round" is answered about the architecture
        # round, not by a plan for coding that also names a time.
        about = [t for t in scored if t[0] >= scored[0][0] - CLOSEST_NEAR and on_topic(t[1])]
        scored = about + [t for t in scored if t not in about]
    if kind == "why_bad":
        # "What's the catch with X?" answered by a list of X's problems ("Slow prediction time: ..."): its items.
        listed = _labelled_items(scored, hits)
        if listed is not None:
            return done(listed)
    if kind == "definition" and hits[scored[0][1].hi].heading >= 0.7:
        # The answer under "What is X?" that holds the best sentence (the one defining X): its opening sentences, in
        # order. (Another FAQ question may match the words better — "Is accuracy always a good metric?" for "what
        # is accuracy as a metric" — without defining anything.)
        return done(_render(_opening(scored, scored[0][1].hi), hits, scored[0][0]))
    faq_hi = max(range(len(hits)), key=lambda i: hits[i].heading)
    if kind in _EXPLAINED and hits[faq_hi].heading >= FAQ_MATCH and not acronym:
        # The user's question is (nearly) one the article asks itself: its answer, opening sentences in order.
        picked = _opening(scored, faq_hi)
        if picked:
            return done(_render(picked, hits, max(t[0] for t in scored if t[1] in picked)))
    if kind == "fix":
        fixed = _fix_answer(scored, hits, context_stems)
        if fixed is not None:
            return done(fixed)
    if kind in ("list", "example"):
        introduced = _introduced_list(topic, scored, hits, sentence_vectors, query_vector,
                                      asks_questions=bool(_ASKS_QUESTIONS.search(question)), company=q_company,
                                      wants_products=wants_products)
        if introduced is not None:
            return done(introduced)
    if kind in ("list", "howto") and not wants_products:  # (resources are named in prose or lists, not as steps)
        steps = _numbered_steps(scored, hits, kind)
        if steps is not None:
            return done(steps)
    if kind in ("list", "example", "mistake") and subject:
        # Items about the asked subject ("mistakes on resumes"), not the same kind of item about something else
        # (interview mistakes from another article), when such items score near the best.
        # A don't list is about what its passage is about: an item ("Never include your work email here") need not
        # repeat the subject its list is under ("contact details ... of the resume").
        for where in ("chunk" if kind == "mistake" else "text", "title"):
            about = [t for t in scored if subject & _stems(" ".join(filter(None, (
                hits[t[1].hi].chunk.title if where == "title" else "", hits[t[1].hi].chunk.section,
                hits[t[1].hi].chunk.text if where == "chunk" else t[1].text))))
                and (kind != "mistake" or fits(t[1].text))]
            if about and about[0][0] >= scored[0][0] - 0.3:
                scored = about + [t for t in scored if t not in about]
                break
    if kind in ("list", "example"):
        inline = _inline_list(question, scored, hits)
        if inline is not None:
            return done(inline)
    if kind in ("list", "example", "mistake"):
        listed = _list_answer(scored, hits, kind, topic, asks_questions=bool(_ASKS_QUESTIONS.search(question)),
                              company=q_company, wants_products=wants_products)
        if listed is not None:
            return done(listed)

    situation = asks_what_to_do(question) and kind in ("howto", "yes_no", "other", "why")
    if situation:
        # "I blank out when …, what do I do?": the answer tells what to do in that situation. A sentence that only
        # shares a word of the story ("feedback", "rounds") does not; when no advice scores near the best sentence,
        # the library does not cover the situation.
        # The best passage's own advice first ("It helps you to …" follows "Coming up with more examples is something
        # useful you can do …"), then advice scoring near the best sentence from elsewhere.
        def advice_in(pool):
            return next((t for t in pool if not t[1].question and not t[1].pointer and not _announces(t[1].text)
                         and advises(t[1].text)), None)
        advice = advice_in(t for t in scored if t[1].hi == scored[0][1].hi) or advice_in(
            t for t in scored if t[0] >= scored[0][0] - ADVICE_NEAR)
        if advice is None:
            return done(Composed("", [], []))
        scored = [advice] + [t for t in scored if t is not advice]
    if _announces(scored[0][1].text):
        # The best sentence only announces the answer ("Here are some tips to stay calm ..."): quote what it
        # announces, the sentences and items that follow it.
        c = scored[0][1]
        announced = sorted((t[1] for t in scored if t[1].hi == c.hi and t[1].si > c.si and not t[1].question
                            and not _announces(t[1].text)), key=lambda o: o.si)[:MAX_SENTENCES]
        if announced:
            return done(_render(announced, hits, scored[0][0]))
        # Nothing it announces was retrieved: an announcement alone is no answer ("I will go into detail on ...").
        scored = [t for t in scored if not _announces(t[1].text)]
        if not scored:
            return done(Composed("", [], []))
    sides = _compared_sides(question, asked, topic) if kind == "comparison" else []
    if kind == "comparison" and _names_sides(scored[0], sides, asked) and not CONTRAST.search(scored[0][1].text):
        # A comparison is answered by a sentence that sets the compared things against each other, not by one that
        # names both only to say what they share ("the most important skills for both roles include ..."): the best
        # contrast near the top. (A sentence about one side is completed with the other side's below.)
        contrast = next((t for t in scored if t[0] >= scored[0][0] - 0.3 and not t[1].question
                         and CONTRAST.search(t[1].text) and _names_sides(t, sides, asked)), None)
        if contrast is not None:
            scored = [contrast] + [t for t in scored if t is not contrast]
    top = scored[0][0]
    chosen: list[tuple[float, Cand, list[str]]] = [scored[0]]

    def redundant(sent: str) -> bool:
        toks = _stems(sent)
        for _, other, _ in chosen:
            o = _stems(other.text)
            if len(toks & o) / max(1, min(len(toks), len(o))) > 0.7:
                return True
        return False

    def length() -> int:
        return sum(len(c[1].text) for c in chosen)

    # Comparison: make sure every named role is covered by some sentence.
    if len(asked) >= 2:
        for role in asked:
            if any(role in c[2] for c in chosen):
                continue
            for cand in scored:
                if role in cand[2] and cand not in chosen and cand[0] >= 0.5 * top and not redundant(cand[1].text):
                    chosen.append(cand)
                    break
    if kind == "comparison" and len(asked) >= 2:
        # A broad "how do X and Y differ": the few most important contrasts (sentences that set the named roles
        # against each other), from different sections, best first.
        about = topic - _COMPARE_WORDS - _FILLER - _STAND_INS
        contrasts = [t for t in scored if _names_sides(t, sides, asked) and CONTRAST.search(t[1].text)
                     and not t[1].question and t[0] >= top - 0.3 and (not about or about & _stems(t[1].text))]
        if len(contrasts) >= 2:
            chosen = []
            sections: set = set()
            for cand in contrasts:
                section = (hits[cand[1].hi].chunk.doc_id, hits[cand[1].hi].chunk.section)
                if len(chosen) >= 3 or section in sections or redundant(cand[1].text):
                    continue
                chosen.append(cand)
                sections.add(section)
            return done(_render([c[1] for c in chosen], hits, top))
    # Further sentences that score close to the best one and are about what was asked (not only the same company).
    for cand in scored[1:]:
        if len(chosen) >= MAX_SENTENCES or length() >= MAX_CHARS:
            break
        c = cand[1]
        if cand in chosen or cand[0] < top - 0.1 or redundant(c.text) or c.question:
            continue
        if hits[c.hi].chunk.doc_id != hits[chosen[0][1].hi].chunk.doc_id and kind != "comparison":
            continue  # one article answers; another article's sentence is a neighbouring fact
        if kind in FACT_KINDS and not fits(c.text):
            continue
        if topic and not topic & _stems(c.text) and not any(p.search(c.text) for p, _ in cues):
            continue
        if length() + len(c.text) > MAX_CHARS:
            continue
        chosen.append(cand)

    if kind in _EXPLAINED:
        # An explained answer is the best sentence's paragraph: the verdict, its condition and its reason are often
        # neighbours ("CNNs are not resistant to rotation by design. However, we can ..."), and which of them
        # matches the question best is noise. (An announcement in it is still no answer.)
        best = chosen[0][1]
        # (the answer to "what do I do when …" leads with its advice: what its paragraph said before it is context)
        for t in sorted((t for t in scored if t[1].hi == best.hi and t[1].line == best.line and t not in chosen
                         and not t[1].question and not _announces(t[1].text)
                         and not (situation and t[1].si < best.si)), key=lambda t: t[1].si):
            if len(chosen) >= MAX_SENTENCES or length() + len(t[1].text) > MAX_CHARS:
                break
            chosen.append(t)

    if yes_no and kind != "example":
        # The article's verdict next to the chosen evidence, even when it shares fewer words with the question than
        # its neighbours: a paragraph of the best chunk that opens with "Yes,"/"No," ("Yes, you may need to do
        # pre-processing."), or a recommendation in a chosen paragraph ("... you probably wouldn't need this unless
        # you're very senior"). It replaces the weakest added sentence when the answer is full.
        lines = {(t[1].hi, t[1].line) for t in chosen}
        verdict = next((t for t in scored if t not in chosen and not t[1].question and not _announces(t[1].text) and (
            (t[1].hi == chosen[0][1].hi and t[1].first and _VERDICT.match(t[1].text))
            or ((t[1].hi, t[1].line) in lines and _RECOMMEND.search(t[1].text)))), None)
        if verdict is None and not any(_PROHIBITS.search(t[1].text) for t in chosen):
            # "Can I ...?" / "Is it bad to ...?" is answered by the article's "don't" about it in the section of the
            # best evidence ("Never add symbols to your headers" beside the advice on standard headings), even when
            # it shares fewer words with the question than the advice around it.
            best_section = (hits[chosen[0][1].hi].chunk.doc_id, hits[chosen[0][1].hi].chunk.section)
            verdict = next((t for t in scored if t not in chosen and not t[1].question and t[0] >= top - PROHIBITION_NEAR
                            and (hits[t[1].hi].chunk.doc_id, hits[t[1].hi].chunk.section) == best_section
                            and _PROHIBITS.search(t[1].text)), None)
        if verdict is not None:
            while len(chosen) > 1 and (len(chosen) >= MAX_SENTENCES or length() + len(verdict[1].text) > MAX_CHARS):
                chosen.pop()
            chosen.append(verdict)
        # A bare "Yes, ..." comes with the sentence after it, its reason ("Most probably, you will need to ..."),
        # in place of the weakest other sentence when the answer is full.
        said = next((t for t in chosen if _VERDICT.match(t[1].text)), None)
        reason = said and next((t for t in scored if t[1].hi == said[1].hi and t[1].line == said[1].line
                                and t[1].si == said[1].si + 1 and t not in chosen and not t[1].question), None)
        if reason:
            while len(chosen) > 2 and (len(chosen) >= MAX_SENTENCES or length() + len(reason[1].text) > MAX_CHARS):
                chosen.remove(next(t for t in reversed(chosen) if t is not said))
            chosen.append(reason)

    stated = next((t[1] for t in chosen if not _CODE.match(t[1].text)), None)
    solution = _solution(stated, scored) if kind == "howto" and stated is not None else None
    if solution is not None and solution not in chosen:
        # "How do I check that a word is a palindrome?" answered by the exercise that asks it: its solution too, the
        # shortest one, in place of a longer one of the same exercise.
        chosen = [t for t in chosen if not (_CODE.match(t[1].text) and t[1].hi == solution[1].hi)]
        if length() + len(solution[1].text) <= MAX_CHARS + 150:
            chosen.append(solution)

    if kind == "why":
        if not _CLAIM.search(chosen[0][1].text):
            # The best sentence claims nothing ("If you've received an offer, congratulations!" echoes the question's
            # words): the answer leads with the best sentence of another paragraph of its section that gives a reason
            # or makes a claim.
            lead = chosen[0][1]
            claim = next((t for t in scored if t[0] >= top - CLAIM_NEAR
                          and (t[1].hi, t[1].line) != (lead.hi, lead.line) and not t[1].question
                          and hits[t[1].hi].chunk.doc_id == hits[lead.hi].chunk.doc_id
                          and hits[t[1].hi].chunk.section == hits[lead.hi].chunk.section
                          and not _announces(t[1].text) and _CLAIM.search(t[1].text)), None)
            if claim is not None:
                chosen = [claim] + [t for t in chosen if t is not claim]
        # The answer leads with the paragraph that gives the reason: an earlier paragraph of the article (the section's
        # lead-in, "If you've received an offer, congratulations!") is dropped unless it gives a reason too. The best
        # sentence's own paragraph stays whole: its reasons may come before its conclusion.
        best = chosen[0][1]
        where = (hits[best.hi].chunk.doc_id, hits[best.hi].chunk.position, best.line)
        chosen = [t for t in chosen if hits[t[1].hi].chunk.doc_id != where[0] or (t[1].hi, t[1].line) == (
            best.hi, best.line) or (hits[t[1].hi].chunk.position, t[1].line) > where[1:] or _REASON.search(t[1].text)]
    # A chosen sentence that opens with "They"/"This" needs the sentence before it, and one whose next sentence
    # continues it that way usually needs that too ("... walk through a real incident. They look for ...").
    by_pos = {(t[1].hi, t[1].si): t for t in scored}
    for cand in list(chosen):
        for nb in ((cand[1].hi, cand[1].si - 1), (cand[1].hi, cand[1].si + 1)):
            other = by_pos.get(nb)
            if cand not in chosen or other is None or other in chosen or other[1].question:
                continue
            if len(chosen) >= MAX_SENTENCES and nb[1] < cand[1].si and _POINTS_BACK.match(cand[1].text) \
                    and not _announces(other[1].text):
                # "This improves the generalization of the model." says nothing without the sentence before it: that
                # sentence takes the place of the weakest one from another paragraph than the best sentence's.
                spare = [t for t in chosen if (t[1].hi, t[1].line) not in (
                    (cand[1].hi, cand[1].line), (chosen[0][1].hi, chosen[0][1].line))]
                weakest = min(spare, key=lambda t: t[0]) if spare else None
                if weakest and length() - len(weakest[1].text) + len(other[1].text) <= MAX_CHARS + 150:
                    chosen.remove(weakest)
            if len(chosen) >= MAX_SENTENCES:
                continue
            follower = other if nb[1] > cand[1].si else cand
            # A comparison sentence that only says the two differ ("Pramp takes a different approach") is followed
            # by how they do.
            says_how = kind == "comparison" and nb[1] > cand[1].si and other[1].line == cand[1].line and \
                _DIFFERS_ONLY.search(cand[1].text)
            if (says_how or leans_back(follower[1].text)) and length() + len(other[1].text) <= MAX_CHARS + 150:
                chosen.append(other)

    # The answer's lead leans on the sentence before it: that sentence is quoted with it, so it reads on its own.
    led = chosen[0][1]
    said_before = sentence_before(hits[led.hi].chunk, led.si) if leans_back(led.text) else None
    if said_before and not any((t[1].hi, t[1].si) == (led.hi, led.si - 1) for t in chosen) and \
            re.search(r"[.!]\W*$", said_before[1]):
        referent = by_pos.get((led.hi, led.si - 1)) or (chosen[0][0], Cand(led.hi, led.si - 1, said_before[0],
                                                                           said_before[1]), [])
        while len(chosen) >= MAX_SENTENCES:
            chosen.remove(min(chosen[1:], key=lambda t: t[0]))
        chosen.append(referent)

    # A yes/no question answered from a matching FAQ: its lead sentence ("Not in depth.", "Yes, but ...") is the
    # direct answer, even when a later sentence shares more words with the question.
    if yes_no:
        for cand in list(chosen):
            hi = cand[1].hi
            first = by_pos.get((hi, lead[hi]))
            if first is not None and first not in chosen and len(chosen) < MAX_SENTENCES and not first[1].question \
                    and _lead_answers(first[1], hits[hi]):
                chosen.append(first)
    # An answer made only of pointers to material says so plainly: the library names where to look, not the advice.
    # (a question about a resource's price asks about the resource: its price heading says what was asked)
    pointers_only = not wants_products and kind != "price" and all(t[1].pointer for t in chosen)
    return done(_render([c[1] for c in chosen], hits, top,
                        prefix=_price_heading(kind, chosen, hits) or (POINTERS_ONLY if pointers_only else "")))
