"""The `coach` command line as a first-time user meets it: help with examples, a critique without a role, a library
listing in which a file that is no article stands out (real Coach, real model, fictional articles)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach import cli

GENERAL = """# Behavioural interview tips

Most interviewers open with "Why do you want to work here?" and later ask "Tell me about a time you disagreed with
a teammate."

## Mistakes to avoid

- Don't badmouth your current employer when you explain why you are leaving.
- Don't answer with a single sentence: give the situation, what you did and the result.
"""

DATA_ENGINEER = """# Data Engineer interview guide

Data Engineer candidates at Quillmark are asked "How would you design a pipeline that backfills a year of click
events?" in the technical round.

## Common mistakes

- Don't skip data quality checks when you describe a pipeline.
"""

README = """# My interview notes

Scratch notes for this folder: the articles here are copies of pages I saved while preparing. Licence: CC-BY,
see each page for its author.
"""

WHY = "Why do you want to work here?"
BACKFILL = "How would you design a pipeline that backfills a year of click events?"


@pytest.fixture(scope="module")
def coach(tmp_path_factory, embedder):
    from coach.api import Coach
    from coach.settings import Settings

    folder = tmp_path_factory.mktemp("articles")
    for name, text in (("general.md", GENERAL), ("data-engineer.md", DATA_ENGINEER), ("README.md", README)):
        (folder / name).write_text(text, encoding="utf-8")
    c = Coach(Settings(home=tmp_path_factory.mktemp("cli") / "home", llm="none"))
    c.__dict__["embedder"] = embedder
    assert not c.ingest([folder, folder / "README.md"]).skipped  # named: a folder walk alone passes it over
    return c


@pytest.fixture
def run(coach, monkeypatch, capsys):
    """`coach ARGS...` in this process on the module's library: (exit code, stdout, stderr)."""
    monkeypatch.setattr(cli, "_coach", lambda: coach)

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


@pytest.mark.parametrize("command", ["ingest", "library", "remove", "ask", "critique", "questions", "history",
                                     "eval", "serve"])
def test_every_command_help_says_what_it_does_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]  # usage, then the description
    assert description[0].isupper() and description.rstrip().endswith("."), text
    assert "example:\n  coach " + command in text, text
    sub = next(a for a in cli._parser()._actions if a.choices and command in a.choices).choices[command]
    assert all(a.help for a in sub._actions), [a.dest for a in sub._actions if not a.help]  # each says what it's for


def test_top_level_help_shows_first_steps(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    assert "coach ingest" in text and "coach critique --question" in text


def test_critique_takes_the_role_from_the_question_bank(coach):
    banked = {q.text: q.role for q in coach.questions()}
    assert banked.get(BACKFILL) == "Data Engineer" and banked.get(WHY) is None, banked
    fb = coach.critique(None, "  how would you design a pipeline that backfills a year of CLICK events? ",
                        "I would read the events from S3 in daily partitions and rerun the job per day.", save=False)
    assert fb.role == "Data Engineer"


@pytest.mark.parametrize("role", [None, "", "any role", "Any Role"])
def test_critique_without_a_role_judges_by_the_items_that_name_no_role(coach, role):
    answer = "My current manager is terrible and the company is a mess, so I want out."
    fb = coach.critique(role, WHY, answer, save=False)
    assert fb.role == "any role"
    rubric = {i.id: i for i in coach.library_summary().rubric}
    assert fb.items and all(not rubric[i.id].roles for i in fb.items)
    assert any("badmouth" in i.mistake for i in fb.items), [i.mistake for i in fb.items]


def test_questions_for_any_role_are_the_ones_every_role_is_asked(coach):
    texts = [q.text for q in coach.questions("any role")]
    assert WHY in texts and BACKFILL not in texts


def test_cli_critique_without_role_and_batch_without_role(run, tmp_path):
    code, out, err = run("critique", "--question", WHY, "--answer", "I love your product and I want to build it.")
    assert code == 0 and out.startswith("Score: "), (out, err)
    assert "\nJudged for: any role (no --role given: the rubric items that name no role)\n" in out, out
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"question": BACKFILL, "answer": "Partition by day and rerun."}) + "\n", "utf-8")
    code, out, err = run("critique", "--batch", str(batch))
    assert code == 0, err
    assert json.loads(out)["role"] == "Data Engineer"
    batch.write_text(json.dumps({"role": 5, "question": WHY, "answer": "x"}) + "\n" +
                     json.dumps({"question": WHY, "answer": "I like the product."}) + "\n", "utf-8")
    code, out, err = run("critique", "--batch", str(batch))  # a bad line is its own error; the next still runs
    bad, good = map(json.loads, out.splitlines())
    assert code == 1 and bad == {"error": "role, question and answer must be text", "line": 1}, out
    assert good["role"] == "any role"
    code, out, err = run("critique", "--answer", "x")
    assert code == 1 and err.startswith("coach: error: give --question"), err


def test_unknown_role_is_one_line_naming_the_known_roles(run):
    code, out, err = run("critique", "--role", "Quant", "--question", WHY, "--answer", "Because.")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1, err
    assert "Quant" in err and "Data Engineer" in err, err


def test_library_lists_every_document_first_with_how_to_remove_one(coach, run):
    code, out, _ = run("library")
    assert code == 0
    head = out.split("\n\n  Not an article?")[0]
    readme = next(d for d in coach.library_summary().documents if d.path.endswith("README.md"))
    line = next(ln for ln in head.splitlines() if ln.strip().startswith(readme.doc_id))
    assert line.split()[1:4] == ["1", "0", "0"] and "README.md — My interview notes" in line, line
    assert "coach remove ID" in out


def test_unreadable_answer_files_are_one_plain_line(run, tmp_path):
    binary = tmp_path / "answer.md"
    binary.write_bytes(b"\x00\x01binary\xff\xfe")
    for path, reason in ((tmp_path / "missing.txt", "No such file or directory"), (binary, "is not UTF-8 text")):
        code, _, err = run("critique", "--question", WHY, "--answer-file", str(path))
        assert code == 1 and err.strip().endswith(reason) and "Errno" not in err and "codec" not in err, err


def test_serve_names_a_taken_or_impossible_port_before_loading(run, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run("serve", "--port", str(port))
    assert code == 1 and out == "", out
    assert err.startswith(f"coach: error: cannot serve on 127.0.0.1:{port}: ") and "--port" in err, err
    with pytest.raises(SystemExit) as done:
        cli.main(["serve", "--port", "99999"])
    assert done.value.code == 2 and "99999 is not a port (1-65535)" in capsys.readouterr().err


def test_eval_refuses_a_missing_cases_folder_at_once(run, tmp_path):
    code, _, err = run("eval", "--only", "ask", "--cases", str(tmp_path / "nowhere"))
    assert code == 1 and err.startswith("coach: error: --cases ") and "is not a folder" in err, err


def test_a_folder_walk_passes_over_its_readme_and_says_how_to_take_it(coach, run):
    readme = next(d.path for d in coach.library_summary().documents if d.path.endswith("README.md"))
    code, out, err = run("ingest", readme.rsplit("/", 1)[0])
    assert code == 3 and "README.md: not an article: little running text" in err, err
    assert "to ingest it anyway, name the file itself" in err and "1 skipped" in out
    doc_id = next(d.doc_id for d in coach.library_summary().documents if d.path == readme)
    assert f"stored by an earlier ingest: coach remove {doc_id}" in err  # it was named before: still stored
    # The API's report says so (the CLI's --json too), so the shell does not work out stored paths itself.
    code, out, _ = run("ingest", "--json", readme.rsplit("/", 1)[0])
    skipped = [s for s in json.loads(out)["skipped"] if s["path"].endswith("README.md")]
    assert code == 3 and skipped and skipped[0]["stored_doc_id"] == doc_id, out


def test_the_cli_reaches_the_library_only_through_the_coach_api():
    import ast

    tree = ast.parse(Path(cli.__file__).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | \
        {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not [m for m in imported if m and m.split(".")[0] == "ingest"], imported


def test_an_empty_answer_is_refused_and_not_kept_as_an_attempt(coach, run):
    before = len(coach.history())
    for answer in ("", "   \n"):
        code, _, err = run("critique", "--question", WHY, "--answer", answer)
        assert code == 1 and "the answer is empty" in err, err
    code, _, err = run("critique", "--question", "  ", "--answer", "I like the team.")
    assert code == 1 and "give --question" in err, err
    assert len(coach.history()) == before


def test_remove_takes_a_non_article_away_and_speaks_json(coach, run):
    readme = next(d for d in coach.library_summary().documents if d.path.endswith("README.md"))
    code, out, err = run("remove", readme.doc_id, "--json")
    assert code == 0 and json.loads(out) == {"removed": readme.doc_id}, err
    code, out, err = run("remove", readme.doc_id)
    assert code == 1 and "no document with id" in err and "coach library" in err, err


def test_a_decline_says_its_reason_once(run):
    """The reply states why; the note under it repeated the same words (or, for a question that only points back,
    said it again in other words)."""
    code, out, _ = run("ask", "What is a good recipe for sourdough bread?")
    first = out.splitlines()[0]
    assert code == 0 and first.startswith("I can't answer that from the library: "), out
    reason = first.split(": ", 1)[1].split(", so I won't guess")[0]
    assert out.count(reason) == 1, out
    code, out, _ = run("ask", "What about it?")
    assert code == 0 and "refers back" in out and "\n(" not in out, out
