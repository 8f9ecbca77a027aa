"""Audit consumes every event (`talent.>`) and appends it to the log as it came."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.envelope import Event
from services.audit.domain.records import audit_record, observe
from services.audit.repository import AuditLog
from talentkit.bus import HandlerContext, Subscription
from talentkit.logs import get_logger

log = get_logger(__name__)

BATCH_SIZE = 100


async def record_events(ctx: HandlerContext, events: Sequence[Event]) -> None:
    """Append a batch of events to the log; an event already logged is skipped."""
    added = await AuditLog(ctx.session).append([audit_record(event) for event in events])
    log.debug("audit.recorded", received=len(events), added=added)


SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(
        name="log",
        subjects=("talent.>",),
        handler=record_events,
        batch_size=BATCH_SIZE,
        # Every event, including types this service has no contract for yet: envelope + raw payload.
        decoder=observe,
    ),
)
