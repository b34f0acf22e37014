"""The one API the CLI and the UI share."""
from __future__ import annotations

import functools
import hashlib
import re
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator

from coach.models import (
    Answer,
    Attempt,
    Feedback,
    HistoryTurn,
    IngestReport,
    LibrarySummary,
    PracticeQuestion,
    RoleComparison,
)
from coach.settings import Settings, get_settings
from coach.text import normalize_space


def _reported(method):
    """Infrastructure failures inside a call (Chroma server gone, disk full) reach the CLI, the UI and API clients
    as the ``CoachError`` that names the part and the action, never as a library's internal exception."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        from coach.components.vector_store import store_errors

        with store_errors(self.settings):
            return method(self, *args, **kwargs)

    return wrapper


class Coach:
    """Ingest articles, answer questions with citations, critique practice answers.

    Heavy parts (embedding model, Chroma, LLM) are created on first use, so constructing a ``Coach`` is cheap.
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self._llm = None
        from coach.components.blas import limit_blas_threads

        limit_blas_threads(self.settings.blas_threads)

    # -- components -------------------------------------------------------------------------------------------
    @cached_property
    def embedder(self):
        from coach.components.embedding import Embedder

        return Embedder(self.settings)

    @cached_property
    def query_embedder(self):
        """Encodes questions for the answer chain (see ``components.embedding.query_embedder``)."""
        from coach.components.embedding import query_embedder

        return query_embedder(self.settings, self.embedder)

    def llm(self):
        """The configured LLM backend, started on first use; ``LLMUnavailable`` when none is configured or usable."""
        if self._llm is None:
            from coach.components.llm import LLMUnavailable, get_llm

            llm = get_llm(self.settings)
            if llm is None:
                raise LLMUnavailable("no LLM is configured (COACH_LLM=none)")
            self._llm = llm
        return self._llm

    def optional_llm(self):
        """The configured LLM backend, or None when there is none or it cannot start (the rules then decide alone)."""
        if self.settings.llm == "none":
            return None
        from coach.components.llm import LLMError

        try:
            return self.llm()
        except LLMError:
            return None

    @cached_property
    def library(self):
        from coach.store.library import Library

        return Library(self.settings, self.embedder)

    # -- library ------------------------------------------------------------------------------------------------
    @_reported
    def ingest(
        self,
        paths: Iterable[str | Path] | None = None,
        *,
        rebuild: bool = False,
        prune: bool = False,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> IngestReport:
        """Ingest files and folders (default: the corpus folder); see ``ingest.pipeline.ingest_paths``."""
        from ingest.pipeline import ingest_paths

        targets = [Path(p) for p in paths] if paths else [self.settings.corpus]
        if rebuild:
            from coach.store.library import reset_home

            self.__dict__.pop("library", None)
            reset_home(self.settings)
        before = -1 if rebuild else self.library.generation
        report = ingest_paths(targets, self.library, prune=prune, progress=progress)
        self._store_heading_vectors(before)
        if report.skipped:
            # a file passed over now may be stored from before (an earlier ingest, a file named explicitly)
            from ingest.ids import display_path

            stored = {d.path: d.doc_id for d in self.library_summary().documents}
            for skipped in report.skipped:
                skipped.stored_doc_id = stored.get(display_path(Path(skipped.path)))
        return report

    def _store_heading_vectors(self, generation: int) -> None:
        """Heading / FAQ vectors of the documents changed since ``generation``, computed now so that no answer
        after this ingest (in this or a serving process) pays for them."""
        from coach.retrieval import store_heading_vectors

        _, changed = self.library.changed_since(generation)
        if changed is None:
            changed = {a.doc_id for a in self.library.articles()}
        if changed:
            store_heading_vectors(self.library, self.ask_chain.vectors, changed)

    @staticmethod
    def article_suffixes() -> list[str]:
        """The file types an article may be uploaded or ingested as (".md", ".pdf", ...)."""
        from ingest.loaders import SUPPORTED_SUFFIXES

        return sorted(SUPPORTED_SUFFIXES)

    @_reported
    def save_upload(self, src: str | Path, original_name: str | None = None) -> Path:
        """Copy an uploaded file into ``uploads_path`` after checking its type and size (``InputError`` otherwise).

        An upload never replaces another article: when a different file of the same name is already there, this one
        is stored as ``name-<hash>.ext`` (a distinct document); the same bytes again reuse the stored file.
        """
        from coach.errors import InputError
        from ingest.loaders import SUPPORTED_SUFFIXES

        src = Path(src)
        shown = Path(original_name or src.name).name
        name = _safe_name(shown)
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise InputError(f"{shown}: unsupported file type {suffix or '(none)'!r}; upload one of {allowed}")
        limit = self.settings.max_upload_mb
        size = src.stat().st_size
        if size > limit * MB:
            raise InputError(f"{shown} is {size / MB:.1f} MB; the upload limit is {limit:g} MB (COACH_MAX_UPLOAD_MB)")
        if size == 0:
            raise InputError(f"{shown} is empty (0 bytes); check that you chose the right file")
        data = src.read_bytes()
        dest_dir = self.settings.uploads_path
        dest_dir.mkdir(parents=True, exist_ok=True)
        dest = dest_dir / name
        if dest.exists() and dest.read_bytes() != data:
            stem = Path(name).stem
            dest = dest_dir / f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}{Path(name).suffix}"
        if not (dest.exists() and dest.read_bytes() == data):
            try:
                tmp = dest.with_name(f".{dest.name}.part")
                tmp.write_bytes(data)
                tmp.replace(dest)
            except OSError as exc:
                from coach.components.vector_store import store_error

                raise (store_error(exc, self.settings) or InputError(
                    f"{shown} cannot be saved to {dest_dir} ({exc.strerror or exc})")) from exc
        return dest

    def library_summary(self) -> LibrarySummary:
        return self.library.summary()

    @_reported
    def remove_document(self, doc_id: str) -> None:
        self.library.remove_document(doc_id)

    @_reported
    def questions(self, role: str | None = None) -> list[PracticeQuestion]:
        """The practice bank: every question (``role`` None), those for a role and for any role, or (``ANY_ROLE``)
        only the questions for any role."""
        if is_any_role(role):
            return [q for q in self.library.questions() if q.role is None]
        return self.library.questions(self.resolve_role(role) if role else None)

    def practice_role(self, question: str) -> str:
        """The role of the bank question with this text (case and spacing aside), else ``ANY_ROLE``."""
        key = _text_key(question)
        roles = {q.role for q in self.library.questions() if _text_key(q.text) == key}
        return roles.pop() if len(roles) == 1 and None not in roles else ANY_ROLE

    @_reported
    def compare_roles(self, doc_id: str | None = None) -> list[RoleComparison]:
        """Side-by-side, cited facts for the roles each article compares (every article with facts of its own for 2+
        roles, or the one asked for)."""
        from coach.compare import comparable, compare_article
        from coach.errors import UnknownDocumentError

        if doc_id is None:
            return comparable(self.library.articles())
        article = self.library.article(doc_id)
        if article is None:
            raise UnknownDocumentError(doc_id)
        return [compare_article(article)]

    @_reported
    def resolve_role(self, name: str) -> str:
        """Canonical role name for a name or alias, case-insensitive; ``UnknownRoleError`` lists the known roles."""
        from coach.roles import resolve_role

        return resolve_role(name, self.library.roles())

    # -- answers ------------------------------------------------------------------------------------------------
    @_reported
    def ask(
        self,
        question: str,
        history: list[HistoryTurn] | list[dict] | None = None,
        role: str | None = None,
        company: str | None = None,
        doc_id: str | None = None,
    ) -> Answer:
        """A short answer with each sentence cited ``[n]`` into ``Answer.sources``, or ``grounded=False`` with what
        the library covers when it cannot answer; ``history`` turns make follow-ups standalone. ``role``,
        ``company`` and ``doc_id`` restrict the evidence."""
        return self.ask_chain.ask(question, history=history, role=role, company=company, doc_id=doc_id)

    def ask_stream(
        self,
        question: str,
        history: list[HistoryTurn] | list[dict] | None = None,
        role: str | None = None,
        company: str | None = None,
        doc_id: str | None = None,
    ) -> Iterator[str | Answer]:
        """Yields text pieces as they are produced, then the final ``Answer`` (authoritative, see ``AskChain.stream``)."""
        return self._reported_stream(
            self.ask_chain.stream(question, history=history, role=role, company=company, doc_id=doc_id))

    def _reported_stream(self, pieces: Iterator) -> Iterator:
        from coach.components.vector_store import store_errors

        with store_errors(self.settings):
            yield from pieces

    @cached_property
    def ask_chain(self):
        from coach.chain import AskChain

        return AskChain(self)

    # -- practice -----------------------------------------------------------------------------------------------
    @_reported
    def critique(self, role: str | None, question: str, answer: str, *, save: bool = True) -> Feedback:
        """Judge a practice answer against the rubric of every article covering ``role``; saved to the history.

        Without a role (None, "" or ``ANY_ROLE``) the role is the question's own in the bank; a question for any
        role, or one not in the bank, is judged by the rubric items that name no role."""
        from coach.chain import MAX_QUESTION_CHARS
        from coach.critique import critique_answer
        from coach.errors import InputError
        from coach.history import History

        if isinstance(question, str) and len(question) > MAX_QUESTION_CHARS:
            raise InputError(f"the practice question is {len(question):,} characters long; keep it under "
                             f"{MAX_QUESTION_CHARS:,}")
        if role is not None and not isinstance(role, str):  # a batch line's {"role": 5}: its line's error, not a crash
            raise InputError("role, question and answer must be text")
        if role is None or is_any_role(role) or not role.strip():
            canonical = self.practice_role(question) if isinstance(question, str) else ANY_ROLE
        else:
            canonical = self.resolve_role(role)
        if canonical == ANY_ROLE:
            items = [i for i in self.library.rubric() if not i.roles]
        else:
            items = self.library.rubric(canonical)
        feedback = critique_answer(items, role=canonical, question=question, answer=answer, embedder=self.embedder,
                                   llm=self.optional_llm())
        if save:
            History(self.settings.history_path).add(feedback, answer)
        return feedback

    def history(self, limit: int | None = None) -> list[Attempt]:
        """Practice attempts, newest first."""
        from coach.history import History

        return History(self.settings.history_path).list(limit)


ANY_ROLE = "any role"  # the bank's label for a question every role is asked; also a critique without a role


def unsaid_note(answer: Answer) -> str | None:
    """The answer's note as the shells show it beside the answer, or None when the answer already says it: a decline
    that asks for the question in full or in English explains itself, and an out-of-scope reply may state its reason
    word for word."""
    note = (answer.note or "").strip()
    if not note or answer.decline in ("refers_back", "not_english", "empty_library"):
        return None
    return None if note.rstrip(".").lower() in answer.answer.lower() else note


def is_any_role(role: object) -> bool:
    return isinstance(role, str) and _text_key(role) == ANY_ROLE


def _text_key(text: str) -> str:
    return normalize_space(text).casefold()


MB = 1024 * 1024  # the upload limit is in MiB, like the size figures in its messages


def _safe_name(name: str, fallback: str = "article") -> str:
    """A file name safe to store: letters, digits, ``.``, ``_`` and ``-`` only; the suffix lower-cased."""
    stem, dot, suffix = Path(name).name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:80] or fallback
    return f"{stem}.{suffix.lower()}" if suffix else stem
