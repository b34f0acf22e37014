"""Coding-technique mistakes read from the answer's own words and code.

Articles warn against things a candidate *does* while coding ("don't destroy the input data", "don't invoke methods
unnecessarily", "don't check conditions unnecessarily"). Sentence embeddings barely separate "I sort their array in
place" from "I sort a copy", so for these families the verdict comes from what the answer says or writes: an
in-place change of the caller's data, the same call repeated per element or per iteration, a pile of checks. A
family is recognised from the item's wording (its act and its object), never from one article's sentence; an answer
that says nothing about the act leaves the item unclear.
"""
from __future__ import annotations

import re

from coach.critique.delivery import code_span
from coach.critique.negation import own_part, read
from coach.critique.shapes import Unit

# What an item forbids: (its act, its object), as words of the item's own "Don't X".
_FAMILIES: dict[str, tuple[re.Pattern, re.Pattern]] = {
    "mutate_input": (re.compile(r"\b(?:destroy|mutat|modif|overwrit|alter|chang|clobber|corrupt)\w*", re.I),
                     re.compile(r"\b(?:input|argument|parameter|array|list|data)s?\b", re.I)),
    "redundant_check": (re.compile(r"\b(?:check|test|validat)\w*", re.I),
                        re.compile(r"\bcondition|\bunnecessar|\bredundant|\btwice\b|\bagain\b", re.I)),
    "repeat_call": (re.compile(r"\b(?:invok|call|recomput|recalculat)\w*", re.I),
                    re.compile(r"\b(?:method|function)s?\b|\bunnecessar|\brepeated|\bagain\b|\bloop", re.I)),
    # the best conceivable runtime (BTTC) or lower bound a solution is measured against
    "runtime_bound": (re.compile(r"\b(?:bttc|bcr|best conceivable|lower bound|optimal)\b", re.I),
                      re.compile(r"\b(?:bttc|bcr|runtime|run time|time|complexity|bound)\b", re.I)),
}

_CALLER = r"(?:the |their |its |your |his |her |the caller's |the given |the original |the passed[- ]in )"
_DATA = r"(?:input|inputs|list|array|arrays|argument|arguments|data|nums|ids|items)"
_MUTATE = re.compile(
    r"\b\w+\.(?:sort|reverse|pop|remove|clear|shuffle)\(\s*\w*\s*\)"
    r"|\bdel \w+\["
    r"|\bin[- ]place\b"
    r"|\b(?:sort|sorts|sorting|modify|modifies|modifying|change|changes|changing|overwrite|overwrites|overwriting|"
    r"mutate|mutates|mutating|reorder|reorders|scramble|scrambles|negate|negates|delete|deletes|remove|removes|"
    r"pop|pops|popping)\w* (?:\w+ ){0,3}?(?:(?:out of|from|in|of) )?" + _CALLER + r"?" + _DATA
    + r" (?:they|you|the caller|we were|I am|I'm|I was) (?:gave|give|pass|passed|sent|hand|handed|provide|provided|"
    r"supply|supplied|given)\b"
    r"|\b(?:sort|sorts|modif\w+|change\w*|overwrit\w+|mutat\w+|reorder\w*|scrambl\w+) " + r"(?:their|the caller's|"
    r"the original|the input) " + _DATA + r"\b"
    r"|\b(?:pop|remove|delete|del)\w* (?:\w+ ){0,2}?(?:out of|from) (?:the |their )?(?:input|original|nums|array|list)\b",
    re.I,
)
# Keeping the input, as something the answer does ("I sort a copy") ...
_KEEP = re.compile(
    r"\b(?:a |the )?cop(?:y|ies|ied)\b|\buntouched\b|\bintact\b|\bunchanged\b|\bimmutabl\w*\b|\bsorted\("
    r"|\b(?:new|separate|fresh|output|result) (?:list|array|copy)\b",
    re.I,
)
# ... or as a change it says it does not make ("never modify the input").
_KEEP_NOT = re.compile(
    r"\b(?:never|not|don't|do not|without|won't) (?:\w+ )?(?:modify|modifying|mutate|mutating|change|changing|touch|"
    r"touching|overwrite|overwriting|destroy|destroying)\b",
    re.I,
)
_LOOP = r"(?:each|every|per) (?:time|iteration|element|item|number|id|pass|round|step|loop)|in (?:the|a|every) loop"
# Any per-element phrasing ("for each index", "divide each one", "inside the loop"): where a call or check runs once
# per element rather than once.
_PER_ELEMENT = re.compile(r"\b(?:for|on|in|at|with|to) (?:each|every) (?!other\b)\w+|\beach (?:one|of them|time)\b"
                          r"|\b(?:inside|within|in) (?:the|a|every) loop\b|\bper (?:element|item|iteration|index|row)\b"
                          r"|\bloop(?:ing)? (?:over|through)\b", re.I)
# A call that walks the whole collection (its cost is linear), written with an argument: said once per element it
# is the needless repeated work the article warns against ("for each index I compute sum(nums[:i])").
_AGGREGATE = re.compile(r"(?<![\w.])(?:sum|max|min|len|sorted|count|index)\((?!\s*\))|\.(?:count|index)\(", re.I)
_REPEAT = re.compile(
    r"\bwhile \w+ ?<=? ?len\(|\bfor \w+ in range\(len\("
    # (a "then" in between starts the next step: "call sorted() on a copy, then for each element ...")
    r"|\b(?:call|calls|calling|recompute|recomputes|recomputing|recalculat\w+|invok\w+)\b(?:(?!\bthen\b)[^.;]){0,40}\b(?:"
    + _LOOP + r"|again|twice|repeatedly)"
    r"|\b(?:" + _LOOP + r")[^.;]{0,30}\b(?:call|calls|calling)\b[^.;]{0,15}\w+\("
    # a call written out and then placed in the loop by any verb ("work out the length with len() on every pass")
    r"|\b\w+\([^()]*\)[^.;]{0,20}?\b(?:(?:again )?(?:on|in|at|for) )?(?:each|every) (?:time|iteration|pass|round|step)\b",
    re.I,
)
_ONCE = re.compile(
    r"\b(?:once|a single time|up front|upfront|beforehand|outside the loop)\b[^.;]{0,30}\b(?:store|cache|comput\w*|"
    r"call\w*|save)\b|\b(?:store|cache|comput\w*|precomput\w*|call\w*|save|declar\w+|take|get|work out)\b"
    r"[^.;]{0,40}\b(?:once|up front|upfront|"
    r"in a variable|outside the loop|before the loop)\b",
    re.I,
)
_CHECK = re.compile(r"\b(?:check|checks|checking|verify|verifies|test whether|make sure)\b", re.I)
# A check repeated on every pass that the answer itself calls a precaution ("each time round, just to be safe"):
# a per-element check alone is the logic, a precaution alone may be an edge case; both is a surplus check.
_PRECAUTION = re.compile(r"\bjust (?:to be (?:safe|sure)|in case)\b|\bto be on the safe side\b", re.I)
_EVERY_PASS = re.compile(r"\b(?:" + _LOOP + r")\b", re.I)
CHECKS_MADE = 3  # checks piled into one sentence from which the answer checks more than the logic needs


def technique_family(target: str) -> str | None:
    """The coding-technique family a "Don't X" item's X names, if any."""
    for name, (act, obj) in _FAMILIES.items():
        if act.search(target) and obj.search(target):
            return name
    return None


def judge_technique(family: str, units: list[Unit]) -> tuple[str, Unit | None]:
    """(verdict, evidence) for one family: "made" when a sentence does the act, "avoided" when one says it avoids
    it, else "unclear" (the answer is silent on it)."""
    if family == "mutate_input":
        # A method call on data the answer creates itself ("stack = []; ... stack.pop()") changes no input.
        text = " ".join(u.text for u in units)
        own = set(re.findall(r"\b([A-Za-z_]\w*)\s*=(?!=)", text))
        kept = [u for u in units if _keeps_input(u.text)]
        made = [u for u in units if u not in kept
                and any(_owned_call(mt, own) for mt in _MUTATE.finditer(_affirmed(u.text)))]
    elif family == "repeat_call":
        kept = [u for u in units if _ONCE.search(u.text)]
        # "I store the length once instead of calling len() in the loop" names the repeated call to avoid it.
        made = [u for u in units if u not in kept and (_REPEAT.search(said := _affirmed(u.text))
                                                        or _per_element_call(said))] + _repeated_call(units)
    elif family == "runtime_bound":
        made, kept = _bound_claims(units)
    elif family == "redundant_check":
        made = [s[0] for s in _sentences(units) if sum(len(_CHECK.findall(u.text)) for u in s) >= CHECKS_MADE]
        made += [u for u in units if _CHECK.search(u.text) and _PRECAUTION.search(u.text)
                 and (_EVERY_PASS.search(u.text) or _PER_ELEMENT.search(u.text))
                 # a negation inside what is checked ("that it isn't empty") does not deny the checking
                 and _CHECK.search(read(u.text).affirmed)]
        kept = []
    else:
        return "unclear", None
    if made:
        return "made", made[0]
    if kept:
        return "avoided", kept[0]
    return "unclear", None


# A claim that nothing beats a runtime ("that's the best you can do", "you can't beat that", "no way around it").
_BEST_CLAIM = re.compile(
    r"\bbest (?:possible|conceivable|you can do|we can do|one can do|there is)\b|\bthe fastest (?:you|we|one) (?:could|can)"
    r"\b|\b(?:can't|cannot|can not|couldn't) (?:do|get|go) (?:any )?(?:better|faster|lower)\b|\b(?:can't|cannot) beat\b"
    r"|\bno way (?:around|to beat|to do better)\b|\blower bound\b|\boptimal\b|\bthe floor (?:is|here is)\b"
    # the claim said as a doubt about doing better ("I don't think anyone can do better", "as good as it gets")
    r"|\bas (?:good|fast|efficient) as it (?:gets|can get)\b|\bno (?:better|faster) (?:way|solution|approach)\b"
    r"|(?:\b(?:don't|do not|doubt) (?:think|believe|see how) |\b(?:nobody|no one|no-one) )[^.;]{0,20}?\b(?:can|could)"
    r" (?:\w+ )?(?:do|get|go) (?:any |much )?(?:better|faster|lower)\b", re.I)
_SUPERLINEAR = re.compile(
    r"\bn\s*(?:\^|\*\*)\s*[23]\b|\bn[\u00b2\u00b3]|\bn (?:squared|cubed)\b|"
    r"\bquadratic\b|\bcubic\b|\bexponential\b|\b2\s*\^\s*n\b"
    r"|\bn\s*(?:\*|\u00b7|x|times)\s*[a-z]\b|\bn log n\b|\bn ?log ?n\)", re.I)
_LINEAR = re.compile(r"\bO\((?:n|log n|1|n ?\+ ?m|m ?\+ ?n)\)|\blinear\b|\bconstant\b|\blogarithmic\b", re.I)
_SORTING_BOUND = re.compile(r"\bcomparison\b", re.I)  # n log n is the true floor of comparison sorting


def _bound_claims(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """Sentences that call a super-linear runtime the best possible (made: interview problems that invite the
    claim almost always have a faster solution), and ones that call a linear or better runtime the best (kept).
    Read per sentence: a long one split into clauses may give the runtime in one clause and the claim in the next."""
    made, kept = [], []
    for sent in _sentences(units):
        text = " ".join(u.text for u in sent)
        if not _BEST_CLAIM.search(text):
            continue
        at = next((u for u in sent if _BEST_CLAIM.search(u.text)), sent[0])
        if (_SUPERLINEAR.search(text) and not _LINEAR.search(text) and not _SORTING_BOUND.search(text)
                and not re.search(r"\b(?:not|isn't|is not|aren't)\b[^.;]{0,15}\b(?:the )?(?:best|optimal)\b", text,
                                  re.I)):
            made.append(at)
        elif _LINEAR.search(text):
            kept.append(at)
    return made, kept


def _affirmed(text: str) -> str:
    """What a sentence says it does (coach.critique.negation): "I wouldn't sort the input in place" sorts nothing.
    Code is read whole: its "if not nums:" negates none of the statements after it."""
    return text if code_span(text) else read(text).affirmed


def _keeps_input(text: str) -> bool:
    """The sentence keeps the caller's data: it does something that keeps it ("I sort a copy"; not "without making
    a copy"), says it does not change it, or names the change only to say it does not make it ("I wouldn't sort
    the input in place", "sorting in place would wreck their array")."""
    if _KEEP_NOT.search(text) or _KEEP.search(_affirmed(text)):
        return True
    reading = read(text) if not code_span(text) else None
    return reading is not None and any(_MUTATE.search(part) for part in reading.negated)


def _per_element_call(text: str) -> bool:
    """The sentence runs a whole-collection call once per element (a loop header's ``range(len(x))`` runs once)."""
    calls = [m for m in _AGGREGATE.finditer(text) if not text[:m.start()].endswith("range(")]
    return bool(calls) and bool(_PER_ELEMENT.search(text))


def _owned_call(match: re.Match, own: set[str]) -> bool:
    """False when the match is a method call on a name the answer assigns itself (a local, not the input)."""
    obj = re.match(r"([A-Za-z_]\w*)\.", match.group(0))
    return not (obj and obj.group(1) in own)


_CALL = re.compile(r"(?<![\w.])(?!O\()([A-Za-z_][\w.]*\([^()]*\))")  # a call, not big-O notation


def _repeated_call(units: list[Unit]) -> list[Unit]:
    """The sentence that writes a call already written earlier in the answer ("max(nums) ... index(max(nums))")."""
    seen: set[str] = set()
    for u in units:
        for call in _CALL.findall(u.text):
            if call in seen:
                return [u]
            seen.add(call)
    return []


def _sentences(units: list[Unit]) -> list[list[Unit]]:
    """Units grouped back into sentences (a long sentence is split into clauses by ``shapes.split_units``)."""
    out: list[list[Unit]] = []
    for u in units:
        if not out or out[-1][-1].text.rstrip().endswith((".", "!", "?")):
            out.append([])
        out[-1].append(u)
    return out


# How an answer says it codes: typing before (or instead of) explaining, or explaining before typing.
_CODE_FIRST = re.compile(
    r"\b(?:start|begin|jump|dive|get)\w* (?:\w+ )?(?:typing|coding|writing (?:the )?code|into (?:the )?code)\b[^.;]{0,40}?"
    r"\b(?:right away|immediately|straight away|the moment|as soon as|first)\b"
    r"|\bexplain\w* (?:it |things |my code )?(?:only )?(?:after|later|once|when) (?:it|the code|I'm done|I am done)\b"
    r"|\b(?:talking|explaining|thinking out loud)\b[^.;]{0,30}\b(?:slows? (?:me )?down|waste\w* (?:of )?time|"
    r"distract\w*)\b"
    r"|\b(?:in|with) (?:silence|my headphones on)\b|\bwithout (?:saying|talking|explaining)\b"
    # not talking while coding ("I'd rather not talk while I type"), or showing only the finished code
    r"|(?:\bnot|n't|\bnever|\bno) (?:\w+ )?(?:talk|speak|explain|narrat|chat)\w*[^.;]{0,25}\b(?:while|as|when) (?:I |we )?"
    r"(?:type|code|write|program|am coding|am typing)\w*"
    r"|\bshow (?:you |them )?(?:the )?(?:finished|final|complete|working) (?:code|function|solution|program)\b"
    # explaining only once the code is written ("then I walk them through it at the end"), or coding head down
    r"|\b(?:walk|talk|take|explain)\w* (?:\w+ ){0,2}?(?:through )?(?:it|the code|my (?:code|solution)|the solution) "
    r"(?:only )?(?:at the end|afterwards|after(?:ward)?s?|once (?:it|the code) (?:works|runs|passes))\b"
    r"|\b(?:put|keep|get)\w* (?:my )?head down\b",
    re.I,
)
_EXPLAIN_FIRST = re.compile(
    r"\b(?:explain|say|describe|talk through|walk (?:them |the interviewer )?through|outline|state)\w* "
    r"[^.;]{0,40}\bbefore (?:I |we )?(?:writ|cod|typ|start)\w*"
    r"|\b(?:think|thinking|talk|talking) (?:out loud|aloud)\b|\bnarrat\w*\b",
    re.I,
)


def narrates(units: list[Unit]) -> tuple[str, Unit | None]:
    """("made", sentence) when the answer says it codes before or without explaining, ("avoided", sentence) when it
    says it explains first or thinks out loud, else ("unclear", None)."""
    # what each sentence affirms: "coding in silence is the worst thing you can do" judges the habit, it does not
    # say the speaker codes silently (coach.critique.negation)
    said = [own_part(u.text) for u in units]
    made = next((u for u, t in zip(units, said) if _CODE_FIRST.search(t)), None)
    if made is not None:
        return "made", made
    said = next((u for u, t in zip(units, said) if _EXPLAIN_FIRST.search(t)), None)
    return ("avoided", said) if said is not None else ("unclear", None)
