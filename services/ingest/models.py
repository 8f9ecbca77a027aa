"""Ingest's tables: resumes, the job read model, bulk-upload counts (plus the outbox and inbox every service has)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, get_args

from sqlalchemy import CheckConstraint, Date, DateTime, Index, Integer, Numeric, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from talentkit.bus import bus_tables
from talentkit.db import service_metadata

ResumeStatus = Literal["pending", "parsing", "parsed", "failed"]
RESUME_STATUSES: tuple[str, ...] = get_args(ResumeStatus)


class Base(DeclarativeBase):
    metadata = service_metadata("ingest")


class Resume(Base):
    __tablename__ = "resumes"
    __table_args__ = (
        CheckConstraint(f"status IN {RESUME_STATUSES}", name="status"),
        # One row per (file, uploader, job): a re-upload answers with the existing resume. NULL job ids
        # must count as equal here, or every re-upload without a job would slip through.
        Index(
            "uq_resumes_upload",
            "sha256",
            "uploaded_by",
            "job_id",
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
        Index("ix_resumes_uploaded_by_created_at", "uploaded_by", "created_at"),
        Index("ix_resumes_candidate_id", "candidate_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    uploaded_by: Mapped[uuid.UUID]
    uploader_role: Mapped[str] = mapped_column(String(20))
    # The candidate the resume belongs to, when a candidate uploaded it themselves.
    candidate_id: Mapped[uuid.UUID | None]
    job_id: Mapped[uuid.UUID | None]
    sha256: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    # The name the file was uploaded with (no folders or control characters): recruiters know files by it.
    file_name: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[ResumeStatus] = mapped_column(String(20), default="pending")
    error_code: Mapped[str | None] = mapped_column(String(50))
    error: Mapped[str | None] = mapped_column(Text)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # What `ResumeParsed` announced about this file (all but the per-row ids), kept so that the same
    # file uploaded again can be announced as parsed without parsing it again.
    parse_summary: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class JobOwner(Base):
    """Read model from `JobPosted`: which recruiter owns a job (jobs owns the job itself)."""

    __tablename__ = "job_owners"
    __table_args__ = (Index("ix_job_owners_recruiter_id", "recruiter_id"),)

    job_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    recruiter_id: Mapped[uuid.UUID]
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ResumeApplication(Base):
    """Read model from `ApplicationSubmitted`: a resume applied to a job, so the job's recruiter may read it."""

    __tablename__ = "resume_applications"
    __table_args__ = (
        Index("ix_resume_applications_resume_id_job_id", "resume_id", "job_id"),
        Index("ix_resume_applications_candidate_id", "candidate_id"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    job_id: Mapped[uuid.UUID]
    resume_id: Mapped[uuid.UUID]
    candidate_id: Mapped[uuid.UUID | None]


class BulkUploadDay(Base):
    """How many files a user sent through bulk upload on one UTC day (the daily limit's counter)."""

    __tablename__ = "bulk_upload_days"

    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    files: Mapped[int] = mapped_column(Integer, default=0)


LlmOutcome = Literal["ok", "invalid", "timeout", "error", "hallucination_dropped"]
LLM_OUTCOMES: tuple[str, ...] = get_args(LlmOutcome)


class LlmCall(Base):
    """One HTTP call to an LLM provider: tokens, estimated cost, latency and what came of it."""

    __tablename__ = "llm_calls"
    __table_args__ = (
        CheckConstraint(f"outcome IN {LLM_OUTCOMES}", name="outcome"),
        # The monthly token budget sums this month's rows.
        Index("ix_llm_calls_at", "at"),
        Index("ix_llm_calls_resume_id", "resume_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # No foreign key: the ledger outlives an erased resume (it holds no personal data).
    resume_id: Mapped[uuid.UUID | None]
    provider: Mapped[str] = mapped_column(String(30))
    model: Mapped[str] = mapped_column(String(100))
    prompt_version: Mapped[str] = mapped_column(String(50))
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[Decimal] = mapped_column(Numeric(12, 6), default=Decimal(0))
    latency_ms: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[LlmOutcome] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(String(500))


TABLES = bus_tables(Base.metadata)
