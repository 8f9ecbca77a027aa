"""Appending to and reading the audit log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    """What the admin asked to see; `before` is the seq cursor of the previous page."""

    limit: int
    before: int | None = None
    event_type: str | None = None
    correlation_id: uuid.UUID | None = None
    actor_id: str | None = None


class AuditLog:
    """The event log in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def append(self, records: Sequence[dict[str, Any]]) -> int:
        """Insert records in order, skipping event ids already logged; return how many were new."""
        if not records:
            return 0
        table = cast(Table, AuditEvent.__table__)
        inserted = await self.session.scalars(
            pg_insert(table)
            .values(list(records))
            .on_conflict_do_nothing(index_elements=[table.c.event_id])
            .returning(table.c.event_id)
        )
        return len(inserted.all())

    async def newest(self, query: AuditFilter) -> Sequence[AuditEvent]:
        """Up to `query.limit` events matching `query`, newest first by when they occurred."""
        stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.seq.desc()).limit(query.limit)
        if query.before is not None:
            # The cursor names a row by seq; the page continues strictly after it in (occurred_at, seq).
            cursor_at = await self.session.scalar(select(AuditEvent.occurred_at).where(AuditEvent.seq == query.before))
            if cursor_at is None:
                return []
            stmt = stmt.where(tuple_(AuditEvent.occurred_at, AuditEvent.seq) < tuple_(cursor_at, query.before))
        if query.event_type is not None:
            stmt = stmt.where(AuditEvent.event_type == query.event_type)
        if query.correlation_id is not None:
            stmt = stmt.where(AuditEvent.correlation_id == query.correlation_id)
        if query.actor_id is not None:
            stmt = stmt.where(AuditEvent.actor_id == query.actor_id)
        return (await self.session.scalars(stmt)).all()
