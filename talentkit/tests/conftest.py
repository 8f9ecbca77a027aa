"""Fixtures for the kit's own integration tests: a throwaway schema with the bus tables."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass

import pytest
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy
from sqlalchemy import Column, Integer, MetaData, String, Table, text

from talentkit.bus.tables import BusTables, bus_tables
from talentkit.db import Database, service_metadata


@dataclass
class KitSchema:
    db: Database
    metadata: MetaData
    tables: BusTables
    counters: Table


@pytest.fixture
async def kit_schema(postgres_url: str) -> AsyncIterator[KitSchema]:
    """A fresh schema holding an outbox, an inbox and a `counters` table for handlers to change."""
    metadata = service_metadata(f"kit_{uuid.uuid4().hex[:10]}")
    tables = bus_tables(metadata)
    counters = Table(
        "counters", metadata, Column("key", String(100), primary_key=True), Column("value", Integer, nullable=False)
    )
    db = Database(postgres_url)
    async with db.engine.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{metadata.schema}"'))
        await conn.run_sync(metadata.create_all)
    try:
        yield KitSchema(db=db, metadata=metadata, tables=tables, counters=counters)
    finally:
        async with db.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{metadata.schema}" CASCADE'))
        await db.dispose()


async def collect(
    js: JetStreamContext,
    subject: str,
    *,
    stream: str = "TALENT",
    match: Callable[[bytes], bool] = lambda _data: True,
    idle: float = 1.0,
) -> list[tuple[bytes, dict[str, str]]]:
    """Every message stored on `subject` that `match`es, read with a throwaway consumer."""
    sub = await js.pull_subscribe(
        subject, stream=stream, config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, inactive_threshold=30)
    )
    found: list[tuple[bytes, dict[str, str]]] = []
    try:
        while True:
            try:
                msgs = await sub.fetch(100, timeout=idle)
            except TimeoutError:  # nats-py may raise a bare asyncio.TimeoutError
                return found
            for msg in msgs:
                await msg.ack()
                if match(msg.data):
                    found.append((msg.data, dict(msg.headers or {})))
    finally:
        await sub.unsubscribe()


async def eventually(check: Callable[[], object], *, timeout: float = 15.0, interval: float = 0.1) -> None:
    """Wait until `check()` (sync or async) is truthy."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(interval)


def ids_in(data: Sequence[tuple[bytes, dict[str, str]]]) -> list[str]:
    """The event ids in collected messages (from the Nats-Msg-Id header)."""
    return [headers.get("Nats-Msg-Id", "") for _data, headers in data]
