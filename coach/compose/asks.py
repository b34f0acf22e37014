"""Answers to particular asks: an acronym's expansion, a defined term, how to answer a listed interview
prompt, the fix for the previous answer's mistake, an exercise's solution.
"""
from __future__ import annotations

import re
from typing import Sequence

from coach.compose.records import Cand, Composed, Hit
from coach.compose.words import _SMALL_WORDS, _keys4, _stems
from coach.compose.cues import _FIX, _NEGATIVE, _PROMPT
from coach.compose.render import _render

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


_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,5})s?\b")


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


def writes_acronym(acronym: str, text: str) -> bool:
    """``text`` names ``acronym``: in capitals, as an acronym is written ("ATS", "ATSs"; not "stars" for "STAR"),
    spelled out before it in brackets, or spelled out alone in capitalised words ("Human Resources" for "HR",
    "Situation, Task, Action, Result" for "STAR")."""
    if re.search(rf"(?<![\w-]){re.escape(acronym)}s?(?![\w-])", text) or expansion_in(acronym, text):
        return True
    return acronym.isalpha() and bool(re.search(
        r"\b" + r",?\s+(?:(?:and|of|the|for|to|&)\s+)?".join(f"{letter}[a-z'-]+" for letter in acronym) + r"\b", text))


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


def _defined_term(question: str) -> str | None:
    m = re.search(r"\bwhat(?:'s| is| are| does)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:mean|stand for))?\s*\??\s*$",
                  question.strip(), re.I)
    if not m:
        return None
    term = re.sub(r"\s+(?:in|when|for|and why)\b.*$", "", m.group(1).strip().lower())
    return term or None


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


_QUOTED = re.compile(r"(?:^|\s)['‘“\"]([^'’”\"]{8,}?)['’”\"](?=[\s?.!,]|$)")
_PROMPT_WORDS = _keys4("tell me about time times you your describe give example situation when")


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
