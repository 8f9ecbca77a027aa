"""Jobs' tables: jobs, applications and swipes it owns; candidate profiles and match scores it reads from events."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from talentkit.bus import bus_tables
from talentkit.db import service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata("jobs")


class Job(Base):
    __tablename__ = "jobs"
    # Candidates browse open jobs newest first; recruiters list their own.
    __table_args__ = (Index("ix_jobs_status_created_at", "status", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    recruiter_id: Mapped[uuid.UUID] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    # Given by the recruiter, or filled in by the analysis when they gave none.
    seniority: Mapped[str | None] = mapped_column(String(20))
    # analyzing -> open (once requirements are extracted) -> closed
    status: Mapped[str] = mapped_column(String(20), default="analyzing")
    # Blind review: applicants' names, contact and file names stay hidden from the recruiter until
    # an application is shortlisted (moved past `submitted`), so the first screen judges the work.
    blind_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    required_skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    preferred_skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    min_years_experience: Mapped[float | None] = mapped_column(Float)
    # A stated ceiling ("less than 12 months", "new graduates"): the matcher enforces it.
    max_years_experience: Mapped[float | None] = mapped_column(Float)
    # The education asked for, as `EducationRequirement` JSON (level, fields, required, equivalent_years).
    education: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    required_licences: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    required_certifications: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    preferred_certifications: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    # The occupational field (`contracts.occupations`), when the analysis could tell.
    field: Mapped[str | None] = mapped_column(String(50))
    analyzed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("job_id", "resume_id", name="uq_applications_job_id_resume_id"),
        # One application per candidate and job, whichever resume they use.
        Index(
            "uq_applications_job_id_candidate_id",
            "job_id",
            "candidate_id",
            unique=True,
            postgresql_where=text("candidate_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    resume_id: Mapped[uuid.UUID] = mapped_column(index=True)
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # candidate (applied themselves) or recruiter_upload
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Swipe(Base):
    __tablename__ = "swipes"

    candidate_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    direction: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class CandidateProfile(Base):
    """A parsed resume as ingest announced it (read model from ResumeParsed)."""

    __tablename__ = "candidate_profiles"

    resume_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    uploaded_by: Mapped[uuid.UUID] = mapped_column(index=True)
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    job_id: Mapped[uuid.UUID | None] = mapped_column()
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    total_experience_months: Mapped[int | None] = mapped_column(Integer)
    # The name the file was uploaded with, so a recruiter can tell their uploads apart.
    file_name: Mapped[str | None] = mapped_column(String(255))
    # When ingest parsed it: a re-parse replaces the profile, a late redelivery of an older one does not.
    parsed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MatchScore(Base):
    """The matcher's score of one resume against one job (read model from MatchComputed)."""

    __tablename__ = "match_scores"

    job_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    resume_id: Mapped[uuid.UUID] = mapped_column(primary_key=True, index=True)
    score: Mapped[float] = mapped_column(Float)
    breakdown: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    matched_skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    missing_skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    semantic_similarity: Mapped[float] = mapped_column(Float)
    scoring_version: Mapped[str] = mapped_column(String(50))
    # Matched skills with their evidence, the multipliers, unmet hard requirements, and the
    # explanation (summary, strengths, gaps, recommendations), as MatchComputed carried them.
    matched: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    factors: Mapped[dict[str, float]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    gates: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # When the matcher computed it: only a newer score replaces a stored one.
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ForgottenResume(Base):
    """A deleted resume. Parses and scores are other consumers than deletions: one arriving late must
    not bring back what the deletion removed."""

    __tablename__ = "forgotten_resumes"

    resume_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    forgotten_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ForgottenUser(Base):
    """A deleted user: a late parse of a resume they uploaded or own is not kept."""

    __tablename__ = "forgotten_users"

    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    forgotten_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


TABLES = bus_tables(Base.metadata)
