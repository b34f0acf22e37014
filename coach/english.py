"""Everyday English, shared by the critique's signals and the chain's scope check: how common a word is
(pyspellchecker's dictionary, loaded once, on first use), and where English grammar puts a verb rather than a name."""
from __future__ import annotations

import re
import threading
from functools import lru_cache

EVERYDAY = 200_000  # words this common ("after", "again", "really", "could") are everyday English, not terms
_lock = threading.Lock()


@lru_cache(maxsize=1)
def speller():
    """The one SpellChecker (edit distance 1) of the process."""
    from spellchecker import SpellChecker

    with _lock:
        return SpellChecker(distance=1)


def everyday(word: str) -> bool:
    """Whether ``word`` is among the most common words of English."""
    return speller().word_frequency[word.lower()] >= EVERYDAY


# English's closed classes that can stand where a noun does: pronouns (personal, reflexive, possessive, indefinite)
# and quantifiers. The class is closed, so the list is complete; none of them names a subject ("do I have to do
# anything special", "is there something I should know"), whether or not an article happens to write it.
_PRONOUNS = frozenset(
    "i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself we "
    "us our ours ourselves they them their theirs themselves one oneself anybody anyone anything anywhere everybody "
    "everyone everything everywhere nobody nothing nowhere somebody someone something somewhere whatever whichever "
    "whoever whomever whenever wherever however another other others each either neither none both all any some "
    "several few fewer many much more most less least enough plenty lots such".split()
)


def pronoun(word: str) -> bool:
    """Whether ``word`` is a pronoun or quantifier ("anything", "someone", "whatever"), which names no subject."""
    return word.lower().replace("’", "'") in _PRONOUNS


def english_word(word: str) -> bool:
    """Whether ``word`` is a word of English at all ("notepad", "excel"; not "Canva", "Quora")."""
    return speller().word_frequency[word.lower()] > 0


# What English puts right before a verb: a person as its subject ("I", "you", "we", ...), the infinitive's "to" or
# "why" ("why bother ..."), maybe with adverbs between ("should I even bother haggling"). Word frequency cannot tell
# a verb from a noun ("bother" is as common as "coffee"); its place in the sentence can.
_ADVERBS = ("even", "just", "really", "still", "ever", "never", "not", "also", "always", "actually", "only", "already",
            "rather", "simply", "first")
# A regex alternative of those adverbs (plan.py reads questions with it too).
ADVERB = rf"(?:{'|'.join(_ADVERBS)})"
_VERB_BEFORE = re.compile(
    rf"(?i)(?<![\w'-])(?:(?:i|you|we|they|he|she|to|why)(?:'(?:d|ll|ve|m|re))?|[a-z]+n['’]t)(?:\s+{ADVERB})*\s+$")


# Determiners and possessives open a noun phrase (a closed class).
DETERMINERS = frozenset("a an the this that these those my your his her its our their".split())


def verb_follows(before: str) -> bool:
    """Whether the word right after ``before`` (the text up to that word) stands where English puts a verb: what
    the speaker does ("I bother", "to haggle"), not a thing the speaker names ("a beta blocker")."""
    return _VERB_BEFORE.search(before[-80:]) is not None


# Verbs that link a subject to its state ("my mind went blank", "I get flustered", "it makes me jittery"): a closed
# class, like the auxiliaries that put a question's subject after them ("how do I …", "should I …").
_LINKING = frozenset(
    "am is are was were be been being 'm 're get gets got gotten getting go goes went gone going feel feels felt "
    "feeling become becomes became becoming seem seems seemed turn turns turned grow grows grew".split())
_AUXILIARIES = frozenset("do does did can could should would will shall may might must am are was were have has had "
                         "don't doesn't didn't can't couldn't shouldn't wouldn't won't isn't aren't wasn't weren't "
                         "haven't hasn't hadn't".split())
_WH = frozenset("what how why when where who which whom whose".split())
_DEGREE = frozenset(_ADVERBS) | {"completely", "totally", "so", "kind", "sort", "of"}
_MAKE = frozenset("make makes made making".split())
TOKEN = re.compile(r"[\w'-]+|[^\w\s]")  # words and punctuation marks


def linking_verb(word: str) -> bool:
    """Whether ``word`` is a verb linking a subject to its state ("went" in "my mind went blank"): it names no
    subject, whether or not an article happens to write it."""
    return word.lower().replace("’", "'") in _LINKING


def said_of_speaker(before: str, word: str) -> bool:
    """Whether ``word``, right after ``before`` (the text up to it), says what happened to the speaker or how they
    felt — the verb of a statement about themselves ("I froze", "I blanked") or a state after a linking verb ("my
    mind went blank", "I got tongue-tied", "it makes me jittery") — rather than naming a thing. Such a word colours a
    question; the articles speak of the same moments in their own words (getting stuck, nerves). The word before the
    subject (or the linking verb's subject) tells a statement from a question: "how do I golf", "what is golf" ask.
    An activity after "go" ("went golfing") is no state."""
    tokens = [t.lower() for t in TOKEN.findall(before[-80:].replace("’", "'"))]
    while tokens and (tokens[-1] in _DEGREE or tokens[-1].endswith("ly")):
        tokens.pop()  # "I completely froze", "went totally blank"
    if len(tokens) < 1:
        return False
    last, prior = tokens[-1], tokens[-2] if len(tokens) > 1 else ""
    if last in ("i", "we"):
        return prior not in _AUXILIARIES and prior not in _WH and prior != "to"  # "I froze", not "how do I golf"
    if last in ("me", "us"):
        return prior in _MAKE  # "makes me jittery"
    if last in _LINKING or last.endswith(("'m", "'re")):
        if not prior[:1].isalnum() or prior in _WH or prior == "to" or last in ("'m", "'re"):
            return last.endswith(("'m", "'re"))  # "I'm nervous"; not "what is golf", "Is golf", "to get golf"
        return not (last.startswith(("go", "went")) and word.lower().endswith("ing"))
    return False


def gradable(word: str) -> bool:
    """Whether English reads ``word`` as an adjective of degree ("good", "catchier", "higher": it says how good, not
    which kind), where a classifying one ("mock", "personal", "competitive") has no comparative and says which."""
    from lemminflect import getAllInflections, getAllLemmas

    return any(getAllInflections(lemma, upos="ADJ").get("JJR") for lemma in getAllLemmas(word.lower()).get("ADJ", ()))


def word_forms(words: list[str]) -> set[str]:
    """Every base form the lexicon reads ``words`` as (lower case), the words themselves included."""
    return {x for w in words for x in _forms(w)}


@lru_cache(maxsize=65536)  # an answer's every word is looked up on each question; the lexicon lookup is the cost
def _forms(word: str) -> frozenset[str]:
    from lemminflect import getAllLemmas

    return frozenset(x.lower() for x in (word, *(f for forms in getAllLemmas(word).values() for f in forms)))


# Third-person and demonstrative pronouns (a closed class): in a question that names nothing else they point back
# at an earlier question ("How did you solve it?", "What did you learn from that?"), so it makes no sense alone.
_ANAPHORS = frozenset("it its they them their this that these those".split())
_POSSESSIVES = frozenset("my your his her its our their".split())
_DEMONSTRATIVES = frozenset("this that these those".split())
# Question words and conjunctions (closed classes) the lexicon also lists as nouns ("a how", "an or").
_NO_NOUNS = frozenset("what how why when where who which whom whose and or but so then".split())


def follow_up(question: str) -> bool:
    """Whether ``question`` is a follow-up that makes no sense alone: it refers back with a pronoun and names nothing
    its pronoun could point at — no noun and no name of its own ("How did that go?", "What did you learn from it?";
    not "What is it like to work at Stripe?", "How did you handle that deadline?"). A word counts as a noun when the
    lexicon knows it as one and it does not stand where a verb does (right after a subject: "you handle", "that go");
    a word that is no English word, or a capitalised word inside the question, is a name."""
    from lemminflect import getAllLemmas

    words = re.findall(r"[\w'’-]+", question)
    lowered = [w.lower().replace("’", "'") for w in words]
    if not _ANAPHORS & set(lowered):
        return False
    for i, (word, low) in enumerate(zip(words, lowered)):
        if low in _ANAPHORS or low in _NO_NOUNS or low in DETERMINERS or pronoun(low):
            continue
        if i and word[:1].isupper() or not english_word(low):
            return False  # a name
        lemmas = getAllLemmas(low)
        before = lowered[i - 1] if i else ""
        after_subject = (pronoun(before) or before in _ANAPHORS) and before not in _POSSESSIVES
        if before in _DEMONSTRATIVES:  # a subject after an auxiliary ("did that go"), else a determiner ("this job")
            after_subject = i > 1 and "AUX" in getAllLemmas(lowered[i - 2])
        if "NOUN" in lemmas and "AUX" not in lemmas and not ("VERB" in lemmas and after_subject):
            return False
    return True
