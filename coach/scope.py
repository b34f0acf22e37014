"""Is a question answerable from the library? One decision, taken in this order, each step with the reason it gives.
The principle: the evidence the answer stands on must cover the entities and the topic of the *asking* sentence.

1. Another language -> a polite reply that the library and the coach answer in English (``coach.language``; a
   question with no English function word and mostly words the library never uses counts too, so a foreign word is
   never taken for a company).
2. An injection attempt -> declined.
3. A company or role no article covers and the library's text never names -> declined ("the library has no article
   about Etsy"); a company an article covers in a section of its own is in scope (content, not metadata).
4. After retrieval, the evidence must cover the question's topic: a company the question names that no retrieved
   passage mentions (:func:`uncovered_companies`), an outside-domain word in the *asking* sentence ("Can I bring my
   dog ...?") that no retrieved passage uses (:func:`uncovered_topic`) -> declined. A word that only sets the scene
   ("Because of my health I can only study an hour a day. How many hours ...?") does not decide the topic.
5. After composing (``coach.chain``), against what the answer quotes:
   - its meaning is closer to an outside topic than to its best evidence and the quoted sentences are not about that
     topic themselves (:func:`off_domain_by_meaning`: a recommender passage covers "a 'customers also bought' engine
     for an online shop"); with weak chunk evidence, so is the question without the words it shares with the answer
     (in any form): a shared word pulls it towards the evidence whatever its sense ("how to handle queues at a
     bakery" answered by a course on "queues");
   - a term the library never names: two or more words in a row that no article uses, no library word stands in
     for and that are not everyday English ("a beta blocker to calm my nerves"), named as a thing, not done by the
     asker ("should I even bother haggling" is a verb phrase) nor how they feel ("I feel awkward haggling");
   - the kind of job asked about (:func:`asked_job`: "a forklift operator interview", "interviewing a nanny", "when I
     interview for a sales rep job") has a word that the quoted passages neither use nor say in other words: passages
     on interviews in general do not cover it, whatever other articles say (one naming baristas in a forecasting
     example does not make a barista interview answerable), unless an article or a section is headed by that job
     ("Senior Software Engineer" for "interview a senior engineer on the team"); a word standing where English puts
     a verb is what the asker does, no kind ("when I switch jobs", "should I unit test my code");
     an interview's format ("a zoom interview", "an in-person onsite interview") names no person at work
     (:func:`names_occupation`) and is no kind of job; likewise the kind of exam, test or licence asked about
     (:func:`asked_exam`: "the real estate licensing exam");
   - a company the question asks about that the answer does not stand on: no quoted sentence names it other than as
     an example ("top companies like Uber, Lyft"), nor the title, section or company of a quoted passage
     (:func:`unanswered_companies`; names the library lists among companies count as companies; a name the question
     itself gives as an example, "big names like Netflix", is covered by a retrieved passage naming it); when passages
     filed under or headed by that company were retrieved, the answer is first composed again from them;
   - a compound of the asking sentence (:func:`compounds`: "email signature") that the answer writes only in part,
     when its sentences match that part alone far better than the whole ("Never include your work email here"):
     they are about email, not about the signature asked about; or when it writes the compound's head only as another
     kind of it (:func:`kinds_named`: "work email" for a "thank-you email", "cover letter" for a "reference letter";
     a compound the question names outright, whose missing modifiers are nouns: :func:`names_kind`);
   - an answer that already says it does not answer exactly this, when the thing asked to be made, explained or
     filled ("a design doc", "an exit interview") is a compound whose noun modifier neither the answer and its passages
     nor any article write with its head (:func:`writes_together`): the library knows the head only as other kinds
     of it;
   - a decline naming a kind of job, an exam or such a compound names instead an earlier noun phrase of the asking
     sentence with a word no article uses (:func:`lacked_before`: "level of French", not the "dev job" that only
     sets the scene);
   - an answer that shares no word of the asking sentence's noun phrases (:func:`noun_phrases`), only words of its
     frame ("mean", "use", "worth"), and whose noun phrases are none near the phrase the question asks about: "what
     do they mean by bar raiser" is not answered by "Mean Squared Error", nor "is leetcode premium worth paying for"
     by negotiation services "well-worth the cost";
   - weak evidence that the answer sentence does not make up for, or a word no article uses that carries the topic
     and that neither the quoted passages nor a stand-in in them cover, nor a quoted sentence says its own way
     ("a logo for my bakery"; "programming tongues" is said by "programming language"; a word that only says
     what happened to the asker, "I froze", "my mind went blank", is none: ``coach.english.said_of_speaker``)
   -> declined. An object the answer's sentence covers does not decline ("... do my job from my kitchen table?"
   answered by "Is working from home allowed?").
6. Otherwise answered; when the best evidence lacks the asked kind of fact, the answer says so
   (``coach.plan.NOT_EXACT``) and quotes what the library does say.

The company vocabulary below is *detection* vocabulary only: it lets the coach notice that a question is about a
company the library has no article on. It asserts nothing about those companies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from coach.english import ADVERB, DETERMINERS, linking_verb, pronoun, verb_follows, word_forms  # words load lazily
from coach.models import Article, Role
from coach.roles import role_mentions, shared_lexicon_roles

WELL_KNOWN_COMPANIES = (
    "Google", "Alphabet", "Meta", "Facebook", "Instagram", "WhatsApp", "Apple", "Microsoft", "Amazon", "AWS",
    "Netflix", "Uber", "Lyft", "Airbnb", "Stripe", "Spotify", "Twitter", "LinkedIn", "Salesforce", "Oracle", "IBM",
    "Intel", "Nvidia", "AMD", "Adobe", "Shopify", "Snap", "Snapchat", "Pinterest", "Reddit", "TikTok", "ByteDance",
    "Tesla", "OpenAI", "Anthropic", "DeepMind", "Databricks", "Snowflake", "Palantir", "Coinbase", "Robinhood",
    "DoorDash", "Instacart", "Dropbox", "Atlassian", "Slack", "Zoom", "Twilio", "Cisco", "VMware", "SAP", "Samsung",
    "Alibaba", "Tencent", "Baidu", "Yahoo", "eBay", "PayPal", "Square", "Block", "Intuit", "Workday", "ServiceNow",
    "Booking", "Expedia", "Walmart", "Goldman Sachs", "JPMorgan", "Morgan Stanley", "Citadel", "Jane Street",
    "Two Sigma", "Bloomberg", "Deloitte", "Accenture", "McKinsey", "Capital One", "Visa", "Mastercard", "Zillow",
    "Roblox", "Epic Games", "Electronic Arts", "Qualcomm", "Broadcom", "Arm", "Grammarly", "Figma", "Notion",
)
_KNOWN_LOWER = {c.lower(): c for c in WELL_KNOWN_COMPANIES}
# Words that are capitalised in questions without naming an organisation.
_NOT_NAMES = frozenset(
    """i what how why when where which who whom whose is are do does did can could should would will was were
    tell explain compare give list show describe and or but so also ok okay please hi hello thanks the a an in on
    for of to at my me it its if vs versus faq tl dr star sql ml ai
    monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december""".split()  # days and months are capitalised without naming anyone
)
_CAP_TOKEN = re.compile(r"\b([A-Z][A-Za-z0-9&'-]*[A-Za-z0-9])\b")


@dataclass
class ScopeVerdict:
    in_scope: bool
    reason: str = ""


def is_injection(text: str) -> bool:
    """True for attempts to override the coach's instructions or extract its prompt (see ``coach.injection``)."""
    from coach.injection import is_question_injection

    return is_question_injection(text)


@lru_cache(maxsize=8)
def _company_index(companies: tuple[str, ...]) -> tuple[dict[str, list[str]], dict[str, str], frozenset[str]]:
    """Names by their first word (lower case), longest first. A library can hold thousands of companies: one regex
    alternation over all of them cost ~30 ms per question at 14k names (and ~0.7 s to compile after each change)."""
    library = {c.lower(): c for c in companies}
    names = {**_KNOWN_LOWER, **library}
    by_head: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        head = _HEAD.match(name)
        by_head.setdefault(head.group() if head else "", []).append(name)
    return by_head, names, frozenset(library)


_HEAD = re.compile(r"\w+")
_WORD_START = re.compile(r"(?<![\w-])\w+")
_WORDISH = re.compile(r"[\w-]")


@lru_cache(maxsize=8)
def _company_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """The plain alternation, for the rare name that does not start with a word character."""
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternation})(?:'s)?(?![\w-])", re.I)


def _name_end(text: str, start: int, name: str) -> int | None:
    """Where a mention of ``name`` (lower case) at ``start`` ends (after an optional "'s"), or None."""
    end = start + len(name)
    if text[start:end].lower() != name:
        return None
    if text[end:end + 2].lower() == "'s" and not _WORDISH.match(text, end + 2):
        return end + 2
    return None if _WORDISH.match(text, end) else end


_recent: dict[int, tuple] = {}  # id(companies) -> (companies, index, its length)


def _index_of(companies: Sequence[str]) -> tuple[dict[str, list[str]], dict[str, str], frozenset[str]]:
    """``_company_index`` of ``companies``. Callers pass the same few lists again and again (the chain's snapshot,
    the structure index), so those are kept by identity: turning thousands of names into a tuple and hashing it for
    the lru lookup cost ~0.5 ms per call."""
    got = _recent.get(id(companies))
    if got is None or got[0] is not companies or got[2] != len(companies):
        if len(_recent) >= 8:
            _recent.clear()
        got = _recent[id(companies)] = (companies, _company_index(tuple(companies)), len(companies))
    return got[1]


def known_company_mentions(text: str, companies: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of library companies and well-known company names in ``text``: the leftmost, longest
    whole-word match (case-insensitive, optional "'s"), left to right without overlaps."""
    by_head, names, library = _index_of(companies)
    spans: list[tuple[int, int, str]] = []
    if "" in by_head:  # a name starting with punctuation: match with the full pattern
        spans = [(m.start(), m.end(), m.group(1)) for m in _company_pattern(tuple(names)).finditer(text)]
    else:
        last = 0
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < last:
                continue
            for name in by_head.get(word.group().lower(), ()):
                end = _name_end(text, start, name)
                if end is not None:
                    spans.append((start, end, text[start:start + len(name)]))
                    last = end
                    break
    out: list[tuple[int, int, str]] = []
    for start, end, found in spans:
        low = found.lower()
        if found[:1].isupper() or low in library:  # "square" or "block" in lower case are words, not companies
            out.append((start, end, names[low]))
    return out


def name_candidates(text: str, companies: Sequence[str], roles: Sequence[Role]) -> list[str]:
    """Capitalised words of ``text`` that may name an organisation: not sentence-initial, not the speaker, not a
    role name or alias, not a short acronym (CV, ATS, SQL), not a library or well-known company (found apart)."""
    lib = _index_of(companies)[2]  # lower-case library names, built once per library state
    all_roles = list(roles) + list(shared_lexicon_roles())
    role_spans = role_mentions(text, all_roles)
    known_spans = [(s, e) for s, e, _ in known_company_mentions(text, companies)]  # "Street" of "Jane Street"
    role_words = {w.lower() for r in all_roles for t in [r.name, *r.aliases] for w in t.split()}
    found: list[str] = []
    for m in _CAP_TOKEN.finditer(text):
        word = m.group(1)
        low = word.lower().removesuffix("'s")
        if low.split("'")[0] in _NOT_NAMES:
            continue  # "I'm", "I've", "I'd": the speaker, not an organisation
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".?!:;\"“(":
            continue  # sentence-initial capitals say nothing
        if low in _NOT_NAMES or low in lib or low in role_words or low in _KNOWN_LOWER:
            continue
        if len(word) <= 4 and (word.isupper() or word[:-1].isupper() and word.endswith("s")):
            continue  # an acronym (CV, ATS, GPA, SQL) or its plural (CVs, APIs) is a term, not an organisation
        if any(s <= m.start() < e for s, e, _ in role_spans) or any(s <= m.start() < e for s, e in known_spans):
            continue
        word = word.removesuffix("'s")
        if word not in found:
            found.append(word)
    return found


def unknown_companies(
    text: str, companies: Sequence[str], roles: Sequence[Role], occurs_in_library: Callable[[str], bool]
) -> list[str]:
    """Organisation-like names in ``text`` that no article in the library is about.

    Well-known company names count whenever they are not a library company; other capitalised words count when
    they are not sentence-initial, not a role name or alias, occur nowhere in the library's text and stand where a
    question names an employer ("at Quorvi", "the Quorvi onsite"): a name in any other place may be a product or a
    tool ("knock my CV together in Canva"), which the checks after retrieval judge like any other unknown word.
    """
    lib = _index_of(companies)[2]
    found: list[str] = []
    for _, _, name in known_company_mentions(text, companies):
        # A company the library's text talks about (a section on it) is in scope even when no article is filed
        # under it; whether the answer's evidence covers it is checked after composing.
        if name.lower() not in lib and name not in found and not occurs_in_library(name.lower()):
            found.append(name)
    for word in name_candidates(text, companies, roles):
        if not occurs_in_library(word.lower()) and word not in found and _named_as_employer(text, word):
            found.append(word)
    return found


@lru_cache(maxsize=512)
def _name_pattern(name: str, any_case: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I if any_case else 0)


def name_mentions(name: str, text: str, any_case: bool = True) -> Iterator[re.Match[str]]:
    """Where ``text`` names ``name`` as a whole word ("Stripe" in "stripe's", not in "striped"); ``any_case=False``
    asks for the name as written (a capitalised "Hired" is a company, "hired" a word)."""
    return _name_pattern(name, any_case).finditer(text)


def mentions_name(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` as a whole word, in any case (see :func:`name_mentions`)."""
    return next(name_mentions(name, text), None) is not None


# Where a question names an employer: "at Ramp", "join Ramp", "an interview with Ramp", "work for Ramp", "Ramp's loop",
# "a Ramp interview", "does Ramp ask". A bare "with" / "for" / "from" / "'s" also joins tools and products ("make my
# CV with Canva", "Canva's templates"), so those name an employer only beside a word of hiring or work.
_HIRING = (r"interviews?|interview(?:ed|ing)|interviewers?|loop|onsite|rounds?|screens?|recruiters?|offers?|hiring|"
           r"hired|engineers?|teams?|culture|pay|salar(?:y|ies)|careers?|jobs?|roles?|positions?|process|internships?|"
           r"employees?")
_EMPLOYER_BEFORE = re.compile(rf"(?i)(?:\b(?:at|join|joining|joined)|"
                              rf"\b(?:{_HIRING}|work(?:s|ed|ing)?|apply(?:ing)?|applied)\s+(?:for|with|from|by|to))"
                              r"\s+(?:the\s+)?$")
# up to two words of a compound between ("the Quorvi backend engineer loop"), no function word ("Japan for an onsite")
_COMPOUND_GAP = r"(?:\s+(?!(?:a|an|the|my|your|our|their|its|for|to|in|on|at|of|with|from|by|and|or|as|is|are)\b)[a-z][\w-]*)"
_EMPLOYER_AFTER = re.compile(rf"(?i)(?:['’]s)?{_COMPOUND_GAP}{{0,2}}?\s+(?:{_HIRING}|candidates?|grads?)\b")
_HIRING_WORD = re.compile(rf"(?i)\b(?:{_HIRING}|candidates?|grads?)\b")
_ASKED_BEFORE = re.compile(r"(?i)\b(?:does|do|did|will|would|can|could|should)\s+$")
_ASKED_AFTER = re.compile(r"(?i)\s+(?:ask|pay|hire|interview|expect|want|look|test|value|offer|sponsor)s?\b")


def _named_as_employer(text: str, word: str) -> bool:
    """Whether ``text`` names ``word`` where a question names an employer (see ``_EMPLOYER_BEFORE``) or as the one
    who acts in a question about hiring ("how many rounds does Etsy run"), not a tool or a thing ("into Notepad", "a
    Word document", "in Canva")."""
    for m in name_mentions(word, text, any_case=False):
        before = text[max(0, m.start() - 40):m.start()]
        if _EMPLOYER_BEFORE.search(before) or _EMPLOYER_AFTER.match(text, m.end()) or (
                _ASKED_BEFORE.search(before) and (_ASKED_AFTER.match(text, m.end()) or _HIRING_WORD.search(text))):
            return True
    return False


# A list of names: "Uber, Lyft, Quora, Asana and more", "Flickr / Pinterest".
_NAME = r"(?>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*)"  # atomic: no backtracking over long capitalised runs
_GLUE = r"\s*(?:,|&|/|\band\b|\bor\b)(?:\s+(?:and|or)\b)?\s*"
_RUN_BEFORE = re.compile(rf"(?:{_NAME}{_GLUE})+$")
_RUN_AFTER = re.compile(rf"(?:{_GLUE}{_NAME})+")


def _listed_with_companies(name: str, texts: Sequence[str], companies: Sequence[str]) -> bool:
    """Whether ``texts`` list ``name`` among known companies ("top companies like Uber, Lyft, Quora, Asana"): the
    library's own text shows that a name no list holds is a company."""
    for text in texts:
        for m in name_mentions(name, text, any_case=False):
            window = max(0, m.start() - 200)
            before = _RUN_BEFORE.search(text, window, m.start())
            after = _RUN_AFTER.match(text, m.end(), m.end() + 200)
            start, end = before.start() if before else m.start(), after.end() if after else m.end()
            if known_company_mentions(text[start:end], companies):  # ``name`` itself is no known company
                return True
    return False


def asked_companies(question: str, companies: Sequence[str], roles: Sequence[Role],
                    passages: Callable[[str], Sequence[str]]) -> list[str]:
    """The organisations ``question`` asks about, written as names: library and well-known companies, and other
    capitalised names that the library's ``passages`` naming them list among companies (a lower-case "hired" is a
    word, not Hired)."""
    names = [n for s, _, n in known_company_mentions(question, companies) if question[s].isupper()]
    names += [w for w in name_candidates(question, companies, roles)
              if _listed_with_companies(w, passages(w), companies)]
    return list(dict.fromkeys(names))


# A name given as an example of something else: after "like", "such as", "e.g." and maybe other names of the same
# list ("top companies like Uber, Lyft, Quora", "(e.g. Flickr, Pinterest)").
_EXAMPLE_BEFORE = re.compile(
    rf"(?i:\blike|\bsuch as|\be\.g\.?|\bi\.e\.?|\bincluding|\bfor example|\bfor instance)[\s,:]*"
    rf"(?:{_NAME}{_GLUE})*$")


def _as_example(name: str, text: str) -> bool:
    """Whether every mention of ``name`` in ``text`` gives it as an example of something else."""
    spans = [m.start() for m in name_mentions(name, text)]
    return bool(spans) and all(_EXAMPLE_BEFORE.search(text[:start]) for start in spans)


def unanswered_companies(question: str, names: Sequence[str], quoted: Sequence[str], about: Sequence[str],
                         passages: Sequence[str] = ()) -> list[str]:
    """The ``names`` asked about in ``question`` that the answer's own evidence does not cover: no quoted sentence
    names it (other than as an example of something else: "top companies like Uber, Lyft"), nor the title, section
    or company (``about``) of a passage it quotes. A question that itself gives the name as an example ("build
    something like Uber", "big names like Netflix") asks about that kind of thing: such an example covers it, and so
    does a retrieved passage (``passages``) naming it."""
    out = []
    for name in names:
        examples_do = _as_example(name, question)
        if any(mentions_name(name, t) for t in about if t):
            continue
        if any(mentions_name(name, t) and (examples_do or not _as_example(name, t)) for t in quoted):
            continue
        if examples_do and any(mentions_name(name, t) for t in passages):
            continue  # "big names like Netflix": the kind of company is the subject, a passage naming it covers it
        out.append(name)
    return out


def unknown_roles(text: str, roles: Sequence[Role]) -> tuple[list[str], list[str]]:
    """(library roles mentioned, lexicon roles mentioned that no article covers)."""
    lib_names = {r.name for r in roles}
    merged = list(roles) + [r for r in shared_lexicon_roles() if r.name not in lib_names]
    known, unknown = [], []
    for _, _, name in role_mentions(text, merged):
        bucket = known if name in lib_names else unknown
        if name not in bucket:
            bucket.append(name)
    return known, unknown


def check_question(
    question: str, companies: Sequence[str], roles: Sequence[Role], occurs_in_library: Callable[[str], bool]
) -> ScopeVerdict:
    """Checks that need no retrieval: injection, companies and roles the library does not cover."""
    if is_injection(question):
        return ScopeVerdict(False, "the question tries to change my instructions or extract my prompt")
    others = unknown_companies(question, companies, roles, occurs_in_library)
    if others:
        return ScopeVerdict(False, f"the library has no article about {', '.join(others)}")
    known, missing = unknown_roles(question, roles)
    missing = [r for r in missing if not occurs_in_library(r.lower())]  # a role the articles talk about is fine
    if missing and not known:
        return ScopeVerdict(False, f"the library has no article about the {', '.join(missing)} role")
    return ScopeVerdict(True)


# Topics outside interview preparation. A question that asks about one of these is answered only when the retrieved
# evidence itself talks about it (so "visa" is refused even though "onsite interview" matches an article). Only words
# without a sense in interview preparation, coding or data science belong here: "forecast" (time-series forecasting),
# "temperature" (sampling temperature) or "contract" (contract roles) would refuse questions the library answers.
OFF_DOMAIN = {
    "health": "health medical medicine doctor doctors nurse nurses nursing hospital hospitals clinic pain back-pain ibuprofen paracetamol aspirin drug drugs "
              "medication medications symptom symptoms disease illness therapy diet calories vitamin vitamins "
              "sleep insomnia anxiety depression injury pregnant pregnancy allergy allergies covid vaccine",
    "law": "law laws legal legally lawyer lawyers attorney sue lawsuit court statute breach "
           "illegal liability visa visas immigration citizenship passport deport fired firing wrongful "
           "discrimination",
    "travel": "travel flight flights airline airlines airport hotel hotels visa passport luggage vacation holiday trip",
    "cooking": "cook cooking recipe recipes bake baking boil boiled pasta steak bread sourdough oven grill "
               "ingredient ingredients sauce soup dessert cake meal meals eat eating food foods breakfast dinner "
               "snack snacks groceries",
    "money and housing": "tax taxes irs mortgage rent landlord tenant loan loans invest investing stocks crypto "
                         "bitcoin insurance pension retirement",
    "pets and home": "dog dogs cat cats puppy kitten pet pets garden plants furniture",
    "promotions": "coupon coupons voucher vouchers promo discount discounts referral-code",
    "weather and sport": "weather rain snow football soccer basketball baseball tennis",
    "cars": "car cars driving vehicle vehicles motorbike",
    "fitness": "gym workout workouts fitness muscles stretching yoga bodybuilding",
    "relationships": "wedding weddings dating girlfriend boyfriend marriage divorce",
    "shopping": "smartphone smartphones gadget gadgets",
    "entertainment": "movie movies song songs television",
}
_OFF_WORDS = {w: domain for domain, words in OFF_DOMAIN.items() for w in words.split()}
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)?", re.I)
# A word with its clitic ("doesn't", "team's", "what's"): split at the apostrophe it reads as two words.
_CLITIC_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?(?:['’][a-z]+)?", re.I)
_SENTENCES = re.compile(r"[^.?!]+[?!.]*")


def asked_part(question: str) -> str:
    """The sentences that ask (those ending in "?"; the whole text when none does). "Because of my health I can only
    study an hour a day. How many hours do I need?" asks about study hours: the first sentence only sets the scene."""
    asked = [s.strip() for s in _SENTENCES.findall(question) if s.strip().endswith("?")]
    return " ".join(asked) if asked else question


def off_domain_terms(question: str) -> list[tuple[str, str]]:
    """(word, domain) for the off-domain words in the asking sentences of ``question`` (see :func:`asked_part`)."""
    asked = asked_part(question)
    # An acronym in capitals names its own thing ("the CAR method" is no question about cars), unless the whole
    # question is in capitals.
    words = [w.lower() for w in _WORDS.findall(asked) if asked.isupper() or not (len(w) > 1 and w.isupper())]
    return [(w, _OFF_WORDS[w]) for w in dict.fromkeys(words) if w in _OFF_WORDS]


def uncovered_topic(question: str, evidence: Sequence[str]) -> str | None:
    """Why the evidence does not cover the question's topic: an off-domain word the question asks about that none of
    the evidence mentions."""
    text = " ".join(evidence).lower()
    for word, domain in off_domain_terms(question):
        if not re.search(rf"\b{re.escape(word)}(?:e?s)?\b", text):  # "dogs" covers "dog"; "career" not "car"
            return f"the question is about {domain} ({word}), which the interview articles in the library do not cover"
    return None


def uncovered_companies(question: str, companies: Sequence[str], evidence: Sequence[str]) -> list[str]:
    """Companies named in ``question`` that none of the evidence texts mentions."""
    text = " ".join(evidence)
    names = dict.fromkeys(n for _, _, n in known_company_mentions(question, companies))
    return [n for n in names if not mentions_name(n, text)]


# The kind of job a question is about: the words right before "interview" ("a forklift operator interview", "a barista
# job interview"), naming whom one interviews or becomes ("interviewing a nanny", "to become a truck driver") or before
# "job" / "role" / "position" ("when I interview for a sales rep job"). A
# capitalised word there is a company or a role acronym, judged elsewhere; "job" / "role" only join the head.
_JOB_BEFORE = re.compile(r"(?<![\w'-])((?:[a-z][\w'-]*\s+){1,4}?)(?:(?:job|role|position)\s+)?interview(?:s|ing)?\b")
_JOB_AFTER = re.compile(r"(?i)\b(?:interviewing|interview|hiring|hire|become|becoming|work as|working as)\s+(?:an?\s+)"
                        r"((?:[a-z][\w'-]*\s*){1,3})")
_JOB_NOUN = re.compile(r"(?<![\w'-])((?:[a-z][\w'-]*\s+){1,4}?)(?:jobs?|roles?|positions?)\b")
_NOT_JOB = frozenset("""a an the my your his her their our its this that these those any some each every which what
    for in at on of to with from into before after during about like as by over per than through via while
    me him us them it myself yourself many much more most few all other
    and or but if so do does did is are was were be been can could should would will must might may i you we they
    how why when where who""".split())

_JOB_WORDS = frozenset("job jobs role roles position positions".split())  # the frame, not the kind of job
_POSSESSIVE = re.compile(r"['’]s$")
_NEXT_WORD = re.compile(r"\s+([a-z][\w'-]*)")
_SPACED = re.compile(r"\S+")
# What a verb takes as its object right after it: a determiner, a possessive or a pronoun.
_OBJECTS = frozenset("a an the this that these those my your his her its our their it them me him us".split())


def _kind_before(asked: str, pattern: re.Pattern[str]) -> str | None:
    """The words naming the kind of thing right before ``pattern``'s head noun ("forklift operator" before
    "interview", "real estate licensing" before "exam"), or None when the head only modifies the next word ("how
    many interview rounds", "the test set") or is a verb itself ("how do I stress test my design")."""
    for m in pattern.finditer(asked):
        after = _NEXT_WORD.match(asked, m.end())
        if after and after.group(1).lower() not in _NOT_JOB:
            continue  # "interview" as a modifier ("how many interview rounds"): the rounds are the subject
        if not _heads_noun_phrase(asked, m.end()):
            continue  # a verb: "how many people interview me", "should I unit test"
        words = [(w.start(), w.group()) for w in _SPACED.finditer(asked, m.start(1), m.end(1))]
        # a number or a pronoun says how many or which, not what kind ("one interview", "two tests")
        cut = max((i for i, (_, w) in enumerate(words)
                   if w.lower() in _NOT_JOB or w.lower() in _NUMBERS or pronoun(w)), default=-1)
        words = words[cut + 1:]
        # A word where English puts a verb is what the asker does, not a kind of thing ("can I practise mock
        # interviews", "when I switch jobs"): the kind starts after it. When the head then takes an object ("should
        # I unit test my code", "how do I stress test the design"), the head is part of that verb too.
        verb = next((i for i, (at, _) in enumerate(words) if verb_follows(asked[:at])), None)
        if verb is not None:
            if after and after.group(1).lower() in _OBJECTS:
                continue
            words = words[verb + 1:]
        words = [w for w in (_POSSESSIVE.sub("", w) for _, w in words) if w.lower() not in _JOB_WORDS]
        if words:
            return " ".join(words)
    return None


def _heads_noun_phrase(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` in ``text`` is the last word of a noun phrase the reader finds
    (:func:`noun_phrases`): a head noun, not a verb ("people interview me") nor a modifier."""
    for at, run in _noun_runs(text):
        if text.find(run[-1], at) + len(run[-1]) == end:
            return True
    return False


# An exam, test or licence of some kind ("the real estate licensing exam", "the CPA exam", "a CDL permit test"): like
# a kind of job, its subject is what a library of tech-interview articles must cover, even when "study" and "hours"
# match a passage on preparing for coding interviews. Capitalised words count here: exams are named by acronyms.
_EXAM_BEFORE = re.compile(r"(?<![\w'-])((?:[A-Za-z][\w'-]*\s+){1,4}?)"
                          r"(?:exams?|examinations?|tests?|licen[cs]es?|certifications?)\b")


def asked_exam(question: str) -> str | None:
    """The kind of exam, test or licence the asking sentence is about ("real estate licensing" in "How many hours
    should I study for the real estate licensing exam?"), or None."""
    return _kind_before(asked_part(question), _EXAM_BEFORE)


def asked_job(question: str) -> str | None:
    """The kind of job or interview the asking sentence is about ("forklift operator" in "What do warehouses ask in a
    forklift operator interview?"), or None: the subject a library of tech-interview articles must cover for the
    answer to stand on it, even when "interview" and "ask" match a passage."""
    asked = asked_part(question)
    kind = _kind_before(asked, _JOB_BEFORE)
    if kind:
        return kind
    for m in _JOB_AFTER.finditer(asked):
        words = []
        for w in m.group(1).split():
            if w.lower() in _NOT_JOB:
                break
            words.append(_POSSESSIVE.sub("", w))
        if words:
            return " ".join(words)
    return _kind_before(asked, _JOB_NOUN)


# Spaces or one hyphen ("out-of-office"); a spaced dash separates clauses ("the hiring process - use 10 pt").
_RUN_GAP = re.compile(r"\s+|-")
# English's prepositions and subordinating conjunctions, closed classes: they join phrases and clauses, never a
# compound ("the letter once I've signed", "code into a zoom interview"). "worth" takes an object as a preposition
# does ("is a bootcamp worth the money", "worth paying for"): it ends the phrase before it.
_JOINERS = frozenset("""about above across after against along among around as at before behind below beneath beside
    besides between beyond by despite down during except for from in inside into like near of off on onto out outside
    over past per since through throughout till to toward towards under underneath until up upon via with within without
    worth versus vs although because once though unless whereas whether while whilst when whenever where wherever if
    than""".split())


def compounds(question: str, placed: bool = True) -> list[tuple[str, list[str]]]:
    """(head, modifiers) of each noun compound of the asking sentence: two or more content words in a row with nothing
    but spaces between them, none standing where English puts a verb, the last one able to be a noun ("signature" of
    "email signature", "letter" of "resignation letter"). English puts a compound's head last: the modifiers say
    which kind of it is asked about. Without ``placed``, only those not in a phrase that places the question ("during
    a zoom interview", "on my CV"): the thing asked about is the one it names outright ("a thank-you email")."""
    asked = asked_part(question)
    return [(run[-1], run[:-1]) for at, run in _noun_runs(asked)
            if len(run) >= 2 and (placed or not _PLACED.search(asked[:at]))]


# A preposition, then any determiners: the noun phrase after it places the question rather than naming its subject.
# Not "of": its phrase completes the noun before it ("what level of French", "the format of a thank-you email"), so
# it names what is asked about.
_PLACED = re.compile(rf"(?i)\b(?:{'|'.join(sorted(_JOINERS - {'of'}))})\s+(?:(?:{'|'.join(sorted(_OBJECTS))})\s+)*$")


def placed_name(question: str, name: str) -> bool:
    """Whether ``name`` stands in the asking sentence only in a phrase that places the question ("knock my CV
    together in Canva", "a site like Quorvi"), not as its subject ("what is Quorvi") nor as a compound's modifier
    naming a kind of thing ("a Kalman filter")."""
    asked = asked_part(question)
    if any(name in modifiers for _, modifiers in compounds(asked)):
        return False
    at = next(name_mentions(name, asked, any_case=False), None)
    return at is not None and bool(_PLACED.search(asked[:at.start()]))


def noun_phrases(text: str) -> list[list[str]]:
    """The runs of content words in ``text`` (see :func:`compounds`) whose last word can be a noun: one word ("email")
    or a compound, head last ("work email")."""
    return [run for _, run in _noun_runs(text)]


def _noun_runs(text: str) -> list[tuple[int, list[str]]]:
    """:func:`noun_phrases` with where each starts in ``text``."""
    from lemminflect import getAllLemmas

    from coach.english import everyday
    from coach.store.bm25 import tokenize

    out: list[tuple[int, list[str]]] = []
    run: list[str] = []
    start = end = 0
    fixed = False  # the word before closed a fixed phrase inside the run ("thank you"): no verb's place after it

    def close() -> None:
        lemmas = getAllLemmas(run[-1]) if run else {}
        # A name inside a sentence ("from Google"); a gerund or a lone word after a determiner is a noun ("the
        # lettering on my CV"; "at the top of", not "the fastest I can").
        after_determiner = text[:start].split()[-1:] and text[:start].split()[-1].lower() in DETERMINERS
        lone = len(run) == 1 and (nxt := _NEXT_WORD.match(text, end)) is not None and nxt.group(1).lower() in _JOINERS
        if run and (not lemmas or "NOUN" in lemmas or after_determiner and (run[-1].lower().endswith("ing") or lone) or
                    run[-1][:1].isupper() and not _SENTENCE_START.search(text[:start])):
            out.append((start, run))

    matches = list(_CLITIC_WORD.finditer(text))
    verbs = _no_noun_places(text, matches)
    for i, m in enumerate(matches):
        word, _, clitic = m.group().replace("’", "'").partition("'")
        at = m.start()
        lemmas = set(getAllLemmas(word))
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if run and pronoun(word) and _fixed_modifier(text, start, run[-1], m, nxt):
            run[-1] = f"{run[-1]} {word}"  # "a thank you email": one modifier, as "thank-you" is
            fixed, end = True, m.end()
            continue
        # An adverb, or a common word the lexicon has no reading of ("because"), names no thing (a capitalised one
        # inside a sentence is a name: "engineers from Google"); nor does a verb: after "I" or "to" (a word the
        # lexicon reads as no verb is a preposition's object: "make it to principal engineer"), after an asked
        # subject ("should my resume say …") or where ``_no_noun_places`` finds one.
        # A contraction ("doesn't", "I'm", "they've") is a pronoun or an auxiliary, no thing; a possessive ("the
        # team's on-call rotation") names its own thing and ends its phrase.
        content = clitic.lower() in ("", "s") and \
            bool(tokenize(word)) and word.lower() not in _JOINERS and not pronoun(word) and \
            lemmas != {"ADV"} and \
            bool(lemmas or not everyday(word) or word[:1].isupper() and not _SENTENCE_START.search(text[:at])) and \
            (fixed or "VERB" not in lemmas and lemmas or not verb_follows(text[:at])) and i not in verbs
        fixed = False
        if not content or not (run and _RUN_GAP.fullmatch(text, end, at)):
            close()
            run, start = [], at
        if content:
            run.append(word)
        end = m.end()
        if clitic and run:
            close()
            run = []
    close()
    return out


# The auxiliaries and modals (closed classes): in a question they come before their subject ("does Dropbox want",
# "will the squared penalty kick ..."), after it in a statement ("the background check will show ...").
_AUX = frozenset("do does did can could should would will shall may might must".split())
_BE = frozenset("is are was were be been being am".split())
# The negated auxiliaries whose stem is no auxiliary once "n't" is cut ("won't" is "will not").
_NEGATED = {"can't": "can", "won't": "will", "shan't": "shall"}
# Pronouns that stand as a verb's object or a person, never before a noun: the word after them is a verb's ("lets me
# practise", "makes someone look"), as the word after a subject pronoun is (``english.verb_follows``).
_PERSONS = frozenset("me us him them someone somebody anyone anybody everyone everybody".split())
_OBJECT_WORDS = _PERSONS | frozenset("you it myself yourself itself ourselves themselves himself herself".split())
_SUBJECTS = frozenset("i you we they he she it".split())
# Number words name how many, not what ("two sets", "one page"): a closed class, like the determiners.
_NUMBERS = frozenset("two three four five six seven eight nine ten eleven twelve twenty fifty hundred hundreds "
                     "thousand thousands dozen dozens".split())
# "let" takes an object and then a bare verb: "let people look", "lets candidates work from home". ("make", "help" and
# "have" do too, but as often take a plain object: "made a counter offer", "have a coding round".)
_CAUSATIVES = frozenset("let lets letting".split())
_WH_WORDS = frozenset("what how why when where who which whom whose".split())
# Conjunctions that open a clause: a question's subject does not run on past them.
_CLAUSE_JOINERS = frozenset("although because once though unless whereas whether while whilst when whenever where "
                            "wherever if than and or but so".split())


_SENTENCE_START = re.compile(r"(?:^|[.?!:;\"“(])\s*$")


def _no_noun_places(text: str, matches: list[re.Match[str]]) -> set[int]:
    """The indices of ``matches`` (words of ``text``) standing where English puts no noun of a noun phrase, although
    the lexicon may read them as nouns: the degree word after "how" ("how long", "how much"), a closed-class adverb
    ("still", "also") or a number word, a verb form the lexicon reads as nothing else ("asked", "became", "lets";
    a participle before its noun modifies it: "paid leave"), a state said of a subject ("a review is positive"), and a
    verb by its place: after the subject of a question's auxiliary ("does Dropbox want", "do people usually work"),
    right after a modal whose subject came before it ("the background check will show"), after a person as object
    ("lets me practise"), at the head of a request ("Walk me through ...") and taking an object ("a method that uses
    a data point", "teams word the blurb")."""
    from lemminflect import getAllInflections, getAllLemmas

    words = [m.group().replace("’", "'").lower() for m in matches]
    # Whether the word at i is followed, with only spaces between, by the word at i + 1; whether a sentence or a
    # clause opens right before the word at i.
    joined = [bool(_RUN_GAP.fullmatch(text, m.end(), n.start())) for m, n in zip(matches, matches[1:])] + [False]
    opens = [i == 0 or bool(re.search(r"[.?!,;:]", text[matches[i - 1].end():m.start()]))
             for i, m in enumerate(matches)]
    lemmas = [getAllLemmas(w) for w in words]
    capitalised = [m.group()[:1].isupper() and not opens[i] for i, m in enumerate(matches)]  # a name: "from Google"
    n = len(words)

    def adverb(i: int) -> bool:
        return bool(re.fullmatch(ADVERB, words[i])) or words[i].endswith("ly") and "ADV" in lemmas[i]

    def base_verb(i: int) -> bool:
        return words[i] in (v.lower() for v in lemmas[i].get("VERB", ()))

    def participle(i: int) -> bool:  # the lexicon lists a regular verb's "-ed" form as its past tense only
        forms = [getAllInflections(v, upos="VERB") for v in lemmas[i].get("VERB", ())]
        return any(words[i] in (x.lower() for x in f.get("VBN", ())) or
                   words[i].endswith("ed") and words[i] in (x.lower() for x in f.get("VBD", ())) for f in forms)

    def object_next(i: int) -> bool:  # a determiner or a pronoun object right after (not "that": "a note that goes")
        return joined[i] and (words[i + 1] in DETERMINERS - {"that"} or words[i + 1] in _OBJECT_WORDS)

    def noun_next(i: int) -> bool:  # a word right after that a compound goes on with (a noun, or a word unknown)
        if not joined[i]:
            return False
        w = words[i + 1]
        return not (w in DETERMINERS or pronoun(w) or w in _JOINERS or w in _CLAUSE_JOINERS or w in _WH_WORDS or
                    w in _AUX or w in _BE or adverb(i + 1)) and \
            (not lemmas[i + 1] or "NOUN" in lemmas[i + 1])

    def verb_next(i: int) -> bool:  # the verb of the clause comes right after: the word at i ends its subject
        return joined[i] and (words[i + 1] in _AUX or words[i + 1] in _BE or
                              set(lemmas[i + 1]) == {"VERB"} and base_verb(i + 1))

    def verb_here(i: int) -> bool:  # a base verb, unless the lexicon also reads it as a noun a compound goes on from
        return base_verb(i) and ("NOUN" not in lemmas[i] or not noun_next(i) and not verb_next(i))

    def opens_phrase(i: int) -> bool:  # a determiner or quantifier: a noun phrase goes on after it
        return words[i] in DETERMINERS or words[i] in ("every", "no") or pronoun(words[i]) and words[i] not in _PERSONS

    def state(i: int) -> bool:  # an adjective said of a subject: "fine"; not "number" (the comparative of "numb")
        return words[i] in (a.lower() for a in lemmas[i].get("ADJ", ())) or \
            "ADJ" in lemmas[i] and "NOUN" not in lemmas[i]

    def statement(i: int) -> bool:
        """Whether the auxiliary at i follows its subject: no wh-word before it in its clause, or one that asks
        how, why, when or where of a clause of its own ("how one job should look"), where "what questions should I
        ask" and "how many weeks should I" put a wh-phrase before the auxiliary."""
        start = i
        while start > 0 and not opens[start]:
            start -= 1
        wh = [k for k in range(start, i) if words[k] in _WH_WORDS]
        if not wh:
            return True
        k = wh[-1]
        return words[k] in ("how", "why", "when", "where") and k + 1 < i and k + 1 not in out and \
            words[k + 1] not in ("many", "much")

    def finite(i: int) -> bool:  # a verb by its form, or a base form after a plural subject ("teams word the blurb")
        # or before an object pronoun, which no noun takes ("people interview me")
        return third_person(i) or "NOUN" not in lemmas[i] or words[i].endswith("ed") or \
            joined[i] and words[i + 1] in ("me", "us", "him", "them") or \
            base_verb(i) and i > 0 and words[i - 1].endswith("s") and words[i - 1] not in lemmas[i - 1].get("NOUN", ())

    def third_person(i: int) -> bool:  # "works", "groups": a verb's form for "it"
        return any(words[i] in (x.lower() for x in getAllInflections(v, upos="VERB").get("VBZ", ()))
                   for v in lemmas[i].get("VERB", ()))

    def embedded(i: int) -> bool:  # a wh-word and a determiner open the clause of the word at i, with no verb between
        start = i
        while start > 0 and not opens[start] and words[start - 1] not in _WH_WORDS:
            start -= 1
        return start > 0 and words[start - 1] in _WH_WORDS and words[start] in DETERMINERS and \
            not any(k in out or words[k] in _AUX | _BE for k in range(start, i))

    def wh_subject(i: int) -> bool:  # "which" or "what" and the words of a noun phrase right before the word at i
        k = i - 1
        while k >= 0 and joined[k] and k not in out and words[k] not in _WH_WORDS and lemmas[k] and \
                "NOUN" in lemmas[k] and not pronoun(words[k]):
            k -= 1
        return 0 <= k < i - 1 and joined[k] and words[k] in ("which", "what")

    def caused(i: int) -> bool:
        """Whether "let" and its object, a noun phrase, come right before the word at i ("let people"): the word is
        the verb it lets happen, in its base form."""
        k = i - 1
        while k >= 0 and joined[k] and k not in out and (words[k] in DETERMINERS or lemmas[k] and "NOUN" in lemmas[k]
                                                         and not pronoun(words[k])):
            k -= 1
        return 0 <= k < i - 1 and joined[k] and words[k] in _CAUSATIVES

    def clause_has(i: int, kinds: frozenset[str]) -> bool:
        start = i
        while start > 0 and not opens[start]:
            start -= 1
        return any(w in kinds for w in words[start:i])

    out: set[int] = set()
    for i, w in enumerate(words):
        reads = lemmas[i]
        after_how = i and words[i - 1] == "how" and joined[i - 1]
        if after_how and (w in ("many", "much") or not noun_next(i)) or w in _NUMBERS or w in _BE or w in _AUX or \
                (adverb(i) and not (w == "first" and noun_next(i))):
            out.add(i)  # "how long", "how many"; not "how new people get up to speed"
        elif reads and set(reads) <= {"VERB", "AUX"} and not w.endswith("ing") and not capitalised[i] and \
                not (i and words[i - 1] in DETERMINERS) and \
                not (participle(i) and noun_next(i) and not (i and words[i - 1] in _BE)):
            out.add(i)  # "asked", "lets", "became"; a participle before its noun modifies it ("paid leave")
        elif opens[i] and base_verb(i) and ("NOUN" not in reads or object_next(i)):
            out.add(i)  # a request: "Walk me through ...", "Explain gradient descent"
        elif i and words[i - 1] in _PERSONS and joined[i - 1] and verb_here(i):
            out.add(i)  # "lets me practise"
        elif i and "VERB" in reads and \
                (object_next(i) and finite(i) or words[i - 1] == "that" and third_person(i)) and \
                (words[i - 1] not in DETERMINERS or words[i - 1] == "that" and third_person(i)) and \
                words[i - 1] not in _JOINERS and joined[i - 1]:
            out.add(i)  # "that uses a data point", "teams word the blurb", "a service that haggles"
        elif i > 1 and (words[i - 1] in _BE or linking_verb(words[i - 1])) and joined[i - 1] and state(i) and \
                not noun_next(i) and \
                not opens[i - 1] and words[i - 2] not in _WH_WORDS | _AUX | _BE and not pronoun(words[i - 2]):
            out.add(i)  # "whether a customer review is positive": a state, not a thing
        elif i > 1 and third_person(i) and not noun_next(i) and not opens_phrase(i - 1) and embedded(i):
            out.add(i)  # "how a hash map works": a clause after a wh-word, its verb last
        elif i > 1 and third_person(i) and wh_subject(i) and (object_next(i) or joined[i] and words[i + 1] in _JOINERS
                                                              and i + 2 < n and opens_phrase(i + 2)):
            out.add(i)  # "which grouping method starts with every ...": the wh-phrase is the subject
        elif third_person(i) and joined[i] and words[i + 1].endswith("ing") and set(lemmas[i + 1]) == {"VERB"}:
            out.add(i)  # "keeps merging", "starts using"
        elif base_verb(i) and not noun_next(i) and not verb_next(i) and caused(i):
            out.add(i)  # "let people look at them"
    for i, w in enumerate(words):
        w = _NEGATED.get(w, w.removesuffix("n't"))  # "didn't", "doesn't", "won't": an auxiliary all the same
        if w not in _AUX and w not in _BE or clause_has(i, _AUX | _BE):
            continue  # an auxiliary after another one in its clause is a main verb ("what does a penalty do to ...")
        if not opens[i] and (words[i - 1] in _SUBJECTS or
                             words[i - 1] not in _WH_WORDS and not pronoun(words[i - 1]) and statement(i)):
            # The auxiliary after its subject, a pronoun ("a recipe I can cook") or a statement's ("the background
            # check will show an old DUI"): the verb comes after it.
            j = i + 1
            while j < n and adverb(j):
                j += 1
            if w in _AUX and j < n and verb_here(j):
                out.add(j)
            continue
        # A question: its subject after the auxiliary (determiners and quantifiers first), then its verb: one the
        # lexicon reads only as a verb, else one taking an object or ending the clause, else one before a
        # preposition ("does Dropbox want in a candidate"); after an adverb, the verb ("do people usually work").
        j = i + 1
        while j < n and joined[j - 1] and (opens_phrase(j) and words[j] not in _SUBJECTS or words[j] == "of"):
            j += 1
        if j < n - 1 and words[j] == "it" and joined[j] and verb_here(j + 1):
            out.add(j + 1)  # "does it matter", "does it take" (``english.verb_follows`` reads persons)
        if j >= n or not joined[j - 1] or words[j] in _JOINERS or words[j] in _PERSONS or words[j] in _SUBJECTS or \
                words[j] == "there":
            continue  # "is there a trick ...": the subject comes after "there"
        if j > i + 1 and words[j - 1] in ("this", "that", "these", "those") and base_verb(j) and not joined[j]:
            out.add(j)  # "what does that mean?": the demonstrative is the subject
            continue
        if j == i + 1 and base_verb(j) and ("NOUN" not in lemmas[j] or joined[j] and words[j + 1] in _JOINERS):
            out.add(j)  # "what should go in a portfolio": the wh-word is the subject, the verb comes at once
            continue
        ranked: list[tuple[int, int]] = []
        for k in range(j + 1, min(j + 10, n)):
            if words[k] in _SUBJECTS and set(lemmas[k - 1]) == {"VERB"}:
                continue  # the object of a fixed phrase ("a thank you note"), no new subject
            # "to" before a verb starts an infinitive ("use to auto-reject"), before a determiner a phrase of the
            # subject ("a thank-you email to my interviewers say")
            if not joined[k - 1] or words[k] in _AUX | _BE | _CLAUSE_JOINERS | _PERSONS | _SUBJECTS | _WH_WORDS or \
                    words[k] == "that" or words[k] == "to" and not (k + 1 < n and words[k + 1] in DETERMINERS):
                break
            if w in _BE:  # "is plain accuracy fine when ...": the state said of the subject
                if state(k) and not noun_next(k):
                    ranked.append((0, k))
                continue
            if not base_verb(k) or verb_next(k) or opens_phrase(k - 1):
                continue  # after a determiner ("every question"), a noun
            if "NOUN" not in lemmas[k] and not ("ADJ" in lemmas[k] and noun_next(k)) or adverb(k - 1):
                ranked.append((0, k))
            elif object_next(k) or not joined[k] or \
                    "ADJ" in lemmas[k + 1] and words[k + 1] not in _JOINERS and not noun_next(k):
                ranked.append((1, k))
            elif not noun_next(k):
                ranked.append((2, k))  # before a preposition ("does Dropbox want in a candidate")
        if ranked:
            out.add(min(ranked)[1])
    return out


def asked_phrase(question: str, named: str) -> str | None:
    """The noun phrase of the question that ``named`` (words a decline would name) is part of, whole and as written
    ("grade point average" for "grade", "real estate licensing exam" for "real estate licensing"; a one-word head
    with its "of" phrase: "level of French" for "level"), else the one its first word is part of ("non-compete
    clause" for "clause enforceable"), the asking sentence first; or None when ``named`` is part of no noun phrase (a
    verb, "versus"): a decline then gives its reason without naming a thing, rather than showing the asker a fragment
    of their question."""
    want = [_POSSESSIVE.sub("", w.lower()) for w in _CLITIC_WORD.findall(named.replace("’", "'"))]
    if not want:
        return None
    if len(want) > 1 and re.search(r"\w['’]s\s+\w", named) and named in question:
        return named  # "band's gig": a possessive and its noun, one phrase (the reader ends a phrase at "'s")
    for text in dict.fromkeys([asked_part(question), question]):
        runs = _noun_runs(text)
        for whole in (want, want[:1]):
            for n, (at, run) in enumerate(runs):
                low = [_POSSESSIVE.sub("", w.lower()) for part in run for w in _CLITIC_WORD.findall(part)]
                if not any(low[i:i + len(whole)] == whole for i in range(len(low) - len(whole) + 1)):
                    continue
                end = text.find(run[-1], at) + len(run[-1])
                nxt = runs[n + 1] if n + 1 < len(runs) else None
                prev = runs[n - 1] if n else None
                if len(run) == 1 and nxt and _OF_BETWEEN.fullmatch(text, end, nxt[0]):
                    end = text.find(nxt[1][-1], nxt[0]) + len(nxt[1][-1])  # "level of French": the head says little
                elif len(run) == 1 and prev and len(prev[1]) == 1 and \
                        _OF_BETWEEN.fullmatch(text, prev[0] + len(prev[1][0]), at):
                    at = prev[0]  # "French" of "level of French": the same phrase, from its head
                return " ".join(text[at:end].split())
    return None


def lacked_before(question: str, phrase: str, occurs: Callable[[str], bool]) -> str | None:
    """The noun phrase of the asking sentence before ``phrase`` (the thing a decline would name) that holds a word no
    article uses (``occurs``), as :func:`asked_phrase` names it: "level of French" in "what level of French do I
    need for a dev job in Paris?", where the job only sets the scene. None when there is none."""
    asked = asked_part(question)
    stop = asked.lower().find(phrase.lower())
    if stop < 0:
        return None
    for at, run in _noun_runs(asked[:stop]):
        lacked = next((w for part in run for w in _CLITIC_WORD.findall(part)
                       if not any(c.isdigit() for c in w) and not occurs(w.lower())), None)
        if lacked:
            return asked_phrase(question, lacked) or lacked
    return None


_OF_BETWEEN = re.compile(rf"(?i)\s+of\s+(?:(?:{'|'.join(sorted(DETERMINERS))})\s+)?")


def _fixed_modifier(text: str, start: int, last: str, word: re.Match[str], nxt: re.Match[str] | None) -> bool:
    """Whether the pronoun ``word`` closes a fixed phrase used as a modifier with the run's ``last`` word ("a thank you
    email"): the run opens after a determiner, so a noun phrase runs on to its head; ``last`` reads only as a verb,
    whose object the pronoun is; a word that can be a noun follows at once. After a noun the pronoun starts a clause
    ("the team you join")."""
    from lemminflect import getAllLemmas

    before = text[:start].split()
    if not before or before[-1].lower() not in DETERMINERS or nxt is None or \
            not _RUN_GAP.fullmatch(text, word.end(), nxt.start()):
        return False
    last_reads, next_reads = getAllLemmas(last), getAllLemmas(nxt.group())
    return set(last_reads) == {"VERB"} and nxt.group().lower() not in _JOINERS and not pronoun(nxt.group()) and \
        (not next_reads or "NOUN" in next_reads)


def names_kind(modifier: str) -> bool:
    """Whether a compound's modifier names a kind of its head, as a noun does ("reference" letter, "thank-you" email),
    rather than a quality or an act ("technical" round, "free" way, "squashing" function, "software that screens
    applications"): a word the lexicon reads as a singular noun — English modifies by the singular — and never as an
    adjective, or does not know (for a hyphenated word, its last part)."""
    from lemminflect import getAllLemmas

    word = modifier.rsplit("-", 1)[-1] if not getAllLemmas(modifier) else modifier
    lemmas = getAllLemmas(word)
    return not lemmas or (word.lower() in (x.lower() for x in lemmas.get("NOUN", ())) and "ADJ" not in lemmas)


def _forms_pattern(word: str) -> str:
    """A regex alternative of ``word`` in any form the lexicon knows, plural included ("doc", "docs")."""
    forms = sorted({word.lower(), *word_forms([word])}, key=len, reverse=True)
    return "|".join(rf"{re.escape(f)}(?:e?s)?" for f in forms)


def writes_together(modifier: str, head: str, texts: Sequence[str]) -> bool:
    """Whether ``texts`` write ``modifier`` before ``head`` in one phrase, as a library that uses the compound does:
    any forms, up to two words between with only spaces or hyphens ("design docs", "take-home coding interview" for
    "take-home interview"), no punctuation ("design. Docs")."""
    pattern = re.compile(rf"(?<![\w-])(?:{_forms_pattern(modifier)})(?:[\s-]+[\w'’]+){{0,2}}?[\s-]+"
                         rf"(?:{_forms_pattern(head)})(?![\w-])", re.I)
    return any(pattern.search(t) for t in texts if t)


def phrasal(modifier: str) -> bool:
    """Whether ``modifier`` is a hyphenated phrase with a preposition ("step-by-step", "out-of-office", "up-to-date"):
    it qualifies its head, as an adjective does, rather than naming a kind of it."""
    parts = modifier.lower().split("-")
    return len(parts) > 1 and bool(_JOINERS & set(parts))


def kinds_named(head: str, texts: Sequence[str]) -> list[str]:
    """How ``texts`` name the thing ``head`` names: each noun phrase of theirs that ends in it, with its own modifiers
    ("work email") or bare ("email"). A phrase it only modifies ("email address") names another thing."""
    from coach.store.bm25 import tokenize

    key = set(tokenize(head))
    return list(dict.fromkeys(" ".join(run) for text in texts for run in noun_phrases(text)
                              if set(tokenize(run[-1])) == key))


# A kind of job names a person at work ("forklift operator", "nanny", "dental hygienist"); an interview's format or
# stage ("zoom", "panel", "take-home coding", "phone screen", "in-person onsite") names none: it is how the interview is
# held, not a subject the library must cover. Measured on the tuning split's phrases that ``asked_job`` returns: the
# jobs to decline sit at 0.29 and above, the formats and interview kinds at 0.25 and below.
OCCUPATION = "someone who works as a"
OCCUPATION_MIN = 0.26


def names_occupation(phrase: str, encode) -> bool:
    """Whether ``phrase`` (from :func:`asked_job`) names an occupation by meaning, not an interview's format.
    ``encode`` maps texts to unit vectors (cached by the caller)."""
    import numpy as np

    vectors = np.asarray(encode([phrase, OCCUPATION]))
    return float(vectors[0] @ vectors[1]) >= OCCUPATION_MIN


def _listed(names: list[str], limit: int) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def coverage_reply(reason: str, articles: Sequence[Article], roles: Sequence[Role], companies: Sequence[str]) -> str:
    """A helpful out-of-scope reply listing what the library does cover (invents nothing): the reason on the first
    line, then one line each for the companies, roles, articles and what to do (the web app folds those away)."""
    if not articles:  # the reason can only be that: said once, with where to add articles in either shell
        return ("I can't answer that yet: the library is empty. Add articles in the Library tab or with "
                "`coach ingest PATH`.")
    titles = "; ".join(f"“{a.title}”" for a in articles[:8])
    more = f" (and {len(articles) - 8} more)" if len(articles) > 8 else ""
    parts = [f"I can't answer that from the library: {reason}, so I won't guess."]
    if companies:
        parts.append(f"It covers these companies: {_listed(list(companies), 12)}.")
    if roles:
        parts.append(f"Roles: {_listed([r.name for r in roles], 12)}.")
    parts.append(f"Articles: {titles}{more}.")
    parts.append("Try asking about interview rounds, system design, pay or timelines for one of these roles. To have "
                 "this covered, add an article about it: `coach ingest PATH` or the Library tab's upload.")
    return "\n".join(parts)


def refers_back_reply(question: str) -> str:
    """The reply to a question that only points back ("How did you solve it?") when nothing came before it."""
    return (f"“{question.strip()}” refers back to something said before, but this conversation has no earlier "
            "question to take it from. Please ask it in full, naming what you mean — for example “How should I "
            "answer a question about a conflict with my manager?”")


# Topics outside interview preparation, as descriptions: the question's meaning is compared with them, so a
# question about a topic none of its words name in ``OFF_DOMAIN`` ("how many sets at the gym") is still noticed.
# No description uses a word interviews use in their own sense ("phone" as in phone screen, "exercise" as in coding
# exercise): it would pull those questions towards the outside topic.
OFF_DOMAIN_TOPICS = {
    "health": "health, medicine, illness, pain or doctors",
    "fitness": "fitness, gym workouts or sport",
    "cooking": "cooking, recipes, food or baking",
    "travel": "travel, flights, hotels, visas or passports",
    "law": "law, lawyers, legal rights or lawsuits",
    "money and housing": "taxes, personal finance, loans, mortgages or investing",
    "cars": "cars, driving, vehicles or car insurance",
    "shopping": "buying gadgets, electronics or consumer products",
    "home and garden": "home, garden, plants or furniture",
    "pets": "pets, dogs or cats",
    "relationships": "weddings, dating, relationships or family",
    "weather": "weather or climate",
    "entertainment": "movies, music, TV or video games",
    "politics and religion": "politics, news or religion",
}
# A question is off-domain when it is closer to an outside topic than to its best evidence (the best passage or the
# sentence its answer would quote).
OFF_TOPIC_MARGIN = 0.0
# ... unless the sentences the answer quotes are themselves about that topic, at least this share of the question's
# closeness to it: a recommender passage covers "a 'customers also bought' engine for an online shop" although the
# question reads as shopping; nothing about training covers "how long should I rest between sets".
TOPIC_COVERED = 0.5


def off_domain_by_meaning(question_vector, evidence_relevance: float, encode, quoted: Sequence[str] = ()
                          ) -> str | None:
    """Why the question is outside interview preparation, judged by meaning: its vector is closer to an outside
    topic than to the best retrieved evidence, and the ``quoted`` sentences of the answer do not cover that topic.
    ``encode`` maps texts to unit vectors (cached by the caller)."""
    import numpy as np

    names = list(OFF_DOMAIN_TOPICS)
    topics = np.asarray(encode([OFF_DOMAIN_TOPICS[n] for n in names]))
    sims = topics @ question_vector
    best = int(np.argmax(sims))
    if float(sims[best]) - evidence_relevance <= OFF_TOPIC_MARGIN:
        return None
    covered = float(np.max(np.asarray(encode(list(quoted))) @ topics[best])) if quoted else 0.0
    if covered >= TOPIC_COVERED * float(sims[best]):
        return None
    return f"the question is about {names[best]}, which the interview articles in the library do not cover"
