"""Companies and roles an article discusses, with the sections where they occur.

A company is discussed when (no list of real companies is used; only what the article says):
- it is the article's main company (sidecar ``company`` or named in the title before a role / after "at");
- a section heading names it as the subject of a role or of interviews ("## Stripe Software Engineer behavioral
  interview questions", "## The Acme interview process");
- the text repeatedly names it as an employer: "interview(s) at X", "work at X", "X's interview", "X interviews"
  (two or more times).
A capitalised word alone is never a company: "Google Docs", "LeetCode" or a product in a list are tools, not
employers the article discusses.
"""
from __future__ import annotations

import re

from coach.models import Mention, Role
from coach.roles import lexicon_roles, role_mentions

_NAME = r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2}"
# Lower-case interview words after a capitalised run: in a sentence-case heading or in prose the capitals are the
# name's own ("Stripe interviews"); in Title Case ("Hello Interview") they say nothing, so those are not used.
_AFTER_NAME = re.compile(r"^(?:['’]s\s+)?(?:interviews?|interviewing|interview\s+(?:process|loop|questions)|"
                         r"hiring\s+process|recruiting|onsite|on-site)\b")
_EMPLOYER = re.compile(
    rf"\b(?:interview(?:s|ed|ing)?|work(?:s|ed|ing)?|job|jobs|offers?|roles?|positions?|hired|internships?)\s+at\s+"
    rf"({_NAME})|(?<![\w.])({_NAME})(?:['’]s)?\s+(?:interview(?:s|ers)?|hiring\s+process|recruiters?|onsite)\b"
)
_GENERIC = {
    "the", "a", "an", "our", "your", "my", "this", "that", "these", "those", "common", "most", "top", "best",
    "final", "mock", "system", "design", "coding", "technical", "behavioral", "behavioural", "software",
    "engineering", "data", "product", "ml", "ai", "machine", "learning", "tech", "big", "faang", "manga", "first",
    "second", "third", "next", "last", "virtual", "onsite", "phone", "take-home", "panel", "case", "sample",
    "practice", "example", "typical", "real", "how", "what", "why", "when", "where", "which", "who", "whose",
    "senior", "junior", "staff", "principal", "lead", "new", "grad", "entry", "level", "general", "standard",
    "other", "all", "some", "many", "more", "each", "every", "any", "both", "their", "his", "her", "its", "they",
    "we", "you", "i", "is", "are", "was", "be", "do", "does", "did", "can", "could", "should", "will", "would",
    "may", "might", "must", "and", "or", "but", "if", "so", "of", "in", "on", "for", "to", "at", "by", "with",
    "from", "about", "as", "after", "before", "during", "interview", "interviews", "questions", "question",
    "guide", "tips", "process", "round", "rounds", "loop", "team", "teams", "company", "companies", "startup",
    "startups", "hiring", "manager", "managers", "recruiter", "recruiters", "engineer", "engineers", "developer",
    "developers", "scientist", "scientists", "analyst", "analysts", "remote", "hybrid", "good", "great", "bad",
    "successful", "aspiring", "future", "experienced", "average", "ideal", "strong", "weak", "modern", "your",
    "internal", "external", "initial", "early", "late", "full", "part", "time", "becoming", "getting", "acing",
    "cracking", "passing", "preparing", "landing", "nailing", "inside", "why", "career", "careers",
}  # fmt: skip
_STRIP_WORDS = {"senior", "junior", "staff", "principal", "lead", "sr", "jr", "sr.", "jr."}


def _clean_name(words: list[str], roles: list[Role]) -> str | None:
    words = [re.sub(r"['’]s$", "", w).strip(".,:;()[]") for w in words]
    words = [w for w in words if w]
    while words and (words[0].lower() in _GENERIC or not words[0][:1].isupper()):
        words.pop(0)
    while words and words[-1].lower() in _STRIP_WORDS:
        words.pop()
    if not words or any(w.lower() in _GENERIC for w in words):
        return None
    name = " ".join(words)
    if len(name) < 2 or name.isdigit() or role_mentions(name, [*roles, *lexicon_roles()]):
        return None  # "SRE interviews", "Applied Scientist interviews": a role, not a company
    return name


def _run_before(text: str, cut: int) -> list[str]:
    """The capitalised words right before ``cut`` (at most three), skipping a level word next to a role."""
    run: list[str] = []
    for w in reversed(text[:cut].split()):
        if w.lower().strip(".,") in _STRIP_WORDS and not run:
            continue  # "Pellucid Senior Frontend Engineer": the level sits between company and role
        if not (w[:1].isupper() or w[:1].isdigit()) or len(run) == 3:
            break
        run.insert(0, w)
    return run


def heading_company(heading: str, roles: list[Role]) -> str | None:
    """The company a heading is about: the capitalised run right before a capitalised role name ("Stripe Software
    Engineer interview questions") or before a lower-case interview word ("The Acme interview process")."""
    known = [*roles, *lexicon_roles()]
    for start, _, _ in role_mentions(heading, known):
        if start > 0 and heading[start].isupper():
            return _clean_name(_run_before(heading, start), roles)
        break
    for m in re.finditer(r"\S+", heading):
        if m.start() > 0 and _AFTER_NAME.match(heading[m.start():]):
            return _clean_name(_run_before(heading, m.start()), roles)
    return None


def discussed_companies(
    main: str | None, sections: list[tuple[str | None, str]], roles: list[Role], full_text: str
) -> list[Mention]:
    """Companies the article discusses. ``sections``: (heading path, section text incl. heading) per section."""
    names: list[str] = [main] if main else []
    for path, _ in sections:
        heading = (path or "").split(" > ")[-1]
        name = heading_company(heading, roles) if heading else None
        if name and _title_case(heading) and len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", full_text)) < 2:
            continue  # in a Title Case heading every word is capitalised: the text must name it again
        if name and name not in names:
            names.append(name)
    counts: dict[str, int] = {}
    known = [*roles, *lexicon_roles()]
    for m in _EMPLOYER.finditer(full_text):
        raw = m.group(1) or m.group(2) or ""
        cut = next((s for s, _, _ in role_mentions(raw, known)), len(raw))  # "Amazon Applied Scientist" -> Amazon
        name = _clean_name(raw[:cut].split(), roles)
        if name:
            counts[name] = counts.get(name, 0) + 1
    for name, n in counts.items():
        if n >= 2 and name not in names:
            names.append(name)
    out: list[Mention] = []
    for name in names:
        pat = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        where = [p for p, text in sections if p and pat.search(text)]
        out.append(Mention(name=name, sections=list(dict.fromkeys(where)), count=len(pat.findall(full_text))))
    return out


def discussed_roles(roles: list[Role], sections: list[tuple[str | None, str]]) -> list[Mention]:
    """Each article role with the sections that mention it (by name or alias) and how often."""
    out: list[Mention] = []
    for role in roles:
        where: list[str] = []
        count = 0
        for path, text in sections:
            n = sum(1 for _ in role_mentions(text, [role]))
            count += n
            if n and path and path not in where:
                where.append(path)
        out.append(Mention(name=role.name, sections=where, count=count))
    return out


def _title_case(heading: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", heading) if len(w) > 3]
    return len(words) >= 2 and all(w[0].isupper() for w in words)
