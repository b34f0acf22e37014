"""The answer chain (LCEL): rewrite → scope → retrieve → compose (→ optional LLM → faithfulness guard).

When the coach declines and why is one decision, described step by step in ``coach.scope``; the steps after
composing (weak evidence, uncovered topic words) live in ``AskChain._compose``.

``AskChain.runnable`` is the LangChain runnable; ``ask``/``stream`` are what ``Coach.ask``/``Coach.ask_stream`` use.
The only LLM integration point is :func:`llm_or_extractive`.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Iterator

import numpy as np
from langchain_core.runnables import Runnable, RunnableLambda

from coach.compose import Composed, Hit, SentenceEmbeddings, asked_acronym, compose, expansion_in, writes_acronym
from coach.errors import CoachError, InputError, UnknownDocumentError
from coach.guard import unsupported_numbers
from coach.models import EMPTY_LIBRARY_NOTE, Answer, Article, HistoryTurn, Role, Source
from coach.retrieval import HybridRetriever, StructureCache, document_to_hit
from coach.rewrite import standalone_question
from coach.store.bm25 import tokenize
from coach.vocabulary import NEIGHBOUR_MIN, document_words, question_words, stand_ins
from coach.english import (TOKEN, everyday, follow_up, linking_verb, pronoun, said_of_speaker, verb_follows,
                           word_forms)
from coach.language import english_only_reply, foreign_language
from coach.plan import NOT_EXACT, asked_thing, plan
from coach.scope import (asked_companies, asked_exam, asked_job, asked_part, asked_phrase, check_question, compounds,
                         coverage_reply,
                         kinds_named, known_company_mentions, lacked_before, mentions_name, name_candidates, names_kind,
                         names_occupation, noun_phrases, off_domain_by_meaning, phrasal, placed_name, refers_back_reply,
                         unanswered_companies, uncovered_companies, uncovered_topic, unknown_roles, writes_together)

log = logging.getLogger(__name__)
# A code: letters then digits, maybe more letters ("L4", "IC5", "H1B", "EC2", "P99"); not an amount or a count
# ("150k", "2nd", "4x"), which start with a digit.
_CODE = re.compile(r"(?<![\w$£€.-])[A-Za-z]{1,3}\d{1,3}[A-Za-z]{0,2}(?![\w-])")
NO_MATCH = "nothing in the library matches the question closely enough"
# A decline's reason when the words the library lacks are part of no noun phrase of the question: naming them would
# show the asker a fragment of their own question ("the “dev” interviews", "the “good regression” exam").
UNCOVERED_KIND = "the library does not cover what the question asks about"
MAX_QUESTION_CHARS = 2000
CANDIDATE_CHUNKS = 10
# Chunk evidence between WEAK_RELEVANCE and min_relevance is accepted only when the best sentence reaches
# min_relevance itself (the same bar for a sentence as for a chunk: a paraphrased question matches the one sentence
# that answers it better than the whole chunk around it) and the answer names the question's subject; an answer that
# shares no subject word with the question (both signals weak) needs a sentence matching this well.
WEAK_RELEVANCE = 0.2
SENTENCE_MIN = 0.5
# ... or, when the answer quotes the asked kind of fact on the question's topic ("30 - 45 minutes" for "how long does
# a round last"), this well: a typed fact is evidence that similarity alone under-rates for paraphrased questions.
TYPED_SENTENCE_MIN = 0.3
# An answer that shares nothing with the question but a company name needs stronger chunk evidence than this.
NAMED_RELEVANCE = 0.45
# An answer that misses the question's subject while the question uses a word no article uses is declined below
# this chunk evidence (a heading or passage matching the question this well shows the subject is covered).
OFF_SUBJECT_RELEVANCE = 0.5
# A word of the question that no article uses and the evidence has no stand-in for is its topic when leaving it out
# moves the question's meaning this much (cosine of the question with and without it at most this): "knitting" in "a
# good course on designing knitting patterns" is the topic; "jittery" in "… makes me jittery. How do I get used to it?"
# only colours it. Below OFF_SUBJECT_RELEVANCE chunk evidence, an uncovered topic word declines the question: the
# words it shares with the library ("design", "course") are the only link.
TOPIC_WORD_MAX = 0.78
# ... and when the best answer sentence matches the question less than this, the uncovered words taken together do
# ("a logo for my bakery"), while a lone common verb the library happens not to use ("add a photo") does not.
UNCOVERED_SENTENCE_MIN = 0.3
# A word of the quoted sentences this near to an uncovered word (word vectors; the bridge's NEIGHBOUR_MIN is for any
# library word, this for the few the answer quotes) may be the question's word said the article's way ("programming
# tongues" / "language", "the landline" / "phone") — when putting it in the word's place keeps the question's meaning
# better than leaving the word out.
QUOTED_NEAR = 0.4
# A compound of the asking sentence ("email signature") that the answer writes only in part ("Never include your work
# email here") is asked about when the quoted sentences match the part they write this much better than the whole
# compound: they are about email, not about the signature. Measured on short phrases, where one word moves the
# meaning far more than it moves a whole question; on the tuning split every covered answer stays under 0.27.
PART_ONLY = 0.3
# ... or when the answer writes the compound's head only as another kind of it: each noun phrase of the answer ending
# in the head ("work email", "cover letter") is this far from the asked compound ("thank-you email", "reference
# letter"). Measured on short phrases: a modifier naming the same kind another way ("company email address" / "Email
# address", "resume summary" / "professional summary") stays above 0.6.
OTHER_KIND = 0.5
# Below OFF_SUBJECT_RELEVANCE chunk evidence, the question without the words it shares with the answer is off-domain
# when it is nearer an outside topic (``scope.off_domain_by_meaning``) than the question is to the quoted sentences by
# this much: a shared word pulls the question towards the evidence whatever its sense ("queue" of a restaurant, "message
# queues"). On the tuning split the off-domain questions sit at 0.08 and above, the covered ones at 0.02 and below.
SHARED_SENSE_MARGIN = 0.05
# A noun modifying a compound's head makes it another thing ("bloom filter", "garbage collection pauses") when the
# compound without it is this far from it (short phrases' cosine); one that only narrows it ("architecture prep
# course" / "architecture course", 0.91) leaves it nearer. Tuning split: the kinds declined sit at 0.75 and below
# ("classroom management style" 0.68), the narrowing modifiers of covered questions at 0.89 and above.
KIND_APART = 0.8
# An answer that shares no word of the question's noun phrases treats the one it asks about (the phrase whose leaving
# out moves its meaning most) only when a noun phrase of its sentences or headings is this near to it (short phrases'
# cosine, as PART_ONLY and OTHER_KIND): "what do they mean by bar raiser" is not answered by "Mean Squared Error",
# nor "is leetcode premium worth paying for" by negotiation services "well-worth the cost".
TOPIC_TREATED = 0.5


@dataclass
class Snapshot:
    """What the chain needs to know about the library, recomputed only when its generation changes."""

    generation: int
    articles: list[Article] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    company_roles: dict[str, dict[str, int]] = field(default_factory=dict)  # see ``Library.company_roles``

    def roles_at(self, company: str) -> set[str]:
        """Role names of the articles about ``company`` or with a section on it."""
        return set(self.company_roles.get(company, ()))


def _resolve_company(name: str | None, companies: list[str]) -> str | None:
    """The library's spelling of a company filter; an unknown one is an error listing the known ones."""
    if not name or not name.strip():
        return None
    for known in companies:
        if known.casefold() == name.strip().casefold():
            return known
    listed = ", ".join(companies) or "none (ingest an article first)"
    raise InputError(f"unknown company {name!r}; companies in the library: {listed}")


def llm_or_extractive(llm_getter, question: str, extractive: Composed, hits: list[Hit]
                      ) -> tuple[str, list[Source], str, str | None]:
    """(answer, sources, backend, note): the LLM's cited answer when it passes the checks and the faithfulness
    guard, otherwise the extractive answer with a note saying why it was kept."""
    from coach.llm_answer import grounded_answer

    sources = [_source(i + 1, h) for i, h in enumerate(hits)]
    try:
        llm = llm_getter()
        text = grounded_answer(llm, question, sources)
        bad = unsupported_numbers(text, sources)
        if bad:
            raise CoachError(f"the {llm.name} answer stated numbers no cited source contains: {', '.join(bad)}")
        return text, sources, llm.name, None
    except CoachError as exc:
        return extractive.text, extractive.sources, "extractive", f"Showing the extractive answer: {exc}"


def _source(n: int, hit: Hit) -> Source:
    c = hit.chunk
    return Source(n=n, doc_id=c.doc_id, title=c.title, path=c.path, section=c.section, text=c.text,
                  score=round(hit.relevance, 4))


class AskChain:
    """Answers questions from one ``Coach``'s library; caches keyed on the library generation."""

    def __init__(self, coach):
        self.coach = coach
        self.settings = coach.settings
        self.vectors = SentenceEmbeddings(coach.query_embedder)
        self.structure = StructureCache()
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self.retrieval: Runnable = (
            RunnableLambda(self._prepare).with_config(run_name="prepare")
            | _assign("standalone", self._rewrite, "rewrite")
            | _assign("retrieved", self._retrieve, "retrieve")
        )
        self.runnable: Runnable = self.retrieval | RunnableLambda(self._compose).with_config(run_name="compose")

    # -- library snapshot / components ----------------------------------------------------------------------------
    @property
    def library(self):
        return self.coach.library

    def snapshot(self) -> Snapshot:
        gen = self.library.generation
        snap = self._snapshot
        if snap is None or snap.generation != gen:
            with self._lock:
                arts = self.library.articles()
                snap = Snapshot(gen, arts, self.library.roles(), self.library.companies(),
                                self.library.company_roles())
                self._snapshot = snap
        return snap

    def retriever(self, k: int | None = None, **filters) -> HybridRetriever:
        # The composer scores sentences inside more chunks than it cites: the chunk holding the asked kind of fact
        # (a duration, a list) is often not among the best few by chunk similarity.
        return HybridRetriever(library=self.library, vectors=self.vectors, cache=self.structure,
                               k=k or max(self.settings.top_k, CANDIDATE_CHUNKS), **filters)

    def llm(self):
        return self.coach.llm()

    def _occurs(self, word: str) -> bool:
        return self.library.bm25_contains(word)

    # -- chain steps ------------------------------------------------------------------------------------------------
    def _prepare(self, inputs: dict) -> dict:
        question = inputs.get("question")
        if not isinstance(question, str) or not question.strip():
            raise InputError("the question is empty; ask something like “How many rounds does the MLE loop have?”")
        if len(question) > MAX_QUESTION_CHARS:
            raise InputError(f"the question is {len(question)} characters long; keep it under {MAX_QUESTION_CHARS}")
        try:
            history = [t if isinstance(t, HistoryTurn) else HistoryTurn.model_validate(t)
                       for t in inputs.get("history") or []]
        except Exception as exc:
            raise InputError(f"the history must be a list of {{role: user|assistant, content: text}} turns ({exc})"
                             ) from exc
        snap = self.snapshot()
        role = inputs.get("role")
        role = self.coach.resolve_role(role) if role else None
        company = _resolve_company(inputs.get("company"), snap.companies)
        doc_id = inputs.get("doc_id")
        if doc_id and doc_id not in {a.doc_id for a in snap.articles}:
            raise UnknownDocumentError(doc_id)
        return {"question": question.strip(), "history": history, "role": role, "company": company,
                "doc_id": doc_id, "snapshot": snap, "started": inputs.get("started", time.perf_counter())}

    def _rewrite(self, state: dict) -> str:
        snap: Snapshot = state["snapshot"]
        llm = None
        if self.settings.llm != "none" and state["history"]:
            try:
                llm = self.llm()
            except CoachError as exc:
                log.info("LLM unavailable for condensing (%s); using the rules", exc)
        return standalone_question(state["question"], state["history"], snap.roles, snap.companies, snap.articles,
                                   llm=llm)

    def _scope(self, state: dict) -> str | None:
        """Why the question is out of scope before any retrieval, or None."""
        snap: Snapshot = state["snapshot"]
        if not snap.articles:
            return EMPTY_LIBRARY_NOTE
        for text in dict.fromkeys([state["question"], state["standalone"]]):
            verdict = check_question(text, snap.companies, snap.roles, self._occurs)
            if not verdict.in_scope:
                return verdict.reason
        # A library company asked about a role none of its articles covers ("Amazon SRE").
        standalone = state["standalone"]
        companies = [n for _, _, n in known_company_mentions(standalone, snap.companies) if n in snap.companies]
        known, _ = unknown_roles(standalone, snap.roles)
        if companies and known:
            for company in dict.fromkeys(companies):
                covered = snap.roles_at(company)
                missing = [r for r in known if r not in covered]
                if missing and not set(known) & covered:
                    return f"the library has no article about the {', '.join(missing)} role at {company}"
        return None

    def _retrieve(self, state: dict) -> dict:
        language = foreign_language(state["question"], knows=self._occurs)
        if language:
            return {"hits": [], "reason": f"the question looks like {language}; the library is in English",
                    "reply": english_only_reply(language), "decline": "not_english"}
        if not state["history"] and follow_up(state["question"]):
            # "How did you solve it?" with nothing before it: any passage it matched would be about something else.
            return {"hits": [], "reason": "the question refers back to an earlier one, and there is none",
                    "reply": refers_back_reply(state["question"]), "decline": "refers_back"}
        reason = self._scope(state)
        if reason:
            return {"hits": [], "reason": reason}
        snap: Snapshot = state["snapshot"]
        standalone = state["standalone"]
        named = list(dict.fromkeys(n for _, _, n in known_company_mentions(standalone, snap.companies)))
        companies = [n for n in named if n in snap.companies]
        filters = {"roles": [state["role"]]} if state["role"] else {}
        if state.get("doc_id"):
            filters["doc_ids"] = [state["doc_id"]]
        if state.get("company"):
            companies = [state["company"]]
        query, previous = standalone, ""
        if plan(standalone).kind == "fix" and state["history"]:
            # "What should I do instead?": the mistake it refers to is in the previous answer.
            previous = next((t.content for t in reversed(state["history"]) if t.role == "assistant"), "")
            previous = re.sub(r"\s*\[\d+\]", "", previous).strip()
            query = f"{standalone} {previous}".strip()
        filtered: list[Hit] = []
        if len(companies) == 1:
            filtered = [document_to_hit(d) for d in self.retriever(company=companies[0], **filters).invoke(query)]
        hits = filtered
        if not state.get("company"):
            # The whole library too: another article may cover the company in a section of its own. Its hits about
            # the named companies come first (they answer the whole question), then the company's own articles.
            broad = [document_to_hit(d) for d in self.retriever(**filters).invoke(query)]
            about, other = _split_about(broad, named) if named else ([], broad)
            ids = {h.chunk.id for h in about}
            hits = about + [h for h in filtered if h.chunk.id not in ids]
            ids |= {h.chunk.id for h in hits}
            hits += [h for h in other if h.chunk.id not in ids]
        best = max((max(h.relevance, 0.7 * _coverage(standalone, h.chunk.text)) for h in hits), default=0.0)
        if best < min(WEAK_RELEVANCE, self.settings.min_relevance):
            return {"hits": [], "reason": NO_MATCH}
        evidence = [_evidence_text(h) for h in hits[: self.settings.top_k]]
        missing = uncovered_companies(standalone, snap.companies, evidence) if not state.get("company") else []
        if missing:
            return {"hits": [], "reason": f"the library has no article about {', '.join(missing)}"}
        off = uncovered_topic(standalone, evidence)
        if off:
            return {"hits": [], "reason": off}
        hits = self._with_acronym_definition(standalone, hits)
        if plan(standalone).kind in ("list", "example"):
            hits = self._with_list_starts(hits)
        return {"hits": hits, "reason": None, "context": previous, "weak": best < self.settings.min_relevance,
                "best": best}

    def _uncovered_words(self, question: str, qv, composed: Composed, words: list[str] | None = None) -> list[str]:
        """The words of ``question`` that no article uses and that neither the answer nor the passages it quotes carry
        in a library word standing for it ("wear" → "fashion", "uniform"): with an answer that misses the question's
        subject, a sign that the library does not cover what was asked ("what should I wear", answered with what
        interviewers evaluate). A stand-in in the quoted passages ("typeface" → "fonts") means it does. Given
        ``words``, those are judged instead, and a word of the quoted passages near one by meaning covers it too."""
        vocabulary = self.structure.get(self.library, self.vectors).vocabulary
        unknown = vocabulary.unknown(question) if words is None else words
        if not unknown:
            return []
        evidence = " ".join([*composed.sentences, *(f"{s.title} {s.section or ''} {s.text}" for s in composed.sources)])
        said = set(tokenize(evidence))
        near = self._near_evidence(unknown, evidence) if words is not None else set()
        felt = None
        out = []
        for word in unknown:
            if word in near:
                continue  # a word of the quoted passages means the same ("apprenticeship" / "internship")
            if len(word) < 3 or not tokenize(word) or pronoun(word) or linking_verb(word):
                continue  # "my", "cv": too short to name a subject the library lacks; "anything", "went" name none
            felt = _said_of_speaker(question) if felt is None else felt
            if word in felt:
                continue  # "I froze", "my mind went blank": what happened to the asker, not a subject to cover
            parts = set(tokenize(word))
            # A compound no article uses is said only when all its parts are: "P = TP / (TP + FP)" says no
            # "p-value".
            if not (parts and parts <= said) and \
                    not said & set(tokenize(" ".join(vocabulary.bridge(word, self.vectors.encode, qv)))):
                out.append(word)
        return out

    @staticmethod
    def _kind_words(kind: str, question: str) -> list[str]:
        """The words of a kind of job or exam (``asked_job``, ``asked_exam``) the evidence must cover, whether or not
        another article uses them: an article that mentions "barista hours" in a forecasting example does not make a
        barista interview answerable from a coding passage. Another name of a thing the library names ("soft-skills
        interview", ``STAND_INS``) is covered by the library's name."""
        named = _stand_in_words(question)
        return [w.lower() for w in question_words(kind) if w.lower() not in named]

    def _near_evidence(self, words: list[str], evidence: str) -> set[str]:
        """Those of ``words`` that a word of ``evidence`` is near by meaning (``NEIGHBOUR_MIN``, the bridge's bar)."""
        rows = self.structure.get(self.library, self.vectors).vocabulary.rows(document_words([evidence]))
        if rows is None or not len(rows):
            return set()
        sims = np.asarray(self.vectors.encode(words)) @ rows.T
        return {w for w, best in zip(words, sims.max(axis=1)) if best >= NEIGHBOUR_MIN}

    def _said_in_quote(self, question: str, word: str, composed: Composed, k: int = 3) -> bool:
        """Whether a sentence the answer quotes says ``word`` in its own words: one of its words is near ``word``
        (``QUOTED_NEAR``) and, put in the question in its place, keeps the question's meaning better than leaving
        ``word`` out ("Which programming languages do people go with" for "... programming tongues ..."). A word near
        by its vector alone is no stand-in: "zone" and "based" are not one thing in "another time zone"."""
        vocabulary = self.structure.get(self.library, self.vectors).vocabulary
        quoted = sorted(document_words(composed.sentences) - {w.lower() for w in question_words(question)})
        rows = [(w, row) for w in quoted if (row := vocabulary.rows([w])) is not None and len(row)]
        if not rows:
            return False
        sims = np.vstack([row for _, row in rows]) @ np.asarray(self.vectors.encode([word])[0])
        near = [rows[i][0] for i in np.argsort(-sims)[:k] if sims[i] >= QUOTED_NEAR]
        if not near:
            return False
        pattern = re.compile(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])", re.I)
        without = " ".join(pattern.sub(" ", question).split())
        vectors = np.asarray(self.vectors.encode([question, without, *(pattern.sub(w, question) for w in near)]))
        return float(np.max(vectors[2:] @ vectors[0])) > float(vectors[1] @ vectors[0])

    def _compound_in_part(self, question: str, composed: Composed) -> str | None:
        """A compound of the asking sentence (``scope.compounds``) of which the answer writes some words (its sentences
        and their passages' headings) but not the others — nor a stand-in, a longer word they clip ("conv" /
        "convolutional") or a word of its own for them — while the answer is about something else: its sentences
        match the written part alone far better than the compound (``PART_ONLY``), or it writes the compound's head
        only as another kind of it ("work email" for "thank-you email", ``OTHER_KIND``)."""
        texts = _answer_texts(composed)
        written = " ".join(texts)
        said = set(tokenize(written))
        words = {w.lower() for w in question_words(written)}
        named = _stand_in_words(question)
        sentences = None  # the quoted sentences' vectors, encoded once for every compound that gets this far
        named_outright = compounds(question, placed=False)
        for head, modifiers in compounds(question):
            phrase = [*modifiers, head]
            part = [w for w in phrase if set(tokenize(w)) <= said]
            missing = [w for w in phrase if w not in part]
            if not part or not missing or any(
                    w.lower() in named or any(x.startswith(w.lower()) for x in words) or
                    self._said_in_quote(question, w, composed) for w in missing):
                continue
            if head in part and (head, modifiers) in named_outright and all(names_kind(w) for w in missing) and \
                    (kinds := kinds_named(head, texts)) and all(" " in k for k in kinds):
                # The answer names the asked thing only with modifiers of its own: another kind of it ("work email"),
                # unless one of them is near the asked kind. A bare "email" may be any email, a missing adjective
                # ("a technical round") only qualifies the thing, and "during a zoom interview" only places it.
                vectors = np.asarray(self.vectors.encode([" ".join(phrase), *kinds]))
                if float((vectors[1:] @ vectors[0]).max()) < OTHER_KIND:
                    return " ".join(phrase)
            if sentences is None:
                sentences = np.asarray(self.vectors.encode(composed.sentences))
            vectors = np.asarray(self.vectors.encode([" ".join(phrase), " ".join(part)]))
            match = sentences @ vectors.T
            if float(match[:, 1].max() - match[:, 0].max()) >= PART_ONLY:
                return " ".join(phrase)
        return None

    def _unused_kind(self, question: str, composed: Composed) -> str | None:
        """The thing the question asks to make, what it is or what it holds (``plan.asked_thing``), when the answer
        already says it does not answer exactly this (``NOT_EXACT``) and the thing is a compound with a noun
        modifier ("design" doc, "exit" interview, ``scope.names_kind``) that neither the answer nor the passages it
        quotes write ("hackathon" of a "hackathon win"), nor any article writes with that head
        (``scope.writes_together``): the library knows the head only as other kinds of it, so the closest passage is
        about another thing, no partial answer. A modifier the library names its own way ("CV" summary,
        ``STAND_INS``) is written; a hyphenated phrase with a preposition ("step-by-step") only qualifies. (Without
        the answer's own doubt, a covered question's paraphrase — "prep plan", "company email address" — reads the
        same way.)"""
        from lemminflect import getAllLemmas

        asked = asked_thing(question) if NOT_EXACT in composed.text else None
        if not asked:
            return None
        # The passages quoted from, not only the sentences: one that writes "hackathon" covers a "hackathon win".
        said = word_forms(question_words(" ".join([*_answer_texts(composed), *(s.text for s in composed.sources)])))
        named = _stand_in_words(question)
        for head, modifiers in compounds(question):  # read in the whole sentence: "let people look" has no compound
            if _spaced(" ".join([*modifiers, head])) not in _spaced(asked) or "ADJ" in getAllLemmas(head):
                continue  # a state the reader took for a head ("my profile look good")
            fresh = [m for m in modifiers if names_kind(m) and not phrasal(_hyphenated(question, m)) and
                     m.lower() not in named and not _written_in(m, said)]
            if any(not self._writes_together(m, head) for m in fresh):
                phrase = " ".join([*modifiers, head])
                return asked_phrase(question, phrase) or phrase
        return None

    def _writes_together(self, modifier: str, head: str, k: int = 20) -> bool:
        """Whether an article writes ``modifier`` with ``head`` in one phrase: the passages that use both words most
        (BM25), their text and headings."""
        chunks = self.library.get_chunks([cid for cid, _ in self.library.bm25_search(f"{modifier} {head}", k)])
        return writes_together(modifier, head, [t for c in chunks for t in (c.text, c.title, c.section)])

    def _untreated_topic(self, question: str, composed: Composed) -> str | None:
        """The noun phrase the asking sentence asks about ("bar raiser" of "what do they mean by bar raiser", "leetcode
        premium" of "is leetcode premium worth paying for") when the answer shares words with the question but none
        of its noun phrases or names (any form; an everyday name the library names its own way counts as shared) —
        only words of its frame, the verb of asking and the like ("mean", "use", "worth") — and does not treat the
        phrase: it carries the question's topic (leaving it out moves the meaning to ``TOPIC_WORD_MAX`` or below), no
        quoted sentence says a word of it its own way and none of the answer's noun phrases is near it
        (``TOPIC_TREATED``). The shared word then links the question to a sentence about something else: "mean" to
        "Mean Squared Error", "worth" to negotiation services "well-worth the cost"."""
        texts = _answer_texts(composed)
        written = " ".join(texts)
        # "well-worth" writes "worth" too
        said = word_forms(TOKEN.findall(written) + TOKEN.findall(written.replace("-", " ")))
        named = _stand_in_words(question)
        felt = _said_of_speaker(question)
        asked = asked_part(question)
        phrases = [p for p in noun_phrases(asked) if any(w.lower() not in felt for w in p)]
        # A name is a noun phrase of its own, wherever the parse puts it ("What is Lyft likely to ask").
        names = [m.group() for m in _MID_NAME.finditer(asked) if m.group().lower() != "i"]
        if not phrases or not composed.sentences or \
                any(w.lower() in named or word_forms([w]) & said for w in [*names, *(w for p in phrases for w in p)]):
            return None
        # An answer sharing no word at all was found by meaning, a paraphrase ("160 questions within 3-4 weeks" for
        # "how many LeetCode problems in a month"): only a shared word can link a sentence about something else.
        if not any(_written_in(w, said) for w in TOKEN.findall(asked)):
            return None
        vectors = np.asarray(self.vectors.encode([question, *(_left_out(question, p) for p in phrases)]))
        shift = vectors[1:] @ vectors[0]
        topic = phrases[int(np.argmin(shift))]
        if float(shift.min()) > TOPIC_WORD_MAX or any(self._said_in_quote(question, w, composed) for w in topic):
            return None
        theirs = list(dict.fromkeys(" ".join(run) for text in texts for run in noun_phrases(text)))
        vectors = np.asarray(self.vectors.encode([" ".join(topic), *theirs]))
        return " ".join(topic) if not theirs or float((vectors[1:] @ vectors[0]).max()) < TOPIC_TREATED else None

    def _off_domain_unshared(self, question: str, composed: Composed) -> str | None:
        """Why the question is outside interview preparation once the words it shares with the answer (its sentences
        and their passages' headings) are left out, or None: what is left reads as an outside topic more than the
        question reads as the quoted sentences (``SHARED_SENSE_MARGIN``), and they are not about that topic. The
        shared words are judged by the rest of the question, not by themselves: "the best queue management system for
        a restaurant" is about restaurants, whatever "message queues" shares with it."""
        said = word_forms(TOKEN.findall(" ".join(_answer_texts(composed))))
        words = TOKEN.findall(question)
        rest = " ".join(w for w in words if not _written_in(w, said))
        if rest == " ".join(words) or not composed.sentences:
            return None  # nothing shared: ``off_domain_by_meaning`` has judged the question as it is
        vectors = np.asarray(self.vectors.encode([question, rest, *composed.sentences]))
        relevance = float((vectors[2:] @ vectors[0]).max())
        return off_domain_by_meaning(vectors[1], relevance + SHARED_SENSE_MARGIN, self.vectors.encode,
                                     composed.sentences)

    def _unknown_term(self, question: str, qv) -> str | None:
        """A term of the asking sentence that the library knows nothing of: two or more words in a row that no
        article uses, that no library word stands in for and that are not everyday English ("beta blocker", "Roth
        IRA"). A thing the library never names is not covered, whatever else the question shares with it; a lone
        such word is often a paraphrase ("skim", "jittery") and is judged by ``_uncovered_words``. Everyday words
        ("could", "keep") are left out: a small library does not use them either; so is a verb ("why should I even
        bother haggling") and a feeling ("I feel awkward haggling"): what the asker does or feels is no thing the
        library would have to name."""
        vocabulary = self.structure.get(self.library, self.vectors).vocabulary
        asked = asked_part(question)
        # A code names one thing exactly ("L4", "H1B", "EC2"): no article writing it means none covers it, and
        # passages with a sibling code ("L1 and L2 regularization" for "L4 and L5") answer something else.
        if code := next((c for c in _CODE.findall(asked) if not self.library.bm25_contains(c)), None):
            return code
        unknown = set(vocabulary.unknown(asked))
        if len(unknown) < 2:
            return None
        words = question_words(asked)
        strange = [w.lower() in unknown and not vocabulary.bridge(w.lower(), self.vectors.encode, qv) for w in words]
        if not any(a and b for a, b in zip(strange, strange[1:])):
            return None
        run: list[str] = []
        at = 0
        for word, odd in zip(words, strange):
            at = asked.find(word, at)
            # A term names a thing: a word where English puts a verb ("should I even bother haggling") or a feeling
            # ("I feel awkward haggling") starts none.
            if odd and not everyday(word) and not verb_follows(asked[:at]) and not said_of_speaker(asked[:at], word):
                run.append(word)
            elif len(run) >= 2:
                break
            else:
                run = []
            at += len(word)
        if len(run) < 2:
            return None
        # A term names a thing: one of its words is part of a noun phrase ("the machine crashes halfway" is what
        # happens, no term).
        nouns = {w.lower() for phrase in noun_phrases(asked) for part in phrase for w in part.split()}
        return " ".join(run) if any(w.lower() in nouns for w in run) else None

    def _unknown_name(self, question: str, composed: Composed, snap: Snapshot) -> str | None:
        """A name of the asking sentence that no article uses (a product, a tool, a site: not an employer, which
        ``check_question`` declines before retrieval), that the question asks about — its subject or a compound's
        modifier ("what is Quorvi", "a Kalman filter"), not a phrase placing it ("knock my CV together in Canva",
        ``scope.placed_name``) — and that no quoted sentence says in its own words. A name has no sense the library
        could share with it, so this holds whatever the evidence scores (leaving "Kalman filter" out of the question
        kept its meaning above ``TOPIC_WORD_MAX``: "smooth out noisy sensor readings")."""
        asked = asked_part(question)
        for name in name_candidates(asked, snap.companies, snap.roles):
            if not self._occurs(name.lower()) and not placed_name(asked, name) and \
                    not self._said_in_quote(asked, name, composed):
                return name
        return None

    def _unanswered_companies(self, question: str, composed: Composed, hits: list[Hit]) -> list[str]:
        """Companies the question asks about that the answer does not stand on: no quoted sentence names one, nor
        the title, section or company of a passage it quotes ("What does Uber pay new grads?" answered from an
        article that names Uber only among "companies like Uber, Lyft")."""
        snap = self.snapshot()
        names = asked_companies(question, snap.companies, snap.roles, self._passages_naming)
        if not names:
            return []
        company_of = {h.chunk.doc_id: h.chunk.company for h in hits}
        about = [t for s in composed.sources for t in (s.title, s.section, company_of.get(s.doc_id))]
        return unanswered_companies(question, names, composed.sentences, about, [_evidence_text(h) for h in hits])

    def _has_section_on(self, kind: str, k: int = 5) -> bool:
        """Whether an article or a section of one is headed by the kind of job ``kind`` names, all its words ("Senior
        Software Engineer" for "a senior engineer"): the library covers that job in its own right, as it covers a
        company with a section of its own, and a question that only meets it in passing ("the last slot lets me
        interview a senior engineer on the team") is not about a job the library lacks. A passing mention in a
        passage ("barista hours" in a forecasting example) is no such heading."""
        words = question_words(kind)
        chunks = self.library.get_chunks([cid for cid, _ in self.library.bm25_search(kind, k)])
        return bool(words) and any(all(mentions_name(w, f"{c.title} {c.section or ''}") for w in words) for c in chunks)

    def _passages_naming(self, name: str, k: int = 5) -> list[str]:
        """Texts of the library passages that use ``name`` most (BM25), to read how the articles use it."""
        return [c.text for c in self.library.get_chunks([cid for cid, _ in self.library.bm25_search(name, k)])]

    def _is_topic(self, question: str, words: list[str]) -> bool:
        """Whether ``words`` together carry the question's topic: leaving them all out moves the question's meaning
        (see ``TOPIC_WORD_MAX``). Together, because two such words share the topic ("a logo for my bakery"): leaving
        out either one alone keeps the other."""
        without = _left_out(question, words)
        if without == " ".join(question.split()):
            return False
        vq, vw = self.vectors.encode([question, without])
        return float(vq @ vw) <= TOPIC_WORD_MAX

    def _thing_named(self, question: str, word: str) -> list[str]:
        """The words naming the thing ``word`` helps name in ``question``: a compound of nouns ("bloom filter",
        "garbage collection pauses", ``scope.names_kind``) of which it is a modifier that makes it another thing
        (the compound without it is no nearer than ``KIND_APART``), else the word alone. Leaving out only such a
        modifier keeps the head, and so nearly the question's meaning, while the thing asked about is gone: whether
        the word carries the topic is measured on the whole compound."""
        for head, modifiers in compounds(question):
            if any(m.lower() == word for m in modifiers) and all(names_kind(m) for m in modifiers):
                phrase = [*modifiers, head]
                vectors = np.asarray(self.vectors.encode([" ".join(phrase),
                                                          " ".join(w for w in phrase if w.lower() != word)]))
                if float(vectors[0] @ vectors[1]) < KIND_APART:
                    return phrase
        return [word]

    def _with_list_starts(self, hits: list[Hit], top: int = 5) -> list[Hit]:
        """A list split over two chunks: when one of the best hits continues a list (it opens with an item), the
        chunk before it in the same section joins the evidence right before it, so the list is quoted from its
        start. Costs one outline read of those articles, for list questions only."""
        from coach.compose import opens_with_item

        starts = [h for h in hits[:top] if opens_with_item(h.chunk.text)]
        if not starts:
            return hits
        have = {h.chunk.id for h in hits}
        outline = list(self.library.chunk_outline(list(dict.fromkeys(h.chunk.doc_id for h in starts))))
        before = {cid: (prev_id, prev_section) for (prev_id, _, prev_section, _), (cid, _, _, _)
                  in zip(outline, outline[1:])}
        out = list(hits)
        for h in starts:
            prev_id, prev_section = before.get(h.chunk.id, (None, None))
            if prev_id and prev_id not in have and prev_section == h.chunk.section:
                found = self.library.get_chunks([prev_id])
                if found:
                    out.insert(out.index(h), Hit(chunk=found[0], score=h.score, dense=h.dense, heading=h.heading))
                    have.add(prev_id)
        return out

    def _with_acronym_definition(self, question: str, hits: list[Hit]) -> list[Hit]:
        """"What does BTTC stand for?": when no retrieved chunk spells the acronym out, the chunk of the same articles
        that does ("The Best Theoretical Time Complexity (BTTC) of ...") joins the evidence. Only such questions pay
        for this (one outline read of the top articles)."""
        acronym = asked_acronym(question)
        if not acronym or not hits or any(expansion_in(acronym, h.chunk.text) for h in hits):
            return hits
        docs = list(dict.fromkeys(h.chunk.doc_id for h in hits[:3]))
        found = next((cid for cid, _, _, text in self.library.chunk_outline(docs) if expansion_in(acronym, text)),
                     None)
        chunk = self.library.get_chunks([found]) if found else []
        if not chunk:
            return hits
        return hits[:1] + [Hit(chunk=chunk[0], score=hits[0].score, dense=hits[0].dense, heading=hits[0].heading)] + \
            hits[1:]

    def _compose(self, state: dict) -> Answer:
        snap: Snapshot = state["snapshot"]
        retrieved = state["retrieved"]
        question, standalone = state["question"], state["standalone"]
        hits: list[Hit] = retrieved["hits"]
        composed = None
        reason = retrieved["reason"]
        if hits:
            # "How do I fix that?" means the mistake the previous answer quoted: sentences are measured against both.
            qv = self.vectors.encode([f"{standalone} {retrieved.get('context', '')}".strip()])[0]

            def compose_from(evidence: list[Hit]) -> Composed:
                return compose(standalone, evidence, self.vectors, qv, snap.roles, snap.companies,
                               preferred_roles=[state["role"]] if state["role"] else [],
                               context=retrieved.get("context", ""))

            composed = compose_from(hits)
            spaced = standalone.replace("-", " ")  # "an Airbnb-style marketplace" names Airbnb
            named = [n for at, _, n in known_company_mentions(spaced, snap.companies) if spaced[at].isupper()]
            missing = [] if state.get("company") or not composed.text else \
                self._unanswered_companies(standalone, composed, hits)
            if missing and (own := _split_about(hits, missing, whole=False)[0]):
                # A company with a section of its own is answered from that section, not from a passage that
                # matched the rest of the question better ("What would Twitter want to know about my manager?").
                again = compose_from(own)
                if again.text and not (still := self._unanswered_companies(standalone, again, own)):
                    composed, missing = again, still
            # The question's meaning against the best evidence: the best passage, or the sentence the answer quotes
            # (a paraphrased question matches that sentence better than the passage around it).
            off = off_domain_by_meaning(self.vectors.encode([standalone])[0],
                                        max(retrieved.get("best", 1.0), composed.best_sim if composed.text else 0.0),
                                        self.vectors.encode, composed.sentences if composed.text else ())
            if off:
                reason = off
            elif not composed.text:
                reason = "the retrieved passages do not answer the question"
            elif (job := asked_job(standalone)) and \
                    self._uncovered_words(job, qv, composed, self._kind_words(job, standalone)) and \
                    names_occupation(job, self.vectors.encode) and not self._has_section_on(job):
                # The kind of job asked about is the subject: "a forklift operator interview" is not answered by a
                # passage on interviews in general; "a zoom interview" is an interview held another way.
                reason = _lacked_earlier(standalone, job, self._occurs) or (
                    f"the library has no article about “{job}” interviews" if asked_phrase(standalone, job)
                    else UNCOVERED_KIND)
            elif (exam := asked_exam(standalone)) and \
                    self._uncovered_words(exam, qv, composed, self._kind_words(exam, standalone)):
                # "the real estate licensing exam" is not answered by a passage on studying for coding interviews.
                phrase = asked_phrase(standalone, exam)
                reason = _lacked_earlier(standalone, exam, self._occurs) or (
                    f"the library does not talk about “{phrase}”" if phrase else UNCOVERED_KIND)
            elif (acronym := asked_acronym(standalone)) and not any(writes_acronym(acronym, h.chunk.text)
                                                                    for h in hits):
                # "What is the STAR method?": no passage writes STAR or spells it out, so whatever they say about
                # "stars" or another method is no definition of it.
                reason = f"the library does not explain “{acronym}”"
            elif term := self._unknown_term(standalone, qv):
                reason = _not_talked_about(standalone, term)
            elif phrase := self._compound_in_part(standalone, composed) or self._untreated_topic(standalone, composed):
                reason = f"the library does not talk about “{phrase}”"
            elif phrase := self._unused_kind(standalone, composed):
                reason = _lacked_earlier(standalone, phrase, self._occurs) or \
                    f"the library does not talk about “{phrase}”"
            elif name := self._unknown_name(standalone, composed, snap):
                # the name with the noun it names a kind of ("Kalman filter", "Roth IRA")
                reason = f"the library does not talk about “{asked_phrase(standalone, name) or name}”"
            elif missing:
                reason = f"the library has no article about {', '.join(missing)} (it names them only in passing)"
            elif retrieved.get("weak") and composed.best_sim < (
                    TYPED_SENTENCE_MIN if composed.typed else
                    # The section of a company the question names covers its subject, whatever words it uses.
                    SENTENCE_MIN if composed.off_subject and not _filed_under(composed, hits, named)
                    else self.settings.min_relevance):
                reason = NO_MATCH
            elif retrieved.get("best", 1.0) < NAMED_RELEVANCE and composed.name_only and named:
                # Only the company name matched ("an Airbnb-style marketplace for coaches" vs Airbnb's interview);
                # a word that merely spells part of a name ("tech stack", Stack Overflow) names no company.
                reason = NO_MATCH
            elif retrieved.get("best", 1.0) < OFF_SUBJECT_RELEVANCE:
                words = self._uncovered_words(standalone, qv, composed)
                if not words:
                    pass
                elif composed.off_subject or composed.best_sim < UNCOVERED_SENTENCE_MIN:
                    # The answer misses the subject or barely matches: the words together may carry the topic.
                    things = [x for w in words for x in self._thing_named(standalone, w)]
                    words = words if self._is_topic(standalone, things) else []
                else:
                    words = [w for w in words if self._is_topic(standalone, self._thing_named(standalone, w))]
                words = [w for w in words if not self._said_in_quote(standalone, w, composed)]
                if words:
                    reason = _not_talked_about(standalone, words[0])
                # A follow-up ("So where do they go instead?") is read with the answer it follows, as ``qv`` is.
                elif off := self._off_domain_unshared(f"{standalone} {retrieved.get('context', '')}".strip(),
                                                      composed):
                    reason = off
        if reason or composed is None:
            reply = retrieved.get("reply") or coverage_reply(reason, snap.articles, snap.roles, snap.companies)
            decline = retrieved.get("decline") or \
                ("empty_library" if reason == EMPTY_LIBRARY_NOTE else "outside_library")
            return Answer(question=question, standalone_question=standalone, grounded=False, sources=[],
                          answer=reply, note=reason, decline=decline, latency_ms=_ms(state["started"]))
        text, sources, backend, note = composed.text, composed.sources, "extractive", None
        if self.settings.llm != "none" and not state.get("extractive_only"):
            text, sources, backend, note = llm_or_extractive(self.llm, standalone, composed, hits)
        return Answer(question=question, standalone_question=standalone, answer=text, grounded=True,
                      sources=sources, backend=backend, note=note, latency_ms=_ms(state["started"]))

    # -- public ----------------------------------------------------------------------------------------------------
    def ask(self, question: str, history=None, role: str | None = None, company: str | None = None,
            doc_id: str | None = None) -> Answer:
        return self.runnable.invoke({"question": question, "history": history, "role": role, "company": company,
                                     "doc_id": doc_id, "started": time.perf_counter()})

    def stream(self, question: str, history=None, role: str | None = None, company: str | None = None,
               doc_id: str | None = None) -> Iterator[str | Answer]:
        """Text pieces, then the final ``Answer`` (authoritative: an LLM answer rejected by the guard after it was
        streamed is replaced there, and its ``note`` says so)."""
        started = time.perf_counter()
        state = self.retrieval.invoke({"question": question, "history": history, "role": role, "company": company,
                                       "doc_id": doc_id, "started": started})
        answer: Answer = self._compose({**state, "extractive_only": True})
        if not answer.grounded or self.settings.llm == "none":
            for i, piece in enumerate(_pieces(answer.answer)):
                yield piece if i == 0 else " " + piece
            yield answer
            return
        yield from self._stream_llm(answer, state["retrieved"]["hits"], started)

    def _stream_llm(self, extractive: Answer, hits: list[Hit], started: float) -> Iterator[str | Answer]:
        from coach.llm_answer import answer_problems, llm_answer_messages

        # The LLM sees the same retrieved passages the extractive answer was chosen from.
        sources = [_source(i + 1, h) for i, h in enumerate(hits)]
        parts: list[str] = []
        try:
            llm = self.llm()
            for piece in llm.stream(llm_answer_messages(extractive.standalone_question, sources)):
                parts.append(piece)
                yield piece
            text = "".join(parts).strip()
            problems = answer_problems(text, len(sources))
            bad = unsupported_numbers(text, sources)
            if problems or bad:
                why = "; ".join(problems + ([f"numbers no cited source contains: {', '.join(bad)}"] if bad else []))
                raise CoachError(f"the {llm.name} answer was rejected: {why}")
            yield extractive.model_copy(update={"answer": text, "sources": sources, "backend": llm.name,
                                                "note": None, "latency_ms": _ms(started)})
        except CoachError as exc:
            yield extractive.model_copy(update={"note": f"Showing the extractive answer: {exc}",
                                                "latency_ms": _ms(started)})


def _assign(key: str, step, name: str) -> Runnable:
    """The state plus ``key`` = ``step(state)``: ``RunnablePassthrough.assign`` without its thread pool (it starts
    new threads on every call, a fifth of an answer's time, and more threads for the app's workers to contend with)."""
    return RunnableLambda(lambda state: {**state, key: step(state)}).with_config(run_name=name)


def _pieces(text: str) -> list[str]:
    """Answer sentences with their markers, for sentence-by-sentence streaming."""
    return [p for p in re.split(r"(?<=\]\.)\s+|(?<=\])\s+(?=\S)", text) if p] or [text]


def _said_of_speaker(question: str) -> set[str]:
    """The words (lower case) that ``question`` uses only to say what happened to the asker or how they felt ("I
    froze", "my mind went blank", see ``english.said_of_speaker``)."""
    said: dict[str, bool] = {}
    at = 0
    for word in question_words(question):
        at = question.find(word, at)
        low = word.lower()
        said[low] = said.get(low, True) and said_of_speaker(question[:at], word)
        at += len(word)
    return {w for w, only in said.items() if only}


def _answer_texts(composed: Composed) -> list[str]:
    """What the answer writes: its quoted sentences and their passages' titles and section headings."""
    return [*composed.sentences, *(t for s in composed.sources for t in (s.title, s.section) if t)]


def _written_in(word: str, said: set[str]) -> bool:
    """``word`` is a content word the answer writes in any of its forms (``said``: ``word_forms`` of its words):
    "queue" / "queues", not only as the BM25 stems read it."""
    return bool(tokenize(word)) and bool(word_forms([word]) & said)


# A capitalised word after the first of its sentence: a name.
_MID_NAME = re.compile(r"(?<=[\w,;:'’)\]] )[A-Z][\w.&'-]*")


def _left_out(question: str, words: list[str]) -> str:
    """``question`` without ``words`` (whole words, any case)."""
    for word in words:
        question = re.sub(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])", " ", question, flags=re.I)
    return " ".join(question.split())


def _not_talked_about(question: str, words: str) -> str:
    """The reason for declining a question about ``words`` the library lacks: the noun phrase of the question they
    are part of (``scope.asked_phrase``), a code or a name as written ("L4", "Quorvix"), else no name at all."""
    phrase = words if any(c.isdigit() for c in words) else asked_phrase(question, words)  # a code: "E6"
    if phrase is None and words[:1].isupper():
        phrase = words
    return f"the library does not talk about “{phrase}”" if phrase else UNCOVERED_KIND


def _hyphenated(text: str, part: str) -> str:
    """The hyphenated word of ``text`` that ``part`` is part of ("step-by-step" for "step"), else ``part``."""
    for m in re.finditer(r"[\w']+(?:-[\w']+)+", text):
        if set(part.lower().split("-")) <= set(m.group().lower().split("-")):  # "step-by" of "step-by-step" too
            return m.group()
    return part


def _spaced(text: str) -> str:
    """``text`` in lower case with hyphens as spaces ("out-of office" is "out-of-office")."""
    return " ".join(text.lower().replace("-", " ").split())


def _lacked_earlier(question: str, named: str, occurs) -> str | None:
    """The reason naming a phrase before ``named`` that the library lacks (``scope.lacked_before``): the asked thing,
    where ``named`` (a kind of job, an exam, a compound) only sets the scene ("what level of French do I need for a
    dev job"); None when there is none."""
    named_own_way = _stand_in_words(question)  # "CV": the library says "resume"
    phrase = lacked_before(question, named, lambda w: w in named_own_way or occurs(w))
    return f"the library does not talk about “{phrase}”" if phrase else None


def _stand_in_words(question: str) -> set[str]:
    """The words (lower case) of the everyday names ``question`` uses for things the library names its own way
    ("CV", "soft-skills interview", ``vocabulary.STAND_INS``): the library's name covers them."""
    return {w.lower() for _, used in stand_ins(question) for phrase in used for w in question_words(phrase)}


def _evidence_text(hit: Hit) -> str:
    c = hit.chunk
    return " ".join(filter(None, [c.title, c.section, c.company, c.text]))


def _filed_under(composed: Composed, hits: list[Hit], names: list[str]) -> bool:
    """Whether a passage the answer quotes is filed under, titled or headed by one of the ``names``."""
    if not names:
        return False
    company_of = {h.chunk.doc_id: h.chunk.company for h in hits}
    about = " ".join(filter(None, (t for src in composed.sources
                                   for t in (src.title, src.section, company_of.get(src.doc_id)))))
    return any(mentions_name(n, about) for n in names)


def _split_about(hits: list[Hit], names: list[str], whole: bool = True) -> tuple[list[Hit], list[Hit]]:
    """(hits about one of the named companies: filed under it or naming it in section, title or — when ``whole`` —
    text; the rest)."""
    about = [h for h in hits if any(mentions_name(n, _evidence_text(h) if whole else " ".join(
        filter(None, [h.chunk.title, h.chunk.section, h.chunk.company]))) for n in names)]
    return about, [h for h in hits if h not in about]


def _coverage(question: str, text: str) -> float:
    """Share of the question's content words that the passage contains (lexical evidence)."""
    q = set(tokenize(question))
    return len(q & set(tokenize(text))) / len(q) if q else 0.0


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
