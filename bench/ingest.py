"""Ingest benchmark: pipeline throughput against raw SentenceTransformer.encode on the same chunk texts, and the
time of an unchanged re-ingest of corpus/ (in-process and as a fresh `coach ingest` process).

The corpus for throughput is corpus/ plus the fictional fixture articles, each copied N times with its company name
replaced by an invented one ("Benchco 7"), so every copy has distinct chunk ids. Targets: ratio >= 0.9, re-ingest <= 2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def make_corpus(folder: Path, copies: int) -> None:
    sources = [ROOT / "corpus" / "000_bb54feeca4c3cc0b.txt", *sorted((ROOT / "tests/fixtures/articles").glob("*"))]
    for n in range(copies):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            text = re.sub(r"\b(Amazon|NimbusFin|OrbitWorks)\b", f"Benchco {n}", text)
            (folder / f"{n:03d}_{src.name}").write_text(text, encoding="utf-8")


def _chunk_texts(corpus: Path, coach) -> list[str]:
    """The texts the pipeline will embed for ``corpus``, computed with the pipeline's own parse and chunk steps."""
    from ingest.chunking import chunk_article, embedding_text
    from ingest.parse import parse_file
    from ingest.pipeline import _unique, document_id

    out = []
    for path in sorted(corpus.iterdir()):
        article = parse_file(path, doc_id=document_id(path))
        chunks = _unique(chunk_article(article, chunk_size=coach.settings.chunk_size, overlap=coach.settings.chunk_overlap))
        out.extend(embedding_text(c) for c in chunks)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=12, help="copies of each article (default 12)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from coach.api import Coach
    from coach.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.copies)
        coach = Coach(Settings(home=tmp / "home"))
        coach.embedder.encode(["warm up the model"] * 32)
        # Both sides are timed warm: the model is loaded for raw encode, and one small ingest (the seed, into its own
        # home, reused below for the re-ingest timing) has imported the parsers and opened Chroma for the pipeline.
        seed_home = tmp / "seed-home"
        seed = Coach(Settings(home=seed_home))
        seed.__dict__["embedder"] = coach.embedder
        seed.ingest([ROOT / "corpus"])

        texts = [embedding_text for embedding_text in _chunk_texts(corpus, coach)]
        model = coach.embedder.model

        def raw() -> float:
            t = time.perf_counter()
            model.encode(texts, batch_size=coach.settings.embedding_batch_size, normalize_embeddings=True,
                         show_progress_bar=False)
            return time.perf_counter() - t

        # raw, pipeline, raw: the machine's load drifts, so the pipeline is compared with the mean of both sides.
        raw_before = raw()
        t = time.perf_counter()
        report = coach.ingest([corpus])
        pipeline_s = time.perf_counter() - t
        raw_s = (raw_before + raw()) / 2
        stored = [t for _, t in coach.library.catalog.all_chunks()]
        assert sorted(stored) == sorted(texts), "the bench must encode exactly what the pipeline embedded"

        t = time.perf_counter()
        again = seed.ingest([ROOT / "corpus"])
        reingest_s = time.perf_counter() - t
        assert not again.added and not again.updated, again

        env = dict(os.environ, COACH_HOME=str(seed_home))
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "coach.cli", "ingest", str(ROOT / "corpus")], env=env, cwd=ROOT,
                       check=True, capture_output=True)
        cli_reingest_s = time.perf_counter() - t

    n = len(texts)
    figures = {
        "documents": len(report.added),
        "chunks": n,
        "mean_chunk_chars": round(sum(map(len, texts)) / max(n, 1)),
        "pipeline_chunks_per_s": round(n / pipeline_s, 1),
        "raw_encode_chunks_per_s": round(n / raw_s, 1),
        "ratio": round((n / pipeline_s) / (n / raw_s), 3),
        "ratio_target": 0.9,
        "unchanged_reingest_s": round(reingest_s, 3),
        "unchanged_reingest_cli_process_s": round(cli_reingest_s, 3),
        "reingest_target_s": 2.0,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for k, v in figures.items():
            print(f"{k:34s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
