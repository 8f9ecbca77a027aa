"""Ingest's tables: resumes (plus the outbox and inbox every service has)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text, func
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
    status: Mapped[ResumeStatus] = mapped_column(String(20), default="pending")
    error_code: Mapped[str | None] = mapped_column(String(50))
    error: Mapped[str | None] = mapped_column(Text)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


TABLES = bus_tables(Base.metadata)
