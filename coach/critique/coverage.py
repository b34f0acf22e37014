"""What a good answer covers for a rubric item, and what an answer hands to someone else.

Concepts come from the item itself: the parts of its fix ("redundancy, timeouts, retries and what happens when a
dependency goes down" -> four concepts), the concrete examples of the abstract category it names (``shapes.expand``),
and, for items with no usable fix, the key phrases of the article's surrounding text. An answer covers a concept when
one of its sentences is close to it (embedding cosine) or repeats its content words. Sentences that hand the topic
to someone else ("that's for the platform team", "I don't know the details") never count as covering anything: an
explicit deflection is the clearest form of the omission.
"""
from __future__ import annotations

import re

from coach.critique.shapes import EXPANSIONS, content_stems

_LEAD = re.compile(r"^(?:focus\w*|concentrat\w*|emphasi[sz]\w*|prioriti[sz]\w*|cover\w*|describ\w*|discuss\w*|"
                   r"explain\w*|show\w*|mention\w*|includ\w*|use|using|add\w*|keep\w*|stat\w*|giv\w*|quantif\w*|"
                   r"structur\w*|improv\w*|tak\w* ownership|own\w*)\s*(?:on\s+|of\s+|the\s+|:\s*)?",
                   re.I)
_AUTHOR = re.compile(r"\bI\b|\b(?i:me|my|myself|we|us|our)\b")
_SPLIT = re.compile(r"\s*(?:,|;|:|\band\b|\bor\b|\bthen\b|\bsuch as\b|\bwith\b|\bfor\b|\bplus\b|\be\.g\.)\s*", re.I)

# Another party, and what one leaves to it: the words of the everyday hand-offs below.
_OTHERS = (r"(?:\b(?:someone|somebody|whoever)\b|\b(?:the|our|my|their|an?) (?:[\w-]+ ){0,2}(?:team|teams|folks|people|"
           r"guys|engineers?|ops|devops|sres?|analysts?|developers?|devs|admins?|dbas?|vendors?|providers?|partners?|"
           r"colleagues|specialists?|side|department)\b|\bthem\b)")
_TAKE = (r"(?:handle\w*|deal\w* with|figure\w* (?:it |that |this |them )?out|sort\w* (?:it |that |this |them )?out|"
         r"worr\w* about|take\w* care of|look\w* after)\b")

# Deflection: the answer gives the topic away instead of covering it. Phrased as people say it, not as rubrics do.
HANDOFF = re.compile(
    r"\b(?:someone|somebody) else(?:'s)?\b"
    r"|(?:\b(?:is|are|be|was)|'s) (?:for|up to|on) (?:the |our |a )?(?:\w+ ){0,2}(?:team|teams|engineers|people|them|"
    r"ops|devops|platform|infra|sre|analysts|vendor|provider)\b"
    r"|\b(?:the |our )?(?:\w+ )?(?:team|engineers|ops|analysts|developers|devs|provider)(?:'s)? "
    r"(?:would|will|can|could|should|usually) (?:handle|take|deal|own|do|look|catch|notice|fix|take care)\b"
    r"|\b(?:hand|pass|throw)\w* (?:it |that |the \w+ )?(?:over|off|along)\b"
    r"|\bhand\w* (?:them|him|her|the \w+) (?:the|my|a|our)\b"
    r"|(?:\b(?:is|are|was|be)|'s) (?:really |more |mostly )?(?:the |our )?\w+s' "
    r"(?:job|problem|responsibility|area|call|thing)\b"
    r"|\btake it from there\b"
    r"|\b(?:isn't|is not|not) (?:really )?(?:my|our) (?:area|job|responsibility|problem|thing|concern|department)\b"
    r"|\b(?:their|his|her) (?:job|problem|responsibility|mess|code)\b"
    r"|\bnot (?:really )?something I(?:'d| would) (?:design|worry|think) (?:for|about)\b"
    r"|\bI (?:(?:honestly|really|just) )?(?:do not|don't|dont) (?:(?:really|honestly|actually|even|quite) )?know "
    r"(?:the details|much about|how|the final|that part|anything about)\b"
    r"|\bI(?:'m| am) not familiar\b|\bI have(?:n't| not) (?:really )?(?:done|worked on) (?:that|this)\b"
    r"|\bno idea\b|\b(?:is|it's) on them\b|\bwhoever (?:runs|handles|owns)\b"
    r"|\b(?:the |an? )?\w+ team's (?:job|responsibility|problem|area|call)\b|\bnot mine\b"
    # others speaking or acting in the candidate's place: "I'd let my references speak to that", "the on-call lead
    # handled the outage itself"
    r"|\blet (?:my |the |our )?(?:references?|manager|boss|colleagues|team|work|results|record|resume|portfolio)"
    r"(?: \w+)? (?:speak|talk|answer)\b"
    r"|\b(?:the|our|my) (?:[\w-]+ ){0,2}(?:lead|manager|team|engineers?|ops|devops|sre|dba|vendor|folks|people)s? "
    r"(?:handled|took care of|dealt with|sorted out) (?:it|that|this|the rest|everything|the (?:[\w-]+ ){1,2}itself)\b"
    # doing only what one was given: "I just did the tickets that were assigned to me", "I only did what I was told"
    r"|\b(?:just|only) (?:did|do|doing|worked on|work on|picked up|took) (?:the |my |whatever |what )?(?:\w+ )?"
    r"(?:tickets?|tasks?|stories|work|things?|was|were)\b(?: \w+){0,3}? (?:assigned|given|handed|told)\b"
    # leaving the topic to another party, in the words people use: "the serving side I'd leave to the backend
    # folks", "I'd let the platform people worry about scaling", "the ops folks can figure that out", "something
    # the analysts sort out downstream", "that part is handled by the infra team", "that's more of an ops thing"
    rf"|\b(?:leav\w*|left)\b(?: \w+){{0,3}}? (?:(?:up )?to|with) {_OTHERS}"
    rf"|\blet(?:ting)? {_OTHERS} (?:\w+ )?{_TAKE}"
    rf"|{_OTHERS} (?:usually |normally |then |just )?(?:would|will|can|could|should|'d|'ll) (?:\w+ )?{_TAKE}"
    rf"|\bsomething (?:that )?{_OTHERS} (?:\w+ ){{0,2}}?{_TAKE}"
    rf"|\b(?:handled|owned|covered|done|dealt with|sorted(?: out)?|taken care of) by {_OTHERS}"
    r"|(?:\b(?:is|are|be|was)|'s) (?:really |more |mostly |just )?(?:of )?an? (?:ops|devops|infra|infrastructure|"
    r"platform|sre|backend|back-end|it|security|engineering|qa) (?:thing|concern|problem|question|job|task)\b",
    re.I,
)


# "I'm not sure which" is a hedge, not a hand-off: the sentence still says what it says (the score charges hedges once).
UNSURE = re.compile(r"\bI(?:'m| am) not (?:\w+ )?sure\b", re.I)


def deflects(text: str) -> bool:
    """The sentence gives the topic to someone else or admits not knowing it; a hedge alone is no hand-off."""
    return bool(HANDOFF.search(UNSURE.sub(" ", text)))


def unsure_only(text: str) -> bool:
    """The sentence hedges ("I'm not sure") without handing anything off."""
    return bool(UNSURE.search(text)) and not deflects(text)


def concepts(fix: str, target: str = "", context: str = "", *, limit: int = 10, examples: bool = True) -> list[str]:
    """The things a good answer covers for an item: the fix's parts, then (``examples``) examples of the category it
    names."""
    out: list[str] = []

    def add(phrase: str) -> None:
        phrase = _LEAD.sub("", phrase.strip(" .!?\"'()[]")).strip(" .,")
        words = phrase.split()
        if not phrase or not content_stems(phrase) or len(words) > 8:
            return
        if any(content_stems(phrase) == content_stems(p) for p in out):
            return
        out.append(phrase)

    fix_text = re.sub(r"\s+", " ", fix or "")
    for part in _SPLIT.split(fix_text):
        add(part)
    for phrase in (target, fix_text) if examples else ():
        stems = content_stems(phrase)
        for keys, examples in EXPANSIONS:
            if keys <= stems:
                for ex in examples.split(","):
                    add(ex)
    if len(out) < 2 and context:
        for part in _SPLIT.split(re.sub(r"\s+", " ", context))[:12]:
            # the author's own framing ("As an interviewer myself") is no thing an answer covers
            if 1 <= len(part.split()) <= 5 and not _AUTHOR.search(part):
                add(part)
    return out[:limit]
