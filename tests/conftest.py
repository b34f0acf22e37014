"""Shared fixtures: real embedding model, real Chroma, real articles; every library lives in a tmp COACH_HOME."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_bb54feeca4c3cc0b.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


@pytest.fixture(scope="session")
def embedder():
    """One loaded all-MiniLM-L6-v2 for the whole run (loading takes seconds)."""
    from coach.components.embedding import Embedder
    from coach.settings import Settings

    e = Embedder(Settings())
    e.encode(["warm up"])
    return e


@pytest.fixture
def make_coach(tmp_path, embedder):
    """Factory: a Coach on a fresh tmp COACH_HOME sharing the session's loaded model."""
    from coach.api import Coach
    from coach.settings import Settings

    def make(**overrides):
        overrides.setdefault("home", tmp_path / "home")
        coach = Coach(Settings(**overrides))
        coach.__dict__["embedder"] = embedder  # share the loaded model instead of loading it again
        return coach

    return make


@pytest.fixture(scope="session")
def library_coach(tmp_path_factory, embedder):
    """A read-only Coach over the seed corpus and the fictional fixture articles, ingested once per run."""
    from coach.api import Coach
    from coach.settings import Settings

    coach = Coach(Settings(home=tmp_path_factory.mktemp("library") / "home"))
    coach.__dict__["embedder"] = embedder
    report = coach.ingest([CORPUS, FIXTURES])
    assert not report.skipped, report.skipped
    return coach


@pytest.fixture(scope="session")
def real_articles() -> list[Path]:
    """The real third-party articles in ../shared/real-articles; skips when that folder is not beside the clone."""
    from coach.evaluation import REAL_ARTICLES, real_articles as found

    files = found()
    if not files:
        pytest.skip(f"{REAL_ARTICLES} is missing: the real articles live in ../shared, never in this repository")
    return files
