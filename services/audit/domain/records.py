"""An event as the audit log sees it: any envelope, any payload, and the subject it arrived on."""

from __future__ import annotations

from typing import Any

from contracts.envelope import AnyEvent, Event


class ObservedEvent(AnyEvent):
    """An event of any type, with the NATS subject it was delivered on.

    `Event.subject` is a class constant, but the log must record the real subject of events it has
    no contract for yet; the consumer's decoder sees the subject, so it is kept on the instance.
    """

    observed_subject: str = ""


def observe(subject: str, data: bytes) -> ObservedEvent:
    """Decode any event's envelope and remember the subject it came on (the audit consumer's decoder)."""
    # Same parse as `contracts.registry.decode_any`, into the subclass that can hold the subject.
    return ObservedEvent.model_validate_json(data).model_copy(update={"observed_subject": subject})


def audit_record(event: Event) -> dict[str, Any]:
    """The `audit_events` row for `event` (seq and recorded_at are the database's to assign)."""
    subject = event.observed_subject if isinstance(event, ObservedEvent) else type(event).subject
    return {
        "event_id": event.event_id,
        "subject": subject,
        "event_type": event.event_type,
        "version": event.version,
        "occurred_at": event.occurred_at,
        "producer": event.producer,
        "actor_id": event.actor_id,
        "correlation_id": event.correlation_id,
        "causation_id": event.causation_id,
        # JSON-ready whatever the payload's model: typed events hold UUIDs and datetimes.
        "payload": event.model_dump(mode="json")["payload"],
    }
