"""Typed records that flow through the pipeline: files -> Article -> Chunk -> index -> Answer / Feedback.

All are pydantic models so that the CLI's ``--json`` is ``model_dump_json()`` and nothing else.
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

ChunkKind = Literal["body", "faq", "checklist", "rubric", "tldr", "questions", "title"]
Verdict = Literal["made", "avoided", "not_applicable", "unclear"]
RubricKind = Literal["pair", "dont", "pitfall", "rule"]


class Role(BaseModel):
    """A job role an article talks about, e.g. ``Machine Learning Engineer`` with alias ``MLE``.

    Seniority is not part of the role: "Senior Software Engineer" resolves to (``Software Engineer``, ``Senior``) via
    ``coach.roles.resolve_role_level``; ``levels`` lists the levels the article names for this role.
    """

    name: str
    aliases: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list, description="Levels named with the role, e.g. Senior, Staff, L5.")


class Mention(BaseModel):
    """A company or role an article discusses: where (section headings) and how often."""

    name: str
    sections: list[str] = Field(default_factory=list, description="Headings of the sections where it is discussed.")
    count: int = 0


class Section(BaseModel):
    heading: str | None = None
    kind: ChunkKind = "body"
    paragraphs: list[str] = Field(default_factory=list)
    parents: list[str] = Field(default_factory=list, description="Headings the section sits under, outermost first.")
    samples: list[str] = Field(default_factory=list, description="Its paragraphs the article sets apart as a sample "
                               "(a blockquoted answer, letter, entry or question), not as its own advice.")


class FAQPair(BaseModel):
    question: str
    answer: str


class RubricItem(BaseModel):
    """A mistake the article warns about, verbatim, with the article's fix when it gives one.

    ``kind``: ``pair`` (BAD/GOOD, ❌/✅), ``dont`` (a "Don't …"/"Avoid …"/"Never …" heading or bullet, or a Don'ts
    list), ``pitfall`` (an item of a "Common mistakes / pitfalls / red flags" section), ``rule`` (a prohibition stated
    in prose). ``mistake`` is verbatim except for a warning in prose, where it names the behaviour the ``quote``
    judges."""

    id: str
    mistake: str
    fix: str = Field("", description="The article's fix, verbatim; empty when it gives none.")
    kind: RubricKind = "pair"
    section: str | None = Field(None, description="Heading path the item sits under, e.g. 'Resume > Pitfalls'.")
    context: str = Field("", description="Verbatim text around the item in its section (explanation, 'instead').")
    quote: str = Field("", description="The article's sentence naming the mistake, verbatim, when ``mistake`` is "
                                       "phrased from it (a warning in prose: 'Candidates who don't …').")
    instead: str = Field("", description="Without a fix: what the article asks for in the item's place, verbatim (the "
                         "list item it is nested under, or an advice sentence of its explanation); advice only.")
    roles: list[str] = Field(default_factory=list, description="Canonical role names; empty = every role.")
    band: str = Field("", description="A scoring table's failing band: its label ('Strong no hire'); the item's "
                                      "``mistake`` names criterion and band, its ``quote`` is the band's description.")
    doc_id: str = ""
    source: str = Field("", description="Title of the article the item comes from.")


class PracticeQuestion(BaseModel):
    id: str
    text: str
    role: str | None = None
    doc_id: str = ""
    source: str = ""


class Article(BaseModel):
    """A cleaned, structured article: what the ingest makes of one file."""

    doc_id: str
    path: str
    sha256: str
    title: str
    source_url: str | None = None
    source: str | None = Field(None, description="Provenance note from the file's sidecar (<file>.meta.json).")
    company: str | None = Field(None, description="The article's main company (from its title or sidecar).")
    description: str | None = None
    tags: list[str] = Field(default_factory=list)
    companies: list[Mention] = Field(default_factory=list, description="Companies the content discusses.")
    role_mentions: list[Mention] = Field(default_factory=list, description="Roles (base names) the content discusses.")
    roles: list[Role] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    faq: list[FAQPair] = Field(default_factory=list)
    checklist: list[str] = Field(default_factory=list)
    tldr: str | None = None
    rubric: list[RubricItem] = Field(default_factory=list)
    questions: list[PracticeQuestion] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list, description="Warnings the library view shows for this article.")
    index_format: int = Field(0, description="The ingest format that derived it (``ingest.parse.INDEX_FORMAT``); an "
                              "article of an older one is re-ingested even when its file is unchanged.")


class Chunk(BaseModel):
    id: str
    doc_id: str
    text: str
    title: str
    path: str
    section: str | None = None
    parents: list[str] = Field(default_factory=list, description="Headings the section sits under, outermost first.")
    kind: ChunkKind = "body"
    roles: list[str] = Field(default_factory=list)
    company: str | None = None
    position: int = 0
    # Nothing of its own to quote (a placeholder, a lone lead-in): set at ingest, never retrieved. None in chunks
    # stored before the flag existed; retrieval then flags them at their first look.
    stub: bool | None = None
    # The sentences of ``text`` the article sets apart as a sample (a blockquoted answer, letter, entry or question):
    # an answer quotes them as an example, never as the article's advice.
    samples: list[str] = Field(default_factory=list)


class DocumentInfo(BaseModel):
    doc_id: str
    path: str
    title: str
    sha256: str
    company: str | None = None
    roles: list[Role] = Field(default_factory=list)
    companies: list[Mention] = Field(default_factory=list, description="Companies the content discusses.")
    chunks: int = 0
    rubric_items: int = 0
    rubric_by_kind: dict[str, int] = Field(default_factory=dict)
    flags: list[str] = Field(default_factory=list, description='Warnings about the content, e.g. "contains instructions".')
    questions: int = 0
    ingested_at: str = ""
    source_url: str | None = None
    source: str | None = None


class LibrarySummary(BaseModel):
    """What ``coach library --json`` prints: the stable interface other tools read."""

    documents: list[DocumentInfo] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    companies: list[str] = Field(default_factory=list)
    rubric: list[RubricItem] = Field(default_factory=list)
    questions: list[PracticeQuestion] = Field(default_factory=list)
    chunks: int = 0
    embedding_model: str = ""


class SkippedFile(BaseModel):
    path: str
    reason: str
    stored_doc_id: str | None = Field(None, description="The document an earlier ingest stored from this file: "
                                                         "skipped now, it is still in the library.")


class IngestReport(BaseModel):
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    chunks: int = 0
    rubric_items: int = 0
    questions: int = 0
    seconds: float = 0.0

    def summary_line(self) -> str:
        line = (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed; {self.chunks} chunks, {self.rubric_items} rubric items, "
            f"{self.questions} practice questions in {self.seconds:.2f}s"
        )
        if self.skipped:
            line += f"; {len(self.skipped)} skipped"
        return line


class Source(BaseModel):
    n: int
    doc_id: str
    title: str
    path: str
    section: str | None = None
    text: str
    score: float


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


Decline = Literal["empty_library", "outside_library", "not_english", "refers_back"]


class Answer(BaseModel):
    question: str
    standalone_question: str
    answer: str
    grounded: bool
    sources: list[Source] = Field(default_factory=list)
    backend: Literal["extractive", "openai", "gguf"] = "extractive"
    latency_ms: float = 0.0
    note: str | None = Field(None, description="Why an LLM answer was replaced, or why the question is out of scope.")
    decline: Decline | None = Field(None, description="Why no answer was given, as the shells name it: the library is "
                                                      "empty or does not cover the question, the question is not in "
                                                      "English, or it only refers back to an earlier one.")


class ItemFeedback(BaseModel):
    id: str
    mistake: str
    fix: str
    source: str
    verdict: Verdict
    evidence: str = ""
    advice: str = ""
    covers: list[str] = Field(default_factory=list, description="What a good answer covers that this answer covers.")
    missing: list[str] = Field(default_factory=list, description="What a good answer covers that this answer lacks.")
    delivery: bool = Field(False, description="Judged on delivery (fillers, length, signposting): the item is about "
                                              "communication.")
    applies: bool = Field(True, description="The item's topic is about this question (or the item is scoped to the "
                                           "role, or about delivery); when False the verdict is 'unclear' and the "
                                           "item is left out of the feedback shown.")


    def open_line(self) -> str:
        """How every shell lists an item the answer shows neither way, in a coach's words: the mistake, then what
        would show it avoided ("Ignoring data quality checks — to show you avoid it: describe validation, …")."""
        mistake = _CONNECTIVE.sub("", self.mistake.strip()).rstrip(".")
        mistake = mistake[:1].upper() + mistake[1:]
        fix = self.fix.strip()
        return f"{mistake} — to show you avoid it: {_imperative(fix)}" if fix else mistake


# Article wording that hangs on the sentence before ("However, be careful not to …", "But don't …")
_CONNECTIVE = re.compile(r"^(?:however|but|and|so|also|instead),?\s+", re.I)


def _imperative(fix: str) -> str:
    """An article's fix as an instruction: "Describing validation …" → "describe validation …" (the gerund's base
    form is the likelier English word of "describ", "describe"); other fixes keep their words, first letter lowered
    unless it starts an acronym."""
    m = re.match(r"([A-Z][a-z]+)ing\b", fix)
    if m:
        from coach.english import speller

        stem, freq = m.group(1).lower(), speller().word_frequency
        base = max((stem, stem + "e", stem[:-1] if stem[-1] == stem[-2:-1] else stem), key=lambda w: freq[w])
        if freq[base]:
            return base + fix[m.end():]
    return fix[:1].lower() + fix[1:] if fix[1:2].islower() else fix


class ScoreFactor(BaseModel):
    """One line of the score's explanation: what raised (points > 0) or lowered (points < 0) it."""

    label: str
    points: int


# The one line every shell puts over the items an answer shows neither way (listed once, not each with the same advice)
UNCLEAR_NOTE = "the answer does not show either way whether it makes these mistakes"
# An answer's note when there is nothing to answer from (the shells say where to add articles).
EMPTY_LIBRARY_NOTE = "the library is empty"


class Feedback(BaseModel):
    role: str
    question: str
    score: int = Field(ge=0, le=100)
    items: list[ItemFeedback] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    delivery: list[str] = Field(default_factory=list, description="Observations on structure, length, fillers, numbers.")
    summary: str = ""
    basis: Literal["rubric", "delivery-only"] = Field(
        "rubric", description="'delivery-only' when no rubric item speaks to the answer's content: the score then "
                              "rests on relevance, structure, specifics and delivery alone.")
    score_factors: list[ScoreFactor] = Field(
        default_factory=list, description="Why the score is what it is; the points add up to the score.")
    backend: Literal["rules", "rules+openai", "rules+gguf"] = "rules"
    latency_ms: float = 0.0

    def score_explanation(self) -> tuple[list[ScoreFactor], list[ScoreFactor]]:
        """(what raised the score, what lowered it), each largest first: the one split every shell shows."""
        raised = sorted((f for f in self.score_factors if f.points > 0), key=lambda f: -f.points)
        lowered = sorted((f for f in self.score_factors if f.points < 0), key=lambda f: f.points)
        return raised, lowered

    def shown_items(self) -> list[ItemFeedback]:
        """The items every shell lists: those about this question (an item about another kind of question stays
        ``unclear`` with ``applies`` False, is left out of the score and the summary, and is only counted)."""
        return [i for i in self.items if i.applies]

    def listed_items(self) -> tuple[list[ItemFeedback], list[ItemFeedback]]:
        """(items judged, mistakes made first then avoided and not-applicable; items about this question that the
        answer shows neither way): every shell lists the first one by one and the second as one short list, since
        their advice would be the same sentence each time."""
        order = {"made": 0, "avoided": 1, "not_applicable": 2}
        shown = self.shown_items()
        judged = sorted((i for i in shown if i.verdict != "unclear"), key=lambda i: order.get(i.verdict, 9))
        return judged, [i for i in shown if i.verdict == "unclear"]

    def hidden_note(self) -> str:
        """"2 rubric items are about other questions (not shown)." ("" when none is)."""
        n = len(self.items) - len(self.shown_items())
        return f"{n} rubric item{'s are' if n > 1 else ' is'} about other questions (not shown)." if n else ""

    def score_sum(self) -> str:
        """"73 raised − 22 lowered = 51": the explanation's figures add up to the score shown, and every shell says
        so under its "raised / lowered" lists ("" when nothing explains the score)."""
        raised, lowered = self.score_explanation()
        if not raised and not lowered:
            return ""
        up, down = sum(f.points for f in raised), -sum(f.points for f in lowered)
        return f"{up} raised − {down} lowered = {self.score}" if down else f"{up} raised = {self.score}"


class Attempt(BaseModel):
    id: int
    time: str
    role: str
    question: str
    answer: str
    score: int
    verdicts: dict[str, str] = Field(default_factory=dict)


class CompareFact(BaseModel):
    """One entry of a role comparison: ``text`` is verbatim from the article, ``source`` the ``Source.n`` it cites."""

    text: str
    source: int


class CompareRow(BaseModel):
    topic: str
    cells: dict[str, list[CompareFact]] = Field(
        default_factory=dict, description="Role name -> facts; an empty list means the library does not say."
    )
    shared: list[CompareFact] = Field(default_factory=list, description="Facts that name no role (apply to all).")


class RoleComparison(BaseModel):
    """What ``Coach.compare_roles`` returns per article: a topic x role table whose cells cite source sentences."""

    doc_id: str
    title: str
    company: str | None = None
    roles: list[str] = Field(default_factory=list)
    rows: list[CompareRow] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
