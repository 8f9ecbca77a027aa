"""The transactional outbox: events are rows written with the state change, then relayed to JetStream.

A publish carries `Nats-Msg-Id` = event id, so when the relay crashes after publishing but before
marking the row, the retry is dropped by JetStream's de-duplication window instead of delivered twice.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from nats.js import JetStreamContext
from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts.envelope import Event
from talentkit.bus.tables import BusTables
from talentkit.logs import get_logger
from talentkit.metrics import OUTBOX_PENDING, OUTBOX_PUBLISHED

log = get_logger(__name__)


async def enqueue(session: AsyncSession, tables: BusTables, *events: Event) -> None:
    """Write `events` to the outbox inside the caller's transaction, in one statement."""
    if not events:
        return
    rows = [
        {"event_id": event.event_id, "subject": event.subject, "payload": event.model_dump(mode="json")}
        for event in events
    ]
    await session.execute(insert(tables.outbox), rows)


class OutboxRelay:
    """Publishes unpublished outbox rows in order; woken after each commit, and polls as a safety net."""

    def __init__(
        self,
        *,
        service: str,
        sessionmaker: async_sessionmaker[AsyncSession],
        tables: BusTables,
        js: JetStreamContext,
        poll_seconds: float = 1.0,
        batch_size: int = 200,
    ) -> None:
        self.service = service
        self._sessionmaker = sessionmaker
        self._tables = tables
        self._js = js
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Ask the relay to look at the outbox now."""
        self._wake.set()

    async def publish_pending(self) -> int:
        """Publish one batch of pending rows; return how many were published."""
        outbox = self._tables.outbox
        async with self._sessionmaker() as session, session.begin():
            # SKIP LOCKED lets several replicas relay the same outbox without publishing a row twice.
            rows = (
                await session.execute(
                    select(outbox.c.id, outbox.c.event_id, outbox.c.subject, outbox.c.payload)
                    .where(outbox.c.published_at.is_(None))
                    .order_by(outbox.c.id)
                    .limit(self._batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            published: list[int] = []
            try:
                for row in rows:
                    await self._publish(row.subject, row.payload, str(row.event_id))
                    published.append(row.id)
            finally:
                if published:
                    await session.execute(
                        update(outbox).where(outbox.c.id.in_(published)).values(published_at=func.now())
                    )
        if published:
            OUTBOX_PUBLISHED.labels(self.service).inc(len(published))
        return len(published)

    async def _publish(self, subject: str, payload: dict[str, Any], event_id: str) -> None:
        data = json.dumps(payload, separators=(",", ":")).encode()
        await self._js.publish(subject, data, headers={"Nats-Msg-Id": event_id}, timeout=5)

    async def pending_count(self) -> int:
        """How many rows wait to be published."""
        outbox = self._tables.outbox
        async with self._sessionmaker() as session:
            count = await session.scalar(
                select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
            )
        return int(count or 0)

    async def run(self) -> None:
        """Relay until cancelled."""
        task = asyncio.current_task()
        while True:
            # Python 3.11's `wait_for` (nats-py requests use it) can swallow a cancellation that races
            # a result; the task still counts it, so stop here instead of relaying on past shutdown.
            if task is not None and task.cancelling():
                raise asyncio.CancelledError
            try:
                while await self.publish_pending() == self._batch_size:
                    pass
                OUTBOX_PENDING.labels(self.service).set(await self.pending_count())
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox.relay_failed", service=self.service)
            try:
                # `asyncio.timeout`, unlike 3.11's `wait_for`, never mistakes a cancellation for a wake-up.
                async with asyncio.timeout(self._poll_seconds):
                    await self._wake.wait()
            except TimeoutError:
                pass
            self._wake.clear()
