"""List answers: a lead-in's items, numbered steps under one heading, an inline enumeration, the best list's
items, a mistake question's warnings, a labelled list of drawbacks.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from coach.models import Chunk
from coach.plan import WARNING, carries
from coach.scope import mentions_name
from coach.text import split_sentences
from coach.compose.records import (Cand, Composed, Hit, MAX_ITEMS, MAX_SENTENCES, SentenceEmbeddings,
                                   answers_with_best)
from coach.compose.words import _stems
from coach.compose.cues import _NEGATIVE, _PROMPT, _QUOTE, _announces
from coach.compose.lines import _ITEM_LABEL, _items_after, _lead_items, _points_elsewhere
from coach.compose.render import _render

LIST_FIT_BONUS = 0.05  # a lead-in whose items have the asked shape (plain questions, or labelled kinds)
WHOLE_LIST_MATCH = 0.7  # a list whose heading matches the question this well is quoted from its start
LEAD_IN_MATCH = 0.5  # a list's lead-in (with its section heading) this similar to the question introduces the answer


def _lead_ins(hits: Sequence[Hit]) -> list[tuple[int, int, str]]:
    """(hit index, line index, text) of every lead-in ("These are the data structures to keep in mind:") followed by
    at least two item lines in its chunk."""
    out = []
    for hi, hit in enumerate(hits):
        lines = [ln.strip() for ln in hit.chunk.text.splitlines() if ln.strip()]
        led = False
        for li, line in enumerate(lines):
            if line.rstrip("*_ ").endswith(":") and 10 <= len(line) <= 400 and len(_items_after(lines, li)) >= 2:
                out.append((hi, li, line))
                led = True
        if not led and hit.chunk.section and sum(bool(_ITEM_LABEL.match(ln)) for ln in lines) >= 2:
            out.append((hi, -1, ""))  # labelled items right under their heading ("Communication - Asking ...")
    return out


def _introduced_list(topic: set[str], scored: list, hits: Sequence[Hit], sentence_vectors: SentenceEmbeddings,
                     query_vector: np.ndarray, asks_questions: bool = False, company: str | None = None,
                     wants_products: bool = False) -> Composed | None:
    """The items of the list whose lead-in says it is what was asked ("These are the data structures to keep in
    mind and try, in order of frequency ...:" for "which data structures show up the most"), in article order, up to
    five, with the items that continue it in the section's next chunk. Unless resources are asked for, a list of
    resources or of page titles is not it (``_points_elsewhere``)."""
    # The lead-in must be about the asked topic, not only share the company and role names with the question.
    leads = [t for t in _lead_ins(hits) if topic & _stems(f"{hits[t[0]].chunk.section or ''} {t[2]}")
             or hits[t[0]].heading >= LEAD_IN_MATCH]  # (heading similarity is measured with names masked)
    if not wants_products:
        leads = [t for t in leads if not _points_elsewhere(t[2], _lead_items(hits[t[0]].chunk, t[1]))]
    if company:  # "what does Palantir ask": the list in the part about Palantir, not the general one
        leads = [t for t in leads if _about_company(hits[t[0]].chunk, company, f"{hits[t[0]].chunk.title} {t[2]}")]
    if not leads:
        return None
    # The sentence that introduces the list, not the paragraph it ends ("As software engineers, ... Some common
    # back end system design interview questions include:").
    texts = [f"{hits[hi].chunk.section or ''}: {(split_sentences(text) or [text])[-1]}" if text
             else hits[hi].chunk.section for hi, _, text in leads]
    raw = sentence_vectors.encode(texts) @ np.asarray(query_vector, dtype=np.float32)
    sims = raw.copy()
    # Lead-ins that announce similar lists score alike: a question that asks for questions wants plain items
    # (questions, prompts), one that asks for kinds or criteria wants labelled items ("API design: ...").
    for i, (hi, li, _) in enumerate(leads):
        lines = [ln.strip() for ln in hits[hi].chunk.text.splitlines() if ln.strip()]
        items = [lines[j] for j in _items_after(lines, li)]
        labelled = sum(bool(_ITEM_LABEL.match(x)) for x in items) * 2 > len(items)
        sims[i] += LIST_FIT_BONUS if labelled != asks_questions else 0.0
    best = int(np.argmax(sims))
    if float(raw[best]) < LEAD_IN_MATCH:
        return None
    hi, li, _ = leads[best]
    chunk = hits[hi].chunk
    lines = [ln.strip() for ln in chunk.text.splitlines() if ln.strip()]
    wanted = [(hi, j) for j in _items_after(lines, li)]
    if li < 0:  # a heading's own list: its items in every retrieved chunk of the section, in article order
        same = sorted((i for i, h in enumerate(hits) if h.chunk.doc_id == chunk.doc_id
                       and h.chunk.section == chunk.section), key=lambda i: hits[i].chunk.position)
        wanted = [(i, j) for i in same
                  for j in _items_after([ln.strip() for ln in hits[i].chunk.text.splitlines() if ln.strip()], -1)]
    elif wanted and wanted[-1][1] == len(lines) - 1:  # the list runs on into the next chunk of its section
        nxt = next((i for i, h in enumerate(hits) if h.chunk.doc_id == chunk.doc_id and h.chunk.section == chunk.section
                    and h.chunk.position == chunk.position + 1), None)
        if nxt is not None:
            more = [ln.strip() for ln in hits[nxt].chunk.text.splitlines() if ln.strip()]
            wanted += [(nxt, j) for j in _items_after(more, -1)]
    firsts: dict[tuple[int, int], Cand] = {}
    for _, c, _ in scored:
        if (c.hi, c.line) in wanted and c.first and not c.text.startswith(("Mistake", "Better")):
            firsts.setdefault((c.hi, c.line), c)
    items = list({firsts[k].text: firsts[k] for k in reversed(wanted) if k in firsts}.values())[::-1][:MAX_ITEMS]
    if len(items) < 2:
        return None
    return _render(items, hits, max(t[0] for t in scored))


_STEP = re.compile(r"^\W*\d{1,2}[.)]\s+(\S.*)$")  # "3. Try different data structures"
STEPS_TOP = 3  # a group of steps counts when its parent heading or two of its steps are among these best hits
STEP_SENTENCE_MAX = 220  # a step's heading is followed by its best sentence when that is no longer


def _step_of(chunk: Chunk) -> tuple[tuple, str] | None:
    """((document, the headings above the step), the numbered step heading) a chunk lies in — its own section or the
    nearest numbered heading above it ("4. Identify redundant work" for "Mind the order of checks") — or None."""
    chain = [*chunk.parents, chunk.section or ""]
    k = next((i for i in range(len(chain) - 1, 0, -1) if _STEP.match(chain[i])), None)
    return ((chunk.doc_id, tuple(chain[:k])), chain[k]) if k is not None else None


def _numbered_steps(scored: list, hits: Sequence[Hit], kind: str) -> Composed | None:
    """An article that numbers its ways or steps as headings ("1. Visualize the problem by drawing it out", "2. Think
    about how you would solve the problem by hand" under "How to find solutions to coding interview problems"): a
    list or how-to question answered by its sentences quotes one step's detail, or the intro; the asked list is the
    steps. The retrieved steps under one parent heading, in order, each named by its heading and followed by its best
    sentence, when the parent heading or two of the steps are among the best hits, unless the best sentence lies in one
    step's own section (that step is the answer); for a how-to, only when it lies under the steps' parent heading,
    in its intro or with the three best sentences spread over two steps or more."""
    groups: dict[tuple, dict[str, int]] = {}
    tops: set[tuple] = set()
    for hi, hit in enumerate(hits):
        found = _step_of(hit.chunk)
        if found:
            groups.setdefault(found[0], {}).setdefault(found[1], hi)
            if hi < STEPS_TOP:
                tops.add(found)
    heads = {(h.chunk.doc_id, h.chunk.section) for h in hits[:STEPS_TOP]}

    def leads(kv) -> bool:
        (doc, above), _ = kv
        return bool(above) and (doc, above[-1]) in heads or sum(g == kv[0] for g, _ in tops) >= 2

    ranked = sorted((kv for kv in groups.items() if leads(kv) and len(kv[1]) >= 2), key=lambda kv: min(kv[1].values()))
    if not ranked:
        return None
    key, steps = ranked[0]
    best = hits[scored[0][1].hi].chunk
    under = best.doc_id == key[0] and [*best.parents, best.section][:len(key[1])] == list(key[1])
    if best.doc_id == key[0] and best.section in steps or kind != "list" and not under:
        return None  # answered by one step's own section ("for which inputs is sketching useful"), or elsewhere
    spread = {_step_of(hits[c.hi].chunk) for _, c, _ in scored[:3]} & {(key, step) for step in steps}
    if kind != "list" and best.section != key[1][-1] and len(spread) < 2:
        return None  # a how-to whose best sentences lie inside one step asks what that step's detail says

    def number(step: str) -> int:
        return int(re.match(r"\W*(\d+)", step).group(1))

    items: list[Cand] = []
    for step in sorted(steps, key=number)[:MAX_ITEMS]:
        head = _STEP.match(step).group(1).strip().rstrip(".")
        said = next((c for _, c, _ in scored if _step_of(hits[c.hi].chunk) == (key, step) and not c.question
                     and not c.pointer and not _announces(c.text) and len(c.text) <= STEP_SENTENCE_MAX), None)
        items.append(Cand(said.hi, said.si, said.line, f"{head} — {said.text}") if said
                     else Cand(steps[step], -1, -1, head))
    return _render(items, hits, scored[0][0])


_LISTED_NOUN = re.compile(r"\b(?:which|what)\b(?:\s+(?:are|were|is|some|the|a few|main|common|possible|typical|"
                          r"other|good|best|kinds? of|types? of|sorts? of))*((?:\s+[a-z-]+?){0,3}?)\s+([a-z-]{3,}s)\b",
                          re.I)
# Three or more short items in one sentence: "Arial, Calibri, Garamond", "Python, C++, Java and JavaScript".
_ENUMERATION = re.compile(r"[^,.;]{1,40},\s*[^,.;]{1,40},\s*[^,.;]{1,40}|"
                          r"[^,.;]{1,40},\s*[^,.;]{1,40},?\s+(?:and|or)\s+\S")


def listed_noun(question: str) -> str | None:
    """The thing a list question asks for, as a stem: "Which fonts won't confuse ATS?" -> "font"."""
    m = _LISTED_NOUN.search(question)
    if not m or m.group(2).lower() in ("does", "was", "is", "has", "this", "us", "yes"):
        return None
    stems = _stems(m.group(2))
    return next(iter(stems)) if stems else None


def _inline_list(question: str, scored: list, hits: Sequence[Hit]) -> Composed | None:
    """A list question answered by one sentence that names the asked things and lists them inline ("Fonts you
    should use - Arial, Calibri, Garamond."), when it scores close to the best sentence."""
    noun = listed_noun(question)
    if not noun:
        return None
    top = scored[0][0]
    # A list of items about the asked things (its chunk names them) that scores higher answers instead.
    itemised = next((score for score, c, _ in scored if c.itemlike and noun in _stems(
        f"{hits[c.hi].chunk.section or ''} {hits[c.hi].chunk.text}")), None)
    for score, c, _ in scored:
        if score < top - 0.3 or (itemised is not None and itemised > score):
            break
        if noun in _stems(c.text) and not c.question and _ENUMERATION.search(c.text) and len(c.text) <= 300 \
                and answers_with_best((score, c, _), scored, hits):
            return _render([c], hits, score)
    return None


def _list_answer(scored: list, hits: Sequence[Hit], kind: str, topic: set[str], asks_questions: bool = True,
                 company: str | None = None, wants_products: bool = False) -> Composed | None:
    """Up to five items of the best list (a chunk of several short lines), best first, quoted from each item's start
    in article order; for mistakes, the mistakes of the best article (with their fixes when it pairs them)."""
    if kind == "list" and not asks_questions:
        # A list of questions answers "what can I ask", not "what will they grade me on".
        scored = [t for t in scored if not t[1].question and not _PROMPT.match(t[1].text)] or scored

    def names_mistake(c: Cand) -> bool:
        """The item names what goes wrong, or is an item of a list headed as such ("Common pitfalls to avoid on
        your cover letter": "Repetition: Your cover letter should accentuate your resume, not echo it.")."""
        return carries(kind, c.text) or carries(kind, hits[c.hi].chunk.section or "")

    if kind == "mistake":  # the items must name what goes wrong, not other items of a neighbouring list
        scored = [t for t in scored if names_mistake(t[1])] or scored
    # "What will Dropbox want to hear about": the lines of the part about Dropbox, when one was retrieved, are the list
    # (even two of them).
    own = [t for t in scored if _about_company(hits[t[1].hi].chunk, company)] if company else []
    scored = own or scored

    # A don't list may be two lines ("Do not use Photoshop ..." / "Do not use the header or footer ..."): a chunk
    # with two or more lines that warn reads as one (two lines that merely name a problem, "the problem presented",
    # "get out of being stuck", are an intro).
    donts = {hi for hi in {t[1].hi for t in scored} if kind == "mistake" and sum(
        1 for t in scored if t[1].hi == hi and t[1].first and warns(t[1], hits[hi].chunk)) >= 2}

    def listlike(c: Cand) -> bool:
        return c.itemlike or bool(own) or c.hi in donts

    top = scored[0][0]
    # Example questions are asked for: a list of prompts ("Tell me about a time ...") or quoted questions, not a
    # checklist.
    best = next((t for t in scored if listlike(t[1]) and t[0] >= top - (0.3 if hits[t[1].hi].heading >= 0.5 else 0.15)
                 and answers_with_best(t, scored, hits)
                 and (kind != "example" or t[1].question or _PROMPT.match(t[1].text) or _QUOTE.search(t[1].text))),
                None)
    if best is not None:
        # The list may run over several chunks of its section: take items from all of them.
        same = _section_hits(hits, hits[best[1].hi].chunk)
        firsts = {(c.hi, c.line): c for _, c, _ in scored if c.hi in same and c.first}
        items: dict[tuple[int, int], tuple[float, Cand]] = {}
        for score, c, _ in scored:
            key = (c.hi, c.line)
            # (every mistake of the chosen list is one: it is not ranked against the question's words; a sample the
            # article gives, "2016 | Best All-Round Product …", is no item of its advice)
            if c.hi in same and (score >= best[0] - 0.35 or kind == "mistake") and key not in items and \
                    listlike(c) and (kind != "mistake" or names_mistake(c)) and (kind == "example" or not c.sample):
                item = firsts.get(key, c)  # quote an item from its start (its label)
                if len(item.text) <= 300 and not any(item.text == o.text for _, o in items.values()):
                    items[key] = (score, item)
        # (a list of resources or page titles answers "which resources", not what was asked)
        if len(items) >= 2 and (wants_products or not all(c.pointer for _, c in items.values())):
            if hits[best[1].hi].heading >= WHOLE_LIST_MATCH:
                # The question asks for the list its heading names ("What does Palantir ask?" under "Palantir ...
                # interview questions"): its first items, as the article orders them.
                ordered = sorted(items.values(), key=lambda t: (hits[t[1].hi].chunk.position, t[1].hi, t[1].si))
                return _render([c for _, c in ordered[:MAX_ITEMS]], hits, best[0])
            top5 = sorted(items.values(), key=lambda t: -t[0])[:MAX_ITEMS]
            return _render([c for _, c in top5], hits, best[0])
    if kind == "mistake":
        warned = _warnings(scored, hits)
        if warned is not None:
            return warned
        doc = hits[scored[0][1].hi].chunk.doc_id
        picked = [t for t in scored if hits[t[1].hi].chunk.doc_id == doc and t[0] >= top - 0.15
                  and (t[1].text.startswith("Mistake") or _NEGATIVE.search(t[1].text))][:MAX_SENTENCES]
        if len(picked) >= 2:
            return _render([t[1] for t in picked], hits, top)
    return None


WARNING_NEAR = 0.35  # as close to the best sentence as a warning that still belongs to a gathered answer


def warns(c: Cand, chunk: Chunk) -> bool:
    """The sentence warns in the article's own words (``WARNING``), or is the first sentence of an item under a heading
    that does ("Don't check conditions unnecessarily": "`x < 5 and x < 10` - the second check is ...")."""
    return not c.question and not _announces(c.text) and (
        bool(WARNING.search(c.text)) or c.first and bool(WARNING.search(chunk.section or "")))


def _warnings(scored: list, hits: Sequence[Hit]) -> Composed | None:
    """A mistake question about a subject with no list of mistakes ("common pitfalls in coding interviews"): the
    article's warnings gathered across its retrieved sections, best first up to five, each cited, in article order.

    The article is the best sentence's (its intro may echo the question far better than any warning does); another
    article's warnings only when they score near the best. None when there is none, or only one beside a best
    sentence that warns itself."""
    top = scored[0][0]
    doc = hits[scored[0][1].hi].chunk.doc_id
    found = [t for t in scored if warns(t[1], hits[t[1].hi].chunk)]
    own = [t for t in found if hits[t[1].hi].chunk.doc_id == doc]
    if not own:
        near = [t for t in found if t[0] >= top - WARNING_NEAR]
        own = [t for t in near if hits[t[1].hi].chunk.doc_id == hits[near[0][1].hi].chunk.doc_id] if near else []
    picked = list({t[1].text: t for t in own}.values())[:MAX_ITEMS]
    if not picked or len(picked) < 2 and warns(scored[0][1], hits[scored[0][1].hi].chunk):
        return None  # one warning next to a best sentence that warns too: the answer is built around the best one
    if not any(_NEGATIVE.search(t[1].text) for t in picked):
        return None  # only items under a warning heading ("Don't invoke methods ..."): none says what goes wrong
    return _render([t[1] for t in picked], hits, top)


def _about_company(chunk: Chunk, company: str, lead: str = "") -> bool:
    """Whether ``chunk`` is the part about ``company``: its company, or the name in its heading (or in ``lead``)."""
    return (chunk.company or "").lower() == company.lower() or mentions_name(
        company, f"{chunk.section or ''} {lead}")


def _section_hits(hits: Sequence[Hit], chunk) -> set[int]:
    """Indices of the retrieved chunks of ``chunk``'s section (a list may run over several chunks)."""
    return {hi for hi, h in enumerate(hits) if h.chunk.doc_id == chunk.doc_id and h.chunk.section == chunk.section}


def _labelled_items(scored: list, hits: Sequence[Hit]) -> Composed | None:
    """When the best sentence's chunk holds a list of labelled items ("Memory consumption: Random Forest models
    ... can consume a lot of memory"), the list is the answer: the first sentence of each labelled item, in the
    retrieved chunks of its section, up to five, in article order. None when it holds no such list."""
    def labelled(hi: int) -> set[int]:
        lines = [ln.strip() for ln in hits[hi].chunk.text.splitlines() if ln.strip()]
        return {li for li, ln in enumerate(lines) if _ITEM_LABEL.match(ln)}

    top = scored[0][1]
    if not labelled(top.hi):
        return None  # (the best sentence may be the list's closing remark: its chunk holds items all the same)
    same = {hi: labelled(hi) for hi in _section_hits(hits, hits[top.hi].chunk)}
    items = {(c.hi, c.line): c for _, c, _ in scored if c.hi in same and c.first and c.line in same[c.hi]
             and not c.question}
    ordered = list({c.text: c for c in sorted(items.values(), key=lambda c: (hits[c.hi].chunk.position, c.si))
                    }.values())
    if len(ordered) < 3:
        return None
    return _render(ordered[:MAX_ITEMS], hits, scored[0][0])
