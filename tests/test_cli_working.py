"""`coach ask` and `coach critique` on a terminal say what they are doing while they work (the first run loads the
model: a minute on a busy machine with nothing on screen); piped, or with --json (as ingest), stderr stays clean."""
from __future__ import annotations

import io
import json

import pytest

from coach import cli
from tests.test_cli import BACKFILL, coach  # noqa: F401 - the module's library (real Coach, real model)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def invoke(coach, monkeypatch, capsys):  # noqa: F811
    monkeypatch.setattr(cli, "_coach", lambda: coach)

    def run(*args: str, tty: bool) -> tuple[int, str, str]:
        err = Terminal() if tty else io.StringIO()
        monkeypatch.setattr("sys.stderr", err)
        code = cli.main(list(args))
        return code, capsys.readouterr().out, err.getvalue()

    return run


@pytest.mark.parametrize(("args", "words"), [
    (["critique", "--question", BACKFILL, "--answer", "I would partition by day and check row counts."],
     "Reading your answer against the rubric"),
    (["ask", BACKFILL], "Finding the passages"),
])
def test_a_terminal_is_told_what_the_command_is_doing(invoke, args, words):
    code, out, err = invoke(*args, tty=True)
    assert code == 0 and words in err, err
    code, out, err = invoke(*args, tty=False)
    assert code == 0 and err == "", err  # a pipe or a file gets the result only


def test_json_output_stays_clean_on_a_terminal(invoke):
    code, out, err = invoke("critique", "--question", BACKFILL, "--answer", "I check row counts.", "--json", tty=True)
    assert code == 0 and json.loads(out)["question"] == BACKFILL and err == "", err
