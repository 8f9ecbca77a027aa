"""The matcher service: embeddings, recall and explained match scores."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from services.matcher import api, handlers
from services.matcher.domain.weights import load_weights
from services.matcher.embedding import Embedder
from services.matcher.models import TABLES, Base
from services.matcher.recall_index import RecallIndex
from services.matcher.resources import MatcherResources, model_ready, qdrant_ready
from services.matcher.settings import MatcherSettings
from talentkit.logs import get_logger
from talentkit.service import Runtime, ServiceSpec, create_service_app

log = get_logger(__name__)


@asynccontextmanager
async def resources(rt: Runtime[MatcherSettings, Any]) -> AsyncIterator[MatcherResources]:
    """Load the embedding model and open Qdrant (creating its collections); close Qdrant on the way out."""
    settings = rt.settings
    weights = load_weights(settings.scoring_weights)
    embedder = await Embedder.load()
    api_key = settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None
    index = await RecallIndex.open(url=settings.qdrant_url, api_key=api_key, path=settings.qdrant_path)
    log.info(
        "matcher.resources_ready", qdrant="server" if settings.qdrant_url else "local", scoring_version=weights.version
    )
    try:
        yield MatcherResources(embedder=embedder, index=index, weights=weights)
    finally:
        await index.close()


def create_app(settings: MatcherSettings | None = None) -> FastAPI:
    """Build the matcher app."""
    settings = settings or MatcherSettings()
    return create_service_app(
        ServiceSpec(
            name="matcher",
            title="Talent Connect matcher",
            settings=settings,
            metadata=Base.metadata,
            tables=TABLES,
            routers=[api.router],
            subscriptions=handlers.subscriptions(batch_size=settings.batch_size),
            resources=resources,
            readiness={"embedding_model": model_ready, "qdrant": qdrant_ready},
        )
    )
