"""The outbox and inbox tables, created in each service's own schema."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, MetaData, String, Table, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB


@dataclass(frozen=True)
class BusTables:
    """A service's outbox (events to publish) and inbox (events already handled)."""

    outbox: Table
    inbox: Table


def bus_tables(metadata: MetaData) -> BusTables:
    """Declare the outbox and inbox on a service's metadata."""
    outbox = Table(
        "outbox",
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("event_id", Uuid, nullable=False, unique=True),
        Column("subject", String(200), nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True), nullable=True),
    )
    # The relay only ever scans unpublished rows: a partial index keeps that scan small.
    Index(
        f"ix_{metadata.schema}_outbox_pending",
        outbox.c.id,
        postgresql_where=outbox.c.published_at.is_(None),
    )
    inbox = Table(
        "inbox",
        metadata,
        Column("consumer", String(200), primary_key=True),
        Column("event_id", Uuid, primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    return BusTables(outbox=outbox, inbox=inbox)
