"""Text helpers and mistake-shape recognition for rubric items.

A rubric item's BAD text ("Overemphasizing X in R interviews", "Jumping straight to X before Y", ...) says *how* an
answer goes wrong; the shape decides which check the engine runs, the captured phrases (X, Y) say what to look for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ShapeKind = Literal["overemphasis", "omission", "without", "numbers", "order", "narration", "structure", "ownership",
                    "dont", "quality", "fallback", "band"]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'+#-]*|\d+(?:[.,]\d+)*")
STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being it its this that these those "
    "i i'd i'm i'll i've we we'd you you'd your my our their they them he she his her not no so if then than into "
    "about over under up down out off would could should will can may might do does did done have has had just very "
    "also too what which who whom how when where why there here each every any some all most more much many such own "
    "same other only both few".split()
)
_SUFFIXES = ("ational", "ization", "isation", "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly",
             "ies", "ied", "ers", "er", "ed", "es", "ly", "s", "e")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stem(word: str) -> str:
    """A light suffix stemmer: enough to match design/designing/designs and model/models/modelling."""
    w = word.lower().strip("'")
    if "-" in w and all(p.isalpha() for p in w.split("-")):
        return "-".join(stem(p) for p in w.split("-"))  # trade-offs / trade-off, well-known
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ification"):
        return w[: -len("ication")] + "i"  # clarification -> clarifi, like clarify
    w = re.sub(r"ysis$", "yz", w)  # analysis -> analyz, like analyze
    w = re.sub(r"sis$", "siz", w)  # emphasis -> emphasiz, like emphasize
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            # "retries"/"retried" keep the i that "retry" ends in below (retri), so the forms meet
            w = w[: -len(suffix)] + ("i" if suffix in ("ies", "ied") else "")
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # modell -> model, plann -> plan
    w = re.sub(r"(is|iz)$", "iz", w)  # emphasis/emphasiz, optimis/optimiz
    return re.sub(r"y$", "i", w)  # clarify/clarifi(es)


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w.lower() not in STOPWORDS and len(w) > 1}


def lexical_overlap(phrase_stems: set[str], text_stems: set[str]) -> float:
    """Share of the phrase's content stems that occur in the text."""
    if not phrase_stems:
        return 0.0
    return len(phrase_stems & text_stems) / len(phrase_stems)


# -- sentence units ------------------------------------------------------------------------------------------------
# a colon opens a clause of its own: what follows lists or explains ("I put an emoji before each one: 💼 Experience")
_CLAUSE = re.compile(r"(?:,|;)\s+(?=(?:and|but|so|then|which|because|or)\b)|[;:]\s+")


@dataclass(frozen=True)
class Unit:
    """A verbatim span of the answer (a sentence, or a clause of a very long sentence) with its offsets."""

    text: str
    start: int
    end: int
    index: int


def split_units(text: str, *, max_words: int = 32) -> list[Unit]:
    """Sentences of ``text`` (the project's splitter) with offsets; sentences longer than ``max_words`` are split at
    clause boundaries, because a run-on sentence counted as one unit would swamp any share computed per unit."""
    from coach.text import split_sentences

    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, pos)
        if start < 0:  # the splitter returns verbatim pieces; guard anyway rather than misplace a quote
            continue
        pos = start + len(sentence)
        spans.append((start, pos))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if len(words(text[s:e])) <= max_words:
            out.append((s, e))
            continue
        cut = s
        for m in _CLAUSE.finditer(text, s, e):
            if len(words(text[cut:m.start()])) >= 8:
                out.append((cut, m.start() + 1))
                cut = m.end()
        out.append((cut, e))
    units: list[Unit] = []
    for s, e in out:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        seg = seg.strip()
        if words(seg):
            units.append(Unit(seg, s + lead, s + lead + len(seg), len(units)))
    return units


# A clause of a sentence also ends where a comma opens a subordinate one ("I give the direct line at my office, since
# I'm at my desk anyway"): the reason or circumstance dilutes what the main clause does.
_SUBCLAUSE = re.compile(rf"{_CLAUSE.pattern}|,\s+(?=(?:since|as|while|although|though|whereas|where|when|unless|"
                        r"if|that's|so that|just so|in case)\b)", re.I)


# A clause giving a reason: what it names, the sentence does not do. A concession ("though I do use my work email")
# or a condition ("if it scores 97% it is unbiased") states what is done itself.
SUBORDINATE = re.compile(r"\s*(?:since|as|because|so that|just so|in case)\b", re.I)


def main_clauses(text: str) -> str:
    """``text`` without its subordinate clauses ("I give my personal cell, since a work number ties me to my
    employer" -> "I give my personal cell"): a reason or circumstance names things the sentence does not do. The
    whole text when nothing else is left."""
    parts = _SUBCLAUSE.split(text)
    kept = [p.strip(" ,;") for p in parts if not SUBORDINATE.match(p)]
    return text if len(kept) == len(parts) else ", ".join(k for k in kept if k) or text


def clauses(text: str, *, min_words: int = 3) -> list[str]:
    """The clauses of one sentence ("I kept it short, then I dropped it into a template" -> two), each of at least
    ``min_words`` words; a sentence that does not split gives []."""
    parts = [p.strip(" ,;") for p in _SUBCLAUSE.split(text)]
    parts = [p for p in parts if len(words(p)) >= min_words]
    return parts if len(parts) > 1 else []


# -- role scope ---------------------------------------------------------------------------------------------------
_SCOPE = re.compile(
    r"\s*,?\s*\b(?:in|for|during|at)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!\b(?:in|for|during|at)\b)[\w()/&.'\-]+\s+){0,7}?"
    r"(?:interviews?|roles?|rounds?|loops?|positions?|candidates?|screens?)\b",
    re.I,
)


def strip_scope(text: str) -> str:
    """The mistake without its role scope: "Overemphasizing X in MLE interviews." -> "Overemphasizing X"."""
    core = _SCOPE.sub("", text).strip()
    return core.rstrip(" .;:!") or text.strip().rstrip(".")


# -- shapes -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    kind: ShapeKind
    target: str  # X: what the mistake is about
    other: str = ""  # Y: what should come first (order) or what is missing (without)
    core: str = ""  # the BAD text without its role scope


_OVER = re.compile(
    r"^(?:over-?emphasi[sz]\w*|over-?focus\w*(?:\s+on)?|over-?index\w*(?:\s+on)?|over-?engineer\w*|"
    r"focus\w*\s+(?:too\s+much|too\s+heavily|only|solely|exclusively)\s+on|"
    r"spend\w*\s+(?:most|too\s+much|all|the\s+bulk)(?:\s+of)?(?:\s+(?:the|your))?(?:\s+(?:answer|time|interview|"
    r"discussion|response))?\s+on|dwell\w*\s+on|obsess\w*\s+(?:over|about|on)|get\w*\s+(?:lost|bogged\s+down)\s+in|"
    r"(?:putting\s+)?too\s+much\s+(?:focus|emphasis|time|weight)\s+on|prioriti[sz]\w*)\s+(?P<x>.+)$",
    re.I,
)
_ORDER = re.compile(
    r"^(?:jump\w*|div\w*|rush\w*|go\w*|launch\w*|leap\w*|start\w*|head\w*)\s+(?:straight\s+|directly\s+|right\s+)?"
    r"(?:in)?to\s+(?P<x>.+?)\s+(?:before|without\s+first|instead\s+of\s+first)\s+(?P<y>.+)$",
    re.I,
)
_BEFORE = re.compile(r"^(?P<x>.+?)\s+before\s+(?P<y>.+)$", re.I)
_OWNER = re.compile(
    r"^(?:treat\w*|regard\w*|see\w*|view\w*|consider\w*)\s+(?P<x>.+?)\s+as\s+(?:someone|somebody|some\s+one|"
    r"another\s+(?:person|team)|other\s+people)(?:'s|s)?\s+(?:else'?s?\s+)?(?:problem|job|responsibility|fault)"
    r"|^(?:blam\w*|deflect\w*|point\w*\s+fingers\s+at|shift\w*\s+(?:the\s+)?blame\s+(?:to|onto))\s+(?P<x2>.+)$"
    r"|(?:not|never|fail\w*\s+to|avoid\w*)\s+(?:tak\w*|show\w*|own\w*|accept\w*)\s+(?:ownership|responsibility|"
    r"accountability)(?P<x3>.*)$",
    re.I,
)
_NARRATION = re.compile(
    r"^(?P<x>.+?)\s+(?:silently|in\s+silence|quietly|without\s+(?:talking|speaking|explaining|narrating|"
    r"thinking\s+(?:out\s+loud|aloud)|communicating))\b"
    r"|^(?:not|never|fail\w*\s+to)\s+(?:think\w*|talk\w*)\s+(?:out\s+loud|aloud)\s*(?:while|when|during)?"
    r"\s*(?P<x2>.*)$",
    re.I,
)
_STRUCTURE = re.compile(
    r"rambl\w*|without\s+(?:a\s+)?(?:clear\s+)?structure|unstructured|disorgani[sz]ed|long-?winded|waffl\w*|"
    r"filler\s+words|(?:not|never|fail\w*\s+to|skip\w*|neglect\w*)\s+(?:practi[cs]\w*|rehears\w*|mock)",
    re.I,
)
_NUMBERS = re.compile(
    r"\b(?:no|without|lack\w*|missing|vague|zero)\b(?:\s+\w+){0,3}?\s+(?:numbers?|metrics?|figures?|quantif\w*|"
    r"measur\w*\s+(?:results?|impact)|data\s+points?)\b"
    r"|\b(?:not|never|fail\w*\s+to|forget\w*\s+to)\s+(?:quantif\w*|measur\w*)",
    re.I,
)
_OMIT = re.compile(
    r"^(?:ignor\w*|neglect\w*|overlook\w*|forget\w*(?:\s+to)?|fail\w*\s+to|skip\w*|omit\w*|leav\w*\s+out|"
    r"not\s+(?:mention|discuss|address|consider|cover|explain)\w*|underestimat\w*|miss\w*|dismiss\w*|"
    r"(?:under-?emphasi[sz]\w*)|downplay\w*)\s+(?P<x>.+)$",
    re.I,
)
# "Not having any questions": the act left undone is the whole gerund phrase ("having any questions"), not its object.
_NOT_DOING = re.compile(r"^not\s+(?P<x>\w+ing\b.+)$", re.I)
_WITHOUT = re.compile(r"^(?P<x>.+?)\s+without\s+(?P<y>.+)$", re.I)
# "Do not use X", "Never include X", "Avoid X", "However, be careful not to X": the mistake is doing X.
_DONT = re.compile(r"^(?:however,?\s+|also,?\s+|but\s+)?(?:do\s+not|don'?t|never|avoid(?:ing)?|stop|refrain\s+from|"
                   r"be\s+careful\s+not\s+to|make\s+sure\s+(?:you\s+)?(?:do\s+not|don'?t)|you\s+should\s+not|"
                   r"you\s+shouldn'?t)\s+(?P<x>.+)$", re.I)


# Where the forbidden act ends and its justification begins: "add symbols to your headers | to avoid ATS issues",
# "do keyword stuffing | for the sake of it - always remember ...", "list all your achievements | just to showcase".
_REASON = re.compile(r"\s+(?:-|–|—|just to|only to|simply to|to avoid|for the sake of|because|since|so that|as it|"
                     r"as this|as they|which (?:will|would|can|may))\s+.*$|\s*[;:(].*$", re.I)


def _without_reason(x: str) -> str:
    """The act a "Don't …" forbids, without the reason given for it (kept when nothing would be left)."""
    cut = _REASON.sub("", x).strip(" ,.")
    return cut if len(content_stems(cut)) >= 2 else x


def parse_shape(mistake: str, fix: str = "", context: str = "") -> Shape:
    """Recognise the mistake's shape from its BAD text; unknown wordings fall back to similarity. A mistake that
    names a property of the text itself (generic, repetitive, sloppy, wordy) is a ``quality`` shape whose target is
    that property (coach.critique.signals)."""
    from coach.critique.signals import quality_family
    from coach.critique.technique import technique_family

    core = strip_scope(mistake)
    c = re.sub(r"\s+", " ", core)
    bare = len(content_stems(c)) <= 3 and not _DONT.search(c) and not any(
        p.search(c) for p in (_OVER, _ORDER, _OMIT, _WITHOUT, _BEFORE, _OWNER, _NARRATION))
    family = quality_family(c, fix, context, bare=bare)
    dont = _DONT.search(c)
    # "Avoid checking conditions redundantly" forbids an act in the code, not repetition in the answer's text.
    technique = bool(dont) and technique_family(dont.group("x")) is not None
    if family and not technique and not _STRUCTURE.search(c) and not _NUMBERS.search(c):
        return Shape("quality", family, core=core)
    if m := _OWNER.search(c):
        target = next((g for g in (m.group("x"), m.group("x2"), m.group("x3")) if g and g.strip()), c)
        return Shape("ownership", target.strip(" ,."), core=core)
    if m := _NARRATION.search(c):
        target = next((g for g in (m.group("x"), m.group("x2")) if g and g.strip()), c)
        return Shape("narration", target.strip(" ,."), core=core)
    if _STRUCTURE.search(c):
        return Shape("structure", c, core=core)
    if _NUMBERS.search(c):
        return Shape("numbers", "numbers and metrics", core=core)
    if (m := _DONT.search(c)) and not _OVER.search(m.group("x")) and not _OMIT.search(m.group("x")):
        return Shape("dont", _without_reason(m.group("x").strip()), core=core)
    if m := _ORDER.search(c):
        return Shape("order", m.group("x").strip(), m.group("y").strip(), core=core)
    if m := _OVER.search(c):
        return Shape("overemphasis", m.group("x").strip(), core=core)
    if m := _OMIT.search(c) or _NOT_DOING.search(c):
        return Shape("omission", m.group("x").strip(), core=core)
    if m := _WITHOUT.search(c):
        return Shape("without", m.group("x").strip(), m.group("y").strip(), core=core)
    if m := _BEFORE.search(c):
        return Shape("order", m.group("x").strip(), m.group("y").strip(), core=core)
    return Shape("fallback", c, core=core)


# A mistake that opens with an act in the gerund, after at most one adverb ("Immediately assuming …").
_ACT = re.compile(r"^(?:[a-z]+ly\s+)?[a-z]{3,}ing\b(?:\s+\S+){2,}", re.I)


def bare_act(shape: Shape, fix: str) -> Shape:
    """A mistake of no known shape stated as an act and given no fix ("Diving straight into LeetCode …",
    "Immediately assuming that they weren't qualified enough") is what "Don't X" forbids: the similarity fallback
    would compare the answer with the same text as mistake and fix and could never decide."""
    if shape.kind == "fallback" and not fix.strip() and _ACT.search(shape.target):
        return Shape("dont", _without_reason(shape.target.strip(" .")), core=shape.core)
    return shape


# -- concept expansion ---------------------------------------------------------------------------------------------
# Rubric phrases name abstract categories ("implementation details"); answers talk in concrete terms ("rewrite the
# backend in Kotlin"). Sentence embeddings of the bare category sit far from such sentences, so common interview
# categories get concrete examples appended before encoding. Keys are content-stem sets; all must be present.
_EXPANSIONS: list[tuple[str, str]] = [
    ("implementation details", "code, frameworks, programming languages, libraries, database schemas, "
                                              "refactoring"),
    ("technical details", "code, frameworks, libraries, configuration, low-level internals"),
    ("model development", "choosing algorithms, feature engineering, hyperparameter tuning, model accuracy"),
    ("model building", "choosing algorithms, feature engineering, hyperparameter tuning, model accuracy"),
    ("machine learning models", "training classifiers, neural networks, choosing algorithms, hyperparameter tuning, "
                                "model accuracy"),
    # what an ML system is beyond its model: the other side of "model development" for an ML engineer
    ("ML systems", "serving API, feature store, data pipeline, registry, scheduled batch scoring, canary rollout, "
                   "drift monitoring, rollback"),
    ("deployment", "serving API, data pipeline, model registry, containers, canary rollout, monitoring, rollback"),
    ("system design", "architecture, services, APIs, scaling, serving, latency, caching, load balancing"),
    ("theory", "formulas, proofs, textbook definitions"),
    ("buzzwords", "jargon and trendy terms without concrete examples"),
    ("jargon", "buzzwords and acronyms without concrete examples"),
    ("tools", "naming tools, products and frameworks"),
    ("feature code", "application code, request handlers, classes, refactoring, unit tests"),
    ("soft skills", "communication, teamwork, collaboration, leadership"),
    ("business impact", "revenue, cost savings, customer outcomes, metrics"),
    ("trade-offs", "pros and cons, what you give up and why"),
    ("tradeoffs", "pros and cons, what you give up and why"),
    # the properties of the text that abstract pitfalls name (coach.critique.signals measures them)
    ("verbosity", "long and wordy, several pages, every detail, long paragraphs, the full story"),
    ("repetition", "saying the same thing again, restating what was already said"),
    ("generic", "one-size-fits-all, could be about anyone, no specifics"),
    ("cliche", "stock phrases, buzzwords, empty self-praise"),
    ("spelling", "typos, spelling and grammar errors, careless mistakes"),
]


EXPANSIONS: list[tuple[frozenset[str], str]] = [(frozenset(content_stems(k)), v) for k, v in _EXPANSIONS]


def expand(phrase: str) -> str:
    """``phrase`` with concrete examples appended when it names a common abstract category."""
    stems = content_stems(phrase)
    extra = [text for keys, text in EXPANSIONS if keys <= stems]
    return f"{phrase}: {'; '.join(extra)}" if extra else phrase


# What a "Don't X" item forbids, as candidates say it in their own words, keyed by the category X names (its stems
# must all be in X), each with the practice it is contrasted with. Candidates name the tool they used ("I made it in
# Figma"), or describe the habit ("I write 'see resume' in the boxes") rather than naming the category; such a
# sentence shares no word with X and sits far from it in the embedding space, but close to these forms.
_DONT_FORMS: list[tuple[str, str, str]] = [
    # ... or only the design such a tool makes, described in words ("two columns with a photo at the top")
    ("graphic design tools", "designed it in Canva; made it in Figma; laid it out in Adobe Illustrator or InDesign; "
                             "a graphic design app; a two-column design with a photo, icons and skill bars; an "
                             "infographic full of graphics and colours",
                             "wrote it in Microsoft Word or Google Docs; a plain text document; a single column of "
                             "plain text with standard headings"),
    ("resume builders", "a resume builder website with templates; an online CV generator",
                        "wrote it in Microsoft Word or Google Docs; a plain text document"),
    ("symbols headers", "an emoji or icon in front of each section heading; arrows, stars or little graphics before "
                        "the headings; decorative symbols in the section titles",
                        "plain text headings; just the heading words in bold"),
    ("keyword stuffing", "repeating the same keywords over and over; pasting every skill from the job posting, even "
                         "ones I have not used; hidden white text full of keywords; stuffing the resume with buzzwords "
                         "for the scanner", "only the skills I really have, where I actually used them"),
    ("list all achievements", "I put everything I ever did on it; every task, project and ticket goes on; a long list "
                              "of bullets for each job; I include all of it so they see how much I did",
                              "only the few results with the most impact; I pick a handful and cut the rest"),
    ("header footer", "contact details in the page header; links in the footer of every page",
                      "contact details as plain text in the body of the page"),
    ("application forms", "write 'see resume' or 'see attached CV' in the form's boxes; just upload my resume and "
                          "leave the rest of the form blank; rush through the application form as fast as I can",
                          "fill in every field of the form carefully and completely; copy each role and its dates "
                          "from my resume into the form"),
]
DONT_FORMS: list[tuple[frozenset[str], list[str], list[str]]] = [
    (frozenset(content_stems(k)), [f.strip() for f in v.split(";")], [c.strip() for c in c_.split(";")])
    for k, v, c_ in _DONT_FORMS]


def dont_forms(target: str) -> tuple[list[str], list[str]]:
    """(the everyday forms of what "Don't ``target``" forbids, the practices they are contrasted with); empty when
    ``target`` names no known category."""
    stems = content_stems(target)
    hits = [(f, c) for keys, f, c in DONT_FORMS if keys <= stems]
    return [x for f, _ in hits for x in f], list(dict.fromkeys(x for _, c in hits for x in c))


# Quantifiers, a closed grammatical class (no article's words): a "Don't X" qualified by one ("list all your
# achievements", "apply to many jobs at the same company") forbids the whole or a lot of something, so the thing alone
# ("I list my achievements") is only its topic; an answer says which side it is on by its own quantifier. "single"
# after "every" intensifies it ("every single thing"); "each" distributes ("two bullets under each job"); a number
# counts without saying whether it is a few ("day one", "three years", "I write two bullets per role") unless it is
# picked out of more — after a verb of choosing ("I keep the three or four results …") or beside "the rest" dropped
# ("… and cut the rest"): choosing a few is the filtering such an item asks for. "everyone" counts people, not the
# thing.
_WHOLE = re.compile(r"\b(?:all|every(?:thing)?|entire|whole|many|as (?:many|much|often) as|over and over|"
                    r"the more|(?:a lot|lots|plenty|loads|tons) of)\b", re.I)
_SMALL = r"(?:two|three|four|five|[2-5])(?:\s+or\s+(?:three|four|five|six|[3-6]))?"
_FEW = re.compile(r"\b(?:only|just (?:the|one|a few|a couple|my)|few|handful|couple|(?<!every )single|"
                  rf"(?:pick|keep|kept|choose|chose|select)(?:s|ed|ing)?\s+(?:(?:the|my|top)\s+)*{_SMALL}|"
                  r"(?:cut|drop|leave|skip)(?:s|ped|ping|ting)?\s+the rest)\b", re.I)


def quantity(text: str) -> int:
    """+1 when ``text`` quantifies something as all or many, -1 as only a few, 0 when neither or both."""
    whole, few = bool(_WHOLE.search(text)), bool(_FEW.search(text))
    return int(whole) - int(few)


@dataclass(frozen=True)
class Counted:
    """One quantifier of a text and what it counts: ``sign`` as ``quantity``; ``stems``: the content stems of the
    words it quantifies, up to the end of their noun group ("every company I apply to" -> {"compani"}); empty when
    it is a pronoun for the thing asked about ("All of them", "everything I've done", "every single one")."""
    sign: int
    stems: frozenset[str]
    text: str


_QUANTIFIER = re.compile(f"{_WHOLE.pattern}|{_FEW.pattern}", re.I)
# Where the words a quantifier counts end: a clause break, the start of a relative clause, of another subject or of
# a prepositional phrase ("many jobs at the same company" counts jobs; the company is where they are).
# A comma before an example phrase does not end them: "Everything, including my contact details" counts the details.
_COUNTED_END = re.compile(r"[;:.!?()]|,(?!\s*(?:including|like|such as|from|e\.g\.)\b)|\s[-\u2013\u2014]\s|"
                          r"\b(?:and|but|or|so|because|since|while|though|plus|that|which|who|where|when|I|I'm|I've|"
                          r"I'd|I'll|we|you|they|he|she|to|is|are|was|were|goes|go|fits?|at|in|on|for|from|with|by|"
                          r"across|under|per|into|over|after|before|during)\b", re.I)
_OF_ONE = re.compile(r"\s*of\s+(?:it|this|that)\s*$", re.I)
_ONE_BEFORE = re.compile(r"\bit\s+$", re.I)
_COPULA = re.compile(r"(?:'s|\bis|\bwas)\s+$", re.I)
# Words that stand for the thing without naming it ("every single one", "all the things").
# A number says how many without naming what ("all six", "all five openings" counts openings).
_PRO_HEADS = frozenset(stem(w) for w in ("one ones thing things stuff single bit two three four five six seven eight "
                                          "nine ten twelve twenty dozen hundred").split())


def counted(text: str) -> list[Counted]:
    """Each quantifier of ``text`` (adjacent ones together: "every few months" is neither all nor a few) with the
    words it counts."""
    # after a copula a quantifier sums up or closes ("That's all I would add"): it counts nothing
    found = [q for q in _QUANTIFIER.finditer(text) if not _COPULA.search(text, 0, q.start())]
    out: list[Counted] = []
    k = 0
    while k < len(found):
        start, end = found[k].start(), found[k].end()
        while k + 1 < len(found) and not text[end: found[k + 1].start()].strip(" ,"):
            k += 1
            end = found[k].end()
        nxt = found[k + 1].start() if k + 1 < len(found) else len(text)
        rest = text[end: nxt]
        lead = re.match(r"\s+of\b", rest, re.I)  # "all of my accomplishments": "of" opens what is counted
        stop = _COUNTED_END.search(rest, lead.end() if lead else 0)
        group = rest[: stop.start()] if stop else rest
        if _OF_ONE.match(group) or (text[start:end].lower() == "all" and _ONE_BEFORE.search(text, 0, start)):
            k += 1  # how much of one thing ("all of it", "it all fits"), not how many things
            continue
        out.append(Counted(quantity(text[start:end]), frozenset(st for st in content_stems(group)
                                                                if st not in _PRO_HEADS and not st.isdigit()),
                           text[start: end + len(group)]))
        k += 1
    return out
