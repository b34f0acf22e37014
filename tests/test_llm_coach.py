"""The optional LLM paths through the one Coach API, against the real xllamacpp server with SmolLM2.

SmolLM2-135M answers badly; what must hold is that turning it on never makes a result less faithful: answers pass
the number/citation guard or are replaced by the default answer with a note, and the judge only settles items the
rules left unclear.
"""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES
from tests.llm_server import llm_settings, smollm2_gguf  # noqa: F401

pytestmark = pytest.mark.llm


@pytest.fixture(scope="module")
def coaches(tmp_path_factory, smollm2_gguf, embedder):  # noqa: F811
    from coach.api import Coach

    home = tmp_path_factory.mktemp("llm-coach")
    plain = Coach(llm_settings(home, home=home / "plain"))
    plain.__dict__["embedder"] = embedder
    plain.ingest([CORPUS, FIXTURES])
    with_llm = Coach(llm_settings(home, home=home / "plain", llm="gguf", llm_gguf=smollm2_gguf))
    with_llm.__dict__["embedder"] = embedder
    return plain, with_llm


def test_llm_answers_are_never_less_faithful_than_the_default(coaches):
    from coach.guard import unsupported_numbers

    plain, with_llm = coaches
    for question in ["How long does the Amazon interview process typically take?",
                     "What is the salary range for Amazon MLE roles?"]:
        default = plain.ask(question)
        answer = with_llm.ask(question)
        assert answer.grounded
        if answer.backend == "extractive":  # rejected or failed: the default answer, and the response says why
            assert answer.answer == default.answer and answer.note
        else:
            assert answer.backend == "gguf"
            assert not unsupported_numbers(answer.answer, answer.sources)


def test_llm_judge_only_settles_what_the_rules_left_unclear(coaches):
    plain, with_llm = coaches
    q = "Design a system to train and deploy multiple ML models."
    for answer in ["I would mostly tune the model: architecture search, hyperparameters and feature engineering.",
                   "First I clarify the scale, then I design a training scheduler, a model registry and canary "
                   "deployments, and I monitor drift per model."]:
        rules = plain.critique("MLE", q, answer, save=False)
        judged = with_llm.critique("MLE", q, answer, save=False)
        assert judged.backend == "rules+gguf" and rules.backend == "rules"
        for before, after in zip(rules.items, judged.items):
            assert before.id == after.id
            if before.verdict != "unclear":
                assert after.verdict == before.verdict
            if after.verdict != before.verdict:
                assert after.evidence and after.evidence in answer
