"""History-aware standalone questions without an LLM: ellipsis and role/company substitution from the history.

"And for the MLE role?" after "How many rounds does the Amazon Applied Scientist interview have?" becomes
"How many rounds does the Amazon MLE interview have?"; "What about the pay?" after MLE questions becomes
"What about the pay for the Amazon MLE role?". With an LLM configured, its condense step is tried first.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Sequence

from coach.models import Article, HistoryTurn, Role
from coach.plan import answer_pieces
from coach.roles import LEVEL_WORD, role_mentions, shared_lexicon_roles
from coach.scope import known_company_mentions

log = logging.getLogger(__name__)

_LEAD = re.compile(r"^\s*(?:(?:and|so|also|ok(?:ay)?|then|but|now|well)\b[,\s]*)+", re.I)
_ABOUT = re.compile(r"^\s*(?:what|how)\s+about\b\s*|^\s*(?:same\s+(?:question\s+)?)?(?:for|at|with|in)\b\s+", re.I)
_PRONOUN = re.compile(r"\b(it|its|they|them|their|theirs|those|these|that role|this role|the same|there|each)\b", re.I)
_FILLER = frozenset(
    "the a an role roles position positions job jobs interview interviews loop loops one ones for at in with of "
    "and or about same question candidates candidate process people folks team teams".split()
)
_QUESTION_START = re.compile(
    r"^\s*(?:what|how|why|when|where|which|who|is|are|do|does|did|can|could|should|would|will|tell|give|compare|"
    r"explain|describe|list)\b", re.I)
_WORD = re.compile(r"[A-Za-z0-9$][\w$,'-]*")
_OTHER = re.compile(r"\b(?:the\s+)?other\s+(?:role|one|position|job|track|side)\b", re.I)
# "the second one", "the last tip", "number 2", "the latter": an item of the previous answer, by its place.
_PLACES = {"first": 0, "1st": 0, "former": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
           "fifth": 4, "5th": 4, "last": -1, "final": -1, "latter": -1}
# A noun followed by what it is about describes a new thing ("the first step to prepare"), not an item already given.
_ORDINAL = re.compile(
    r"\b(?:the\s+)?(?:(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last|final)\s+(?:one|item|point|option|"
    r"tip|thing|mistake|pitfall|level|platform|tool|site|technique|method|idea|suggestion|resource|dimension)"
    r"(?!\s+(?:to|of|for|in|on|at|when|before|after|you|i|they)\b)|(former|latter)(?:\s+one)?)\b|"
    r"\b(?:number|no\.|#)\s*([1-5])\b", re.I)


@dataclass
class Mention:
    start: int
    end: int
    name: str  # canonical role or company name
    surface: str


@dataclass
class Context:
    question: str | None = None
    roles: list[Mention] = field(default_factory=list)
    company: Mention | None = None


def _all_roles(roles: Sequence[Role]) -> list[Role]:
    names = {r.name for r in roles}
    return list(roles) + [r for r in shared_lexicon_roles() if r.name not in names]


def _role_mentions(text: str, roles: Sequence[Role]) -> list[Mention]:
    return [Mention(s, e, n, text[s:e]) for s, e, n in role_mentions(text, _all_roles(roles))]


def _company_mentions(text: str, companies: Sequence[str]) -> list[Mention]:
    return [Mention(s, e, n, text[s:e]) for s, e, n in known_company_mentions(text, companies)]


def _replace_span(text: str, mentions: list[Mention], new: str) -> str:
    """Replace the run of mentions ("Applied Scientists and MLEs") by ``new``; keep the old span's plurality."""
    first, last = mentions[0], mentions[0]
    for m in mentions[1:]:
        gap = text[last.end:m.start]
        if re.fullmatch(r"\s*(?:,|and|or|vs\.?|versus|/|&)?\s*(?:and|or)?\s*(?:the\s+)?", gap, re.I):
            last = m
        else:
            break
    old = text[first.start:last.end]
    if not old.endswith("s") and new.endswith("s") and not new.endswith("ss"):
        new = new[:-1]
    elif old.endswith("s") and not old.endswith("ss") and not new.endswith("s") and last is first:
        new = new + "s"
    return text[: first.start] + new + text[last.end :]


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([?.!,])", r"\1", text)
    if text and not text.endswith(("?", ".", "!")):
        text += "?"
    return text[:1].upper() + text[1:]


def _covers(articles: Sequence[Article], company: str, role_names: Sequence[str]) -> bool:
    """True when one article of ``company`` covers every role named."""
    for a in articles:
        if (a.company or "").lower() == company.lower():
            names = {r.name for r in a.roles}
            if all(r in names for r in role_names):
                return True
    return False


def _infer_company(articles: Sequence[Article], role_names: Sequence[str]) -> str | None:
    """The one company whose articles cover all these roles (None when none or several do)."""
    if not role_names:
        return None
    hits = {a.company for a in articles if a.company and all(r in {x.name for x in a.roles} for r in role_names)}
    return hits.pop() if len(hits) == 1 else None


def _is_followup(q: str, had_lead: bool) -> bool:
    return had_lead or bool(_ABOUT.match(q)) or bool(_PRONOUN.search(q)) or len(_WORD.findall(q)) <= 6


def rewrite_turn(question: str, ctx: Context, roles: Sequence[Role], companies: Sequence[str],
                 articles: Sequence[Article]) -> str:
    """One question → standalone, given the conversation context so far."""
    q = question.strip()
    if not ctx.question:
        return q
    q = _name_the_other_role(q, ctx, articles)
    stripped = _LEAD.sub("", q)
    had_lead = stripped != q
    q_roles = _role_mentions(stripped, roles)
    q_comps = _company_mentions(stripped, companies)
    if not _is_followup(stripped, had_lead) and not (q_roles and not q_comps):
        return q
    about = _ABOUT.match(stripped)
    if about or (had_lead and not _QUESTION_START.match(stripped)):
        fragment = stripped[about.end() if about else 0:].rstrip(" ?.!")
        content = [w for w in _WORD.findall(_strip_mentions(fragment, roles, companies)) if w.lower() not in _FILLER]
        if not content and (q_roles or q_comps):
            # Pure entity swap: keep the previous question, change the role and/or company.
            out = ctx.question
            if q_comps:
                prev = _company_mentions(out, companies)
                if prev:
                    out = _replace_span(out, prev[:1], q_comps[0].surface)
                else:
                    out = out.rstrip(" ?.!") + f" at {q_comps[0].surface}"
            if q_roles:
                prev_roles = _role_mentions(out, roles)
                new = " and ".join(m.surface for m in q_roles)
                if prev_roles:
                    out = _replace_span(out, prev_roles, new)
                else:
                    out = out.rstrip(" ?.!") + f" for the {new} role"
            return _tidy(out)
        if not content:
            return _tidy(ctx.question)
        level = " ".join(content)
        if not q_roles and (LEVEL_WORD.fullmatch(level) or all(LEVEL_WORD.fullmatch(w) for w in content)):
            # "And for senior roles?", "What about staff?": the previous question asked of another level.
            return _tidy(_with_level(ctx.question, level, ctx))
        # A new topic for the same roles/company: "What about the pay?"
        return _tidy(f"What about {fragment}{_context_suffix(ctx, q_roles, q_comps, articles)}")
    # A full question missing entities: fill them in.
    out = stripped
    if q_roles and not q_comps and ctx.company:
        if _covers(articles, ctx.company.name, [m.name for m in q_roles]):
            out = out[: q_roles[0].start] + ctx.company.surface + " " + out[q_roles[0].start:]
        return _tidy(out)
    if not q_roles and not q_comps:
        return _tidy(out.rstrip(" ?.!") + _context_suffix(ctx, q_roles, q_comps, articles))
    if q_comps and not q_roles and ctx.roles and q_comps[0].name == (ctx.company.name if ctx.company else None):
        return _tidy(out.rstrip(" ?.!") + _context_suffix(ctx, q_roles, q_comps, articles))
    return _tidy(out)


def _with_level(question: str, level: str, ctx: Context) -> str:
    """``question`` with its seniority level replaced by ``level`` (or put before the role it names)."""
    m = LEVEL_WORD.search(question)
    if m:
        return question[:m.start()] + level + question[m.end():]
    if ctx.roles and ctx.roles[0].surface in question:
        at = question.index(ctx.roles[0].surface)
        return question[:at] + f"{level} " + question[at:]
    return question.rstrip(" ?.!") + f" for {level} engineers"


def _name_the_other_role(q: str, ctx: Context, articles: Sequence[Article]) -> str:
    """ "the other role" → the role(s) the conversation's article compares with the ones discussed so far."""
    m = _OTHER.search(q)
    if not m or not ctx.roles:
        return q
    current = {r.name for r in ctx.roles}
    for a in articles:
        if ctx.company and a.company != ctx.company.name:
            continue
        names = [r.name for r in a.roles]
        others = [n for n in names if n not in current]
        if current & set(names) and others:
            return q[: m.start()] + "the " + " and ".join(others) + " role" + q[m.end():]
    return q


def _strip_mentions(text: str, roles: Sequence[Role], companies: Sequence[str]) -> str:
    spans = sorted([(m.start, m.end) for m in _role_mentions(text, roles) + _company_mentions(text, companies)],
                   reverse=True)
    for s, e in spans:
        text = text[:s] + " " + text[e:]
    return text


def _singular(surface: str) -> str:
    return surface[:-1] if surface.endswith("s") and not surface.endswith("ss") else surface


def _context_suffix(ctx: Context, q_roles: list[Mention], q_comps: list[Mention], articles) -> str:
    company = q_comps[0].surface if q_comps else (ctx.company.surface if ctx.company else "")
    roles = q_roles or ctx.roles
    role_text = " and ".join(dict.fromkeys(_singular(m.surface) for m in roles))
    if role_text:
        plural = "roles" if len(roles) > 1 else "role"
        return f" for the {company + ' ' if company else ''}{role_text} {plural}"
    return f" at {company}" if company else ""


def update_context(ctx: Context, standalone: str, roles: Sequence[Role], companies: Sequence[str],
                   articles: Sequence[Article]) -> Context:
    """Context after a (standalone) user question: its roles and company replace the older ones."""
    r = _role_mentions(standalone, roles)
    c = _company_mentions(standalone, companies)
    new = Context(question=standalone, roles=r or ctx.roles, company=c[0] if c else ctx.company)
    if c and not r and ctx.company and c[0].name != ctx.company.name:
        new.roles = []  # another company: the old roles belong to the old article
    if not c:
        inferred = _infer_company(articles, [m.name for m in new.roles])
        if inferred and (ctx.company is None or not _covers(articles, ctx.company.name, [m.name for m in new.roles])):
            new.company = Mention(0, 0, inferred, inferred)
    return new


def _turns(history) -> list[HistoryTurn]:
    turns = []
    for t in history or []:
        turns.append(t if isinstance(t, HistoryTurn) else HistoryTurn.model_validate(t))
    return turns


def answer_items(answer: str) -> list[str]:
    """The items of a previous answer, in order: its quoted sentences, or the parts of a lead-in's list ("There are
    2 methods: A; B." → A, B), without their [n] markers."""
    items: list[str] = []
    for piece in answer_pieces(answer):
        lead, colon, rest = piece.partition(": ")
        parts = [p.strip(" .;") for p in rest.split(";")] if colon and ";" in rest else [piece.rstrip(" .")]
        items += [p for p in parts if p]
    return items


def _name_the_item(question: str, answer: str) -> str | None:
    """ "How does the second one work?" → the question about the previous answer's second item, or None when the
    question names no item by its place or the answer has no such item."""
    m = _ORDINAL.search(question)
    if not m or not answer:
        return None
    items = answer_items(answer)
    place = _PLACES[(m.group(1) or m.group(2)).lower()] if m.group(1) or m.group(2) else int(m.group(3)) - 1
    if not items or (place >= len(items)) or (m.group(2) and len(items) != 2):
        return None  # "the latter" points into a pair only
    return _tidy(f"{question[:m.start()]}{items[place]}{question[m.end():]}")


def rule_standalone(question: str, history, roles: Sequence[Role], companies: Sequence[str],
                    articles: Sequence[Article]) -> str:
    """Standalone form of ``question`` using only rules; earlier user turns are rewritten in order first. An item
    of the previous answer named by its place ("the second one") is replaced by that item."""
    last_answer = next((t.content for t in reversed(_turns(history)) if t.role == "assistant"), "")
    named = _name_the_item(question, last_answer)
    if named:
        return named
    ctx = Context()
    for turn in _turns(history):
        if turn.role != "user" or not turn.content.strip():
            continue
        standalone = rewrite_turn(turn.content, ctx, roles, companies, articles)
        ctx = update_context(ctx, standalone, roles, companies, articles)
    return rewrite_turn(question, ctx, roles, companies, articles)


def standalone_question(question: str, history, roles: Sequence[Role], companies: Sequence[str],
                        articles: Sequence[Article], llm=None) -> str:
    """The standalone question: the LLM's condense step when an LLM is given, the rules otherwise or on error."""
    turns = _turns(history)
    if not turns:
        return question.strip()
    if llm is not None:
        try:
            from coach.llm_answer import condense_question

            condensed = (condense_question(llm, turns, question) or "").strip()
            if condensed:
                return condensed
        except Exception as exc:  # any backend failure falls back to the rules
            log.info("LLM condense failed (%s); using the rule-based rewrite", exc)
    return rule_standalone(question, turns, roles, companies, articles)
