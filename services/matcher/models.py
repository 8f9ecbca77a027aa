"""Matcher's tables: the vectors it indexes (pgvector is their system of record) and the match scores."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pgvector.sqlalchemy import Vector
from sqlalchemy import DateTime, Float, Index, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from talentkit.bus import bus_tables
from talentkit.db import service_metadata

EMBEDDING_DIMENSIONS = 384


class Base(DeclarativeBase):
    metadata = service_metadata("matcher")


class ResumeVector(Base):
    """A parsed resume as the matcher sees it: the facts scoring needs and its embedding."""

    __tablename__ = "resume_vectors"

    resume_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    uploaded_by: Mapped[uuid.UUID] = mapped_column(index=True)
    # The job a recruiter uploaded the resume for: that pair is always scored.
    job_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    total_experience_months: Mapped[int | None]
    # The evidence scoring reads (`domain.profiles.CandidateProfile` as JSON): skills with their use,
    # roles with fields, education, credentials. Empty for resumes indexed before it was recorded.
    profile: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    embedding: Mapped[Any] = mapped_column(Vector(EMBEDDING_DIMENSIONS))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class JobVector(Base):
    """An analysed job: its requirements and its embedding."""

    __tablename__ = "job_vectors"

    job_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    recruiter_id: Mapped[uuid.UUID] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20))
    required_skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    preferred_skills: Mapped[list[str]] = mapped_column(JSONB, default=list)
    min_years_experience: Mapped[float | None] = mapped_column(Float)
    # Everything scoring reads (`domain.profiles.JobRequirements` as JSON): years range, level,
    # education, licences and certifications, field. Empty for jobs indexed before it was recorded.
    requirements: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    embedding: Mapped[Any] = mapped_column(Vector(EMBEDDING_DIMENSIONS))
    # When the `JobAnalyzed` stored here occurred: an older one handled later (a retry) is ignored,
    # so a closed job is never reopened by its own stale "open".
    analyzed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class ErasedResume(Base):
    """A deleted resume. Parses and deletions are separate consumers: a parse handled after the
    deletion must not index the resume again."""

    __tablename__ = "erased_resumes"

    resume_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ErasedUser(Base):
    """A deleted user: a resume they own or uploaded, or a job they posted, handled later is not indexed."""

    __tablename__ = "erased_users"

    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MatchScore(Base):
    """The explained score of one resume against one job."""

    __tablename__ = "match_scores"

    job_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    resume_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    breakdown: Mapped[dict[str, float]] = mapped_column(JSONB)
    matched_skills: Mapped[list[str]] = mapped_column(JSONB)
    missing_skills: Mapped[list[str]] = mapped_column(JSONB)
    semantic_similarity: Mapped[float] = mapped_column(Float)
    # One sentence per scoring component, so a score can be shown with its reasons.
    explanation: Mapped[list[str]] = mapped_column(JSONB, default=list)
    scoring_version: Mapped[str] = mapped_column(String(20))
    # The multipliers on the summed points, the matched skills with their evidence, the hard
    # requirements not shown, and the strengths / gaps / recommendations in words.
    factors: Mapped[dict[str, float]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    matched: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    gates: Mapped[list[str]] = mapped_column(JSONB, default=list, server_default=text("'[]'::jsonb"))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    computed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    # A resume's feed reads its scores best first.
    __table_args__ = (Index("ix_match_scores_resume_score", "resume_id", score.desc()),)


TABLES = bus_tables(Base.metadata)
