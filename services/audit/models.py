"""Audit's tables: the append-only event log (plus the outbox and inbox every service has).

The database refuses UPDATE, DELETE and TRUNCATE on `audit_events` (a trigger added in the
initial migration), so not even a bug in this service can rewrite history.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, Index, Integer, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from talentkit.bus import bus_tables
from talentkit.db import service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata("audit")


class AuditEvent(Base):
    __tablename__ = "audit_events"

    event_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # Arrival order. The log reads newest first by (occurred_at, seq): occurred_at can tie, seq
    # cannot, so together they give a stable order and seq alone names a page boundary.
    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)
    subject: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    producer: Mapped[str] = mapped_column(String(100))
    actor_id: Mapped[str | None] = mapped_column(String(200))
    correlation_id: Mapped[uuid.UUID | None]
    causation_id: Mapped[uuid.UUID | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    # The whole log and each filter the admin API offers, walked newest first.
    __table_args__ = (
        Index("ix_audit_events_occurred_at_seq", "occurred_at", "seq"),
        Index("ix_audit_events_event_type_occurred_at_seq", "event_type", "occurred_at", "seq"),
        Index("ix_audit_events_correlation_id_occurred_at_seq", "correlation_id", "occurred_at", "seq"),
        Index("ix_audit_events_actor_id_occurred_at_seq", "actor_id", "occurred_at", "seq"),
    )


TABLES = bus_tables(Base.metadata)
