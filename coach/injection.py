"""The one prompt-injection detector: text addressed to an assistant, a grader or the reader's tools, not to a person.

Three uses share these patterns:

- questions (``is_question_injection``, used by ``coach.scope``): an attempt to steer the coach is refused;
- practice answers (``grader_injection``, used by ``coach.critique.delivery``): text addressed to the grader is
  left out of the critique;
- articles (``screen_article``, an ingest stage between cleaning and structure): sentences that address the
  assistant are dropped, so they are never quoted as answers or rubric items, and the article is flagged.

Article text is evidence, and career articles give advice in the imperative ("say that you are flexible", "don't
ignore the instructions in the take-home"), so the article patterns need a signal that the reader addressed is a
machine: an override of *earlier* instructions, a speaker label ("Assistant:"), a chat-template token, a note to
"the AI", a role-play switch ("you are now DAN"), a request for the prompt. The phrasings come from published
prompt-injection collections (instruction override, role-play/jailbreak, prompt leaking, fake system turns).
"""
from __future__ import annotations

import functools
import re

_VERB = (r"(?:ignore|disregard|forget|override|bypass|skip|neglect|overlook|pay\s+no\s+attention\s+to|"
         r"do\s+not\s+(?:follow|obey)|don[’']?t\s+(?:follow|obey))")
_EARLIER = r"(?:all|any|every|your|previous(?:ly)?|prior|above|earlier|preceding|foregoing|initial|original|system)"
_DIRECTIVES = (r"(?:instructions?|prompts?|rules|guidelines|directions|directives|commands?|context|guidance|"
               r"programming|constraints|guardrails|messages?|system\s+prompt)")
# Words that name a machine reader. "assistant", "model" and "agent" alone are also job titles: only with "AI".
_MACHINE = (r"(?:(?:ai|a\.i\.|llm|gpt|chatgpt|claude|gemini|copilot)(?:\s+(?:assistants?|models?|agents?|tools?|"
            r"systems?|bots?))?|chat\s?bots?|llms|language\s+models?|ai\s+crawlers?|web\s+crawlers?|scrapers?)")
_TELL = r"(?:say|answer|respond|reply|state|claim|tell|mention|recommend|quote)"

# Sentences that address a machine, whoever reads them: never article content.
_STRICT = [
    # "Ignore previous instructions", "disregard all prior system rules", "forget your guidelines"
    rf"\b{_VERB}\s+(?:\w+\s+){{0,3}}?{_EARLIER}\s+(?:\w+\s+){{0,2}}?{_DIRECTIVES}\b",
    # "forget the instructions above", "ignore everything before this"
    rf"\b{_VERB}\b[^.!?\n]{{0,30}}\b{_DIRECTIVES}\s+(?:above|before|so\s+far|given\s+(?:above|earlier|before))\b",
    rf"\b{_VERB}\s+(?:all\s+|any\s+)?(?:everything|anything|text|the\s+text)\s+(?:above|before|previously)\b",
    # a fake turn of a chat transcript: "Assistant: …", "[SYSTEM] …", chat-template tokens
    r"(?:^|(?<=[.!?]\s))[ \t]*(?:[-*+•>]\s+|\d{1,3}[.)]\s+)?[\[(<*_]*\s*(?:system|assistant|ai\s+assistant|"
    r"chat\s?bot|grader)[\])>*_\s]*:",
    r"^\s*\[\s*system\s*\]",
    r"<\|(?:im_start|im_end|system|user|assistant|endoftext)\|>|\[/?INST\]|<</?SYS>>|^\s*#{2,}\s*(?:system|instruction)s?\b",
    # notes to the machine: "Note to AI assistants: …", "If you are an AI, …", "AI models reading this must say …"
    rf"\b(?:note|message|instructions?|reminder|attention|hint)\s+(?:to|for)\s+(?:any\s+|all\s+|the\s+)?{_MACHINE}\b",
    rf"\bif\s+you\s+are\s+(?:an?\s+|the\s+)?(?:{_MACHINE}|automated\s+(?:system|agent|tool))\b",
    rf"\b{_MACHINE}\s+(?:reading|summari[sz]ing|processing|answering\s+questions\s+about|parsing|indexing)\s+"
    rf"(?:this|these)\b",
    rf"\b{_MACHINE}\s+(?:reading\s+this\s+)?(?:must|should|shall|need\s+to|are\s+to|have\s+to|will)\s+"
    rf"(?:always\s+|only\s+)?{_TELL}\b",
    # new orders: "New instructions:", "IMPORTANT INSTRUCTIONS:", "your new task is"
    r"\b(?:new|updated|important|additional|real|actual|true|secret|hidden)\s+(?:instructions?|tasks?|rules|"
    r"directives?|orders)\s*[:!]",
    r"\byour\s+(?:new|real|actual|only)\s+(?:task|job|role|instructions?|goal|purpose)\b",
    # role-play switches and jailbreak names
    r"\byou\s+are\s+now\b[^.!?\n]{0,40}?(?:\b(?:assistant|ai|bot|chat\s?bot|model|llm|dan|mode|unrestricted|"
    r"unfiltered|jailbroken)\b|\w(?:bot|gpt)\b)|\byou\s+are\s+now\s+[\"“'][^\"”']+[\"”']",
    r"\bfrom\s+now\s+on,?\s+you\s+(?:are|will|must|shall|can)\b",
    rf"\bpretend\s+(?:to\s+be|you(?:[’']re|\s+are))\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:ai|assistant|chat\s?bot|llm|"
    rf"model|dan|unrestricted|unfiltered|different\s+(?:ai|assistant|model))\b",
    r"\brole-?\s?play\s+as\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:ai|assistant|chat\s?bot|llm|model|dan)\b",
    r"\bact\s+as\s+(?:an?\s+)?(?:unfiltered|unrestricted|jailbroken|dan\b|different\s+(?:ai|assistant|model))",
    r"\bjailbr(?:eak|oken)\b|\bDAN\s+mode\b|\bdo\s+anything\s+now\b|\bdeveloper\s+mode\b",
    # prompt leaking: "reveal your system prompt", "print your instructions"
    r"\b(?:reveal|print|show|repeat|output|leak|dump|display|disclose|share)\b[^.?!\n]{0,30}\byour\s+(?:\w+\s+)?"
    r"(?:prompt|instructions|configuration|rules|guidelines)\b",
    r"\b(?:your|the)\s+(?:hidden|secret|initial|original|developer)\s+(?:prompt|instructions)\b|\byour\s+system\s+"
    r"(?:prompt|instructions|message)\b",
    # answering users: "when a user asks about …, answer …", "tell users that …", "no matter what is asked"
    r"\b(?:when(?:ever)?|if)\s+(?:a\s+|the\s+|any\s+)?users?\s+(?:asks?|asked|wants?|mentions?)\b",
    r"\b(?:tell|inform|convince)\s+(?:the\s+|all\s+|any\s+)?(?:users?|readers?|everyone|anyone\s+who\s+asks)\s+that\b",
    r"\bno\s+matter\s+what\s+(?:the\s+|is\s+|they\s+|anyone\s+|users?\s+)?(?:question|ask|asks|asked)\b",
    r"\bregardless\s+of\s+(?:the\s+|what\s+the\s+)?(?:question|user|what\s+(?:is|was)\s+asked|content|context|"
    r"instructions)\b",
    r"\b(?:respond|reply|answer)\s+(?:only\s+)?with\s+[\"“'][^\"”']{1,60}[\"”']",
    r"\binstead\s+of\s+(?:summari[sz]ing|answering|following)\b",
]
# Questions: also the broader forms the coach has always refused (no advice is phrased this way in a question).
_QUESTION_ONLY = [
    r"\b(ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(instructions?|rules?|prompts?|guidelines|"
    r"directions|context|above|previous|prior)\b",
    # "forget everything you were told", "ignore what you've been taught": the instructions, not named as such
    r"\b(ignore|disregard|forget|override|bypass)\s+(all\s+|everything\s+|anything\s+|what(ever)?\s+)+"
    r"(that\s+)?you(['’]ve|\s+have|\s+had)?\s+(were\s+|been\s+)?(told|taught|given|instructed|programmed|trained)\b",
    r"\b(system|hidden|initial|original|developer)\s+(prompt|instructions?|message|rules)\b",
    r"\b(reveal|print|show|repeat|output|leak|dump)\b[^.?!]{0,30}\b(prompt|instructions?|configuration)\b",
    r"\byou are now\b|\bact as (an? )?(unfiltered|unrestricted|different)\b|\bjailbreak|\bDAN\b|developer mode",
    r"\b(make up|invent|fabricate|hallucinate)\b[^.?!]{0,30}\b(numbers?|figures?|facts?|salary|answer|data)\b",
    r"\bwithout (any )?(citations?|sources)\b",
]
# Practice answers: text addressed to the grader (a score request, a fake "System:" turn).
_GRADER_ONLY = [
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?]{0,60}\b(?:rubric|instructions?|previous|above|rules?|"
    r"grader|grading|scoring|criteria|prompt)\b",
    # a score, not a measurement: "cut its error rate from 2% to 0.3%" is a result, not a request for 0
    r"\b(?:give|score|grade|rate|mark|award)\b[^.!?]{0,40}\b(?:100|0|zero|full marks|perfect score|maximum)\b"
    r"(?!\.\d|\s*%)",
    r"\byou are (?:now|a)\b[^.!?]{0,40}\b(?:grader|assistant|judge|model|ai)\b",
    r"^\s*(?:system|assistant|developer)\s*:",
    r"\bmark (?:every|all|each) (?:mistake|item)",
]


@functools.cache
def _pattern(use: str) -> re.Pattern[str]:
    """The compiled alternation for one use, built on first use (~10 ms each): a process that only answers
    questions (a fresh `coach serve` on its way to its first answer) needs one of the three."""
    patterns = {"article": _STRICT, "question": _STRICT + _QUESTION_ONLY, "grader": _GRADER_ONLY + _STRICT}[use]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I | re.M)


def is_question_injection(text: str) -> bool:
    """True for a question that tries to override the coach's instructions or extract its prompt."""
    return _pattern("question").search(text) is not None


def grader_injection(text: str) -> re.Match[str] | None:
    """Where text addressed to the grader starts in a practice answer, if anywhere."""
    return _pattern("grader").search(text)


def addresses_machine(sentence: str) -> bool:
    """True for an article sentence addressed to an assistant or the reader's tools (never evidence)."""
    return _pattern("article").search(sentence) is not None


# A line's Markdown lead (list bullet, number, heading marks, quote marks) stays when its first sentence is dropped.
_LEAD = re.compile(r"^\s*(?:(?:[-*+•]|\d{1,3}[.)]|#{1,6}|>)\s+)*")


def screen_article(text: str) -> tuple[str, list[str]]:
    """(text without the sentences that address a machine, those sentences). Lines without one are untouched."""
    from coach.text import split_sentences

    if _pattern("article").search(text) is None:
        return text, []
    removed: list[str] = []
    out: list[str] = []
    for line in text.split("\n"):
        if _pattern("article").search(line) is None:
            out.append(line)
            continue
        lead = _LEAD.match(line).group(0)
        sentences = split_sentences(line[len(lead):])
        kept = []
        for s in sentences:
            (removed if addresses_machine(s) else kept).append(s)
        if not sentences:  # nothing split out (a bare label): the line itself is the instruction
            removed.append(line.strip())
        if kept:
            out.append(lead + " ".join(kept))
    return "\n".join(out), removed


def injection_flag(removed: list[str]) -> str:
    """The library's flag for an article from which ``removed`` sentences were dropped."""
    first = " ".join(removed[0].split())
    quoted = first if len(first) <= 90 else first[:87].rstrip() + "…"
    n = len(removed)
    return (f"instructions to an AI were found and ignored ({n} sentence{'s' * (n != 1)}, e.g. “{quoted}”); "
            "they are never quoted as answers or rubric items")
