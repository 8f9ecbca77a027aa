"""Events published by the ingest service."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from contracts.envelope import Event, Payload

ResumeContentType = Literal[
    "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain"
]


class ResumeUploadedPayload(Payload):
    resume_id: uuid.UUID
    uploaded_by: uuid.UUID
    uploader_role: str
    # The candidate the resume belongs to, when a candidate uploaded it themselves.
    candidate_id: uuid.UUID | None = None
    job_id: uuid.UUID | None = None
    sha256: str
    content_type: ResumeContentType
    size_bytes: int


class ResumeUploaded(Event):
    """A resume file was stored and waits to be parsed."""

    subject = "talent.resume.uploaded.v1"
    event_type: Literal["ResumeUploaded"] = "ResumeUploaded"
    payload: ResumeUploadedPayload


class ResumeParsedPayload(Payload):
    resume_id: uuid.UUID
    uploaded_by: uuid.UUID
    candidate_id: uuid.UUID | None = None
    job_id: uuid.UUID | None = None
    name: str | None = None
    email: str | None = None
    skills: list[str] = Field(default_factory=list, description="Canonical skill names.")
    total_experience_months: int | None = None
    # What the matcher embeds: a bounded summary of the profile, not the raw file.
    embedding_text: str = Field(default="", max_length=20_000)


class ResumeParsed(Event):
    """A resume became a structured profile."""

    subject = "talent.resume.parsed.v1"
    event_type: Literal["ResumeParsed"] = "ResumeParsed"
    payload: ResumeParsedPayload


class ResumeParseFailedPayload(Payload):
    resume_id: uuid.UUID
    uploaded_by: uuid.UUID
    job_id: uuid.UUID | None = None
    code: str = Field(description="Machine-readable reason, e.g. `empty_text`, `encrypted`, `corrupt`.")
    reason: str = Field(description="A sentence a person understands.")


class ResumeParseFailed(Event):
    """A resume could not be parsed; the reason says why."""

    subject = "talent.resume.parse_failed.v1"
    event_type: Literal["ResumeParseFailed"] = "ResumeParseFailed"
    payload: ResumeParseFailedPayload


class ResumeDeletedPayload(Payload):
    resume_id: uuid.UUID
    uploaded_by: uuid.UUID
    candidate_id: uuid.UUID | None = None
    job_id: uuid.UUID | None = None


class ResumeDeleted(Event):
    """A resume was deleted by its owner or an admin; services holding data derived from it should forget it."""

    subject = "talent.resume.deleted.v1"
    event_type: Literal["ResumeDeleted"] = "ResumeDeleted"
    payload: ResumeDeletedPayload
