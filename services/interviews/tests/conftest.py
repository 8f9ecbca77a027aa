"""Integration fixtures for interviews: the running service, and events on the real stream."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.interviews.app import create_app
from services.interviews.settings import InterviewsSettings
from talentkit.testing.bus import eventually, find_events, publish
from talentkit.testing.plugin import running_app


@pytest.fixture
async def interviews(infra_env: None) -> AsyncIterator[httpx.AsyncClient]:
    """The interviews service running in-process against the session's NATS and PostgreSQL."""
    async with running_app(create_app(InterviewsSettings())) as client:
        yield client


__all__ = ["eventually", "find_events", "publish"]
