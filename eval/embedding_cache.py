"""Embedding texts with the product's embedder, remembering each vector by the text's hash.

A cold `make eval` embeds about two thousand resume-length texts, minutes on two cores; a warm one
embeds only what changed. The key is the text itself (hashed), so a changed parser or dataset can never
be served a stale vector; the cache file is named after the model, so a new model starts afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
EmbedTexts = Callable[[Sequence[str]], Vectors]

# Texts per call to the embedder: bounded so progress is saved even if a long run is interrupted.
_BATCH = 64


def text_key(text: str) -> str:
    """The cache key of a text: its sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    """Wraps an embedding function with an on-disk cache (`path` is a `.npz` file; None keeps it in memory)."""

    def __init__(self, embed: EmbedTexts, path: Path | None) -> None:
        self._embed = embed
        self._path = path
        self._vectors: dict[str, Vectors] = {}
        self.computed = 0
        if path is not None and path.is_file():
            with np.load(path) as stored:
                keys = [str(key) for key in stored["keys"]]
                matrix = stored["vectors"].astype(np.float32)
            self._vectors = {key: matrix[row] for row, key in enumerate(keys)}

    def __call__(self, texts: Sequence[str]) -> Vectors:
        """One unit vector per text, computing only those not seen before."""
        keys = [text_key(text) for text in texts]
        missing = list(dict.fromkeys(key for key in keys if key not in self._vectors))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            for start in range(0, len(missing), _BATCH):
                batch = missing[start : start + _BATCH]
                vectors = self._embed([by_key[key] for key in batch])
                self._vectors.update(zip(batch, vectors, strict=True))
                self.computed += len(batch)
                self.save()
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._vectors[key] for key in keys])

    def save(self) -> None:
        """Write the cache file (atomically: a run killed mid-write leaves the previous file)."""
        if self._path is None or not self._vectors:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self._vectors)
        partial = self._path.with_suffix(".partial.npz")
        np.savez(partial, keys=np.array(keys), vectors=np.stack([self._vectors[key] for key in keys]))
        partial.replace(self._path)


def product_embedder(cache_dir: Path | None) -> CachedEmbedder:
    """The matcher's embedder (all-MiniLM-L6-v2, chunked and mean-pooled as in production), cached."""
    from services.matcher.domain.chunking import CHUNK_WORDS
    from services.matcher.embedding import Embedder, load_model

    embedder = Embedder(load_model())
    # Chunking changes the vectors as much as the model does.
    name = f"embeddings-all-MiniLM-L6-v2-chunk{CHUNK_WORDS}.npz"
    path = cache_dir / name if cache_dir is not None else None
    return CachedEmbedder(embedder.embed_blocking, path)
