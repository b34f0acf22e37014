"""The STAR parts of a behavioural answer (Situation, Task, Action, Result), read from how the story is told rather
than from words naming the parts: a story is told in the past tense, in order, so

- a clause before the candidate's first deed that tells what was going on (someone or something else did or was
  something, or "I was the on-call engineer") is the Situation;
- a goal or obligation ("I had to …", "we needed to …", "my job was …", "I was asked to …") is the Task;
- a past-tense deed with "I" as its subject ("I rolled back the deploy") is an Action;
- a clause after the first deed that tells what then happened with another subject ("He agreed", "errors dropped to
  zero"), a sentence marked as a consequence ("in the end", "after that"), or what the candidate learned, is the
  Result.

A hypothetical answer ("I would first …") tells no story and has none of them. Past tense comes from ``lemminflect``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from lemminflect import getAllLemmas, getInflection

PARTS = ("Situation", "Task", "Action", "Result")

_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
# A main clause starts a sentence, follows a comma, semicolon or colon, or follows "and/so/but/then" when a subject
# pronoun comes next ("… and we shipped it"); "I realised the jobs had …" keeps its reported clause inside.
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|so|but|then)\b(?=\s+(?:i|we|he|she|they|it|everyone|nobody)\b)", re.I)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z']*")
# Words that open a clause without being its subject: discourse markers and hesitations.
_OPENERS = frozenset("so and but then um uh er like yeah yes well also basically honestly actually okay ok sure "
                     "anyway now first second next finally eventually afterwards later once".split())
# Verbs of state, thought and wish: "I was", "I realised", "I wanted" tell no deed.
_NOT_DEEDS = frozenset("be have feel think know realise realize notice see want need like love hope guess believe "
                       "seem mean wonder remember understand".split())
_TEAM = frozenset(("we", "everyone", "everybody", "the team", "our team", "my team"))
_AUXILIARIES = frozenset("is are am be been being has have get gets got".split())
_MODALS = frozenset("would will can could should might may must 'd 'll".split())
# A goal or obligation, or a problem the speaker says was theirs to solve ("the migration was mine", "it fell to me
# to …", "the ask from my manager was …", "someone had to … and I volunteered").
_TASK = re.compile(r"\b(?:i|we)\s+(?:really\s+|also\s+)?(?:had\s+to|needed|wanted|(?:was|were)\s+(?:asked|tasked|"
                   r"supposed|expected|responsible|in charge|assigned|given|handed)|owned|volunteered|took (?:it )?on|"
                   r"took ownership)\b|\b(?:my|our|the)\s+(?:[\w']+\s+)?(?:job|goal|task|aim|responsibility|mission|"
                   r"brief|ask|part|piece|role|remit|assignment|objective)(?:\s+(?:from|for|of|on|in)(?:\s+[\w']+){1,3}?)?"
                   r"\s+(?:was|as)\b|\bit was (?:mine|my job|on me|up to me) to\b|\b(?:was|were) (?:all )?mine\b|"
                   r"\b(?:fell|landed|was left) (?:to|on) (?:me|us)\b|\bup to me\b|\bmine to (?:own|fix|solve|sort)\b|"
                   r"\b(?:someone|somebody) (?:had|needed) to\b|\btask\b", re.I)
# What the story came to: a consequence ("in the end", "after that") or a lesson ("I learned", "taught me").
_OUTCOME = re.compile(r"\b(?:in the end|(?:and|so) now|as a result|after that|eventually|ended up|by the end|"
                      r"since then|from then on|result(?:ed|s)?|outcome|which (?:meant|led|saved|cut|made)|led to|"
                      r"i (?:learned|learnt|took away|realised since|now (?:always|never))|taught me|"
                      r"what i took from|lesson)\b|\b(?:ever )?since[.!]*$", re.I)
_SETTING = re.compile(r"\b(?:at|in) (?:my|a|an|our) (?:[\w-]+ )?(?:job|role|company|team|internship|startup|agency|"
                      r"position)\b|\blast (?:year|month|quarter|spring|summer|autumn|fall|winter)\b|"
                      r"\bin my (?:first|second|third|last|final|\w+th) (?:year|month|week|job|role)\b|"
                      r"\bduring my\b|\bwhen i was\b|\bsituation\b", re.I)


@lru_cache(maxsize=4096)
def _past(word: str) -> bool:
    """``word`` is the past tense of a verb ("crashed", "went", "set")."""
    low = word.lower()
    return any(low in getInflection(lemma, "VBD") for lemma in getAllLemmas(low).get("VERB", ()))


def _lemma(word: str) -> str:
    lemmas = getAllLemmas(word.lower()).get("VERB", ())
    return lemmas[0] if lemmas else word.lower()


def _clauses(sentence: str) -> list[list[str]]:
    out, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        out.append(_TOKEN.findall(sentence[start:m.start()]))
        start = m.end()
    out.append(_TOKEN.findall(sentence[start:]))
    return [c for c in out if c]


def _read(clause: list[str]) -> tuple[str, str | None]:
    """(subject, verb) of a clause: the words before its first past-tense verb or modal, and that verb ("" when the
    clause has none within its first words)."""
    words = list(clause)
    while words and words[0].lower() in _OPENERS:
        words = words[1:]
    for i, w in enumerate(words[:12]):  # room for a fronted phrase ("By the next review two staff engineers were")
        low = w.lower()
        if low in _MODALS or low.endswith("'d") or low.endswith("'ll"):
            return " ".join(words[:i]).lower(), "would"
        if i and _past(w) and words[i - 1].lower() not in _AUXILIARIES:  # "everyone is heard": no past tense
            return " ".join(words[:i]).lower(), _lemma(w)
    return "", None


def _told(sentence: str) -> Iterator[tuple[list[str], str, str]]:
    """(clause, subject, verb) of each clause of ``sentence`` that tells something: it has a verb other than
    "would" and supposes nothing ("if I had a conflict")."""
    for clause in _clauses(sentence):
        subject, verb = _read(clause)
        if verb is not None and verb != "would" and "if" not in subject.split():
            yield clause, subject, verb


def _mine(subject: str) -> bool:
    """The subject is the speaker: "I", also "halfway through I"."""
    return subject.split()[-1:] == ["i"]


def _own_deed(subject: str, verb: str) -> bool:
    """A told clause is a deed of the speaker's: "I" did something that is no state, thought or wish."""
    return _mine(subject) and verb not in _NOT_DEEDS


def tells_own_deed(sentence: str) -> bool:
    """The sentence tells something the speaker did ("I rolled back the deploy"): an Action of a story."""
    return any(_own_deed(subject, verb) for _, subject, verb in _told(sentence))


def star_parts(text: str) -> dict[str, bool]:
    """Which STAR parts the story in ``text`` tells (see the module docstring)."""
    found = dict.fromkeys(PARTS, False)
    acted = told = False  # a deed of the candidate's / any past-tense clause has come before
    team = False  # a deed of the team's ("we cut scope", "everyone jumped on a call") has come before
    for sentence in _SENTENCE.findall(text):
        sentence = sentence.strip()
        if not sentence:
            continue
        if _TASK.search(sentence) and not re.search(r"\bif\b", sentence, re.I):
            found["Task"] = True
        if _SETTING.search(sentence) and not acted:
            found["Situation"] = True
        if told and _OUTCOME.search(sentence):
            found["Result"] = True
        for clause, subject, verb in _told(sentence):
            if _own_deed(subject, verb):
                if not acted and subject != "i":
                    found["Situation"] = True  # "At a university hackathon I teamed up …": the scene, fronted
                found["Action"] = acted = True
            elif team and not acted and subject and (verb not in _NOT_DEEDS or subject not in _TEAM):
                found["Result"] = True  # a team's story: what happened after the team acted is where it came to
            elif not acted and not _TASK.search(" ".join(clause)):
                found["Situation"] = True
            elif subject and not _mine(subject):
                found["Result"] = True
            team = team or (subject in _TEAM and verb not in _NOT_DEEDS)
            told = True
    return found


def warm_up() -> None:
    """Load lemminflect's tables (~0.25 s on first use) before the first story is read."""
    _past("went")
