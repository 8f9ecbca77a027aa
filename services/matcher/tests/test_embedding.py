"""The real all-MiniLM-L6-v2: related texts are closer, and batching does not change a vector."""

import numpy as np
import pytest

from services.matcher.embedding import Embedder, load_model

# Not I/O with servers, but it loads a real model from disk (seconds): kept out of the fast tier.
pytestmark = pytest.mark.integration

PYTHON_DEV = "Backend engineer: five years of Python, Django and PostgreSQL, building REST APIs on AWS."
PYTHON_JOB = "We are hiring a Python backend developer to build Django services with a PostgreSQL database."
PASTRY_CHEF = "Pastry chef with a passion for laminated doughs, croissants and wedding cakes."


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder(load_model())


def test_vectors_are_384_d_and_unit_length(embedder: Embedder) -> None:
    vectors = embedder.embed_blocking([PYTHON_DEV, "", "word " * 700])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_related_texts_are_closer_than_unrelated_ones(embedder: Embedder) -> None:
    dev, job, chef = embedder.embed_blocking([PYTHON_DEV, PYTHON_JOB, PASTRY_CHEF])
    assert float(dev @ job) > float(chef @ job) + 0.2


def test_a_batch_embeds_exactly_like_one_by_one(embedder: Embedder) -> None:
    long_resume = " ".join([PYTHON_DEV] * 60)  # ~800 words: four chunks
    texts = [PYTHON_DEV, long_resume, PASTRY_CHEF, "", PYTHON_JOB]
    batch = embedder.embed_blocking(texts)
    alone = np.vstack([embedder.embed_blocking([text]) for text in texts])
    assert np.abs(batch - alone).max() < 1e-5


def test_the_whole_of_a_long_text_counts(embedder: Embedder) -> None:
    # The model alone would read only the first 256 word pieces; chunking keeps the tail.
    head = " ".join([PASTRY_CHEF] * 25)  # ~300 words about baking
    tail = " ".join([PYTHON_DEV] * 25)
    whole, baking, python = embedder.embed_blocking([f"{head} {tail}", head, tail])
    assert float(whole @ python) > 0.5
    assert float(whole @ baking) > 0.5


async def test_embed_runs_off_the_event_loop_and_matches_the_blocking_call(embedder: Embedder) -> None:
    vectors = await embedder.embed([PYTHON_JOB])
    assert np.abs(vectors - embedder.embed_blocking([PYTHON_JOB])).max() < 1e-6
