"""Events published by the interviews service."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from contracts.envelope import Event, Payload


class InterviewScheduledPayload(Payload):
    interview_id: uuid.UUID
    application_id: uuid.UUID
    job_id: uuid.UUID
    interviewer_id: uuid.UUID
    scheduled_at: datetime
    duration_minutes: int = 45


class InterviewScheduled(Event):
    """An interview was put in the calendar."""

    subject = "talent.interview.scheduled.v1"
    event_type: Literal["InterviewScheduled"] = "InterviewScheduled"
    payload: InterviewScheduledPayload


class InterviewCompletedPayload(Payload):
    interview_id: uuid.UUID
    application_id: uuid.UUID
    job_id: uuid.UUID
    recommendation: Literal["strong_yes", "yes", "no", "strong_no"] | None = None


class InterviewCompleted(Event):
    """An interview took place; feedback may follow."""

    subject = "talent.interview.completed.v1"
    event_type: Literal["InterviewCompleted"] = "InterviewCompleted"
    payload: InterviewCompletedPayload
