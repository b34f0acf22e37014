"""Hand-offs in everyday words ("I'd leave that to the backend folks", "something the analysts sort out") are the
omission stated outright, like the hand-offs the rubric's own wording suggests; giving people something, or one's
own team's work in a story, is none. Answers are fictional."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coach.critique import critique_answer
from coach.critique.coverage import deflects
from coach.text import stable_id
from ingest.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
NIMBUS = ROOT / "tests" / "fixtures" / "articles" / "nimbusfin_data_scientist_vs_data_engineer.md"


def _items(path: Path):
    return parse_file(path, doc_id=stable_id(path.name), sha256=hashlib.sha256(path.read_bytes()).hexdigest()).rubric


@pytest.mark.parametrize("text", [
    "The serving side I'd leave to the backend folks.",
    "Monitoring I'd leave up to the SRE team.",
    "I'd let the platform people worry about scaling.",
    "The ops folks can figure that out.",
    "Someone on the infra side would deal with that.",
    "Whether the numbers look right is something the analysts sort out downstream.",
    "That part is handled by the infra team anyway.",
    "Honestly that's more of an ops thing.",
])
def test_everyday_handoffs_are_read_as_handoffs(text):
    assert deflects(text)


@pytest.mark.parametrize("text", [
    "I'd leave the edge cases to the end.",
    "I left feedback for the team on every pull request.",
    "I left my old job to join a startup.",
    "My team handled the rollout while I wrote the runbook.",
    "We would handle retries with exponential backoff.",
    "The API gateway will handle authentication and rate limiting.",
    "I'd let them know early and agree on a new date.",
    "The on-call engineer would pick it up within five minutes thanks to the alert.",
])
def test_own_work_and_giving_things_are_no_handoff(text):
    assert not deflects(text)


def test_model_only_answer_leaving_serving_to_others_overemphasizes_the_model(embedder):
    answer = ("The heart of it is the ranker. I'd train a LambdaMART model on click logs, then try a cross-encoder, "
              "tune the learning rate and tree depth, and compare NDCG offline. Most of my time would go into feature "
              "engineering and the loss function. The serving side I'd leave to the backend folks.")
    fb = critique_answer(_items(SEED), role="Machine Learning Engineer", answer=answer, embedder=embedder,
                         question="How would you design a system to serve personalised search ranking?")
    item = next(i for i in fb.items if i.mistake.startswith("Overemphasizing ML model"))
    assert item.verdict == "made", item


def test_pipeline_leaving_data_checks_to_analysts_ignores_quality_checks(embedder):
    answer = ("I'd write the ingestion in Spark Structured Streaming from Kafka and land it in BigQuery with daily "
              "partitions, clustered on user id. Whether the numbers look right is more something the analysts sort "
              "out downstream, they know the data.")
    fb = critique_answer(_items(NIMBUS), role="Data Engineer", answer=answer, embedder=embedder,
                         question="How would you design the ingestion for our clickstream events?")
    item = next(i for i in fb.items if i.mistake.startswith("Ignoring data quality"))
    assert item.verdict == "made", item
