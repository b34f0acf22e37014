"""``Article`` -> section-aware ``Chunk``s with content-derived ids.

- A chunk never spans two sections.
- Every FAQ pair is one chunk ``"Q\\nA"`` (kind ``faq``, section = the question).
- The checklist is one chunk (kind ``checklist``); each rubric pair is one chunk ``"BAD: …\\nGOOD: …"`` (kind
  ``rubric``); the TL;DR is kind ``tldr``.
- Body sections are packed sentence by sentence up to ``chunk_size`` characters, repeating ``overlap`` sentences; a
  table row with its column names is packed whole, so no chunk holds part of a row without its label.
- ``Chunk.text`` is the article's own sentences (answers quote it); :func:`embedding_text` adds the title and
  heading (after its parent heading when the heading only names the kind of passage) for the dense and BM25
  indexes; ``Chunk.parents`` holds the headings the section sits under.
- ``id = sha256(doc_id, section, kind, text)[:16]``: re-ingesting the same file yields the same ids.
- ``stub`` flags a chunk with nothing of its own to quote (:func:`is_stub_text`), once, for retrieval to skip.
- ``samples`` lists the chunk's sentences its section sets apart as a sample (``Section.samples``: a blockquoted
  answer, letter or entry), which an answer quotes as an example, never as advice.
"""
from __future__ import annotations

import re

from coach.adverts import sponsored
from coach.models import Article, Chunk, Section
from coach.roles import roles_mentioned
from coach.store.bm25 import tokenize
from coach.text import split_sentences, stable_id
from ingest.markdown import TABLE_ROW

STUB_WORDS = 3  # a one-line chunk with fewer content words and no full stop is a placeholder or a stray label
GENERIC_HEADING_WORDS = 1  # a section heading this short is embedded after its parent heading (``generic_heading``)


def embedding_text(chunk: Chunk) -> str:
    """What the pipeline embeds and BM25 indexes: "title — section: text" (section omitted when the text already
    starts with it, e.g. FAQ chunks), the section led by the heading it sits under when its own heading is one word
    ("Examples", "Don'ts", "Must-haves", a product's name): such a heading says what kind of passage follows, or
    names one item of its parent, not what the passage is about, and the article holds several of them. So does a
    heading none of whose words the passage uses ("Practical tips" over three tips on a cover letter)."""
    short = bool(chunk.section) and generic_heading(chunk.section, chunk.text)
    head = [*(chunk.parents[-1:] if short else []),
            *([chunk.section] if chunk.section and not chunk.text.startswith(chunk.section) else [])]
    if head:
        return f"{chunk.title} — {' > '.join(head)}: {chunk.text}"
    return f"{chunk.title}: {chunk.text}"


def generic_heading(heading: str, text: str) -> bool:
    """Whether ``heading`` says what kind of passage ``text`` is rather than what it is about: one word ("Examples",
    "Don'ts", a product's name), or words the passage never uses ("Practical tips" over tips on a cover letter),
    unless it is a question ("What is overfitting?" over an answer that never says "overfitting")."""
    if re.sub(r"[^\w?]+$", "", heading).endswith("?"):
        return False  # a question names what its passage answers, whatever words the answer uses
    return len(heading.split()) <= GENERIC_HEADING_WORDS or not _words(heading) & _words(text)


def _words(text: str) -> set[str]:
    return {t for t in tokenize(text) if not t.isdigit()}


def is_stub_text(text: str) -> bool:
    """A chunk text with nothing of its own to quote: one line that only leads in to what follows ("…optimize your
    content:") or a placeholder without a statement ("Answer here"). Its heading, embedded with it, would otherwise
    rank it for questions on the heading's topic and push the passages that answer out of the top three."""
    text = text.strip()
    if "\n" in text:  # a list, however short, is content
        return False
    if text.endswith(":"):
        return len(split_sentences(text)) == 1
    return len(text.split()) < 2 * STUB_WORDS and len(tokenize(text)) < STUB_WORDS and not re.search(r"[.!?)]$", text)


def pack_sentences(paragraphs: list[str], chunk_size: int, overlap: int) -> list[str]:
    """Greedy sentence packing; paragraph breaks become newlines; ``overlap`` sentences repeat across chunks. A table
    row with its column names is packed whole (one chunk holds all of it), like a single sentence."""
    groups: list[list[tuple[str, bool]]] = []  # units packed together: one sentence, or all of a table row
    for para in paragraphs:
        units = [(piece, i == 0 and j == 0) for i, s in enumerate(split_sentences(para))
                 for j, piece in enumerate(_hard_split(s, chunk_size))]
        groups += [units] if TABLE_ROW.match(para) else [[u] for u in units]
    chunks: list[str] = []
    cur: list[list[tuple[str, bool]]] = []

    def render(part: list[list[tuple[str, bool]]]) -> str:
        out = ""
        for j, (s, new_para) in enumerate(u for g in part for u in g):
            out += s if j == 0 else ("\n" if new_para else " ") + s
        return out

    for group in groups:
        if cur and len(render([*cur, group])) > chunk_size:
            chunks.append(render(cur))
            keep = cur[-overlap:] if 0 < overlap < len(cur) else []
            cur = [g for g in keep if len(g) == 1]  # a row is whole in the chunk before: it is not repeated
            if cur and len(render([*cur, group])) > chunk_size:
                cur = []  # the overlap plus this sentence would not fit: start clean rather than loop
        cur.append(group)
    if cur:
        chunks.append(render(cur))
    return chunks


def _hard_split(sentence: str, chunk_size: int) -> list[str]:
    """A "sentence" longer than twice the chunk size (a table row, text without punctuation) is cut at spaces."""
    if len(sentence) <= 2 * chunk_size:
        return [sentence]
    pieces: list[str] = []
    words = sentence.split(" ")
    cur = ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > chunk_size:
            pieces.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        pieces.append(cur)
    return pieces


def chunk_article(article: Article, *, chunk_size: int = 700, overlap: int = 1) -> list[Chunk]:
    """Split an article into retrieval chunks (see module docstring for the rules)."""
    pieces: list[tuple[str | None, str, str, list[str], frozenset[str]]] = []  # (section, kind, text, parents, samples)
    faq_by_q = {p.question: p for p in article.faq}
    # a section about another company than the article's own (one section per company) is filed under it
    section_company: dict[str | None, str] = {}
    for m in article.companies:
        if m.name != article.company:
            for path in m.sections:
                heading = path.split(" > ")[-1]
                if m.name in heading:
                    section_company.setdefault(heading, m.name)
    for sec in sponsor_free(article.sections):
        samples = frozenset(_units(sec.samples))
        for section, kind, text in _section_pieces(sec, article, faq_by_q, chunk_size, overlap):
            # an FAQ pair's section is its question, which sits under the FAQ heading
            parents = sec.parents if section == sec.heading or not sec.heading else [*sec.parents, sec.heading]
            pieces.append((section, kind, text, parents, samples))

    chunks: list[Chunk] = []
    occurrences: dict[tuple[str, str, str], int] = {}
    for section, kind, text, parents, samples in pieces:
        text = text.strip()
        if not text:
            continue
        key = (section or "", kind, text)
        n = occurrences[key] = occurrences.get(key, 0) + 1
        # the same text twice under the same heading keeps both chunks; ids stay deterministic
        cid = stable_id(article.doc_id, *key) if n == 1 else stable_id(article.doc_id, *key, str(n))
        chunks.append(
            Chunk(
                id=cid,
                doc_id=article.doc_id,
                text=text,
                title=article.title,
                path=article.path,
                section=section,
                parents=parents,
                kind=kind,  # type: ignore[arg-type]
                roles=roles_mentioned(f"{section or ''}\n{text}", article.roles),
                company=section_company.get(section, article.company),
                position=len(chunks),
                stub=is_stub_text(text),
                samples=[u for u in _units([text]) if u in samples] if samples else [],
            )
        )
    return chunks


def _units(paragraphs: list[str]) -> list[str]:
    """The sentences of ``paragraphs`` line by line, as the composer splits a chunk's text into quotable units."""
    return [u.strip() for p in paragraphs for line in p.splitlines() for u in split_sentences(line) if u.strip()]


def sponsor_free(sections: list[Section]) -> list[Section]:
    """The sections that are the article's own: a sponsored section ("This section was added by the X team") and
    the sections under it are a sponsor's claims, never evidence, so they are not indexed at all (the retriever and
    the scope checks then never meet their words: a name only a sponsor writes is one the library does not cover)."""
    sponsored_paths: set[tuple[str, ...]] = set()
    kept = []
    for sec in sections:
        under = any(tuple(sec.parents[:i]) in sponsored_paths for i in range(1, len(sec.parents) + 1))
        if under or sponsored(sec.heading, "\n".join(sec.paragraphs)[:300]):
            if sec.heading:
                sponsored_paths.add((*sec.parents, sec.heading))
            if sec.parents and sponsored(sec.heading, ""):
                # a notice set as its own (bold) heading speaks of the section it sits in: "Disclaimer: this
                # section was added by …" under "## Zylo" makes all of Zylo's section the sponsor's
                sponsored_paths.add(tuple(sec.parents))
            continue
        kept.append(sec)
    return kept


def _section_pieces(
    sec: Section, article: Article, faq_by_q: dict, chunk_size: int, overlap: int
) -> list[tuple[str | None, str, str]]:
    head = sec.heading
    paras = [p for p in sec.paragraphs if p.strip()]
    if sec.kind == "faq":
        out: list[tuple[str | None, str, str]] = []
        lead: list[str] = []
        for p in paras:
            pair = faq_by_q.get(p)
            if pair is not None:
                out.append((pair.question, "faq", f"{pair.question}\n{pair.answer}"))
            elif not out:
                lead.append(p)  # text between the FAQ heading and its first question
        return [(head, "body", t) for t in pack_sentences(lead, chunk_size, overlap)] + out
    if sec.kind == "checklist":
        listed = set(article.checklist)  # a set: a checklist may have 100k items
        items = [p for p in paras if p in listed]
        text = "\n".join(paras)
        if len(text) <= 3 * chunk_size or not items:
            return [(head, "checklist", text)]
        return [(head, "checklist", t) for t in pack_sentences(paras, chunk_size, 0)]
    if sec.kind == "rubric":
        # BAD/GOOD pairs become one chunk each; other items (pitfalls, don'ts) stay in the article's own words
        items = [r for r in article.rubric if r.kind == "pair" and any(r.mistake in p for p in paras)]
        if items:
            # paragraphs holding pairs are replaced by one chunk per pair; the rest (an intro line) is kept
            lead = [p for p in paras if not any(r.mistake in p or (r.fix and r.fix in p) for r in items)]
            out = [(head, "rubric", t) for t in pack_sentences(lead, chunk_size, overlap)]
            out += [(head, "rubric", f"BAD: {r.mistake}\nGOOD: {r.fix}" if r.fix else f"BAD: {r.mistake}")
                    for r in items]
            return out
    kind = sec.kind if sec.kind in ("tldr", "questions", "rubric") else "body"
    return [(head, kind, t) for t in pack_sentences(paras, chunk_size, overlap)]

