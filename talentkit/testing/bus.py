"""Reading and writing events on the real stream in tests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from contracts.envelope import Event


async def publish(js: JetStreamContext, event: Event, *, dedupe: bool = True) -> None:
    """Publish an event as its producer's outbox relay would (with `Nats-Msg-Id` unless told not to)."""
    headers = {"Nats-Msg-Id": str(event.event_id)} if dedupe else None
    await js.publish(event.subject, event.to_json(), headers=headers)


async def find_events(
    js: JetStreamContext,
    subject: str,
    match: Callable[[dict[str, Any]], bool],
    *,
    stream: str = "TALENT",
    idle: float = 0.5,
) -> list[dict[str, Any]]:
    """Every stored event on `subject` whose decoded body `match`es (read with a throwaway consumer)."""
    sub = await js.pull_subscribe(
        subject, stream=stream, config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, inactive_threshold=30)
    )
    found: list[dict[str, Any]] = []
    try:
        while True:
            try:
                msgs = await sub.fetch(200, timeout=idle)
            except TimeoutError:  # nats-py raises its own subclass or a bare asyncio.TimeoutError
                return found
            for msg in msgs:
                await msg.ack()
                try:
                    body = json.loads(msg.data)
                except ValueError:
                    continue  # poison messages other tests publish on purpose
                if match(body):
                    found.append(body)
    finally:
        await sub.unsubscribe()


async def wait_for_event(
    js: JetStreamContext, subject: str, match: Callable[[dict[str, Any]], bool], *, timeout: float = 20.0
) -> dict[str, Any]:
    """The first stored event on `subject` that `match`es, waiting for it to be published."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        found = await find_events(js, subject, match)
        if found:
            return found[0]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no matching event on {subject} within {timeout}s")
        await asyncio.sleep(0.2)


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
