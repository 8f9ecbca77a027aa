"""Reading and writing ingest's rows: resumes, the job read model and the bulk-upload counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.ingest.models import BulkUploadDay, JobOwner, Resume, ResumeApplication


class ResumeRepository:
    """Resumes in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def unknown_skill_counts(self, *, limit: int) -> list[tuple[str, int]]:
        """Unknown skill-like terms across parsed resumes, with how many resumes use each, most used first."""
        term = func.jsonb_array_elements_text(Resume.parsed["unknown_skills"]).table_valued("value").alias("term")
        statement = (
            select(term.c.value, func.count(func.distinct(Resume.id)).label("resumes"))
            .select_from(Resume)
            .join(term, text("true"))
            .where(Resume.status == "parsed", func.jsonb_typeof(Resume.parsed["unknown_skills"]) == "array")
            .group_by(term.c.value)
            .order_by(text("resumes DESC"), term.c.value)
            .limit(limit)
        )
        return [(str(value), int(count)) for value, count in (await self.session.execute(statement)).all()]

    async def get(self, resume_id: uuid.UUID, *, for_update: bool = False) -> Resume | None:
        """The resume with this id (row-locked with `for_update`)."""
        query = select(Resume).where(Resume.id == resume_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def find_upload(self, *, sha256: str, uploaded_by: uuid.UUID, job_id: uuid.UUID | None) -> Resume | None:
        """The earlier upload of the same file by the same person for the same job, if any."""
        job_matches = Resume.job_id.is_(None) if job_id is None else Resume.job_id == job_id
        return await self.session.scalar(
            select(Resume).where(Resume.sha256 == sha256, Resume.uploaded_by == uploaded_by, job_matches)
        )

    async def add(self, resume: Resume) -> Resume:
        """Insert a resume; flushes so unique violations surface here."""
        self.session.add(resume)
        await self.session.flush()
        return resume

    async def uploaded_by(self, user_id: uuid.UUID, *, limit: int) -> list[Resume]:
        """A user's uploads, newest first."""
        rows = await self.session.scalars(
            select(Resume)
            .where(Resume.uploaded_by == user_id)
            .order_by(Resume.created_at.desc(), Resume.id.desc())
            .limit(limit)
        )
        return list(rows)

    async def parse_source(self, sha256: str) -> Resume | None:
        """The most recent resume whose parse of this very file can be reused (parsed and announced)."""
        return await self.session.scalar(
            select(Resume)
            .where(Resume.sha256 == sha256, Resume.status == "parsed", Resume.parse_summary.is_not(None))
            .order_by(Resume.updated_at.desc())
            .limit(1)
        )

    async def remember_parse_summary(self, resume_id: uuid.UUID, summary: Mapping[str, Any]) -> bool:
        """Keep what `ResumeParsed` announced for a parsed resume; False when gone, not parsed, or already kept."""
        result = await self.session.execute(
            update(Resume)
            # An unchanged summary is not rewritten (nor is the row's `updated_at` touched).
            .where(
                Resume.id == resume_id,
                Resume.status == "parsed",
                Resume.parse_summary.is_distinct_from(dict(summary)),
            )
            .values(parse_summary=dict(summary))
            .returning(Resume.id)
        )
        return result.first() is not None

    async def by_ids(self, ids: Iterable[uuid.UUID]) -> list[Resume]:
        """The resumes with these ids that exist."""
        wanted = list(set(ids))
        if not wanted:
            return []
        return list(await self.session.scalars(select(Resume).where(Resume.id.in_(wanted))))

    async def readable(
        self, ids: Iterable[uuid.UUID], *, user_id: uuid.UUID, is_admin: bool, is_recruiter: bool
    ) -> list[Resume]:
        """Those of the resumes `ids` a user may read: their own, any for an admin, and for a recruiter
        those uploaded for or applied to one of their jobs."""
        wanted = list(set(ids))
        if not wanted:
            return []
        query = select(Resume).where(Resume.id.in_(wanted))
        if not is_admin:
            query = query.where(_readable_by(user_id, is_recruiter=is_recruiter))
        return list(await self.session.scalars(query))

    async def delete(self, resume_id: uuid.UUID) -> Resume | None:
        """Delete one resume; the deleted row, or None when there was none."""
        return await self.session.scalar(delete(Resume).where(Resume.id == resume_id).returning(Resume))

    async def ids_of_user(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        """The ids of every resume a user uploaded or owns."""
        return list(await self.session.scalars(select(Resume.id).where(_belongs_to(user_id))))

    async def claim_for_parsing(self, resume_id: uuid.UUID) -> bool:
        """Mark a resume as being parsed; False when it is gone or already finished."""
        result = await self.session.execute(
            update(Resume)
            .where(Resume.id == resume_id, Resume.status.in_(("pending", "parsing")))
            .values(status="parsing")
            .returning(Resume.id)
        )
        return result.first() is not None

    async def digests_of_user(self, user_id: uuid.UUID) -> set[str]:
        """The file digests of every resume a user uploaded or owns."""
        rows = await self.session.scalars(select(Resume.sha256).where(_belongs_to(user_id)))
        return set(rows)

    async def delete_for_user(self, user_id: uuid.UUID) -> set[str]:
        """Delete every resume a user uploaded or owns; the digests of the deleted files."""
        rows = await self.session.scalars(delete(Resume).where(_belongs_to(user_id)).returning(Resume.sha256))
        return set(rows)

    async def count_with_digest(self, sha256: str) -> int:
        """How many resumes refer to the stored file with this digest."""
        return int(await self.session.scalar(select(func.count()).where(Resume.sha256 == sha256)) or 0)

    async def lock_digests(self, digests: Iterable[str]) -> None:
        """Serialise work on these stored files until the transaction ends (sorted, so two lockers cannot deadlock).

        Uploads take the same lock before they reuse a file, so a file is never deleted between an
        upload finding it on disk and its row being committed.
        """
        for sha256 in sorted(set(digests)):
            await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": digest_lock_key(sha256)})


def digest_lock_key(sha256: str) -> int:
    """A signed 64-bit advisory-lock key for a file digest."""
    return int(sha256[:16], 16) - (1 << 63)


def _belongs_to(user_id: uuid.UUID) -> ColumnElement[bool]:
    return or_(Resume.uploaded_by == user_id, Resume.candidate_id == user_id)


def _readable_by(user_id: uuid.UUID, *, is_recruiter: bool) -> ColumnElement[bool]:
    if not is_recruiter:
        return _belongs_to(user_id)
    applied_to_job = exists().where(
        ResumeApplication.resume_id == Resume.id, ResumeApplication.job_id == JobOwner.job_id
    )
    recruits_for = exists().where(
        JobOwner.recruiter_id == user_id, or_(JobOwner.job_id == Resume.job_id, applied_to_job)
    )
    return or_(_belongs_to(user_id), recruits_for)


class JobAccessRepository:
    """The read model of who owns which job and which resumes applied where (built from jobs' events)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record_jobs(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Remember job owners (`job_id`, `recruiter_id`, `posted_at`); a job already known stays as it is."""
        if rows:
            await self.session.execute(pg_insert(JobOwner).values(list(rows)).on_conflict_do_nothing())

    async def record_applications(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Remember applications (`application_id`, `job_id`, `resume_id`, `candidate_id`); idempotent."""
        if rows:
            await self.session.execute(pg_insert(ResumeApplication).values(list(rows)).on_conflict_do_nothing())

    async def recruiter_of(self, job_id: uuid.UUID) -> uuid.UUID | None:
        """The recruiter who posted the job; None for a job this service has not heard of."""
        return await self.session.scalar(select(JobOwner.recruiter_id).where(JobOwner.job_id == job_id))

    async def forget_applications_of(self, resume_ids: Iterable[uuid.UUID]) -> int:
        """Drop the applications of these resumes; how many there were."""
        wanted = list(set(resume_ids))
        if not wanted:
            return 0
        rows = await self.session.scalars(
            delete(ResumeApplication)
            .where(ResumeApplication.resume_id.in_(wanted))
            .returning(ResumeApplication.application_id)
        )
        return len(list(rows))

    async def forget_user(self, user_id: uuid.UUID) -> tuple[int, int]:
        """Drop a deleted user's jobs and applications; how many of each."""
        jobs = await self.session.scalars(
            delete(JobOwner).where(JobOwner.recruiter_id == user_id).returning(JobOwner.job_id)
        )
        applications = await self.session.scalars(
            delete(ResumeApplication)
            .where(ResumeApplication.candidate_id == user_id)
            .returning(ResumeApplication.application_id)
        )
        return len(list(jobs)), len(list(applications))


class BulkQuotaRepository:
    """Files sent through bulk upload per user and UTC day."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def used(self, user_id: uuid.UUID, day: date) -> int:
        """How many files the user sent that day."""
        used = await self.session.scalar(
            select(BulkUploadDay.files).where(BulkUploadDay.user_id == user_id, BulkUploadDay.day == day)
        )
        return int(used or 0)

    async def take(self, user_id: uuid.UUID, day: date, *, files: int, limit: int) -> int | None:
        """Count `files` more for the day if that stays within `limit`: the new total, or None (nothing counted).

        One statement, so two requests at once cannot both squeeze under the limit.
        """
        if files > limit:
            return None
        insert = pg_insert(BulkUploadDay).values(user_id=user_id, day=day, files=files)
        total = await self.session.scalar(
            insert.on_conflict_do_update(
                index_elements=[BulkUploadDay.user_id, BulkUploadDay.day],
                set_={"files": BulkUploadDay.files + files},
                where=BulkUploadDay.files + files <= limit,
            ).returning(BulkUploadDay.files)
        )
        return None if total is None else int(total)
