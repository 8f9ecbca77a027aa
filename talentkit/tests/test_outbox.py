"""The transactional outbox against real PostgreSQL and JetStream."""

from __future__ import annotations

import uuid

import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from sqlalchemy import func, insert, select

from contracts.events import UserRegistered
from contracts.events.identity import UserRegisteredPayload
from talentkit.bus.outbox import OutboxRelay, enqueue
from talentkit.tests.conftest import KitSchema, collect

pytestmark = pytest.mark.integration


def _event() -> UserRegistered:
    payload = UserRegisteredPayload(user_id=uuid.uuid4(), email="o@example.com", role="candidate")
    return UserRegistered.build(payload, producer="kit-test")


async def _commit_state_and_event(schema: KitSchema, event: UserRegistered) -> None:
    async with schema.db.transaction() as session:
        await session.execute(insert(schema.counters).values(key=str(event.payload.user_id), value=1))
        await enqueue(session, schema.tables, event)


def _relay(schema: KitSchema, js: JetStreamContext) -> OutboxRelay:
    return OutboxRelay(service="kit-test", sessionmaker=schema.db.sessionmaker, tables=schema.tables, js=js)


async def _stored(js: JetStreamContext, event: UserRegistered) -> list[tuple[bytes, dict[str, str]]]:
    marker = str(event.event_id).encode()
    return await collect(js, UserRegistered.subject, match=lambda data: marker in data, idle=0.5)


async def test_a_crash_between_commit_and_publish_loses_nothing(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    event = _event()
    # The process "dies" right after committing: no relay ever ran for this row.
    await _commit_state_and_event(kit_schema, event)
    assert await _stored(js, event) == []

    # A relay started later (a restart, or another replica) finds the row and publishes it.
    relay = _relay(kit_schema, js)
    assert await relay.publish_pending() == 1
    stored = await _stored(js, event)
    assert len(stored) == 1
    assert stored[0][1]["Nats-Msg-Id"] == str(event.event_id)
    assert await relay.pending_count() == 0


async def test_a_crash_after_publish_before_marking_is_deduplicated(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    event = _event()
    await _commit_state_and_event(kit_schema, event)
    relay = _relay(kit_schema, js)
    # First relay publishes, then "dies" before its UPDATE commits: the row is still pending.
    await relay._publish(event.subject, event.model_dump(mode="json"), str(event.event_id))
    assert await relay.pending_count() == 1

    assert await relay.publish_pending() == 1
    assert len(await _stored(js, event)) == 1


async def test_a_rolled_back_transaction_publishes_nothing(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    event = _event()

    async def failing_use_case() -> None:
        async with kit_schema.db.transaction() as session:
            await enqueue(session, kit_schema.tables, event)
            raise RuntimeError("the use case failed after writing its event")

    with pytest.raises(RuntimeError):
        await failing_use_case()
    assert await _relay(kit_schema, js).publish_pending() == 0
    async with kit_schema.db.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(kit_schema.tables.outbox)) == 0


async def test_rows_are_published_in_commit_order(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    events = [_event() for _ in range(5)]
    for event in events:
        await _commit_state_and_event(kit_schema, event)
    assert await _relay(kit_schema, js).publish_pending() == 5
    wanted = {str(e.event_id) for e in events}
    stored = await collect(js, UserRegistered.subject, match=lambda data: any(w.encode() in data for w in wanted))
    assert [headers["Nats-Msg-Id"] for _data, headers in stored] == [str(e.event_id) for e in events]
