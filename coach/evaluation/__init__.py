"""`coach eval`: the answer and practice-feedback evaluation sets, run against a private library of the seed corpus
and the fictional fixture articles (the user's own library is never touched)."""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel

from coach.evaluation.ask import AskEvalReport
from coach.evaluation.critique import CritiqueEvalReport
from coach.evaluation.rubric import RubricEvalReport
from coach.evaluation.star import StarEvalReport, star_splits

ROOT = Path(__file__).resolve().parents[2]
EVAL_ARTICLES = [ROOT / "corpus", ROOT / "tests" / "fixtures" / "articles"]
# Third-party articles for development live beside the repository (../shared), never inside it; see their SOURCES.md.
REAL_ARTICLES = ROOT.parent / "shared" / "real-articles"


def real_articles() -> list[Path]:
    """The real articles in ../shared/real-articles (SOURCES.md excluded), or [] when the folder is missing."""
    if not REAL_ARTICLES.is_dir():
        return []
    return sorted(p for p in REAL_ARTICLES.iterdir() if p.is_file() and p.name != "SOURCES.md")


class EvalReport(BaseModel):
    ask: AskEvalReport | None = None
    ask_real: AskEvalReport | None = None
    ask_real_heldout_splits: dict[str, AskEvalReport] = {}  # every held-out split by name, each reported apart
    ask_real_skipped: str | None = None
    critique: CritiqueEvalReport | None = None
    critique_splits: dict[str, CritiqueEvalReport] = {}  # tuning and held-out splits, reported separately
    star_splits: dict[str, StarEvalReport] = {}  # STAR parts read from behavioural answers, each split apart
    rubric: RubricEvalReport | None = None
    passed: bool = False

    def render(self) -> str:
        lines = []
        if self.ask:
            lines += self.ask.summary_lines()
        for real in (self.ask_real, *self.ask_real_heldout_splits.values()):
            if real:
                lines += real.summary_lines()
        if self.ask_real_skipped:
            lines.append(f"ask-real: skipped ({self.ask_real_skipped})")
        if self.critique:
            lines.append(self.critique.render())
        for split in (*self.critique_splits.values(), *self.star_splits.values()):
            lines.append(split.render())
        if self.rubric:
            lines.append(self.rubric.render())
        lines.append("PASS" if self.passed else "FAIL")
        return "\n".join(lines)


def run_evaluation(coach, only: str | None = None, cases_dir: str | Path | None = None) -> EvalReport:
    """Run the sets (``only`` = "ask" | "critique") with the settings and loaded model of ``coach``."""
    from coach.api import Coach
    from coach.evaluation.ask import evaluate_ask, load_cases
    from coach.evaluation.critique import DEFAULT_CASES, EVALS, run_critique_eval, run_critique_splits

    folder = Path(cases_dir) if cases_dir else None
    report = EvalReport()
    if only in (None, "ask"):
        with tempfile.TemporaryDirectory(prefix="coach-eval-") as home:
            private = Coach(coach.settings.model_copy(update={"home": Path(home), "chroma_url": None}))
            private.__dict__["embedder"] = coach.embedder
            ingested = private.ingest(EVAL_ARTICLES)
            if ingested.skipped:
                from coach.errors import CoachError

                raise CoachError(f"evaluation articles could not be ingested: {ingested.skipped[0].path}")
            cases = load_cases(folder / "ask.jsonl") if folder else load_cases()
            report.ask = evaluate_ask(private, cases)
    if only in (None, "critique"):
        report.critique = run_critique_eval(coach.embedder, folder / "critique.jsonl" if folder else DEFAULT_CASES,
                                            llm=coach.optional_llm())
        report.critique_splits = run_critique_splits(coach.embedder, folder or EVALS, llm=coach.optional_llm())
        report.star_splits = star_splits(folder or EVALS)
    if only in (None, "ask", "ask-real"):
        run_real_ask(coach, report, folder)
    if only in (None, "rubric"):
        from coach.evaluation.rubric import evaluate_rubric

        report.rubric = evaluate_rubric()  # real articles in ../shared (skipped with a reason when absent)
    report.passed = all(r.passed for r in (report.ask, report.ask_real, *report.ask_real_heldout_splits.values(),
                                           report.critique, report.rubric, *report.critique_splits.values(),
                                           *report.star_splits.values())
                        if r is not None)
    return report


def _private_coach(coach, home: str):
    from coach.api import Coach

    private = Coach(coach.settings.model_copy(update={"home": Path(home), "chroma_url": None}))
    private.__dict__["embedder"] = coach.embedder
    return private


@contextmanager
def real_library(coach, home: str | Path | None = None) -> Iterator:
    """A private library of ../shared/real-articles plus the seed corpus, sharing ``coach``'s loaded model: in ``home``
    (kept) or in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="coach-real-") as tmp:
        private = _private_coach(coach, str(home or tmp))
        private.ingest([*real_articles(), ROOT / "corpus"])
        yield private


def run_real_ask(coach, report: EvalReport, folder: Path | None = None, heldout: bool = True) -> None:
    """The real-article questions (the tuning split and, unless ``heldout`` is False, every held-out split, each
    reported apart) against a private library of ../shared/real-articles plus the seed corpus; skipped with the
    reason when the articles are missing."""
    from coach.evaluation.ask import (EVALS, REAL_ACCURACY_MIN, REAL_CASES, evaluate_ask, load_cases,
                                     real_heldout_splits)

    if not real_articles():
        report.ask_real_skipped = f"{REAL_ARTICLES} is missing: the real-article questions need those articles"
        return
    tuning = folder / "ask_real.jsonl" if folder else REAL_CASES
    held = real_heldout_splits(folder or EVALS) if heldout else {}
    with real_library(coach) as private:
        if tuning.is_file():
            report.ask_real = evaluate_ask(private, load_cases(tuning), name="ask-real",
                                           accuracy_min=REAL_ACCURACY_MIN)
        for name, path in held.items():
            report.ask_real_heldout_splits[name] = evaluate_ask(private, load_cases(path), name=name,
                                                                accuracy_min=REAL_ACCURACY_MIN)
