"""Indexes saved in COACH_HOME for the next process: numpy arrays plus a JSON stamp (what they were built from),
written atomically and read without pickle; a missing, partly written or damaged file reads as None."""
from __future__ import annotations

import json
import os
import threading
import zipfile
from pathlib import Path

import numpy as np


def save_arrays(path: Path, stamp: dict, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` and ``stamp`` to ``path``, replacing it atomically (a reader sees the old or the new file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as f:
            np.savez(f, stamp=np.array(json.dumps(stamp)), **arrays)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load_arrays(path: Path) -> tuple[dict, dict[str, np.ndarray]] | None:
    """(stamp, arrays) as ``save_arrays`` wrote them; None when there is no readable file at ``path``."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        stamp = json.loads(str(arrays.pop("stamp")))
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):  # missing, partly written, damaged, or not ours
        return None
    return (stamp, arrays) if isinstance(stamp, dict) else None


def ragged(flat: list, offsets: list[int]) -> list[list]:
    """``flat`` cut at ``offsets`` (n + 1 ascending positions) into n lists."""
    return [flat[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]


def offsets_of(lengths: list[int]) -> np.ndarray:
    """The n + 1 cut positions of n consecutive runs of ``lengths``."""
    return np.cumsum([0, *lengths], dtype=np.int64)
