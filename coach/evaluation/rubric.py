"""Rubric recall / precision on labelled articles: how many of the mistakes a careful reader lists (labels in
tests/evals/rubric_real.jsonl, written from the articles, not from the parser) the ingest finds, and how many of the
items it finds are not mistakes at all.

A label matches a found item when its key phrase (normalised: case, apostrophes, punctuation, spacing) occurs in the
item's mistake, fix or quote (the sentence a warning in prose is phrased from). A label with a ``fix`` phrase also
asks that the item it matches give that fix (in ``fix``, or in ``instead`` when the article gives no fix). A found item is a non-mistake when it
matches no required and no optional label, or when it matches a ``not_items`` phrase. Labels with ``split: heldout`` are reported separately.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, Field

ROOT = Path(__file__).resolve().parents[2]
REAL_LABELS = ROOT / "tests" / "evals" / "rubric_real.jsonl"
FIXTURE_LABELS = ROOT / "tests" / "evals" / "rubric_fixtures.jsonl"
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles-md"
MIN_RECALL = 0.90
MAX_NON_MISTAKES = 0.05


def _norm(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[^a-z0-9']+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


class ArticleRubricResult(BaseModel):
    file: str
    split: str
    expected: int = 0
    found_expected: int = 0
    found: int = 0
    non_mistakes: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    fixes: int = 0  # labels that name the item's fix ...
    fixes_found: int = 0  # ... and found items that give it
    missed_fixes: list[str] = Field(default_factory=list)
    by_kind: dict[str, int] = Field(default_factory=dict)


class RubricSplit(BaseModel):
    split: str
    articles: int = 0
    expected: int = 0
    found_expected: int = 0
    found: int = 0
    non_mistakes: int = 0
    fixes: int = 0
    fixes_found: int = 0

    @property
    def recall(self) -> float:
        return self.found_expected / self.expected if self.expected else 1.0

    @property
    def non_mistake_rate(self) -> float:
        return self.non_mistakes / self.found if self.found else 0.0

    @property
    def passed(self) -> bool:
        return self.recall >= MIN_RECALL and self.non_mistake_rate <= MAX_NON_MISTAKES

    def line(self) -> str:
        return (f"rubric [{self.split}] {self.articles} articles: recall {self.found_expected}/{self.expected} = "
                f"{self.recall:.0%} (need >= {MIN_RECALL:.0%}); non-mistakes {self.non_mistakes}/{self.found} = "
                f"{self.non_mistake_rate:.1%} (need <= {MAX_NON_MISTAKES:.0%}); fixes {self.fixes_found}/{self.fixes}")


class RubricEvalReport(BaseModel):
    articles: list[ArticleRubricResult] = Field(default_factory=list)
    splits: list[RubricSplit] = Field(default_factory=list)
    skipped: str | None = None

    @property
    def passed(self) -> bool:
        return all(s.passed for s in self.splits)

    def render(self) -> str:
        if self.skipped:
            return f"rubric: skipped ({self.skipped})"
        lines = [s.line() for s in self.splits]
        for a in self.articles:
            extra = ""
            if a.missed:
                extra += f"; missed: {a.missed}"
            if a.non_mistakes:
                extra += f"; not mistakes: {a.non_mistakes}"
            if a.missed_fixes:
                extra += f"; fix missing: {a.missed_fixes}"
            lines.append(f"  {a.file} [{a.split}]: {a.found_expected}/{a.expected} found, {a.found} items "
                         f"{a.by_kind}{extra}")
        return "\n".join(lines)


def load_labels(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def score_article(label: dict, rubric) -> ArticleRubricResult:
    """Compare one article's parsed rubric items with its labels."""
    # a warning in prose names its mistake in words of its own; the label quotes the article's sentence
    texts = [(_norm(f"{r.mistake} {r.quote}"), _norm(f"{r.mistake} {r.fix} {r.quote}"), r) for r in rubric]
    required = [_norm(i["key"] if isinstance(i, dict) else i) for i in label.get("items", [])]
    optional = [_norm(k) for k in label.get("optional", [])]
    banned = [_norm(k) for k in label.get("not_items", [])]
    res = ArticleRubricResult(file=label["file"], split=label.get("split", "dev"), expected=len(required),
                              found=len(rubric))
    for key, raw in zip(required, label.get("items", [])):
        if any(key in both for _, both, _ in texts):
            res.found_expected += 1
        else:
            res.missed.append(raw["key"] if isinstance(raw, dict) else raw)
        if isinstance(raw, dict) and raw.get("fix"):
            res.fixes += 1
            fix = _norm(raw["fix"])
            if any(key in both and fix in _norm(f"{r.fix} {r.instead}") for _, both, r in texts):
                res.fixes_found += 1
            else:
                res.missed_fixes.append(raw["key"])
    for mistake, both, item in texts:
        ok = any(k in both for k in required + optional)
        bad = any(k in mistake for k in banned)
        if bad or not ok:
            res.non_mistakes.append(item.mistake)
        res.by_kind[item.kind] = res.by_kind.get(item.kind, 0) + 1
    return res


def evaluate_rubric(folder: Path | None = None, labels: Path = REAL_LABELS) -> RubricEvalReport:
    """Parse every labelled article in ``folder`` (default ../shared/real-articles) and score its rubric."""
    from coach.evaluation import REAL_ARTICLES
    from ingest.parse import parse_file

    folder = folder or REAL_ARTICLES
    if not folder.is_dir():
        return RubricEvalReport(skipped=f"{folder} not found")
    report = RubricEvalReport()
    for label in load_labels(labels):
        path = folder / label["file"]
        if not path.is_file():
            continue
        article = parse_file(path, doc_id="eval", sha256="0")
        report.articles.append(score_article(label, article.rubric))
    for split in dict.fromkeys(a.split for a in report.articles):
        arts = [a for a in report.articles if a.split == split]
        report.splits.append(RubricSplit(
            split=split, articles=len(arts), expected=sum(a.expected for a in arts),
            found_expected=sum(a.found_expected for a in arts), found=sum(a.found for a in arts),
            non_mistakes=sum(len(a.non_mistakes) for a in arts),
            fixes=sum(a.fixes for a in arts), fixes_found=sum(a.fixes_found for a in arts),
        ))
    return report
