"""What an answer costs the serving process: no threads started per answer, parsed chunks reused until the library
changes (and never served stale after it does), and Gradio's queue without its per-event analytics (real Coach,
real catalog and Chroma, real Gradio app)."""
from __future__ import annotations

import subprocess
import sys
import threading

import numpy as np

from tests.conftest import ROOT
from tests.processes import coach_env

QUESTIONS = ["How many rounds does the OrbitWorks SRE loop have?", "What is the pay range for NimbusFin Data "
             "Engineer roles?", "How long does the NimbusFin interview process take?"]


def test_an_answer_starts_no_threads(library_coach, monkeypatch):
    """Each answer used to start (and join) new pool threads for every chain step: a fifth of its time, and more
    threads for the app's workers to contend with."""
    for q in QUESTIONS:
        library_coach.ask(q)  # caches warm
    started: list[str] = []
    original = threading.Thread.start

    def counting_start(self, *args, **kwargs):
        started.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(threading.Thread, "start", counting_start)
    for q in QUESTIONS:
        assert library_coach.ask(q).grounded, q
        assert "".join(p for p in library_coach.ask_stream(q) if isinstance(p, str)), q
    assert started == []


def _doc(text: str):
    from coach.models import Article, Chunk

    article = Article(doc_id="doc-cache", path="cache.md", sha256=str(hash(text)), title="Cache test")
    chunk = Chunk(id="doc-cache-0", doc_id="doc-cache", text=text, title="Cache test", path="cache.md")
    return article, [chunk]


def test_parsed_chunks_are_reused_until_the_library_changes(make_coach):
    coach = make_coach()
    lib = coach.library
    vector = np.ones((1, 384), dtype=np.float32) / np.sqrt(384)
    article, chunks = _doc("The first version of this chunk.")
    lib.upsert_document(article, chunks, vector, ["first"])
    first = lib.get_chunks(["doc-cache-0", "unknown-id"])
    assert [c.text for c in first] == ["The first version of this chunk."]
    assert lib.get_chunks(["doc-cache-0"])[0] is first[0]  # parsed once, reused

    article, chunks = _doc("The second version of this chunk.")  # same chunk id, new text
    lib.upsert_document(article, chunks, vector, ["second"])
    assert [c.text for c in lib.get_chunks(["doc-cache-0"])] == ["The second version of this chunk."]
    # another process's write (a second Library on the same home) is seen too
    other = make_coach().library
    article, chunks = _doc("The third version, written by another process.")
    other.upsert_document(article, chunks, vector, ["third"])
    assert [c.text for c in lib.get_chunks(["doc-cache-0"])] == ["The third version, written by another process."]
    other.remove_document("doc-cache")
    assert lib.get_chunks(["doc-cache-0"]) == []


def test_the_app_queue_skips_gradio_event_analytics(library_coach):
    """Gradio rebuilt a pandas summary of its last 10,000 events after every event (3-16 ms of CPU each)."""
    from coach.ui.app import build_app, queue

    demo = queue(build_app(library_coach), library_coach)
    q = demo._queue
    assert q.ANAYLTICS_CACHE_FREQUENCY >= 10**6
    assert q.ANALYTICS_MAX_EVENTS <= 1000
    assert q.default_concurrency_limit == library_coach.settings.concurrency


def test_the_shared_role_lexicon_stays_as_shipped():
    """Questions read the lexicon's roles built once; detecting an article's roles (which adds the aliases it
    defines) works on its own copies."""
    from coach.roles import LEXICON, detect_roles, shared_lexicon_roles

    before = [(r.name, list(r.aliases)) for r in shared_lexicon_roles()]
    roles = detect_roles("Machine Learning Engineer interviews",
                         "A Machine Learning Engineer (MLQX) codes. Every Machine Learning Engineer (MLQX) designs.")
    assert any("MLQX" in r.aliases for r in roles)
    assert [(r.name, list(r.aliases)) for r in shared_lexicon_roles()] == before
    assert [r.name for r in shared_lexicon_roles()] == list(LEXICON)


def _blas_threads(home, **env) -> list[int]:
    code = ("import numpy; from threadpoolctl import threadpool_info as info; from coach.api import Coach; "
            "from coach.settings import Settings; before = [i['num_threads'] for i in info() if i['user_api'] == 'blas'];"
            f" Coach(Settings(home={str(home)!r})); "
            "print(before, [i['num_threads'] for i in info() if i['user_api'] == 'blas'])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=coach_env(home, **env), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return [eval(part) for part in done.stdout.strip().replace("] [", "]|[").split("|")]


def test_numpy_blas_runs_on_one_thread(tmp_path):
    """An answer's matrix products take ~0.1 ms on one thread; OpenBLAS's second thread waiting for a busy core made
    each 10-15 ms on 2 shared cores. ``COACH_BLAS_THREADS=0`` leaves numpy's default."""
    before, after = _blas_threads(tmp_path / "home", OPENBLAS_NUM_THREADS="2")
    assert before and before[0] == 2 and after == [1] * len(before)
    before, after = _blas_threads(tmp_path / "home", OPENBLAS_NUM_THREADS="2", COACH_BLAS_THREADS="0")
    assert after == before == [2] * len(before)


def test_a_new_question_costs_one_model_call_in_retrieval(library_coach, monkeypatch):
    """The question, its masked form and the words the vocabulary bridge looks up are encoded in one call: each
    call costs ~5 ms before its first token."""
    chain = library_coach.ask_chain
    question = "How many rounds does the OrbitWorks SRE loop have, approximately, for a sysadmin?"
    retriever = chain.retriever()
    index = retriever.structure()
    assert index.vocabulary.unknown(question), "the question must hold a word no fixture article uses"
    calls: list[list[str]] = []
    encode = chain.vectors.embedder.encode

    def counting(texts):
        calls.append(list(texts))
        return encode(texts)

    monkeypatch.setattr(chain.vectors.embedder, "encode", counting)
    retriever.signals(question)
    assert len(calls) == 1 and question in calls[0], calls
    assert set(index.vocabulary.unknown(question)) <= set(calls[0])
    retriever.signals(question)
    assert len(calls) == 1  # and nothing is encoded again
