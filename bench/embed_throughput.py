"""Embedding throughput of the matcher's `Embedder`: texts per second, short and long, by batch size.

Run: `.venv/bin/python bench/embed_throughput.py [--texts N]`. Short texts are ~30 words (a job
title and a few skills); long ones ~600 words (a full resume: three chunks the model reads whole).
"""

from __future__ import annotations

import argparse
import os
import random
import time

from services.matcher.embedding import Embedder, load_model

BATCH_SIZES = (1, 8, 32)
VOCABULARY = (
    "python java kubernetes docker postgresql django react typescript aws terraform kafka spark airflow "
    "led built designed migrated mentored reduced latency throughput services pipelines platform team "
    "customers reliability on-call incidents testing reviews architecture cloud data models api graphql"
).split()


def make_texts(count: int, words: int, *, seed: int) -> list[str]:
    """`count` pseudo-resumes of `words` words, the same on every run."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(VOCABULARY) for _ in range(words)) for _ in range(count)]


def texts_per_second(embedder: Embedder, texts: list[str], batch_size: int) -> float:
    """Embed `texts` in batches of `batch_size` (one forward pass each) and return the rate."""
    started = time.perf_counter()
    for start in range(0, len(texts), batch_size):
        embedder.embed_blocking(texts[start : start + batch_size])
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    """Print a table of texts/s for short and long texts at batch sizes 1, 8 and 32."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=64, help="texts per measurement (default 64)")
    args = parser.parse_args()

    import torch

    started = time.perf_counter()
    embedder = Embedder(load_model())
    print(
        f"model loaded in {time.perf_counter() - started:.1f} s; torch threads: {torch.get_num_threads()}, "
        f"cpus: {os.cpu_count()}"
    )
    embedder.embed_blocking(make_texts(8, 30, seed=0))  # warm-up: first passes allocate

    print(f"{'texts':<8}{'words':>6}{'batch':>7}{'texts/s':>10}")
    for label, words in (("short", 30), ("long", 600)):
        texts = make_texts(args.texts, words, seed=words)
        for batch_size in BATCH_SIZES:
            rate = texts_per_second(embedder, texts, batch_size)
            print(f"{label:<8}{words:>6}{batch_size:>7}{rate:>10.1f}")


if __name__ == "__main__":
    main()
