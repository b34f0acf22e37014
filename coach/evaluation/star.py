"""How well the STAR parts of behavioural answers are read (``coach.critique.star``): labelled answers in
``tests/evals/star_parts.jsonl`` (tuning) and ``star_parts_heldout*.jsonl`` (written by other hands, run only to
report), each split reported apart."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from coach.critique.star import PARTS, star_parts

PART_ACCURACY_MIN = 0.9


class StarEvalReport(BaseModel):
    name: str
    cases: int
    accuracy: dict[str, float]  # per STAR part: answers whose part was read as labelled
    all_parts: float  # answers with every part read as labelled
    wrong: list[str] = []  # "id: Part read as True"
    passed: bool = False

    def render(self) -> str:
        parts = ", ".join(f"{p} {self.accuracy[p]:.3f}" for p in PARTS)
        return (f"{self.name}: {self.cases} answers — STAR parts read right: {parts}; all four right "
                f"{self.all_parts:.3f} (each part ≥ {PART_ACCURACY_MIN}) — {'PASS' if self.passed else 'FAIL'}")


def evaluate_star(path: Path, name: str) -> StarEvalReport:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = dict.fromkeys(PARTS, 0)
    wrong, whole = [], 0
    for row in rows:
        got = star_parts(row["answer"])
        misses = [p for p in PARTS if got[p] != row["parts"][p]]
        whole += not misses
        wrong += [f"{row['id']}: {p} read as {got[p]}" for p in misses]
        for p in PARTS:
            right[p] += p not in misses
    n = max(len(rows), 1)
    accuracy = {p: right[p] / n for p in PARTS}
    return StarEvalReport(name=name, cases=len(rows), accuracy=accuracy, all_parts=whole / n, wrong=wrong,
                          passed=bool(rows) and min(accuracy.values()) >= PART_ACCURACY_MIN)


def star_splits(folder: Path) -> dict[str, StarEvalReport]:
    """The tuning split and every held-out split in ``folder``, by name ("star-parts", "star-parts-heldout", …)."""
    from coach.evaluation.splits import held_out_files

    tuning = folder / "star_parts.jsonl"
    paths = ([tuning] if tuning.is_file() else []) + held_out_files(folder, "star_parts_heldout")
    return {p.stem.replace("_", "-"): evaluate_star(p, p.stem.replace("_", "-")) for p in paths}
