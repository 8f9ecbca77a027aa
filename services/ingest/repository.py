"""Reading and writing resume rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import ColumnElement, delete, func, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.ingest.models import Resume


class ResumeRepository:
    """Resumes in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

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
