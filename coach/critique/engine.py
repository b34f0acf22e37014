"""Rubric critique: judges one practice answer against every rubric item, quoting the answer and the item's fix.

Each item's BAD text is parsed into a mistake shape (``shapes.parse_shape``); the verdict is computed from the answer
with one check per shape. Semantic matching uses the project's embedding model: the answer's sentences and the
question are encoded in one batch, the items' phrases once per item (cached by item id).
"""
from __future__ import annotations

import re
import time
from functools import lru_cache
from typing import Sequence, TYPE_CHECKING

import numpy as np

from coach.critique.advice import _advice, _general_advice, _shown_fix, _strengths_improvements, _summary
from coach.critique.answer import _Answer, _prepare
from coach.critique.delivery import (SPOKEN, base_forms, delivery_notes, is_behavioural, practised_format,
                                     question_type, restated_units, specific_ideas, structure_parts)
from coach.critique.bands import in_round, judge_band
from coach.critique.dont import _judge_dont
from coach.critique.items import _ItemModel, _NOT_CONCRETE, _item_models
from coach.critique.personal import free_time_sentences, told_elsewhere, work_margin
from coach.critique.judges import (
    STOCK,
    _Judgement,
    _blaming,
    calls_for_questions,
    _generic,
    _judge_fallback,
    _judge_narration,
    _judge_numbers,
    _judge_omission,
    _judge_order,
    _judge_overemphasis,
    _judge_ownership,
    _judge_quality,
    _judge_structure,
    _judge_without,
)
from coach.critique.scoring import OffQuestion, RubricCounts, ScoreInput, score_answer
from coach.critique.shapes import Unit, words
from coach.critique.star import tells_own_deed
from coach.critique.topics import (
    AREAS,
    CLOSE,
    CODING_AREA,
    ROLE_ITEM_AREAS,
    about_question,
    about_subject,
    area_vectors,
    ranked_areas,
)
# re-exported: callers and tests use the caches through the engine (bench/critique.py, tests/test_cache.py)
from coach.critique.vectors import (  # noqa: F401
    SENTENCE_CACHE_SIZE,
    _sentence_cache,
    clear_caches,
    default_embedder,
    encode_cached,
)
from coach.errors import InputError
from coach.models import Feedback, ItemFeedback, RubricItem, ScoreFactor

if TYPE_CHECKING:
    from coach.components.embedding import Embedder


MAX_ANSWER_CHARS = 20_000
DELIVERY_KINDS = ("structure", "narration")  # items about how the answer is delivered, not what it covers

_JUDGES = {
    "overemphasis": _judge_overemphasis, "without": _judge_without,
    "numbers": _judge_numbers, "order": _judge_order, "narration": _judge_narration,
    "structure": _judge_structure, "ownership": _judge_ownership, "fallback": _judge_fallback, "dont": _judge_dont,
    "quality": _judge_quality,
}


# -- roles -----------------------------------------------------------------------------------------------------------
def base_role(role: str) -> str:
    """The role without its level: "Staff Software Engineer" -> "Software Engineer" (coach.roles.split_level)."""
    from coach.roles import split_level

    return split_level(role.strip())[0].strip() or role.strip()


def _canonical_role(role: str, items: Sequence[RubricItem]) -> str:
    """The rubric's canonical name for ``role`` ("MLE" -> "Machine Learning Engineer", "Staff SWE" -> "Software
    Engineer"); unknown names stay as given, without their level."""
    from coach.errors import UnknownRoleError
    from coach.models import Role
    from coach.roles import resolve_role

    known = [Role(name=r) for r in sorted({r for it in items for r in it.roles})]
    # "Software Engineer (SWE)" as typed from an article: try the whole, the name, then the abbreviation; each
    # also without a seniority level, which the rubric never scopes by.
    candidates = [role, re.sub(r"\(.*?\)", "", role), *re.findall(r"\(([^)]+)\)", role)]
    for cand in candidates + [base_role(c) for c in candidates]:
        try:
            return resolve_role(cand.strip(), known)
        except UnknownRoleError:
            continue
    for cand in (base_role(role), role):  # a lexicon alias the rubric does not scope ("DA" -> "Data Analyst")
        try:
            return resolve_role(cand.strip(), [Role(name=n) for n in _lexicon_names()])
        except UnknownRoleError:
            continue
    return base_role(role)


@lru_cache(maxsize=1)
def _lexicon_names() -> tuple[str, ...]:
    from coach.roles import LEXICON

    return tuple(LEXICON)


def _applies(item: RubricItem, role: str) -> bool:
    return not item.roles or role in item.roles


def _other_stage(item: RubricItem, m: _ItemModel, a: _Answer) -> str:
    """The kind of question about the candidate (why leaving, pay, questions for the interviewer ...) the practice
    question is, when a role-scoped item does not apply to it: such an item says what belongs in the role's answers
    on its work ("Ignoring system design concepts in Applied Scientist interviews"), and a question about the
    candidate asks about another stage of the interview, unless it is plainly close to the item's own topic.
    Empty when the item applies."""
    if not item.roles or m.topic is None or a.personal is None or m.shape.kind in DELIVERY_KINDS:
        return ""
    return "" if float(m.topic @ a.qvec) >= CLOSE else a.personal[0].name


ENGAGED = 0.40  # an answer sentence this close (blended match) to an item's X or fix takes up the item's topic
# A question about the candidate this close to the interview format a delivery item names is about that format
# (questions asked at the whiteboard 0.34-0.48 to "whiteboard exercise", take-home and story questions <= 0.28).
FORMAT_CLOSE = 0.31


def _about_question(item: RubricItem, m: _ItemModel, a: _Answer, areas: np.ndarray) -> tuple[bool, str]:
    """(whether the item speaks to this question, the item's area); see coach.critique.topics.

    Items about delivery speak to every answer, except that one naming an interview format it says to practise
    ("Failing to practice whiteboarding exercises") speaks to a question about the candidate (a story, an
    introduction) only when that question is close to the format: a story is told, not worked at a whiteboard.
    Role-scoped items (the article says what belongs in that role's
    answers) and items about numbers speak to every question of the role's interviews except a coding or
    code-review question, unless they are about code themselves ("Ignoring data quality checks" says nothing about
    removing duplicates from a list, nor "no numbers or metrics" about reviewing a pull request). An answer that
    itself takes up the item's topic makes the item speak to it too."""
    if m.shape.kind == "band":
        return in_round(item, a, areas)
    if m.shape.kind in DELIVERY_KINDS:
        return _about_format(item, a)
    if m.topic is None or calls_for_questions(m, a):
        return True, ""
    if item.roles or m.shape.kind == "numbers":
        # A SQL question is in the data area; one phrased as a design question ("Design a fraud detection system")
        # is not a coding question however close its words come to the coding area.
        coding = ranked_areas(a.qvec, areas)[0] == CODING_AREA and question_type(a.question) != "design"
        item_areas = ranked_areas(m.topic, areas)
        about, area = not coding or CODING_AREA in item_areas[:ROLE_ITEM_AREAS], item_areas[0]
    elif m.shape.kind == "quality":
        # The quality judge reads the answer's own text as the document the pitfall is about (a cover letter's
        # specifics, length, spelling): that holds only when the question asks about that document itself.
        about, area = about_subject(m.topic, a.qvec), ranked_areas(m.topic, areas)[0]
    else:
        about, area = about_question(m.topic, a.qvec, areas, question_type(a.question))
    if not about and not a.empty:
        ok = ~a.handoff
        near = np.maximum(a.match(m.x), a.match(m.fix))
        about = bool((ok & (near >= ENGAGED)).any())
    return about, area


def _about_format(item: RubricItem, a: _Answer) -> tuple[bool, str]:
    """(whether a delivery item speaks to the question, the format it names); see _about_question."""
    fmt = practised_format(item.mistake)
    if not fmt or a.embedder is None or not (a.personal is not None or is_behavioural(a.question)):
        return True, ""
    return float(encode_cached(a.embedder, [base_forms(fmt)])[0] @ a.qvec) >= FORMAT_CLOSE, fmt


# -- public API --------------------------------------------------------------------------------------------------------
def critique_answer(
    items: list[RubricItem],
    *,
    role: str,
    question: str,
    answer: str,
    embedder: "Embedder | None" = None,
    llm=None,
) -> Feedback:
    """Judge ``answer`` to ``question`` for ``role`` against every rubric item; see the module docstring.

    With ``llm`` (an optional backend) the items the rules leave ``unclear`` go to the LLM judge, which may settle
    them only with a verbatim quote; a failing backend leaves the rule verdicts as they are.
    """
    started = time.perf_counter()
    if not isinstance(answer, str) or not isinstance(question, str) or not isinstance(role, str):
        raise InputError("role, question and answer must be text")
    if not role.strip():
        raise InputError("a role is required to critique an answer (e.g. --role MLE)")
    if not question.strip():
        raise InputError("the practice question is empty; pick a question first (coach questions)")
    if len(answer) > MAX_ANSWER_CHARS:
        raise InputError(f"the answer is {len(answer):,} characters; the limit is {MAX_ANSWER_CHARS:,}")
    embedder = embedder or default_embedder()
    canonical = _canonical_role(role, items)
    models = _item_models(items, embedder)
    a = _prepare(question.strip(), answer, embedder)

    results: list[ItemFeedback] = []
    judged: list[tuple[RubricItem, _ItemModel, _Judgement]] = []
    areas = a.areas = area_vectors(embedder)
    for item in items:
        m = models[item.id]
        about, area = True, ""
        applies = _applies(item, canonical)
        stage = _other_stage(item, m, a) if applies else ""
        if not applies or stage:
            j, about = _Judgement("not_applicable"), not stage
        else:
            about, area = _about_question(item, m, a, areas)
            if not about:
                # a scoring table's band grades one kind of round: on another it does not apply at all
                j = _Judgement("not_applicable" if m.shape.kind == "band" else "unclear")
            else:
                j = (_judge_omission(m, a, item) if m.shape.kind == "omission" else judge_band(item, m, a)
                     if m.shape.kind == "band" else _judge_dont(m, a, about=True) if m.shape.kind == "dont"
                     else _JUDGES[m.shape.kind](m, a))
                j.delivery = m.shape.kind in DELIVERY_KINDS
        judged.append((item, m, j))
        advice = (f"Not about this question: the item is about {', '.join(item.roles)} answers on "
                  f"{ranked_areas(m.topic, areas)[0]}, the question asks about {stage}." if stage else
                  _advice(item, m, j, canonical) if about else
                  f"Not about this question: the item is about {area}, the question about "
                  f"{ranked_areas(a.qvec, areas)[0]}.")
        results.append(ItemFeedback(
            id=item.id, mistake=item.mistake, fix=_shown_fix(item, m), source=item.source, verdict=j.verdict,
            evidence=j.evidence.text if j.evidence else "", advice=advice,
            covers=j.covers, missing=j.missing, delivery=j.delivery, applies=about,
        ))

    backend = "rules"
    if llm is not None and a.stats.words:
        results, judged, backend = _refine_with_llm(llm, items, results, judged, canonical, question, answer)

    verdicts = [j.verdict for _, _, j in judged]
    # What the items about this question call for is on its topic whether or not the answer settles them: a terse
    # on-topic answer ("Kafka feeds a feature store, a model scores each payment …") shares few words with its
    # question and was capped as not addressing it.
    used = [(m, j.verdict == "avoided") for (_, m, j), r in zip(judged, results)
            if j.verdict in ("made", "avoided") or (j.verdict == "unclear" and r.applies and not j.delivery)]
    personal = a.personal
    about_me = personal is not None or is_behavioural(a.question)
    length = personal[0].length if personal else SPOKEN
    # How much nearer working life than private life the question (row 0) and each sentence are.
    margins = work_margin(np.vstack([a.qvec[None, :], a.vecs]), embedder) if about_me and not a.empty else None
    rel, on_topic, weights = _relevance(a, used, areas, personal, None if margins is None else margins[1:])
    # The parts the answer has are what it says it does: "... and not test it" has no checks.
    parts = structure_parts(question, a.stats, a.said)
    # Blame is what a coach hears in any story about something that went wrong; an ownership item already judged
    # counts it as its mistake, so it is not counted twice.
    owned = any(m.shape.kind == "ownership" and j.verdict in ("made", "avoided") for _, m, j in judged)
    blame = 0 if owned or a.empty else sum(1 for u in _blaming(a) if not a.handoff[a.units.index(u)])
    counts = RubricCounts.of(results)
    restated = [] if a.empty else restated_units(a.units, a.vecs, question)
    score, factors, _ = score_answer(ScoreInput(
        stats=a.stats, relevance=rel, on_topic_words=on_topic, counts=counts,
        # a hand-off already quoted as a mistake made is not counted a second time
        handoffs=sum(1 for u, h in zip(a.units, a.handoff) if h and not any(
            j.verdict == "made" and j.evidence is not None and j.evidence.start == u.start for _, _, j in judged)),
        parts=parts, concrete=_concrete(a), blame=blame,
        generic=not a.empty and _generic(a) and not any(j.covers for _, _, j in judged) and a.asks.mean() < 0.5,
        restated=len(restated), restated_words=sum(len(words(a.units[k].text)) for k in restated),
        length=length,
        free_time=(0, 0) if margins is None else free_time_sentences(
            float(margins[0]), margins[1:], [len(words(u.text)) for u in a.units]),
        elsewhere=_told_elsewhere(a, margins, personal, embedder),
        fit=None if about_me else _fit(a, counts), off_question=_turned_away(a),
        ideas=0.0 if a.empty else specific_ideas(
            [u.text for u in a.units], weights, [h or k in restated for k, h in enumerate(a.handoff)], question),
    ))
    content = [j for _, _, j in judged if j.verdict in ("made", "avoided") and not j.delivery]
    basis = "rubric" if content else "delivery-only"
    strengths, improvements = _strengths_improvements(judged, a.stats)
    if basis == "delivery-only" and not a.stats.says_nothing:
        improvements += _general_advice(question, a, parts, length)
    notes = delivery_notes(a.stats, length)
    return Feedback(
        role=canonical, question=question.strip(), score=score, items=results, strengths=strengths,
        improvements=improvements, delivery=notes, summary=_summary(results, a.stats, basis, counts), basis=basis,
        score_factors=[ScoreFactor(label=label, points=pts) for label, pts in factors if pts],
        backend=backend, latency_ms=(time.perf_counter() - started) * 1000.0,
    )


_CONCRETE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-Z][a-z]{2,}(?:\.js)?|"
                       r"[a-z]+(?:SQL|DB))\b")


def _concrete(a: _Answer) -> int:
    """Distinct named tools, products and technical terms (capitalised words not opening a sentence)."""
    names = set()
    for u, h in zip(a.units, a.handoff):
        if h:
            continue
        for m in _CONCRETE.finditer(u.text):
            if m.start() > 0 and m.group(0) not in _NOT_CONCRETE:
                names.add(m.group(0).lower())
    return len(names)


def _refine_with_llm(llm, items, results, judged, role, question, answer):
    from coach.components.llm import LLMError
    from coach.critique.llm_judge import refine

    try:
        refined = refine(llm, items, results, role, question, answer)
    except LLMError:
        return results, judged, "rules"
    settled = []
    for (item, m, j), new in zip(judged, refined):
        if new.verdict != j.verdict:
            start = answer.find(new.evidence) if new.evidence else -1
            quote = Unit(new.evidence, start, start + len(new.evidence), -1) if start >= 0 else None
            j = _Judgement(new.verdict, quote)
        settled.append((item, m, j))
    return refined, settled, f"rules+{llm.name}"


ON_TOPIC_UNIT = 0.3  # a sentence addresses the question (or a judged item's fix) from this cosine similarity
GENERIC_WEIGHT = 0.35  # share of a generic sentence's words that count as substance
AREA_OFFSET = 0.15  # a sentence's similarity to the question's interview area counts this much less than to it
SELF_OFFSET = 0.05  # ... and this much less when the question is about the candidate (SELF_AREAS)
SELF_AREAS = ("introduction", "behavioural")
WORK_MARGIN = 0.05  # a sentence this much nearer working life than private life talks about the candidate's work
WORK_SIM = 0.2  # ... and is then as near a question about the candidate as this
PRIVATE_SIM = 0.1  # a sentence as much nearer private life is at most this near it
# A sentence that says the answer leaves the question for another topic ("I'd rather talk about the project I'm
# proudest of", "that's not really my area, but let me tell you about ..."): off the question by what it says. A
# preference between options ("I'd rather focus on the one role that fits me") is an answer, not a turn away.
TURNS_AWAY = re.compile(
    r"\bI(?:'d| would) (?:much )?rather (?:talk|tell you|speak|discuss)\b"
    r"|\b(?:let me|I'll|I will|I'd|I can) (?:instead )?(?:talk|tell you|speak) about \w+(?: \w+){0,8} instead\b"
    r"|\binstead,? (?:let me|I'll|I will|I'd like to) (?:talk|tell you|speak)\b"
    r"|\b(?:can|could|may) I (?:talk|tell you) about (?:something|another|a different)\b"
    r"|\b(?:not|isn't|is not) (?:really )?my (?:area|thing|strong suit|strength),? but\b", re.I)


def _fit(a: _Answer, counts: RubricCounts) -> float | None:
    """How near the answer as a whole (the mean of its sentences) is to the question: an answer to another question
    of the same area stays near the area, and its sentences near the area's words, but not near what was asked.
    None when that is no measure of it: an answer that covers or avoids a content item about the question engages
    what was asked of it, and a story of the candidate's own deeds (most sentences) told for a question that is no
    design or coding task answers a question about the candidate in words of its own ("What's a project you're
    proud of?" is not classed as one, and a story shares few words with it)."""
    if a.empty or counts.covered or counts.avoided > counts.delivery_avoided:
        return None
    if question_type(a.question) not in ("design", "coding") and sum(
            tells_own_deed(u.text) for u in a.units) * 2 >= len(a.units):
        return None
    mean = a.vecs.mean(axis=0)
    return float(mean @ a.qvec / (np.linalg.norm(mean) or 1.0))


def _turned_away(a: _Answer) -> OffQuestion | None:
    """How much of the answer comes from the first sentence that turns away from the question (TURNS_AWAY) on: what
    follows it is about the other topic it names, by the answer's own account, however near the question's area."""
    hit = next((k for k, u in enumerate(a.units) if TURNS_AWAY.search(u.text)), None)
    if hit is None:
        return None
    n = [len(words(u.text)) for u in a.units]
    return OffQuestion(sum(n[hit:]) / (sum(n) or 1), len(n), len(n) - hit, a.units[hit].text)


def _told_elsewhere(a: _Answer, margins: np.ndarray | None, personal, embedder: "Embedder") -> bool:
    """A story of the candidate's past (one that tells the candidate's own deeds) asked about work (the question not
    nearer private life by WORK_MARGIN) and set, as a whole, outside work (``personal.told_elsewhere``): one by one
    its sentences read as work too often ("I took photos and wrote him a calm letter" of a dispute with a landlord)."""
    if margins is None or personal is not None or margins[0] < -WORK_MARGIN:
        return False
    units = [u.text for u in a.units]
    return any(tells_own_deed(u) for u in units) and told_elsewhere(a.question, units, embedder)


def _relevance(a: _Answer, models, areas: np.ndarray, personal=None, work=None) -> tuple[float, int, np.ndarray]:
    """(how on-topic the answer is, words of on-topic sentences that do not deflect, each sentence's weight as
    substance: ``_sentence_weights``): similarity of its sentences
    to the question, to the fixes of the items it was judged on or that are about the question, or (less) to the
    interview area the question is about — a good "Tell me about yourself" shares few words with the question but
    is plainly an introduction. For a question about the candidate (``personal``: its kind and what its answer talks
    about; ``work``: each sentence's ``personal.work_margin``), also to what its answer talks about, and by whether a
    sentence talks about working or private life."""
    if a.empty:
        return 0.0, 0, np.zeros(0)
    # Similarity to the question without the words the sentence shares with it (echoing them answers nothing) or,
    # discounted, with them, else to what the judged items call for: their fixes and the concepts a good answer covers.
    sims = a.question_sim()
    # An item about delivery ("practice whiteboarding": its fix is how to speak) gives no topic to be near.
    refs = [p.vec for m, covered in models if m.shape.kind not in DELIVERY_KINDS
            for p in (m.fix, *(m.concepts if covered else ()))]
    fixes = np.stack(refs) if refs else np.zeros((0, a.vecs.shape[1]), np.float32)
    if len(fixes):
        sims = np.maximum(sims, (a.vecs @ fixes.T).max(axis=1))
    top_area = int(np.argmax(areas @ a.qvec))
    # A question about the candidate ("Tell me about yourself") has no topic of its own to be near: there the
    # area is what an answer should be about.
    offset = SELF_OFFSET if list(AREAS)[top_area] in SELF_AREAS else AREA_OFFSET
    sims = np.maximum(sims, a.vecs @ areas[top_area] - offset)
    if personal is not None:
        # A question about the candidate: what its answer talks about is the topic ("I hold on to work until it's
        # perfect" answers "What's your biggest weakness?" without a word of it).
        sims = np.maximum(sims, a.vecs @ personal[1])
    if work is not None:
        # ... and any sentence about the candidate's working life is near it ("I cut our checkout load time from six
        # seconds to 1.8" for "a project you're proud of" is 0.03 from the question).
        at_work = work > WORK_MARGIN
        # A sentence about private life or opinions in general is not about the candidate's work, however near
        # the question's words ("It taught me a lot about being patient" after a hiking trip) ...
        sims = np.where(work < -WORK_MARGIN, np.minimum(sims, PRIVATE_SIM), sims)
        # ... but in a story (a question about the candidate's past) placed at work, each deed the candidate tells is
        # part of it, however few work words it has ("I ran old and new side by side for a week" after "I rebuilt
        # our invoice search"), and so is each sentence no nearer private life than work: its scene and outcome
        # ("Last spring our search page was timing out during sales" sat at 0.04 and, one of three, halved the score).
        if personal is None and at_work.any():
            at_work |= (work >= 0) | np.array([tells_own_deed(u.text) for u in a.units], dtype=bool)
        sims = np.where(at_work, np.maximum(sims, WORK_SIM), sims)
    weight = _sentence_weights(a, sims)
    # Distinct content words, each counted at the weight of the nearest sentence that says it; deflecting sentences
    # add nothing.
    seen: dict[str, float] = {}
    for st, w, h in zip(a.stems, weight, a.handoff):
        if not h:
            for x in st:
                seen[x] = max(seen.get(x, 0.0), float(w))
    words_on = int(round(sum(seen.values())))
    return float(np.sort(sims)[::-1][:3].mean()), words_on, weight


def _sentence_weights(a: _Answer, sims: np.ndarray) -> np.ndarray:
    """How much each sentence's words count as substance: in proportion to how near it is to the question (never
    below 0.4: a good story shares few words with the question), less for one that says nothing specific."""
    weight = np.clip((sims - 0.05) / (ON_TOPIC_UNIT - 0.05), 0.4, 1.0)
    # A sentence with no specifics, or one carried by stock phrases, says little however many words it has.
    # A question asked back ("How does the team decide what to build?") is no claim that needs specifics.
    for k, u in enumerate(a.units):
        if (k in a.signals.generic_units or STOCK.search(u.text)) and not a.asks[k]:
            weight[k] *= GENERIC_WEIGHT
    return weight
