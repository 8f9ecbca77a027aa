"""Integration fixtures for jobs: the running service, and reading and writing events on the real stream."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.jobs.app import create_app
from services.jobs.settings import JobsSettings
from talentkit.testing.bus import eventually, find_events, publish, wait_for_event
from talentkit.testing.plugin import running_app


@pytest.fixture
async def jobs(infra_env: None) -> AsyncIterator[httpx.AsyncClient]:
    """The jobs service running in-process against the session's NATS and PostgreSQL."""
    async with running_app(create_app(JobsSettings())) as client:
        yield client


__all__ = ["eventually", "find_events", "publish", "wait_for_event"]
