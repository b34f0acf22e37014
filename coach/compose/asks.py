"""Answers to particular asks: an acronym's expansion, a defined term, how to answer a listed interview
prompt, the fix for the previous answer's mistake, an exercise's solution; whether a passage only names the asked thing.
"""
from __future__ import annotations

import re
from typing import Sequence

from coach.models import Source
from coach.compose.records import Cand, Composed, Hit
from coach.compose.words import _FILLER, _GENERIC, _SMALL_WORDS, _keys4, _stems
from coach.text import split_sentences
from coach.compose.cues import _ASKED_OF, _FIX, _NEGATIVE, _PROMPT, _TO_ASK, directs
from coach.compose.render import _render
from coach.english import gradable

_CODE = re.compile(r"^\s*```")


def _held(words: set[str], within: set[str]) -> bool:
    """Every word of ``words`` is in ``within``, or one of four letters or more begins the other ("prep" and
    "prepar"; not "interview" and "internal")."""
    return all(w in within or any(min(len(v), len(w)) >= 4 and (v.startswith(w) or w.startswith(v)) for v in within)
               for w in words)


_PARTITIVE = frozenset("part parts bit bits piece pieces section sections portion".split())  # a closed class


def _head_kept(head: str, classifiers: bool) -> list[str]:
    """The words of a noun phrase's ``head`` that tell which thing it is (see ``thing_words``)."""
    from lemminflect import getAllLemmas

    words = head.split()
    if words and words[-1].lower() in _PARTITIVE:
        words.pop()  # "the summary bit": the summary; "the part where ...": nothing named
    if not classifiers:
        return [w for w in words[:-1] if "ADJ" not in getAllLemmas(w.lower())] + words[-1:]
    # only the degree words that open the phrase say how good it is: after another word, one is part of a compound
    # modifier ("a year long gap")
    lead = 0
    while lead < len(words) - 1 and not words[lead][:1].isupper() and (
            gradable(words[lead]) or set(getAllLemmas(words[lead].lower())) == {"ADV"}):  # "really good"
        lead += 1
    return words[lead:]


_OF = re.compile(r"\s+(?:of|for|on|at|in)\s+")


def thing_words(thing: str, classifiers: bool = False) -> set[str]:
    """The words a passage must say to name ``thing`` (``plan.asked_thing``): all but a modifier that English also
    reads as an adjective ("good", "catchy", "mock": the kind of thing, not which) before the phrase's head; with
    ``classifiers``, only an adjective of degree ("good", "catchy") is dropped, and one that says which kind ("mock
    negotiation", "personal website") or a name ("Medium profile") is kept."""
    head, *named = _OF.split(thing, maxsplit=1)
    kept = _head_kept(head, classifiers)
    return set(_stems(" ".join(kept + named))) - _GENERIC - _FILLER if kept else set()


def without_kind(thing: str) -> str:
    """``thing`` without the kind it is of or for ("a design | for a URL shortener")."""
    return re.split(r"\s+(?:for|of)\s+an?\s+", thing, maxsplit=1)[0]


def said_thing(thing: str) -> str:
    """``thing`` as a reply names it: without a modifier ``thing_words`` drops ("good cover letter" → "cover
    letter") or a number of the question (every number of an answer is in its sources)."""
    m = _OF.search(thing)
    head, rest = (thing[:m.start()], thing[m.start():]) if m else (thing, "")
    said = " ".join(_head_kept(head, True)) + rest
    return " ".join(w for w in said.split() if not re.search(r"\d", w))


def _readings(thing: str) -> list[set[str]]:
    """The ways a passage may name ``thing``: with or without a kind it is of or for ("a design | for a URL
    shortener": the library may name the shortener, or only designs), its classifying modifiers kept or not."""
    readings = [w for t in (thing, without_kind(thing)) for w in (thing_words(t, True), thing_words(t)) if w]
    return [w for i, w in enumerate(readings) if w not in readings[:i]]


# A mention that leads its sentence names what the sentence is about (its subject, a label); a sentence this many
# words longer than the mention says something of it, where a bare item ("GitHub profile URL") only names it.
LEADS_WITHIN = 3
SAYS_MORE = 5


# A statement ends as a sentence does, or a label opens it ("Tide caches: keep ..."); a list item without either
# ("Mock negotiation services to help you practice") names what it lists.
_STATEMENT = re.compile(r"[.!?][\"')\]]*\s*$|^[^:—–]{1,60}(?::|—|–|\s-\s)")


def _leads(words: set[str], sentence: str) -> bool:
    """``sentence`` is about the thing ``words`` name: they open it, it says more than the name, and it is a
    statement or a labelled item about it."""
    tokens = re.findall(r"[\w.'-]+", sentence)
    return len(tokens) >= len(words) + SAYS_MORE and bool(_STATEMENT.search(sentence.strip())) and _held(
        words, _stems(" ".join(tokens[:len(words) + LEADS_WITHIN])))


def _said_as(words: set[str], sentence: str) -> str | None:
    """How ``sentence`` names the thing ``words`` name: its shortest run of words that says them all ("Mock
    negotiation", "Design a URL shortener"), or None when they lie apart (or only its passage says some)."""
    tokens = re.findall(r"[\w.'+/-]+", sentence)
    runs = [tokens[i:j] for i in range(len(tokens)) for j in range(i + 1, min(len(tokens), i + len(words) + 2) + 1)
            if _held(words, _stems(" ".join(tokens[i:j])))]
    return " ".join(min(runs, key=len)) if runs else None


def named_in_passing(thing: str, sentences: list[str], sources: list[Source], above: str = "") -> str | None:
    """How the answer names the asked ``thing`` when it only names it (the library's words for it), else None: its
    quoted sentences name it, but none is about it (none opens with it), no quoted passage names it twice and no
    heading over them names it. One naming in a passage is a list member ("Topics include ..., message queues,
    ..."), an example ("(e.g. REST)") or what other advice is for ("useful for the Team Matching phase"); a passage
    that explains a thing keeps naming it, or is headed by it (``above``: the headings the cited sections sit under).
    Each way of naming it is tried (``_readings``): "mock negotiation" is named in passing where negotiation is
    explained."""
    said = _stems(" ".join(f"{src.title} {src.section or ''} {src.text}" for src in sources))
    head = _stems(" ".join(_head_kept(_OF.split(thing, maxsplit=1)[0], False)[-1:]))  # its head noun
    headings = [_stems(above), *(_stems(f"{src.title} {src.section or ''}") for src in sources)]
    quoted = [(s, _stems(s)) for s in sentences]
    passages = [[_stems(s) for s in split_sentences(src.text)] for src in sources]
    for words in _readings(thing):
        if any(_held(words, h) for h in headings):
            continue
        # (a sentence names it by its head when its passages say the rest: "customized scripts" in a passage on
        # salary negotiation names a salary negotiation script)
        naming = [s for s, st in quoted if _held(words, st) or head and _held(head, st) and _held(words, st | said)]
        if not naming or any(_leads(words, s) for s in naming):
            continue
        if all(sum(_held(words, st) for st in passage) < 2 for passage in passages):
            return _said_as(words, naming[0]) or said_thing(thing)
    return None


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


# "How do I answer tell me about yourself?", "a good answer to why do you want to work here": the prompt follows a verb
# or noun of answering, with or without quotes.
_ANSWERING = re.compile(r"\b(?:answer(?:s|ing)?|respon(?:d|se|ses|ding)|repl(?:y|ies|ying)|handl(?:e|ing)|"
                        r"tackl(?:e|ing)|approach(?:ing)?)\s+(?:(?:to|for)\s+)?(?:the\s+|a\s+|that\s+)?"
                        r"(?:question\s+|one\s+)?", re.I)
# An interviewer's question in their own words: it opens as a question or a request to tell and addresses "you"
# ("what frustrates you", "describe Palantir to your grandmother"); "approach system design when you ..." does not.
_ADDRESSED = re.compile(r"^\W*(?:why|what(?:'s)?|where|how|when|which|who|if|do|did|does|are|have|has|would|will|is|"
                        r"can|could|tell|describe|explain|teach|share|talk|walk|take|give|name)\b[^?]*?"
                        r"\b(?:you|your|yours|yourself)\b", re.I)


def _asked_prompt(question: str) -> str | None:
    """The interview prompt a question asks how to answer: a quoted one, or ``framed_prompt``."""
    quoted = _QUOTED.search(question)
    return quoted.group(1) if quoted else framed_prompt(question)


def framed_prompt(question: str) -> str | None:
    """The interviewer's question right after a word of answering ("how do I answer what frustrates you?" → "what
    frustrates you"), to the end of its clause; None when none follows."""
    for m in _ANSWERING.finditer(question):
        rest = question[m.end():]
        if _PROMPT.match(rest) or _ADDRESSED.match(rest):
            return _CIRCUMSTANCE.sub("", re.split(r"[?!]", rest, maxsplit=1)[0]).strip(" .")
    return None


# Where or how the asker meets the prompt is not part of it: "tell me about yourself | in a coding interview", "did you
# find any bugs in Slack | without sounding rude".
_CIRCUMSTANCE = re.compile(r"\s+(?:(?:in|at|during|for|on)\s+(?:a|an|the|my)|without)\s.*$", re.I)


def _only_lists_prompt(prompt: str, scored: list, hits: Sequence[Hit]) -> tuple | None:
    """"How do I answer 'tell me about a time you failed'?": when the library lists this prompt among the questions
    put to candidates but gives no advice on it, the listed prompt, to quote as what the library does say; None when
    advice leads or accompanies it.

    The prompt is listed when a prompt holds at least half of its words (two at least) and is the best evidence or
    sits under a heading of questions asked of candidates. Advice on it is a sentence of that prompt's section, or
    of the best evidence, that directs the reader and holds half of the prompt's words too ("try to demonstrate the
    deep connection you have with the product" for "why do you like Airbnb?")."""
    asked = _keys4(prompt) - _PROMPT_WORDS or _keys4(prompt)  # "tell me about yourself" is all prompt words
    whole = _keys4(prompt)

    def under_asked(t: tuple) -> bool:
        headings = (hits[t[1].hi].chunk.title or "", hits[t[1].hi].chunk.section or "")  # each read on its own
        return any(_ASKED_OF.search(h) for h in headings) and not any(_TO_ASK.search(h) for h in headings)

    def prompted(t: tuple) -> bool:
        return bool(t[1].question or _PROMPT.match(t[1].text))

    def listed(t: tuple) -> bool:
        """A prompt, or an item of a list of questions asked of candidates that addresses them ("Describe Palantir to
        your grandmother."); not a pointer to a page."""
        return not t[1].pointer and (prompted(t) or t[1].itemlike and under_asked(t) and bool(
            _ADDRESSED.match(t[1].text)))

    def section(t: tuple) -> tuple:
        return hits[t[1].hi].chunk.doc_id, hits[t[1].hi].chunk.section

    def holds_half(t: tuple) -> bool:
        return 2 * len(asked & _keys4(t[1].text)) >= len(asked)

    # (a listed prompt shares two of its words when it has two: "any" alone is no match for "any bugs in Slack")
    prompts = [t for t in scored if listed(t) and holds_half(t) and len(asked & _keys4(t[1].text)) >= min(2, len(asked))
               and (t is scored[0] or under_asked(t))]
    if not prompts:
        return None  # the library does not list this prompt: answer normally
    best = max(prompts, key=lambda t: (len(asked & _keys4(t[1].text)), len(whole & _keys4(t[1].text)), t[0]))
    where = {section(best), section(scored[0])}
    if any(section(t) in where and not prompted(t) and directs(t[1].text) and holds_half(t) for t in scored):
        return None
    return best


_QUOTED = re.compile(r"(?:^|\s)['‘“\"]([^'’”\"]{8,}?)['’”\"](?=[\s?.!,]|$)")
_PROMPT_WORDS = _keys4("tell me about time times you your you're you've you'd you'll describe give example situation "
                       "when")


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
