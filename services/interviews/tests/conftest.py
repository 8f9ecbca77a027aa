"""Integration fixtures for interviews: the running service, and events on the real stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from contracts.envelope import Event
from services.interviews.app import create_app
from services.interviews.settings import InterviewsSettings
from talentkit.testing.plugin import running_app


@pytest.fixture
async def interviews(infra_env: None) -> AsyncIterator[httpx.AsyncClient]:
    """The interviews service running in-process against the session's NATS and PostgreSQL."""
    async with running_app(create_app(InterviewsSettings())) as client:
        yield client


async def publish(js: JetStreamContext, event: Event) -> None:
    """Publish an event as its producer's outbox relay would."""
    await js.publish(event.subject, event.to_json(), headers={"Nats-Msg-Id": str(event.event_id)})


async def find_events(
    js: JetStreamContext, subject: str, match: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    """Every stored event on `subject` whose decoded body `match`es."""
    sub = await js.pull_subscribe(
        subject, stream="TALENT", config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, inactive_threshold=30)
    )
    found: list[dict[str, Any]] = []
    try:
        while True:
            try:
                msgs = await sub.fetch(200, timeout=0.5)
            except NatsTimeoutError:
                return found
            for msg in msgs:
                await msg.ack()
                body = json.loads(msg.data)
                if match(body):
                    found.append(body)
    finally:
        await sub.unsubscribe()


async def eventually(check: Callable[[], Any], *, timeout: float = 20.0, interval: float = 0.2) -> Any:
    """Wait until `check()` (sync or async) returns something truthy, and return it."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)
