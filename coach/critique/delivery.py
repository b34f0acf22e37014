"""Delivery analysis of an answer: length, structure, filler words, numbers, STAR parts, code, grader-directed text.

Notes are observations of what is in the text ("No numbers appear in the answer"), never judgements of the person.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from coach.critique.coverage import UNSURE, unsure_only
from coach.critique.shapes import STOPWORDS, Unit, content_stems, stem, words
from coach.critique.star import star_parts

FILLERS: dict[str, re.Pattern[str]] = {
    "um": re.compile(r"\b(?:um+|uh+|erm+|er|hmm+)\b", re.I),
    "yeah": re.compile(r"\b(?:yeah|so yeah)\b(?!,? (?:we|I) )", re.I),
    "or whatever": re.compile(r"\b(?:and stuff|or whatever|or something|and things like that)\b", re.I),
    "like": re.compile(r"(?:(?<=,)|(?<=\bum)|(?<=\buh)|(?<=\band)|(?<=\bjust))\s*\blike\b(?!\s+(?:to|this|that|it)\b)"
                       r"|\blike,", re.I),
    "you know": re.compile(r"\byou know\b(?!\s+(?:how|what|that|the|whether|if)\b)", re.I),
    "basically": re.compile(r"\bbasically\b", re.I),
    "kind of": re.compile(r"\b(?:kind|sort) of\b(?!\s+(?:a|an|the)\b)", re.I),
    "I guess": re.compile(r"\bI guess\b", re.I),
    "I mean": re.compile(r"\bI mean\b", re.I),
    "literally": re.compile(r"\bliterally\b", re.I),
}
# Words that withhold commitment ("maybe a hash or something"). "I guess" and "kind of" count as fillers, so they are
# not counted twice. "I'm not sure which" inside an answer is a hedge too: it is charged here, once, and not as a
# hand-off (a sentence that also gives the question away, "I'm not sure, the platform team does it", is a hand-off).
NONCOMMITTAL = re.compile(r"\b(?:maybe|perhaps|probably|somehow|possibly|I think|I suppose)\b", re.I)
_STRONG_SIGNPOSTS = re.compile(
    r"(?:^|[.;:!?]\s+|\b(?:I'd|I'll|I|we|would|will|let's)\s+)(?P<a>first|second|third)\b"
    r"|\b(?P<b>first(?:ly)?|second(?:ly)?|third(?:ly)?)\s*,"
    r"|\b(?P<c>finally|lastly|to summari[sz]e|to sum up|to conclude|in summary|in short|in conclusion|"
    r"the headline|step (?:one|two|three|1|2|3))\b"
    r"|\b(?P<d>situation|task|action|result)\s*:",
    re.I | re.M,
)
_WEAK_SIGNPOSTS = re.compile(r"\b(then|next|after that|afterwards|before|once|because|so that)\b", re.I)
_NUMBER = re.compile(
    r"[$€£]?\d[\d,]*(?:\.\d+)?\s*(?:%|percent|x\b|ms\b|k\b|m\b|bn\b|million|billion|thousand|hours?|minutes?|days?|"
    r"weeks?|months?|years?|points?|users?)?"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a hundred|"
    r"a few)\s+(?:\w+\s+)?(?:percent|percentage points|points|times|x|seconds|minutes|hours|days|weeks|months|years|"
    r"quarters|users|customers|requests|people|engineers|thousand|million|billion)\b"
    r"|\b(?:halved|doubled|tripled|tenfold|twice as)\b",
    re.I,
)
_CODE_START = re.compile(
    r"\bdef\s+\w+\s*\(|\bSELECT\b[\s\S]*\bFROM\b|\bfunction\s*\w*\s*\(|\bclass\s+\w+\s*[:({]|#include|"
    r"\b(?:public|private|static)\s+\w+\s+\w+\s*\(|\bfor\s*\(\s*\w+|=>\s*\{|\bconst\s+\w+\s*=",
)
# A question asking for a story of the candidate's past, in any wording: "Tell me about a time …", "What's a deadline
# you missed?", "the most difficult bug you fixed", "How did you solve it?" (coach.critique.topics.recounts_past).
_BEHAVIOURAL = re.compile(
    r"\btell me (?:about (?:a|an|the|your)|a situation|a story|a time)\b|\bdescribe (?:a|an|the|your) (?:time|"
    r"situation|project|incident|conflict|mistake|failure|challenge|decision)\b|\b(?:give|share) (?:me )?an "
    r"example\b|\ba time (?:when|you|that|in which)\b|\bhave you ever\b|\bhow did you\b|\bwalk me through (?:a|an|"
    r"your) (?:project|situation|time|conflict|failure|incident)\b",
    re.I,
)


SAYS_NOTHING_WORDS = 15  # an answer this short (a "very short" one) may say nothing at all
# Words that fill a turn without saying anything; keyboard mashing ("asdf") is caught as no English word.
_EMPTY_WORDS = frozenset("blah yes yeah yep yup no nope ok okay lol lmao idk dunno hmm hm um uh er erm meh stuff "
                         "thing things whatever etc".split())
LONG_UNMARKED = 200  # prose words from which an answer without signposts is too long to follow
# Cosine from which a sentence may say an earlier one again ("The deadline was too tight, so I pushed back." after "I
# pushed back on a deadline."); the related steps of a good answer mostly stay below it.
RESTATED = 0.65
# ... and from which it says the same thing whatever its words: a paraphrase ("we didn't agree on how the schema should
# look" after "we disagreed about the schema") shares few of them; a good answer's steps stay well below it (≤ 0.65).
RESTATED_ALONE = 0.75
RUN_ON = 30  # average words per sentence from which sentences run on


@dataclass
class DeliveryStats:
    words: int
    sentences: int
    fillers: Counter = field(default_factory=Counter)
    signposts: list[str] = field(default_factory=list)
    weak_signposts: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    star: dict[str, bool] | None = None
    code: list[str] = field(default_factory=list)
    prose_words: int = 0
    injection: list[str] = field(default_factory=list)
    noncommittal: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # words that say nothing: no English word, or a bare "blah"/"yes"
    echoed: list[str] = field(default_factory=list)  # content words the question already says
    new_words: int = 0  # distinct content words (English or named) that the question does not already say

    @property
    def says_nothing(self) -> bool:
        """A few words with no substance ("deadline blah blah yes", "asdf qwer zxcv code"): no word the question
        does not already say, or one at most among words a third of which are no words or say nothing. "It's the
        intercept." says something."""
        return 0 < self.words < SAYS_NOTHING_WORDS and (
            not self.new_words or (self.new_words <= 1 and len(self.empty) * 3 >= self.words))

    def nothing_said(self) -> str:
        """Why the answer says nothing, for the score's explanation and the notes: "“deadline” only repeats the
        question; “blah”, “yes” say nothing"."""
        parts = []
        if self.echoed:
            parts.append(_listed(self.echoed) + (" only repeats" if len(self.echoed) == 1 else " only repeat")
                         + " the question")
        if self.empty:
            parts.append(_listed(self.empty) + (" says" if len(self.empty) == 1 else " say") + " nothing")
        return "; ".join(parts) or "no word says anything on the question"

    @property
    def filler_total(self) -> int:
        return sum(self.fillers.values())

    @property
    def filler_rate(self) -> float:
        return 100.0 * self.filler_total / self.words if self.words else 0.0

    @property
    def filler_heavy(self) -> bool:
        return self.filler_total >= 3 and self.filler_rate >= 3.0

    @property
    def avg_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def rambling(self) -> bool:
        """Run-on or filler-heavy: the observable signs of an answer without structure. A long answer without
        signposts rambles when it runs on (long sentences) or goes well past a spoken answer's length; a specific
        answer of short sentences at 150-200 words is a strong answer, not a rambling one."""
        long_unmarked = not self.signposts and (
            self.prose_words >= LONG_UNMARKED or (self.prose_words >= 150 and self.avg_sentence_words >= RUN_ON))
        return self.filler_heavy or long_unmarked

    @property
    def structured(self) -> bool:
        return len(set(self.signposts)) >= 2 and not self.filler_heavy and self.prose_words >= 30

    @property
    def mostly_code(self) -> bool:
        return bool(self.code) and self.prose_words < 15


def times(n: int) -> str:
    """How often, as a sentence says it: "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def split_injection(unit: Unit) -> tuple[Unit | None, Unit | None]:
    """(answer part, injected part) of a unit: an injection glued to a real sentence without a sentence break
    ("...moved on. score 100/100.", "...moved on. </answer> Grader: ...") is cut off, the sentence before it kept."""
    from coach.injection import grader_injection

    m = grader_injection(unit.text)
    if not m:
        return unit, None
    head = unit.text[: m.start()]
    ends = [head.rfind(mark) + 1 for mark in (". ", "! ", "? ")] + [head.rfind("<")]
    cut = max(max(ends), 0)
    kept = unit.text[:cut].rstrip()
    injected = Unit(unit.text[cut:].strip(), unit.start + cut, unit.end, unit.index)
    if len(kept.split()) < 3:
        return None, unit
    return Unit(kept, unit.start, unit.start + len(kept), unit.index), injected


# A story asked in other words: an event of the candidate's past named as such ("a deadline you missed", "the most
# difficult bug that you fixed", "feedback you have received"); "What did you build your resume with?" asks a fact.
_PAST_EVENT = re.compile(
    r"\b(?:project|bug|mistake|misstep|failure|conflict|decision|challenge|problem|feedback|situation|incident|deadline|"
    r"achievement|disagreement|thing|something|time|outage|launch|migration|system|service|model|product|feature|analysis|"
    r"team)s? (?:that |which )?you(?:'ve| have)?\s+"
    r"(?:ever\s+)?(?:\w+ed|made|built|had|did|faced|led|ran|wrote|took|got|gave|fought|broke|shipped|met|saw|"
    r"learn\w*|worked on|run into)\b"
    r"|\bhow (?:did|have) you (?:\w+ )?(?:handle|handled|deal|dealt|solve|solved|win|won|work|worked|manage|managed|"
    r"respond|responded|approach|approached|fix|fixed|overcome|overcame|resolve|resolved)\b"
    r"|\bwhat (?:did )?you(?:'ve)? (?:learn(?:ed|t)?|do about|did about|changed?)\b",
    re.I,
)


def is_behavioural(question: str) -> bool:
    """The question asks for a story of the candidate's past (STAR), however it is worded."""
    return bool(_BEHAVIOURAL.search(question) or _PAST_EVENT.search(question))


def code_span(text: str) -> tuple[int, int] | None:
    """Start/end of code inside a unit (from the first code construct to the end), if any."""
    m = _CODE_START.search(text)
    if m:
        return m.start(), len(text)
    if _codeish(text):
        return 0, len(text)
    return None


_CODE_LINE = re.compile(r"^\s*(?:return\b[^,;]*$|(?:while|for|if|elif|else|def|class|try|except|with)\b.*:\s*$|"
                        r"[\w.\[\]]+(?:\s*,\s*[\w.\[\]]+)*\s*(?:=|\+=|-=)\s*[^=\s]|"
                        r"[a-z_][\w]*(?:\.[a-z_]\w*)+\(.*\)\s*;?\s*$)")


def _codeish(text: str) -> bool:
    """A short line of source code without a recognisable opening: an assignment, a loop or branch header, a
    return."""
    return len(text.split()) <= 12 and bool(_CODE_LINE.search(text))


def analyse(units: list[Unit], question: str, injected: list[Unit]) -> DeliveryStats:
    """Delivery statistics of the answer's units (grader-directed units already removed)."""
    prose_parts: list[str] = []
    code: list[str] = []
    for u in units:
        span = code_span(u.text)
        if span:
            code.append(u.text[span[0]:span[1]])
            prose_parts.append(u.text[: span[0]])
        else:
            prose_parts.append(u.text)
    prose = " ".join(prose_parts)
    full = " ".join(u.text for u in units)
    fillers: Counter = Counter()
    for name, pattern in FILLERS.items():
        said = [m.group(0).lower() for m in pattern.finditer(prose)]
        if said and name == "um":
            # hesitations are named as said ("uh ×2", "hmm ×1"): an answer with "uh" was told it said "um"
            fillers.update("hmm" if w.startswith("hm") else re.sub(r"(.)\1+$", r"\1", w) for w in said)
        elif said:
            fillers[name] = len(said)
    signposts = [next(g for g in m.groups() if g).lower() for m in _STRONG_SIGNPOSTS.finditer(prose)]
    weak = [m.group(1).lower() for m in _WEAK_SIGNPOSTS.finditer(prose)]
    numbers = [m.group(0).strip() for m in _NUMBER.finditer(prose) if m.group(0).strip()]
    star = star_parts(full) if is_behavioural(question) else None
    unsure = [m.group(0).lower() for p in prose_parts if unsure_only(p) for m in UNSURE.finditer(p)]
    empty, echoed, new_words = _substance(full, question)
    return DeliveryStats(
        words=len(words(full)), sentences=len(units), fillers=fillers, signposts=signposts, weak_signposts=weak,
        numbers=numbers, star=star, code=code, prose_words=len(words(prose)), injection=[u.text for u in injected],
        noncommittal=[m.group(0).lower() for m in NONCOMMITTAL.finditer(prose)] + unsure,
        empty=empty, echoed=echoed, new_words=new_words,
    )


def _substance(text: str, question: str) -> tuple[list[str], list[str], int]:
    """(words that say nothing, content words the question already says, count of the distinct content words it
    does not): what a very short answer adds to its question. A lower-case string that is no word ("asdf", "zxcv";
    ``wordshape.is_word``: "recommender" and "memoization" are words) says nothing; a capitalised one may name a tool
    ("Kafka")."""
    from coach.critique.wordshape import is_word
    from coach.english import pronoun

    asked = content_stems(question)
    empty: list[str] = []
    echoed: list[str] = []
    new: set[str] = set()
    for w in words(text):
        low = w.lower()
        if low in _EMPTY_WORDS or (w.islower() and w.isalpha() and not is_word(low)):
            empty.append(low)
        elif low not in STOPWORDS and not pronoun(low) and len(w) > 1 and "'" not in w:
            st = stem(low)
            if st in asked:
                echoed.append(low)
            else:
                new.add(st)
    return list(dict.fromkeys(empty)), list(dict.fromkeys(echoed)), len(new)


def _listed(ws: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in ws[:4])


def restated_units(units: list[Unit], vecs, question: str = "") -> list[int]:
    """Indices of the prose sentences that say an earlier one again: very close in meaning to an earlier sentence
    (``RESTATED_ALONE``), or close (``vecs``: one normalised vector per unit) and with two thirds of their content
    words said before, by the answer or by the question ("I fixed the number and sent the report again" after "I sent a report with a wrong
    number" is the next step of the story, not a repeat). Words that only frame a point ("the main thing is",
    "basically what I mean is", "that's the core of it") are not counted: padding a repeat with them does not make it
    a new point. Lines of code share their identifiers and are left out."""
    out: list[int] = []
    said: set[str] = content_stems(question) - _FRAMING
    prose = [k for k, u in enumerate(units) if not code_span(u.text)]
    for i, k in enumerate(prose):
        st = content_stems(units[k].text) - _FRAMING
        near = float((vecs[prose[:i]] @ vecs[k]).max()) if i else 0.0
        if st and (near >= RESTATED_ALONE or (near >= RESTATED and len(st & said) * 3 >= len(st) * 2)):
            out.append(k)
        said |= st
    return out


# Qualities claimed rather than shown, and parties named in general: the words of a vague answer that the everyday
# dictionary finds rare ("scalable", "robust", "stakeholders"), so they read as specifics though they say neither
# what was done nor how ("I'd make it scalable and robust" fits any system).
_CLAIMED = frozenset(stem(w) for w in (
    "scalable scalability robust robustness reliable reliability efficient efficiency effective effectively "
    "maintainable flexible flexibility seamless seamlessly solid clean proactive proactively transparent "
    "transparency trustworthy aligned alignment impactful empathy empathetic teamwork collaboration collaborative "
    "communication communicating stakeholders stakeholder processes components improving improvement improvements "
    "professional professionally positive mindset passionate passion dedicated dedication accountable "
    "accountability ownership holistic strategic strategically best practices optimal optimize optimise "
    "properly carefully thoroughly").split())
IDEA_FROM = 2  # specifics from which a sentence makes a point of its own ...
IDEA_FULL = 3  # ... and from which it makes a whole one (more in one sentence make it no more than one point)


def specific_ideas(texts: list[str], weights, skip, question: str) -> float:
    """How many specific points the answer makes: each sentence counts by the specifics it adds to those said before
    (numbers, names, technical terms, things done: ``signals._specific_tokens``; not qualities claimed, ``_CLAIMED``)
    — none from one alone, a whole point from IDEA_FULL — times its weight (how near the question it is; less when
    stock phrases carry it). Sentences in ``skip`` (hand-offs, repeats) count nothing. A long answer of one specific
    per sentence makes no point; a short one naming three makes one."""
    from coach.critique.signals import _specific_tokens

    asked = content_stems(question)
    seen: set[str] = set()
    total = 0.0
    for text, w, s in zip(texts, weights, skip):
        if s:
            continue
        new = {t for t in _specific_tokens(text, asked) if stem(t.rsplit(" ", 1)[-1]) not in _CLAIMED} - seen
        seen |= new
        total += float(w) * min(1.0, max(0, len(new) - IDEA_FROM + 1) / (IDEA_FULL - IDEA_FROM + 1))
    return total


# Stems of the words that frame a point rather than make one ("the main thing is", "what I mean is", "that's the
# core of it", "honestly", "really what matters most").
_FRAMING = frozenset(stem(w) for w in (
    "main thing things point key core gist whole basically essentially really honestly actually simply mean means "
    "meant matter matters important importantly idea yes yeah").split())


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class SpokenLength:
    """How long a spoken answer to a kind of question runs: most run 150-300 words, two or three questions asked
    back at the end of an interview about 20-60."""
    low: int = 150
    high: int = 300
    short: int = 40  # words below which an answer is short ...
    very_short: int = 15  # ... and very short

    @property
    def typical(self) -> str:
        return f"about {self.low}-{self.high} words"

    @property
    def long(self) -> int:
        return self.high + 50


SPOKEN = SpokenLength()


def delivery_notes(stats: DeliveryStats, length: SpokenLength = SPOKEN) -> list[str]:
    """Observations of what the answer contains; no judgement of the speaker."""
    if stats.words == 0:
        notes = ["No answer text was given, so there is nothing to assess yet." if not stats.injection else
                 "Apart from text addressed to the grader, no answer text was given."]
        if stats.injection:
            notes.append(_injection_note(stats))
        return notes
    notes: list[str] = []
    said = (f"The answer has {stats.words} word{'s' if stats.words != 1 else ''} in {stats.sentences} "
            f"sentence{'s' if stats.sentences != 1 else ''}")
    if stats.words < length.short:
        said += f", which is short for a spoken answer to this question ({length.typical} is typical)."
    elif stats.words > length.long:
        said += f", which is long for a spoken answer to this question ({length.typical} is typical)."
    else:
        said += "."
    notes.append(said)
    if stats.signposts:
        seen = list(dict.fromkeys(stats.signposts))
        notes.append("Signposting words mark the structure: " + ", ".join(seen) + ".")
    elif stats.prose_words >= 40:
        notes.append("No signposting words such as 'first', 'then' or 'finally' were found; the points run together.")
    if stats.filler_total:
        parts = ", ".join(f"{k} ×{v}" for k, v in stats.fillers.most_common())
        notes.append(f"Filler words appear {times(stats.filler_total)} ({parts}), about {stats.filler_rate:.0f} per "
                     f"100 words.")
    else:
        notes.append("No filler words (um, like, you know, basically) were found.")
    if len(stats.noncommittal) > 1:
        seen = Counter(stats.noncommittal)
        notes.append(f"Hedging words appear {times(len(stats.noncommittal))} ("
                     + ", ".join(f"{k} ×{v}" for k, v in seen.most_common()) + "); the answer does not commit.")
    if stats.numbers:
        examples = ", ".join(f'"{n}"' for n in list(dict.fromkeys(stats.numbers))[:3])
        notes.append(f"Numbers appear {times(len(stats.numbers))} (e.g. {examples}).")
    else:
        notes.append("No numbers or metrics appear in the answer.")
    if stats.code:
        notes.append(f"The answer contains code with {stats.prose_words} word{'s' if stats.prose_words != 1 else ''} "
                     "of explanation around it.")
    if stats.star is not None:
        seen = [p for p, ok in stats.star.items() if ok]
        missing = [p for p, ok in stats.star.items() if not ok]
        note = "STAR parts seen: " + (", ".join(seen) if seen else "none")
        if missing:
            note += "; not seen: " + ", ".join(missing)
        notes.append(note + ".")
    if stats.injection:
        notes.append(_injection_note(stats))
    return notes


def _injection_note(stats: DeliveryStats) -> str:
    return (f'The answer contains text addressed to the grader ("{_quote(stats.injection[0])}"); it was left out of '
            "the assessment and did not change any verdict or the score.")


# -- what a coach expects of the answer's shape, by question type ------------------------------------------------
# A design question asks how the candidate would make something technical work: "design/architect …", or "how would
# you build / put together / get X running" where X is a system, service, model, pipeline … ("How would you handle a
# disagreement?" is no design question, nor "rate you on a scale of 1-10").
_DESIGN_VERB = re.compile(r"\b(?:design|architect)(?:ing)?\b(?! (?:doc|review|team)s?\b)", re.I)
_BUILD_Q = re.compile(r"\b(?:how (?:would|do|will|could|should|can) (?:you|we|I)|how you(?:'d| would)|what does it take "
                      r"to|walk me through how you(?:'d| would)?)\s+(?:\w+ly\s+)?(?:build|set up|stand up|deploy|scale|"
                      r"ship|put together|get|take|serve|run|load|store|roll out|migrate|structure|create|"
                      r"bring|move|launch|go about building)\b(?P<what>(?:\s+(?!(?:that|which|who|so|because|when|if)\b)[\w'-]+){0,6})",
                      re.I)
_KEEP_UP = re.compile(r"\bhow (?:would|do|will|could|should|can) (?:you|we|I) keep\b[^?.]{0,60}\b(?:working|running|up|"
                      r"available|online|serving)\b", re.I)
_TECH = re.compile(r"\b(?:system|service|api|pipeline|model|app|application|platform|infrastructure|database|cache|queue|"
                   r"feed|server|backend|cluster|architecture|job|endpoint|website|site|product|feature|counter|"
                   r"limiter|shortener|warehouse|data|traffic|production|deploy\w*|scal\w*|latency|storage)s?\b", re.I)
_CODING_Q = re.compile(r"\b(?:write (?:a |an )?(?:function|query|program|method|class|sql)|implement|array|string|"
                       r"linked list|binary tree|return the|algorithm|reverse|sort(?!\s+of\b)\w*|find the|sql)\b", re.I)


def question_type(question: str) -> str:
    """'behavioural', 'coding', 'design' or 'general' (motivation, opinions, hypotheticals about people): which
    structure a coach looks for, read from the question's shape. A story of the candidate's past ("a system you
    scaled") is behavioural whatever its subject; design needs a design verb, or "how would you build / get …"
    about something technical."""
    if is_behavioural(question):
        return "behavioural"
    if _CODING_Q.search(question):
        return "coding"
    build = _BUILD_Q.search(question)
    if _DESIGN_VERB.search(question) or _KEEP_UP.search(question) or (build and _TECH.search(build.group("what"))):
        return "design"
    return "general"


_PARTS = {
    "clarify": re.compile(r"\?|\b(?:clarif\w*|ask(?:ing)? (?:about|whether|what|how|a few|a couple)|confirm\w*|"
                          r"requirements?|assum\w*|scope|before (?:I|drawing|coding|writing|anything)|a few things|"
                          r"a couple of (?:questions|things)|quick check|check a few|depends on)\b", re.I),
    "approach": re.compile(r"\b(?:approach|plan|idea|I'd use|I would use|I'll use|brute force|the core|the key|"
                           r"architecture|walk (?:the|through)|step|first,|then|layers?|parts?)\b", re.I),
    "trade-offs": re.compile(r"\b(?:trade-?offs?|at the cost of|instead of|rather than|versus|vs\.?|downside|"
                             r"pros? and cons|O\(|complexity|linear time|constant space|cheaper|expensive|"
                             r"in exchange|the cost is|fits)\b", re.I),
    "checks": re.compile(r"\b(?:test\w*|edge cases?|validat\w*|monitor\w*|failure\w*|fallback|roll ?back|"
                         r"retr(?:y|ies)|alert\w*|verify|dry run)\b", re.I),
}


def structure_parts(question: str, stats: DeliveryStats, text: str) -> dict[str, bool] | None:
    """The parts a coach expects for this kind of question and whether the answer has them: STAR for behavioural
    questions, clarify -> approach -> trade-offs (and checks) for design and coding; None for other questions."""
    kind = question_type(question)
    if kind == "behavioural":
        return dict(stats.star or {})
    if kind in ("design", "coding"):
        return {part: bool(p.search(text)) for part, p in _PARTS.items()}
    return None


# What a delivery mistake says was not practised or rehearsed ("Failing to practice whiteboarding exercises"): a
# kind of interview round or task, which is then what the item is about.
_PRACTISED = re.compile(r"\b(?:practi[cs]\w*|rehears\w*)\s+(?:for\s+|on\s+)?(?P<x>[A-Za-z][\w\s-]*)", re.I)


def practised_format(mistake: str) -> str:
    """The interview format or task a delivery mistake names as the thing not practised, as written ("whiteboarding
    exercises"); "" when it names none ("Rambling without structure")."""
    m = _PRACTISED.search(mistake)
    return m.group("x").strip(" -") if m else ""


def base_forms(phrase: str) -> str:
    """``phrase`` with each word in its base form ("whiteboarding exercises" -> "whiteboard exercise"): the
    embedding model reads a rare gerund such as "whiteboarding" as noise (0.16-0.27 to questions asked at the
    whiteboard) and its base word as the thing interviewers name (0.34-0.48)."""
    from lemminflect import getLemma

    out = []
    for w in phrase.split():
        pos = "VERB" if w.lower().endswith("ing") else "NOUN"
        out.append((getLemma(w.lower(), upos=pos, lemmatize_oov=True) or (w,))[0])
    return " ".join(out)
