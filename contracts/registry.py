"""The catalogue of events: who publishes what on which subject, and decoding from the wire."""

from __future__ import annotations

from dataclasses import dataclass

from contracts import events as ev
from contracts.envelope import AnyEvent, Event

STREAM_NAME = "TALENT"
STREAM_SUBJECTS = ["talent.>"]
DEAD_LETTER_STREAM = "DEADLETTER"
DEAD_LETTER_PREFIX = "deadletter"


@dataclass(frozen=True)
class EventSpec:
    """One event type: its model, publisher and the services that consume it."""

    model: type[Event]
    producer: str
    consumers: tuple[str, ...]


CATALOGUE: tuple[EventSpec, ...] = (
    EventSpec(ev.UserRegistered, "identity", ("audit",)),
    EventSpec(ev.UserDeleted, "identity", ("ingest", "jobs", "matcher", "interviews", "audit")),
    EventSpec(ev.UserAccessRevoked, "identity", ("gateway", "audit")),
    EventSpec(ev.UserLoggedIn, "identity", ("audit",)),
    EventSpec(ev.LoginFailed, "identity", ("audit",)),
    EventSpec(ev.ResumeUploaded, "ingest", ("ingest", "audit")),
    EventSpec(ev.ResumeParsed, "ingest", ("ingest", "matcher", "jobs", "audit")),
    EventSpec(ev.ResumeParseFailed, "ingest", ("audit",)),
    EventSpec(ev.ResumeDeleted, "ingest", ("matcher", "jobs", "audit")),
    EventSpec(ev.JobPosted, "jobs", ("jobs", "ingest", "audit")),
    EventSpec(ev.JobAnalyzed, "jobs", ("matcher", "audit")),
    EventSpec(ev.ApplicationSubmitted, "jobs", ("matcher", "ingest", "audit")),
    EventSpec(ev.ApplicationStatusChanged, "jobs", ("interviews", "audit")),
    EventSpec(ev.SwipeRecorded, "jobs", ("matcher", "audit")),
    EventSpec(ev.MatchComputed, "matcher", ("jobs", "audit")),
    EventSpec(ev.InterviewScheduled, "interviews", ("audit",)),
    EventSpec(ev.InterviewCompleted, "interviews", ("audit",)),
)

BY_SUBJECT: dict[str, type[Event]] = {spec.model.subject: spec.model for spec in CATALOGUE}


class UnknownEventError(ValueError):
    """A message arrived on a subject no contract describes."""


def model_for(subject: str) -> type[Event]:
    """The event model for a subject."""
    try:
        return BY_SUBJECT[subject]
    except KeyError:
        raise UnknownEventError(f"no event contract for subject {subject!r}") from None


def decode(subject: str, data: bytes) -> Event:
    """Parse a message into its typed event (raises on an unknown subject or invalid data)."""
    return model_for(subject).model_validate_json(data)


def decode_any(data: bytes) -> AnyEvent:
    """Parse any event's envelope, keeping the payload as plain data."""
    return AnyEvent.model_validate_json(data)


def dead_letter_subject(service: str, subject: str) -> str:
    """Where a message goes when a service gives up on it."""
    return f"{DEAD_LETTER_PREFIX}.{service}.{subject}"
