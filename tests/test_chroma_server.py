"""Scale-out: the same library through a real Chroma server, shared by two app replicas."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from tests.processes import chroma_server

QUESTIONS = [
    "How is the system design round different for Applied Scientists and MLEs?",
    "How long does the Amazon interview process take?",
    "What does a NimbusFin data engineer earn?",
]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    with chroma_server(tmp_path_factory.mktemp("chroma-server") / "data") as url:
        yield url


def test_server_store_gives_the_same_answers_and_feedback_as_the_embedded_store(server_url, make_coach, library_coach,
                                                                                tmp_path):
    remote = make_coach(home=tmp_path / "replica-1", chroma_url=server_url)
    report = remote.ingest([CORPUS, FIXTURES])
    assert len(report.added) == 3 and not report.skipped
    assert remote.library.consistency() == library_coach.library.consistency()  # same counts, no orphans
    for q in QUESTIONS:
        a, b = remote.ask(q), library_coach.ask(q)
        assert a.answer == b.answer and a.grounded == b.grounded
        assert [s.doc_id for s in a.sources] == [s.doc_id for s in b.sources]
    answer = "I would spend the whole time on model architecture, tuning hyperparameters and feature engineering."
    fa = remote.critique("MLE", "Design a system to train and deploy multiple ML models.", answer, save=False)
    fb = library_coach.critique("MLE", "Design a system to train and deploy multiple ML models.", answer, save=False)
    assert fa.score == fb.score and [i.verdict for i in fa.items] == [i.verdict for i in fb.items]


def test_a_second_replica_sees_documents_added_and_removed_by_the_first(server_url, make_coach, tmp_path):
    first = make_coach(home=tmp_path / "a", chroma_url=server_url, collection="replicas")
    second = make_coach(home=tmp_path / "b", chroma_url=server_url, collection="replicas")
    assert second.library_summary().documents == []
    first.ingest([CORPUS])
    second.library.sync(force=True)
    docs = second.library_summary().documents
    assert [d.title for d in docs] == [d.title for d in first.library_summary().documents]
    assert second.ask("How many rounds does the MLE interview have?").grounded
    first.remove_document(docs[0].doc_id)
    second.library.sync(force=True)
    assert second.library_summary().documents == []
    assert second.library.consistency()["orphans"] == 0
