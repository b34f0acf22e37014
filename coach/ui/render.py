"""HTML and Markdown for the web app, built only from escaped text.

Every string that comes from an article or a user passes through :func:`esc` before it is put into HTML, so an
ingested page with ``<script>`` or ``<img onerror>`` shows as text and never runs. Chat messages are wrapped in one
HTML block with no blank line inside, so the chat's Markdown renderer leaves them alone (no ``![img](url)`` fetch).
No Gradio import here: these are plain functions, unit-tested without a server.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterable

from coach.models import (UNCLEAR_NOTE, Answer, Attempt, Feedback, ItemFeedback, LibrarySummary, RoleComparison,
                          RubricItem)

NOT_IN_LIBRARY = "not in the library"
VERDICT_LABELS = {"made": "Mistake made", "avoided": "Avoided", "unclear": "Unclear", "not_applicable": "n/a"}
VERDICT_SCORES = {"avoided": 100, "unclear": 50, "made": 0}  # not_applicable items are left out of the plot
UNCLEAR_OPEN_ITEMS, UNCLEAR_OPEN_CHARS = 2, 300  # more unclear items, or longer, start folded
_CITE = re.compile(r"\[(\d{1,3})\]")


def esc(text: object) -> str:
    """HTML-escape anything (quotes too, so the result is safe inside attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def esc_lines(text: str) -> str:
    """Escaped text whose line breaks become ``<br>`` (a blank line would end the HTML block in Markdown)."""
    return "<br>".join(esc(line) for line in (text or "").strip().splitlines())


def _cite_marks(escaped: str, known: set[int]) -> str:
    """``[n]`` -> a link to source n (the page's script opens that source and scrolls to it)."""
    def sub(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n not in known:
            return m.group(0)
        return f'<a class="cite" href="#src-{n}" data-n="{n}" title="Open source {n}">[{n}]</a>'

    return _CITE.sub(sub, escaped)


# A message that opens with a file's name ("empty.md is empty"): the name keeps its case ("Empty.md" names no file).
_FILE_NAME = re.compile(r"[\w.-]+\.[A-Za-z0-9]{1,8}(?=[\s:;,]|$)")


def sentence_case(text: object) -> str:
    """First letter upper case (unless the text opens with a file name), and a final full stop unless the text
    already ends a sentence."""
    text = re.sub(r"\s+", " ", "" if text is None else str(text)).strip()
    if not text:
        return ""
    if not _FILE_NAME.match(text):
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…:)”\"" else text + "."


def number(n: int | float) -> str:
    """A count with thousands separators: 50999 -> "50,999"."""
    return f"{n:,}" if isinstance(n, int) else f"{n:,.1f}"


def error_html(message: object) -> str:
    """An error shown next to the control that caused it; it stays until the user acts again."""
    return (f'<div class="inline-error" role="alert"><span class="err-icon" aria-hidden="true">!</span> '
            f"{esc(sentence_case(message))}</div>")


def files_error_html(intro: str, files: list[tuple[str, str]]) -> str:
    """Files that could not be added, one to a line: (file name, the line saying what is wrong and what to do, which
    opens with the name, set in bold). Run together in one paragraph, three files' reasons read as one."""
    def item(name: str, line: str) -> str:
        if not line.startswith(name):
            return esc(sentence_case(line))
        rest = sentence_case(line)[len(name):]  # "guide.pdf is empty." keeps its own case; after ": " a sentence
        return f"<b>{esc(name)}</b>" + (f": {esc(sentence_case(rest[2:]))}" if rest.startswith(": ") else esc(rest))

    items = "".join(f"<li>{item(name, line)}</li>" for name, line in files)
    return (f'<div class="inline-error" role="alert"><span class="err-icon" aria-hidden="true">!</span> '
            f'{esc(intro)}<ul class="file-errors">{items}</ul></div>')


def status_html(message: object) -> str:
    return f'<div class="inline-ok" role="status">{esc(sentence_case(message))}</div>'


# -- chat ---------------------------------------------------------------------------------------------------------
def user_message(text: str) -> str:
    return f'<div class="user-msg">{esc_lines(text)}</div>'


def streaming_message(text: str) -> str:
    return f'<div class="answer streaming">{esc_lines(text)}<span class="cursor">▍</span></div>'


# The note over a declined answer, by why it was declined: (headline, what to do). An out-of-scope answer's note adds
# its reason unless the answer already says it; the replies asking for the question in full or in English say why
# themselves, so their notes are a headline only.
DECLINE_NOTES = {
    "empty_library": ("The library is empty.", "Add an article in the Library tab."),
    "refers_back": ("Ask the question in full.", ""),
    "not_english": ("Ask in English.", ""),
    "outside_library": ("Outside the library.",
                        "Try rephrasing, pick another role, or add an article in the Library tab."),
}


def scope_note(answer: Answer) -> str:
    """The note over a declined answer, worded for why it was declined (``Answer.decline``)."""
    headline, advice = DECLINE_NOTES[answer.decline or "outside_library"]
    reason = ""
    if (answer.decline or "outside_library") == "outside_library":
        from coach.api import unsaid_note

        reason = sentence_case(unsaid_note(answer) if answer.note else
                               "The library has no article that answers this question closely.")
    text = " ".join(x for x in (reason, advice) if x)
    return f'<div class="scope-note" role="note"><b>{esc(headline)}</b>{" " if text else ""}{esc(text)}</div>'


def answer_message(answer: Answer) -> str:
    """The assistant's chat message: cited answer, an out-of-scope note, numbered expandable sources."""
    known = {s.n for s in answer.sources}
    parts = ['<div class="answer">']
    if not answer.grounded:
        parts.append(scope_note(answer))
    lines = answer.answer.strip().splitlines()
    if not answer.grounded and len(lines) > 1:
        # A decline's first line says why; what the library covers is there to open, not a wall on a phone.
        parts.append(f'<div class="answer-text">{esc(lines[0])}</div><details class="decline-more">'
                     f'<summary>What the library covers</summary>{"<br>".join(esc(x) for x in lines[1:])}</details>')
    else:
        body = "<br>".join(_cite_marks(esc(line), known) for line in lines)
        parts.append(f'<div class="answer-text">{body}</div>')
    if answer.sources:
        parts.append('<div class="sources"><div class="sources-label">Sources</div>')
        for s in answer.sources:
            where = f" · {esc(s.section)}" if s.section else ""
            parts.append(
                f'<details class="source" id="src-{s.n}" data-n="{s.n}"><summary><span class="src-n">[{s.n}]</span> '
                f'<span class="src-title">{esc(s.title)}</span><span class="src-section">{where}</span></summary>'
                f'<div class="snippet">{esc_lines(s.text)}</div></details>'
            )
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def chat_placeholder(summary: LibrarySummary | None) -> str:
    """What the empty chat shows (Markdown: our own text only)."""
    if summary is None or not summary.documents:
        return ("## Ingest an article first\nThe library is empty. Open the **Library** tab and upload or paste a "
                "career article, then come back and ask about it.")
    roles = ", ".join(r.name for r in summary.roles[:6]) or "the roles in your articles"
    return (f"## Ask about {number(len(summary.documents))} article{'s' if len(summary.documents) != 1 else ''} in your "
            f"library\nRounds, pay, system design, mistakes to avoid — for {esc(roles)}. Every answer quotes its "
            "sources; select a number such as [1] to read the passage.")


def example_questions(summary: LibrarySummary, faq: Iterable[str], limit: int = 8) -> list[str]:
    """Starter questions: role-difference prompts from the roles each article compares, interleaved with FAQs."""
    prompts: list[str] = []
    def short(role) -> str:
        abbrev = [a for a in role.aliases if a.isupper() and 2 < len(a) <= 5]
        return abbrev[0] if abbrev and len(role.name) > 18 else role.name

    for doc in summary.documents:
        names = [short(r) for r in doc.roles]
        company = f"{doc.company} " if doc.company else ""
        if len(names) >= 2:
            prompts.append(f"How do {company}{names[0]} and {names[1]} interviews differ?")
            prompts.append(f"How many interview rounds does the {company}{names[1]} loop have?")
        elif names:
            prompts.append(f"What mistakes should I avoid in a {company}{names[0]} interview?")
    faqs = list(faq)
    mixed: list[str] = []
    for i in range(max(len(prompts), len(faqs))):
        mixed += prompts[i : i + 1] + faqs[i : i + 1]
    seen: set[str] = set()
    out = []
    for q in mixed:
        if q.lower() not in seen:
            seen.add(q.lower())
            out.append(q)
    return out[:limit]


# -- practice -----------------------------------------------------------------------------------------------------
def _evidence_parts(evidence: str) -> list[str]:
    parts = re.split(r"\s*(?:…|\.\.\.|\n)\s*", evidence or "")
    return [p.strip().strip("\"'“”‘’").strip() for p in parts if len(p.strip()) >= 3]


def _find(answer: str, needle: str) -> tuple[int, int] | None:
    i = answer.lower().find(needle.lower())
    if i >= 0:
        return i, i + len(needle)
    # Evidence may differ from the answer in whitespace only.
    words = needle.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), answer, re.I)
    return (m.start(), m.end()) if m else None


def evidence_spans(answer: str, items: list[ItemFeedback]) -> list[tuple[int, int, list[ItemFeedback]]]:
    """Non-overlapping (start, end, items) spans of ``answer`` quoted as evidence; overlapping quotes merge."""
    raw: list[tuple[int, int, ItemFeedback]] = []
    for item in items:
        for part in _evidence_parts(item.evidence):
            span = _find(answer, part)
            if span:
                raw.append((span[0], span[1], item))
    raw.sort(key=lambda t: (t[0], -t[1]))
    merged: list[tuple[int, int, list[ItemFeedback]]] = []
    for s, e, item in raw:
        if merged and s < merged[-1][1]:
            ps, pe, its = merged[-1]
            merged[-1] = (ps, max(pe, e), its if item in its else its + [item])
        else:
            merged.append((s, e, [item]))
    return merged


def highlight_answer(answer: str, items: list[ItemFeedback]) -> str:
    """The answer, escaped, with ``<mark>`` around each evidence span (tooltip: which rubric item and verdict)."""
    if not answer.strip():
        return '<div class="empty">No answer yet.</div>'
    out: list[str] = []
    pos = 0
    for s, e, its in evidence_spans(answer, items):
        out.append(esc(answer[pos:s]))
        kind = "made" if any(i.verdict == "made" for i in its) else its[0].verdict
        tip = " | ".join(f"{VERDICT_LABELS.get(i.verdict, i.verdict)}: {i.mistake}" for i in its)
        out.append(f'<mark class="ev ev-{esc(kind)}" title="{esc(tip)}">{esc(answer[s:e])}</mark>')
        pos = e
    out.append(esc(answer[pos:]))
    text = "".join(out).replace("\n", "<br>")
    return f'<div class="answer-highlight">{text}</div>'


def score_html(feedback: Feedback) -> str:
    """The score, the summary line (which carries the verdict counts) and what raised and lowered the score."""
    band = "good" if feedback.score >= 75 else "ok" if feedback.score >= 50 else "low"
    basis = "delivery-only score · " if feedback.basis == "delivery-only" else ""
    why = "".join(
        f'<div class="score-why score-{cls}"><h4>{title}</h4><ul>'
        + "".join(f'<li><span class="pts">{f.points:+d}</span> {esc(f.label)}</li>' for f in factors) + "</ul></div>"
        for title, cls, factors in zip(("What raised it", "What lowered it"), ("up", "down"),
                                       feedback.score_explanation()) if factors)
    if why:
        why += f'<div class="score-sum">{esc(feedback.score_sum())}</div>'
    return (
        f'<div class="score-card score-{band}"><div class="score-num" aria-label="score">{feedback.score}'
        f'<span class="score-of">/100</span></div><div class="score-side">'
        f'<div class="score-summary">{esc(feedback.summary)}</div>'
        f'<div class="score-counts">{basis}role: {esc(feedback.role)}</div></div>'
        + (f'<div class="score-explain" aria-label="why this score">{why}</div>' if why else "") + "</div>"
    )


def rubric_table_html(feedback: Feedback) -> str:
    """Rubric items judged, mistakes first: verdict badge, mistake and fix, evidence quote, advice; then the items
    the answer shows neither way, as one list (each row repeated the same advice)."""
    judged, unclear = feedback.listed_items()
    rows = []
    for i in judged:
        evidence = f'<q>{esc(i.evidence)}</q>' if i.evidence else '<span class="muted">—</span>'
        better = f'<div class="fix">Better: {esc(i.fix)}</div>' if i.fix else ""  # a fix-less "Don't" had "Better: "
        rows.append(
            f'<tr class="row-{esc(i.verdict)}"><td data-label="Verdict"><span class="badge badge-{esc(i.verdict)}">'
            f'{esc(VERDICT_LABELS.get(i.verdict, i.verdict))}</span></td>'
            f'<td data-label="Rubric item"><div class="mistake">{esc(i.mistake)}</div>'
            f'{better}<div class="muted small">{esc(i.source)}</div></td>'
            f'<td data-label="Evidence">{evidence}</td>'
            f"<td data-label=\"Advice\">{esc(i.advice) or '<span class=muted>—</span>'}</td></tr>"
        )
    if not rows and not unclear:
        return '<div class="empty">No rubric item in the library applies to this role and question.</div>'
    table = ('<table class="rubric-table stack"><thead><tr><th>Verdict</th><th>Rubric item (mistake → fix)</th>'
             f'<th>Evidence in your answer</th><th>Advice</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
             if rows else "")
    if unclear:
        lines = [i.open_line() for i in unclear]
        lis = "".join(f"<li>{esc(line)}</li>" for line in lines)
        # Folded unless short: three scoring-band texts ran 900 px down a phone before the plot; the count says how
        # many wait inside.
        short = len(lines) <= UNCLEAR_OPEN_ITEMS and sum(map(len, lines)) <= UNCLEAR_OPEN_CHARS
        table += (f'<details class="rubric-unclear"{" open" if short else ""}><summary><span class="badge '
                  f'badge-unclear">{VERDICT_LABELS["unclear"]}</span> — {esc(UNCLEAR_NOTE)} ({len(lines)})</summary>'
                  f"<ul>{lis}</ul></details>")
    note = f'<div class="muted small">{esc(feedback.hidden_note())}</div>' if feedback.hidden_note() else ""
    return table + note


def _bullets(title: str, items: list[str], cls: str) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{esc(x)}</li>" for x in items)
    return f'<div class="notes {cls}"><h4>{esc(title)}</h4><ul>{lis}</ul></div>'


def notes_html(feedback: Feedback) -> str:
    html_ = (_bullets("What worked", feedback.strengths, "strengths")
             + _bullets("Improve next time", feedback.improvements, "improvements")
             + _bullets("Delivery", feedback.delivery, "delivery"))
    return f'<div class="notes-grid">{html_}</div>' if html_ else ""


def _md_cell(text: str) -> str:
    return (text or "").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip() or "—"


def feedback_markdown(feedback: Feedback, answer: str) -> str:
    """The feedback as a Markdown report the candidate can keep."""
    lines = [
        "# Interview Coach feedback", "",
        f"- **Role:** {feedback.role}",
        f"- **Question:** {feedback.question}",
        f"- **Score:** {feedback.score}/100", "",
    ]
    if feedback.summary:
        lines += [feedback.summary, ""]
    for title, factors in zip(("What raised the score", "What lowered it"), feedback.score_explanation()):
        if factors:
            lines += [f"**{title}:**", ""] + [f"- {f.points:+d} {f.label}" for f in factors] + [""]
    if feedback.score_sum():
        lines += [f"Adds up to: {feedback.score_sum()}", ""]
    lines += ["## Rubric", "", "| Verdict | Mistake to avoid | Better | Evidence | Advice | Source |",
              "| --- | --- | --- | --- | --- | --- |"]
    judged, unclear = feedback.listed_items()
    for i in judged:
        lines.append(f"| {VERDICT_LABELS.get(i.verdict, i.verdict)} | {_md_cell(i.mistake)} | {_md_cell(i.fix)} | "
                     f"{_md_cell(i.evidence)} | {_md_cell(i.advice)} | {_md_cell(i.source)} |")
    if unclear:
        lines += ["", f"{VERDICT_LABELS['unclear']}: {UNCLEAR_NOTE}:", ""] + [
            f"- {i.open_line()}" for i in unclear]
    if feedback.hidden_note():
        lines += ["", feedback.hidden_note()]
    for title, items in (("What worked", feedback.strengths), ("Improve next time", feedback.improvements),
                         ("Delivery", feedback.delivery)):
        if items:
            lines += ["", f"## {title}", ""] + [f"- {x}" for x in items]
    lines += ["", "## Your answer", ""] + [f"> {line}" if line.strip() else ">" for line in answer.strip().splitlines()]
    return "\n".join(lines) + "\n"


# -- compare and library ------------------------------------------------------------------------------------------
def compare_html(cmp: RoleComparison) -> str:
    """The side-by-side table; each fact ends with [n] (tooltip = the source sentence), sources listed below."""
    src = {s.n: s for s in cmp.sources}

    def fact(text: str, n: int) -> str:
        s = src.get(n)
        tip = esc(s.text) if s else ""
        return (f'<div class="fact">{esc(text)} <a class="cite" href="#cmp-src-{n}" title="{tip}">[{n}]</a>'
                "</div>")

    head = "".join(f"<th>{esc(r)}</th>" for r in cmp.roles)
    body = []
    for row in cmp.rows:
        cells = []
        for role in cmp.roles:
            facts = row.cells.get(role) or []
            inner = "".join(fact(f.text, f.source) for f in facts) or f'<span class="nil">{NOT_IN_LIBRARY}</span>'
            cells.append(f'<td data-label="{esc(role)}">{inner}</td>')
        body.append(f'<tr><th scope="row">{esc(row.topic)}</th>{"".join(cells)}</tr>')
        if row.shared:
            shared = "".join(fact(f.text, f.source) for f in row.shared)
            body.append(f'<tr class="shared"><td class="shared-topic" aria-hidden="true"></td>'
                        f'<td colspan="{len(cmp.roles)}" data-label="All roles">'
                        f'<span class="shared-label">All roles:</span> {shared}</td></tr>')
    sources = "".join(
        f'<li id="cmp-src-{s.n}"><span class="src-n">[{s.n}]</span> {esc(s.text)}'
        f'{f" <span class=muted>— {esc(s.section)}</span>" if s.section else ""}</li>'
        for s in cmp.sources
    )
    company = f" · {esc(cmp.company)}" if cmp.company else ""
    return (
        f'<div class="compare"><div class="compare-title">{esc(cmp.title)}{company}</div>'
        f'<div class="table-wrap"><table class="compare-table stack"><thead><tr><th>Topic</th>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>'
        f'<details class="compare-sources" open><summary>Sources ({len(cmp.sources)} sentences from the article)'
        f"</summary><ol>{sources}</ol></details></div>"
    )


def display_path(path: str, bases: Iterable[Path] = ()) -> str:
    """A document's path for the page: relative to the coach's home or working folder, never the server's layout."""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    for base in bases:
        try:
            return p.relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return p.name


def library_table(summary: LibrarySummary, bases: Iterable[Path] = ()) -> str:
    """The documents as an HTML table (escaped) that reflows into one card per document on a narrow screen."""
    if not summary.documents:
        return ""
    bases = list(bases)
    rows = []
    for d in summary.documents:
        roles = ", ".join(r.name for r in d.roles) or "—"
        added = (d.ingested_at or "")[:16].replace("T", " ")
        rows.append(
            f'<tr><td data-label="Document"><div class="doc-title">{esc(d.title)}</div>'
            f"<div class=doc-id>{esc(display_path(d.path, bases))} · {esc(d.doc_id[:12])}</div>"
            + "".join(f'<div class="doc-flag" role="note">⚠ {esc(f)}</div>' for f in d.flags) + "</td>"
            f'<td data-label="Company">{esc(d.company or "—")}</td><td data-label="Roles">{esc(roles)}</td>'
            f'<td class=num data-label="Chunks">{number(d.chunks)}</td>'
            f'<td class=num data-label="Rubric">{number(d.rubric_items)}</td>'
            f'<td class=num data-label="Questions">{number(d.questions)}</td>'
            f'<td data-label="Added">{esc(added)}</td></tr>'
        )
    return ('<div class="table-wrap"><table class="library-table stack"><caption class="sr-only">Articles in the '
            'library</caption><thead><tr><th scope="col">Document</th><th scope="col">Company</th>'
            '<th scope="col">Roles</th><th scope="col">Chunks</th><th scope="col">Rubric</th>'
            '<th scope="col">Questions</th><th scope="col">Added</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def library_stats(summary: LibrarySummary) -> str:
    if not summary.documents:
        return '<div class="stats empty">Ingest an article first: upload a file or paste text below.</div>'
    n = len(summary.documents)
    return (f'<div class="stats"><b>{number(n)}</b> article{"s" if n != 1 else ""} · <b>{number(summary.chunks)}</b> '
            f"chunks · <b>{number(len(summary.rubric))}</b> rubric items · <b>{number(len(summary.questions))}</b> "
            f"practice questions · <b>{number(len(summary.roles))}</b> roles · embeddings: "
            f"{esc(summary.embedding_model)}</div>")


# -- progress plot ------------------------------------------------------------------------------------------------
# Colour-blind-safe palette (Okabe-Ito, darkened for 3:1 against white) plus a dash pattern and a marker shape per
# series, so series stay apart even where their lines coincide.
_COLOURS = ["#4338ca", "#b45309", "#047857", "#be185d", "#0369a1", "#7c2d12", "#6d28d9", "#374151"]
_DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 3", "10 4", "3 2 1 2"]
_MARKERS = ["circle", "square", "diamond", "triangle"]
MAX_ITEM_SERIES = 7


def _marker(shape: str, x: float, y: float, r: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="{colour}"/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - r * 1.3:.1f} {x + r * 1.3:.1f},{y:.1f} {x:.1f},{y + r * 1.3:.1f} {x - r * 1.3:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - r * 1.3:.1f} {x + r * 1.2:.1f},{y + r:.1f} {x - r * 1.2:.1f},{y + r:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"/>'


def progress_series(attempts: list[Attempt], rubric: list[RubricItem], role: str | None = None
                    ) -> list[tuple[str, list[tuple[int, float]]]]:
    """(label, [(attempt number, score)]) per series: overall first, then the rubric items seen most often."""
    names = {r.id: r.mistake for r in rubric}
    picked = sorted((a for a in attempts if role is None or a.role == role), key=lambda a: (a.time, a.id))
    overall = [(n, float(a.score)) for n, a in enumerate(picked, start=1)]
    items: dict[str, list[tuple[int, float]]] = {}
    for n, a in enumerate(picked, start=1):
        for item_id, verdict in a.verdicts.items():
            if verdict in VERDICT_SCORES:
                items.setdefault(item_id, []).append((n, float(VERDICT_SCORES[verdict])))
    ranked = sorted(items.items(), key=lambda kv: -len(kv[1]))[:MAX_ITEM_SERIES]
    return [("Overall score", overall)] + [(names.get(k, k), pts) for k, pts in ranked] if overall else []


def progress_svg(attempts: list[Attempt], rubric: list[RubricItem], role: str | None = None) -> str:
    """The scores over attempts as an inline SVG that scales to its container, with an HTML legend (full labels).

    Every point has a marker (one attempt still shows), each series has its own colour, dash and marker shape, and
    rubric series are nudged apart vertically so a series that coincides with another stays visible.
    """
    series = progress_series(attempts, rubric, role)
    title = "Your scores over attempts"
    if not series:
        return ('<div class="progress empty">Your scores over attempts appear here after your first feedback.'
                "</div>")
    n = max(x for _, pts in series for x, _ in pts)
    w, h, left, right, top, bottom = 640, 260, 40, 14, 12, 34
    pw, ph = w - left - right, h - top - bottom

    def px(x: int) -> float:
        return left + (pw / 2 if n == 1 else (x - 1) * pw / (n - 1))

    def py(y: float) -> float:
        return top + ph * (1 - y / 100)

    parts = [f'<svg class="progress-svg" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet" role="img" '
             f'aria-labelledby="progress-title progress-desc" focusable="false">']
    for y in (0, 25, 50, 75, 100):
        parts.append(f'<line x1="{left}" x2="{w - right}" y1="{py(y):.1f}" y2="{py(y):.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end" class="tick">{y}</text>')
    step = max(1, round(n / 10))
    for x in range(1, n + 1):
        if x == 1 or x == n or x % step == 0:
            parts.append(f'<text x="{px(x):.1f}" y="{h - bottom + 16}" text-anchor="middle" class="tick">{x}</text>')
    parts.append(f'<text x="{left + pw / 2:.1f}" y="{h - 4}" text-anchor="middle" class="tick">Attempt</text>')
    r = 4.5 if n <= 12 else 3.2 if n <= 30 else 2.4
    legend = []
    k = len(series) - 1
    for i, (label, pts) in enumerate(series):
        colour, dash = _COLOURS[i % len(_COLOURS)], _DASHES[i % len(_DASHES)]
        shape = _MARKERS[i % len(_MARKERS)]
        # Coinciding series are nudged apart (a little up or down, a little left or right) so none hides another.
        nudge = 0.0 if i == 0 else (i - (k + 1) / 2) * 1.6
        shift = (i - k / 2) * min(7.0, pw / max(n - 1, 1) / (k + 2))
        coords = [(px(x) + shift, py(min(100.0, max(0.0, y + nudge)))) for x, y in pts]
        width = 3 if i == 0 else 1.6
        if len(coords) > 1:
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="{width}"{dash_attr}/>')
        parts += [_marker(shape, x, y, r + (1 if i == 0 else 0), colour) for x, y in coords]
        last = pts[-1][1]
        swatch = (f'<svg width="28" height="12" aria-hidden="true"><line x1="1" x2="27" y1="6" y2="6" '
                  f'stroke="{colour}" stroke-width="{width}"{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/>'
                  f'{_marker(shape, 14, 6, 3.5, colour)}</svg>')
        legend.append(f"<li>{swatch}<span>{esc(label)}</span> <span class=\"last\">(last: {last:.0f})</span></li>")
    parts.append("</svg>")
    overall = series[0][1]
    desc = (f"{number(len(overall))} attempt{'s' if len(overall) != 1 else ''}; overall score first {overall[0][1]:.0f}, "
            f"latest {overall[-1][1]:.0f} out of 100. Rubric items score 100 when avoided and 0 when made.")
    return (f'<figure class="progress"><figcaption><div id="progress-title" class="progress-title">{title}</div>'
            f'<div id="progress-desc" class="progress-desc">{esc(desc)}</div></figcaption>'
            f'<div class="progress-plot">{"".join(parts)}</div><ul class="progress-legend">{"".join(legend)}</ul>'
            "</figure>")
