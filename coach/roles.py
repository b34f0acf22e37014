"""Role lexicon and alias resolution ("MLE" ⇄ "Machine Learning Engineer"), shared by ingest, retrieval, critique.

Matching rules:
- full names and multi-word aliases match case-insensitively on word boundaries, plural allowed
  ("ML engineers", "Applied Scientists");
- short all-caps aliases ("MLE", "AS", "PM") match case-sensitively, plural allowed ("MLEs"), so the English word
  "as" is never the Applied Scientist role;
- a mention that is the first word of a capitalised name ("the PM Interview Playbook") is not a role mention.
"""
from __future__ import annotations

import re
from functools import lru_cache

from coach.errors import UnknownRoleError
from coach.models import Role

# canonical name -> aliases. Order matters only for display.
LEXICON: dict[str, tuple[str, ...]] = {
    "Software Engineer": ("SWE", "SDE", "Software Development Engineer", "Software Developer"),
    "Machine Learning Engineer": ("MLE", "ML Engineer"),
    "Applied Scientist": ("AS",),
    "Data Scientist": ("DS",),
    "Data Engineer": ("DE",),
    "Data Analyst": ("DA", "Business Intelligence Analyst", "BI Analyst"),
    "Research Scientist": ("RS", "AI Research Scientist", "ML Research Scientist"),
    "Research Engineer": ("RE",),
    "Site Reliability Engineer": ("SRE",),
    "Product Manager": ("PM", "Product Owner"),
    "Technical Program Manager": ("TPM",),
    "Program Manager": (),
    "Engineering Manager": ("EM", "Software Engineering Manager"),
    "Frontend Engineer": ("Front-end Engineer", "Front End Engineer", "Frontend Developer", "Front-end Developer"),
    "Backend Engineer": ("Back-end Engineer", "Back End Engineer", "Backend Developer", "Back-end Developer"),
    "Full Stack Engineer": (
        "Full-stack Engineer", "Fullstack Engineer", "Full Stack Developer", "Full-stack Developer",
    ),
    "DevOps Engineer": (),
    "Security Engineer": ("Application Security Engineer",),
    "Solutions Architect": ("SA", "Solution Architect"),
    "Quality Assurance Engineer": ("QA Engineer", "QAE", "SDET"),
    "Mobile Engineer": ("iOS Engineer", "Android Engineer", "Mobile Developer"),
    "Product Designer": ("UX Designer",),
}

# Words that end a role title; used to accept roles that are not in the lexicon when the article defines them
# as "Quantitative Researcher (QR)".
_ROLE_HEADS = ("Engineer", "Scientist", "Manager", "Analyst", "Architect", "Developer", "Designer", "Researcher")
_ROLE_WORD = r"(?:[A-Z][A-Za-z]*|ML|AI)"
# "Machine Learning Engineer (MLE)", "Machine Learning Engineers (MLEs)"; not "Software Engineer (Backend)"
_DEFINITION = re.compile(rf"\b({_ROLE_WORD}(?:[ -]{_ROLE_WORD}){{0,4}})\s*\(([A-Z][A-Z&]{{1,5}})s?\)")
_VS = re.compile(r"\s+(?:vs\.?|versus|or)\s+|\s*/\s*", re.I)


def _is_abbrev(alias: str) -> bool:
    return len(alias) <= 5 and alias.isupper() and " " not in alias


def _term_regex(term: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s-]+", term)]
    return r"[\s-]+".join(words)


_Spec = tuple[tuple[str, tuple[str, ...]], ...]  # ((name, (alias, ...)), ...): a hashable roles list


@lru_cache(maxsize=256)
def _matchers(spec: _Spec) -> tuple[tuple[re.Pattern[str], list[str]], ...]:
    """One case-insensitive pattern for names and long aliases, one case-sensitive pattern for short all-caps
    aliases ("AS" is not "as"). Alternatives are longest first, so "ML Engineer" beats a shorter overlap."""
    out = []
    for abbrev in (False, True):
        terms = sorted(
            {(t, name) for name, aliases in spec for t in (name, *aliases) if t and _is_abbrev(t) == abbrev},
            key=lambda tn: (-len(tn[0]), tn[0]),
        )
        if not terms:
            continue
        alts = "|".join(f"(?P<g{i}>{_term_regex(t)})" for i, (t, _) in enumerate(terms))
        pattern = re.compile(rf"(?<!\w)(?:{alts})(?:s|'s|s')?(?!\w)", 0 if abbrev else re.I)
        out.append((pattern, [name for _, name in terms]))
    return tuple(out)


# A mention followed by capitalised words and preceded by "the" names a thing ("the PM Interview Playbook").
_NAMED_THING = re.compile(r"^(?:\s+[A-Z][\w'-]*){2,}")


def _is_named_thing(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 5) : start].lower()
    return before.rstrip().endswith("the") and bool(_NAMED_THING.match(text[end:]))


_PREV_WORD = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")
_NEXT_WORD = re.compile(r"^[^A-Za-z]*([A-Za-z]+)")


def _in_caps_run(text: str, start: int, end: int) -> bool:
    prev = _PREV_WORD.search(text[max(0, start - 30) : start])
    nxt = _NEXT_WORD.match(text[end : end + 30])
    return bool(prev and nxt and len(prev.group(1)) > 1 and len(nxt.group(1)) > 1
                and prev.group(1).isupper() and nxt.group(1).isupper())


def lexicon_roles() -> list[Role]:
    """The lexicon's roles as new objects (``detect_roles`` extends their aliases)."""
    return [Role(name=n, aliases=list(a)) for n, a in LEXICON.items()]


@lru_cache(maxsize=1)
def shared_lexicon_roles() -> tuple[Role, ...]:
    """The lexicon's roles built once, for readers that never change them (every question needs them; building
    them per question was a third of an answer's CPU in a chat with history)."""
    return tuple(lexicon_roles())


def _mentions(text: str, roles: list[Role]) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) for every non-overlapping mention, longest match wins."""
    spec: _Spec = tuple((r.name, tuple(r.aliases)) for r in roles)
    found: list[tuple[int, int, str]] = []
    for pattern, names in _matchers(spec):
        abbrev = pattern.flags & re.I == 0
        for m in pattern.finditer(text):
            if _is_named_thing(text, m.start(), m.end()):
                continue
            if abbrev and _in_caps_run(text, m.start(), m.end()):
                continue  # "AS SOON AS POSSIBLE": shouted text, not the Applied Scientist role
            found.append((m.start(), m.end(), names[int(m.lastgroup[1:])]))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, n in found:
        if s >= last_end:
            out.append((s, e, n))
            last_end = e
    return out


def roles_mentioned(text: str, roles: list[Role] | None = None) -> list[str]:
    """Canonical names of the roles mentioned in ``text``, in order of first mention (default: the lexicon)."""
    seen: list[str] = []
    for _, _, name in _mentions(text, _as_roles(roles) if roles is not None else list(shared_lexicon_roles())):
        if name not in seen:
            seen.append(name)
    return seen


def role_mentions(text: str, roles: list[Role] | None = None) -> list[tuple[int, int, str]]:
    """Like :func:`roles_mentioned` but with character offsets (for "nearest role" lookups)."""
    return _mentions(text, _as_roles(roles) if roles is not None else list(shared_lexicon_roles()))


def _lexicon_name_for(phrase: str) -> str | None:
    """The lexicon role whose name or alias ends ``phrase`` ("Amazon Applied Scientist" -> Applied Scientist)."""
    for s, e, name in _mentions(phrase, list(shared_lexicon_roles())):
        if e == len(phrase.rstrip()):
            return name
    return None


def _defined_aliases(text: str) -> list[tuple[str, str]]:
    """("Machine Learning Engineer", "MLE") for each "Full Name (ABBR)" definition that names a role."""
    out: list[tuple[str, str]] = []
    for m in _DEFINITION.finditer(text):
        phrase, abbr = m.group(1), m.group(2)
        name = _lexicon_name_for(phrase)
        if name is None:
            words = phrase.split()
            # keep the shortest tail that ends with a role head word, e.g. "Quantitative Researcher"
            if words[-1] not in _ROLE_HEADS or len(words) < 2:
                continue
            name = " ".join(words[-2:])
        out.append((name, abbr))
    return out


def detect_roles(title: str, text: str) -> list[Role]:
    """Roles an article is about: the title's roles ("X vs Y") first, then roles defined as "Full Name (ABBR)",
    then lexicon roles mentioned at least twice in the body (one passing mention is not a topic)."""
    known = {r.name: r for r in lexicon_roles()}
    defined = _defined_aliases(f"{title}\n{text}")
    for name, abbr in defined:
        role = known.setdefault(name, Role(name=name, aliases=[]))
        if abbr not in role.aliases and abbr != name:
            role.aliases.insert(0, abbr)
    order: list[str] = []

    def add(name: str) -> None:
        if name not in order:
            order.append(name)

    for part in _VS.split(title):
        for name in roles_mentioned(part, list(known.values())):
            add(name)
    for name, _ in defined:
        add(name)
    defined_names = {n for n, _ in defined}
    counts: dict[str, int] = {}
    for s, e, name in _mentions(text, list(known.values())):
        if len(text[s:e].rstrip("s'")) <= 2 and name not in defined_names:
            continue  # two-letter abbreviations ("DE", "RS") count only when the article defines them
        counts[name] = counts.get(name, 0) + 1
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if n >= 2:
            add(name)
    return [known[name] for name in order]


def _norm(s: str) -> str:
    s = re.sub(r"[\s_-]+", " ", s.strip()).lower()
    return s


def _as_roles(roles: "list[Role] | list[str]") -> list[Role]:
    """Accept plain canonical names too (callers that only store names, e.g. rubric items' ``roles``)."""
    out: list[Role] = []
    for r in roles:
        if isinstance(r, Role):
            out.append(r)
        else:
            out.append(Role(name=str(r), aliases=list(LEXICON.get(str(r), ()))))
    return out


def resolve_role(name: str, roles: "list[Role] | list[str]") -> str:
    """Canonical role name for a name or alias (case-insensitive, plural tolerated) among ``roles``; a seniority
    level is dropped ("Senior Software Engineer" -> Software Engineer; see :func:`resolve_role_level`).

    Lexicon aliases also resolve when the library's role lacks them ("ml engineer" -> Machine Learning Engineer).
    Raises :class:`UnknownRoleError` listing the known roles.
    """
    return resolve_role_level(name, roles)[0]


def _resolve_exact(name: str, roles: list[Role]) -> str:
    known = [r.name for r in roles]
    want = _norm(name or "")
    if not want:
        raise UnknownRoleError(name, known)
    candidates = [want]
    if want.endswith("s") and len(want) > 2:
        candidates.append(want[:-1])
    lex = shared_lexicon_roles()
    for cand in candidates:
        for r in roles:
            if cand in {_norm(r.name), *(_norm(a) for a in r.aliases)}:
                return r.name
        for r in lex:
            if cand in {_norm(r.name), *(_norm(a) for a in r.aliases)} and r.name in known:
                return r.name
    raise UnknownRoleError(name, known)


# ------------------------------------------------------------------------------------------------------- levels
# Seniority is not a role: "Senior Software Engineer", "Staff SWE", "SWE II", "L5 Software Engineer" and
# "Software Engineer (L5)" all resolve to the base role, with the level kept beside it.
_LEVEL_WORDS = (
    "Senior Staff", "Senior Principal", "Entry-level", "Entry level", "Mid-level", "Mid level", "New Grad",
    "Intern", "Junior", "Jr.", "Jr", "Associate", "Mid", "Senior", "Sr.", "Sr", "Staff", "Principal",
    "Distinguished", "Lead", "Fellow",
)  # fmt: skip
_LEVEL_CODE = r"(?:L|E|IC|M|T|P)\d{1,2}|Level\s+\d{1,2}"
_ROMAN = r"I{1,3}|IV|V"
_PREFIX = re.compile(
    rf"^\s*(?P<level>(?:{'|'.join(re.escape(w) for w in _LEVEL_WORDS)}|{_LEVEL_CODE}))\s+(?P<rest>\S.*)$", re.I
)
_SUFFIX = re.compile(rf"^(?P<rest>.*?\S)\s*(?:,\s*|\(\s*|-\s*|\s)(?P<level>{_LEVEL_CODE}|{_ROMAN})\s*\)?\s*$", re.I)
_ONLY_LEVEL = re.compile(rf"^\s*(?:{'|'.join(re.escape(w) for w in _LEVEL_WORDS)}|{_LEVEL_CODE})\s*$", re.I)
# A seniority word anywhere in a text ("a mid-level engineer", "for senior roles", "what about staff?").
LEVEL_WORD = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in _LEVEL_WORDS)})(?![\w-])", re.I)


def normalize_level(level: str) -> str:
    """"Sr." -> "Senior", "senior staff" -> "Senior Staff", "l5" -> "L5", "ii" -> "II"."""
    lv = re.sub(r"\s+", " ", level.strip()).rstrip(".")
    low = lv.lower()
    if low in ("sr", "jr"):
        return {"sr": "Senior", "jr": "Junior"}[low]
    if re.fullmatch(rf"{_LEVEL_CODE}|{_ROMAN}", lv, re.I):
        return lv.upper().replace("LEVEL", "Level")
    return " ".join(w[:1].upper() + w[1:].lower() for w in lv.split(" "))


def split_level(name: str) -> tuple[str, str | None]:
    """("Software Engineer", "Senior") from "Senior Software Engineer"; ("SWE", "II") from "SWE II";
    ("Software Engineer", "L5") from "L5 Software Engineer" or "Software Engineer (L5)"; (name, None) otherwise."""
    s = (name or "").strip()
    m = _PREFIX.match(s)
    if m and m.group("rest").strip():
        level = normalize_level(m.group("level"))
        rest, inner = split_level(m.group("rest"))  # "Senior Staff" or "Senior SWE II": keep the outer level
        return rest, level if inner is None else f"{level} {inner}"
    m = _SUFFIX.match(s)
    if m and m.group("rest").strip():
        return m.group("rest").strip(), normalize_level(m.group("level"))
    return s, None


def resolve_role_level(name: str, roles: "list[Role] | list[str]") -> tuple[str, str | None]:
    """(canonical base role, level or None) for a role name with or without a seniority level.

    "Senior Software Engineer" -> ("Software Engineer", "Senior"); "SWE II" -> ("Software Engineer", "II");
    "L5" alone -> (the only role, "L5") when the library has exactly one role. Raises :class:`UnknownRoleError`.
    """
    roles = _as_roles(roles)
    try:
        return _resolve_exact(name, roles), None
    except UnknownRoleError:
        pass
    if _ONLY_LEVEL.match(name or ""):
        if len(roles) == 1:  # "L5" names a level, not a role: fine when the library has one role
            return roles[0].name, normalize_level(name)
        raise UnknownRoleError(name, [r.name for r in roles])
    base, level = split_level(name)
    if level is None:
        raise UnknownRoleError(name, [r.name for r in roles])
    try:
        return _resolve_exact(base, roles), level
    except UnknownRoleError:
        raise UnknownRoleError(name, [r.name for r in roles]) from None


_LEVEL_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(\[\"“]))((?:{'|'.join(re.escape(w) for w in _LEVEL_WORDS)}|{_LEVEL_CODE})"
    rf"(?:\s+(?:{'|'.join(re.escape(w) for w in _LEVEL_WORDS)}))?)\s+$"
)
_LEVEL_AFTER = re.compile(rf"^\s*(?:\(\s*)?({_LEVEL_CODE}|II|III|IV|I(?=\s*[,(;)]|\s*$))\b")


_LEVEL_CODE_AFTER = re.compile(rf"^\s*[(,]\s*({_LEVEL_CODE})\b")


def role_levels(text: str, roles: list[Role]) -> dict[str, list[str]]:
    """Levels named right before or after each role mention ("Senior Data Scientist", "Data Scientist II (L4)")."""
    out: dict[str, list[str]] = {}
    for start, end, name in _mentions(text, roles):
        found = []
        before = _LEVEL_BEFORE.search(text[max(0, start - 30) : start])
        if before and before.group(1)[:1].isupper():
            found.append(before.group(1))
        tail = text[end : end + 24]
        after = _LEVEL_AFTER.match(tail)
        if after:
            found.append(after.group(1))
            code = _LEVEL_CODE_AFTER.match(tail[after.end():])  # "Data Scientist II (L4)"
            if code:
                found.append(code.group(1))
        for lv in found:
            lv = normalize_level(lv)
            if lv not in out.setdefault(name, []):
                out[name].append(lv)
    return out
