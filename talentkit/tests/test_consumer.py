"""Durable consumers: idempotent handling, bounded retries, dead letters, no head-of-line blocking."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast

import nats.errors
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from contracts.envelope import Event
from contracts.events import UserRegistered
from contracts.events.identity import UserRegisteredPayload
from talentkit.bus.consumer import Consumer, HandlerContext, Subscription, per_event
from talentkit.settings import BusSettings
from talentkit.tests.conftest import KitSchema, collect, eventually

pytestmark = pytest.mark.integration

FAST_RETRIES = BusSettings(max_attempts=3, backoff_seconds=[0.1], ack_wait_seconds=5)
SLOW_RETRIES = BusSettings(max_attempts=2, backoff_seconds=[3.0], ack_wait_seconds=10)


def _event(email: str = "c@example.com") -> UserRegistered:
    payload = UserRegisteredPayload(user_id=uuid.uuid4(), email=email, role="candidate")
    return UserRegistered.build(payload, producer="kit-test")


async def _publish(js: JetStreamContext, event: Event, *, msg_id: str | None = None) -> None:
    await js.publish(event.subject, event.to_json(), headers={"Nats-Msg-Id": msg_id or str(event.event_id)})


class Recorder:
    """A handler that counts, per user id, how often it changed state; it fails on command."""

    def __init__(self, schema: KitSchema, mine: set[str]) -> None:
        self.schema = schema
        self.mine = mine
        self.poison_emails: set[str] = set()
        self.attempts: dict[str, int] = {}

    async def __call__(self, ctx: HandlerContext, event: Event) -> None:
        assert isinstance(event, UserRegistered)
        key = str(event.payload.user_id)
        if key not in self.mine:
            return  # events of other tests in the same session
        self.attempts[key] = self.attempts.get(key, 0) + 1
        if event.payload.email in self.poison_emails:
            raise ValueError("this one always fails")
        counters = self.schema.counters
        await ctx.session.execute(
            pg_insert(counters)
            .values(key=key, value=1)
            .on_conflict_do_update(index_elements=[counters.c.key], set_={"value": counters.c.value + 1})
        )

    async def value(self, key: str) -> int | None:
        async with self.schema.db.sessionmaker() as session:
            return await session.scalar(select(self.schema.counters.c.value).where(self.schema.counters.c.key == key))


def _consumer(
    schema: KitSchema,
    js: JetStreamContext,
    handler: Recorder,
    *,
    batch_size: int = 1,
    settings: BusSettings = FAST_RETRIES,
) -> Consumer:
    subscription = Subscription(
        name=f"t{uuid.uuid4().hex[:8]}",
        subjects=(UserRegistered.subject,),
        handler=per_event(handler),
        batch_size=batch_size,
    )
    return Consumer(
        service="kittest", subscription=subscription, js=js, db=schema.db, tables=schema.tables, settings=settings
    )


async def _run(consumer: Consumer) -> asyncio.Task[None]:
    await consumer.ensure()
    return asyncio.create_task(consumer.run())


async def test_the_same_event_delivered_twice_changes_state_once(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    event = _event()
    key = str(event.payload.user_id)
    recorder = Recorder(kit_schema, {key})
    task = await _run(_consumer(kit_schema, js, recorder))
    try:
        # Two copies with different message ids get past JetStream's de-duplication, as a
        # redelivery after a lost ack would.
        await _publish(js, event, msg_id="copy-1-" + key)
        await _publish(js, event, msg_id="copy-2-" + key)
        await eventually(lambda: recorder.attempts.get(key) == 1)
        await asyncio.sleep(0.5)
        assert await recorder.value(key) == 1
        assert recorder.attempts[key] == 1  # the inbox stopped the second copy before the handler
    finally:
        task.cancel()


async def test_a_poison_message_is_dead_lettered_and_does_not_block_the_stream(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    poison, healthy = _event("poison@example.com"), _event("healthy@example.com")
    keys = {str(poison.payload.user_id), str(healthy.payload.user_id)}
    recorder = Recorder(kit_schema, keys)
    recorder.poison_emails.add("poison@example.com")
    consumer = _consumer(kit_schema, js, recorder, settings=SLOW_RETRIES)
    task = await _run(consumer)
    try:
        await _publish(js, poison)
        await _publish(js, healthy)
        # The healthy event is handled while the poison one waits out its backoff.
        await eventually(lambda: recorder.value(str(healthy.payload.user_id)), timeout=2.5)
        assert recorder.attempts[str(poison.payload.user_id)] == 1
        await eventually(lambda: recorder.attempts.get(str(poison.payload.user_id)) == SLOW_RETRIES.max_attempts)
        marker = str(poison.event_id).encode()
        await eventually(
            lambda: collect(
                js,
                f"deadletter.kittest.{UserRegistered.subject}",
                stream="DEADLETTER",
                match=lambda d: marker in d,
                idle=0.3,
            )
        )
        dead = await collect(js, "deadletter.>", stream="DEADLETTER", match=lambda d: marker in d, idle=0.3)
        assert len(dead) == 1
        assert "this one always fails" in dead[0][1]["Tc-Error"]
        assert dead[0][1]["Tc-Consumer"] == consumer.durable
        assert await recorder.value(str(poison.payload.user_id)) is None
    finally:
        task.cancel()


async def test_undecodable_bytes_go_straight_to_the_dead_letter_subject(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    healthy = _event()
    recorder = Recorder(kit_schema, {str(healthy.payload.user_id)})
    task = await _run(_consumer(kit_schema, js, recorder))
    garbage = b"not json " + uuid.uuid4().hex.encode()
    try:
        await js.publish(UserRegistered.subject, garbage)
        await _publish(js, healthy)
        await eventually(lambda: recorder.value(str(healthy.payload.user_id)))
        await eventually(
            lambda: collect(js, "deadletter.>", stream="DEADLETTER", match=lambda d: d == garbage, idle=0.3)
        )
    finally:
        task.cancel()


async def test_a_failing_message_in_a_batch_does_not_fail_its_neighbours(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    events = [_event(f"b{i}@example.com") for i in range(4)]
    keys = {str(e.payload.user_id) for e in events}
    recorder = Recorder(kit_schema, keys)
    recorder.poison_emails.add("b2@example.com")
    task = await _run(_consumer(kit_schema, js, recorder, batch_size=10))
    try:
        for event in events:
            await _publish(js, event)
        for event in events:
            if event.payload.email != "b2@example.com":
                key = str(event.payload.user_id)
                await eventually(lambda key=key: recorder.value(key))  # type: ignore[misc]
    finally:
        task.cancel()


async def _call(handler: Callable[..., Awaitable[None]], *args: object) -> None:
    await handler(*args)


def test_per_event_sets_the_cause_for_each_event() -> None:
    seen: list[uuid.UUID | None] = []

    async def handler(ctx: HandlerContext, event: Event) -> None:
        seen.append(ctx.cause.event_id if ctx.cause else None)

    batch: Sequence[Event] = [_event(), _event()]
    ctx = HandlerContext(session=None, tables=None, service="t", state=None)  # type: ignore[arg-type]
    asyncio.run(_call(per_event(handler), ctx, batch))
    assert seen == [e.event_id for e in batch]


class _FlakyPublisher:
    """The consumer's JetStream context, whose first publish fails as one during a broker hiccup would."""

    def __init__(self, js: JetStreamContext) -> None:
        self._js = js
        self.failures_left = 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self._js, name)

    async def publish(self, *args: Any, **kwargs: Any) -> Any:
        if self.failures_left:
            self.failures_left -= 1
            raise nats.errors.TimeoutError
        return await self._js.publish(*args, **kwargs)


async def test_a_broker_error_while_dead_lettering_does_not_stop_the_consumer(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext]
) -> None:
    _, js = jetstream
    healthy = _event()
    recorder = Recorder(kit_schema, {str(healthy.payload.user_id)})
    flaky = _FlakyPublisher(js)
    consumer = _consumer(kit_schema, cast(JetStreamContext, flaky), recorder)
    task = await _run(consumer)
    garbage = b"not json either " + uuid.uuid4().hex.encode()
    try:
        await js.publish(UserRegistered.subject, garbage)
        await eventually(lambda: flaky.failures_left == 0)
        await _publish(js, healthy)
        await eventually(lambda: recorder.value(str(healthy.payload.user_id)))
        assert not task.done()
        # The message whose dead-lettering failed is redelivered (after ack_wait) and dead-lettered then.
        await eventually(
            lambda: collect(js, "deadletter.>", stream="DEADLETTER", match=lambda d: d == garbage, idle=0.3),
            timeout=FAST_RETRIES.ack_wait_seconds + 10,
        )
    finally:
        task.cancel()


async def test_a_database_outage_is_waited_out_not_dead_lettered(
    kit_schema: KitSchema, jetstream: tuple[NATS, JetStreamContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every event that arrives while the database is down would otherwise spend its few attempts on
    # the outage and end in the dead-letter stream, handled by nobody.
    _, js = jetstream
    event = _event("outage@example.com")
    key = str(event.payload.user_id)
    outage = True

    class DuringAnOutage(Recorder):
        async def __call__(self, ctx: HandlerContext, event: Event) -> None:
            if outage:
                raise ConnectionRefusedError("the database is away")
            await super().__call__(ctx, event)

    async def ping() -> bool:
        if outage:
            raise ConnectionRefusedError("the database is away")
        return True

    monkeypatch.setattr(kit_schema.db, "ping", ping)
    recorder = DuringAnOutage(kit_schema, {key})
    task = await _run(_consumer(kit_schema, js, recorder))
    try:
        await _publish(js, event)
        await asyncio.sleep(2.0)  # FAST_RETRIES would have spent all 3 attempts many times over
        outage = False
        await eventually(lambda: recorder.value(key))
        marker = str(event.event_id).encode()
        assert await collect(js, "deadletter.>", stream="DEADLETTER", match=lambda d: marker in d, idle=0.3) == []
    finally:
        task.cancel()
