"""Events published by the jobs service."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from contracts.envelope import Event, Payload
from contracts.events.ingest import EducationLevel

ApplicationStatus = Literal["submitted", "screening", "interview", "offer", "hired", "rejected", "withdrawn"]
Seniority = Literal["entry", "mid", "senior"]


class JobPostedPayload(Payload):
    job_id: uuid.UUID
    recruiter_id: uuid.UUID
    title: str
    description: str


class JobPosted(Event):
    """A recruiter posted a job; it waits for analysis."""

    subject = "talent.job.posted.v1"
    event_type: Literal["JobPosted"] = "JobPosted"
    payload: JobPostedPayload


class EducationRequirement(Payload):
    """The education a job asks for, and the experience it accepts instead."""

    level: EducationLevel
    fields: list[str] = Field(default_factory=list, max_length=20, description="Fields of study, as written.")
    required: bool = Field(default=True, description="False when the job only prefers it.")
    equivalent_years: float | None = Field(
        default=None, ge=0, le=40, description="Years of experience accepted in its place ('or equivalent')."
    )


class JobAnalyzedPayload(Payload):
    job_id: uuid.UUID
    recruiter_id: uuid.UUID
    title: str
    status: Literal["open", "closed"] = "open"
    required_skills: list[str] = Field(default_factory=list, description="Canonical skill names.")
    preferred_skills: list[str] = Field(default_factory=list, description="Canonical skill names.")
    min_years_experience: float | None = None
    embedding_text: str = Field(default="", max_length=20_000)
    # The role level the recruiter gave or the analysis inferred; the matcher weighs scores by it.
    seniority: Seniority | None = None
    max_years_experience: float | None = Field(
        default=None, ge=0, le=60, description="A stated ceiling ('less than 12 months', 'new graduates')."
    )
    education: EducationRequirement | None = None
    required_licences: list[str] = Field(default_factory=list, max_length=20, description="Canonical licence names.")
    required_certifications: list[str] = Field(default_factory=list, max_length=30)
    preferred_certifications: list[str] = Field(default_factory=list, max_length=30)
    field: str | None = Field(default=None, max_length=50, description="The job's occupational field.")


class JobAnalyzed(Event):
    """A job's requirements were extracted; matching can start."""

    subject = "talent.job.analyzed.v1"
    event_type: Literal["JobAnalyzed"] = "JobAnalyzed"
    payload: JobAnalyzedPayload


class ApplicationSubmittedPayload(Payload):
    application_id: uuid.UUID
    job_id: uuid.UUID
    resume_id: uuid.UUID
    candidate_id: uuid.UUID | None = None
    source: Literal["candidate", "recruiter_upload"] = "candidate"


class ApplicationSubmitted(Event):
    """A resume became an application to a job (a candidate applied, or a recruiter uploaded it)."""

    subject = "talent.application.submitted.v1"
    event_type: Literal["ApplicationSubmitted"] = "ApplicationSubmitted"
    payload: ApplicationSubmittedPayload


class ApplicationStatusChangedPayload(Payload):
    application_id: uuid.UUID
    job_id: uuid.UUID
    candidate_id: uuid.UUID | None = None
    old_status: ApplicationStatus
    new_status: ApplicationStatus
    # The recruiter who owns the job, so consumers (interviews) can check ownership without asking jobs.
    recruiter_id: uuid.UUID | None = None


class ApplicationStatusChanged(Event):
    """An application moved through the hiring pipeline."""

    subject = "talent.application.status_changed.v1"
    event_type: Literal["ApplicationStatusChanged"] = "ApplicationStatusChanged"
    payload: ApplicationStatusChangedPayload


class SwipeRecordedPayload(Payload):
    candidate_id: uuid.UUID
    job_id: uuid.UUID
    direction: Literal["like", "pass"]


class SwipeRecorded(Event):
    """A candidate liked or passed on a job in their feed."""

    subject = "talent.swipe.recorded.v1"
    event_type: Literal["SwipeRecorded"] = "SwipeRecorded"
    payload: SwipeRecordedPayload
