"""Emphasis items ("Overemphasizing X in R interviews", "Ignoring Y in R interviews") read as the balance of the
answer (coach.critique.emphasis): X spent without Y, or Y handed to someone else, is the mistake; Y given its share,
or no X at all on the question, avoids it. Items come from the seed corpus article and the fictional NimbusFin
fixture; the answers are written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from coach.critique import critique_answer
from ingest.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt"
NIMBUS = ROOT / "tests" / "fixtures" / "articles" / "nimbusfin_data_scientist_vs_data_engineer.md"


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED, doc_id="seed", sha256="0").rubric


@pytest.fixture(scope="module")
def nimbus():
    return parse_file(NIMBUS, doc_id="nimbus", sha256="0").rubric


def _verdict(items, role: str, question: str, answer: str, key: str) -> tuple[str, str]:
    fb = critique_answer(items, role=role, question=question, answer=answer)
    hit = next(f for f in fb.items if key.lower() in f.mistake.lower())
    return hit.verdict, hit.evidence


def test_issue_11_model_only_answer_that_hands_serving_off_overemphasizes_model_development(seed):
    verdict, evidence = _verdict(
        seed, "MLE", "How would you build a system that recommends articles to our readers?",
        "I'd put my energy into the model: a two-tower retrieval model trained on reading history, then a "
        "gradient-boosted re-ranker with recency features, tuned until NDCG stops improving. "
        "Then the platform folks deploy it.",
        "Overemphasizing ML model development")
    assert verdict == "made"
    assert "platform folks" not in evidence  # the quoted focus is the model work, not the hand-off


def test_an_answer_that_balances_model_and_serving_avoids_overemphasis(seed):
    verdict, _ = _verdict(
        seed, "MLE", "How would you build a system that recommends articles to our readers?",
        "New reading events go through Kafka into a feature store, and a serving API returns ranked articles in "
        "under 80 ms. The model is a two-tower retriever with a small re-ranker, retrained nightly and rolled out "
        "behind a canary, and I'd watch click-through, latency and feature drift with a rollback ready.",
        "Overemphasizing ML model development")
    assert verdict == "avoided"


def test_a_data_engineer_pipeline_answer_with_no_ml_at_all_avoids_overemphasizing_models(nimbus):
    verdict, _ = _verdict(
        nimbus, "Data Engineer", "How would you get our partners' nightly CSV drops into the warehouse?",
        "A cron job copies the files from the SFTP server into a staging table and then merges them into the "
        "orders table on the order id.",
        "Overemphasizing machine learning models")
    assert verdict == "avoided"


def test_handing_deployment_to_another_team_is_ignoring_system_design(seed):
    verdict, evidence = _verdict(
        seed, "Applied Scientist", "Your pricing model beats the baseline. How do you get it used in the product?",
        "I'd make the model as accurate as I can and hand the model file to the platform team; how it runs in "
        "production is their call.",
        "Ignoring system design concepts")
    assert verdict == "made"
    assert "their call" in evidence or "platform team" in evidence
