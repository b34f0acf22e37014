"""Answer evaluation against ``tests/evals/ask.jsonl`` (questions written before the answer path was tuned).

Each case is a question (with optional ``history`` and ``role``) and either
- ``facts``: substrings the answer must contain (and optionally ``absent``: off-topic ones it must not contain) (copied from the article: "5-6", "$170,000") and ``sources``: the
  expected evidence, ``{"doc": <substring of the source path>, "text": <substring of the source chunk>}``, for
  hit@3 and MRR; or
- ``"grounded": false``: the coach must decline (out of scope, off-domain, another language, an injection attempt);
  ``facts`` then are substrings the polite reply must contain.

Optional: ``some`` + ``some_min`` (list answers: at least that many of these items), ``pattern`` (a regular expression
the answer must match, e.g. which role pays more), ``partial`` (the library does not answer exactly this: the answer
must say so). Every grounded answer is also checked for its shape (:func:`coach.plan.shape_problems`): not a heading,
not a lead-in ending in ":", and carrying the asked kind of fact.
"""
from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel, Field

from coach.errors import CoachError
from coach.guard import unsupported_numbers
from coach.models import Answer, HistoryTurn, Source
from coach.plan import NOT_EXACT, shape_problems

ACCURACY_MIN = 0.95
HIT3_MIN = 0.95
OUT_OF_SCOPE_MIN = 0.95
UNSUPPORTED_MAX = 0
EVALS = Path(__file__).resolve().parents[2] / "tests" / "evals"
DEFAULT_CASES = EVALS / "ask.jsonl"
# Questions over ../shared/real-articles: a tuning split and held-out splits (ask_real_heldout.jsonl,
# ask_real_heldout2.jsonl, …, each written by another hand) that are run only to report, each apart.
REAL_CASES = EVALS / "ask_real.jsonl"
REAL_ACCURACY_MIN = 0.90


def real_heldout_splits(folder: str | Path = EVALS) -> dict[str, Path]:
    """Every held-out split in ``folder`` by report name (``ask_real_heldout2.jsonl`` → ``ask-real-heldout2``), in
    numeric order; the tuning split ``ask_real.jsonl`` is never among them."""
    from coach.evaluation.splits import held_out_files

    return {p.stem.replace("_", "-"): p for p in held_out_files(folder, "ask_real_heldout")}


class ExpectedSource(BaseModel):
    doc: str
    text: str | None = None
    section: str | None = None

    def matches(self, source: Source) -> bool:
        # The text may sit in the chunk or in its heading (parsers differ in where an FAQ question goes).
        return (self.doc in source.path or self.doc == source.doc_id) and (
            self.text is None or self.text in source.text or self.text in (source.section or "")) and (
            self.section is None or self.section.lower() in (source.section or "").lower())


class AskCase(BaseModel):
    id: str
    question: str
    history: list[HistoryTurn] = Field(default_factory=list)
    role: str | None = None
    facts: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list, description="off-topic facts the answer must not pad itself with")
    sources: list[ExpectedSource] = Field(default_factory=list)
    some: list[str] = Field(default_factory=list, description="list answers: at least some_min of these items")
    some_min: int = 1
    pattern: str | None = Field(None, description="a regular expression the answer must match")
    partial: bool = Field(False, description="the library does not answer exactly this; the answer must say so")
    grounded: bool = True
    kind: str = ""


class AskCaseResult(BaseModel):
    id: str
    kind: str
    grounded_expected: bool
    passed: bool
    missing_facts: list[str] = Field(default_factory=list)
    rank: int | None = Field(None, description="1-based rank of the first expected source; None = not found")
    unsupported: list[str] = Field(default_factory=list)
    shape: list[str] = Field(default_factory=list, description="heading / lead-in / missing the asked kind of fact")
    answer: str = ""
    standalone_question: str = ""
    latency_ms: float = 0.0
    error: str | None = None


class AskEvalReport(BaseModel):
    cases: int
    accuracy: float = Field(description="grounded cases whose answer holds every required fact")
    hit_at_3: float
    mrr: float
    out_of_scope_accuracy: float = Field(description="out-of-scope and injection cases that were declined")
    unsupported_numbers: int = Field(description="numbers in answers that no cited source contains")
    bad_shape: int = Field(0, description="answers that are a heading, a lead-in or lack the asked kind of fact")
    latency_p50_ms: float
    latency_p95_ms: float
    name: str = "ask"
    thresholds: dict[str, float] = Field(default_factory=lambda: {
        "accuracy": ACCURACY_MIN, "hit_at_3": HIT3_MIN, "out_of_scope_accuracy": OUT_OF_SCOPE_MIN,
        "unsupported_numbers": UNSUPPORTED_MAX, "bad_shape": 0})
    by_batch: dict[str, dict[str, float]] = Field(default_factory=dict, description=(
        "accuracy and hit@3 of the grounded cases per batch (the id's prefix before the first '-': cases written "
        "at one time by one hand), so that a change is judged on batches it was not tuned on"))
    passed: bool
    failures: list[AskCaseResult] = Field(default_factory=list)
    results: list[AskCaseResult] = Field(default_factory=list)

    def summary_lines(self) -> list[str]:
        return [
            f"{self.name}: {self.cases} cases — accuracy {self.accuracy:.3f} (≥ {self.thresholds['accuracy']}), "
            f"hit@3 {self.hit_at_3:.3f} (≥ {HIT3_MIN}), MRR {self.mrr:.3f}, declined {self.out_of_scope_accuracy:.3f} "
            f"(≥ {OUT_OF_SCOPE_MIN}), unsupported numbers {self.unsupported_numbers} (= 0), "
            f"bad shape {self.bad_shape} (= 0), "
            f"latency p50 {self.latency_p50_ms:.0f} ms / p95 {self.latency_p95_ms:.0f} ms — "
            + ("PASS" if self.passed else "FAIL"),
            *([("  by batch: " + ", ".join(f"{b} {v['accuracy']:.2f}/{v['hit_at_3']:.2f} (n={v['cases']:.0f})"
                                          for b, v in self.by_batch.items()))] if len(self.by_batch) > 1 else []),
            *(f"  FAIL {f.id}: " + (f.error or "; ".join(filter(None, [
                f"missing {f.missing_facts}" if f.missing_facts else "",
                "expected source not in top 3" if f.grounded_expected and (f.rank or 99) > 3 else "",
                f"unsupported {f.unsupported}" if f.unsupported else "",
                f"shape: {'; '.join(f.shape)}" if f.shape else "",
                "answered an out-of-scope question" if not f.grounded_expected else "",
            ]))) + f" | {f.standalone_question!r} -> {f.answer[:160]!r}" for f in self.failures),
        ]


def load_cases(path: str | Path = DEFAULT_CASES) -> list[AskCase]:
    """Cases from a JSONL file; a bad line is a ``CoachError`` naming the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CoachError(f"cannot read the ask evaluation set {path}: {exc.strerror or exc}") from exc
    cases = []
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            cases.append(AskCase.model_validate(json.loads(line)))
        except Exception as exc:  # JSON or schema error: name the line
            raise CoachError(f"{path}:{no}: not a valid ask case ({str(exc).splitlines()[0]})") from exc
    return cases


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def evaluate_case(coach, case: AskCase) -> AskCaseResult:
    started = time.perf_counter()
    try:
        answer: Answer = coach.ask(case.question, history=case.history, role=case.role)
    except CoachError as exc:
        return AskCaseResult(id=case.id, kind=case.kind, grounded_expected=case.grounded, passed=False,
                             error=str(exc), latency_ms=(time.perf_counter() - started) * 1000)
    latency = (time.perf_counter() - started) * 1000
    unsupported = unsupported_numbers(answer.answer, answer.sources) if answer.grounded else []
    result = AskCaseResult(id=case.id, kind=case.kind, grounded_expected=case.grounded, passed=False,
                           answer=answer.answer, standalone_question=answer.standalone_question,
                           unsupported=unsupported, latency_ms=latency)
    result.missing_facts = [f for f in case.facts if f not in answer.answer] if answer.grounded or not case.grounded \
        else list(case.facts)
    result.missing_facts += [f"(should not say) {f}" for f in case.absent if f in answer.answer]
    if not case.grounded:
        result.passed = not answer.grounded and not result.missing_facts
        return result
    found = [f for f in case.some if f in answer.answer]
    if case.some and len(found) < case.some_min:
        result.missing_facts.append(f"{case.some_min} of {case.some} (found {found})")
    if case.pattern and not re.search(case.pattern, answer.answer):
        result.missing_facts.append(f"(should match) {case.pattern}")
    if case.partial and NOT_EXACT not in answer.answer:
        result.missing_facts.append(f"(should say) {NOT_EXACT}")
    if answer.grounded:
        result.shape = shape_problems(case.question if not case.history else answer.standalone_question, answer)
    for i, src in enumerate(answer.sources if answer.grounded else [], 1):
        if any(exp.matches(src) for exp in case.sources):
            result.rank = i
            break
    result.passed = answer.grounded and not result.missing_facts and not unsupported and not result.shape and (
        not case.sources or (result.rank is not None and result.rank <= 3))
    return result


def batch_of(case_id: str) -> str:
    """The batch a case belongs to: its id's prefix before the first "-", letter suffix kept ("rw10r-…", "rw10c-…"
    and "rw10s-…" are three batches: each helper's blind questions are measured apart from the others'). The ask
    report and ``bench/retrieval.py`` both group by it."""
    return case_id.split("-", 1)[0]


def _by_batch(results: list[AskCaseResult], cases: list[AskCase]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[tuple[AskCaseResult, AskCase]]] = {}
    for r, c in zip(results, cases):
        if c.grounded:
            groups.setdefault(batch_of(c.id), []).append((r, c))
    out = {}
    for name in sorted(groups):
        rows = groups[name]
        sourced = [r for r, c in rows if c.sources]
        out[name] = {"cases": len(rows),
                     "accuracy": round(sum(1 for r, _ in rows if r.error is None and not r.missing_facts
                                           and not r.shape) / len(rows), 4),
                     "hit_at_3": round(sum(1 for r in sourced if r.rank and r.rank <= 3) / len(sourced), 4)
                     if sourced else 1.0}
    return out


def evaluate_ask(coach, cases: Iterable[AskCase] | None = None, name: str = "ask",
                 accuracy_min: float = ACCURACY_MIN) -> AskEvalReport:
    """Run every case through ``coach.ask`` and score answers, sources, refusals and numbers."""
    cases = list(cases) if cases is not None else load_cases()
    if not cases:
        raise CoachError("the ask evaluation set is empty")
    results = [evaluate_case(coach, c) for c in cases]
    grounded = [r for r, c in zip(results, cases) if c.grounded]
    with_sources = [r for r, c in zip(results, cases) if c.grounded and c.sources]
    declined = [r for r, c in zip(results, cases) if not c.grounded]
    accuracy = sum(1 for r in grounded if r.error is None and not r.missing_facts and not r.shape) / len(grounded) \
        if grounded else 1.0
    hit3 = sum(1 for r in with_sources if r.rank and r.rank <= 3) / len(with_sources) if with_sources else 1.0
    mrr = statistics.fmean(1.0 / r.rank if r.rank else 0.0 for r in with_sources) if with_sources else 1.0
    oos = sum(1 for r in declined if r.passed) / len(declined) if declined else 1.0
    unsupported = sum(len(r.unsupported) for r in results)
    latencies = [r.latency_ms for r in results]
    bad_shape = sum(1 for r in results if r.shape)
    passed = accuracy >= accuracy_min and hit3 >= HIT3_MIN and oos >= OUT_OF_SCOPE_MIN and \
        unsupported <= UNSUPPORTED_MAX and not bad_shape
    return AskEvalReport(
        name=name, bad_shape=bad_shape, thresholds={
            "accuracy": accuracy_min, "hit_at_3": HIT3_MIN, "out_of_scope_accuracy": OUT_OF_SCOPE_MIN,
            "unsupported_numbers": UNSUPPORTED_MAX, "bad_shape": 0},
        cases=len(results), accuracy=round(accuracy, 4), hit_at_3=round(hit3, 4), mrr=round(mrr, 4),
        out_of_scope_accuracy=round(oos, 4), unsupported_numbers=unsupported,
        latency_p50_ms=round(_percentile(latencies, 0.5), 1), latency_p95_ms=round(_percentile(latencies, 0.95), 1),
        by_batch=_by_batch(results, cases),
        passed=passed, failures=[r for r in results if not r.passed], results=results,
    )
