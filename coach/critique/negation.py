"""One reader of negation and avoidance: which part of a sentence the speaker says they do NOT do.

People rarely negate with "not" alone. "I keep my office line off it", "the work number I leave out", "it stays
off", "I never put anything from my job on there", "instead of my work address I use a Gmail" all state the opposite
of doing X, by the construction of the sentence rather than by a negative word in front of X. The reader splits a
sentence into clauses and marks a clause (or the part of it a contrast names) negated when

- a negator governs it ("not", "never", "no", "n't", "nothing", "without" — the latter only for what follows it),
- an avoidance verb does ("avoid", "skip", "omit", "leave out", "steer clear of", …),
- a particle construction moves the object away ("keep/leave X off|out", "X stays|goes off|out"),
- a contrast names the rejected side ("instead of X", "rather than X", "as opposed to X": only X is negated).

A clause may also speak of X without the speaker doing it (`distanced`): it *judges* X ("stuffing the page with
buzzwords is a trap", "sorting in place would wreck the caller's array", "emoji in front of headings might look fun,
but they trip up the parsers") or *reports* someone else doing it ("most of my classmates designed theirs in Canva",
"the easy story would be that the analysts gave us bad specs"), or sets it apart from what the speaker does ("apart
from Canva, I went with Word", "unlike my classmates who …", "I used to put my work email on it, but now …"). Such a
clause is read as negated: the speaker names X to set it aside. A judgement of not doing something ("not
proofreading is a mistake") affirms it.

Two negations in one clause cancel when one governs the other ("I never skip validation" affirms validation, "I
never submit it without checking" checks); two joined by "and" are two things not done ("without asking anything
and not testing it"). A choice ("whether or not"), an
intensifier ("not only", "no matter") negates nothing. Every check that asks "does this sentence do X, or say it
does not?" reads the sentence here (the engine's "Don't X" judge, the described-pitfall cues in signals, the coding
techniques), so there is one notion of negation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Offers a choice or intensifies: these negate nothing.
_NOT_NEGATION = re.compile(r"\b(?:whether or not|or (?:maybe |perhaps |possibly )?not|not only|not just|no matter|"
                           r"nothing but|no doubt|not least|never mind|no later than|not sure|not familiar)\b", re.I)
_CODE_NONE = re.compile(r"(?<=\S)\s+None\b")  # Python's None inside a sentence ("1 points to None") negates nothing
_NEGATOR = re.compile(r"\b(?:not|never|no|none|nothing|nowhere|neither|nor|no longer|no need to|cannot)\b|n't\b|"
                      r"\b(?:dont|doesnt|didnt|wont|cant|isnt|arent|wasnt)\b", re.I)
_AVOID = re.compile(
    r"\b(?:avoid\w*|skip\w*|omit\w*|exclud\w*|refrain\w*|steer\w* clear|stay\w* away|keep\w* away|ditch\w*|"
    r"(?:leave|leaves|leaving|left|cut|cuts|cutting|drop|drops|dropped|dropping|rule|ruled|strip\w*) (?:\w+ ){0,6}?out\b|"
    r"(?:leave|leaves|leaving|left) (?:\w+ ){0,2}?off\b|"
    r"(?:keep|keeps|kept|keeping) (?:\w+ ){0,8}?(?:off|out of|away from)\b|"
    r"(?:stay|stays|stayed|staying|go|goes|went|is|are|was|were|remains?) (?:\w+ )?(?:off|out)(?: of)? "
    r"(?:it|there|them|the \w+|my \w+)\b|"
    r"(?:is|are|was|were|gets?) (?:left|kept) (?:out|off)\b|"
    r"(?:stay|stays|stayed) (?:off|out)\b)",
    re.I)
# A contrast: only the rejected side (up to a comma or a new subject) is negated.
_CONTRAST = re.compile(r"\b(?:instead of|rather than|as opposed to|in place of|without)\s+", re.I)
_SIDE_END = re.compile(r",|;|\.|\b(?:I|we|you|they|he|she|it's|I'd|I'll|we'd|then|but|so)\b")
_CLAUSE = re.compile(r"\s*(?:[,;:]|\s-\s|\u2014)\s*|\s+(?=\b(?:but|though|although|whereas|however|while|yet|"
                     r"except|apart from)\b)", re.I)


# A judgement that what a clause names is bad: the clause evaluates it rather than doing it.
_BAD = re.compile(
    r"\b(?:trap|mistake|bad|worse|worst|wast\w*|red flag|pitfall|lazy|rushed|careless|sloppy|wrong|terrible|awful|"
    r"no-no|anti-?pattern|turn-?off|dangerous|pointless|useless|risky|harmful|hurts?|wrecks?|ruin\w*|kills?|"
    r"backfires?|confus\w*|trips? (?:\w+ )?up|bur(?:y|ies)|unfocused|desperate|spammy|gimmick\w*)\b", re.I)
_LEAD_WORDS = r"(?:(?:and|but|so|or|while|whereas|though|although|because|since)\s+)?"
# The clause's subject is an action (a gerund: "Putting a work email on a CV ...") or a thing named without the
# speaker ("Emoji in front of headings ..."), not the speaker; what it says of it is a judgement.
_SPEAKER = re.compile(r"\b(?:I|I'm|I'd|I've|I'll|me|my|mine|we|we're|we'd|our)\b")
_ACTION_SUBJECT = re.compile(rf"^\s*{_LEAD_WORDS}(?:not |never )?(?:just |simply |blindly |always )?[a-z]+ing\b", re.I)
# A pronoun or relative clause judging what the clause before it named ("..., which is wasted work", "but they
# trip up the parsers").
_BACK_REFERENCE = re.compile(rf"^\s*{_LEAD_WORDS}(?:which|that|this|it|they|those|these|that's|it's|they're)\b",
                             re.I)
# Someone other than the speaker does it: a reported practice ("a friend applied to nine roles here").
_OTHERS = re.compile(
    rf"^\s*{_LEAD_WORDS}(?:(?:most|many|some|lots|plenty|half|all|a lot|one)\s+(?:of\s+)?)?"
    r"(?:(?:my|our|the|a|an|other|his|her|their|some|many|most)\s+)?(?:\w+\s+)?"
    r"(?:classmates?|friends?|teammates?|colleagues?|co-?workers?|people|candidates|applicants|peers|others|everyone|"
    r"everybody|someone|somebody|folks|students|juniors|a lot of people)\b(?!\s+(?:and|or) (?:I|me)\b)", re.I)
# A story the speaker could tell but does not ("the easy story would be that ...", "it would be easy to ...").
_HYPOTHETICAL = re.compile(r"^\s*(?:the|an?|one)\s+(?:easy|easiest|obvious|tempting|lazy|convenient|usual)\s+\w+\s+"
                           r"(?:would be|is)\b|^\s*it would be (?:easy|tempting)\b", re.I)


# A clause opened by a preposition that sets its object apart from what the rest of the sentence says ("apart from
# Canva, I ...", "other than the mock-up I threw away, everything ...", "unlike my classmates who ..."): what it names
# is not what the speaker does. "Besides"/"in addition to" add instead, so they are not here.
_SET_ASIDE = re.compile(rf"^\s*{_LEAD_WORDS}(?P<by>apart from|aside from|other than|except(?: for)?|unlike)\b", re.I)
# The rest of the sentence adds to the set-aside thing ("apart from the Word copy, I also made one on Novoresume").
_ADDITIVE = re.compile(r"\b(?:also|too|as well|in addition)\b", re.I)
# A relative clause going on about the set-aside thing ("aside from Canva, which my bootcamp pushed, I ...").
_RELATIVE = re.compile(r"^\s*(?:which|who|whom|that|where)\b", re.I)
# A past habit the speaker has since left ("I used to put my work email on it, but now ..."): the habit is set
# aside when a later clause of the sentence opens on the present.
_PAST_HABIT = re.compile(r"\bused to\b", re.I)
_NOW = re.compile(rf"^\s*{_LEAD_WORDS}(?:now|nowadays|these days|today|since then)\b", re.I)


def _set_aside(clauses: list[str]) -> list[bool]:
    """Per clause: the sentence names what it says as set apart from the speaker's act — the object of a set-aside
    preposition opening the clause (with the relative clauses going on about it, when it comes first), or a past
    habit a later clause replaces with the present. An exception to a negation ("apart from Canva I haven't touched
    a design tool") is what the speaker did, and an addition ("I also ...") does it too: neither is set aside."""
    out = [False] * len(clauses)
    for k, c in enumerate(clauses):
        if aside := _SET_ASIDE.match(c):
            rest = [x for j, x in enumerate(clauses) if j != k and not _RELATIVE.match(x)]
            if rest and (aside["by"].lower() == "unlike" or not any(_ADDITIVE.search(x) or _negates(x) for x in rest)):
                out[k] = True
                # Opening the sentence, the thing is described before the main clause; a relative clause after a
                # main clause ("except my name, which sits in the header") says where it is instead.
                j = k + 1
                while k == 0 and j < len(clauses) and _RELATIVE.match(clauses[j]):
                    out[j] = True
                    j += 1
        elif _PAST_HABIT.search(c) and any(_NOW.match(x) for x in clauses[k + 1:]):
            out[k] = True
    return out


def _distanced(clauses: list[str]) -> list[bool]:
    """Per clause: it judges or reports what it names, or sets it apart (``_set_aside``), rather than saying the
    speaker does it."""
    out = []
    for c, aside in zip(clauses, _set_aside(clauses)):
        judged = bool(_BAD.search(c)) and not _SPEAKER.search(c) and bool(_ACTION_SUBJECT.match(c))
        out.append(aside or judged or bool(_OTHERS.match(c)) or bool(_HYPOTHETICAL.match(c)))
    for k in range(1, len(clauses)):
        # "..., which is wasted work" / "..., but they trip up the parsers": the judgement is of the clause before
        back = _BACK_REFERENCE.match(clauses[k]) and _BAD.search(clauses[k]) and not _SPEAKER.search(clauses[k])
        if back and not _SPEAKER.search(clauses[k - 1]):
            out[k - 1] = out[k] = True
    return out


def own_part(text: str) -> str:
    """``text`` without the clauses that judge or report what they name (``_distanced``): what the speaker says of
    themselves, negated or not."""
    parts = [c for c in _CLAUSE.split(text) if c.strip()]
    return " ".join(c.strip() for c, aside in zip(parts, _distanced(parts)) if not aside)


@dataclass(frozen=True)
class Reading:
    """A sentence read for negation: the parts it negates and the rest it affirms."""
    negated: tuple[str, ...]
    affirmed: str

    @property
    def any(self) -> bool:
        return bool(self.negated)


# A negator governing an avoidance ("never skip", "don't leave it out", "not without"): the two cancel.
# Two negations joined by "and"/"or" ("I wouldn't ask and skip the tests") are two things not done: they do not cancel.
_DOUBLE = re.compile(r"(?:\b(?:not|never|no need to|no)\b|n't\b)\s+(?:(?!(?:and|or|but|then|so)\b)\w+\s+){0,2}?"
                     r"(?:avoid|skip|omit|forget|miss|ignore|neglect|leave|leaving|left|drop|cut|without)\w*", re.I)


def _negates(text: str) -> bool:
    """The clause as a whole is negative: some negator or avoidance governs it and none is cancelled."""
    text = _NOT_NEGATION.sub(" ", _CODE_NONE.sub(" ", text))
    if _DOUBLE.search(text):
        return False
    return bool(_NEGATOR.search(text) or _AVOID.search(text))


def _opens_negated(side: str) -> bool:
    """The side of a contrast is itself negative from its first word or two ("not testing", "just skipping it")."""
    masked = _NOT_NEGATION.sub(lambda m: " " * len(m.group(0)), side)
    cues = [m.start() for p in (_NEGATOR, _AVOID) for m in [p.search(masked)] if m]
    return bool(cues) and len(side[:min(cues)].split()) <= 1 and _negates(side)


_FILLER = re.compile(r"\b(?:it|them|there|that|this|all|at|completely|entirely|altogether|anymore|either|ever|"
                     r"really|just|too|here|of|on|off|out|the|my|a)\b|\W+", re.I)


def _scope(clause: str) -> tuple[str, str]:
    """(affirmed head, negated tail): a negator or avoidance verb negates what follows it ("served in-process to
    avoid a network hop" negates only the hop); when nothing follows but filler ("the work number I leave out
    completely", "it stays off it"), the object came first and the whole clause is negated."""
    masked = _NOT_NEGATION.sub(lambda m: " " * len(m.group(0)), _CODE_NONE.sub(lambda m: " " * len(m.group(0)), clause))
    cues = [m for p in (_NEGATOR, _AVOID) for m in [p.search(masked)] if m]
    first = min(cues, key=lambda m: m.start())
    start = masked.rfind(" ", 0, first.start()) + 1  # the whole word ("don't", not "n't")
    if not _FILLER.sub("", clause[first.end():]):
        return "", clause
    return clause[:start], clause[start:]


@lru_cache(maxsize=8192)
def read(text: str) -> Reading:
    """The negated parts of ``text`` and the affirmed remainder (see the module docstring)."""
    negated: list[str] = []
    affirmed: list[str] = []
    parts = [c for c in _CLAUSE.split(text) if c.strip()]
    for clause, aside in zip(parts, _distanced(parts)):
        if aside:
            # set aside by a judgement or a report; judging a negation ("not testing is a mistake") affirms it
            (affirmed if _negates(clause) and _BAD.search(clause) else negated).append(clause.strip())
            continue
        rest = clause
        sides = []
        cancelled = False
        for m in list(_CONTRAST.finditer(clause)):
            end = _SIDE_END.search(clause, m.end())
            side = clause[m.end(): end.start() if end else len(clause)]
            if side.strip():
                # A negation before "without" cancels it: "I never submit it without filling in every section"
                # fills them in, and submits.
                cancelled |= m.group(0).lower().startswith("without") and bool(
                    _NEGATOR.search(_NOT_NEGATION.sub(" ", clause[:m.start()])))
                sides.append(side)
                rest = rest.replace(m.group(0) + side, " ", 1)
        # A negation opening the rejected side ("rather than not testing", "instead of skipping them") turns it back;
        # one further on is a second thing not done ("without asking anything and not testing it").
        for side in sides:
            (affirmed if cancelled or _opens_negated(side) else negated).append(side.strip())
        if cancelled:
            affirmed.append(rest.strip())
        elif _negates(rest):
            head, tail = _scope(rest)
            negated.append(tail.strip())
            if head.strip():
                affirmed.append(head.strip())
        elif rest.strip():
            affirmed.append(rest.strip())
    return Reading(tuple(negated), " ".join(affirmed))


def negated(text: str) -> bool:
    """The sentence negates or avoids something (some clause of it says what the speaker does not do)."""
    return read(text).any


def denies_all(text: str) -> bool:
    """Every clause of the sentence is negated: nothing in it is affirmed."""
    r = read(text)
    return r.any and not re.search(r"\w{3,}", r.affirmed)
