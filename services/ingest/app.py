"""The ingest service: resume files and the profiles parsed from them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from services.ingest import api, handlers, skills_api
from services.ingest.models import TABLES, Base
from services.ingest.resources import IngestResources
from services.ingest.sandbox import ExtractionSandbox
from services.ingest.settings import IngestSettings
from services.ingest.storage import FileStore
from talentkit.health import ReadinessCheck
from talentkit.service import Runtime, ServiceSpec, create_service_app


@asynccontextmanager
async def resources(rt: Runtime[IngestSettings, Any]) -> AsyncIterator[IngestResources]:
    """Open the file store (creating its folder) and the extraction sandbox (its process starts on first use)."""
    settings = rt.settings
    store = FileStore(settings.files_dir)
    await asyncio.to_thread(store.prepare)
    sandbox = ExtractionSandbox(
        memory_bytes=settings.extraction_memory_bytes, timeout_seconds=settings.extraction_timeout_seconds
    )
    try:
        yield IngestResources(store=store, sandbox=sandbox)
    finally:
        await asyncio.to_thread(sandbox.close)


def _storage_ready(rt: Runtime[IngestSettings, IngestResources]) -> ReadinessCheck:
    async def check() -> bool:
        return await asyncio.to_thread(rt.resources.store.writable)

    return check


def create_app(settings: IngestSettings | None = None) -> FastAPI:
    """Build the ingest app."""
    return create_service_app(
        ServiceSpec(
            name="ingest",
            title="Talent Connect ingest",
            description="Resume upload, storage and parsing.",
            settings=settings or IngestSettings(),
            metadata=Base.metadata,
            tables=TABLES,
            routers=[api.router, skills_api.router],
            subscriptions=handlers.SUBSCRIPTIONS,
            resources=resources,
            readiness={"storage": _storage_ready},
        )
    )
