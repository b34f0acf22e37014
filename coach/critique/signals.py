"""Signals measured on the answer itself: how specific it is, whether it repeats itself, spelling slips, clichés.

Abstract pitfalls ("The Generic Trap", "Repetition", "Sloppiness", "Over-verbosity", "Avoid cliches") name a
property of the text rather than a topic, so no similarity to the item's words can find them. Each is measured:

- **specifics**: numbers, names (capitalised words inside a sentence), uncommon words (English word frequency from
  pyspellchecker's dictionary) and technical tokens; a sentence with none of them is generic.
- **repetition**: sentences whose content words mostly occur earlier in the answer.
- **spelling**: lower-case words missing from the dictionary with a common word one edit away ("intrested"), a
  lower-case "i" used as a pronoun, missing apostrophes ("im", "dont").
- **clichés**: stock phrases of applications and interviews (a general list, not any article's wording).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.critique.delivery import code_span
from coach.critique.negation import negated, read
from coach.critique.shapes import STOPWORDS, Unit, content_stems, stem, words
from coach.english import everyday, speller

RARE = 8_000  # a word used less often than this (pyspellchecker counts) is specific rather than everyday
COMMON = 50_000  # a correction candidate this common makes an unknown word a slip rather than a technical term
REPEATED = 0.6  # a sentence whose content words occur earlier in the answer at this share restates them


# Stock phrases of cover letters and interview answers: self-praise without evidence and empty openers/closers.
CLICHES = re.compile(
    r"\b(?:passionate|hard[- ]?working|highly motivated|self[- ]?(?:starter|motivated)|team player|go[- ]getter|"
    r"results?[- ]driven|detail[- ]oriented|think(?:ing)? outside the box|fast[- ]paced environments?|"
    r"proven track record|great (?:asset|fit|addition)|(?:excellent|strong) (?:communication|interpersonal) skills|"
    r"dynamic|synerg\w*|win[- ]win|perfectionist|wear many hats|hit the ground running|add value|"
    r"to whom it may concern|dear (?:sir or madam|hiring manager)|thank you for your (?:time and )?consideration|"
    r"i look forward to hearing from you|(?:make|making) a difference|(?:at|by) the end of the day|"
    r"communication is key|(?:is|are) (?:really )?key\b|best of both worlds|(?:any|every) (?:organi[sz]ation|company)|"
    r"learn(?:ing)? opportunit\w*|opportunities to (?:grow|learn)|always (?:try|strive|look) (?:to|for)|"
    r"give (?:it )?(?:110|100)%|quick learner|people person)\b",
    re.I,
)
# Talking around a question: statements true of any answer ("it depends", "there are many ways").
HEDGES = re.compile(
    r"\b(?:it (?:really )?depends|depends (?:on|a lot)|there are (?:so )?many (?:ways|tools|options|approaches|"
    r"things)|every (?:company|team|organi[sz]ation|situation|incident|case) (?:is|does|has)\w*|no single|"
    r"one of the most important|(?:is|are) (?:so |really |very )?important|matters? a lot|a (?:big|hot|great) "
    r"(?:question|topic)|great question|(?:is|are) (?:natural|healthy|part of life)|in the end (?:we're|we are|the "
    r"goal)|(?:the )?goal is always|keep (?:those|these) (?:goals|things) in mind|what (?:fits|works) best|"
    r"(?:balanc\w*|weigh\w*) (?:a lot of|lots of|many) (?:concerns|trade-?offs|things)|lots of trade-?offs)\b",
    re.I,
)
_LOWER_I = re.compile(r"(?<![\w'])i(?:'(?:m|d|ll|ve)\b| (?:am|was|have|had|would|will|think|believe|like|love|want|wanted|"
                      r"feel|felt|worked|did|do|can|could|just|really|always|never|also|need|know|guess|mean|hope)\b)")
_NO_APOSTROPHE = re.compile(r"\b(?:im|ive|dont|doesnt|didnt|cant|wont|isnt|wasnt|youre|theyre|thats|whats|"
                            r"couldnt|wouldnt|shouldnt)\b")


_QUOTED = re.compile(r"\"[^\"]{1,80}\"|\u201c[^\u201d]{1,80}\u201d|\u2018[^\u2019]{1,80}\u2019|(?<!\w)'[^']{1,60}'(?!\w)")


@dataclass
class Signals:
    words: int = 0
    specific: list[str] = field(default_factory=list)  # distinct specific tokens
    generic_units: list[int] = field(default_factory=list)  # indices of sentences without any specific token
    cliches: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    repeated_units: list[int] = field(default_factory=list)  # sentences mostly restating earlier ones
    misspelled: list[str] = field(default_factory=list)
    lowercase: int = 0  # lower-case "i" pronouns, sentences opening in lower case, words missing an apostrophe

    @property
    def specific_rate(self) -> float:
        """Specific tokens per 10 words."""
        return 10.0 * len(self.specific) / self.words if self.words else 0.0

    def generic_share(self, n_units: int) -> float:
        return len(self.generic_units) / n_units if n_units else 0.0

    @property
    def slips(self) -> int:
        return len(self.misspelled) + self.lowercase


# Something that happened: a person doing a past-tense action ("I wrote", "we launched", "he agreed"). Stories
# use everyday words, so their specifics are events rather than rare terms.
_EVENT = re.compile(
    r"\b(?:I|we|he|she|they|my (?:manager|team|lead)|the team)\s+(?:(?:then|also|just|finally|quickly|never|first)\s+)?"
    r"(?P<v>[a-z]+ed|wrote|built|ran|led|took|found|made|shipped|spoke|met|sent|brought|told|kept|began|chose|"
    r"caught|cut|put|set|got|gave|saw|won|lost|left|rewrote|broke|fixed|moved|drove|split|went|came|did|had|"
    r"knew|thought|felt|sat|paid|hit|let|spent|taught|held)\b", re.I)


def _specific_tokens(text: str, qstems: set[str]) -> set[str]:
    sp = speller()
    found: set[str] = {f"event:{m.group(0).lower()}" for m in _EVENT.finditer(text)}
    text = CLICHES.sub(" , ", text)  # stock phrases say nothing specific however rare their words
    for i, m in enumerate(re.finditer(r"[A-Za-z][A-Za-z0-9_'+#./-]*|\d[\d,.:%]*", text)):
        w = m.group(0).strip(".,'")
        low = w.lower()
        if not w or low in STOPWORDS:
            continue
        if w[0].isdigit():
            found.add(w)
            continue
        if stem(low) in qstems:
            continue  # the question's own words restate the topic
        if (i > 0 and w[0].isupper() and low not in ("i", "i'd", "i'm", "i'll", "i've")) or any(c.isdigit() for c in w):
            found.add(low)
            continue
        if len(low) < 4 or not low.isalpha():
            continue
        freq = sp.word_frequency[low]
        if freq == 0 and not _is_slip(low):
            found.add(low)  # a technical term the everyday dictionary does not know
        elif 0 < freq < RARE:
            found.add(low)
    return found


_BRITISH = ((r"our", "or"), (r"is(e|ed|es|ing|ation)", r"iz\1"), (r"ys(e|ed|es|ing)", r"yz\1"), (r"tre\b", "ter"),
            (r"ogue\b", "og"), (r"ll(ed|ing|er)", r"l\1"), (r"ence\b", "ense"))


def _is_slip(word: str) -> bool:
    """An unknown lower-case word one edit from a common word: a misspelling, not a technical term (and not a
    British spelling of a known word: "favourite", "organise")."""
    sp = speller()
    if sp.word_frequency[word] > 0 or len(word) < 4 or not word.isalpha():
        return False
    if any(sp.word_frequency[re.sub(a, b, word)] > 0 for a, b in _BRITISH if re.search(a, word)):
        return False
    cands = sp.edit_distance_1(word)
    return any(sp.word_frequency[c] >= COMMON for c in cands if c != word)


def measure(units: list[Unit], question: str) -> Signals:
    """The signals of the answer's sentences (grader-directed text already removed)."""
    qstems = content_stems(question)
    sig = Signals(words=sum(len(words(u.text)) for u in units))
    seen_specific: dict[str, None] = {}
    earlier: set[str] = set()
    for k, u in enumerate(units):
        spec = _specific_tokens(u.text, qstems)
        seen_specific.update(dict.fromkeys(sorted(spec)))
        if not spec:
            sig.generic_units.append(k)
        used = _QUOTED.sub(" ", u.text)  # a quoted phrase is mentioned ("I cut filler like 'team player'"), not used
        sig.cliches += [m.group(0) for m in CLICHES.finditer(used)]
        sig.hedges += [m.group(0) for m in HEDGES.finditer(used)]
        if code_span(u.text):
            continue  # code repeats its identifiers and names no prose words: neither a restatement nor a slip
        st = {stem(w) for w in words(u.text) if w.lower() not in STOPWORDS and len(w) > 1
              and not everyday(w)} - qstems  # "after", "again" restate nothing
        if len(st) >= 3 and len(st & earlier) / len(st) >= REPEATED:
            sig.repeated_units.append(k)
        earlier |= st
        body = re.sub(r"\b[A-Z][A-Za-z]*\b", " ", u.text)  # names and sentence openings are not checked
        for w in re.findall(r"(?<![\w'])[a-z]+(?:'[a-z]+)?(?![\w'])", body):
            if "'" in w:
                if speller().word_frequency[w] == 0 and w.split("'")[1] not in ("s", "t", "m", "d", "ll", "ve", "re"):
                    sig.misspelled.append(w)
                elif w.endswith("'s") and w[:-2] in ("your", "their", "our", "her"):
                    sig.misspelled.append(w)  # "your's", "it's" for the possessive is left alone
            elif _is_slip(w):
                sig.misspelled.append(w)
        sig.lowercase += len(_LOWER_I.findall(u.text)) + len(_NO_APOSTROPHE.findall(u.text))
    # Sentences opening in lower case (prose only: a clause unit or a line of code starts in lower case anyway).
    text = " ".join(u.text for u in units)
    sig.lowercase += len(re.findall(r"(?:^|[.!?]\s+)(?:[a-z]+\s+){1,}[a-z]+\b(?![\w(=\[.])", text)) if units and \
        not re.search(r"[=(){}\[\]]", text) else 0
    sig.specific = list(seen_specific)
    return sig


# -- which property of the text an abstract pitfall names -----------------------------------------------------------
# Cue words of everyday career advice, matched on stems of the item's mistake (and, for a bare noun-phrase mistake
# such as "Repetition", of its fix and context too).
FAMILIES: dict[str, re.Pattern[str]] = {
    "cliche": re.compile(r"\b(?:clich\w*|standard phrases?|stock phrases?|platitudes?|boilerplate)\b", re.I),
    "generic": re.compile(r"\b(?:generic\w*|vague\w*|one-size-fits-all|tailor\w*|non-?specific|bland)\b", re.I),
    "repetition": re.compile(r"\b(?:repetit\w*|repeat\w*|echo\w*|restat\w*|redundan\w*|same thing)\b", re.I),
    "spelling": re.compile(r"\b(?:slopp\w*|careless\w*|spelling|grammar\w*|typos?|proofread\w*|misspell\w*)\b", re.I),
    "verbosity": re.compile(r"\b(?:verbos\w*|wordy|wordiness|long-?winded|lengthy|crisp|concise\w*|brevity|"
                            r"too long)\b", re.I),
}


def quality_family(mistake: str, fix: str = "", context: str = "", *, bare: bool = False) -> str | None:
    """The measurable property an item's mistake names, if any. The fix and context are read only when the mistake
    is a bare label ("Sloppiness", "The Generic Trap") that says nothing about the answer's topic."""
    for texts in ((mistake,), (fix, context) if bare else ()):
        for name, cue in FAMILIES.items():
            if any(cue.search(t or "") for t in texts):
                return name
    return None


# -- an abstract pitfall described rather than shown ----------------------------------------------------------------
# An answer can say it does what a pitfall names without showing it in its own text ("I send the same letter
# everywhere", "it runs to three pages", "I send it without reading it back"). Each family's everyday descriptions;
# a sentence that negates them ("I never send the same letter twice") describes the opposite.
DESCRIBED: dict[str, re.Pattern[str]] = {
    "generic": re.compile(
        r"\b(?:same|one|single|standard|generic|stock)\b[^.;]{0,30}\b(?:letters?|versions?|texts?|templates?|emails?)\b"
        r"[^.;]{0,40}?\b(?:everywhere|to (?:every|each|all)\b|for (?:every|each|all)\b|to (?:every|all) \w+)"
        r"|\b(?:only|just) (?:chang|swap|swapp|replac|updat|edit)\w* (?:the )?(?:company(?:'s)? name|name of the company|"
        r"names?)\b"
        r"|\bone[- ]size[- ]fits[- ]all\b", re.I),
    "repetition": re.compile(
        r"\b(?:retell|repeat|restat|rehash|echo|summari[sz]|recap|go(?:es)? (?:through|over)|copy|copies|copied)\w*"
        r"\b[^.;]{0,25}\b(?:my|the|your) (?:resume|r\u00e9sum\u00e9|cv)\b", re.I),
    "verbosity": re.compile(
        r"\b(?:(?:three|four|five|several|many|multiple)(?: or (?:four|five|six))?|two or (?:three|four)) (?:full |long |whole )?"
        r"pages\b|\b(?:three|four|five|six|several|many)(?: or \w+)? (?:long |big )?paragraphs\b"
        r"|\b(?:explain|tell|cover|describe|go through)\w* (?:my |the )?(?:whole|entire|full|complete) (?:career|life|"
        r"story|history|background)\b", re.I),
    "spelling": re.compile(
        r"\bwithout (?:re-?reading|reading (?:it |them )?(?:back|over|again|through)|proof-?reading|(?:spell-?)?checking)"
        r"|\b(?:typos|spelling|grammar)(?: mistakes| errors| slips)?\b[^.;]{0,20}\b(?:don't|do not|doesn't|never|won't) "
        r"matter|\b(?:don't|do not|never|rarely) (?:bother (?:to )?)?(?:proof-?read|re-?read|spell-?check)\w*\b", re.I),
}


def describes(family: str, text: str) -> bool:
    """Whether a sentence says the answer does what the pitfall ``family`` names (see DESCRIBED)."""
    cue = DESCRIBED.get(family)
    if cue is None:
        return False
    found = cue.search(text)
    if not found:
        return False
    if family == "spelling":  # its cues carry their own negation; a second one ("never ... without") undoes it
        return not negated(text[:found.start()])
    # Only what the sentence affirms describes the pitfall ("I never send the same letter twice" describes the
    # opposite; "I keep one letter and send it everywhere" does not negate the part that matches).
    r = read(text)
    return bool(cue.search(r.affirmed if r.any else text))
