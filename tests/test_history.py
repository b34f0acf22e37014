"""Practice history in SQLite, directly and through ``Coach.critique`` / ``Coach.history`` on a real library."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.errors import CoachError, UnknownRoleError
from coach.history import History
from coach.models import Feedback, ItemFeedback

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_bb54feeca4c3cc0b.txt"


def _feedback(role: str, question: str, score: int) -> Feedback:
    return Feedback(role=role, question=question, score=score, items=[
        ItemFeedback(id="i1", mistake="m", fix="f", source="s", verdict="made"),
        ItemFeedback(id="i2", mistake="m2", fix="f2", source="s", verdict="not_applicable")])


def test_attempts_are_listed_newest_first_with_limit_and_role(tmp_path):
    h = History(tmp_path / "home" / "history.sqlite3")
    assert h.list() == []  # no file yet: empty, not an error
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for n in range(3):
        h.add(_feedback("Data Engineer" if n == 1 else "Software Engineer", f"q{n}", 10 * n), f"answer {n}",
              time=t0 + timedelta(minutes=n))
    attempts = h.list()
    assert [a.question for a in attempts] == ["q2", "q1", "q0"]
    assert attempts[0].verdicts == {"i1": "made", "i2": "not_applicable"}
    assert attempts[0].answer == "answer 2" and attempts[0].score == 20
    assert attempts[0].time.startswith("2026-01-01T00:02")
    assert [a.question for a in h.list(limit=2)] == ["q2", "q1"]
    assert [a.question for a in h.list(role="Data Engineer")] == ["q1"]
    assert h.list(limit=0) == []
    with pytest.raises(CoachError, match="limit"):
        h.list(limit=-1)


def test_history_survives_a_new_instance_and_reports_a_broken_file(tmp_path):
    path = tmp_path / "history.sqlite3"
    History(path).add(_feedback("R", "q", 5), "a")
    assert [a.question for a in History(path).list()] == ["q"]
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CoachError, match="not usable|not readable"):
        History(broken).list()


def test_coach_critique_saves_attempts_and_history_lists_them(make_coach):
    coach = make_coach()
    coach.ingest([SEED])
    q = "Design a system to train and deploy multiple ML models."
    weak = coach.critique("MLE", q, "I'd pick the best algorithm and tune hyperparameters for accuracy on every model.")
    strong = coach.critique("Machine Learning Engineer", q, "First, a feature store and data pipeline feed a "
                            "distributed training service with a model registry. Then CI/CD deploys each model "
                            "behind an autoscaled serving layer. Finally, monitoring tracks drift and latency.")
    assert weak.role == strong.role == "Machine Learning Engineer"
    assert strong.score > weak.score
    assert {i.verdict for i in weak.items if "Applied Scientist" in i.mistake} == {"not_applicable"}
    coach.critique("MLE", q, "not saved", save=False)
    attempts = coach.history()
    assert [a.score for a in attempts] == [strong.score, weak.score]
    assert attempts[1].verdicts == {i.id: i.verdict for i in weak.items}
    assert coach.history(limit=1)[0].answer.startswith("First, a feature store")
    with sqlite3.connect(coach.settings.history_path) as db:
        assert db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (2,)
    with pytest.raises(UnknownRoleError, match="known roles"):
        coach.critique("Astronaut", q, "anything")
