"""Answer planning: what kind of answer a question asks for, and whether a sentence carries it.

The composer uses the kind to pick evidence (a duration question needs a duration in the quoted sentence, a mistake
question the mistake and its fix, a list question the list items); the evaluation uses :func:`shape_problems` to check
that no answer is a heading, a lead-in ending in ":" or a sentence without the asked kind of fact.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from coach.english import ADVERB, DETERMINERS, TOKEN, gradable, pronoun, word_forms

# Said when the best evidence does not carry the asked kind of answer.
NOT_EXACT = "The library doesn't answer exactly this"

NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|a few|several|a couple)"
MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:k|K|USD|EUR|GBP|dollars|euros)\b")
# Planning periods count too ("projects spanning multiple halves", "two quarters"), but not a fraction ("a quarter of").
DURATION = re.compile(
    rf"\b(?:\d+(?:[.,]\d+)?\+?|{NUMBER_WORDS}|multiple|many|an?|half an?)(?:\s?(?:-|–|to)\s?\d+\+?)?\s*"
    r"(?:weeks?|days?|months?|hours?|years?|minutes?|min|hrs?|(?:quarters?|halves)(?!\s+of\b)|half-years?|sprints?)\b",
    re.I)
LENGTH = re.compile(rf"\b(?:\d+|{NUMBER_WORDS}|an?|one|half an?)\s+(?:pages?|words?|lines?|sentences?|paragraphs?)\b|"
                    r"\bunder a page\b|\bone page\b", re.I)
# The length of something said: "a 2-minute answer", "under 90 seconds".
SPOKEN = re.compile(rf"\b(?:\d+(?:\s?(?:-|–|to)\s?\d+)?|{NUMBER_WORDS}|an?)[\s-](?:minutes?|min|seconds?|secs?)\b", re.I)
# A share stated as a figure: "20%", "5 percent", "one in five", "3 out of 10", "half of", "two thirds of".
PERCENT = re.compile(rf"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)|\b(?:\d+|{NUMBER_WORDS})\s+(?:in|out of)\s+"
                     rf"(?:\d+|{NUMBER_WORDS}|every)\b|\b(?:half|a third|a quarter|two thirds|three quarters)\s+of\b",
                     re.I)
NUMBER = re.compile(rf"\b\d+(?:[.,/]\d+)*\+?\b|\b{NUMBER_WORDS}\b", re.I)
_UNIT_Q = r"(?:weeks?|days?|months?|hours?|years?|minutes?)"

# The subject and verb of a computation after "how fast": "... can I find one", "... does the lookup run".
_COMPUTES = (r"\s+(?:can|could|does|do|is|are|will|would)\s+(?:[\w'-]+\s+){0,3}?(?:find|search|look ?up|sort|run|"
             r"execute|compute|calculate|insert|delete|access|retrieve|traverse|converge|train|predict)\w*\b")

_YES_NO_START = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|should|will|would|must|have|has|am)\b", re.I)

# What they will ask, or what I could ask: the answer is the questions an article lists, even when the question is a
# yes/no one or names a mistake ("Will they ask how I handle criticism?", "What would Lyft want to know about ...?",
# "What could I bring up to hear about their worst blunder?"). The asker is "they", an interviewer or a capitalised
# name, never "I" ("Should I ask for more?" asks for advice).
ASKED_QUESTIONS = re.compile(
    r"(?:\b(?i:they|interviewers?|recruiters?|hiring managers?|companies|the company|the people at [\w.]+)|"
    r"(?!(?:What|Which|Who|How|Why|When|Where|Should|Can|Could|Will|Would|Do|Does|Did|Is|Are|May|Might|Must|I)"
    r"\b)(?<!the )\b[A-Z][\w.]*)\s+(?:(?!I\b)[\w-]+\s+){0,2}?(?i:(?:ask|asks|asking)\b(?!\s+for\b)|want to (?:know|hear)\b|"
    # "How might Stripe check that I keep learning?": how they find out about me is what they ask me
    r"(?:check|test|find out|figure out|probe|gauge)\s+(?:that|whether|if|how)\s+I\b)|"
    r"(?i:\bwhat (?:can|could|should) i (?:ask|bring up|raise)\b)")

# "What do I say when they ask where I see myself in five years?": the asker reports a question an interviewer puts to
# them and asks how to answer it. The reported question is the prompt to answer, not a request for questions.
_REPORTED = re.compile(r"\b(?:ask|asks|asked|asking)\s+(?:me\s+|you\s+|us\s+)?(?:about\s+|to\s+)?", re.I)
_ANSWER_FRAME = re.compile(
    r"\bwhat (?:do|should|would|can|could|shall) (?:i|you|one|we) (?:say|reply|answer|respond|tell)\b|"
    r"\bhow (?:do|should|would|can|could|shall) (?:i|you|one|we) (?:respond|reply|answer|handle|tackle|deal with|"
    r"approach)\b|\b(?:good|best|smart|right|great|strong|ideal) (?:thing to say|response|reply|answer|way to "
    r"(?:answer|respond|reply|handle))\b|\bwhat should my (?:answer|response|reply)\b|\bhow to (?:respond|reply|answer|"
    r"handle)\b", re.I)


def _plain(question: str) -> str:
    """``question`` with single spaces and straight apostrophes, as the question patterns here expect."""
    return " ".join(question.replace("’", "'").split())


def reported_prompt(question: str) -> str | None:
    """The interviewer's question that ``question`` reports and asks how to answer ("if they ask me why I want to
    leave, what should I tell them?" → "why I want to leave"); None when it asks nothing of the kind."""
    q = _plain(question)
    frame = _ANSWER_FRAME.search(q)
    if not frame:
        return None
    for m in _REPORTED.finditer(q):
        # The prompt runs to the end of its clause, or to the frame when the frame follows it.
        end = frame.start() if frame.start() > m.end() else len(q)
        prompt = re.split(r"\s*(?:[.?!;,]|\s-+\s|—)\s*", q[m.end():end], maxsplit=1)[0].strip()
        if len(prompt.split()) >= 2:
            return _PERSON.sub(lambda w: _SPOKEN_PERSON[w.group(0).lower()], prompt)
    return None


# Reported speech shifts the persons ("asks me to tell them about myself"); the interviewer's own words have them the
# other way round ("Tell me about yourself"), and those are the words a listed question uses.
_SPOKEN_PERSON = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
                  "them": "me", "their": "our", "us": "you"}
_PERSON = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(_SPOKEN_PERSON, key=len, reverse=True)) + r")\b",
                     re.I)


# (kind, question pattern) in priority order: the first match is the plan's kind.
# A thing with parts that a layout orders (a closed class): a document, a section or entry of one, a spoken answer.
# (The words up to it stop at a clause boundary: "structure my prep so it sticks" lays out no "it".)
_WITH_PARTS = (r"(?:(?:it|them)\b|(?:(?!(?:so|that|to|for|when|because|if|and|but)\b)[\w'-]+\s+){0,6}?"
               r"(?:resumes?|résumés?|cvs?|(?:cover )?letters?|emails?|e-mails?|notes?|answers?|responses?|replies|"
               r"stor(?:y|ies)|pitch(?:es)?|intros?|introductions?|summar(?:y|ies)|sections?|parts?|entr(?:y|ies)|"
               r"lines?|lists?|bullets?|bullet points?|paragraphs?|pages?|documents?|portfolios?|profiles?|essays?|"
               r"eulog(?:y|ies)|speech(?:es)?|presentations?|talks?|headlines?|headers?|templates?)\b)")


_KINDS: list[tuple[str, re.Pattern[str]]] = [
    # "What do you call it when ...?" describes a concept and asks for its name: the sentence that names it.
    ("name", re.compile(r"\bwhat (?:do|does|would) (?:you|we|people|they) call\b|\bwhat(?:'s| is) (?:it|this|that) "
                        r"called\b|\bwhat(?:'s| is) the (?:term|name|word)\b|\b(?:is there|there's) a (?:term|name|word) "
                        r"for\b|\bwhat(?:'s| is) (?:\w+ )?(?:called|known as)\b", re.I)),
    # "Why would I ...?", "What's the point of ...?", "How come ...?": the reason is asked, and the answer leads with it
    # (not with the section's lead-in). "Why is X misleading?" asks why one thing is bad (``why_bad``).
    ("why", re.compile(r"^\W*(?:(?:so|and|but|then),?\s+)?(?:why\b|how come\b|what(?:'s| is) the (?:point|use|benefit|"
                       r"advantage|upside) (?:of|in)\b|what(?:'s| is) (?:so )?good about\b)", re.I)),
    ("fix", re.compile(r"\binstead\b|\bwhat should i do\b(?! (?:before|during|after|at|in|on|to))|\bhow (?:do|can|should) "
                       r"i (?:fix|avoid|prevent|correct)\b|\bthe fix\b|\bwhat(?:'s| is) the (?:fix|remedy|right way)\b",
                       re.I)),
    # A share asked for as a figure ("what percentage of candidates pass?", "what percent higher can I get?", "the
    # pass rate"): answered by a sentence that states one ("20%", "one in five"), not by one on the same subject.
    ("percent", re.compile(r"\b(?:what|which|how many)\s+(?:percent(?:age)?|per cent|%)(?!-)|\bpercent(?:age)?\s+"
                           r"(?:higher|lower|more|less|increase|raise|bump|boost|cut)\b|\b(?:pass|acceptance|success|"
                           r"rejection|failure|response|callback|offer|hire|hiring)\s+rates?\b", re.I)),
    ("which_more", re.compile(r"\b(?:which|who)\b[^?]*\b(?:more|less|fewer|longer|shorter|higher|lower|bigger|"
                              r"larger|smaller|better|worse|faster|slower|harder|easier)\b|"
                              r"\b(?:higher|lower|more|less|longer|shorter|bigger|fewer) than\b|"
                              r"\bor\b[^?]*\b(?:earn|pay|make)s? more\b", re.I)),
    ("comparison", re.compile(r"\bdiffer(?:s|ed|ences?)?\b|\bdifferent (?:from|between|for|in)\b|\bvs\.?\b|\bversus\b|\bcompar\w*\b|"
                              # "differ" said another way: what sets A apart, what separates / distinguishes A from B;
                              # "what sets you apart" asks for a pitch, not a comparison
                              r"\bsets? (?!(?:you|yourself|me|myself)\b)(?:\w+ ){1,5}apart\b|\b(?:separates|distinguishes) [^?]*\bfrom\b|"
                              r"\bwhen (?:should|would|do) (?:i|you|we) (?:pick|choose|use)\b[^?]*\b(?:over|or)\b", re.I)),
    # "How long should my resume be?" asks for a size (pages, words, minutes of talk), not a time to wait.
    ("length", re.compile(r"\bhow long should (?:my|the|a|an|your|our|this|that|each|every)\b[^?]*\bbe\b|"
                          r"\bhow many (?:pages?|words?|lines?|paragraphs?|sentences?)\b|\bhow (?:short|brief)\b", re.I)),
    # "How fast can I find one of them?" asks how fast a computation runs (its complexity), not for a time to wait.
    # ("how much study time", "the least amount of time": a time, said without "how long")
    ("duration", re.compile(rf"\bhow long\b|\bhow much (?:[\w-]+ )?time\b|\bamount of (?:[\w-]+ )?time\b|"
                            rf"\bhow many {_UNIT_Q}\b|\btime ?(?:frame|line)\b|"
                            rf"\bduration\b|\bhow (?:quick|fast)\w*\b(?!{_COMPUTES})|"
                            rf"\bhow many (?:\w+ ){{0,2}}{_UNIT_Q}\b", re.I)),
    # What they will ask about pay is the questions they ask ("Will Hired ask how much pay I'm hoping for?"), not
    # the amount; how long or how many they ask for is still a number.
    ("example", ASKED_QUESTIONS),
    # Whether I have to pay for something ("Do I have to pay to practise on Pramp?", "Is the course free?"): a
    # sentence on what it costs answers, with or without an amount; pay an employer gives is a salary question.
    ("price", re.compile(r"^\W*(?:(?:so|and|but|then),?\s+)?(?:do|does|did|is|are|will|would|can|must)\b[^?]*?(?:"
                         r"\b(?:I|we)(?:'d|'ll)?(?:\s+(?:have|has|need|needs|got|to|still|ever|really|even|also|"
                         r"actually|always))*\s+(?:to\s+)?pay\b|\bpay(?:ing)?\s+(?:anything|for)\b|"
                         r"(?<=\bis\s)paying\b|(?<=\bare\s)paying\b|\bworth paying\b|"
                         r"\b(?:cost|costs|charge|charges)\s+(?:anything|money|a fee|extra)\b|"
                         # "Is the course free?", "... for free"; not "Is there a free guide?" (a free thing asked for)
                         r"\bfree(?=\s*(?:\?|$|of charge|to use|or\b))|\bfor free\b)",
                         re.I)),
    # An amount is asked for: the pay itself, or what something costs ("a paid negotiator" or "charges a fixed price"
    # only describe what the question is about).
    ("money", re.compile(r"\b(?:pay|pays|salar\w*|earn\w*|compensation|comp|income|wages?|TC)\b|"
                         r"\bhow much\b[^?]*\b(?:make|makes|cost|costs|get paid|paid|charge|charges|ask for|fees?|"
                         r"pric(?:e|es|ing)|set (?:me|you|us) back|spend|pay)\b|"
                         # a share asked for: "What cut of my raise does it keep?", "What percentage do they take?"
                         r"\bwhat (?:cut|share|percentage|percent|commission)\b(?! of (?:the )?(?:candidates|people|"
                         r"applicants|questions|time)\b)|"
                         r"\bwhat(?:'s| is| are| does)\b[^?]*\b(?:fees?|pric(?:e|es|ing)|costs?|charges?)\b", re.I)),
    ("count", re.compile(r"\bhow many\b|\bnumber of\b|\bhow much\b", re.I)),
    # "What's wrong with X?" / "What goes wrong if ...?" asks why one thing is bad: an explanation, not a list.
    ("why_bad", re.compile(r"\bwhat(?:'s| is) (?:wrong|bad) (?:with|about)\b|\bwhat goes wrong\b|\bwhat happens if\b|"
                           # "the catch" is a drawback; "how do I catch typos" is a verb
                           r"\b(?:the|a|any|one|big) catch\b|"
                           r"\b(?:the )?(?:downsides?|drawbacks?|disadvantages?|cons|weak(?:ness|nesses|\s+spots?)|"
                           r"limitations?)\b(?! (?:to|for) (?:me|you)\b)|\bwhy (?:can|could|would|might|is|are)\b[^?]*\b"
                           r"(?:misleading|bad|wrong|a bad idea|a problem|dangerous|risky|unreliable)\b|"
                           r"\bwhy (?:is|are) (?:it|\w+ing)\b[^?]*\b(?:bad|wrong|a bad idea)\b|"
                           r"\b(?:the )?problem with\b",
                           re.I)),
    ("mistake", re.compile(r"\bmistakes?\b|\bavoid\b|\bwhat (?:shouldn'?t|should not|not to)\b|\bpitfalls?\b|"
                           r"\bwrong\b|\bred flags?\b|\bdon'?ts\b|\bnot to\b|"
                           r"\bwhat goes wrong\b|\bproblems? with\b|"
                           # how job seekers say "mistakes": slip-ups, blunders, what trips people up, bad habits
                           r"\bslip-?ups?\b|\bblunders?\b|\bmess(?:es|ed)? up\b|\bsteer clear\b|\bgotchas?\b|"
                           r"\btrip(?:s|ped)? (?:\w+ )?up\b|\b(?:bad|wasteful|common) habits?\b|\bstay away from\b|"
                           r"\btraps?\b|\b(?:watch|look) out\b|\bscrew(?:s|ed)? up\b|\bbe careful\b|\bbeware\b",
                           re.I)),
    ("example", re.compile(r"\bexamples?\b|\bsamples?\b|^\s*(?:name|list|give me) (?:some|a few|\w+) \w*\s*questions\b|"
                           r"\btypical \w+ questions\b|\bwhat (?:kind|sort|type)s? of "
                           r"(?:\w+ )?questions\b|\bquestions? (?:does|do|did|will|might|would) \w+(?: \w+)? ask\b|"
                           r"\bwhat does \w+ ask\b|\bwhat \w+ questions does\b|\bquestions to practi[cs]e\b", re.I)),
    ("definition", re.compile(r"^\s*(?:what(?:'s| is| are| does)\s+(?:an?\s+|the\s+)?[\w.+/-]+(?:\s+[\w.+/-]+){0,4}"
                              r"\s*(?:mean|stand for)?\s*\??\s*$)|\bwhat does \w+ (?:mean|stand for)\b|\bdefin\w+\b|"
                              r"\bmeaning of\b", re.I)),
    ("list", re.compile(r"\bwhat (?:are|were) (?:some|the)\b|\blist\b|\bwhich (?:\w+ )?\w+s\b|\bwhat (?:kinds?|types?|sorts?) "
                        r"of\b|\bwhat \w+ (?:questions|details|things|skills|metrics|topics)\b|\bwhat should i "
                        r"(?:ask|include|put|bring|study|cover)\b|\btips\b|\bwhat (?:can|could) i ask\b|"
                        r"\bwhat (?:will|do|does|would) (?:the |an? )?\w+ (?:grade|evaluate|assess|judge|score|rate|"
                        r"look for|check)\b|\bwhat (?:am i|are we|are candidates) (?:graded|evaluated|assessed|judged|"
                        r"scored) on\b|"
                        # "What are they looking for in ...?": the things a grader checks, said in the progressive
                        r"\bwhat (?:are|is) (?:the |an? )?\w+ (?:looking (?:for|out for|at)|checking (?:for)?|grading|"
                        r"evaluating|assessing|judging|scoring)\b|"
                        # the parts of a whole, in order: "how do I structure my cover letter", "is there a layout I
                        # can follow" (of a thing with parts: "how do I structure my prep" asks how to prepare)
                        rf"\bhow (?:do|should|can|would) (?:i|you|we) (?:structure|lay out)\s+{_WITH_PARTS}|"
                        r"\bis there an? (?:structure|layout|outline)\b", re.I)),
    # "What clustering methods are there?", "Which CNN architectures should I know?": things, plural.
    ("list", re.compile(r"^\s*(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?!(?:does|is|was|has|happens|means|makes|goes|"
                        r"takes|gets|helps|works|matters|says|seems|looks|counts|costs|pays|lasts|needs|causes|this|"
                        r"kinds|types|sorts)\b)[a-z-]{3,}[^s\W]s\b(?!')", re.I)),
    ("yes_no", _YES_NO_START),
    ("howto", re.compile(r"\bhow (?:do|can|should|would|to)\b|\bbest way\b|\badvice\b|\bwhat should\b|\bwhich\b", re.I)),
]
_WHY_BAD = next(p for k, p in _KINDS if k == "why_bad")
_ADVICE_Q = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|should|will|would|must|am)\b|"
                       r"\bhow (?:do|does|should|can|could|would|to)\b|\bwhen should\b", re.I)
_DEFINITION_NOT = re.compile(r"\b(?:ways?|best|good|free|like|process|salary|pay|interview\w*|loop|rounds?|should|my|i|"
                             r"you)\b", re.I)


# Kinds whose answer must carry a specific fact (a number, a duration, a size, an amount, a percentage).
FACT_KINDS = ("count", "duration", "length", "money", "percent")
# Kinds whose answer must carry its kind of content; otherwise the library "doesn't answer exactly this".
GATED_KINDS = (*FACT_KINDS, "mistake", "price")
# A sentence on what something costs: an amount, or words of paying ("free tools", "charges a flat fee", "pricey").
PRICE = re.compile(MONEY.pattern + r"|\b(?:free|pay|paid|paying|costs?|fees?|charg(?:e|es|ed)|pric(?:e|es|ey|ing)|"
                   r"expensive|cheap\w*|afford\w*|discount\w*|subscriptions?|money)\b", re.I)
# A sentence that names something to avoid or that goes wrong: a mistake question's answer carries one.
NEGATIVE = re.compile(r"\b(?:do not|don'?t|never|avoid\w*|mistakes?|pitfalls?|traps?|wrong|bad|poor(?:ly)?|fail\w*|"
                      r"not a good idea|try not|problems?|downside|too (?:many|much|large|small|"
                      r"big|long|short|few)|miss(?:es|ed|ing)?|overshoot\w*|stuck|no better|worse|diverg\w*|"
                      r"same thing|errors?|lack\w*|ignor\w*|overemphasi\w*|generic|clich\w*|sloppy|rambl\w*|"
                      r"instead|not (?:a )?(?:good|great|suited|suitable|ideal|reliable)|slow(?:er)?|expensive|costly|"
                      r"difficult|harder|hard to|misleading|drawbacks?|disadvantages?|limitations?|horrible|frowned|redundant|"
                      r"unnecessar\w*|wast(?:e|es|ed|eful|ing)|rabbit hole|careful not|be careful|beware)\b",
                      re.I)

# A warning in the article's own words: a prohibition, a caution or a named waste ("Don't check conditions
# unnecessarily", "be careful not to destroy the input data", "frowned upon", "a bad use of your time", "❌ ...").
# Narrower than NEGATIVE, which also takes any sentence naming a problem ("the problem presented").
WARNING = re.compile(r"(?:^|[,;:.!—–-]\s*|\b(?:and|but|so|please|then|just|simply|should|must|to)\s+)\W*(?:do not|don'?t|"
                     r"never)\b|\b(?:avoid\w*|be careful|careful not|try not to|beware|should(?:n'?t| not)|"
                     r"must(?:n'?t| not)|(?:is|are) not a good idea|bad (?:idea|use|habit)|(?:a |the )?(?:common |big |"
                     r"biggest |classic )?mistakes?|pitfalls?|frowned upon|(?:a |is a )?waste\w*|redundant|"
                     r"unnecessar\w*|rabbit hole|no need)\b|❌", re.I)


@dataclass(frozen=True)
class Plan:
    """What the question asks for: ``kind`` and, for counts, the counted noun."""

    kind: str
    counted: str | None = None

    @property
    def needs_fact(self) -> bool:
        """Kinds whose answer must carry a specific fact (a number, a duration, an amount)."""
        return self.kind in FACT_KINDS


# "If I apply again, can they see ...?", "Once it has found X, should it ...?": the yes/no question follows a clause
# that only sets the scene.
_LEADING_CLAUSE = re.compile(r"^\s*(?:if|once|when|after|before|since|now that|given that|while|as soon as)\b[^,?]{3,120},\s*",
                             re.I)
# A yes/no question that asks for a list or examples: "Can you list ...", "Are there examples of ...".
_ASKS_FOR_ITEMS = re.compile(r"^\s*(?:(?:can|could|would|will) you\b|(?:is|are) there\b|do you (?:have|know)\b)", re.I)


# A question that asks for the mistakes themselves, not only for the fix of one already named.
_ASKS_MISTAKES = re.compile(r"\bmistakes\b|\bpitfalls\b|\bred flags\b|\bwhat (?:do|does|did) (?:\w+ ){0,3}(?:get|do|go) "
                            r"wrong\b|\bwhat (?:goes|went|can go) wrong\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
_FIX_ONLY = re.compile(r"\bhow (?:do|can|should) i (?:fix|avoid|prevent|correct)\b|\bthe fix\b", re.I)


# "How do I decide how many components to keep?", "What's a good way to count how many words begin with ...?": the
# number is what a method finds; the method is asked for.
_METHOD_FOR_NUMBER = re.compile(
    r"^\W*(?:how (?:do|does|can|should|would|could|might)|how to|what(?:'s| is) (?:a|an|the) (?:\w+ )?way to)\b"
    r"[^?]*?\b(?:decide|choose|pick|select|settle on|determine|count|compute|calculate|figure out|work out|guess|"
    r"estimate|find out)\w*\s+how (?:many|much|long)\b", re.I)


# A clause that asks (its first word a question word or an auxiliary before its subject), and one that asks what to
# do: "how do I cope", "what should I do", "should I email them", "any tips".
_ASKING_CLAUSE = re.compile(r"^\W*(?:how|what|why|when|where|which|who|is|are|am|was|were|do|does|did|can|could|should|"
                            r"would|will|shall|may|might|must|any|anything)\b", re.I)
_WHAT_TO_DO = re.compile(r"\bhow (?:do|can|should|would) (?:i|we) (?!know\b|tell\b)\w+|\bhow to \w+|"
                         r"\bwhat (?:do|should|can|could) (?:i|we) (?:do|say)\b|\bwhat to (?:do|say)\b|"
                         r"\bwhere (?:do|should|can) (?:i|we) (?:start|begin)\b|^\W*should (?:i|we)\b|\bany (?:tips|advice)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|i'm|i've|i'd|im)\b", re.I)
# How the asker feels or what their nerves do: the words of English for a state of mind under pressure. A technical
# state ("my photos are brightly lit", "my loop recomputes the sum") is a problem the articles solve in their own terms.
_FEELING = re.compile(r"\b(?:cry|cries|cried|crying|tears|panic\w*|nervous\w*|nerves|anxi\w*|freez\w*|froze|frozen|"
                      r"blank(?:ed|s)? out|go(?:es)? blank|went blank|mind (?:goes|went) blank|fluster\w*|scared|scary|"
                      r"afraid|fear\w*|guilt\w*|overwhelm\w*|stress\w*|shak(?:e|es|ing|y)|tremb\w*|embarrass\w*|"
                      r"awkward\w*|worr(?:y|ied|ies|ying)|impost[oe]r|insecur\w*|upset|sad|depress\w*|dread\w*|"
                      r"terrif\w*|intimidat\w*|tongue-tied|chok(?:e|ed|es|ing)|sweat\w*|shy|self-doubt|demotivat\w*|"
                      r"burn(?:ed|t)? out|hopeless|ashamed|humiliat\w*|jittery|on edge)\b", re.I)
_CLAUSES = re.compile(r"[.,;:!?]+\s*|\s+(?:and|but|so|because|since)\s+", re.I)


def asks_what_to_do(question: str) -> bool:
    """Whether ``question`` tells how the asker feels in a situation — a clause that states it about them ("I cry
    every time I get a rejection", "my hands shake", "it makes me nervous") — and asks what to do about it ("how do I
    cope?", "should I email them again?"). Such a question is answered by a sentence that tells what to do, not by
    one that shares a word with the story."""
    q = _plain(question)
    clauses = [c for c in _CLAUSES.split(q) if c.strip()]
    told = any(_FIRST_PERSON.search(c) and _FEELING.search(c) and not _ASKING_CLAUSE.match(c) for c in clauses)
    return told and any(_WHAT_TO_DO.search(c) for c in clauses)


# A yes/no question that asks what the asker should do ("Should I …", "Should a mid-level dev …", "Can I …", "Do I
# need to …", "Is it OK to …", "Would it hurt if I …") rather than whether something is so ("Does it matter which …",
# "Will the interviewer expect …", "Could I be asked back …"): "should", a modal over the asker, or "it" judged of an
# act of theirs ("is it <…> to/if").
_ASKS_ADVICE = re.compile(
    r"^\W*(?:should|shall|must)\b|^\W*(?:can|could|may)\s+(?:i|we)\b(?!\s+be\s+\w+ed\b)|\bshould (?:i|we)\b|"
    r"\b(?:do|would|will)\s+(?:i|we)\s+(?:\w+\s+)?(?:need|have to)\b|"
    r"^\W*(?:is|are|would|will)\s+(?:it|that|this)\s+(?:[\w'-]+\s+){1,3}(?:to|if|for me to)\s+\w|"
    r"^\W*is\s+there\s+(?:any\s+)?(?:point|need)\b", re.I)


def asks_advice(question: str) -> bool:
    """Whether a yes/no question asks for advice: answered by a recommendation, where a question whether something
    is so is answered by the statement that says it (a sentence saying "don't" is no better an answer to it)."""
    return bool(_ASKS_ADVICE.search(_plain(question)))


# A question that asks what follows under a condition ("If the first call goes badly, do I still get to do the
# onsite?", "Do I owe them anything if they can't raise my offer?", "What if the screener can't decide?", "When is my
# GPA good enough to list?") is answered by a sentence that says what follows under a condition ("if they don't give
# you a pass, you would not proceed", "unless ..."); a sentence naming the same subject without one only restates the
# topic. A condition before another question ("if it's done over video, where do I write the code?") only frames it,
# and "ask if", "see if" or "does it matter if" mean "whether".
_CONDITIONAL = re.compile(r"\b(?:if|unless|in case)\b", re.I)
_ASKS_CONSEQUENCE = re.compile(r"^\W*when\b|\bwhat if\b", re.I)
_WHETHER_IF = re.compile(r"\b(?:ask|asking|know|see|check|wonder|find out|tell|sure|decide|determine|matter|matters|ok|"
                         r"okay|fine|alright|mind)\s+if\b", re.I)
# A condition that governs what its sentence says: leading it ("If a candidate receives mixed results, ...") or its
# clause ("..., hence if they don't give you a pass, you would not proceed"), or "unless" / "otherwise" / "as long as";
# not a trailing "... or -1 if it's not there", which only qualifies a noun.
CONDITION = re.compile(r"^\W*(?:if|when|whenever|once|unless)\b|(?:[,;:—–-]|\b(?:hence|so|then|and|but|that|because))\s+"
                       r"(?:only\s+)?if\b|\b(?:unless|otherwise|only (?:if|when)|as long as)\b", re.I)


def poses_condition(question: str) -> bool:
    """Whether ``question`` asks what follows under a condition (see ``CONDITION``)."""
    q = _WHETHER_IF.sub(" ", _plain(question))
    yes_no = _YES_NO_START.match(_LEADING_CLAUSE.sub("", q))
    return bool(_ASKS_CONSEQUENCE.search(q) or yes_no and _CONDITIONAL.search(q))


# The asker's situation, told beside the question ("if i have 3 years experience", "with 6 years in", "I have 2
# coding rounds next week", "the round is 45 minutes"): a clause that does not ask, or one opened by a subordinator. Its
# numbers are given, not asked ("how long should my resume be if I have 3 years experience" asks the resume's length).
# "with" opens one only before a number ("with 6 years in"; "spend with the recruiter" is part of the act); "ok if",
# "see if" mean "whether" (``_WHETHER_IF``) and open none.
_SETTING_SPLIT = re.compile(rf"[.,;:!?]+(?:\s+|$)|\s+(?:and|but|so|because)\s+|"
                            rf"\s+(?=(?:if|when|whenever|once|since|given|now that|while)\s)|\s+(?=with\s+(?:\d|{NUMBER_WORDS}\b))", re.I)
_SETTING_START = re.compile(r"^\W*(?:if|when|whenever|once|since|given|now that|while|with)\b", re.I)
_ASKS_AMOUNT = re.compile(r"\bhow (?:many|much|long|short|big)\b", re.I)


def _parts(question: str) -> list[tuple[str, bool]]:
    """The clauses of ``question``, each with whether it asks (see ``_SETTING_SPLIT``)."""
    q = _WHETHER_IF.sub(lambda m: m.group(0)[:-2] + "whether", _plain(question))
    parts = [p.strip() for p in _SETTING_SPLIT.split(q) if p and p.strip()]
    return [(p, not _SETTING_START.match(p) and bool(_ASKING_CLAUSE.match(p) or _ASKS_AMOUNT.search(p)))
            for p in parts]


def _told(question: str) -> str:
    """The clauses of ``question`` that tell the asker's situation."""
    return " , ".join(p for p, asks in _parts(question) if not asks)


def asking_part(question: str) -> str:
    """``question`` without the clauses that tell the asker's situation (the whole question when none asks)."""
    parts = _parts(question)
    return " ".join(p for p, asks in parts if asks) or _plain(question)


def given_numbers(question: str) -> list[str]:
    """The numbers the asker's situation states, a time or size with its unit ("3 years", "2", "one page"): what they
    count is what the situation is about ("2 coding rounds next week, how long does each one last")."""
    told = _told(question)
    measures = [m.group(0) for pattern in (DURATION, LENGTH, SPOKEN) for m in pattern.finditer(told)]
    return measures + [m.group(0) for m in NUMBER.finditer(told)]


# A yes/no question that puts an amount to the test — its subject ("is 2 weeks enough", "are 3 references enough",
# "is a 15 word headline too long") or what something should be ("should my resume be one page") — asks for the
# library's amount of that thing: a time, a size or a count of a plural noun. A number told in passing ("apply to ten
# openings", "a few weeks of grinding") is not put to the test.
_TESTED_NUMBER = rf"(?:\d+(?:[.,]\d+)?\+?|one|{NUMBER_WORDS})"
_TESTED = re.compile(rf"^\W*(?:is|are|was|were|will|would)\s+(?:(?:an?|just|only|about|around)\s+)?"
                     rf"({_TESTED_NUMBER}[\s-].*)|\bbe\s+(?:(?:about|around|under|over|at most|at least|just|only)\s+)?"
                     rf"({_TESTED_NUMBER}[\s-].*)", re.I)
_VAGUE = re.compile(r"^(?:a few|several|a couple|an?)\b", re.I)


def checked_amount(question: str) -> tuple[str, str | None] | None:
    """For a yes/no question testing an amount (see ``_TESTED``), its fact kind and, for a count, the counted noun
    phrase ("are 3 references enough?" → ("count", "references")); None otherwise."""
    core = _LEADING_CLAUSE.sub("", asking_part(question))
    m = _TESTED.search(core) if _YES_NO_START.match(core) else None
    amount = m and (m.group(1) or m.group(2))
    if not amount or _VAGUE.match(amount):
        return None
    if LENGTH.match(amount) or SPOKEN.match(amount) and not DURATION.match(amount):
        return "length", None
    if DURATION.match(amount):
        return "duration", None
    run = number_nouns(amount)[0] if NUMBER.match(amount) else None
    return ("count", " ".join(run)) if run and _plural(run[-1]) else None


# What a thing is for: "What do people mostly use decision trees for?", "What is pooling used for in a CNN?", "What
# is the test set actually for, once I'm done tuning?" (not "What are they looking for?": a verb in -ing says what
# someone seeks, not what a thing serves).
_PURPOSE_Q = re.compile(
    r"^\W*(?:what|which)\b[^?,]*\b(?:use[ds]?|using|meant|good|useful|intended|designed|needed)\b[^?,]*"
    r"\bfor\s*(?:[?,]|$)|"
    r"^\W*(?:what|which)\b[^?]*\b(?:is|are|'s)\b[^?]*\b(?:used|meant|good|useful|intended|designed)\s+for\b|"
    r"^\W*what(?:'s|\s+is|\s+are)\s+(?:(?![\w-]*ing\b)[\w'-]+\s+){1,6}for\s*(?:[?,]|$)|"
    r"\bwhat(?:'s|\s+is)\s+the\s+(?:purpose|use)\s+of\b", re.I)
# "What kind of problem is X meant for?" asks which kind, not for a list of kinds.
_KIND_OF = re.compile(r"\bwhat (?:kinds?|sorts?|types?) of\b", re.I)


def asks_purpose(question: str) -> bool:
    """Whether ``question`` asks what a thing is used or meant for (see ``_PURPOSE_Q``)."""
    return bool(_PURPOSE_Q.search(_plain(question)))


def plan(question: str) -> Plan:
    """The plan for ``question`` (English, standalone)."""
    q = " ".join(question.split())
    core = _LEADING_CLAUSE.sub("", q)
    if _METHOD_FOR_NUMBER.search(core):
        return Plan("howto")
    tested = checked_amount(q)
    if tested:
        return Plan(*tested)
    # "Is it OK to list my phone number?", "Should I try a few sample inputs?": a yes/no question that merely uses
    # "list" or "sample" asks for a verdict, not for items.
    verdict = bool(_YES_NO_START.match(core)) and not _ASKS_FOR_ITEMS.match(core)
    for kind, pattern in _KINDS:
        if kind == "fix" and _ASKS_MISTAKES.search(q) and not _FIX_ONLY.search(q):
            continue  # "What do people get wrong, and what should they do instead?": the mistakes with their fixes
        if kind == "why" and _WHY_BAD.search(q):
            continue  # "Why can accuracy be misleading?" asks why one thing is bad
        if kind == "yes_no" and core != q and pattern.search(core):
            return Plan("yes_no")
        if pattern is ASKED_QUESTIONS and (not pattern.search(core) or _HOW_MANY.search(q)):
            continue  # "If they ask me to design X, what topics come up?": the scene, not what is asked; "how many
            # questions will they ask" asks for a number
        if pattern.search(q):
            if kind in ("list", "example") and verdict and pattern is not ASKED_QUESTIONS:
                continue
            if kind == "definition" and _DEFINITION_NOT.search(q):
                continue
            if kind == "list" and _KIND_OF.search(q) and asks_purpose(q):
                return Plan("other")  # the kind of use asked for: the sentence stating it
            if kind == "money" and _ADVICE_Q.search(q) and not re.search(r"\bhow much\b", q, re.I):
                continue  # "Should I tell the recruiter my salary first?" asks for advice, not an amount
            if kind == "count":
                m = re.search(r"\bhow many\s+((?:[a-z-]+\s+){0,2}[a-z-]+)", q, re.I)
                if re.search(r"\bhow much\b", q, re.I) and not re.search(r"\bhow many\b", q, re.I):
                    return Plan("howto")  # "how much should I ..." asks for advice, not a number
                return Plan("count", m.group(1).lower() if m else None)
            return Plan(kind)
    return Plan("other")


@lru_cache(maxsize=16384)  # answers test the same retrieved sentences again and again
def carries(kind: str, sentence: str) -> bool:
    """Whether ``sentence`` carries the kind of fact ``kind`` asks for (True for kinds that need no specific fact)."""
    if kind == "duration":
        return bool(DURATION.search(sentence) or LENGTH.search(sentence))
    if kind == "length":
        return bool(LENGTH.search(sentence) or SPOKEN.search(sentence))
    if kind == "money":
        return bool(MONEY.search(sentence))
    if kind == "price":
        return bool(PRICE.search(sentence))
    if kind == "count":
        return bool(NUMBER.search(sentence))
    if kind == "percent":
        return bool(PERCENT.search(sentence))
    if kind == "mistake":
        return bool(NEGATIVE.search(sentence))
    return True


# A duration asked in a calendar unit ("how many years before ...") is answered in that unit or a neighbouring one
# ("3-4 weeks" for "how many months"), not by a planning period ("projects spanning multiple halves" says how big a
# staff engineer's projects are, not how many years it takes to become one).
_NEAR_UNITS = {
    "minute": {"minute", "min", "hour", "hr"}, "hour": {"hour", "hr", "minute", "min", "day"},
    "day": {"day", "hour", "week"}, "week": {"week", "day", "month"}, "month": {"month", "week", "year"},
    "year": {"year", "month"},
}
_ASKED_UNIT = re.compile(rf"\bhow many (?:[\w-]+ ){{0,2}}?(minute|hour|day|week|month|year)s?\b", re.I)
_UNIT_WORD = re.compile(r"(minute|min|hour|hr|day|week|month|year)s?$", re.I)


# What a time or a number is asked of, named after its unit: "how many weeks of mock interviews", "how much time on the
# take-home". A sentence stating such a fact about something else ("160 questions within 3-4 weeks") does not answer.
# The thing is the words up to the first function word (English's closed class: auxiliaries, pronouns, prepositions,
# conjunctions): "prep | until I'm ready", "mock interviews | should I do".
_FUNCTION = (r"(?:should|shall|do|does|did|will|would|can|could|may|might|must|is|are|was|were|be|i|i'm|me|my|we|you|"
             r"they|it|before|after|until|till|to|per|in|at|on|of|for|by|with|from|if|when|while|so|and|or|but|that|"
             r"which|than|as|about|into|like)")
_MEASURED = re.compile(
    rf"\bhow (?:many|much) (?:[\w-]+ ){{0,2}}?(?:{_UNIT_Q}|time)(?: (?:a|per) (?:day|week|month))? (?:of|on|doing)\s+"
    rf"(?:the |my |your |a |an )?((?:(?!{_FUNCTION}\b)[\w.-]+\s*){{1,4}})", re.I)


# A time is also asked of the subject after the unit ("how many years back should the work history go"), of the
# subject of "how long" ("how long is a system design round normally") and of what it is set aside for ("how many
# weeks should I spend studying for the system design round"). The thing stops at an adverb and at a verb of lasting
# (a closed class), which say how it is measured, not what.
_LASTING = r"(?:be|last|lasts|take|takes|go|goes|run|runs|stay|stays)"
_WORD = rf"(?!(?i:{_FUNCTION}|{ADVERB}|{_LASTING}|each|every|any|some|all|one|single|how|what|where|why|who)\b)(?![\w-]*ly\b)[\w.-]+"
_SUBJECT = rf"((?:{_WORD}\s+){{0,3}}{_WORD})"
_MEASURED_ALSO = (
    re.compile(rf"\bhow many {_UNIT_Q}(?: back)? (?:should|does|do|is|are|will|would|can) (?:(?:the|my|your|a|an) )?"
               rf"{_SUBJECT}", re.I),
    re.compile(rf"\bhow (?:many|much) (?:[\w-]+ ){{0,2}}?(?:{_UNIT_Q}|time)\b.*?\b(?:for|on) "
               rf"(?:the |my |your |a |an |this |that |each |every )?{_SUBJECT}", re.I),
    re.compile(rf"^\W*how long (?:is|are|does|do|should|will|would|can) (?:the |my |your |a |an |one |each )?{_SUBJECT}",
               re.I),
    # the subject of an amount put to the test: "should my resume be one page", "can the intro take 2 minutes"
    re.compile(rf"^\W*(?:should|can|could|must|will|would|does|do|is|are) (?:the|my|your|a|an|each) {_SUBJECT} "
               rf"{_LASTING}\b", re.I),
)


def measured_thing(question: str) -> str | None:
    """What a duration or count question measures ("how many weeks of mock interviews should I do?" → "mock
    interviews", "how long is a system design round?" → "system design round"), or None. The clause that asks is
    read first: the asker's situation told before it ("I have 2 weeks left, how many weeks does ...") is not
    measured."""
    asking = asking_part(question)
    for q in dict.fromkeys((asking, _plain(question))):
        for pattern in (_MEASURED, *_MEASURED_ALSO):
            m = pattern.search(q)
            if m:
                return m.group(1).strip()
    return _referred(question) if _REFERS_BACK.search(asking) else None


# "I have 2 coding rounds next week, how long does each one last?": the clause that asks names its thing by a pronoun;
# the thing is what the situation counts (a number before a plural noun).
_REFERS_BACK = re.compile(r"\b(?:each one|each of them|each|it|they|them|one)\b", re.I)


def _referred(question: str) -> str | None:
    return next((" ".join(run) for run in number_nouns(_told(question)) if run and _plural(run[-1])), None)


# What a count question counts: the noun phrase after "how many" ("how many mock interviews should I do" → "mock
# interviews", "how many of the usual soft-skill questions" → "usual soft-skill questions").
_COUNTED = re.compile(rf"\bhow many\s+(?:of\s+(?:the|my|your|these|those)\s+)?((?:(?!{_FUNCTION}\b)[\w'-]+\s*){{1,4}})",
                      re.I)
# Nouns that name no particular thing: "how many ways", "how many things", "how many people" count whatever the
# passage counts ("1 interviewer").
_ANY_THING = frozenset("thing way kind sort type lot one people person folk".split())
# Nouns that name a kind of thing or a way of doing it (a closed class): a count of one of them ("how many ways",
# "how many options", "how many kinds of regularization") is stated with any other of them ("two methods", "two ways
# for initializations", "two types of regularization").
KIND_NOUNS = frozenset("way kind sort type method approach option technique strategy category variety".split())
# The words after a stated number, up to a function word, a determiner or a stop; the number counts the first run of
# nouns among them ("160 questions within 3-4 weeks" counts questions, "2 coding round interviewers gave" coding
# round interviewers).
_AFTER_NUMBER = re.compile(r"\s*(?:(?:-|–|to)\s*\d+)?\+?\s*((?:[A-Za-z][\w'-]*\s*){1,6})")
_FUNCTION_ONLY = re.compile(rf"^{_FUNCTION}$", re.I)


def _noun(word: str) -> bool:
    lemmas = _lemmas(word)
    return "NOUN" in lemmas or not lemmas  # (an unknown word, "soft-skill", is taken for a name)


def counted_nouns(counted: str) -> list[str]:
    """The nouns of what a count question counts (``counted_thing``); none when it names no particular thing."""
    nouns = [w for w in re.findall(r"[\w'-]+", counted) if _noun(w)]
    return [] if not nouns or _keys(nouns[-1:]) & _ANY_THING else [w for w in nouns if not _keys([w]) & _ANY_THING]


@lru_cache(maxsize=16384)
def number_nouns(sentence: str) -> tuple[tuple[str, ...] | None, ...]:
    """For each number ``sentence`` states, the nouns it counts, or None for a bare number."""
    out = []
    for m in NUMBER.finditer(sentence):
        after = _AFTER_NUMBER.match(sentence, m.end())
        run: list[str] = []
        for w in (after.group(1).split() if after else []):
            if _FUNCTION_ONLY.match(w) or w.lower() in DETERMINERS or run and not _noun(w):
                break
            if _noun(w):
                run.append(w)
        out.append(tuple(run) or None)
    return tuple(out)


def counted_thing(question: str) -> str | None:
    """The noun phrase a count question counts, or None. "How many" takes a plural head, which ends the phrase: what
    follows says how it is measured ("how many LeetCode problems a day" counts problems, not days; "how many words
    max")."""
    m = _COUNTED.search(_plain(question))
    if not m:
        tested = checked_amount(question)
        return tested[1] if tested else None
    words = m.group(1).split()
    plural = [_plural(w) for w in words]
    if True not in plural:
        return " ".join(words)
    end = plural.index(True)
    while end + 1 < len(words) and plural[end + 1]:  # "data points": the last of a run of plurals heads it
        end += 1
    return " ".join(words[:end + 1])


def states_measure(kind: str, thing: str, sentence: str) -> bool:
    """Whether a clause of ``sentence`` states the ``kind`` of fact asked together with the head noun of ``thing``
    ("Use only 1 page for your resume" for the resume's length; not "Similar to your resume, you should rarely go
    beyond the one page limit", whose page is the cover letter's)."""
    nouns = _keys(counted_nouns(thing)[-1:])
    return bool(nouns) and any(carries(kind, c) and nouns & _keys(re.findall(r"[\w'-]+", c))
                               for c in _SETTING_SPLIT.split(sentence) if c and c.strip())


def _keys(words) -> set[str]:
    """Each word with all its lemmas, lower-cased, so "interviews" meets "interview" and "stories" "story"."""
    return word_forms([w.lower() for w in words])


def kind_head(words) -> bool:
    """Whether the last of ``words`` (the head of a noun run) is one of ``KIND_NOUNS``."""
    return bool(_keys(list(words)[-1:]) & KIND_NOUNS)


def _counts(asked: list[str], run: tuple[str, ...], alike: Callable[[str, str], bool] | None) -> bool:
    return bool(_keys(run) & _keys(asked)) or kind_head(asked) and kind_head(run) or \
        bool(alike) and any(alike(a, w) for a in asked for w in run)


def counts_other(counted: str, sentence: str, alike: Callable[[str, str], bool] | None = None) -> bool:
    """Whether every number ``sentence`` states counts a named thing other than ``counted`` ("160 questions" for
    "mock interviews"). A bare number, or one that counts the thing — by a lemma of its nouns or, with ``alike``,
    a noun of the same meaning ("questions" for "problems") — may answer: False. So may any number for a thing
    named by no particular noun ("how many ways")."""
    asked = counted_nouns(counted)
    runs = number_nouns(sentence)
    return bool(asked and runs) and not any(run is None or _counts(asked, run, alike) for run in runs)


def counts_named(counted: str, sentence: str, alike: Callable[[str, str], bool] | None = None) -> bool:
    """Whether a number ``sentence`` states counts ``counted`` by name (see ``counts_other``), or, for a count of
    kinds or ways, by any name of ``KIND_NOUNS``."""
    asked = counted_nouns(counted) or [w for w in re.findall(r"[\w'-]+", counted) if kind_head([w])][-1:]
    return bool(asked) and any(run and _counts(asked, run, alike) for run in number_nouns(sentence))


# What a question asks to be told about a thing: how to make or work with it ("how do I actually draw a good class
# diagram", "any tips for building a personal website", "can you explain data replication"), what it is ("what's a
# message queue"), what it holds ("what should my Stack Overflow profile show", "what does the Dropbox career
# framework say") or which of them to know ("which design patterns do I need"). The thing is a noun phrase up to a
# function word, with the phrase it is of or for when that names a kind ("a design for a URL shortener") or a
# particular one ("a headline for my LinkedIn profile"); a phrase naming an occasion ("for my interview") is not part
# of it.
def _np(gerunds: bool) -> str:
    stop = "" if gerunds else r"(?![\w.-]*ing\b)"
    word = rf"(?!(?i:{_FUNCTION}|{ADVERB}|how|what|where|why|who)\b){stop}[\w.-]+"
    return rf"(?:{word}\s+){{0,3}}{word}"


_DET = r"(?i:the|a|an|my|our|your|this|that)"
_NAMED = r"(?:[\w.-]+\s+){0,2}[A-Z][\w.-]*"  # a phrase holding a name (a capitalised word)


_KIND = rf"(?i:for|of|to)\s+(?i:an?)\s+{_np(True)}"  # "for a URL shortener", "answer to a design question": which kind
_OF_NAMED = rf"(?:for|of|on|at|in)\s+(?:{_DET}\s+)?{_NAMED}\b"  # "for my LinkedIn profile": which one


def _thing(gerunds: bool) -> str:
    return rf"({_np(gerunds)}(?:\s+{_KIND}|\s+{_OF_NAMED})?)"


# (case-sensitive but for the frame words: a capitalised word marks a name)
_ASKED_THING = (
    re.compile(rf"^\W*(?i:what(?:'s| is| are))\s+(?:(?i:an?|the)\s+)?{_thing(True)}\s*(?:\?|$|\s+(?i:and|in|at)\b)"),
    re.compile(rf"(?i:\bwhat (?:\w+ )?(?:should|does|do|would|will)) {_DET} {_thing(True)}(?: like \S+)?\s+"
               rf"(?i:include|have|contain|cover|show|say|list|involve|look like)\b"),
    re.compile(rf"^\W*(?i:which) {_thing(False)} (?i:do|does|should|would|will|can|are|is)\b"),
)

# Between a verb and its object: the person told ("tell me about"), particles ("fill in", "get ready") and one
# preposition the verb takes ("talk about"; "bring with me to the round" brings what, not the round). English's
# closed classes.
_PARTICLES = frozenset("up in out together down off ready".split())
_PREPOSITIONS = frozenset("for with on into to about through".split())
_ASKER = frozenset("i we you to".split())  # the asker's act follows its subject or the infinitive's "to"
_GERUND_AFTER = frozenset("for about on with at in of by".split())  # "tips for building", "go about designing"
# Modals, "be" and "have" (what one has is no thing one makes: "I have no idea how to ...")
_MODAL = frozenset("can could should would will shall may might must am is are was were be been have has had".split())
_FUNCTION_WORD = re.compile(rf"^(?:{_FUNCTION}|{ADVERB}|how|what|where|why|who|own)$", re.I)


def _lemmas(word: str) -> dict:
    from lemminflect import getAllLemmas

    return getAllLemmas(word.lower())


def _plural(word: str) -> bool:
    """``word`` is a plural noun (its noun lemma differs from it: "rounds", "stories")."""
    return any(x != word.lower() for x in _lemmas(word).get("NOUN", ()))


def _verb(tokens: list[str], i: int) -> bool:
    """``tokens[i]`` is a verb of the asker's act: after its subject or "to" (adverbs between), or a gerund after a
    preposition or opening a clause ("prepping a mock round, ...")."""
    w = tokens[i].lower()
    if w in _MODAL or "VERB" not in _lemmas(w):
        return False
    j = i - 1
    while j >= 0 and re.fullmatch(rf"{ADVERB}|\w+ly", tokens[j], re.I):
        j -= 1
    before = tokens[j].lower() if j >= 0 else ""
    if w.endswith("ing") and (j < 0 or not before[:1].isalnum() or before in _GERUND_AFTER):
        return True
    # "want to | prepare": a verb taking another verb is not the act
    return before in _ASKER and not (i + 2 < len(tokens) and tokens[i + 1].lower() == "to"
                                     and "NOUN" not in _lemmas(tokens[i + 2]) and "VERB" in _lemmas(tokens[i + 2]))


def _object(tokens: list[str], i: int) -> str | None:
    """The noun phrase the verb before ``tokens[i]`` acts on, or None. Without a determiner it is a common noun (not
    a name: "use Resume Worded" acts on a tool) and not a state ("stay calm", "do well")."""
    i += i < len(tokens) and tokens[i].lower() in ("me", "us")
    while i < len(tokens) and tokens[i].lower() in _PARTICLES:
        i += 1
    i += i < len(tokens) and tokens[i].lower() in _PREPOSITIONS
    determined = i < len(tokens) and tokens[i].lower() in DETERMINERS
    i += determined
    i += i < len(tokens) and tokens[i].lower() == "own"
    words: list[str] = []
    while i < len(tokens) and len(words) < 4 and tokens[i][:1].isalnum() and not _FUNCTION_WORD.match(tokens[i]):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        # an -ing word is a modifier before another noun ("ride sharing service"), else a verb with its object ("the
        # email asking Ostrowind", "asking the recruiter")
        if tokens[i].lower().endswith("ing") and not (nxt[:1].islower() and not _FUNCTION_WORD.match(nxt)
                                                      and nxt not in DETERMINERS and not pronoun(nxt)):
            break
        if pronoun(tokens[i]) or tokens[i].lower() in DETERMINERS or tokens[i].lower() == "no":
            break
        words.append(tokens[i])
        i += 1
    if not words:
        return None
    if not determined and (any(w[:1].isupper() or w.lower().endswith("ing") for w in words) or gradable(words[-1])
                           or "NOUN" not in _lemmas(words[-1])):
        return None
    rest = " ".join(tokens[i:])
    kind = re.match(rf"{_KIND}|{_OF_NAMED}", rest)
    return " ".join(words) + (" " + kind.group(0) if kind else "")


def _acted_on(question: str) -> str | None:
    """What the asker asks how to act on: the object of the first verb of theirs that has one (see ``_verb``)."""
    tokens = TOKEN.findall(question)
    for i in range(len(tokens)):
        if _verb(tokens, i):
            thing = _object(tokens, i + 1)
            if thing:
                return thing
    return None


_REQUEST = re.compile(r"^\W*(?:can|could|would|will)\s+you\b", re.I)  # "can you explain ...": asks the coach


def requests(question: str) -> bool:
    """Whether a yes/no ``question`` is a request to the coach ("can you explain data replication?"): it asks to be
    told, like a what-is question."""
    return bool(_REQUEST.search(_plain(question)))


def asked_thing(question: str) -> str | None:
    """The thing ``question`` asks how to make, what it is or what it holds (see ``_ASKED_THING``), or None."""
    q = _plain(question)
    for pattern in _ASKED_THING:
        m = pattern.search(q)
        if m:
            return m.group(1).strip()
    return _acted_on(q)


def asked_unit(question: str) -> str | None:
    """The calendar unit a duration question asks in ("how many years ..." → "year"), or None."""
    m = _ASKED_UNIT.search(question)
    return m.group(1).lower() if m else None


def in_unit(unit: str | None, sentence: str) -> bool:
    """Whether ``sentence`` states a duration in ``unit`` or a neighbouring unit (True when no unit is asked)."""
    if unit is None:
        return True
    for m in DURATION.finditer(sentence):
        found = _UNIT_WORD.search(m.group(0))
        if found and found.group(1).lower() in _NEAR_UNITS[unit]:
            return True
    return False


def carries_in(kind: str, unit: str | None, sentence: str) -> bool:
    """``carries``, and for a duration asked in a calendar unit (``asked_unit``) stated in that unit or a neighbour."""
    return carries(kind, sentence) and in_unit(unit, sentence)


_PIECE = re.compile(r"(.+?)\s*((?:\[\d+\])+)\s*([.!?]?)(?=\s|$)", re.S)


def answer_pieces(text: str) -> list[str]:
    """The quoted sentences of an answer, without their [n] markers."""
    return [(m.group(1) + m.group(3)).strip() for m in _PIECE.finditer(text)]


# Who asks. The asker wants a question of their own to put to the interviewer ("what could I ask at the end to learn
# whether …", "how do I find out if they let people work remotely?", "is there a polite way to find out …"): the
# way to find something out in an interview is to ask it. ("Should I ask for more?" asks for advice, and "how do I
# find out what they ask?" for the questions put to the asker.)
_ASKER_ASKS = re.compile(r"\bI\b(?:\s+\w+){0,2}?\s+(?:ask|bring up|raise)\b(?!\s+for\b)|"
                         r"\bquestions? (?:for me )?to (?:ask|learn|find out)\b|\bfind out\b|"
                         r"\b(?:I|way to|how to)\s+(?:\w+\s+){0,2}?(?:learn|hear|get a feel|see)\s+"
                         r"(?:whether|if|what|how|why|where|who)\b", re.I)
_THEY_ASK = re.compile(r"\b(?:they|interviewers?|recruiters?)\b[^.?]{0,30}\bask|\bbe(?:ing)? asked\b", re.I)


def asker_asks(question: str) -> bool:
    """Whether ``question`` wants a question for the asker to put to the interviewer."""
    return bool(_ASKER_ASKS.search(question)) and not _THEY_ASK.search(question)


def shape_problems(question: str, answer) -> list[str]:
    """Why a grounded ``answer`` to ``question`` is badly shaped: a heading, a lead-in ending in ":", a raw BAD:/GOOD:
    label, or no sentence with the asked kind of fact (unless it says the library does not answer exactly this)."""
    problems = []
    headings = {(s.section or "").strip().lower() for s in answer.sources} | {
        (s.title or "").strip().lower() for s in answer.sources}
    headings.discard("")
    kind = plan(question).kind
    for piece in answer_pieces(answer.answer):
        body = piece.rstrip(".!").strip()
        if body.endswith(":"):
            problems.append(f"lead-in ending in ':': {piece[:60]!r}")
        elif body.strip("*_ ").lower() in headings:
            problems.append(f"a heading: {piece[:60]!r}")
        elif body.endswith("?") and kind not in ("example", "list") and not asker_asks(question):
            problems.append(f"a question, not an answer: {piece[:60]!r}")
    if re.search(r"\b(?:BAD|GOOD):", answer.answer):
        problems.append("raw BAD:/GOOD: label")
    if NOT_EXACT not in answer.answer and not carries(kind, answer.answer):
        problems.append(f"no {kind} in the answer")
    elif kind == "duration" and NOT_EXACT not in answer.answer and not in_unit(asked_unit(question), answer.answer):
        problems.append(f"no duration in {asked_unit(question)}s in the answer")
    return problems
