"""Held-out evaluation files, found by name so that a new one (written later by another hand) is run and reported
as its own split without a code change."""
from __future__ import annotations

import re
from pathlib import Path


def held_out_files(folder: str | Path, prefix: str) -> list[Path]:
    """``{prefix}.jsonl``, ``{prefix}2.jsonl``, … in ``folder``, in numeric order (``…10`` after ``…2``)."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d*)")
    found = [(int(m.group(1) or 1), p) for p in Path(folder).glob(f"{prefix}*.jsonl")
             if (m := pattern.fullmatch(p.stem))]
    return [p for _, p in sorted(found, key=lambda np_: (np_[0], np_[1].name))]
