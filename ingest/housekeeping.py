"""A folder's own housekeeping files (its licence, its list of sources, its change log), which are not articles.

A file is housekeeping only when both its name and its content say so. The name must be one of the conventional
names a repository gives its own files (a closed list: README, SOURCES, LICENSE/LICENCE, COPYING, NOTICE, CHANGELOG,
CHANGES, CONTRIBUTING, CONTRIBUTORS, AUTHORS, MAINTAINERS, CODE_OF_CONDUCT, SECURITY, SUPPORT, in any case, with a
text suffix), and the content must read as one of: little running text at all, a list of links or sources with little
prose around it, a licence, a change log, or notes about the repository itself (forks, branches, pull requests). A
README that is an article — running prose, or lists of advice in sentences — is an article.
"""
from __future__ import annotations

import re
from pathlib import Path

_NAMES = frozenset("readme sources licence license copying notice changelog changes contributing contributors authors "
                   "maintainers code_of_conduct security support".split())
_TEXT_SUFFIXES = frozenset({".md", ".markdown", ".mdx", ".txt", ""})
_READ = 200_000  # characters: enough to tell, whatever the file's size

# The words of licence grants and warranty disclaimers (the class every licence text is written in). A licence says
# them densely; an article may name its licence once in a footer.
_LICENCE = re.compile(r"(?i)hereby granted|licensed under|warrant(?:y|ies)|\bas is\b|all rights reserved|"
                      r"spdx-license-identifier|general public licen[cs]e|creative commons|redistribution and use|"
                      r"\blicen[cs]e[sd]?\b|copyright")
_LICENCE_EVERY = 100  # words: a licence says one of them at least this often
# A line that carries a link: a URL, a Markdown link, a domain path, or a file path with its extension.
_LINK = re.compile(r"https?://|\bwww\.|\]\(|\b[\w-]+\.(?:com|org|io|net|dev)/|\b[\w-]+/[\w./-]+\.\w+\b")
# The words of version control's workflow: a file using several of them is about the repository, not the job hunt.
_REPOSITORY = re.compile(r"(?i)\b(pull requests?|fork(?:ed|ing|s)?|clon(?:e|ed|ing)|commits?|merg(?:e|ed|ing)|"
                         r"branch(?:es)?|repositor(?:y|ies)|repo|issue tracker|git)\b")
# A change log's headings are releases: a version number, a date or "Unreleased".
_RELEASE = re.compile(r"(?i)^#+\s*\[?(?:v\d+(?:\.\d+)*|\d+(?:\.\d+)+|\d{4}-\d{2}-\d{2}|unreleased)(?![\w.])")
# Below this many words of running text a file is no article, nor a list of links with this little prose around it.
MIN_PROSE_WORDS = 150
_SENTENCE_WORDS = 8  # a line of a list or table this long says something; a name, a link, a path does not


def housekeeping(path: Path) -> str | None:
    """Why ``path``, met in a folder walk, is the folder's housekeeping rather than an article; None for an article
    (or a file that cannot be read: the loader says why)."""
    stem, suffix = path.name.lower(), ""
    if "." in stem:
        stem, suffix = stem.rsplit(".", 1)
        suffix = "." + suffix
    if stem.replace("-", "_") not in _NAMES or suffix not in _TEXT_SUFFIXES:
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read(_READ)
    except OSError:
        return None
    return _content(text)


def _content(text: str) -> str | None:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    headings = [ln for ln in lines if ln.lstrip().startswith("#")]
    body = [ln for ln in lines if ln not in headings]
    top, running = prose_words(text)
    if body and 2 * sum(bool(_LINK.search(ln)) for ln in body) >= len(body) and top < MIN_PROSE_WORDS:
        return "a list of links or sources with little prose"
    licence = [m.lower() for m in _LICENCE.findall(text)]
    if len(set(licence)) >= 2 and len(licence) * _LICENCE_EVERY >= len(text.split()):
        return "a licence"
    if len(headings) >= 2 and 2 * sum(bool(_RELEASE.match(h.strip())) for h in headings) >= len(headings):
        return "a change log"
    if len({m.lower() for m in _REPOSITORY.findall(text)}) >= 3:
        return "notes about the repository itself"
    if running < MIN_PROSE_WORDS:
        return "little running text"
    return None


def prose_words(text: str) -> tuple[int, int]:
    """Words of running prose in Markdown or plain text: (in top-level paragraphs, in any paragraph, list item or
    table cell of ``_SENTENCE_WORDS`` words or more). Link targets, headings and code are not prose."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    top = running = 0
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or tokens[i - 1].type == "heading_open":
            continue
        words = sum(len(re.findall(r"[A-Za-z][\w'’-]*", c.content)) for c in tok.children or [] if c.type == "text")
        top += words if tokens[i - 1].type == "paragraph_open" and tokens[i - 1].level == 0 else 0
        running += words if words >= _SENTENCE_WORDS else 0
    return top, running
