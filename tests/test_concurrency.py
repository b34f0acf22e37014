"""20 simultaneous chat sessions through the running app's API (gradio_client) against a real `coach serve`.

Each session asks its own first question, then an elliptical follow-up ("And what about the pay?", "And for the
SRE role?") whose right answer depends on that session's history alone. The sessions talk to the server at the same
time; each follow-up must carry its own session's facts and none that only another session's history would produce.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bench.load import client
from tests.conftest import CORPUS, FIXTURES
from tests.processes import ingest_home, running_server, wait_log

pytestmark = pytest.mark.slow

PAY = "And what about the pay?"
# company -> (a substring every source title of its article has, pay figures only its article states)
COMPANIES = {
    "OrbitWorks": ("OrbitWorks", ["$210,000", "$225,000"]),
    "NimbusFin": ("NimbusFin", ["$135,000", "$190,000"]),
    "Amazon": ("Amazon Applied Scientist vs MLE", ["$220,000", "$250,000"]),
}
# (company, first question, follow-up, facts the follow-up's answer must contain)
SESSIONS = [
    ("OrbitWorks", "How many rounds does the OrbitWorks SRE loop have?", PAY, ["$225,000"]),
    ("OrbitWorks", "How many rounds does the OrbitWorks SWE loop have?", "And for the SRE role?",
     ["Site Reliability Engineer (SRE) loop has 6 rounds"]),
    ("OrbitWorks", "How long does the OrbitWorks SRE interview process take?", PAY, ["$225,000"]),
    ("OrbitWorks", "What does the OrbitWorks SWE coding round test?", PAY, ["$150,000 to $210,000"]),
    ("OrbitWorks", "How does system design differ between OrbitWorks SWE and SRE?", PAY, ["$160,000 to $225,000"]),
    ("OrbitWorks", "What do OrbitWorks interviewers want in the on-call round?", PAY, ["$225,000"]),
    ("OrbitWorks", "What does the OrbitWorks SRE coding round test?", "And for the SWE role?",
     ["For SWE candidates the coding rounds are classic algorithm"]),
    ("NimbusFin", "How many rounds does the NimbusFin Data Scientist loop have?", "And for the Data Engineer role?",
     ["Data Engineer loop usually has 5 rounds"]),
    ("NimbusFin", "How many rounds does the NimbusFin Data Engineer loop have?", PAY, ["$140,000 to $190,000"]),
    ("NimbusFin", "How long does the NimbusFin Data Engineer interview process take?", PAY, ["$190,000"]),
    ("NimbusFin", "What does the NimbusFin technical round cover for Data Engineers?", PAY, ["$190,000"]),
    ("NimbusFin", "Is the NimbusFin Data Scientist interview focused on SQL or modelling?", PAY,
     ["$135,000 to $180,000"]),
    ("NimbusFin", "What happens in the NimbusFin behavioural round?", PAY, ["$135,000"]),
    ("NimbusFin", "How long does the NimbusFin Data Scientist interview process take?",
     "And for the Data Engineer role?", ["4-6 weeks for Data Engineer roles"]),
    ("Amazon", "How many rounds does the Amazon Applied Scientist interview have?", PAY, ["$160,000 - $220,000"]),
    ("Amazon", "How many rounds does the Amazon MLE interview have?", "And for the Applied Scientist role?",
     ["Applied Scientist interviews typically consist of 4-5 rounds"]),
    ("Amazon", "How long does the Amazon MLE interview process take?", PAY, ["$170,000 to $250,000"]),
    ("Amazon", "How does system design differ for Amazon Applied Scientists and MLEs?", PAY, ["$250,000"]),
    ("Amazon", "What ML focus should candidates expect in Amazon MLE interviews?", PAY, ["$250,000"]),
    ("Amazon", "How long does the Amazon Applied Scientist interview process take?", "And for the MLE role?",
     ["3-6 weeks for MLE roles"]),
]


@pytest.fixture(scope="module")
def library_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("concurrency") / "home"
    ingest_home(home, [CORPUS, FIXTURES])
    return home


@pytest.fixture(scope="module", params=[1, 2], ids=["one-process", "two-processes"])
def app(request, library_home):
    """`coach serve` as one process, and as two app processes behind the front (`--workers 2`), where a session's
    follow-up finds its history only if every request of the session reaches the process that holds it."""
    workers = request.param
    with running_server(library_home, "--workers", str(workers)) as srv:
        if workers > 1:
            wait_log(srv, f"serving with {workers} app processes")
        srv["downloads"] = library_home.parent / "downloads"
        # the first request in each process waits for its warm-up; the timed part below should not
        for _ in range(workers):  # a new session goes to the process holding the fewest: one each
            client(srv["url"], srv["downloads"]).predict("How many rounds does the OrbitWorks SWE loop have?", "",
                                                         api_name="/ask")
        yield srv


def _texts(chat: list, who: str) -> list[str]:
    out = []
    for m in chat:
        if m["role"] != who:
            continue
        content = m["content"]
        if isinstance(content, list):
            content = "".join(c.get("text", "") for c in content if isinstance(c, dict))
        out.append(content)
    return out


def test_20_concurrent_sessions_keep_their_own_history(app):
    assert len(SESSIONS) == 20 and len({s[1] for s in SESSIONS}) == 20  # twenty different conversations
    results: dict[int, dict] = {}
    errors: list[str] = []
    clients = [client(app["url"], app["downloads"]) for _ in SESSIONS]  # one browser session each
    go = threading.Barrier(len(SESSIONS))

    def converse(i: int) -> None:
        _company, first, follow_up, _facts = SESSIONS[i]
        try:
            go.wait(timeout=120)
            _, _, a1 = clients[i].predict(first, "", api_name="/ask")
            go_again.wait(timeout=600)  # every session has one turn of history before any follow-up
            _, chat, a2 = clients[i].predict(follow_up, "", api_name="/ask")
            results[i] = {"first": a1, "follow": a2, "chat": chat}
        except Exception as exc:  # noqa: BLE001 - reported below with the session
            errors.append(f"session {i} ({first!r}): {type(exc).__name__}: {exc}")
            go_again.abort()

    go_again = threading.Barrier(len(SESSIONS))
    threads = [threading.Thread(target=converse, args=(i,)) for i in range(len(SESSIONS))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=900)
    assert not errors, errors
    assert sorted(results) == list(range(len(SESSIONS)))

    for i, (company, first, follow_up, facts) in enumerate(SESSIONS):
        r = results[i]
        follow, chat = r["follow"], r["chat"]
        where = f"session {i}: {first!r} -> {follow_up!r}: {follow['answer']!r}"
        assert r["first"]["grounded"] is True and follow["grounded"] is True, where
        # the follow-up was made standalone from THIS session's first question
        assert company in follow["standalone_question"], f"{where} (standalone: {follow['standalone_question']!r})"
        for fact in facts:
            assert fact in follow["answer"], where
        title_part, _ = COMPANIES[company]
        assert follow["sources"] and all(title_part in s["title"] for s in follow["sources"]), where
        for other, (other_title, figures) in COMPANIES.items():
            if other != company:
                for figure in figures:
                    assert figure not in follow["answer"], f"{where} has {other}'s {figure}"
                assert other not in follow["standalone_question"], where
        # the conversation the app shows back is exactly this session's two turns, nobody else's
        users, bots = _texts(chat, "user"), _texts(chat, "assistant")
        assert len(users) == 2 and first in users[0] and follow_up in users[1], f"session {i} shows {users}"
        assert len(bots) == 2, where

def test_follow_up_for_the_other_role(app):
    c = client(app["url"], app["downloads"])
    c.predict("How many rounds does the OrbitWorks SRE loop have?", "", api_name="/ask")
    _, _, follow = c.predict("And for the other role?", "", api_name="/ask")
    standalone = follow["standalone_question"]
    assert ("SWE" in standalone or "Software Engineer" in standalone) and "SRE" not in standalone, follow
    assert "5 rounds" in follow["answer"], follow


def _wake_ups(pid: int) -> int:
    """Voluntary context switches of all of ``pid``'s threads so far (each sleep that ends is one)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            status = (task / "status").read_text()
        except OSError:  # the thread ended
            continue
        total += int(next(line for line in status.splitlines() if line.startswith("voluntary_ctxt_switches")
                          ).split()[1])
    return total


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads thread wake-ups from Linux's /proc")
def test_an_idle_app_process_sleeps_instead_of_polling_its_queue(app):
    """Gradio's queue looked for work every millisecond, busy or idle (~900 wake-ups a second, ~5 % of a core per
    idle process, and under load a share of the core its answers need); now a queued event or a job's end wakes it.
    The best of a few 2 s windows: the model may still be loading in the background at first."""
    import psutil

    server = psutil.Process(app["pid"])
    apps = server.children() or [server]  # with --workers, the app processes are the front's children
    for proc in apps:
        rates = []
        for _ in range(5):
            before, t0 = _wake_ups(proc.pid), time.monotonic()
            time.sleep(2)
            rates.append((_wake_ups(proc.pid) - before) / (time.monotonic() - t0))
            if rates[-1] < 200:
                break
        assert min(rates) < 200, f"app process {proc.pid} woke up {min(rates):.0f} times a second while idle"
