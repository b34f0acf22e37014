"""Reads and writes at the same time against one real `coach serve --workers 2` (real Chroma, real model,
gradio_client): two app processes behind the front, each session on one of them.

Eight sessions keep asking while one article is pasted through the app (so through one of its processes) and others
are ingested by a separate process (`coach ingest` on the same COACH_HOME, as an operator would). Every answer must
stay grounded and right, every write must land, and both app processes must answer about the new articles without a
restart (issue 12, item 4; issue 14).
"""
from __future__ import annotations

import subprocess
import threading
import time

import pytest

from bench.load import client
from tests.conftest import FIXTURES, ROOT
from tests.processes import coach_bin, coach_env, ingest_home, running_server, wait_log

pytestmark = pytest.mark.slow

FURNITURE = ROOT / "tests" / "fixtures" / "furniture"
# (question, text the answer must contain) about the articles the library starts with
STEADY = [
    ("How many rounds does the OrbitWorks SRE loop have?", "6 rounds"),
    ("What is the pay range for NimbusFin Data Engineer roles?", "$190,000"),
    ("How many rounds does the NimbusFin Data Engineer loop have?", "5 rounds"),
    ("How long does the NimbusFin Data Engineer interview process take?", "4-6 weeks"),
]
PASTED_TITLE = "Brightmoor QA Engineer vs SDET Interview"
PASTED = """# Brightmoor QA Engineer vs SDET Interview: What Changes?

*Fictional article written for Interview Coach's tests; the company and figures are invented.*

Brightmoor (a fictional logistics company) hires QA Engineers and Software Development Engineers in Test (SDET).

## How Many Rounds Are There?

The Brightmoor QA Engineer loop has 3 rounds and the SDET loop has 4 rounds, including a 60-minute test automation
exercise.

## What Does It Pay?

QA Engineers at Brightmoor earn $95,000 to $120,000 per year and SDETs earn $115,000 to $145,000 per year.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    home = tmp_path_factory.mktemp("writes") / "home"
    ingest_home(home, [FIXTURES])
    import psutil

    with running_server(home, "--workers", "2") as srv:
        wait_log(srv, "serving with 2 app processes")
        srv["home"] = home
        srv["downloads"] = home.parent / "downloads"
        for _ in range(2):  # new sessions go to the process holding the fewest: one each; waits for their warm-up
            client(srv["url"], srv["downloads"]).predict(STEADY[0][0], "", api_name="/ask")
        yield srv
        app_processes = psutil.Process(srv["pid"]).children()
    # stopping the front (SIGTERM) stops its app processes too
    gone, alive = psutil.wait_procs(app_processes, timeout=30)
    assert not alive, alive


def _ask(c, question: str) -> dict:
    _, _, answer = c.predict(question, "", api_name="/ask")
    return answer


def test_asks_stay_right_while_the_app_and_another_process_write(app):
    stop = threading.Event()
    answers: list[tuple[str, dict]] = []
    errors: list[str] = []
    lock = threading.Lock()
    sessions = [client(app["url"], app["downloads"]) for _ in range(8)]

    def keep_asking(i: int) -> None:
        j = 0
        while not stop.is_set():
            question = STEADY[(i + j) % len(STEADY)][0]
            j += 1
            try:
                answer = _ask(sessions[i], question)
                with lock:
                    answers.append((question, answer))
            except Exception as exc:  # noqa: BLE001 - every failure is reported below
                with lock:
                    errors.append(f"{question!r}: {type(exc).__name__}: {exc}")

    readers = [threading.Thread(target=keep_asking, args=(i,)) for i in range(len(sessions))]
    for t in readers:
        t.start()
    try:
        time.sleep(2)  # the readers are under way before either write starts
        cli = subprocess.Popen([coach_bin(), "ingest", str(FURNITURE)], cwd=ROOT, env=coach_env(app["home"]),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        status = client(app["url"], app["downloads"]).predict(PASTED_TITLE, PASTED, api_name="/add_text")
        out, err = cli.communicate(timeout=900)
        time.sleep(2)  # some asks run after both writes, too
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=300)

    assert cli.returncode == 0, err
    assert status.startswith("Added “"), status
    assert "3 added" in out, out
    assert not errors, errors[:5]
    assert len(answers) >= 16, f"only {len(answers)} answers while writing"
    expected = dict(STEADY)
    for question, answer in answers:
        assert answer["grounded"] is True, (question, answer)
        assert expected[question] in answer["answer"], (question, answer["answer"])

    # Every write is in the library and answers come from it, in both running app processes, without a restart:
    # two new sessions land on different processes (each new one goes to the process holding the fewest).
    for fresh in (client(app["url"], app["downloads"]), client(app["url"], app["downloads"])):
        quill = _ask(fresh, "How many rounds does the Quillstack TPM loop have?")
        assert quill["grounded"] and "5 rounds" in quill["answer"], quill
        assert all("Quillstack" in s["title"] for s in quill["sources"]), quill["sources"]
        bright = _ask(fresh, "What do SDETs earn at Brightmoor?")
        assert bright["grounded"] and "$115,000 to $145,000" in bright["answer"], bright
    listed = subprocess.run([coach_bin(), "library", "--json"], cwd=ROOT, env=coach_env(app["home"]),
                            capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0, listed.stderr
    titles = listed.stdout
    for name in ("Brightmoor", "Quillstack", "Fernwood", "OrbitWorks", "NimbusFin"):
        assert name in titles, name


def test_a_session_asking_again_while_its_stream_closes_gets_every_answer(app, monkeypatch):
    """The cause of this file's occasional CancelledError: the server closes a session's event stream once nothing
    is pending, and gradio_client, when its reader thread is late to read that close (starved of CPU on a busy
    machine), registered the session's next question to the closing stream and cancelled it. Here the reader is
    made late every time (0.3 s before it reads a close): every question of a session asking one after another
    must still be answered (about half were cancelled with the plain Client)."""
    import json
    import types

    import gradio_client.client as gc_client

    def late_close(text, *args, **kwargs):
        message = json.loads(text, *args, **kwargs)
        if isinstance(message, dict) and message.get("msg") == "close_stream":
            time.sleep(0.3)
        return message

    monkeypatch.setattr(gc_client, "json", types.SimpleNamespace(loads=late_close, dumps=json.dumps))
    c = client(app["url"], app["downloads"])
    question, expected = STEADY[1]
    for _ in range(6):
        answer = _ask(c, question)
        assert answer["grounded"] and expected in answer["answer"], answer


SECOND_TITLE = "Kestrel Bay Support Engineer Interview"
SECOND = """# Kestrel Bay Support Engineer Interview Guide

*Fictional article written for Interview Coach's tests; the company and figures are invented.*

Kestrel Bay (a fictional travel software company) hires Support Engineers for its booking platform.

## How Many Rounds Are There?

The Kestrel Bay Support Engineer loop has 4 rounds, including a 45-minute live troubleshooting exercise.

## What Does It Pay?

Support Engineers at Kestrel Bay earn $88,000 to $104,000 per year.
"""


def test_two_pastes_at_once_through_both_processes_both_land(app):
    """Writes from sessions on different app processes run one at a time (the library's file lock); both land and
    every process answers from both."""
    sessions = [client(app["url"], app["downloads"]) for _ in range(2)]  # one per process
    results: dict[int, str] = {}

    def paste(i: int, title: str, text: str) -> None:
        try:
            results[i] = sessions[i].predict(title, text, api_name="/add_text")
        except Exception as exc:  # noqa: BLE001 - asserted below
            results[i] = f"{type(exc).__name__}: {exc}"

    edited = PASTED.replace("Brightmoor", "Harrowgate").replace("$95,000 to $120,000", "$99,000 to $121,000")
    threads = [threading.Thread(target=paste, args=(0, SECOND_TITLE, SECOND)),
               threading.Thread(target=paste, args=(1, "Harrowgate QA Engineer vs SDET Interview", edited))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert all(r.startswith("Added “") for r in results.values()) and len(results) == 2, results
    for c in (client(app["url"], app["downloads"]), client(app["url"], app["downloads"])):
        kestrel = _ask(c, "What do Kestrel Bay support engineers earn?")
        assert kestrel["grounded"] and "$88,000 to $104,000" in kestrel["answer"], kestrel
        harrow = _ask(c, "What do QA Engineers earn at Harrowgate?")
        assert harrow["grounded"] and "$99,000 to $121,000" in harrow["answer"], harrow


def test_app_answers_after_another_process_replaces_and_removes_articles(app):
    """A second process deletes an article the app has answered from: the app stops citing it, no error."""
    c = client(app["url"], app["downloads"])
    before = _ask(c, "How many rounds does the OrbitWorks SRE loop have?")
    assert before["grounded"] and before["sources"][0]["doc_id"]
    doc_id = before["sources"][0]["doc_id"]
    removed = subprocess.run([coach_bin(), "remove", doc_id], cwd=ROOT, env=coach_env(app["home"]),
                             capture_output=True, text=True, timeout=300)
    assert removed.returncode == 0, removed.stderr
    after = _ask(c, "How many rounds does the OrbitWorks SRE loop have?")
    assert all(s["doc_id"] != doc_id for s in after["sources"]), after


def test_a_process_that_dies_is_replaced_and_no_request_fails(app):
    """Kill one of the two app processes: its sessions and new ones are answered by the other meanwhile (no error),
    and the front starts a new process that then serves new sessions again."""
    import psutil

    front = psutil.Process(app["pid"])
    processes = front.children()
    assert len(processes) == 2, processes  # two app processes behind the front
    on_it = [client(app["url"], app["downloads"]) for _ in range(2)]  # one session on each process
    for c in on_it:
        assert _ask(c, STEADY[1][0])["grounded"]
    served = app["log"].read_text().count("is serving")
    processes[1].kill()
    processes[1].wait(timeout=30)
    time.sleep(1.5)  # the front notices within a second
    for c in [*on_it, client(app["url"], app["downloads"])]:  # answered by the process still running
        answer = _ask(c, STEADY[1][0])
        assert answer["grounded"] and STEADY[1][1] in answer["answer"], answer
    deadline = time.monotonic() + 300
    while app["log"].read_text().count("is serving") == served:
        assert time.monotonic() < deadline, app["log"].read_text()[-3000:]
        time.sleep(0.5)
    replaced = [p for p in front.children() if p.pid != processes[1].pid]
    assert len(replaced) == 2, replaced
    for c in (client(app["url"], app["downloads"]) for _ in range(2)):  # new sessions reach the new process too
        answer = _ask(c, STEADY[2][0])
        assert answer["grounded"] and STEADY[2][1] in answer["answer"], answer
