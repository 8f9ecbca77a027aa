"""The matcher's own clients (the embedding model and the recall index) and their readiness checks.

The lifespan that opens and closes them is `app.resources`.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.matcher.domain.weights import ScoringWeights
from services.matcher.embedding import Embedder
from services.matcher.recall_index import RecallIndex
from services.matcher.settings import MatcherSettings
from talentkit.health import ReadinessCheck
from talentkit.service import Runtime


@dataclass
class MatcherResources:
    """What the matcher holds besides the kit's database and bus."""

    embedder: Embedder
    index: RecallIndex
    # Read and validated once at start: a broken weights file stops the service instead of every score.
    weights: ScoringWeights


def model_ready(rt: Runtime[MatcherSettings, MatcherResources]) -> ReadinessCheck:
    """Ready once the embedding model is loaded (it is before the service accepts work)."""

    async def check() -> bool:
        return rt.resources is not None and rt.resources.embedder.ready

    return check


def qdrant_ready(rt: Runtime[MatcherSettings, MatcherResources]) -> ReadinessCheck:
    """Ready while Qdrant answers and holds both collections."""

    async def check() -> bool:
        return await rt.resources.index.ping()

    return check
