"""The common event envelope every Talent Connect event carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field


class Payload(BaseModel):
    """Base for event payloads: immutable, and unknown fields from newer producers are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class Event(BaseModel):
    """An event: the envelope fields, then `payload`.

    Subclasses set `subject` (the NATS subject, `talent.<aggregate>.<event>.v<N>`), declare
    `event_type` as a Literal and `payload` as their payload model.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    subject: ClassVar[str]

    event_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    event_type: str
    version: int = 1
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    producer: str
    correlation_id: uuid.UUID | None = None
    causation_id: uuid.UUID | None = None
    actor_id: str | None = None
    payload: Any

    @classmethod
    def build(
        cls,
        payload: Any,
        *,
        producer: str,
        actor_id: str | None = None,
        correlation_id: uuid.UUID | None = None,
        causation_id: uuid.UUID | None = None,
    ) -> Self:
        """Create an event of this type with a fresh id and timestamp."""
        event_type = cls.model_fields["event_type"].default
        event_id = uuid.uuid4()
        return cls(
            event_id=event_id,
            event_type=event_type,
            producer=producer,
            actor_id=actor_id,
            # An event that starts a flow correlates with itself.
            correlation_id=correlation_id or event_id,
            causation_id=causation_id,
            payload=payload,
        )

    def to_json(self) -> bytes:
        """Serialise for the wire."""
        return self.model_dump_json().encode()


class AnyEvent(Event):
    """An event read without knowing its type (the audit log records every event as it came)."""

    subject: ClassVar[str] = "talent.>"
    payload: dict[str, Any] = Field(default_factory=dict)
