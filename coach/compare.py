"""Role comparison: a topic x role table built from one article's own sentences, each cell citing its source.

Nothing is generated: a cell holds the clause of an article sentence that names the role (a sentence such as
"X roles pay $a, while Y roles pay $b" is split at the connector between the two mentions), so an empty cell
means the article does not say — the UI prints "not in the library" instead of guessing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from coach.adverts import promotional
from coach.models import Article, CompareFact, CompareRow, Role, RoleComparison, Source
from coach.roles import role_mentions
from coach.text import split_sentences


@dataclass(frozen=True)
class Topic:
    name: str
    pattern: re.Pattern[str]  # the clause itself must say this to score highest
    heading: re.Pattern[str] | None  # clauses under a matching heading also qualify
    limit: int  # facts per role
    shared: bool  # whether a sentence naming no role may fill the row's "all roles" line


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
TOPICS: tuple[Topic, ...] = (
    Topic("Interview rounds", _rx(rf"\b{_NUMBER}(?:\s*(?:-|–|to)\s*\d+)?\s+(?:\w+\s+)?rounds?\b"),
          _rx(r"\brounds?\b|\bloop\b|structure"), 1, True),
    Topic("Process length", _rx(rf"\b{_NUMBER}(?:\s*(?:-|–|to)\s*\d+)?\s+(?:weeks?|months?|days?)\b"),
          _rx(r"how long|timeline"), 1, True),
    Topic("Pay", _rx(r"[$£€]\s?\d|\bsalar(?:y|ies)\b|\bcompensation\b|\bpay\b"), _rx(r"salary|pay|compensation"), 1,
          True),
    Topic("System design focus",
          _rx(r"system[- ]design|design round|\bdesign(?:ing)? (?:a |an |the )?(?:large|scalable|system|service|"
              r"product|feature|pipeline)|architecture|\bscal(?:e|ing|ability)\b|\bSLOs?\b|failure modes?"),
          _rx(r"system design|design"), 2, False),
    Topic("ML focus",
          _rx(r"\bML\b|machine[- ]learning|(?<!data )\bmodel(?:s|ling|ing)?\b|\bexperiment(?:s|ation)?\b|"
              r"\bstatistic(?:s|al)?\b"),
          _rx(r"\bML\b|machine learning|model"), 2, False),
)

# The last connector between two role mentions is where a comparative sentence is cut in two.
_CONNECTOR = re.compile(r"(?:,\s*|\s+)(?:while|whereas|but|and|compared (?:to|with)|versus)\s+|;\s*|\s+vs\.?\s+", re.I)
_SEMICOLON = re.compile(r";\s*")
_PROSE_KINDS = {"body", "faq", "tldr"}



@dataclass
class _Sentence:
    text: str
    section: str | None
    rank: int  # body first, then FAQ, then TL;DR: a summary repeats what the body says better


def _sentences(article: Article) -> list[_Sentence]:
    out: list[_Sentence] = []
    seen: set[str] = set()

    def add(text: str, section: str | None, rank: int) -> None:
        key = text.strip().lower()
        # A question (FAQ heading) states no fact; an advert is not the article's content.
        if key and key not in seen and not key.endswith("?") and not promotional(text):
            seen.add(key)
            out.append(_Sentence(text.strip(), section, rank))

    for sec in article.sections:
        if sec.kind in _PROSE_KINDS:
            rank = {"body": 0, "faq": 1, "tldr": 2}[sec.kind]
            for para in sec.paragraphs:
                for s in split_sentences(para):
                    add(s, sec.heading, rank)
    for pair in article.faq:
        for s in split_sentences(pair.answer):
            add(s, pair.question, 1)
    if article.tldr:
        for s in split_sentences(article.tldr):
            add(s, "TL;DR", 2)
    return out


def split_by_role(sentence: str, roles: list[Role]) -> list[tuple[str, list[str]]]:
    """Cut a sentence into clauses at the connector between mentions of different roles.

    Returns ``(clause, role names mentioned in it)`` pairs; a sentence naming one role (or none) is one clause.
    """
    mentions = role_mentions(sentence, roles)
    # A semicolon always separates two statements ("Most finish in 3-5 weeks; the SRE loop takes 6").
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in _SEMICOLON.finditer(sentence)]
    for (_s1, e1, r1), (s2, _e2, r2) in zip(mentions, mentions[1:]):
        if r1 == r2 or any(e1 <= a < s2 for a, _ in cuts):
            continue
        gap = list(_CONNECTOR.finditer(sentence, e1, s2))
        # "Applied Scientist and MLE interviews" joins two subjects: only cut when words follow the first role.
        if gap and sentence[e1 : gap[-1].start()].strip():
            cuts.append((gap[-1].start(), gap[-1].end()))
    cuts.sort()
    pieces: list[tuple[int, int]] = []
    start = 0
    for a, b in cuts:
        pieces.append((start, a))
        start = b
    pieces.append((start, len(sentence)))
    out: list[tuple[str, list[str]]] = []
    for a, b in pieces:
        clause = sentence[a:b].strip(" ,;")
        names: list[str] = []
        for s, e, name in mentions:
            if a <= s and e <= b and name not in names:
                names.append(name)
        if clause:
            out.append((clause, names))
    return out


def _clause_text(clause: str) -> str:
    clause = clause.strip()
    if clause and clause[0].islower():
        clause = clause[0].upper() + clause[1:]
    return clause


def compare_article(article: Article) -> RoleComparison:
    """The comparison table of one article (its roles in title order)."""
    roles = article.roles
    names = [r.name for r in roles]
    sources: list[Source] = []
    index: dict[str, int] = {}

    def cite(text: str, section: str | None) -> int:
        if text not in index:
            sources.append(Source(n=len(sources) + 1, doc_id=article.doc_id, title=article.title, path=article.path,
                                  section=section, text=text, score=1.0))
            index[text] = len(sources)
        return index[text]

    sentences = _sentences(article)
    split = [(s, split_by_role(s.text, roles)) for s in sentences]
    rows: list[CompareRow] = []
    used: dict[str, set[str]] = {n: set() for n in names}  # sentences already shown for a role in an earlier row
    for topic in TOPICS:
        picks: dict[str, list[tuple[int, int, int, str, _Sentence]]] = {n: [] for n in names}
        general: list[tuple[int, int, str, _Sentence]] = []
        for order, (sent, clauses) in enumerate(split):
            under_heading = bool(topic.heading and sent.section and topic.heading.search(sent.section))
            for clause, mentioned in clauses:
                hit = bool(topic.pattern.search(clause))
                if not hit and not under_heading:
                    continue
                if len(mentioned) == 1 and mentioned[0] in picks:
                    score = 2 * hit + under_heading - (sent.text in used[mentioned[0]])
                    picks[mentioned[0]].append((-score, sent.rank, order, clause, sent))
                elif not mentioned and hit and topic.shared:
                    general.append((sent.rank, order, clause, sent))
        row = CompareRow(topic=topic.name)
        for name in names:
            ranked = sorted(picks[name])
            # Past the best fact, only direct, not-yet-shown statements earn a place in the cell.
            chosen = ranked[:1] + [p for p in ranked[1 : topic.limit] if -p[0] >= 2]
            row.cells[name] = [CompareFact(text=_clause_text(c), source=cite(s.text, s.section))
                               for *_, c, s in sorted(chosen, key=lambda t: t[2])]
            used[name].update(s.text for *_, s in chosen)
        if general and any(not row.cells[n] for n in names):
            _, _, clause, sent = sorted(general)[0]
            row.shared = [CompareFact(text=_clause_text(clause), source=cite(sent.text, sent.section))]
        rows.append(row)

    # Example questions and mistakes come from the article's structure, already attributed to roles.
    row = CompareRow(topic="Example questions")
    for name in names:
        qs = [q for q in article.questions if q.role == name][:2]
        row.cells[name] = [CompareFact(text=q.text, source=cite(_containing(article, q.text), "Example questions"))
                           for q in qs]
    rows.append(row)

    def mistake(i) -> CompareFact:
        return CompareFact(text=mistake_with_fix(i.mistake, i.fix),
                           source=cite(f"BAD: {i.mistake} GOOD: {i.fix}", "Mistakes to Avoid"))

    row = CompareRow(topic="Mistakes to avoid")
    for name in names:
        row.cells[name] = [mistake(i) for i in article.rubric if name in i.roles][:3]
    row.shared = [mistake(i) for i in article.rubric if not i.roles][:2]
    rows.append(row)

    row = CompareRow(topic="Preparation")
    for name in names:
        items = sorted((c for c in article.checklist if {n for _, _, n in role_mentions(c, roles)} == {name}
                        and not promotional(c)), key=len)[:2]
        row.cells[name] = [CompareFact(text=c, source=cite(c, "Preparation Checklist")) for c in items]
    rows.append(row)

    return RoleComparison(doc_id=article.doc_id, title=article.title, company=article.company, roles=names,
                          rows=rows, sources=sources)


def mistake_with_fix(mistake: str, fix: str) -> str:
    """"Mistake. Better: fix." from a rubric pair (both verbatim from the article)."""
    mistake = _clause_text(mistake).rstrip(" .;:")
    fix = fix.strip().rstrip(" ;:")
    return f"{mistake}. Better: {fix}" if fix else f"{mistake}."


def _containing(article: Article, needle: str) -> str:
    """The article sentence that quotes ``needle`` (a practice question), else the question itself."""
    key = needle.strip().strip('"“”').lower()
    for sec in sorted(article.sections, key=lambda sec: sec.kind != "questions"):
        for para in sec.paragraphs:
            for s in split_sentences(para):
                if key and key in s.lower():
                    return s
    return needle


def comparable(articles: list[Article]) -> list[RoleComparison]:
    """The comparisons of the articles that say something of their own about two or more roles. Naming two roles is
    not enough: a résumé guide whose example line mentions a second role would be a table of empty cells."""
    comparisons = (compare_article(a) for a in articles if len(a.roles) >= 2)
    return [c for c in comparisons if sum(any(row.cells.get(role) for row in c.rows) for role in c.roles) >= 2]
