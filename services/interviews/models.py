"""Interviews' tables: interviews with their feedback, and the applications it learns of from jobs' events."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from talentkit.bus import bus_tables
from talentkit.db import service_metadata


class Base(DeclarativeBase):
    metadata = service_metadata("interviews")


class ApplicationView(Base):
    """Where an application stands in the pipeline (read model of ApplicationStatusChanged)."""

    __tablename__ = "applications"

    application_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    job_id: Mapped[uuid.UUID] = mapped_column()
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # The job's recruiter; unknown (None) when the producer did not say, and then only admins act on it.
    recruiter_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20))
    # When the status changed: a late, older event never overwrites a newer status.
    status_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(index=True)
    job_id: Mapped[uuid.UUID] = mapped_column()
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    recruiter_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # Who booked it and runs it.
    interviewer_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    # scheduled -> completed, or scheduled -> cancelled (the application left the pipeline)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    recommendation: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


TABLES = bus_tables(Base.metadata)
