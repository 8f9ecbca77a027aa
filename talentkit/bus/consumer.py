"""Durable JetStream pull consumers: explicit ack, bounded redelivery with backoff, then dead letter.

Each batch is handled in one database transaction together with its inbox rows, so an event that
is delivered twice (a replica died before acking) changes state once. A batch that fails is
retried message by message, so one poison message cannot hold back the others. A failure while
the database does not answer is nobody's message's fault: the batch is held (kept in progress)
until the database is back, instead of spending its attempts and ending in the dead-letter stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.envelope import Event
from contracts.registry import STREAM_NAME, UnknownEventError, dead_letter_subject, decode
from talentkit.bus.outbox import enqueue
from talentkit.bus.tables import BusTables
from talentkit.db import Database
from talentkit.logs import get_logger
from talentkit.metrics import BUS_CONSUMED, BUS_HANDLE_LATENCY
from talentkit.settings import BusSettings

log = get_logger(__name__)

# How often a consumer held by a database outage asks the database again.
_DATABASE_RETRY_SECONDS = 1.0


@dataclass
class HandlerContext:
    """What a handler gets: the transaction's session, a way to emit events, and the service state."""

    session: AsyncSession
    tables: BusTables
    service: str
    state: Any
    cause: Event | None = None

    async def emit(self, *events: Event) -> None:
        """Publish `events` through the outbox, in this transaction (one insert for all of them)."""
        await enqueue(self.session, self.tables, *events)

    def new_event(self, model: type[Event], payload: Any, *, actor_id: str | None = None) -> Event:
        """An event caused by the one being handled (same correlation id)."""
        cause = self.cause
        return model.build(
            payload,
            producer=self.service,
            actor_id=actor_id if actor_id is not None else (cause.actor_id if cause else None),
            correlation_id=cause.correlation_id if cause else None,
            causation_id=cause.event_id if cause else None,
        )


BatchHandler = Callable[[HandlerContext, Sequence[Event]], Awaitable[None]]
EventHandler = Callable[[HandlerContext, Event], Awaitable[None]]


def per_event(handler: EventHandler) -> BatchHandler:
    """Adapt a one-event handler to the batch interface."""

    async def handle(ctx: HandlerContext, events: Sequence[Event]) -> None:
        for event in events:
            ctx.cause = event
            await handler(ctx, event)

    handle.__name__ = getattr(handler, "__name__", "handler")
    return handle


@dataclass(frozen=True)
class Subscription:
    """A durable consumer of some subjects, handled by `handler` in batches of `batch_size`."""

    name: str
    subjects: tuple[str, ...]
    handler: BatchHandler
    batch_size: int = 1
    decoder: Callable[[str, bytes], Event] = field(default=decode)


class PoisonMessageError(Exception):
    """A message that can never be handled (undecodable, unknown subject)."""


class Consumer:
    """Runs one subscription for one service until cancelled."""

    def __init__(
        self,
        *,
        service: str,
        subscription: Subscription,
        js: JetStreamContext,
        db: Database,
        tables: BusTables,
        settings: BusSettings,
        state: Any = None,
    ) -> None:
        self.service = service
        self.sub = subscription
        self.durable = f"{service}-{subscription.name}"
        self._js = js
        self._db = db
        self._tables = tables
        self._settings = settings
        self._state = state

    async def ensure(self) -> None:
        """Create the durable consumer, or bring its config up to date."""
        config = ConsumerConfig(
            durable_name=self.durable,
            deliver_policy=DeliverPolicy.ALL,
            ack_policy=AckPolicy.EXPLICIT,
            ack_wait=self._settings.ack_wait_seconds,
            # A safety net above our own dead-lettering, for a message that kills the process.
            max_deliver=self._settings.max_attempts + 2,
            max_ack_pending=max(1000, self.sub.batch_size * 4),
            filter_subjects=list(self.sub.subjects),
        )
        await self._js.add_consumer(STREAM_NAME, config=config)

    async def run(self) -> None:
        """Fetch and handle batches until cancelled."""
        await self.ensure()
        psub = await self._js.pull_subscribe_bind(self.durable, stream=STREAM_NAME)
        log.info("consumer.started", consumer=self.durable, subjects=list(self.sub.subjects))
        task = asyncio.current_task()
        try:
            while True:
                # Python 3.11's `wait_for` (inside nats-py's fetch) can swallow a cancellation that
                # races a delivery; the task still counts it, so stop here instead of running on.
                if task is not None and task.cancelling():
                    raise asyncio.CancelledError
                try:
                    msgs = await psub.fetch(self.sub.batch_size, timeout=1.0)
                except TimeoutError:  # nats-py raises its own subclass or a bare asyncio.TimeoutError
                    continue
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("consumer.fetch_failed", consumer=self.durable)
                    await asyncio.sleep(1.0)
                    continue
                try:
                    await self.process(msgs)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    # The broker failed an ack, nak or dead-letter publish: whatever was not acked is
                    # redelivered after ack_wait. Letting this end the task would stop consuming
                    # for good while the service still looks healthy.
                    log.exception("consumer.batch_failed", consumer=self.durable, messages=len(msgs))
                    await asyncio.sleep(1.0)
        finally:
            # Without this, `nc.drain()` at shutdown waits (up to its 30 s timeout) for messages a
            # cancelled fetch left in the subscription's queue; unacked ones are redelivered anyway.
            with contextlib.suppress(Exception):
                await psub.unsubscribe()

    async def process(self, msgs: Sequence[Msg]) -> None:
        """Handle a fetched batch: decode, handle in one transaction, ack; on failure isolate."""
        decoded: list[tuple[Msg, Event]] = []
        for msg in msgs:
            try:
                decoded.append((msg, self._decode(msg)))
            except PoisonMessageError as exc:
                await self._dead_letter(msg, str(exc))
        if not decoded:
            return
        started = time.perf_counter()
        try:
            await self._handle_patiently(decoded)
        except Exception as exc:
            if len(decoded) == 1:
                await self._fail(decoded[0][0], exc)
            else:
                for pair in decoded:
                    try:
                        await self._handle_patiently([pair])
                    except Exception as one_exc:
                        await self._fail(pair[0], one_exc)
        finally:
            BUS_HANDLE_LATENCY.labels(self.service, self.durable).observe(time.perf_counter() - started)

    async def _handle_patiently(self, batch: Sequence[tuple[Msg, Event]]) -> None:
        """`_handle`, waiting out a database outage rather than counting it against the messages."""
        while True:
            try:
                await self._handle(batch)
                return
            except Exception:
                if await self._database_answers():
                    raise
            log.warning("consumer.database_unavailable", consumer=self.durable, messages=len(batch))
            while not await self._database_answers():
                # Still being worked on: JetStream must not redeliver them elsewhere meanwhile.
                for msg, _event in batch:
                    await msg.in_progress()
                await asyncio.sleep(_DATABASE_RETRY_SECONDS)

    async def _database_answers(self) -> bool:
        try:
            return await asyncio.wait_for(self._db.ping(), timeout=_DATABASE_RETRY_SECONDS * 5)
        except Exception:
            return False

    def _decode(self, msg: Msg) -> Event:
        try:
            return self.sub.decoder(msg.subject, msg.data)
        except (UnknownEventError, ValidationError, ValueError) as exc:
            raise PoisonMessageError(f"undecodable message on {msg.subject}: {exc}") from exc

    async def _handle(self, batch: Sequence[tuple[Msg, Event]]) -> None:
        inbox = self._tables.inbox
        fresh: list[Event] = []
        duplicates: list[Msg] = []
        async with self._db.transaction() as session:
            for msg, event in batch:
                claimed = await session.scalar(
                    pg_insert(inbox)
                    .values(consumer=self.durable, event_id=event.event_id)
                    .on_conflict_do_nothing()
                    .returning(inbox.c.event_id)
                )
                if claimed is None:
                    duplicates.append(msg)
                else:
                    fresh.append(event)
            if fresh:
                ctx = HandlerContext(
                    session=session,
                    tables=self._tables,
                    service=self.service,
                    state=self._state,
                    cause=fresh[0] if len(fresh) == 1 else None,
                )
                await self.sub.handler(ctx, fresh)
        for msg, _event in batch:
            await msg.ack()
            outcome = "duplicate" if msg in duplicates else "ok"
            BUS_CONSUMED.labels(self.service, msg.subject, outcome).inc()

    async def _fail(self, msg: Msg, exc: Exception) -> None:
        delivered = msg.metadata.num_delivered
        if delivered >= self._settings.max_attempts:
            await self._dead_letter(msg, f"{type(exc).__name__}: {exc}")
            return
        backoff = self._settings.backoff_seconds
        delay = backoff[min(delivered - 1, len(backoff) - 1)] if backoff else 0.0
        log.warning(
            "consumer.handler_failed",
            consumer=self.durable,
            subject=msg.subject,
            attempt=delivered,
            retry_in=delay,
            error=f"{type(exc).__name__}: {exc}",
        )
        await msg.nak(delay=delay)
        BUS_CONSUMED.labels(self.service, msg.subject, "retry").inc()

    async def _dead_letter(self, msg: Msg, reason: str) -> None:
        headers = {
            "Tc-Error": reason[:1000],
            "Tc-Consumer": self.durable,
            "Tc-Original-Subject": msg.subject,
            "Tc-Stream-Sequence": str(msg.metadata.sequence.stream),
            "Nats-Msg-Id": f"{self.durable}:{msg.metadata.sequence.stream}",
        }
        await self._js.publish(dead_letter_subject(self.service, msg.subject), msg.data, headers=headers)
        await msg.term()
        BUS_CONSUMED.labels(self.service, msg.subject, "dead_letter").inc()
        log.error("consumer.dead_lettered", consumer=self.durable, subject=msg.subject, reason=reason)
