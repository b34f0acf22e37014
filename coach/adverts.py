"""Adverts, promotion and attribution furniture: one place that says what is never article content to quote.

Three strengths, used where each fits:
- :func:`is_advert` (ingest): a referral block — a tracking/affiliate link plus a call to action, or a short linked
  paragraph that only points elsewhere. Dropped before chunking.
- :func:`sponsored` / :func:`promo_sentence` (retrieval and answers): a sponsored section is never retrieved; a
  sentence with a discount, coupon or "sign up now" is never quoted. Naming a book or guide is NOT promotion here
  (an answer may cite "the Tech Interview Handbook" as a resource).
- :func:`promotional` (role comparison cells): the strictest — also any link or a named course/book/guide, because a
  comparison cell states a fact about the interview, never a product.

:func:`attribution` spots "Source: Glassdoor" lines: they credit where a list came from and are never an answer.
"""
from __future__ import annotations

import re

# Calls to buy, join or claim a deal: never an answer sentence.
_CALL_TO_ACTION = (
    r"\b\d{1,2}\s?%\s*(?:off|discount)\b|\bdiscount\b|\bcoupon\b|\bpromo(?:tion)?\s+code\b|\bjoin\s+(?:today|now)\b|"
    r"\bget\s+(?:lifetime\s+)?access\b|\bsign\s+up\s+(?:now|today)\b|\bbook\s+a\s+free\b|\bcheck\s+(?:it|them)\s+out\b|"
    r"\bsection\s+was\s+added\s+by\b|\bsponsored\b|\baffiliate\b|\brisk[- ]free\b|\bfree\s+trial\b|\blimited[- ]time\b|"
    r"\buse\s+(?:my|our)\s+(?:link|code)\b"
)
_PROMO_SENTENCE = re.compile(_CALL_TO_ACTION, re.I)
# With a tracking link, softer wording is enough to make a paragraph an advert ("we recommend", "sign up").
_ADVERT_WORDING = re.compile(
    _CALL_TO_ACTION + r"|\bcheck\s+(?:this\s+)?out\b|\bsign\s+up\b|\bget\s+paid\s+more\b|\bcurrently\s+offering\b|"
    r"\bwe\s+recommend\b", re.I)
_TRACKING_LINK = re.compile(
    r"[?&](?:utm_[a-z]+|aff|aff_id|affiliate|afftrack|ref|referral|fpr|via|coupon|promo)=|"
    r"\b(?:shareasale\.com|awin1\.com|impact\.com|partnerstack\.com|amzn\.to|bit\.ly)\b|"
    r"//[\w.-]+\.[a-z]{2,}/r/[\w-]+",
    re.I,
)
# A short paragraph that only sends the reader elsewhere: "Check out X", "Read more about Y on Z".
_POINTER = re.compile(r"^(?:check\s+(?:it|them|this)?\s*out|read\s+more|learn\s+more|find\s+out\s+more|see\s+more|"
                      r"sign\s+up|subscribe|join\s+(?:today|now|us))\b", re.I)
_SPONSORED = re.compile(r"\b(?:this section was (?:added|written) by|sponsored by|paid partnership|advertisement)\b",
                        re.I)
# A product rather than a fact: a link or a named course, book or guide ("the X Interview Playbook covers ...").
_PRODUCT = re.compile(
    r"https?://|www\.|(?i:\b(?:buy|subscribe|sign[- ]up|enrol+|use (?:the )?code|free trial)\b)|"
    r"\b(?:[A-Z][\w&'-]*\s+){1,5}(?:Playbook|Course|Bootcamp|Masterclass|Handbook|Academy|Newsletter|Program(?:me)?|"
    r"Toolkit|Cheat ?Sheet)s?\b")
# "Source: Glassdoor", "Source: [Glassdoor](https://...)", "Sources: Levels.fyi, Blind": a short credit line.
_ATTRIBUTION = re.compile(
    r"^\W*(?:sources?|via|credits?|courtesy of|adapted from)\s*:\s*"
    r"(?:\[[^\]\n]{1,80}\]\([^)\n]*\)|[^.!?:\n]{1,40})(?:\s*,\s*(?:\[[^\]\n]{1,80}\]\([^)\n]*\)|[^.!?:,\n]{1,60}))*"
    r"\W*$", re.I)


def is_advert(text: str, hrefs: list[str]) -> bool:
    """A referral block: it links with tracking/affiliate parameters and asks the reader to buy, join or click; or
    a short linked paragraph that only points elsewhere ("Check out X", "Read more about Y on Z")."""
    if hrefs and len(text.split()) <= 30 and _POINTER.match(text.strip()):
        return True
    return any(_TRACKING_LINK.search(h) for h in hrefs) and bool(_ADVERT_WORDING.search(text))


def promo_sentence(text: str) -> bool:
    """A sentence that sells (a discount, a coupon, "join today"): never quoted as an answer."""
    return bool(_PROMO_SENTENCE.search(text or ""))


def sponsored(section: str | None, text: str) -> bool:
    """A sponsored section or an advert block (judged by its heading and opening): never retrieved."""
    return bool(_SPONSORED.search(f"{section or ''}\n{(text or '')[:300]}"))


def promotional(text: str) -> bool:
    """Whether ``text`` advertises something (a product, course or link, or a call to buy) instead of stating a
    fact: the strict test for comparison cells."""
    return bool(_PRODUCT.search(text or "") or _PROMO_SENTENCE.search(text or ""))


def attribution(line: str) -> bool:
    """A "Source: X" credit line (page furniture, never an answer)."""
    s = (line or "").strip()
    return len(s) <= 160 and bool(_ATTRIBUTION.match(s))
