"""Mistakes an article names in running prose rather than in a list or a "Don't …" sentence.

Career articles often warn in a sentence that *judges* a behaviour: "A common mistake candidates make is to jump
straight into code", "Many candidates make the mistake of reciting their resume", "Diving straight into LeetCode …
is a bad use of your time", "Candidates who don't have any questions might come off as less interested". The
behaviour is the mistake; ``warned_act`` returns it phrased as a pitfall label ("Jumping straight into code",
"Not having any questions"), or None when the sentence judges no behaviour.
"""
from __future__ import annotations

import re
from functools import lru_cache

_WHO = (r"(?:candidates|people|applicants|engineers|developers|interviewees|job\s+seekers|students|graduates|"
        r"those|anyone|someone|folks|you)")
_MISTAKE = r"(?:mistakes?|errors?|pitfalls?|traps?|blunders?|missteps?)"
_OPENER = r"(?:(?:However|But|And|Also|So|Still|Yet|Unfortunately|Sadly|Often|Too\s+often),?\s+)?"
# "A common mistake (that many candidates make) is (to) X", "The biggest mistake I see is X-ing"
_MISTAKE_IS = re.compile(
    rf"^{_OPENER}(?:a|an|one|the|another)\s+(?:[\w-]+\s+){{0,2}}?{_MISTAKE}\s+"
    rf"(?:(?:that|which)\s+)?(?:(?:I|we|interviewers|recruiters)\s+(?:often\s+|usually\s+|always\s+)?see\s+)?"
    rf"(?:(?:(?:many|most|some|a\s+lot\s+of|lots\s+of|so\s+many)\s+)?{_WHO}\s+(?:often\s+|usually\s+|tend\s+to\s+)?"
    rf"(?:make|makes|fall\s+into)\s+)?(?:(?:in|during|with|on)\s+[\w\s-]{{1,40}}?\s+)?"
    rf"is\s+(?P<verb>to\s+|that\s+(?:they|you|people|candidates)\s+)?(?P<act>.+)$", re.I)
# "Many candidates make the mistake of X-ing", "Don't fall into the trap of X-ing"
_MISTAKE_OF = re.compile(
    r"\b(?:make|makes|made|making|fall|falls|fell|falling)\s+(?:into\s+)?(?:the|a|this)\s+(?:[\w-]+\s+)?"
    r"(?:mistake|trap|error)\s+of\s+(?P<act>\w+ing\b.+)$", re.I)
# "X-ing … is a bad idea / a common mistake / a red flag / a waste of time / never a good idea"
_GERUND_IS_BAD = re.compile(
    r"^(?P<act>[A-Z][a-z]+ing\b.+?)\s+(?:is|are|can\s+be|will\s+be)\s+"
    r"(?:(?:usually|often|always|generally|actually|simply|almost\s+always|probably)\s+)?"
    r"(?:(?:a|an|one\s+of\s+the)\s+(?:[\w-]+\s+){0,2}?(?:mistakes?|red\s+flags?|waste|turn-?off|no-no|trap|pitfall)|"
    r"(?:a|an)\s+(?:\w+\s+)?(?:bad|poor|terrible)\s+(?:idea|use|sign|habit|move|look|choice|practice)|"
    r"(?:never|not|rarely)\s+a\s+good\s+(?:idea|look|sign))\b", re.I)
# "Candidates who X might come off as less interested / will look unprepared / hurt their chances"
_WHO_LOOKS_BAD = re.compile(
    rf"\b{_WHO}\s+who\s+(?P<act>.+?)\s+(?:(?:might|may|will|can|could|would|often|usually|tend\s+to)\s+)?"
    rf"(?:(?:come|comes)\s+(?:off|across)|look|looks|appear|appears|seem|seems|sound|sounds)\s+(?:as\s+)?"
    rf"(?:less\b|un\w+|not\b|careless|arrogant|desperate|lazy|rude|disinterested|like\s+(?:they|you)\s+(?:don|do\s+not|aren|are\s+not))",
    re.I)
# where the behaviour ends: a contrast or an aside that is not part of it
_ACT_END = re.compile(r"\s+(?:-|–|—)\s+|[;:]\s|,\s+(?:but|which|and\s+that|because|since|as\s+this)\b|\.\s*$|[.!?]$")
_NEGATED = re.compile(r"^(?:don[’']?t|do\s+not|doesn[’']?t|does\s+not|never|can[’']?t|cannot|fail\s+to|fails\s+to)\s+",
                      re.I)
_ADVERB = re.compile(r"^(\w+ly)\s+")
_GERUND_FIRST = re.compile(r"^(?:\w+ly\s+)?(?:not\s+)?\w+ing\b", re.I)
_MIN_WORDS, _MAX_WORDS = 1, 25


def warned_act(sentence: str) -> str | None:
    """The behaviour a prose sentence calls a mistake, as a pitfall label; None if it calls none one."""
    s = sentence.strip().strip("*_ ")
    if s.endswith("?"):
        return None
    m = _MISTAKE_IS.match(s)
    if m and (m.group("verb") or _GERUND_FIRST.match(m.group("act"))):  # "The mistake is understandable" names none
        return _label(m.group("act"), infinitive=bool(m.group("verb")))
    m = _MISTAKE_OF.search(s)
    if m:
        return _label(m.group("act"))
    m = _GERUND_IS_BAD.match(s)
    if m:
        return _label(m.group("act"))
    m = _WHO_LOOKS_BAD.search(s)
    if m:
        return _label(m.group("act"), infinitive=True)
    return None


def _label(act: str, infinitive: bool = False) -> str | None:
    """Cut the behaviour at the aside that follows it and, for "to X" / "who X", turn its verb into a gerund
    ("don't have any questions" -> "Not having any questions")."""
    end = _ACT_END.search(act)
    act = act[: end.start()] if end else act
    act = act.strip().strip(",").strip()
    if infinitive and act:
        act = _as_gerund(act)
    if not act or not _MIN_WORDS <= len(act.split()) <= _MAX_WORDS:
        return None
    return act[0].upper() + act[1:]


def _as_gerund(act: str) -> str:
    prefix = ""
    neg = _NEGATED.match(act)
    if neg:
        prefix, act = "not ", act[neg.end():]
    adv = _ADVERB.match(act)
    if adv:
        prefix, act = prefix + adv.group(1) + " ", act[adv.end():]
    verb, _, rest = act.partition(" ")
    if verb.lower().endswith("ing"):
        return prefix + act
    return prefix + (_gerund(verb.lower()) or verb) + (" " + rest if rest else "")


@lru_cache(maxsize=1024)
def _gerund(word: str) -> str | None:
    from lemminflect import getInflection, getLemma  # lazy: its tables load in about a second

    lemma = (getLemma(word, upos="VERB") or (word,))[0]
    forms = getInflection(lemma, tag="VBG")
    return forms[0] if forms else None
