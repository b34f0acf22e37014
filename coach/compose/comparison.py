"""Answers that compare: the two sides a comparison question names, labelled facts of parallel sections
(one per level or role) and which-more facts stated from the quoted numbers.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from coach.models import Role
from coach.plan import (DURATION, FACT_KINDS, MONEY, asked_unit, carries_in, counted_nouns, counted_thing,
                        counts_other)
from coach.roles import role_mentions
from coach.store.bm25 import tokenize
from coach.compose.records import Cand, Composed, Hit, SentenceEmbeddings
from coach.compose.words import _CONTRACTED, _FILLER, _GENERIC, _SMALL_WORDS, _expanded, _key, _stems
from coach.compose.render import _render

# The words that only say "compare" (every way ``plan`` recognises a comparison), not what is compared.
_COMPARE_WORDS = _stems("differ differs different difference differences compare compared comparison versus vs "
                        "separate separates separated distinguish distinguishes distinguished set sets apart contrast "
                        "between")
# A sentence that only says the compared things differ, not how ("Pramp takes a different approach").
_DIFFERS_ONLY = re.compile(r"\b(?:takes?|has|have|uses?|follows?) (?:a|an) (?:\w+ )?(?:different|other|another) "
                           r"(?:approach|route|path|tack|model|way)\b|\b(?:differs?|is different|are different)\s*[.!]?$",
                           re.I)
# "an MLE one", "the MLE loop": words that only name the compared things, not a topic to compare them on.
_STAND_INS = _expanded(_stems("one ones loop loops"))
CONTRAST = re.compile(r"\b(?:while|whereas|but|unlike|compared|instead|on the other hand|than)\b", re.I)


_SIDES = re.compile(r"\b(?:between|separates?|distinguish(?:es)?|sets?)\s+(.+?)\s+(?:and|from|apart from|vs\.?|versus|"
                    r"or)\s+(.+?)\s*(?:\?|$)|^(.+?)\s+(?:vs\.?|versus)\s+(.+?)\s*(?:[?:]|$)|"
                    r"\b(?:does|do|is|are)\s+(.+?)\s+differ(?:ent)?\s+(?:from|to)\s+(.+?)\s*(?:\?|$)", re.I)


def _compared_sides(question: str, asked: Sequence[str], topic: set[str]) -> list[set[str]]:
    """The stems of the two things a comparison question sets against each other ("Pramp" and "interviewing.io" in
    "How does Pramp differ from interviewing.io?"); the named roles when it names two; [] when it cannot tell."""
    if len(asked) >= 2:
        return []  # the roles themselves are the sides (see ``_names_sides``)
    m = _SIDES.search(question)
    if m is None:
        return []
    a, b = [g for g in m.groups() if g is not None][:2]
    sides = [(_stems(side) & topic) - _COMPARE_WORDS - _FILLER - _STAND_INS for side in (a, b)]
    return sides if all(sides) else []


def _names_sides(t: tuple, sides: list[set[str]], asked: Sequence[str]) -> bool:
    """Whether a scored sentence names both compared things (two asked roles, or the two sides' words)."""
    if len(asked) >= 2:
        return sum(r in t[2] for r in asked) >= 2
    if not sides:
        return False
    words = _stems(t[1].text)
    return all(side & words for side in sides)


_LABEL_LINE = re.compile(r"^\W*([A-Z][\w /&'-]{1,40}?)\s*[:\u2014]\s+(\S.{3,300})$")


def _label_key(label: str) -> str:
    """A label's first word as a stem ("Scope of work" -> "scope"), to meet the question's words."""
    words = tokenize(label)
    return _key(words[0]) if words else label.lower()


_ALTERNATIVES = re.compile(r"\b(?:and|or|vs\.?|versus|than|compared (?:to|with)|between|from)\b|[,;/]", re.I)


def _named_headings(question: str, headings: Sequence[str]) -> list[str]:
    """The headings the question names, in question order. Each run of question words that occur in headings names
    the heading it fits best: the whole run when it spells a heading ("software engineer"), otherwise each word that
    not every heading shares goes to the heading it covers most of ("staff engineer" -> "Staff Software Engineer",
    not "Senior Staff Software Engineer"; "a senior one" -> "Senior Software Engineer")."""
    words = {h: tokenize(h) for h in headings}
    vocab = set().union(*(set(w) for w in words.values())) if words else set()
    common = set.intersection(*(set(w) for w in words.values())) if len(words) >= 2 else set()
    runs = []
    for part in _ALTERNATIVES.split(question):  # "a senior and a staff engineer" names two things
        run: list[str] = []
        for t in [*tokenize(part or ""), None]:
            if t is not None and t in vocab:
                run.append(t)
            elif run:
                runs.append(run)
                run = []
    named: list[str] = []
    for run in runs:
        got = set(run)
        exact = [h for h in headings if set(words[h]) == got]
        picks = exact[:1] or [
            max((h for h in headings if t in words[h]),
                key=lambda h: (len(got & set(words[h])) / len(set(words[h])), -len(words[h])))
            for t in dict.fromkeys(run) if t not in common]
        for h in picks:
            if h not in named:
                named.append(h)
    return named


def _labelled_facts(question: str, hits: Sequence[Hit], scored: list, kind: str,
                    sentence_vectors: SentenceEmbeddings | None = None, query_vector: np.ndarray | None = None
                    ) -> Composed | None:
    """Facts the article states in labelled lines, one section per role or level ("Staff Software Engineer" with
    "Experience: Typically 10+ years ..."). When the question names such sections, the asked label's line of each
    named section is the answer: "how much experience does a senior engineer have" -> that level's Experience line
    only; "how much more experience does a staff engineer have than a senior one" -> both. The asked label is the
    one the question names, else the one whose lines mean most what it asks ("what size of projects" -> "Scope of
    work"); a broad comparison with no asked label gets the labels that differ most plainly (numbers first, then the
    shortest values), never the first line by position. Lines are quoted as written, each cited to its section."""
    sections: dict[str, tuple[int, list[tuple[str, str]]]] = {}  # heading -> (hit index, [(label, value)])
    for hi, hit in enumerate(hits):
        heading = hit.chunk.section or ""
        if not heading or heading in sections:
            continue
        lines = [(m.group(1).strip(), m.group(2).strip())
                 for m in (_LABEL_LINE.match(ln.strip()) for ln in hit.chunk.text.splitlines()) if m]
        if len(lines) >= 2:
            sections[heading] = (hi, lines)
    if len(sections) < 2:
        return None  # one labelled section is no fact sheet per level
    # The parallel fact sheets: sections sharing two or more labels with most others (a list of labelled items
    # elsewhere in the hits has labels of its own).
    keys_of = {h: {_label_key(lab) for lab, _ in lines} for h, (_, lines) in sections.items()}
    peers = {h: sum(len(keys_of[h] & keys_of[o]) >= 2 for o in sections if o != h) for h in sections}
    most = max(peers.values())
    sections = {h: v for h, v in sections.items() if peers[h] == most and most >= 1}
    if len(sections) < 2:
        return None  # not parallel fact sheets (a list's item labels differ from section to section)
    chosen = _named_headings(question, list(sections))
    if not chosen and hits[scored[0][1].hi].chunk.doc_id not in {hits[hi].chunk.doc_id for hi, _ in sections.values()}:
        # No section named by its heading, and the best sentence is another article's: a word of one level's
        # description ("screening software") does not make the question one about levels.
        return None
    if len(chosen) < 2:
        chosen += [h for h in _described_sections(question, sections, chosen) if h not in chosen]
    if not chosen or (len(chosen) == 1 and not _ONE_LEVEL.search(question) and kind == "comparison"):
        return None
    labels = {h: {_label_key(lab): (lab, val) for lab, val in sections[h][1]} for h in chosen}
    shared = [key for key in labels[chosen[0]] if all(key in v for v in labels.values())]
    if len(shared) < 2:
        return None
    q_stems = _stems(question) - _GENERIC - {t for h in chosen for t in _stems(h)}
    asked = [key for key in shared if key in _expanded(q_stems)]
    if not asked and sentence_vectors is not None and query_vector is not None:
        asked = _asked_label(shared, sections, chosen, q_stems, sentence_vectors, query_vector)
    if not asked:  # "the gap in years": the label whose every value speaks of years
        asked = [key for key in shared if all(q_stems & _stems(labels[h][key][1]) for h in chosen)]
    if kind in FACT_KINDS:
        # A fact question is answered by the label whose lines state that kind of fact: "how many years before people
        # reach staff" by Experience ("10+ years"), not by Scope of work ("projects spanning multiple halves").
        unit = asked_unit(question) if kind == "duration" else None
        typed = [key for key in shared
                 if any(carries_in(kind, unit, labels[h][key][1]) for h in chosen)]
        typed = _stating(shared, typed, {key: [labels[h][key][1] for h in chosen] for key in shared}, kind, question,
                         q_stems)
        if typed and not set(asked) & set(typed):
            asked = typed
    if not asked:
        if kind not in ("comparison", "other", "howto") or len(chosen) < 2:
            return None  # "which pays more" needs the asked fact, not some labels
        asked = sorted(shared, key=lambda k: _contrast_rank([labels[h][k][1] for h in chosen]))[:2]
    picked = []
    for h in chosen[:3]:
        values = [f"{labels[h][key][0]}: {labels[h][key][1].rstrip('.!; ')}" for key in asked[:2]]
        picked.append(Cand(sections[h][0], 0, 0, f"{h} — {'; '.join(values)}."))
    out = _render(picked, hits, scored[0][0])
    if len(chosen) == 2 and _COMPARATIVE.search(question):
        verdict = _labelled_verdict(question, chosen, [labels[h][asked[0]] for h in chosen], out)
        if verdict:
            out.text = f"{verdict} {out.text}"
            out.pieces.insert(0, verdict)
    return out


def _stating(shared: list[str], typed: list[str], values: dict[str, list[str]], kind: str, question: str,
             q_stems: set[str]) -> list[str]:
    """The labels of ``typed`` (their lines carry the asked kind of fact) that state the asked fact. A count is of the
    counted thing: a label whose lines count something else ("10+ years" for how many teams) does not state it, one
    whose lines name the counted thing does ("multiple/neighboring teams"). A figure ("10+ years") states a time or
    amount; a vague one ("projects spanning multiple halves") only when the question speaks of what it measures
    ("how long do a staff engineer's projects last"), not when a label with a figure is there."""
    if kind == "count" and (count_of := counted_thing(question)):
        nouns = _stems(" ".join(counted_nouns(count_of)))
        named = [key for key in shared if any(nouns & _stems(v) for v in values[key])]
        return named + [key for key in typed if key not in named
                        and not all(counts_other(count_of, v) for v in values[key])]
    figured = [key for key in typed if any(re.search(r"\d", v) for v in values[key])]
    if not figured:
        return typed
    return [key for key in typed if key in figured or any(q_stems & _stems(v) for v in values[key])]


# A question about one level's attribute ("how much experience does a senior have"), not a comparison of levels.
_ONE_LEVEL = re.compile(r"^\s*(?:what|how|who|which|does|do|is|are|can)\b", re.I)
LABEL_MIN_SIM = 0.25
# The label's own words ("Scope of work") say what is asked more reliably than its short values ("Single tickets"),
# which the embedding measures noisily: the values' similarity counts half as much.
LABEL_LINES_WEIGHT = 0.5
LABEL_OVERLAP = 0.05  # the named sections' values share the question's words


def _asked_label(shared: list[str], sections: dict, chosen: list[str], q_stems: set[str],
                 sentence_vectors: SentenceEmbeddings, query_vector: np.ndarray) -> list[str]:
    """The label whose lines mean most what the question asks: "what size of projects does a staff engineer own"
    -> "Scope of work", "how far does their influence reach" -> "Influence". A label means the same in every
    section: its name and its lines in all the parallel sections are measured (one short value alone is a noisy
    measure); a word the question shares with the label or the named sections' values counts too. Empty when no
    label fits."""
    pairs = {h: {_label_key(lab): (lab, val) for lab, val in sections[h][1]} for h in sections}
    names = {key: next(pairs[h][key][0] for h in pairs if key in pairs[h]) for key in shared}
    line = {(h, key): f"{lab}: {val}" for h in pairs for key, (lab, val) in pairs[h].items() if key in shared}
    texts = list(dict.fromkeys([*names.values(), *line.values()]))
    sims = dict(zip(texts, sentence_vectors.encode(texts) @ np.asarray(query_vector, dtype=np.float32)))
    scores = []
    for key in shared:
        mean = float(np.mean([sims[line[h, key]] for h in pairs if key in pairs[h]]))
        mean = (LABEL_LINES_WEIGHT * mean + float(sims[names[key]])) / (1 + LABEL_LINES_WEIGHT)
        overlap = sum(bool(q_stems & _stems(pairs[h][key][1])) for h in chosen) / len(chosen) + bool(
            q_stems & _stems(names[key]))  # a word of the label itself ("work" in "Scope of work")
        scores.append((mean + LABEL_OVERLAP * overlap, key))
    scores.sort(reverse=True)
    return [scores[0][1]] if scores[0][0] >= LABEL_MIN_SIM else []


def _described_sections(question: str, sections: dict, named: list[str]) -> list[str]:
    """Sections the question names by what their lines say rather than by their heading ("entry-level" for the
    section whose description reads "Entry-level role ..."): a question word that no heading or label holds and
    that the first line of exactly one section holds, in a question that names what all the sections are or names
    one of them by its heading."""
    # The question must speak of what every section is ("... engineers"): a question about nerves that happens to
    # share a word with one level's description names no level. One that names a section by its heading ("a junior
    # dev") speaks of them already, whatever it calls the rest ("a mid-level dev").
    q_words = set(tokenize(question))
    if not named and not set.intersection(*(set(tokenize(h)) for h in sections)) & q_words:
        return []
    # Words of the headings and of the labels name a level or an attribute, not a description.
    heading_words = {t for h in sections for t in tokenize(h)} | {
        t for _, lines in sections.values() for lab, _ in lines for t in tokenize(lab)}
    words = [t for t in tokenize(question) if t not in heading_words and _key(t) not in _GENERIC
             and t not in _CONTRACTED and t not in _SMALL_WORDS and len(t) >= 3]
    if not words:
        return []
    # A section's first line describes it ("Description: Entry-level role ..."); its other lines share common words.
    holders = {h: set(tokenize(lines[0][1])) for h, (_, lines) in sections.items()}
    out = []
    for t in words:
        having = [h for h in sections if t in holders[h]]
        if len(having) == 1 and having[0] not in named and having[0] not in out:
            out.append(having[0])
    return out


_COMPARATIVE = re.compile(r"\b(?:more|less|fewer|longer|shorter|higher|lower|bigger|larger|smaller|wider|narrower|"
                          r"gap|difference|differ\w*|compare\w*|vs\.?|versus)\b", re.I)
_FIRST_AMOUNT = re.compile(r"(\d[\d,.]*)\s?(\+|-\s?\d[\d,.]*)?\s*([a-z]+)?", re.I)


def _labelled_verdict(question: str, chosen: list[str], values: list[tuple[str, str]], out: Composed) -> str | None:
    """The comparison stated from the quoted numbers, when both values of the asked label start with an amount in
    the same unit: "Staff Software Engineer has more experience: 10+ years vs 5+ years for Senior Software Engineer
    [1][2]." Numbers are copied from the cited lines (the faithfulness guard checks them)."""
    amounts = []
    for _, value in values:
        m = _FIRST_AMOUNT.search(value)
        if not m:
            return None
        amounts.append((float(m.group(1).replace(",", "")), m.group(0).strip(), (m.group(3) or "").lower()))
    (a, a_text, a_unit), (b, b_text, b_unit) = amounts
    if a == b or a_unit != b_unit:
        return None
    less = bool(_LESS.search(question))
    (win, w_text), (lose, l_text) = ((0, a_text), (1, b_text)) if (a > b) != less else ((1, b_text), (0, a_text))
    label = values[0][0].lower()
    marks = "".join(f"[{n}]" for n in sorted(s.n for s in out.sources))
    return f"{chosen[win]} has {'less' if less else 'more'} {label}: {w_text} vs {l_text} for {chosen[lose]} {marks}."


def _contrast_rank(values: list[str]) -> tuple:
    """How plainly a label's values set the sections apart (smaller is better): numbers in every value first
    ("5+ years" vs "10+ years"), then values that describe the same dimension in different degrees (they share the
    most words: "Large features" vs "Larger projects"), not free-text descriptions that share nothing."""
    sets = [set(tokenize(v)) for v in values]
    shared = len(set.intersection(*sets)) / max(1, len(set.union(*sets)))
    return (not all(re.search(r"\d", v) for v in values), -round(shared, 2), sum(len(v) for v in values))


_WHICH_ATTR = [
    ("money", re.compile(r"\b(?:pay|pays|paid|salar\w*|earn\w*|compensation|make|money)\b", re.I), MONEY),
    ("duration", re.compile(r"\b(?:long|longer|shorter|quick\w*|fast\w*|slow\w*|process|weeks?|time|timeline)\b", re.I),
     DURATION),
    ("count", re.compile(r"\b(?:rounds?|stages?|steps?|interviews?)\b", re.I),
     re.compile(r"\b\d+(?:\s?(?:-|–|to)\s?\d+)?\+?(?=\s+(?:\w+\s+)?(?:rounds?|stages?|steps?|interviews?))", re.I)),
]
# How far down the ranked sentences a per-role comparison is looked for: "which role has more rounds" shares few
# words with the one sentence that holds both roles' round counts.
WHICH_MORE_DEPTH = 20
_RANGE_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
_LESS = re.compile(r"\b(?:less|fewer|lower|shorter|smaller|quicker|faster|cheaper)\b", re.I)
_WORDS_FOR = {"money": ("pay more", "pay less"), "duration": ("take longer", "are quicker"),
              "count": ("have more rounds", "have fewer rounds")}


def _value(text: str) -> float:
    """The upper end of a quoted value ("$160,000 - $220,000" -> 220000, "3-6 weeks" -> 6)."""
    nums = [float(n.replace(",", "")) for n in _RANGE_NUM.findall(text)]
    return max(nums) if nums else 0.0


def _which_more(question: str, scored: list, hits: Sequence[Hit], roles: Sequence[Role]) -> Composed | None:
    """Deterministic comparison of a per-role fact held in one sentence: "MLE roles pay more: $170,000 to $250,000
    vs $160,000 - $220,000 for Applied Scientist roles [1]." Numbers are copied from the cited sentence."""
    attr = next(((name, value) for name, qp, value in _WHICH_ATTR if qp.search(question)), None)
    if attr is None:
        return None
    name, value_pattern = attr
    topic = _stems(question) - _stems("which role roles more less longer shorter higher lower fewer pay pays earn "
                                      "make time long one")
    for score, c, mentioned in scored[:WHICH_MORE_DEPTH]:
        if topic and not topic & _stems(c.text):
            continue  # a comparison of some other fact ("more time coding live" is not the process length)
        spans = sorted(role_mentions(c.text, list(roles)))
        values = list(value_pattern.finditer(c.text))
        if len({n for _, _, n in spans}) < 2 or len(values) < 2:
            continue
        per_role: dict[str, tuple[str, str]] = {}  # canonical role -> (its name as written, its value)
        for v in values:
            if name == "money":  # a range "$160,000 - $220,000" is one value
                m = re.match(r"[$€£]?[\d,.]+\s?(?:-|–|to)\s?[$€£]?[\d,.]+", c.text[v.start():])
                text = m.group(0) if m else v.group(0)
            else:
                text = v.group(0)
            end = v.start() + len(text)
            # "2-4 weeks for Applied Scientist roles": the role right after "for"; else the role named before it.
            after = [(s, e, n) for s, e, n in spans if s >= end and re.fullmatch(
                r"\s*(?:\w+\s+){0,2}for\s+(?:the\s+)?(?:\w+\s+)?", c.text[end:s])]
            before = [(s, e, n) for s, e, n in spans if e <= v.start()]
            owner = after[0] if after else (before[-1] if before else None)
            if owner and owner[2] not in per_role:
                per_role[owner[2]] = (c.text[owner[0]:owner[1]], text.strip())
        if len(per_role) < 2:
            continue
        (r1, v1), (r2, v2) = list(per_role.values())[:2]
        less = bool(_LESS.search(question))
        if _value(v1) == _value(v2):
            continue
        winner, loser = ((r1, v1), (r2, v2)) if (_value(v1) > _value(v2)) != less else ((r2, v2), (r1, v1))
        verb = _WORDS_FOR[name][1 if less else 0]
        text = f"{winner[0]} roles {verb}: {winner[1]} vs {loser[1]} for {loser[0]} roles"
        fact = Cand(c.hi, c.si, c.line, text + ".")
        out = _render([fact], hits, score)
        return out
    return None
