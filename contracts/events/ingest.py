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
    file_name: str | None = Field(default=None, max_length=255, description="The name the file was uploaded with.")


class ResumeUploaded(Event):
    """A resume file was stored and waits to be parsed."""

    subject = "talent.resume.uploaded.v1"
    event_type: Literal["ResumeUploaded"] = "ResumeUploaded"
    payload: ResumeUploadedPayload


EvidenceKind = Literal["job", "project", "course", "certification", "skills_section", "summary", "headline", "other"]
EducationLevel = Literal["high_school", "diploma", "associate", "bachelor", "master", "doctorate", "other"]


class SkillSource(Payload):
    """One place a resume shows a skill: a dated role, a project, a course, or only a listing."""

    kind: EvidenceKind
    label: str = Field(default="", max_length=200, description="The employer, project or course; empty for a listing.")
    start_date: str | None = Field(default=None, description="`YYYY-MM` or `YYYY`.")
    end_date: str | None = Field(default=None, description="`YYYY-MM` or `YYYY`; none while current.")


class SkillEvidence(Payload):
    """What backs one canonical skill: the months it was used and where it appears."""

    name: str = Field(max_length=100, description="Canonical skill name.")
    months: int | None = Field(default=None, ge=0, le=720, description="Months of dated use, overlaps merged.")
    used: bool = Field(default=False, description="Shown in a dated role, project or course, not only listed.")
    sources: list[SkillSource] = Field(default_factory=list, max_length=20)


class Role(Payload):
    """One position held: title, employer, dates and the occupational field inferred from them."""

    title: str | None = Field(default=None, max_length=200)
    employer: str | None = Field(default=None, max_length=200)
    start_date: str | None = None
    end_date: str | None = None
    is_current: bool = False
    months: int | None = Field(default=None, ge=0, le=720)
    field: str | None = Field(default=None, max_length=50, description="Occupational field, e.g. `nursing`.")


class Education(Payload):
    """A qualification's level and field of study (the institution is not needed for matching)."""

    level: EducationLevel | None = None
    field: str | None = Field(default=None, max_length=200, description="Major or subject, as written.")
    year: int | None = None


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
    file_name: str | None = Field(default=None, max_length=255, description="The name the file was uploaded with.")
    skill_evidence: list[SkillEvidence] = Field(
        default_factory=list, max_length=300, description="Per canonical skill: months used and where it appears."
    )
    roles: list[Role] = Field(default_factory=list, max_length=50, description="Positions held, newest first.")
    education: list[Education] = Field(default_factory=list, max_length=20)
    licences: list[str] = Field(default_factory=list, max_length=50, description="Canonical licence names.")
    certifications: list[str] = Field(default_factory=list, max_length=50, description="Canonical certification names.")
    field: str | None = Field(default=None, max_length=50, description="The field of the most recent relevant roles.")


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
