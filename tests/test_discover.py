"""discover: a folder walk passes over the folder's own housekeeping files (by name AND content), reports each with
how to ingest it anyway, and never passes over a file named explicitly."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.models import IngestReport
from ingest.housekeeping import housekeeping
from ingest.pipeline import discover

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-articles"
SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_bb54feeca4c3cc0b.txt"
MIT = ("MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, to any person "
       "obtaining a copy of this software, to deal in the Software without restriction.\n\nTHE SOFTWARE IS PROVIDED "
       '"AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.\n')
CHANGELOG = ("# Changelog\n\n## [1.2.0] - 2024-05-01\n\n- Added a dark theme to the settings page of the app.\n\n"
             "## [1.1.0] - 2024-03-02\n\n- Fixed the crash when the list of saved items was empty on start.\n")
LINKS = "# Sources\n\n" + "".join(f"- [Guide {i}](https://example.org/guide-{i}) by Someone\n" for i in range(12))
CONTRIBUTING = ("# Contributing\n\nFork the repository, create a branch for your change, commit it with a clear "
                "message and open a pull request against main. " * 3)


def _walk(folder: Path, *named: Path) -> tuple[list[str], dict[str, str]]:
    report = IngestReport()
    found = discover([folder, *named], report)
    return [p.name for p in found], {Path(s.path).name: s.reason for s in report.skipped}


@pytest.mark.parametrize("name,text,why", [
    ("LICENSE.md", MIT, "a licence"), ("LICENSE", MIT, "a licence"), ("CHANGELOG.md", CHANGELOG, "a change log"),
    ("SOURCES.md", LINKS, "a list of links"), ("CONTRIBUTING.md", CONTRIBUTING, "about the repository"),
    ("README.md", "# Tool\n\n```\npip install tool\n```\n\n- Fast\n- Small\n", "little running text"),
])
def test_a_folders_housekeeping_file_is_passed_over_with_how_to_ingest_it(tmp_path, name, text, why):
    (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(SEED, tmp_path / "article.txt")
    found, skipped = _walk(tmp_path)
    assert found == ["article.txt"]
    assert why in skipped[name] and "name the file itself" in skipped[name]


def test_a_housekeeping_file_named_explicitly_is_ingested(tmp_path):
    (tmp_path / "LICENSE.md").write_text(MIT, encoding="utf-8")
    found, skipped = _walk(tmp_path, tmp_path / "LICENSE.md")
    assert found == ["LICENSE.md"] and not skipped


def test_the_same_content_under_an_article_name_is_an_article(tmp_path):
    (tmp_path / "sources-i-like.md").write_text(LINKS, encoding="utf-8")
    assert _walk(tmp_path) == (["sources-i-like.md"], {})


def test_a_readme_that_is_an_article_is_ingested(tmp_path):
    (tmp_path / "README.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert _walk(tmp_path) == (["README.md"], {})


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-articles is missing")
def test_real_articles_folder_passes_over_its_sources_list_only():
    found, skipped = _walk(REAL)
    assert "SOURCES.md" not in found and len(found) == 12
    assert list(skipped) == ["SOURCES.md"] and "list of links or sources" in skipped["SOURCES.md"]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-articles is missing")
@pytest.mark.parametrize("article", sorted(p.name for p in REAL.glob("*.md") if p.name != "SOURCES.md")
                         if REAL.is_dir() else [])
def test_every_real_article_saved_as_a_readme_is_an_article(tmp_path, article):
    readme = tmp_path / "README.md"
    shutil.copy(REAL / article, readme)
    assert housekeeping(readme) is None


def test_a_folder_without_any_file_is_reported_not_silently_done(tmp_path):
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    found, skipped = _walk(tmp_path / "empty")
    assert found == [] and "no article files in this folder" in skipped["empty"]
    shutil.copy(SEED, tmp_path / "article.txt")
    assert _walk(tmp_path, tmp_path) == (["article.txt"], {})  # named twice; an empty subfolder is no matter
