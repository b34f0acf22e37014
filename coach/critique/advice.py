"""What the critique says: per-item advice grounded in the item's fix, the improvements and strengths lists, the
general advice when no rubric item speaks to the answer, and the one-line summary."""
from __future__ import annotations

import re

from coach.critique.answer import _Answer
from coach.critique.delivery import SPOKEN, DeliveryStats, SpokenLength, question_type
from coach.critique.items import _ItemModel
from coach.critique.judges import _Judgement, _blaming
from coach.critique.scoring import RubricCounts, avoided_phrase
from coach.critique.shapes import content_stems
from coach.models import ItemFeedback, RubricItem


# -- advice ------------------------------------------------------------------------------------------------------------
def _advice(item: RubricItem, m: _ItemModel, j: _Judgement, role: str) -> str:
    """Advice grounded in the item's fix (or, without one, its mistake and context), tied to the quoted evidence,
    with what the answer covers and misses of what the item calls for."""
    text = _advice_text(item, m, j, role)
    missing = _beyond_fix(j.missing, _fix_text(item, m))
    if j.verdict in ("made", "avoided") and (j.covers or missing):
        cover = []
        if j.covers:
            cover.append("covers: " + ", ".join(j.covers))
        if missing:
            cover.append("missing: " + ", ".join(missing[:6]))
        text += " (" + "; ".join(cover) + ")"
    if j.delivery and j.verdict in ("made", "avoided"):
        text = "Delivery note (this item is about how the answer is delivered): " + text
    return text


_TELLS_NOT_TO = re.compile(r"(?:avoid|don['’]t|do not|never|stop)\b", re.I)


def _shown_fix(item: RubricItem, m: _ItemModel) -> str:
    """What to do, in the article's words: the item's fix; without one, what the article asks for in its place
    (``RubricItem.instead``: the list item it is nested under, an advice sentence of its explanation) or the
    practice its heading states ("Don't use Photoshop …" under "Only use Microsoft Word or Google Docs …"); "" when
    the article says none (advice that restated the mistake, "Instead: Don't …", said it twice and what to do
    never)."""
    fix = item.fix.strip() or item.instead.strip()
    return fix or (m.heading.text.rstrip(".") if m.heading is not None else "")


def _listed_instead(item: RubricItem) -> bool:
    """What to do comes from the list item the mistake is nested under ("Email address" over "Never include your
    work email here"): a thing to give, not a sentence the article says."""
    return not item.fix.strip() and bool(item.instead) and " ".join(item.instead.split()) not in " ".join(
        item.context.split())


def _fix_text(item: RubricItem, m: _ItemModel) -> str:
    """The fix shown (``_shown_fix``); "Don't …" items often come without any, and then the advice is not to do it."""
    fix = _shown_fix(item, m)
    if not fix:
        mistake = item.mistake.strip().rstrip(".")
        # "Avoid cliches …" already says what to do; "Avoid: Avoid cliches …" repeated it
        fix = f"Don't {m.shape.target}" if m.shape.kind == "dont" else (
            mistake if _TELLS_NOT_TO.match(mistake) else f"Avoid: {mistake}")
        fix += "."
    return fix


def _advice_text(item: RubricItem, m: _ItemModel, j: _Judgement, role: str) -> str:
    fix = _fix_text(item, m)
    ev = f'"{_q(j.evidence.text).rstrip(".")}"' if j.evidence else ""
    if j.verdict == "not_applicable":
        article = "an" if role[:1] in "AEIOU" else "a"
        return f"Scoped to {', '.join(item.roles)} interviews; not used for {article} {role} answer."
    if j.verdict == "avoided" and j.delivery and j.seen:
        return f"{j.seen}, in line with the fix: \"{fix}\" Keep it."
    if j.verdict == "avoided":
        return (f"{ev} is in line with the fix: \"{fix}\" Keep it." if ev
                else f"The answer does not show this mistake. The fix to keep showing: \"{fix}\"")
    if j.verdict == "unclear":
        return f"The answer does not show either way whether this mistake was made. To show the fix: \"{fix}\""
    kind = m.shape.kind
    seen = j.seen or "This is the mistake"
    # Every shell shows the evidence next to the advice: the advice points at it rather than quoting it again (the
    # same sentence was printed two or three times, once as evidence and again inside the advice).
    at = "the sentence quoted" if ev else ""
    todo = {
        "overemphasis": f"keep {m.shape.target} to a sentence and spend the rest of the answer on the fix",
        "omission": f"add a sentence on it, for example after {at}" if at else "add a sentence on it",
        "numbers": f"put a concrete figure into {at}" if at else "add concrete figures",
        "without": f"add {m.shape.other} after {at}" if at else f"add {m.shape.other}",
        "order": f"open with {m.shape.other} and only then move to {m.shape.target}",
        "narration": "say the approach before the code and explain each step as you write it",
        "structure": "give the headline first, then number the points and drop the filler words",
        "ownership": "say what you did about it and what you changed afterwards",
        "dont": f"drop or rephrase {at}" if at else "leave it out",
        "quality": f"rewrite {at} with your own specifics" if at else "rewrite it with your own specifics",
    }.get(kind, "say it the way the fix does")
    said = "give what the article lists in its place:" if _listed_instead(item) else "as the article says:"
    return f"{seen}. Instead, {said} \"{fix}\" — {todo}."


def _q(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _general_advice(question: str, a: _Answer, parts: dict[str, bool] | None,
                    length: SpokenLength = SPOKEN) -> list[str]:
    """What a coach says when no rubric item speaks to the answer: structure, length, specifics."""
    if a.stats.words == 0:
        return []
    out = []
    kind = question_type(question)
    if parts is not None:
        missing = [p for p, ok in parts.items() if not ok]
        if kind == "behavioural":
            if missing and a.stats.star is None:  # else the STAR note is already there
                out.append("Tell it as a STAR story (Situation, Task, Action, Result); missing: " + ", ".join(missing)
                           + ".")
        elif missing:
            out.append("Structure a " + kind + " answer as clarify → approach → trade-offs, then how you would "
                       "check it; missing: " + ", ".join(missing) + ".")
    elif not a.stats.structured:
        out.append("Give the headline first, then two or three supporting points.")
    if a.stats.words < length.low * 0.4:
        out.append(f"At {a.stats.words} word{'s' if a.stats.words != 1 else ''} the answer is thin; a spoken answer to "
                   f"this question usually runs "
                   f"{length.typical}.")
    elif a.stats.words > length.long:
        out.append(f"At {a.stats.words} words the answer is long; lead with the point and cut detail.")
    if not a.stats.numbers:
        out.append("Add specifics: a number (scale, impact, time) and the concrete tools or steps you used.")
    if a.handoff.any():
        out.append("Answer the part you handed off: say how you would approach it even if another team owns it.")
    blamed = _blaming(a)
    if blamed:
        out.append(f'Own your part instead of placing it with others (e.g. "{_q(blamed[0].text, 100)}"): say what '
                   "you did about it and what you changed afterwards.")
    return out


def _strengths_improvements(judged, stats: DeliveryStats) -> tuple[list[str], list[str]]:
    strengths, improvements = [], []
    for item, m, j in judged:
        if j.verdict == "avoided":
            where = f' ("{_q(j.evidence.text, 100)}")' if j.evidence else ""
            strengths.append(f"Avoids \"{item.mistake.strip().rstrip('.')}\"{where}.")
        elif j.verdict == "made":
            improvements.append(_improvement(item, m, j))
    if stats.words and not stats.says_nothing:
        if stats.structured:
            strengths.append("The answer is organised with signposting (" + ", ".join(dict.fromkeys(stats.signposts))
                             + ").")
        if stats.numbers:
            strengths.append("The answer uses concrete numbers.")
        if stats.filler_heavy:
            improvements.append(f"Cut the filler words ({stats.filler_total} in {stats.words} words).")
        if stats.star is not None:
            missing = [p for p, ok in stats.star.items() if not ok]
            if missing:
                improvements.append("For a behavioural question, cover every STAR part; missing: "
                                    + ", ".join(missing) + ".")
    else:
        improvements.append("Write an answer to the question, then ask for feedback again.")
    return strengths, improvements


# Kinds whose evidence is the sentence that makes the mistake; for the others (an omission, no numbers) it is only
# where the missing part would go.
_QUOTES_MISTAKE = frozenset({"overemphasis", "order", "narration", "structure", "ownership", "dont", "quality",
                             "fallback", "band"})


def _improvement(item: RubricItem, m: _ItemModel, j: _Judgement) -> str:
    """A mistake made, as a coach says it: the mistake by name, what in the answer shows it (quoted), and what to
    do instead, each once ("Don't X — instead of: Do not X" said the mistake twice and what to do never)."""
    mistake = item.mistake.strip().rstrip(".")
    quote = f'"{_q(j.evidence.text, 100).rstrip(".")}"' if j.evidence else ""
    seen = (j.seen or "the answer shows it").rstrip(".")
    if quote and seen.startswith("This sentence "):
        seen = f"{quote} {seen[len('This sentence '):]}"
    elif quote and m.shape.kind in _QUOTES_MISTAKE:
        seen = f"{_lower_first(seen)}: {quote}"
    else:
        seen = _lower_first(seen)
    fix = _fix_text(item, m).rstrip(".")
    if not _shown_fix(item, m) and m.shape.kind == "dont":
        fix = "leave it out, or say what you did in its place"  # the fix would only restate the mistake
    where = "" if not quote or m.shape.kind in _QUOTES_MISTAKE else (
        f", for example in {quote}" if m.shape.kind == "numbers" else f", for example after {quote}")
    shown = _beyond_fix(j.missing, fix)
    missing = f" (missing: {', '.join(shown[:4])})" if shown else ""
    # A fix that says "instead" itself ("reduce margins instead and …") would read "Instead: … instead".
    lead = "What to do" if re.search(r"\binstead\b", fix, re.I) else "Instead"
    fix = f'give what the article lists in its place, "{fix}"' if _listed_instead(item) else _lower_first(fix)
    return f"{mistake}: {seen}{missing}. {lead}: {fix}{where}."


def _beyond_fix(missing: list[str], fix: str) -> list[str]:
    """The missing concepts the advice's own fix does not already say: a concept that is the fix in other words
    ("candidates are generally expected to ask questions", quoted as what to do) is not listed again as missing."""
    said = content_stems(fix)
    return [c for c in missing if not content_stems(c) <= said]


def _lower_first(text: str) -> str:
    """Sentence-initial capital dropped mid-sentence ("Focusing on …" → "focusing on …"); "SQL", "I" keep theirs."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _summary(results: list[ItemFeedback], stats: DeliveryStats, basis: str, counts: RubricCounts) -> str:
    """One line on what the score rests on; the score itself is shown once, by the shell, next to it."""
    if stats.words == 0 and stats.injection:
        return ("The answer contains only text addressed to the grader, which is not assessed; answer the question "
                "and try again.")
    if stats.words == 0:
        return "No answer was given; write an answer and try again."
    if stats.says_nothing:
        return f"The answer says nothing on the question yet ({stats.nothing_said()}); write an answer and try again."
    made = [r for r in results if r.verdict == "made"]
    if basis == "delivery-only":
        # what the shells list: the summary names the same items, so it never says none applies above a list of them
        shown = [r for r in results if r.applies and r.verdict != "not_applicable"]
        delivery = [r for r in shown if r.delivery]
        n, d = sum(r.verdict == "unclear" for r in shown), sum(r.verdict == "unclear" for r in delivery)
        if len(delivery) < len(shown):  # items about the content apply, and none is judged either way
            why = (f"the answer does not show whether it makes the {n} rubric mistake{'s' if n != 1 else ''} "
                   f"that appl{'y' if n != 1 else 'ies'} to this question (listed as unclear)")
        elif delivery:
            why = "no rubric item in the library applies to this question's content"
            if not d:
                why += f" (only {'one' if len(delivery) == 1 else len(delivery)} about delivery)"
            else:
                which = f"the {'one' if d == 1 else d}" if d == len(delivery) else f"{d} of the {len(delivery)}"
                why += f"; {which} about delivery cannot be judged from this answer (listed as unclear)"
        else:
            why = "no rubric item in the library applies to this question"
        text = (f"Delivery-only score: {why}, so it is scored on relevance, structure, specifics and "
                "delivery")
        if made:
            text += f"; delivery mistake: {made[0].mistake.strip().rstrip('.')}"
        return text + "."
    text = f"{avoided_phrase(counts.avoided, counts.untouched)}, {counts.made + counts.delivery_made} made"
    if made:
        text += f" (first to fix: {made[0].mistake.strip().rstrip('.')})"
    return text + "."
