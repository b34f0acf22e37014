"""Extractive answers: pick 1-4 sentences of the retrieved chunks that answer the question and cite each [n].

Sentences are quoted verbatim (numbers, ranges and amounts stay exactly as the article wrote them). Scoring mixes
embedding similarity to the standalone question, lexical overlap weighted by word rarity, question-type cues
(durations for "how long", money for "pay", counts for "how many rounds") and the retrieval evidence of the chunk.
The plan's kind (:mod:`coach.plan`) then decides the shape: the asked fact or "the library doesn't answer exactly
this", list items, a mistake with its fix, labelled facts of the named sections compared, a recommendation for a
should-I question. When the question names two or more roles, each named role gets at least one sentence.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import numpy as np

from coach.adverts import attribution, promo_sentence, promotional, sponsored
from coach.cache import EmbeddingCache
from coach.models import Chunk, Role, Source
from coach.plan import (DURATION, FACT_KINDS, GATED_KINDS, LENGTH, MONEY, NEGATIVE, NOT_EXACT, NUMBER_WORDS, PRICE,
                        SPOKEN, WARNING, asked_unit, asks_what_to_do, carries, carries_in, plan)
from coach.roles import role_mentions
from coach.scope import known_company_mentions, mentions_name
from coach.store.bm25 import tokenize
from coach.text import split_sentences
from coach.vocabulary import stand_ins

MAX_SENTENCES = 4
MAX_ITEMS = 5  # list answers quote up to this many items
MAX_CHARS = 650
# A heading / FAQ question this similar to the user's question is the same question: its answer is the article's.
FAQ_MATCH = 0.8
MATCHING_HEADING = 0.55  # a heading or FAQ question this similar to the question heads the article's own answer
# An interview prompt written as an imperative is a question too ("Tell me about a time you failed.").
_PROMPT = re.compile(r"^\W*(?:tell me|tell us|describe (?:a|an|the|your) (?:time|situation)|give (?:me|us) an example|"
                     r"walk me through|name (?:a|an|one) (?:\w+ ){0,2}(?:time|situation|challenge|problem|project|"
                     r"mistake|conflict|decision))\b", re.I)
_ASKS_PRODUCTS = re.compile(r"\b(?:resources?|books?|courses?|guides?|materials?|platforms?|tools?|websites?|sites?|"
                            r"services?|apps?|newsletters?|handbooks?|playbooks?|recommend\w*)\b", re.I)
_ASKS_QUESTIONS = re.compile(r"\bquestions?\b|\bask\b|\bprompts?\b", re.I)
LIST_FIT_BONUS = 0.05  # a lead-in whose items have the asked shape (plain questions, or labelled kinds)
WHOLE_LIST_MATCH = 0.7  # a list whose heading matches the question this well is quoted from its start
LEAD_IN_MATCH = 0.5  # a list's lead-in (with its section heading) this similar to the question introduces the answer
_EXPLAINED = ("why", "why_bad", "yes_no", "howto", "other", "definition")
EMBED_LIMIT = 10
DENSE_CHUNKS = 3  # the chunks by dense similarity whose best sentences are always embedded

# Question-type cues: (question pattern, sentence pattern, bonus)
_MONEY = re.compile(r"[$€£]\s?\d")
_DURATION = re.compile(r"\b\d+(?:\s?(?:-|–|to)\s?\d+)?\s*(?:weeks?|days?|months?|hours?)\b", re.I)
_COUNT = re.compile(r"\b(?:\d+(?:\s?(?:-|–|to)\s?\d+)?|one|two|three|four|five|six|seven|eight)\s+(?:\w+\s+)?"
                    r"(?:rounds?|stages?|interviews?|steps?)\b", re.I)
_SIZE = re.compile(LENGTH.pattern + "|" + SPOKEN.pattern, re.I)
_QUOTE = re.compile(r"[“\"][^”\"]{12,}[”\"]")
# A BAD/GOOD pair as quoted ("Mistake to avoid: X Better: Y"): the labels are the composer's words, not the article's.
_PAIRED = re.compile(r"^\W*(?:BAD|GOOD|Mistake to avoid|Better)\b")
_PAIR_LABELS = re.compile(r"^Mistake to avoid:\s*|^Better:\s*|\s+Better:\s+")
_CUES = [
    (re.compile(r"\b(pay|paid|pays|salar\w*|earn\w*|compensation|comp|make|makes|income|wages?|money|TC|"
                r"package)\b", re.I), _MONEY, 0.35),
    (re.compile(r"\bhow long\b|\bduration\b|\btime ?(?:frame|line)\b|\bhow (?:quick|fast)\w*\b|\bweeks?\b|"
                r"\bmonths?\b|\btake to\b", re.I), _DURATION, 0.35),
    (re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b", re.I), _COUNT, 0.3),
    (re.compile(r"\bexamples?\b|\bsample\b|\b(?:kind|sort|type)s? of questions?\b|\bquestions? (?:do|does|are|"
                r"get|will)\b|\bprompt\b", re.I), _QUOTE, 0.2),
    (re.compile(r"\bavoid\b|\bmistakes?\b|\bpitfalls?\b|\bwrong\b|\bdon'?t\b", re.I), _PAIRED, 0.2),
]
# Question words that say "compare": each named role must then be covered.
_SYNONYMS = {
    "pay": ["salary", "salari", "earn", "compensation", "pay", "range"],
    "salary": ["salary", "pay", "range"], "salari": ["salary", "pay", "range"],
    "earn": ["salary", "pay", "range"], "make": ["salary", "pay"], "compensation": ["salary", "pay", "range"],
    "long": ["week", "take"], "stage": ["round"], "step": ["round"], "loop": ["round", "interview"],
    "impact": ["influence", "scope"], "reach": ["influence", "scope"],
    "program": ["cod", "code"], "programmer": ["cod", "code"], "coder": ["cod", "code"],
}
_YES_NO = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|should|will|would|must|have|has)\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\s+((?:[a-z-]+\s+){0,2}[a-z-]+)\b", re.I)
_STOP_NOUNS = frozenset("the a an of do does did should will would can is are in at for".split())


def _stem_noun(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


_ANAPHOR = re.compile(r"^(?:They|Their|Them|It|Its|This|These|Those|That|Both|Such|He|She|However)\b")
# A sentence about the statement before it ("This improves the generalization of the model."), not a pronoun that may
# stand for the subject ("It appears that ...").
_POINTS_BACK = re.compile(r"^(?:This|These|That|Those|Such)\b(?!\s+(?:is|are) (?:why|because)\b)")
_SKIP = re.compile(r"^(?:faq|tl;?dr|share:?|back to blog|preparation checklist|mistakes to avoid)\W*$", re.I)
_LABEL = re.compile(r"^\W*(BAD|GOOD)\s*:\s*", re.I)
_NEGATIVE = NEGATIVE
_FIX = re.compile(r"\b(?:instead|rather than|better|should|use|make sure|ensure|tailor|keep|reduce|focus\w*|"
                  r"emphasiz\w*|improv\w*|avoid|proofread)\b", re.I)
# A sentence that announces content instead of giving it: "Here, I present questions to ask ...", "here are some
# of the top tips ...", "Here's an example of ...", "In this guide we will ...". It is never the answer itself.
_PROMISE = re.compile(r"^\W*(?:here(?:'s| is| are|,? (?:i|we) (?:present|list|share|cover|have))|below (?:are|is|you)|"
                      r"(?:in )?this (?:article|guide|post|section|page) (?:will|covers|explains|shows|lists)|"
                      r"(?:i|we)(?:'ll| will) (?:cover|show|explain|go through|go into|list|share|discuss|walk you through)|"
                      r"let'?s (?:look|dive|go)|"
                      r"(?:fortunately|luckily),? there are|"
                      # A pointer to material elsewhere: "Refer to the example below.", "See the table above."
                      r"(?:refer to|see) (?:the |this |an? )?(?:\w+ )?(?:examples?|tables?|figures?|diagrams?|code|"
                      r"sections?|snippets?) (?:below|above))\b|\bhere are (?:some|the|a few)\b|"
                      # The author pointing to their own material: "I have prepared a cheatsheet which outlines ...".
                      r"\b(?:i|we)(?:'ve| have) (?:prepared|collated|compiled|put together|gathered|written up)\b",
                      re.I)
# "Here's something recruiters don't want you to know - <the fact>": an announcement that goes on to say it.
_PROMISE_KEPT = re.compile(r"(?:\s[-–—]|:)\s+(?:\S+\s+){5,}\S")


def _announces(sentence: str) -> bool:
    """Whether ``sentence`` only announces content (see ``_PROMISE``) instead of giving it."""
    m = _PROMISE.search(sentence)
    return bool(m) and not _PROMISE_KEPT.search(sentence, m.end())
# A sentence that sets the scene before the answer: "Something you can always count on to happen at the end ...",
# "Something most candidates may not realize is that ...", "As you may know, ...". It may carry a fact, but rarely
# the asked one: it yields to the sentences that follow it when they match nearly as well.
_SCENE = re.compile(r"^\W*(?:something (?:that )?(?:you|most|many|every|all|people|candidates|few)\b|"
                    r"as (?:you|many of you|most of you) (?:may|might|probably|already) (?:know|have heard)|"
                    r"you (?:may|might) have heard|it(?:'s| is) no secret\b|we all know\b)", re.I)
SCENE_PENALTY = 0.3  # as much as an announcement: it leads to the point rather than making it
# A sentence that offers a remedy: "A way to get around this is to split ...", "Use X instead".
_REMEDY = re.compile(_FIX.pattern + r"|\b(?:trick|way to|ways to|get around|work around|solution|solve|fix|prevent|"
                     r"remedy|helps?|instead)\b", re.I)
# A sentence that names a concept: "Bias is the error ...", "This is called overfitting", "known as X".
_NAMES = re.compile(r"^\W*(?:the\s+|an?\s+)?[\w'-]+(?:\s+[\w'-]+){0,3}\s*\W*\s+(?:is|are|refers to|means|describes)\s+"
                    r"(?:the|an?|when|how|what|called)\b|\b(?:is|are) (?:called|known as|referred to as|termed)\b|"
                    r"\bterm for\b", re.I)
_SHORT_QUESTION = re.compile(r"^\W*[A-Z][a-z]+\s+\w[\w.'-]*\?$")  # "Why Lyft?", "Why Google?"
_VERDICT = re.compile(r"^\W*(?:yes|no)\b\s*[,.!:;-]", re.I)  # "Yes, you may need ...", "No - only ..."
_YES_NO_WORD = re.compile(r"^\W*(?:yes|no|not|never|always|it depends|depends|absolutely|definitely)\b", re.I)


_RECOMMEND = re.compile(r"\b(?:should(?:n'?t)?|must|never|always|do not|don'?t|avoid|recommend\w*|(?:not )?a good idea|"
                        r"make sure|ensure|try (?:not )?to|is (?:best|better|enough|not enough|fine|ok(?:ay)?)|"
                        r"better (?:to|than|off)|(?:is|are) not (?:necessary|needed|required)|no need|"
                        r"(?:would|will|do|does)(?:n'?t| not) need)\b", re.I)


# A sentence that makes a claim or gives a reason: a why-answer leads with one, not with a sentence that only sets the
# scene ("If you've received an offer, congratulations!").
_CLAIM = re.compile(r"\b(?:never|always|must|should|expect\w*|important|key|best|better|worse|more|less|only|because|"
                    r"so that|since|otherwise|leads? to|helps?|allows?|prevents?|makes?|need\w*)\b", re.I)
CLAIM_NEAR = 0.2  # as close to the best sentence as a claim of its section that leads the answer instead
# A sentence that gives a reason or a consequence ("... so that you don't go down the rabbit hole", "this leads to
# learning a linear function", "as it is hard to expect interns to ..."): kept in a why-answer even before its best
# sentence.
_REASON = re.compile(r"\b(?:because|since|so that|in order to|as it is|as a result|this is (?:the reason|why)|"
                     r"that'?s why|the reason|which means|means that|otherwise|leads? to|results? in|due to|thanks to|"
                     r"by virtue of|hence|therefore|thus)\b", re.I)
ECHO_BONUS = 0.1
DISTINCT_SHARE = 0.3  # a subject word in this share of the candidate sentences does not tell them apart
# Retrieved evidence this strong (a heading or passage matching the question) shows the library covers the subject
# even when the closest sentence does not repeat its words.
ON_TOPIC_RELEVANCE = 0.5
# A sentence of this many characters that the question quotes whole is what the asker already has, not the answer.
ECHO_MIN_CHARS = 40
ECHO_PENALTY = 1.0  # like a sentence that only continues another: never leads while another fits
CLOSEST_NEAR = 0.3  # as close to the best sentence as an on-topic one quoted instead when the asked fact is missing
# The modal of a can/will-question ("should"/"must" questions are answered by recommendations, see ``_RECOMMEND``).
_ASKED_MODAL = re.compile(r"\b(can|could|will|would|may|might)\b\s+(.+)", re.I)


def _asked_predicate(question: str) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """(the question's modal, the content words of the clause it governs): a sentence that states the same modal
    about the same thing ("interviewers can even see feedback ...") answers "can the interviewers see ...?"."""
    m = _ASKED_MODAL.search(question)
    if m is None:
        return None
    words = _stems(" ".join(m.group(2).split()[:8])) - _GENERIC
    if not words:
        return None
    modal = m.group(1).lower()
    return re.compile(rf"\b{modal}(?:n't| not)?\b", re.I), frozenset(words)

# A prohibition: "Never add symbols to your headers", "do not do keyword stuffing", "Avoid cliches".
_PROHIBITS = re.compile(r"\b(?:never|do not|don'?t|avoid|should(?:n'?t| not)|must(?:n'?t| not)|try not to)\b", re.I)
PROHIBITION_NEAR = 0.3  # as close to the best sentence as a list item that still belongs to the answer


# An imperative: a verb, then what it acts on ("Visualize the problem", "start with a high-level function", "Come up
# with more examples") or a series of verbs ("pause, breathe and say ..."), maybe after a condition ("If the problem
# is large, start with ..."). A sentence that opens with a noun goes on with its verb instead ("Whiteboards make ...").
_IMPERATIVE = re.compile(r"^\W*(?:(?:so|and|but|then|now)\s+)?(?:(?:if|when|once|before|after|while|whenever)\b[^,]{3,120},"
                         r"\s*)?(?!(?:there|it|this|that|these|those|here|one|each|every|some|most|many|all|no|not|you|we|"
                         r"i|they|he|she|if|when|once|before|after|while|whenever|so|and|but|then|now|as|or|because|"
                         r"since|also|just|only)\b)"
                         r"[A-Za-z]+(?<!ing)(?<!ed)(?<![^s]s)(?<!ly)(?:\s+(?:\w+ly\s+)?"
                         r"(?:a|an|the|your|yourself|you|it|them|this|that|these|those|some|any|each|every|more|less|"
                         r"with|to|up|out|about|on|for|into|through|over|down|back|off|away|ahead|at|by|what|how|if|"
                         r"whether|not|clarifying|multiple|several|other)\b|,\s+[a-z]+,?\s+and\s)", re.I)
# A directive to the reader: "you should", "make sure", "try (not) to", "it is important to", "I recommend", "the key is
# to", "a trick to get around this is", "reflect on …" after a condition.
_DIRECTIVE = re.compile(r"\b(?:should(?:n'?t)?|must|make sure|ensure|try (?:not )?to|(?:is|are|it'?s) (?:so |very |really )?"
                        r"(?:something |one thing |a thing )?"
                        r"(?:important|essential|crucial|key|best|better|worth|(?:a |an )?(?:good|great|useful|helpful)\b)|recommend\w*|"
                        r"(?:the )?(?:key|trick|way|solution) (?:to|is)|ways? to get around|get around this|"
                        r"(?:^|[,;]\s*)(?:never|always|avoid|do not|don'?t) \w+)\b", re.I)
POINTERS_ONLY = "The library only points to other material on this; it does not state the advice itself."
ADVICE_NEAR = 0.15  # as close to the best sentence as advice that leads the answer to "what do I do when …"


def advises(sentence: str) -> bool:
    """Whether ``sentence`` tells the reader what to do: a directive ("you should", "try not to", "make sure", "a trick
    to get around this is ...") or an imperative ("Visualize the problem", "start with a high-level function")."""
    return bool(_DIRECTIVE.search(sentence) or _IMPERATIVE.match(sentence))


def _verdict(c: "Cand") -> bool:
    """The top-ranked chunk opens with a verdict ("Yes - if ...", "No, ..."): the direct answer to a yes/no question
    even when its heading is phrased unlike the question."""
    return c.hi == 0 and bool(_YES_NO_WORD.match(c.text))


def _lead_answers(c: "Cand", hit: Hit) -> bool:
    """A chunk's lead sentence that answers a yes/no question by itself: a recommendation under a heading or FAQ
    question matching the question ("Not in depth."), or the top chunk's opening verdict."""
    return hit.heading >= MATCHING_HEADING and _recommends(c.text) or _verdict(c)


def _recommends(sentence: str) -> bool:
    """Whether a sentence answers a yes/no or should-I question: it opens with yes/no/not, or it recommends."""
    return bool(_YES_NO_WORD.match(sentence) or _RECOMMEND.search(sentence))


@dataclass
class Hit:
    """A retrieved chunk with its evidence: fused score, dense cosine and heading/FAQ-question similarity."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    heading: float = 0.0

    @property
    def relevance(self) -> float:
        return max(self.dense, self.heading)


@dataclass
class Composed:
    text: str
    sentences: list[str]
    sources: list[Source]
    top_score: float = 0.0
    pieces: list[str] = field(default_factory=list)  # answer sentences with their markers, for streaming
    best_sim: float = 1.0  # the best answer sentence's similarity to the question
    typed: bool = False  # it quotes the asked kind of fact (a duration, an amount) about the question's topic
    name_only: bool = False  # the only content word it shares with the question is a company name
    off_subject: bool = False  # neither its sentences nor their headings name the question's distinctive subject


class SentenceEmbeddings(EmbeddingCache):
    """Text → vector cache: chunk sentences recur across questions, encoding them again costs ~5 ms each."""

    def __init__(self, embedder, max_items: int = 20000):
        super().__init__(embedder, max_items)


@lru_cache(maxsize=4)
def _company_stems(companies: tuple[str, ...]) -> frozenset[str]:
    """Word keys of all library company names, once per library state (thousands of names in a big library)."""
    return frozenset().union(*map(_name_stems, companies))


@lru_cache(maxsize=100_000)
def _name_stems(name: str) -> frozenset[str]:
    # Its own cache, sized for every name: a new company costs its own stems, not all names' again.
    return _stems.__wrapped__(name)


@lru_cache(maxsize=16384)  # the same retrieved sentences and headings are keyed again for every answer
def _stems(text: str) -> frozenset[str]:
    """Word keys: BM25 tokens cut to six letters, so "prepare" and "prepared" meet."""
    return frozenset(_key(t) for t in tokenize(text)) - _CONTRACTED


def _key(token: str) -> str:
    """A token cut to six letters without a final "e", so that the stemmer's "resume"/"resum" (from "resumes") and
    "code"/"cod" (from "coding") meet."""
    t = token[:6]
    if t.endswith("'"):  # "what's" -> "what'": nothing; a possessive ("coach's") stays apart from the word
        return "" if t[:-1] in _CONTRACTED else t
    return t[:-1] if len(t) >= 4 and t.endswith("e") else t


# Pronouns and what "what's", "it's", "that's" leave behind once tokenized: no content.
_CONTRACTED = frozenset({"", "what", "it", "that", "there", "here", "let", "who", "where", "he", "she", "they", "you",
                         "i", "we", "my", "your", "our", "me", "us"})


# Words a question uses without naming what it is about ("what about the pay", "what's it like", "the whole process").
_FILLER = _stems("about like really actually exactly whole overall general generally thing things stuff way ways also "
                 "just even still much many more most lot lots kind sort ever")


_SYN_KEYS = {_key(k): [_key(v) for v in vals] for k, vals in _SYNONYMS.items()}


# Words every interview article repeats: sharing them does not make a sentence about the question.
_GENERIC = _stems("interview interviews role roles candidate candidates question questions process company job tech "
                  "position loop typically hiring hire recruiting")


def _topic_stems(question: str, roles: Sequence[Role], companies: Sequence[str]) -> set[str]:
    """What the question asks about: its content words without role/company names and generic interview words."""
    entities = set()
    for s, e, _ in role_mentions(question, list(roles)):
        entities |= _stems(question[s:e])
    for s, e, _ in known_company_mentions(question, companies):
        entities |= _stems(question[s:e])
    return _expanded(_stems(question)) - entities - _GENERIC


def _expanded(tokens: set[str]) -> set[str]:
    out = set(tokens)
    for t in tokens:
        out.update(_SYN_KEYS.get(t, []))
    return out


_KIND_WORDS = {
    "duration": _expanded(_stems("long time take takes week weeks month months day days hour hours minutes last lasts "
                                 "usually typical need")),
    "length": _expanded(_stems("long short length size page pages word words")),
    "money": _expanded(_stems("pay paid salary earn make money compensation much")),
    "count": _stems("many number much"),
    "mistake": _expanded(_stems("mistake mistakes avoid pitfall pitfalls wrong error errors common make people "
                                "usually often get gets go goes do doing instead know any biggest classic slip slips "
                                "blunder blunders mess habit habits steer clear trip trips up should")),
    "list": _stems("some main common best good kind kinds type types list usually often"),
    "example": _stems("example examples sample some typical common give"),
}


def is_promotion(chunk: Chunk) -> bool:
    """A sponsored section or an advert: never retrieved, never quoted."""
    return _sponsored_head(chunk.section, chunk.text[:300])


@lru_cache(maxsize=8192)  # every answer checks its few dozen candidate chunks again
def _sponsored_head(section: str | None, head: str) -> bool:
    return sponsored(section, head)


@dataclass
class Cand:
    """A quotable unit of a retrieved chunk: a sentence, or a mistake with its fix (a BAD/GOOD pair)."""

    hi: int  # hit index
    si: int  # sentence index in the chunk
    line: int  # line (paragraph or list item) index in the chunk
    text: str  # what is quoted
    question: bool = False  # the sentence is itself a question (a list of example questions, an FAQ heading)
    fix: str | None = None  # the GOOD half of a BAD/GOOD pair
    asked: str | None = None  # the in-text question this sentence answers (first sentence after "What is X?")
    first: bool = True  # the first sentence of its line (a list item's label, a paragraph's topic sentence)
    itemlike: bool = False  # its chunk reads as a list: several short lines
    continues: bool = False  # the rest of its paragraph (a closing lead-in with its items): quoted only after it
    pointer: bool = False  # an item of a list that points to material (resources, page titles), not advice


def _library_names(question: str, cands: Sequence[Cand], hits: Sequence[Hit]) -> tuple[str, frozenset[str]]:
    """(the passages' names for the things the question names by another name, the word keys of the question's own
    names they stand in for): "Any pitfalls with my CV?" -> ("resume", {"cv"}) when the retrieved passages say
    "resume". Only names whose every word the passages or their headings use are taken."""
    named = stand_ins(question)
    if not named:
        return "", frozenset()
    seen = set().union(*(_stems(c.text) for c in cands), *(_stems(f"{h.chunk.title} {h.chunk.section or ''}")
                                                             for h in hits))
    extra: list[str] = []
    spoken: set[str] = set()
    for group, used in named:
        others = [p for p in group if p not in used and _stems(p) and _stems(p) <= seen]
        if others:
            extra += others
            spoken |= set().union(*map(_stems, used)) - set().union(*map(_stems, others))
    return " ".join(extra), frozenset(spoken)


def _candidates(hits: Sequence[Hit], wants_products: bool = False) -> list[Cand]:
    """Every quotable sentence of the hits. Headings, lead-ins ending in ":", promotion and sponsored chunks are left
    out, and so is a sentence that names a product (a course, a playbook, a link) unless the question asks for
    resources; a BAD/GOOD pair becomes one candidate (the mistake, with its fix)."""
    out: list[Cand] = []
    for hi, hit in enumerate(hits):
        if is_promotion(hit.chunk) or _filler(hit.chunk.text):
            continue
        skip = {(hit.chunk.title or "").strip().lower(), (hit.chunk.section or "").strip().lower()}
        lines = [ln for ln in hit.chunk.text.splitlines() if ln.strip()]
        itemlike = len(lines) >= 3 and sorted(len(ln) for ln in lines)[len(lines) // 2] <= 160
        pointers = _pointer_lines([ln.strip() for ln in lines], hit.chunk.section or "")
        units = [(li, s.strip()) for li, line in enumerate(lines) for s in split_sentences(line)]
        si = 0
        asked_by, asked_left = None, 0
        while si < len(units):
            li, s = units[si]
            si += 1
            prev_li, prev = units[si - 2] if si >= 2 else (-1, "")
            first = prev_li != li
            if prev.rstrip("*_ ").endswith("?") and prev_li >= li - 1:
                asked_by, asked_left = prev, 3  # the next few sentences answer this in-text question
            short = len(s) < 10 and not _SHORT_QUESTION.match(s)  # "Why Lyft?" is an interview question
            if short or s.lower().rstrip(".:?") in skip or s.lower() in skip or _SKIP.match(s):
                continue
            if s.rstrip("*_ ").endswith(":") and first:
                counted = _counted_list(s, lines, li)
                if counted:  # "There are 2 general methods ...:" is a count's answer together with its items
                    out.append(Cand(hi, si - 1, li, counted, first=True))
                continue
            last = si == len(units) or units[si][0] != li
            if s.rstrip("*_ ").endswith(":") and last:
                # "Paste it into a plain text document! Make edits if:" — a lead-in that ends the paragraph of the
                # sentence before it is the rest of that paragraph's point: quoted with its items, it can follow it.
                led = _with_items(s, lines, li)
                if led:
                    out.append(Cand(hi, si - 1, li, led, first=False, itemlike=itemlike, continues=True))
                continue
            if s.rstrip("*_ ").endswith(":") or _never_quoted(s) or (not wants_products and _names_product(s)):
                continue  # a lead-in ("... include:"), an advert or a "Source: X" credit is never the answer
            label = _LABEL.match(s)
            if label:
                if label.group(1).upper() == "GOOD":
                    out.append(Cand(hi, si - 1, li, f"Better: {s[label.end():]}", fix=s[label.end():]))
                    continue
                bad = s[label.end():]
                nxt = units[si][1] if si < len(units) else ""
                good = _LABEL.match(nxt)
                fix = nxt[good.end():] if good and good.group(1).upper() == "GOOD" else None
                if fix:
                    si += 1
                    out.append(Cand(hi, si - 2, li, f"Mistake to avoid: {bad} Better: {fix}", fix=fix))
                else:
                    out.append(Cand(hi, si - 1, li, f"Mistake to avoid: {bad}"))
                continue
            asked = asked_by if asked_left > 0 else None
            asked_left -= 1
            out.append(Cand(hi, si - 1, li, s, question=s.rstrip("*_ ").endswith("?"), asked=asked, first=first,
                            itemlike=itemlike, pointer=li in pointers))
    return out


_TITLE_WORD = re.compile(r"[A-Za-z][\w'&+#.-]*")
_TITLE_SMALL = frozenset("a an the of and or for to in on at by with from vs via your my our".split())


@lru_cache(maxsize=16384)
def title_only(line: str) -> bool:
    """Whether a line only names something — a page, a course, a link's text ("AlgoMonster", "Grokking the Coding
    Interview: Patterns for Coding Questions") — instead of saying anything: a few words, each capitalised but for
    small ones, and no sentence ending. A statement ("Pick a good programming language to use") has lowercase words."""
    text = line.strip().strip("*_ ")
    words = _TITLE_WORD.findall(text)
    if not words or len(words) > 12 or text.endswith(("?", "!")) or re.search(r"\.\s|[;,]", text):
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


@lru_cache(maxsize=16384)  # every answer checks the same retrieved sentences again
def _never_quoted(sentence: str) -> bool:
    """An advert sentence or a "Source: X" credit."""
    return promo_sentence(sentence) or attribution(sentence)


@lru_cache(maxsize=16384)
def _names_product(sentence: str) -> bool:
    return promotional(sentence)


def _filler(sentence: str) -> bool:
    """A passage that carries nothing to quote: a placeholder of one or two words ("Answer here", "TBD")."""
    words = re.findall(r"[\w'-]+", sentence)
    return len(words) < 3 and not re.search(r"\d", sentence) and not _YES_NO_WORD.match(sentence)


_NUMBERED = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})\s+(?:[\w-]+\s+){{0,2}}[a-z]+s\b", re.I)


def _opening(scored: list, hi: int) -> list[Cand]:
    """The first (up to three) answer sentences of hit ``hi``, in order, within the length budget."""
    opening = sorted((t[1] for t in scored if t[1].hi == hi and not t[1].question and not _announces(t[1].text)),
                     key=lambda c: c.si)[:3]
    picked, size = [], 0
    for c in opening:
        if size + len(c.text) > MAX_CHARS and picked:
            break
        picked.append(c)
        size += len(c.text)
    return picked


def _counted_list(lead: str, lines: list[str], li: int) -> str | None:
    """"There are 2 general methods: A; B." — a lead-in that counts the short items following it, quoted with them
    (alone it would be a lead-in ending in ":"); None when it counts nothing or no short items follow."""
    if not _NUMBERED.search(lead):
        return None
    return _with_items(lead, lines, li)


def _with_items(lead: str, lines: list[str], li: int) -> str | None:
    """A lead-in ending in ":" quoted with the short items on the lines after it ("Make edits if: A; B; C."), so that
    it is no lead-in ending in ":" any more; None when it is long or fewer than two short items follow."""
    if len(lead) > 200:
        return None
    items = []
    for line in lines[li + 1:li + 9]:
        text = line.strip().lstrip("-*• ").strip()
        if not text or len(text) > 160 or text.rstrip("*_ ").endswith(":"):
            break
        items.append(text.rstrip(".;, "))
    if len(items) < 2:
        return None
    return f"{lead.rstrip('*_ ')} {'; '.join(items)}."


def _cited(sentence: str, n: int) -> str:
    """Insert the marker before the final full stop so that it stays with its sentence."""
    if sentence.endswith((".", "!")) and not sentence.endswith(".."):
        return f"{sentence[:-1]} [{n}]{sentence[-1]}"
    return f"{sentence} [{n}]"


def _count_pattern(counted: str | None) -> re.Pattern[str] | None:
    """A number followed (within two words) by the counted noun: "how many coding problems" counts problems."""
    if not counted:
        return None
    words = re.findall(r"[a-z]+", counted.lower())
    words = words[:next((i for i, w in enumerate(words) if w in _STOP_NOUNS), len(words))]
    nouns = [w for w in words if w not in ("interview", "interviews")] or words
    if not nouns:
        return None
    stems = {_stem_noun(w) for w in nouns}
    alt = "|".join(re.escape(w) for w in sorted(stems | {x for w in stems for x in _SYNONYMS.get(w, [])}))
    return re.compile(rf"\b(?:\d+(?:\s?(?:-|–|to)\s?\d+)?\+?|{NUMBER_WORDS})\s+(?:[\w-]+\s+){{0,2}}(?:{alt})\w*", re.I)


def compose(question: str, hits: Sequence[Hit], sentence_vectors: SentenceEmbeddings, query_vector: np.ndarray,
            roles: Sequence[Role], companies: Sequence[str] = (), max_chunks: int = 10,
            preferred_roles: Sequence[str] = (), context: str = "") -> Composed:
    """The extractive answer to ``question`` from ``hits`` (best first); empty text when nothing fits.

    ``context`` is the previous answer, for follow-ups that ask for the other half of a mistake/fix pair."""
    hits = list(hits)[:max_chunks]
    wants_products = bool(_ASKS_PRODUCTS.search(question))
    cands = _candidates(hits, wants_products=wants_products)
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
    if kind == "length":  # a size, not a time to wait
        cues = [(p, b) for p, b in cues if p is not _DURATION] + [(_SIZE, 0.35)]
    best_rel = max((h.relevance for h in hits), default=1.0) or 1.0
    yes_no = kind == "yes_no" or bool(_YES_NO.match(question))
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

    echo = _asked_predicate(question) if kind == "yes_no" else None
    # A mistake question about a subject ("... on my resume") is answered by that subject's don'ts: a BAD/GOOD pair
    # of another article's list earns nothing for its structure or for its labels' words ("Mistake to avoid").
    mistake_subject = subject - _FILLER if kind == "mistake" else set()

    spoken_q = " ".join(re.findall(r"\w+", question.lower()))

    def echoed(sent: str) -> bool:
        """The question quotes this sentence whole (a follow-up naming an item of the previous answer)."""
        words = " ".join(re.findall(r"\w+", sent.lower()))
        return len(words) >= ECHO_MIN_CHARS and words in spoken_q

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
        # The answer under a heading or FAQ question that matches the question is the article's own answer.
        score += 0.6 * max(0.0, hit.heading - MATCHING_HEADING)
        if yes_no and lead[c.hi] == c.si and _lead_answers(c, hit):
            score += 0.25  # a yes/no question: the matching answer's lead sentence ("Not in depth.") is the answer
        if c.question and kind not in ("example", "list"):
            score -= 0.5  # a question is not an answer, except when example questions are asked for
        if echoed(sent):
            score -= ECHO_PENALTY  # the question quotes it ("Tell me more about <the item>"): it asks beyond it
        if c.continues:
            score -= 1.0  # it only goes on from the sentence before it (see ``_candidates``), never leads an answer
        if _announces(sent):
            score -= 0.3  # an intro promises the answer; the answer is what follows it
        elif kind not in ("list", "example") and _SCENE.search(sent):
            score -= SCENE_PENALTY  # (a list question may still be introduced by it: its items follow)
        if kind in ("list", "example") and c.itemlike:
            score += 0.1 + (0.1 if c.question and kind == "example" else 0.0)
        if c.text.startswith(("Mistake to avoid", "Better:")) and kind not in ("mistake", "fix"):
            score -= 0.2  # a do/don't pair is advice about how to prepare, not a fact about the asked topic
        if kind in FACT_KINDS and not fits(sent):
            score -= 0.25
        if kind == "yes_no":
            score += 0.12 if _recommends(sent) else -0.08  # a should-I question is answered by a recommendation
            if echo is not None and echo[0].search(sent) and echo[1] & _stems(sent):
                score += ECHO_BONUS  # "can the interviewers see ...?" is answered by "interviewers can even see ..."
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
    distinct = {t for t in subject - _FILLER - spoken
                if sum(1 for c in cands if t in _stems(c.text)) < DISTINCT_SHARE * len(cands)}

    def done(out: Composed) -> Composed:
        out.best_sim = best_sim
        headings = " ".join(f"{src.title} {src.section or ''}" for src in out.sources)
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

    prompt = _asked_prompt(question)
    if prompt and kind in ("howto", "other", "yes_no"):
        unanswered = _only_lists_prompt(prompt, scored)
        if unanswered is not None:
            return done(_not_exact(unanswered, hits, kind,
                                   why="it lists this interview question but gives no advice on answering it"))

    labelled = _labelled_facts(question, hits, scored, kind, sentence_vectors, query_vector)
    if labelled is not None:
        return done(labelled)
    if kind == "which_more":
        synth = _which_more(question, scored, hits, roles)
        if synth is not None:
            return done(synth)
    def on_topic(c: Cand) -> bool:
        """The sentence, under its headings, is about the asked subject (a heading names what its lines are about)."""
        chunk = hits[c.hi].chunk
        return not distinct or bool(distinct & (_stems(c.text) | _stems(f"{chunk.title} {chunk.section or ''}")))

    def carries_kind(c: Cand) -> bool:
        """``fits``; for a price question also a passage under a heading that states the price ("Free resources")."""
        return fits(c.text) or kind == "price" and bool(PRICE.search(hits[c.hi].chunk.section or ""))

    if kind in GATED_KINDS and not (carries_kind(scored[0][1]) and on_topic(scored[0][1])):
        # The asked kind of fact, about the asked topic ("how long should a cover letter be" is not answered by how
        # long a hiring process takes).
        carrying = [t for t in scored if carries_kind(t[1]) and on_topic(t[1])]
        # The best passage may name what to avoid in other words than the question's ("Never include your work
        # phone number" for "what shouldn't go in my contact details"): its don'ts are the answer.
        far = not carrying or carrying[0][0] < scored[0][0] - 0.25
        own = [t for t in scored if kind == "mistake" and t[1].hi == scored[0][1].hi and fits(t[1].text)] \
            if far and on_topic(scored[0][1]) else []
        if own:
            carrying = own + [t for t in carrying if t not in own]
        elif far:
            if not on_topic(scored[0][1]) and best_rel < ON_TOPIC_RELEVANCE:
                # Not even the closest passage is about the asked subject ("how long does a background check take"
                # vs how long the interview process takes): the library does not cover it; nothing is quoted.
                return done(Composed("", [], []))
            # The closest passage is about the asked subject before it is near the asked fact ("hours a day for
            # system design" is not answered by a coding plan's hours); for a cost, one that speaks of paying.
            near = [t for t in scored if t[0] >= scored[0][0] - CLOSEST_NEAR and not t[1].question
                    and on_topic(t[1])]
            priced = [t for t in near if kind in ("money", "price") and PRICE.search(t[1].text)]
            return done(_not_exact((priced or near or scored)[0], hits, kind))
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
    faq_hi = max(range(len(hits)), key=lambda i: hits[i].heading)
    if kind in _EXPLAINED and hits[faq_hi].heading >= FAQ_MATCH and not acronym:
        # The user's question is (nearly) one the article asks itself: its answer, opening sentences in order.
        picked = _opening(scored, faq_hi)
        if picked:
            return done(_render(picked, hits, max(t[0] for t in scored if t[1] in picked)))
    if kind == "definition":
        lead_hi = scored[0][1].hi
        if hits[lead_hi].heading >= 0.7:
            # The answer under "What is X?": its opening sentences, in order.
            return done(_render(_opening(scored, lead_hi), hits, scored[0][0]))
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
            if (says_how or _ANAPHOR.match(follower[1].text)) and length() + len(other[1].text) <= MAX_CHARS + 150:
                chosen.append(other)

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


def _price_heading(kind: str, chosen: list, hits: Sequence[Hit]) -> str:
    """For a price question answered by items whose heading alone states the price ("Free resources"), that heading,
    said before them; else ""."""
    if kind != "price" or any(PRICE.search(t[1].text) for t in chosen):
        return ""
    section = next((hits[t[1].hi].chunk.section for t in chosen if PRICE.search(hits[t[1].hi].chunk.section or "")),
                   None)
    return f"Listed under “{section}”:" if section else ""


_CODE = re.compile(r"^\s*```")
_EXERCISE = re.compile(r"^\W*\d+\)")  # "5) Flip a binary tree."


def _solution(stated: Cand, scored: list) -> tuple | None:
    """The code that solves the exercise ``stated`` belongs to, in a chunk of numbered exercises ("8) Palindrome.
    ..."): the shortest code block after it, before the next exercise; None when the chunk holds no exercises (code
    elsewhere illustrates, it solves nothing asked) or no code follows it."""
    if not any(t[1].hi == stated.hi and t[1].first and _EXERCISE.match(t[1].text) for t in scored):
        return None
    blocks = []
    for t in sorted((t for t in scored if t[1].hi == stated.hi and t[1].si > stated.si), key=lambda t: t[1].si):
        if t[1].first and _EXERCISE.match(t[1].text):
            break
        if _CODE.match(t[1].text):
            blocks.append(t)
    return min(blocks, key=lambda t: len(t[1].text)) if blocks else None


# The words that only say "compare" (every way ``plan`` recognises a comparison), not what is compared.
_COMPARE_WORDS = _stems("differ differs different difference differences compare compared comparison versus vs "
                        "separate separates separated distinguish distinguishes distinguished set sets apart contrast "
                        "between")
# A sentence that only says the compared things differ, not how ("Pramp takes a different approach").
_DIFFERS_ONLY = re.compile(r"\b(?:takes?|has|have|uses?|follows?) (?:a|an) (?:\w+ )?(?:different|other|another) "
                           r"(?:approach|route|path|tack|model|way)\b|\b(?:differs?|is different|are different)\s*[.!]?$",
                           re.I)
# "an MLE one", "the MLE loop": words that only name the compared things, not a topic to compare them on.
_STAND_INS = _expanded(_stems("one ones loop loops"))
CONTRAST = re.compile(r"\b(?:while|whereas|but|unlike|compared|instead|on the other hand|than)\b", re.I)


_SIDES = re.compile(r"\b(?:between|separates?|distinguish(?:es)?|sets?)\s+(.+?)\s+(?:and|from|apart from|vs\.?|versus|"
                    r"or)\s+(.+?)\s*(?:\?|$)|^(.+?)\s+(?:vs\.?|versus)\s+(.+?)\s*(?:[?:]|$)|"
                    r"\b(?:does|do|is|are)\s+(.+?)\s+differ(?:ent)?\s+(?:from|to)\s+(.+?)\s*(?:\?|$)", re.I)


def _compared_sides(question: str, asked: Sequence[str], topic: set[str]) -> list[set[str]]:
    """The stems of the two things a comparison question sets against each other ("Pramp" and "interviewing.io" in
    "How does Pramp differ from interviewing.io?"); the named roles when it names two; [] when it cannot tell."""
    if len(asked) >= 2:
        return []  # the roles themselves are the sides (see ``_names_sides``)
    m = _SIDES.search(question)
    if m is None:
        return []
    a, b = [g for g in m.groups() if g is not None][:2]
    sides = [(_stems(side) & topic) - _COMPARE_WORDS - _FILLER - _STAND_INS for side in (a, b)]
    return sides if all(sides) else []


def _names_sides(t: tuple, sides: list[set[str]], asked: Sequence[str]) -> bool:
    """Whether a scored sentence names both compared things (two asked roles, or the two sides' words)."""
    if len(asked) >= 2:
        return sum(r in t[2] for r in asked) >= 2
    if not sides:
        return False
    words = _stems(t[1].text)
    return all(side & words for side in sides)


_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,5})s?\b")
_SMALL_WORDS = frozenset("of and the to for in on a an".split())


def asked_acronym(question: str) -> str | None:
    """The acronym a "what is X / what does X stand for" question asks about ("ATS", "BTTC"), or None."""
    m = re.search(r"\b[Ww]hat(?:'s| is| are| does)\s+(?:an?\s+|the\s+)?([A-Z][A-Z0-9]{1,5})s?\b", question)
    if m is None:
        m = re.search(r"\b([A-Z][A-Z0-9]{1,5})s?\s+(?:stand|stands)\s+for\b|\bmeaning of\s+([A-Z][A-Z0-9]{1,5})\b",
                      question)
    return next((g for g in m.groups() if g), None) if m else None


def expansion_in(acronym: str, text: str) -> str | None:
    """"Applicant Tracking Systems" from "... Applicant Tracking Systems (ATS) ...": the words before "(ACRONYM)"
    whose initials spell it (small words like "of" may sit between)."""
    for m in re.finditer(rf"\(\s*{re.escape(acronym)}s?\s*\)", text):
        words = re.findall(r"[\w'-]+", text[max(0, m.start() - 120):m.start()])
        letters, picked = list(acronym.lower()), []
        for w in reversed(words):
            if letters and w[0].lower() == letters[-1]:
                letters.pop()
                picked.append(w)
            elif picked and w.lower() in _SMALL_WORDS and letters:
                picked.append(w)
            else:
                break
            if not letters:
                return " ".join(reversed(picked))
    return None


def _with_expansion(acronym: str, scored: list, hits: Sequence[Hit]) -> list:
    """``scored`` with the acronym's expansion first: the sentence that spells it out, or — when only a heading does
    ("Identify the Best Theoretical Time Complexity (BTTC)") — "X stands for <the heading's words>"."""
    top = scored[0][0]
    for t in scored:
        if expansion_in(acronym, t[1].text):
            return [(top + 0.05, t[1], t[2])] + [o for o in scored if o is not t]
    for hi, hit in enumerate(hits):
        expansion = expansion_in(acronym, hit.chunk.section or "")
        if expansion:
            fact = Cand(hi, -1, -1, f"{acronym} stands for {expansion}.")
            return [(top + 0.05, fact, [])] + scored
    return scored


def writes_acronym(acronym: str, text: str) -> bool:
    """``text`` names ``acronym``: in capitals, as an acronym is written ("ATS", "ATSs"; not "stars" for "STAR"), or
    spelled out before it in brackets."""
    return bool(re.search(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", text)) or bool(expansion_in(acronym, text))


def _defined_term(question: str) -> str | None:
    m = re.search(r"\bwhat(?:'s| is| are| does)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:mean|stand for))?\s*\??\s*$",
                  question.strip(), re.I)
    if not m:
        return None
    term = re.sub(r"\s+(?:in|when|for|and why)\b.*$", "", m.group(1).strip().lower())
    return term or None


def _render(chosen: list[Cand], hits: Sequence[Hit], top: float, prefix: str = "") -> Composed:
    """Cited answer text: sources numbered best first (by each chunk's best chosen sentence), answer in article
    order."""
    seen: set[str] = set()  # overlapping chunks repeat a sentence: quote it once
    chosen = [c for c in chosen if not (c.text in seen or seen.add(c.text))]
    order: list[int] = []
    for c in chosen:
        if c.hi not in order:
            order.append(c.hi)
    number = {hi: i + 1 for i, hi in enumerate(order)}
    doc_first: dict[str, int] = {}
    for hi in order:
        doc_first.setdefault(hits[hi].chunk.doc_id, len(doc_first))
    chosen = sorted(chosen, key=lambda c: (doc_first[hits[c.hi].chunk.doc_id], hits[c.hi].chunk.position, c.hi, c.si))
    pieces = [_cited(c.text, number[c.hi]) for c in chosen]
    if prefix:
        pieces.insert(0, prefix)
    sources = [
        Source(n=number[hi], doc_id=hits[hi].chunk.doc_id, title=hits[hi].chunk.title, path=hits[hi].chunk.path,
               section=hits[hi].chunk.section, text=hits[hi].chunk.text, score=round(hits[hi].relevance, 4))
        for hi in order
    ]
    return Composed(" ".join(pieces), [c.text for c in chosen], sources, top_score=top, pieces=pieces)


# "How do I answer tell me about yourself?": the prompt follows the verb of answering, with or without quotes.
_ANSWERING = re.compile(r"\b(?:answer|respond to|reply to|handle|tackle|approach)\s+(?:the\s+|a\s+|that\s+)?"
                        r"(?:question\s+|one\s+)?", re.I)


def _asked_prompt(question: str) -> str | None:
    """The interview prompt a question asks how to answer: a quoted one, or one right after "answer"."""
    quoted = _QUOTED.search(question)
    if quoted:
        return quoted.group(1)
    for m in _ANSWERING.finditer(question):
        if _PROMPT.match(question[m.end():]):
            return question[m.end():].rstrip(" ?!.")
    return None


def _only_lists_prompt(prompt: str, scored: list) -> tuple | None:
    """"How do I answer 'tell me about a time you failed'?": when the best evidence is itself a listed prompt (the
    library lists such questions but gives no advice on this one), the closest listed prompt, to quote as what the
    library does say; None when advice leads."""
    asked = _keys4(prompt) - _PROMPT_WORDS or _keys4(prompt)  # "tell me about yourself" is all prompt words
    if not (scored[0][1].question or _PROMPT.match(scored[0][1].text)):
        return None  # the best evidence is advice, not another listed prompt: answer normally
    prompts = [t for t in scored if (t[1].question or _PROMPT.match(t[1].text)) and asked & _keys4(t[1].text)]
    if not prompts:
        return None
    whole = _keys4(prompt)
    return max(prompts, key=lambda t: (len(asked & _keys4(t[1].text)), len(whole & _keys4(t[1].text)), t[0]))


def _keys4(text: str) -> set[str]:
    """Four-letter word prefixes: "failed" and "failure" meet."""
    return {t[:4] for t in tokenize(text)}


_QUOTED = re.compile(r"(?:^|\s)['‘“\"]([^'’”\"]{8,}?)['’”\"](?=[\s?.!,]|$)")
_PROMPT_WORDS = _keys4("tell me about time times you your describe give example situation when")


def _not_exact(best: tuple, hits: Sequence[Hit], kind: str, why: str | None = None) -> Composed:
    """The evidence does not carry the asked kind of fact: say so, then what the library does say."""
    what = {"count": "number", "duration": "length of time", "length": "size or length", "money": "amount",
            "price": "price", "mistake": "mistake to avoid"}.get(kind, "such fact")
    prefix = f"{NOT_EXACT}: {why or f'it gives no {what} for it'}. The closest passage says"
    out = _render([best[1]], hits, best[0])
    text = f"{prefix}: “{out.pieces[0]}”"
    return Composed(text, out.sentences, out.sources, top_score=best[0], pieces=[text])


def _fix_answer(scored: list, hits: Sequence[Hit], context_stems: set[str]) -> Composed | None:
    """The fix for the mistake the previous answer quoted: the GOOD half of its pair, or the advice next to it."""
    if not context_stems:
        return None

    def overlap(c: Cand) -> float:
        return len(context_stems & _stems(c.text)) / max(1, len(context_stems))

    mistake = max(scored, key=lambda t: overlap(t[1]))
    if overlap(mistake[1]) < 0.5:
        return None
    c = mistake[1]
    if c.fix:
        fix = Cand(c.hi, c.si, c.line, c.fix if c.fix.endswith((".", "!")) else c.fix + ".")
        return _render([fix], hits, mistake[0])
    # The same sentence may carry its fix ("... - reduce margins instead", "The Generic Trap: Tailor your letter");
    # else the rest of its list item ("Sloppiness: Errors ... detail. Proofread meticulously."); else the best
    # advice of that chunk.
    body = c.text.split(":", 1)[1] if ":" in c.text[:60] else c.text
    rest = sorted((t[1] for t in scored if t[1].hi == c.hi and t[1].line == c.line and t[1].si > c.si),
                  key=lambda o: o.si)[:2]
    if re.search(r"\b(?:instead|rather than)\b", c.text, re.I) or (_FIX.search(body) and not _NEGATIVE.search(body)):
        return _render([c, *rest[:1]], hits, mistake[0])
    if rest:
        return _render(rest, hits, mistake[0])
    same = [t for t in scored if t[1].hi == c.hi and t[1] is not c and _FIX.search(t[1].text)
            and not _NEGATIVE.search(t[1].text)]
    return _render([same[0][1]], hits, same[0][0]) if same else None


def _lead_ins(hits: Sequence[Hit]) -> list[tuple[int, int, str]]:
    """(hit index, line index, text) of every lead-in ("These are the data structures to keep in mind:") followed by
    at least two item lines in its chunk."""
    out = []
    for hi, hit in enumerate(hits):
        lines = [ln.strip() for ln in hit.chunk.text.splitlines() if ln.strip()]
        led = False
        for li, line in enumerate(lines):
            if line.rstrip("*_ ").endswith(":") and 10 <= len(line) <= 400 and len(_items_after(lines, li)) >= 2:
                out.append((hi, li, line))
                led = True
        if not led and hit.chunk.section and sum(bool(_ITEM_LABEL.match(ln)) for ln in lines) >= 2:
            out.append((hi, -1, ""))  # labelled items right under their heading ("Communication - Asking ...")
    return out


_ITEM_LABEL = re.compile(r"^\W*[A-Z][\w /&'-]{1,40}?\s(?:-|–|—)\s+\S|^\W*[A-Z][\w /&'-]{1,40}?:\s+\S")


def opens_with_item(text: str) -> bool:
    """Whether a chunk starts inside a list of labelled items ("Testing - Ability to ..."): one of its first two
    lines is one (the first may be the sentence repeated from the previous chunk), and it holds two or more."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return any(_ITEM_LABEL.match(ln) for ln in lines[:2]) and sum(bool(_ITEM_LABEL.match(ln)) for ln in lines) >= 2


def _items_after(lines: list[str], li: int) -> list[int]:
    """Line indices of the items that follow the lead-in at ``li`` (up to the next lead-in); with no lead-in
    (``li`` = -1 for a heading's own list), its labelled lines."""
    if li < 0:
        lead = next((j for j, ln in enumerate(lines) if ln.rstrip("*_ ").endswith(":")), None)
        if lead is None:
            return [j for j, ln in enumerate(lines) if _ITEM_LABEL.match(ln)]
        li = lead
    items = []
    for j in range(li + 1, len(lines)):
        if lines[j].rstrip("*_ ").endswith(":") or len(lines[j]) > 400:
            break
        items.append(j)
    return items


def _introduced_list(topic: set[str], scored: list, hits: Sequence[Hit], sentence_vectors: SentenceEmbeddings,
                     query_vector: np.ndarray, asks_questions: bool = False, company: str | None = None,
                     wants_products: bool = False) -> Composed | None:
    """The items of the list whose lead-in says it is what was asked ("These are the data structures to keep in
    mind and try, in order of frequency ...:" for "which data structures show up the most"), in article order, up to
    five, with the items that continue it in the section's next chunk. Unless resources are asked for, a list of
    resources or of page titles is not it (``_points_elsewhere``)."""
    # The lead-in must be about the asked topic, not only share the company and role names with the question.
    leads = [t for t in _lead_ins(hits) if topic & _stems(f"{hits[t[0]].chunk.section or ''} {t[2]}")
             or hits[t[0]].heading >= LEAD_IN_MATCH]  # (heading similarity is measured with names masked)
    if not wants_products:
        leads = [t for t in leads if not _points_elsewhere(t[2], _lead_items(hits[t[0]].chunk, t[1]))]
    if company:  # "what does Palantir ask": the list in the part about Palantir, not the general one
        leads = [t for t in leads if _about_company(hits[t[0]].chunk, company, f"{hits[t[0]].chunk.title} {t[2]}")]
    if not leads:
        return None
    # The sentence that introduces the list, not the paragraph it ends ("As software engineers, ... Some common
    # back end system design interview questions include:").
    texts = [f"{hits[hi].chunk.section or ''}: {(split_sentences(text) or [text])[-1]}" if text
             else hits[hi].chunk.section for hi, _, text in leads]
    raw = sentence_vectors.encode(texts) @ np.asarray(query_vector, dtype=np.float32)
    sims = raw.copy()
    # Lead-ins that announce similar lists score alike: a question that asks for questions wants plain items
    # (questions, prompts), one that asks for kinds or criteria wants labelled items ("API design: ...").
    for i, (hi, li, _) in enumerate(leads):
        lines = [ln.strip() for ln in hits[hi].chunk.text.splitlines() if ln.strip()]
        items = [lines[j] for j in _items_after(lines, li)]
        labelled = sum(bool(_ITEM_LABEL.match(x)) for x in items) * 2 > len(items)
        sims[i] += LIST_FIT_BONUS if labelled != asks_questions else 0.0
    best = int(np.argmax(sims))
    if float(raw[best]) < LEAD_IN_MATCH:
        return None
    hi, li, _ = leads[best]
    chunk = hits[hi].chunk
    lines = [ln.strip() for ln in chunk.text.splitlines() if ln.strip()]
    wanted = [(hi, j) for j in _items_after(lines, li)]
    if li < 0:  # a heading's own list: its items in every retrieved chunk of the section, in article order
        same = sorted((i for i, h in enumerate(hits) if h.chunk.doc_id == chunk.doc_id
                       and h.chunk.section == chunk.section), key=lambda i: hits[i].chunk.position)
        wanted = [(i, j) for i in same
                  for j in _items_after([ln.strip() for ln in hits[i].chunk.text.splitlines() if ln.strip()], -1)]
    elif wanted and wanted[-1][1] == len(lines) - 1:  # the list runs on into the next chunk of its section
        nxt = next((i for i, h in enumerate(hits) if h.chunk.doc_id == chunk.doc_id and h.chunk.section == chunk.section
                    and h.chunk.position == chunk.position + 1), None)
        if nxt is not None:
            more = [ln.strip() for ln in hits[nxt].chunk.text.splitlines() if ln.strip()]
            wanted += [(nxt, j) for j in _items_after(more, -1)]
    firsts: dict[tuple[int, int], Cand] = {}
    for _, c, _ in scored:
        if (c.hi, c.line) in wanted and c.first and not c.text.startswith(("Mistake", "Better")):
            firsts.setdefault((c.hi, c.line), c)
    items = list({firsts[k].text: firsts[k] for k in reversed(wanted) if k in firsts}.values())[::-1][:MAX_ITEMS]
    if len(items) < 2:
        return None
    return _render(items, hits, max(t[0] for t in scored))


_STEP = re.compile(r"^\W*\d{1,2}[.)]\s+(\S.*)$")  # "3. Try different data structures"
STEPS_TOP = 3  # a group of steps counts when its parent heading or two of its steps are among these best hits
STEP_SENTENCE_MAX = 220  # a step's heading is followed by its best sentence when that is no longer


def _step_of(chunk: Chunk) -> tuple[tuple, str] | None:
    """((document, the headings above the step), the numbered step heading) a chunk lies in — its own section or the
    nearest numbered heading above it ("4. Identify redundant work" for "Mind the order of checks") — or None."""
    chain = [*chunk.parents, chunk.section or ""]
    k = next((i for i in range(len(chain) - 1, 0, -1) if _STEP.match(chain[i])), None)
    return ((chunk.doc_id, tuple(chain[:k])), chain[k]) if k is not None else None


def _numbered_steps(scored: list, hits: Sequence[Hit], kind: str) -> Composed | None:
    """An article that numbers its ways or steps as headings ("1. Visualize the problem by drawing it out", "2. Think
    about how you would solve the problem by hand" under "How to find solutions to coding interview problems"): a
    list or how-to question answered by its sentences quotes one step's detail, or the intro; the asked list is the
    steps. The retrieved steps under one parent heading, in order, each named by its heading and followed by its best
    sentence, when the parent heading or two of the steps are among the best hits, unless the best sentence lies in one
    step's own section (that step is the answer); for a how-to, only when it lies under the steps' parent heading,
    in its intro or with the three best sentences spread over two steps or more."""
    groups: dict[tuple, dict[str, int]] = {}
    tops: set[tuple] = set()
    for hi, hit in enumerate(hits):
        found = _step_of(hit.chunk)
        if found:
            groups.setdefault(found[0], {}).setdefault(found[1], hi)
            if hi < STEPS_TOP:
                tops.add(found)
    heads = {(h.chunk.doc_id, h.chunk.section) for h in hits[:STEPS_TOP]}

    def leads(kv) -> bool:
        (doc, above), _ = kv
        return bool(above) and (doc, above[-1]) in heads or sum(g == kv[0] for g, _ in tops) >= 2

    ranked = sorted((kv for kv in groups.items() if leads(kv) and len(kv[1]) >= 2), key=lambda kv: min(kv[1].values()))
    if not ranked:
        return None
    key, steps = ranked[0]
    best = hits[scored[0][1].hi].chunk
    under = best.doc_id == key[0] and [*best.parents, best.section][:len(key[1])] == list(key[1])
    if best.doc_id == key[0] and best.section in steps or kind != "list" and not under:
        return None  # answered by one step's own section ("for which inputs is sketching useful"), or elsewhere
    spread = {_step_of(hits[c.hi].chunk) for _, c, _ in scored[:3]} & {(key, step) for step in steps}
    if kind != "list" and best.section != key[1][-1] and len(spread) < 2:
        return None  # a how-to whose best sentences lie inside one step asks what that step's detail says

    def number(step: str) -> int:
        return int(re.match(r"\W*(\d+)", step).group(1))

    items: list[Cand] = []
    for step in sorted(steps, key=number)[:MAX_ITEMS]:
        head = _STEP.match(step).group(1).strip().rstrip(".")
        said = next((c for _, c, _ in scored if _step_of(hits[c.hi].chunk) == (key, step) and not c.question
                     and not c.pointer and not _announces(c.text) and len(c.text) <= STEP_SENTENCE_MAX), None)
        items.append(Cand(said.hi, said.si, said.line, f"{head} — {said.text}") if said
                     else Cand(steps[step], -1, -1, head))
    return _render(items, hits, scored[0][0])


def _lead_items(chunk: Chunk, li: int) -> list[str]:
    """The item lines of the list led in at line ``li`` of ``chunk`` (see ``_items_after``)."""
    lines = [ln.strip() for ln in chunk.text.splitlines() if ln.strip()]
    return [lines[j] for j in _items_after(lines, li)]


def _points_elsewhere(lead: str, items: Sequence[str]) -> bool:
    """A list that points to material instead of giving advice: its lead-in introduces resources ("there are
    already excellent preparation resources ...:", "I recommend referring to the following cheatsheets:") or every
    item only names a page or product (a link's title). It answers "which resources", not "how do I"."""
    lead = (split_sentences(lead) or [lead])[-1] if lead else ""
    return bool(lead and _ASKS_PRODUCTS.search(lead)) or len(items) >= 2 and all(
        title_only(x.lstrip("-*• ")) for x in items)


# An item that describes a page rather than advising: "Coding interview techniques: how to find a solution ...",
# "Algorithms cheatsheets - including the must-remembers ...".
_PAGE_ITEM = re.compile(r"^\W*[^:.;]{2,60}?(?::|\s[-–—])\s+(?:how to|including|covers?|contains?|everything you)\b", re.I)


def _pointer_lines(lines: list[str], section: str = "") -> set[int]:
    """Indices of the lines of a chunk that only point to material: every line of a section headed as resources
    ("Quality resources", "Books"), the items of a list led in as resources or made of page titles
    (``_points_elsewhere``), and items that describe a page (``_PAGE_ITEM``)."""
    if _ASKS_PRODUCTS.search(section) or re.fullmatch(r"\W*(?:further |recommended )?reading\W*", section, re.I):
        return set(range(len(lines)))
    out = {li for li, line in enumerate(lines) if _PAGE_ITEM.match(line)}
    for li, line in enumerate(lines):
        if line.rstrip("*_ ").endswith(":"):
            items = _items_after(lines, li)
            if _points_elsewhere(line, [lines[j] for j in items]):
                out.update(items)
    return out


_LISTED_NOUN = re.compile(r"\b(?:which|what)\b(?:\s+(?:are|were|is|some|the|a few|main|common|possible|typical|"
                          r"other|good|best|kinds? of|types? of|sorts? of))*((?:\s+[a-z-]+?){0,3}?)\s+([a-z-]{3,}s)\b",
                          re.I)
# Three or more short items in one sentence: "Arial, Calibri, Garamond", "Python, C++, Java and JavaScript".
_ENUMERATION = re.compile(r"[^,.;]{1,40},\s*[^,.;]{1,40},\s*[^,.;]{1,40}|"
                          r"[^,.;]{1,40},\s*[^,.;]{1,40},?\s+(?:and|or)\s+\S")


def listed_noun(question: str) -> str | None:
    """The thing a list question asks for, as a stem: "Which fonts won't confuse ATS?" -> "font"."""
    m = _LISTED_NOUN.search(question)
    if not m or m.group(2).lower() in ("does", "was", "is", "has", "this", "us", "yes"):
        return None
    stems = _stems(m.group(2))
    return next(iter(stems)) if stems else None


def _inline_list(question: str, scored: list, hits: Sequence[Hit]) -> Composed | None:
    """A list question answered by one sentence that names the asked things and lists them inline ("Fonts you
    should use - Arial, Calibri, Garamond."), when it scores close to the best sentence."""
    noun = listed_noun(question)
    if not noun:
        return None
    top = scored[0][0]
    # A list of items about the asked things (its chunk names them) that scores higher answers instead.
    itemised = next((score for score, c, _ in scored if c.itemlike and noun in _stems(
        f"{hits[c.hi].chunk.section or ''} {hits[c.hi].chunk.text}")), None)
    for score, c, _ in scored:
        if score < top - 0.3 or (itemised is not None and itemised > score):
            break
        if noun in _stems(c.text) and not c.question and _ENUMERATION.search(c.text) and len(c.text) <= 300:
            return _render([c], hits, score)
    return None


def _list_answer(scored: list, hits: Sequence[Hit], kind: str, topic: set[str], asks_questions: bool = True,
                 company: str | None = None, wants_products: bool = False) -> Composed | None:
    """Up to five items of the best list (a chunk of several short lines), best first, quoted from each item's start
    in article order; for mistakes, the mistakes of the best article (with their fixes when it pairs them)."""
    if kind == "list" and not asks_questions:
        # A list of questions answers "what can I ask", not "what will they grade me on".
        scored = [t for t in scored if not t[1].question and not _PROMPT.match(t[1].text)] or scored

    def names_mistake(c: Cand) -> bool:
        """The item names what goes wrong, or is an item of a list headed as such ("Common pitfalls to avoid on
        your cover letter": "Repetition: Your cover letter should accentuate your resume, not echo it.")."""
        return carries(kind, c.text) or carries(kind, hits[c.hi].chunk.section or "")

    if kind == "mistake":  # the items must name what goes wrong, not other items of a neighbouring list
        scored = [t for t in scored if names_mistake(t[1])] or scored
    # "What will Dropbox want to hear about": the lines of the part about Dropbox, when one was retrieved, are the list
    # (even two of them).
    own = [t for t in scored if _about_company(hits[t[1].hi].chunk, company)] if company else []
    scored = own or scored

    # A don't list may be two lines ("Do not use Photoshop ..." / "Do not use the header or footer ..."): a chunk
    # with two or more lines that warn reads as one (two lines that merely name a problem, "the problem presented",
    # "get out of being stuck", are an intro).
    donts = {hi for hi in {t[1].hi for t in scored} if kind == "mistake" and sum(
        1 for t in scored if t[1].hi == hi and t[1].first and warns(t[1], hits[hi].chunk)) >= 2}

    def listlike(c: Cand) -> bool:
        return c.itemlike or bool(own) or c.hi in donts

    top = scored[0][0]
    # Example questions are asked for: a list of prompts ("Tell me about a time ...") or quoted questions, not a
    # checklist.
    best = next((t for t in scored if listlike(t[1]) and t[0] >= top - (0.3 if hits[t[1].hi].heading >= 0.5 else 0.15)
                 and (kind != "example" or t[1].question or _PROMPT.match(t[1].text) or _QUOTE.search(t[1].text))),
                None)
    if best is not None:
        # The list may run over several chunks of its section: take items from all of them.
        same = _section_hits(hits, hits[best[1].hi].chunk)
        firsts = {(c.hi, c.line): c for _, c, _ in scored if c.hi in same and c.first}
        items: dict[tuple[int, int], tuple[float, Cand]] = {}
        for score, c, _ in scored:
            key = (c.hi, c.line)
            # (every mistake of the chosen list is one: it is not ranked against the question's words)
            if c.hi in same and (score >= best[0] - 0.35 or kind == "mistake") and key not in items and \
                    listlike(c) and (kind != "mistake" or names_mistake(c)):
                item = firsts.get(key, c)  # quote an item from its start (its label)
                if len(item.text) <= 300 and not any(item.text == o.text for _, o in items.values()):
                    items[key] = (score, item)
        # (a list of resources or page titles answers "which resources", not what was asked)
        if len(items) >= 2 and (wants_products or not all(c.pointer for _, c in items.values())):
            if hits[best[1].hi].heading >= WHOLE_LIST_MATCH:
                # The question asks for the list its heading names ("What does Palantir ask?" under "Palantir ...
                # interview questions"): its first items, as the article orders them.
                ordered = sorted(items.values(), key=lambda t: (hits[t[1].hi].chunk.position, t[1].hi, t[1].si))
                return _render([c for _, c in ordered[:MAX_ITEMS]], hits, best[0])
            top5 = sorted(items.values(), key=lambda t: -t[0])[:MAX_ITEMS]
            return _render([c for _, c in top5], hits, best[0])
    if kind == "mistake":
        warned = _warnings(scored, hits)
        if warned is not None:
            return warned
        doc = hits[scored[0][1].hi].chunk.doc_id
        picked = [t for t in scored if hits[t[1].hi].chunk.doc_id == doc and t[0] >= top - 0.15
                  and (t[1].text.startswith("Mistake") or _NEGATIVE.search(t[1].text))][:MAX_SENTENCES]
        if len(picked) >= 2:
            return _render([t[1] for t in picked], hits, top)
    return None


WARNING_NEAR = 0.35  # as close to the best sentence as a warning that still belongs to a gathered answer


def warns(c: Cand, chunk: Chunk) -> bool:
    """The sentence warns in the article's own words (``WARNING``), or is the first sentence of an item under a heading
    that does ("Don't check conditions unnecessarily": "`x < 5 and x < 10` - the second check is ...")."""
    return not c.question and not _announces(c.text) and (
        bool(WARNING.search(c.text)) or c.first and bool(WARNING.search(chunk.section or "")))


def _warnings(scored: list, hits: Sequence[Hit]) -> Composed | None:
    """A mistake question about a subject with no list of mistakes ("common pitfalls in coding interviews"): the
    article's warnings gathered across its retrieved sections, best first up to five, each cited, in article order.

    The article is the best sentence's (its intro may echo the question far better than any warning does); another
    article's warnings only when they score near the best. None when there is none, or only one beside a best
    sentence that warns itself."""
    top = scored[0][0]
    doc = hits[scored[0][1].hi].chunk.doc_id
    found = [t for t in scored if warns(t[1], hits[t[1].hi].chunk)]
    own = [t for t in found if hits[t[1].hi].chunk.doc_id == doc]
    if not own:
        near = [t for t in found if t[0] >= top - WARNING_NEAR]
        own = [t for t in near if hits[t[1].hi].chunk.doc_id == hits[near[0][1].hi].chunk.doc_id] if near else []
    picked = list({t[1].text: t for t in own}.values())[:MAX_ITEMS]
    if not picked or len(picked) < 2 and warns(scored[0][1], hits[scored[0][1].hi].chunk):
        return None  # one warning next to a best sentence that warns too: the answer is built around the best one
    if not any(_NEGATIVE.search(t[1].text) for t in picked):
        return None  # only items under a warning heading ("Don't invoke methods ..."): none says what goes wrong
    return _render([t[1] for t in picked], hits, top)


def _about_company(chunk: Chunk, company: str, lead: str = "") -> bool:
    """Whether ``chunk`` is the part about ``company``: its company, or the name in its heading (or in ``lead``)."""
    return (chunk.company or "").lower() == company.lower() or mentions_name(
        company, f"{chunk.section or ''} {lead}")


def _section_hits(hits: Sequence[Hit], chunk) -> set[int]:
    """Indices of the retrieved chunks of ``chunk``'s section (a list may run over several chunks)."""
    return {hi for hi, h in enumerate(hits) if h.chunk.doc_id == chunk.doc_id and h.chunk.section == chunk.section}


def _labelled_items(scored: list, hits: Sequence[Hit]) -> Composed | None:
    """When the best sentence's chunk holds a list of labelled items ("Memory consumption: Random Forest models
    ... can consume a lot of memory"), the list is the answer: the first sentence of each labelled item, in the
    retrieved chunks of its section, up to five, in article order. None when it holds no such list."""
    def labelled(hi: int) -> set[int]:
        lines = [ln.strip() for ln in hits[hi].chunk.text.splitlines() if ln.strip()]
        return {li for li, ln in enumerate(lines) if _ITEM_LABEL.match(ln)}

    top = scored[0][1]
    if not labelled(top.hi):
        return None  # (the best sentence may be the list's closing remark: its chunk holds items all the same)
    same = {hi: labelled(hi) for hi in _section_hits(hits, hits[top.hi].chunk)}
    items = {(c.hi, c.line): c for _, c, _ in scored if c.hi in same and c.first and c.line in same[c.hi]
             and not c.question}
    ordered = list({c.text: c for c in sorted(items.values(), key=lambda c: (hits[c.hi].chunk.position, c.si))
                    }.values())
    if len(ordered) < 3:
        return None
    return _render(ordered[:MAX_ITEMS], hits, scored[0][0])


_LABEL_LINE = re.compile(r"^\W*([A-Z][\w /&'-]{1,40}?)\s*[:\u2014]\s+(\S.{3,300})$")


def _label_key(label: str) -> str:
    """A label's first word as a stem ("Scope of work" -> "scope"), to meet the question's words."""
    words = tokenize(label)
    return _key(words[0]) if words else label.lower()


_ALTERNATIVES = re.compile(r"\b(?:and|or|vs\.?|versus|than|compared (?:to|with)|between|from)\b|[,;/]", re.I)


def _named_headings(question: str, headings: Sequence[str]) -> list[str]:
    """The headings the question names, in question order. Each run of question words that occur in headings names
    the heading it fits best: the whole run when it spells a heading ("software engineer"), otherwise each word that
    not every heading shares goes to the heading it covers most of ("staff engineer" -> "Staff Software Engineer",
    not "Senior Staff Software Engineer"; "a senior one" -> "Senior Software Engineer")."""
    words = {h: tokenize(h) for h in headings}
    vocab = set().union(*(set(w) for w in words.values())) if words else set()
    common = set.intersection(*(set(w) for w in words.values())) if len(words) >= 2 else set()
    runs = []
    for part in _ALTERNATIVES.split(question):  # "a senior and a staff engineer" names two things
        run: list[str] = []
        for t in [*tokenize(part or ""), None]:
            if t is not None and t in vocab:
                run.append(t)
            elif run:
                runs.append(run)
                run = []
    named: list[str] = []
    for run in runs:
        got = set(run)
        exact = [h for h in headings if set(words[h]) == got]
        picks = exact[:1] or [
            max((h for h in headings if t in words[h]),
                key=lambda h: (len(got & set(words[h])) / len(set(words[h])), -len(words[h])))
            for t in dict.fromkeys(run) if t not in common]
        for h in picks:
            if h not in named:
                named.append(h)
    return named


def _labelled_facts(question: str, hits: Sequence[Hit], scored: list, kind: str,
                    sentence_vectors: SentenceEmbeddings | None = None, query_vector: np.ndarray | None = None
                    ) -> Composed | None:
    """Facts the article states in labelled lines, one section per role or level ("Staff Software Engineer" with
    "Experience: Typically 10+ years ..."). When the question names such sections, the asked label's line of each
    named section is the answer: "how much experience does a senior engineer have" -> that level's Experience line
    only; "how much more experience does a staff engineer have than a senior one" -> both. The asked label is the
    one the question names, else the one whose lines mean most what it asks ("what size of projects" -> "Scope of
    work"); a broad comparison with no asked label gets the labels that differ most plainly (numbers first, then the
    shortest values), never the first line by position. Lines are quoted as written, each cited to its section."""
    sections: dict[str, tuple[int, list[tuple[str, str]]]] = {}  # heading -> (hit index, [(label, value)])
    for hi, hit in enumerate(hits):
        heading = hit.chunk.section or ""
        if not heading or heading in sections:
            continue
        lines = [(m.group(1).strip(), m.group(2).strip())
                 for m in (_LABEL_LINE.match(ln.strip()) for ln in hit.chunk.text.splitlines()) if m]
        if len(lines) >= 2:
            sections[heading] = (hi, lines)
    if len(sections) < 2:
        return None  # one labelled section is no fact sheet per level
    # The parallel fact sheets: sections sharing two or more labels with most others (a list of labelled items
    # elsewhere in the hits has labels of its own).
    keys_of = {h: {_label_key(lab) for lab, _ in lines} for h, (_, lines) in sections.items()}
    peers = {h: sum(len(keys_of[h] & keys_of[o]) >= 2 for o in sections if o != h) for h in sections}
    most = max(peers.values())
    sections = {h: v for h, v in sections.items() if peers[h] == most and most >= 1}
    if len(sections) < 2:
        return None  # not parallel fact sheets (a list's item labels differ from section to section)
    chosen = _named_headings(question, list(sections))
    if len(chosen) < 2:
        chosen += [h for h in _described_sections(question, sections, chosen) if h not in chosen]
    if not chosen or (len(chosen) == 1 and not _ONE_LEVEL.search(question) and kind == "comparison"):
        return None
    labels = {h: {_label_key(lab): (lab, val) for lab, val in sections[h][1]} for h in chosen}
    shared = [key for key in labels[chosen[0]] if all(key in v for v in labels.values())]
    if len(shared) < 2:
        return None
    q_stems = _stems(question) - _GENERIC - {t for h in chosen for t in _stems(h)}
    asked = [key for key in shared if key in _expanded(q_stems)]
    if not asked and sentence_vectors is not None and query_vector is not None:
        asked = _asked_label(shared, sections, chosen, q_stems, sentence_vectors, query_vector)
    if not asked:  # "the gap in years": the label whose every value speaks of years
        asked = [key for key in shared if all(q_stems & _stems(labels[h][key][1]) for h in chosen)]
    if kind in FACT_KINDS:
        # A fact question is answered by the label whose lines state that kind of fact: "how many years before people
        # reach staff" by Experience ("10+ years"), not by Scope of work ("projects spanning multiple halves").
        unit = asked_unit(question) if kind == "duration" else None
        typed = [key for key in shared
                 if any(carries_in(kind, unit, labels[h][key][1]) for h in chosen)]
        if typed and not set(asked) & set(typed):
            asked = typed
    if not asked:
        if kind not in ("comparison", "other", "howto") or len(chosen) < 2:
            return None  # "which pays more" needs the asked fact, not some labels
        asked = sorted(shared, key=lambda k: _contrast_rank([labels[h][k][1] for h in chosen]))[:2]
    picked = []
    for h in chosen[:3]:
        values = [f"{labels[h][key][0]}: {labels[h][key][1].rstrip('.!; ')}" for key in asked[:2]]
        picked.append(Cand(sections[h][0], 0, 0, f"{h} — {'; '.join(values)}."))
    out = _render(picked, hits, scored[0][0])
    if len(chosen) == 2 and _COMPARATIVE.search(question):
        verdict = _labelled_verdict(question, chosen, [labels[h][asked[0]] for h in chosen], out)
        if verdict:
            out.text = f"{verdict} {out.text}"
            out.pieces.insert(0, verdict)
    return out


# A question about one level's attribute ("how much experience does a senior have"), not a comparison of levels.
_ONE_LEVEL = re.compile(r"^\s*(?:what|how|who|which|does|do|is|are|can)\b", re.I)
LABEL_MIN_SIM = 0.25
# The label's own words ("Scope of work") say what is asked more reliably than its short values ("Single tickets"),
# which the embedding measures noisily: the values' similarity counts half as much.
LABEL_LINES_WEIGHT = 0.5
LABEL_OVERLAP = 0.05  # the named sections' values share the question's words


def _asked_label(shared: list[str], sections: dict, chosen: list[str], q_stems: set[str],
                 sentence_vectors: SentenceEmbeddings, query_vector: np.ndarray) -> list[str]:
    """The label whose lines mean most what the question asks: "what size of projects does a staff engineer own"
    -> "Scope of work", "how far does their influence reach" -> "Influence". A label means the same in every
    section: its name and its lines in all the parallel sections are measured (one short value alone is a noisy
    measure); a word the question shares with the label or the named sections' values counts too. Empty when no
    label fits."""
    pairs = {h: {_label_key(lab): (lab, val) for lab, val in sections[h][1]} for h in sections}
    names = {key: next(pairs[h][key][0] for h in pairs if key in pairs[h]) for key in shared}
    line = {(h, key): f"{lab}: {val}" for h in pairs for key, (lab, val) in pairs[h].items() if key in shared}
    texts = list(dict.fromkeys([*names.values(), *line.values()]))
    sims = dict(zip(texts, sentence_vectors.encode(texts) @ np.asarray(query_vector, dtype=np.float32)))
    scores = []
    for key in shared:
        mean = float(np.mean([sims[line[h, key]] for h in pairs if key in pairs[h]]))
        mean = (LABEL_LINES_WEIGHT * mean + float(sims[names[key]])) / (1 + LABEL_LINES_WEIGHT)
        overlap = sum(bool(q_stems & _stems(pairs[h][key][1])) for h in chosen) / len(chosen) + bool(
            q_stems & _stems(names[key]))  # a word of the label itself ("work" in "Scope of work")
        scores.append((mean + LABEL_OVERLAP * overlap, key))
    scores.sort(reverse=True)
    return [scores[0][1]] if scores[0][0] >= LABEL_MIN_SIM else []


def _described_sections(question: str, sections: dict, named: list[str]) -> list[str]:
    """Sections the question names by what their lines say rather than by their heading ("entry-level" for the
    section whose description reads "Entry-level role ..."): a question word that no heading or label holds and
    that the first line of exactly one section holds, in a question that names what all the sections are or names
    one of them by its heading."""
    # The question must speak of what every section is ("... engineers"): a question about nerves that happens to
    # share a word with one level's description names no level. One that names a section by its heading ("a junior
    # dev") speaks of them already, whatever it calls the rest ("a mid-level dev").
    q_words = set(tokenize(question))
    if not named and not set.intersection(*(set(tokenize(h)) for h in sections)) & q_words:
        return []
    # Words of the headings and of the labels name a level or an attribute, not a description.
    heading_words = {t for h in sections for t in tokenize(h)} | {
        t for _, lines in sections.values() for lab, _ in lines for t in tokenize(lab)}
    words = [t for t in tokenize(question) if t not in heading_words and _key(t) not in _GENERIC
             and t not in _CONTRACTED and t not in _SMALL_WORDS and len(t) >= 3]
    if not words:
        return []
    # A section's first line describes it ("Description: Entry-level role ..."); its other lines share common words.
    holders = {h: set(tokenize(lines[0][1])) for h, (_, lines) in sections.items()}
    out = []
    for t in words:
        having = [h for h in sections if t in holders[h]]
        if len(having) == 1 and having[0] not in named and having[0] not in out:
            out.append(having[0])
    return out


_COMPARATIVE = re.compile(r"\b(?:more|less|fewer|longer|shorter|higher|lower|bigger|larger|smaller|wider|narrower|"
                          r"gap|difference|differ\w*|compare\w*|vs\.?|versus)\b", re.I)
_FIRST_AMOUNT = re.compile(r"(\d[\d,.]*)\s?(\+|-\s?\d[\d,.]*)?\s*([a-z]+)?", re.I)


def _labelled_verdict(question: str, chosen: list[str], values: list[tuple[str, str]], out: Composed) -> str | None:
    """The comparison stated from the quoted numbers, when both values of the asked label start with an amount in
    the same unit: "Staff Software Engineer has more experience: 10+ years vs 5+ years for Senior Software Engineer
    [1][2]." Numbers are copied from the cited lines (the faithfulness guard checks them)."""
    amounts = []
    for _, value in values:
        m = _FIRST_AMOUNT.search(value)
        if not m:
            return None
        amounts.append((float(m.group(1).replace(",", "")), m.group(0).strip(), (m.group(3) or "").lower()))
    (a, a_text, a_unit), (b, b_text, b_unit) = amounts
    if a == b or a_unit != b_unit:
        return None
    less = bool(_LESS.search(question))
    (win, w_text), (lose, l_text) = ((0, a_text), (1, b_text)) if (a > b) != less else ((1, b_text), (0, a_text))
    label = values[0][0].lower()
    marks = "".join(f"[{n}]" for n in sorted(s.n for s in out.sources))
    return f"{chosen[win]} has {'less' if less else 'more'} {label}: {w_text} vs {l_text} for {chosen[lose]} {marks}."


def _contrast_rank(values: list[str]) -> tuple:
    """How plainly a label's values set the sections apart (smaller is better): numbers in every value first
    ("5+ years" vs "10+ years"), then values that describe the same dimension in different degrees (they share the
    most words: "Large features" vs "Larger projects"), not free-text descriptions that share nothing."""
    sets = [set(tokenize(v)) for v in values]
    shared = len(set.intersection(*sets)) / max(1, len(set.union(*sets)))
    return (not all(re.search(r"\d", v) for v in values), -round(shared, 2), sum(len(v) for v in values))


_WHICH_ATTR = [
    ("money", re.compile(r"\b(?:pay|pays|paid|salar\w*|earn\w*|compensation|make|money)\b", re.I), MONEY),
    ("duration", re.compile(r"\b(?:long|longer|shorter|quick\w*|fast\w*|slow\w*|process|weeks?|time|timeline)\b", re.I),
     DURATION),
    ("count", re.compile(r"\b(?:rounds?|stages?|steps?|interviews?)\b", re.I),
     re.compile(r"\b\d+(?:\s?(?:-|–|to)\s?\d+)?\+?(?=\s+(?:\w+\s+)?(?:rounds?|stages?|steps?|interviews?))", re.I)),
]
# How far down the ranked sentences a per-role comparison is looked for: "which role has more rounds" shares few
# words with the one sentence that holds both roles' round counts.
WHICH_MORE_DEPTH = 20
_RANGE_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
_LESS = re.compile(r"\b(?:less|fewer|lower|shorter|smaller|quicker|faster|cheaper)\b", re.I)
_WORDS_FOR = {"money": ("pay more", "pay less"), "duration": ("take longer", "are quicker"),
              "count": ("have more rounds", "have fewer rounds")}


def _value(text: str) -> float:
    """The upper end of a quoted value ("$160,000 - $220,000" -> 220000, "3-6 weeks" -> 6)."""
    nums = [float(n.replace(",", "")) for n in _RANGE_NUM.findall(text)]
    return max(nums) if nums else 0.0


def _which_more(question: str, scored: list, hits: Sequence[Hit], roles: Sequence[Role]) -> Composed | None:
    """Deterministic comparison of a per-role fact held in one sentence: "MLE roles pay more: $170,000 to $250,000
    vs $160,000 - $220,000 for Applied Scientist roles [1]." Numbers are copied from the cited sentence."""
    attr = next(((name, value) for name, qp, value in _WHICH_ATTR if qp.search(question)), None)
    if attr is None:
        return None
    name, value_pattern = attr
    topic = _stems(question) - _stems("which role roles more less longer shorter higher lower fewer pay pays earn "
                                      "make time long one")
    for score, c, mentioned in scored[:WHICH_MORE_DEPTH]:
        if topic and not topic & _stems(c.text):
            continue  # a comparison of some other fact ("more time coding live" is not the process length)
        spans = sorted(role_mentions(c.text, list(roles)))
        values = list(value_pattern.finditer(c.text))
        if len({n for _, _, n in spans}) < 2 or len(values) < 2:
            continue
        per_role: dict[str, tuple[str, str]] = {}  # canonical role -> (its name as written, its value)
        for v in values:
            if name == "money":  # a range "$160,000 - $220,000" is one value
                m = re.match(r"[$€£]?[\d,.]+\s?(?:-|–|to)\s?[$€£]?[\d,.]+", c.text[v.start():])
                text = m.group(0) if m else v.group(0)
            else:
                text = v.group(0)
            end = v.start() + len(text)
            # "2-4 weeks for Applied Scientist roles": the role right after "for"; else the role named before it.
            after = [(s, e, n) for s, e, n in spans if s >= end and re.fullmatch(
                r"\s*(?:\w+\s+){0,2}for\s+(?:the\s+)?(?:\w+\s+)?", c.text[end:s])]
            before = [(s, e, n) for s, e, n in spans if e <= v.start()]
            owner = after[0] if after else (before[-1] if before else None)
            if owner and owner[2] not in per_role:
                per_role[owner[2]] = (c.text[owner[0]:owner[1]], text.strip())
        if len(per_role) < 2:
            continue
        (r1, v1), (r2, v2) = list(per_role.values())[:2]
        less = bool(_LESS.search(question))
        if _value(v1) == _value(v2):
            continue
        winner, loser = ((r1, v1), (r2, v2)) if (_value(v1) > _value(v2)) != less else ((r2, v2), (r1, v1))
        verb = _WORDS_FOR[name][1 if less else 0]
        text = f"{winner[0]} roles {verb}: {winner[1]} vs {loser[1]} for {loser[0]} roles"
        fact = Cand(c.hi, c.si, c.line, text + ".")
        out = _render([fact], hits, score)
        return out
    return None
