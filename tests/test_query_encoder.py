"""The int8 ONNX query encoder: same vectors as the model (an index built with it stays valid), no torch import."""
from __future__ import annotations

import subprocess
import sys

import numpy as np

from tests.conftest import ROOT
from tests.processes import coach_env


def test_onnx_vectors_match_the_model(library_coach, embedder):
    from coach.components.embedding import OnnxEmbedder, query_embedder

    onnx = query_embedder(library_coach.settings, embedder)
    assert isinstance(onnx, OnnxEmbedder)
    texts = [t for _, t in library_coach.library.catalog.all_chunks()][:40] + [
        "How long does the Amazon MLE process take?", "pay", "x " * 600]  # last one is truncated at 256 tokens
    a, b = onnx.encode(texts), embedder.encode(texts)
    assert a.shape == b.shape and np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)
    cos = (a * b).sum(axis=1)
    assert cos.min() > 0.995, cos.min()
    # and it ranks chunks for a question as the model does
    chunks = b[:40]
    q_onnx, q_model = onnx.encode_one(texts[-3]), embedder.encode_one(texts[-3])
    assert list(np.argsort(-(chunks @ q_onnx))[:3]) == list(np.argsort(-(chunks @ q_model))[:3])


def test_a_question_in_a_fresh_process_imports_no_torch(library_coach):
    code = ("import sys; from coach.api import Coach; from coach.settings import Settings; "
            f"a = Coach(Settings(home={str(library_coach.settings.home)!r})).ask("
            "'How many rounds does the OrbitWorks SRE loop have?'); "
            "print(a.grounded, '6 rounds' in a.answer, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=coach_env(library_coach.settings.home),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "True", "False", "False"], done.stdout
