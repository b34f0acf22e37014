"""Critique evaluation: verdicts and score ordering against the hand-labelled set in ``tests/evals/critique.jsonl``.

Labelling rules (what a human coach would say, written before the engine was tuned):
- ``not_applicable``: the item is scoped to a role other than the case's role.
- ``made``: the answer shows the mistake; for an omission, the question calls for the missing topic and the answer
  lacks it (an empty answer lacks everything the question calls for).
- ``avoided``: the answer shows the fix, or plainly does not make the mistake while engaging with its topic.
- ``unclear``: the answer gives no basis either way (e.g. an ownership item for a coding answer).
Labels are keyed by the item's mistake text, or a distinctive part of it ("header or footer"), so that they survive
id changes and re-parsing; a key that is not part of any mistake is looked up in the item's fix and context too.
``rank`` orders answers to the same question (``group``); equal ranks and ``rank: null`` form no pair. ``general``
marks a question no rubric item of its article speaks to: the feedback should say so and score delivery only.

Sets: ``critique.jsonl`` (the project's first set), ``critique_real.jsonl`` (tuning: the fixtures and the real
articles in ../shared/real-articles), ``critique_heldout.jsonl``, ``critique_heldout2.jsonl``, … (held out, the
later ones written by other hands: found by name, run only to report, never to tune).
A ``clean`` answer is a case whose labels contain no ``made`` and whose kind is strong, medium or mixed: any ``made``
verdict on it is a false alarm.
"""
from __future__ import annotations

import hashlib
import re
import statistics
from pathlib import Path
from typing import Callable, Iterable, Sequence

from pydantic import BaseModel, Field

from coach.errors import CoachError
from coach.models import Feedback, RubricItem

F1_MIN = 0.90
ORDERING_MIN = 0.95
CLEAN_MIN = 0.95
EVALS = Path(__file__).resolve().parents[2] / "tests" / "evals"
DEFAULT_CASES = EVALS / "critique.jsonl"
SPLITS = {"critique": "critique.jsonl", "tuning": "critique_real.jsonl"}
HELD_OUT_PREFIX = "critique_heldout"
CLEAN_KINDS = ("strong", "medium", "mixed")


class CritiqueCase(BaseModel):
    id: str
    doc: str
    role: str
    question: str
    answer: str
    expected: dict[str, str]
    group: str | None = None
    rank: float | None = None
    kind: str = ""
    note: str = ""
    general: bool = False


class ItemScore(BaseModel):
    mistake: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0


class CaseResult(BaseModel):
    id: str
    score: int
    latency_ms: float
    wrong: dict[str, str] = Field(default_factory=dict, description="mistake -> 'expected X, got Y'")


class CritiqueEvalReport(BaseModel):
    cases: int
    items: list[ItemScore]
    precision: float
    recall: float
    f1: float
    verdict_accuracy: float
    not_applicable_accuracy: float
    not_applicable_errors: int
    ordering_accuracy: float
    ordering_pairs: int
    ordering_errors: list[str] = Field(default_factory=list)
    results: list[CaseResult] = Field(default_factory=list)
    latency_p50_ms: float = 0.0
    clean_cases: int = 0
    clean_accuracy: float = 1.0
    clean_errors: list[str] = Field(default_factory=list)
    general_cases: int = 0
    general_accuracy: float = 1.0
    unresolved: list[str] = Field(default_factory=list, description="Label keys that match no parsed rubric item.")
    skipped: list[str] = Field(default_factory=list, description="Cases whose article is not available here.")
    name: str = "critique"
    passed: bool = False

    def render(self) -> str:
        lines = [self.summary_line()]
        lines += [f"  unresolved label: {u}" for u in self.unresolved]
        lines += [f"  false alarm on a clean answer: {e}" for e in self.clean_errors]
        if self.skipped:
            lines.append(f"  skipped {len(self.skipped)} cases (article not available): {', '.join(self.skipped)}")
        for s in self.items:
            lines.append(f"  made F1 {s.f1:.2f} (P {s.precision:.2f} R {s.recall:.2f})  {s.mistake}")
        for r in self.results:
            for mistake, what in r.wrong.items():
                lines.append(f"  {r.id}: {mistake} — {what}")
        lines += [f"  ordering: {e}" for e in self.ordering_errors]
        return "\n".join(lines)

    def summary_line(self) -> str:
        return (f"{self.name} eval: {self.cases} cases, made-F1 {self.f1:.3f} (P {self.precision:.3f}, "
                f"R {self.recall:.3f}), verdict accuracy {self.verdict_accuracy:.3f}, not-applicable accuracy "
                f"{self.not_applicable_accuracy:.3f}, ordering {self.ordering_accuracy:.3f} over "
                f"{self.ordering_pairs} pairs, clean answers without a false 'made' {self.clean_accuracy:.3f} "
                f"({self.clean_cases}), no-item feedback {self.general_accuracy:.3f} ({self.general_cases}), "
                f"p50 {self.latency_p50_ms:.0f} ms — "
                f"{'PASS' if self.passed else 'FAIL'}")


def norm_mistake(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def load_cases(path: str | Path = DEFAULT_CASES) -> list[CritiqueCase]:
    path = Path(path)
    if not path.is_file():
        raise CoachError(f"critique evaluation set not found: {path}")
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                cases.append(CritiqueCase.model_validate_json(line))
            except ValueError as exc:
                raise CoachError(f"{path}:{n}: not a valid critique case ({exc.__class__.__name__})") from exc
    return cases


def resolve_label(key: str, items: Sequence[RubricItem]) -> RubricItem | None:
    """The item a label key names: the whole mistake text, else the one item whose mistake (then mistake, fix and
    context together) contains the key."""
    k = norm_mistake(key)
    exact = [it for it in items if norm_mistake(it.mistake) == k]
    if exact:
        return exact[0]
    for text in (lambda it: it.mistake, lambda it: f"{it.mistake} {it.fix} {it.context}"):
        hits = [it for it in items if k in norm_mistake(text(it))]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None


def load_items_by_doc(paths: Iterable[str | Path]) -> dict[str, list[RubricItem]]:
    """Rubric items per article file name, parsed with the ingest parser (the same path as a real ingest)."""
    from coach.text import stable_id
    from ingest.parse import parse_file

    out: dict[str, list[RubricItem]] = {}
    for p in map(Path, paths):
        sha = hashlib.sha256(p.read_bytes()).hexdigest()
        article = parse_file(p, doc_id=stable_id(p.name), sha256=sha)
        out[p.name] = list(article.rubric)
    return out


def article_paths(names: Iterable[str], *, allow_missing: bool = False) -> dict[str, Path]:
    """Where the evaluation's articles live: the fixture folders, the corpus and ../shared/real-articles."""
    from coach.evaluation import real_articles

    root = Path(__file__).resolve().parents[2]
    found: dict[str, Path] = {}
    fixtures = root / "tests" / "fixtures"
    for folder in (fixtures / "articles", fixtures / "articles-md", root / "corpus"):
        if folder.is_dir():
            for p in folder.iterdir():
                found.setdefault(p.name, p)
    for p in real_articles():
        found.setdefault(p.name, p)
    names = sorted(set(names))
    missing = [n for n in names if n not in found]
    if missing and not allow_missing:
        raise CoachError(f"articles for the critique evaluation not found: {', '.join(missing)}")
    return {n: found[n] for n in names if n in found}


def _f(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate_critique(
    critique_fn: Callable[..., Feedback],
    cases: Sequence[CritiqueCase],
    items_by_doc: dict[str, list[RubricItem]],
    *,
    name: str = "critique",
) -> CritiqueEvalReport:
    """Run ``critique_fn(items, role=, question=, answer=)`` on every case and score it against the labels.

    Cases whose article is missing from ``items_by_doc`` are skipped when ``name`` is not the first set (the real
    articles live outside the repository); in the first set a missing article is an error."""
    per_item: dict[str, ItemScore] = {}
    results: list[CaseResult] = []
    scores: dict[str, int] = {}
    correct = total = na_total = na_correct = clean_total = clean_ok = gen_total = gen_ok = 0
    clean_errors: list[str] = []
    unresolved: list[str] = []
    skipped: list[str] = []
    run: list[CritiqueCase] = []
    for case in cases:
        items = items_by_doc.get(case.doc)
        if items is None:
            if name != "critique":
                skipped.append(case.id)
                continue
            raise CoachError(f"case {case.id}: no rubric items for article {case.doc!r}")
        run.append(case)
        feedback = critique_fn(items, role=case.role, question=case.question, answer=case.answer)
        got = {f.id: f.verdict for f in feedback.items}
        got_text = {norm_mistake(f.mistake): f.verdict for f in feedback.items}
        scores[case.id] = feedback.score
        wrong: dict[str, str] = {}
        for mistake, expected in case.expected.items():
            item = resolve_label(mistake, items)
            if item is None:
                if name == "critique":
                    raise CoachError(f"case {case.id}: label for unknown rubric item {mistake!r} in {case.doc}")
                unresolved.append(f"{case.doc}: {mistake!r} ({case.id})")
                continue
            key = norm_mistake(item.mistake)
            predicted = got.get(item.id) or got_text.get(key, "missing")
            s = per_item.setdefault(key, ItemScore(mistake=item.mistake.strip()))
            s.tp += predicted == "made" and expected == "made"
            s.fp += predicted == "made" and expected != "made"
            s.fn += predicted != "made" and expected == "made"
            total += 1
            correct += predicted == expected
            if expected == "not_applicable" or predicted == "not_applicable":
                na_total += 1
                na_correct += predicted == expected
            if predicted != expected:
                wrong[mistake] = f"expected {expected}, got {predicted}"
        if case.kind in CLEAN_KINDS and "made" not in case.expected.values():
            clean_total += 1
            false = [f.mistake for f in feedback.items if f.verdict == "made"]
            clean_ok += not false
            if false:
                clean_errors.append(f"{case.id}: {'; '.join(false)}")
        if case.general:
            gen_total += 1
            gen_ok += getattr(feedback, "basis", "rubric") == "delivery-only"
            if getattr(feedback, "basis", "rubric") != "delivery-only":
                wrong["(no item applies)"] = "expected delivery-only feedback"
        results.append(CaseResult(id=case.id, score=feedback.score, latency_ms=feedback.latency_ms, wrong=wrong))
    for s in per_item.values():
        s.precision, s.recall, s.f1 = _f(s.tp, s.fp, s.fn)
    tp, fp, fn = (sum(getattr(s, k) for s in per_item.values()) for k in ("tp", "fp", "fn"))
    precision, recall, f1 = _f(tp, fp, fn)

    pairs = ok = 0
    errors: list[str] = []
    ranked = [c for c in run if c.group and c.rank is not None]
    for i, a in enumerate(ranked):
        for b in ranked[i + 1:]:
            if a.group != b.group or a.rank == b.rank:
                continue
            hi, lo = (a, b) if a.rank > b.rank else (b, a)
            pairs += 1
            if scores[hi.id] > scores[lo.id]:
                ok += 1
            else:
                errors.append(f"{hi.id} ({scores[hi.id]}) should outscore {lo.id} ({scores[lo.id]})")
    ordering = ok / pairs if pairs else 1.0
    na_acc = na_correct / na_total if na_total else 1.0
    latencies = [r.latency_ms for r in results]
    report = CritiqueEvalReport(
        cases=len(run), items=sorted(per_item.values(), key=lambda s: s.mistake), precision=precision,
        recall=recall, f1=f1, verdict_accuracy=correct / total if total else 1.0, not_applicable_accuracy=na_acc,
        not_applicable_errors=na_total - na_correct, ordering_accuracy=ordering, ordering_pairs=pairs,
        ordering_errors=errors, results=results, latency_p50_ms=statistics.median(latencies) if latencies else 0.0,
        clean_cases=clean_total, clean_accuracy=clean_ok / clean_total if clean_total else 1.0,
        clean_errors=clean_errors, general_cases=gen_total, general_accuracy=gen_ok / gen_total if gen_total else 1.0,
        unresolved=unresolved, skipped=skipped, name=name,
    )
    report.passed = (f1 >= F1_MIN and ordering >= ORDERING_MIN and report.not_applicable_errors == 0
                     and report.clean_accuracy >= CLEAN_MIN and not unresolved)
    return report


def run_critique_eval(embedder=None, cases_path: str | Path = DEFAULT_CASES, llm=None,
                      name: str = "critique") -> CritiqueEvalReport:
    """One critique set: the labelled cases, rubric items parsed from their articles, the real model."""
    from coach.critique import critique_answer

    cases = load_cases(cases_path)
    if not cases:
        raise CoachError(f"no critique cases in {cases_path}")
    paths = article_paths((c.doc for c in cases), allow_missing=name != "critique")
    items_by_doc = load_items_by_doc(paths.values())

    def fn(items, **kw):
        return critique_answer(items, embedder=embedder, llm=llm, **kw)

    first = next((c for c in cases if c.doc in items_by_doc), None)
    if first is not None:
        fn(items_by_doc[first.doc], role=first.role, question=first.question, answer="warm up")  # load the model
    return evaluate_critique(fn, cases, items_by_doc, name=name)


def held_out_splits(folder: str | Path = EVALS) -> dict[str, Path]:
    """Every held-out split in ``folder`` by report name: ``critique_heldout.jsonl`` → "held-out",
    ``critique_heldout2.jsonl`` → "held-out 2", … (a new file is its own split with no code change)."""
    from coach.evaluation.splits import held_out_files

    out = {}
    for p in held_out_files(folder, HELD_OUT_PREFIX):
        n = p.stem[len(HELD_OUT_PREFIX):]
        out[f"held-out {n}" if n else "held-out"] = p
    return out


def run_critique_splits(embedder=None, folder: str | Path = EVALS, llm=None,
                        names: Sequence[str] | None = None) -> dict[str, CritiqueEvalReport]:
    """The tuning split and every held-out split (``names``: only those), each scored on its own (held-out is
    reported, never tuned on). A split whose file is absent from ``folder`` is left out."""
    folder = Path(folder)
    files = {"tuning": folder / SPLITS["tuning"], **held_out_splits(folder)}
    return {name: run_critique_eval(embedder, path, llm=llm, name=name)
            for name, path in files.items() if (names is None or name in names) and path.is_file()}
