"""What a sentence does, read from its words: announces, sets the scene, recommends, advises, claims, gives
a reason, names a concept; and the question-type cues (a duration for "how long", an amount for "pay").
"""
from __future__ import annotations

import re

from coach.plan import KIND_NOUNS, LENGTH, NEGATIVE, NUMBER_WORDS, SPOKEN, kind_head
from coach.compose.words import _GENERIC, _STOP_NOUNS, _SYNONYMS, _stem_noun, _stems

# An interview prompt written as an imperative is a question too ("Tell me about a time you failed.").
_PROMPT = re.compile(r"^\W*(?:tell me|tell us|describe (?:a|an|the|your) (?:time|situation)|give (?:me|us) an example|"
                     r"walk me through|name (?:a|an|one) (?:\w+ ){0,2}(?:time|situation|challenge|problem|project|"
                     r"mistake|conflict|decision))\b", re.I)
_ASKS_PRODUCTS = re.compile(r"\b(?:resources?|books?|courses?|guides?|materials?|platforms?|tools?|websites?|sites?|"
                            r"services?|apps?|newsletters?|handbooks?|playbooks?|recommend\w*)\b", re.I)
_ASKS_QUESTIONS = re.compile(r"\bquestions?\b|\bask\b|\bprompts?\b", re.I)
# A passage of questions for the candidate to ask ("Best questions to ask for knowing more about the role"), and one
# of questions put to the candidate ("Most commonly asked behavioral questions", "Lyft … interview questions").
_TO_ASK = re.compile(r"\bquestions? to ask\b|\bask (?:the|your) interviewers?\b|\bfinal questions\b", re.I)
_ASKED_OF = re.compile(r"\basked\b|\binterview questions\b", re.I)

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

# A sentence that states what a thing is used or meant for ("... is mostly used for classification problems",
# "Pooling is a technique to downsample the feature map"): the answer to what it is for (``asks_purpose``).
_PURPOSE = re.compile(r"\b(?:used|meant|intended|designed|useful)\s+(?:for|to|in)\b|\bpurpose\b|\bserves? (?:to|as)\b|"
                      r"\bis an? (?:[\w-]+\s+)?(?:technique|method|way|tool|algorithm|metric|measure) (?:to|for)\b",
                      re.I)

_YES_NO = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|should|will|would|must|have|has)\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\s+((?:[a-z-]+\s+){0,2}[a-z-]+)\b", re.I)

# The anaphoric pronouns and determiners of English (a closed grammatical class, so the list is complete), "however",
# and the page's own pointers ("the ones in bold", "here are"): a sentence that opens with one of them, after at most
# an opening adverb ("Typically, they'd be well-worth the cost"), says its point of what the sentence before it names.
# An expletive "it" ("It is important to ...", "It appears that ...") stands for what follows, not for that sentence.
_ANAPHOR = re.compile(
    r"^(?:[A-Z][a-z]+,\s+)?(?:(?:they|their|them|this|that|these|those|such|both|he|she|his|her|however|the ones?)\b|"
    r"here (?:is|are)\b|its?\b(?!(?:'s|\s+(?:is|was|seems|appears))\s+(?:\w+\s+)?(?:to|that)\b))", re.I)
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

# A sentence that gives a reason or a consequence ("... so that you don't go down the rabbit hole", "this leads to
# learning a linear function", "as it is hard to expect interns to ..."): kept in a why-answer even before its best
# sentence.
_REASON = re.compile(r"\b(?:because|since|so that|in order to|as it is|as a result|this is (?:the reason|why)|"
                     r"that'?s why|the reason|which means|means that|otherwise|leads? to|results? in|due to|thanks to|"
                     r"by virtue of|hence|therefore|thus)\b", re.I)

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


def directs(sentence: str) -> bool:
    """Whether ``sentence`` directs the reader ("you should", "try not to", "make sure", "a trick to get around this
    is ..."): advice even among interview prompts, which are imperatives too ("Give an example of ...")."""
    return bool(_DIRECTIVE.search(sentence))


def advises(sentence: str) -> bool:
    """Whether ``sentence`` tells the reader what to do: a directive (``directs``) or an imperative ("Visualize the
    problem", "start with a high-level function")."""
    return directs(sentence) or bool(_IMPERATIVE.match(sentence))


def _recommends(sentence: str) -> bool:
    """Whether a sentence answers a yes/no or should-I question: it opens with yes/no/not, or it recommends."""
    return bool(_YES_NO_WORD.match(sentence) or _RECOMMEND.search(sentence))


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
    if any(kind_head([w]) for w in nouns):  # "how many ways" is stated as "two methods" (``KIND_NOUNS``)
        stems |= {w[:-1] if w.endswith("y") else w for w in KIND_NOUNS}
    alt = "|".join(re.escape(w) for w in sorted(stems | {x for w in stems for x in _SYNONYMS.get(w, [])}))
    return re.compile(rf"\b(?:\d+(?:\s?(?:-|–|to)\s?\d+)?\+?|{NUMBER_WORDS})\s+(?:[\w-]+\s+){{0,2}}(?:{alt})\w*", re.I)


# What a question asks for, by its question words (a closed class): a reason, a count, an occasion, a way, an outcome.
# An FAQ heading asking for the same ("Why do we need to split our data into three parts?") heads an answer of that
# kind, in whatever words it is given.
_QUESTION_WORDS = (
    ("why", re.compile(r"\bwhy\b|\bhow come\b|\bwhat(?:'s| is) the (?:point|use|benefit|advantage)\b|\bbenefits?\b|"
                       r"\badvantages?\b|\bgood about\b", re.I)),
    ("count", re.compile(r"\bhow many\b|\bnumber of\b", re.I)),
    # (only an opening "when" asks when: "pick settings like when to stop training" asks which data to pick with)
    ("when", re.compile(r"^\W*when\s+(?:to|should|would|do|does|did|is|are|can|could|will)\b|\bwhich cases\b", re.I)),
    ("way", re.compile(r"\bhow (?:do|can|to|should|would|could) (?:i|you|we)\b|\bhow to\b", re.I)),
    ("outcome", re.compile(r"\bwhat happens\b|\bwhat if\b|\beffect of\b", re.I)),
)


def asks_for(text: str) -> frozenset[str]:
    """What ``text`` (a question or an FAQ heading) asks for, by its question words (see ``_QUESTION_WORDS``)."""
    return frozenset(name for name, pattern in _QUESTION_WORDS if pattern.search(text or ""))

