"""Reading and writing the matcher's tables: resume and job vectors, and match scores."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, any_, delete, literal, or_, select, text
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import Uuid

from services.matcher.models import Base, ErasedResume, ErasedUser, JobVector, MatchScore, ResumeVector

# Taken by every transaction that writes vectors or scores (see `serialize_matching`).
_MATCHING_LOCK = "matcher.matching"


def _among(column: Any, ids: Collection[uuid.UUID]) -> ColumnElement[bool]:
    """`column = ANY(array)`: one parameter however many ids (an IN list has a bound-parameter limit)."""
    return column == any_(literal(list(ids), ARRAY(Uuid())))  # type: ignore[no-any-return]


async def _upsert(
    session: AsyncSession, model: type[Base], rows: Sequence[dict[str, Any]], *, keys: Sequence[str], stamp: str
) -> None:
    """Insert `rows`, replacing those whose `keys` exist; `stamp` is the column set to now() either way."""
    if not rows:
        return
    stmt = insert(model)
    replaced = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    # The stamp's server default fills EXCLUDED too, so a replaced row gets a fresh time.
    replaced[stamp] = stmt.excluded[stamp]
    await session.execute(
        stmt.on_conflict_do_update(index_elements=[model.__table__.c[name] for name in keys], set_=replaced),
        list(rows),
    )


async def serialize_matching(session: AsyncSession) -> None:
    """Hold the matching lock until the transaction ends.

    A resume and a job indexed at the same moment by two transactions would each miss the other
    (neither sees the other's uncommitted row), and the pair would never be scored. Writers take
    this lock after the slow embedding step, so they queue only for the quick index-and-score part.
    """
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": _MATCHING_LOCK})


class ResumeVectorRepository:
    """Resume vectors in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert or replace resumes by id."""
        await _upsert(self.session, ResumeVector, rows, keys=["resume_id"], stamp="updated_at")

    async def by_ids(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, ResumeVector]:
        """The resumes with these ids that exist."""
        if not ids:
            return {}
        rows = await self.session.scalars(
            select(ResumeVector).where(_among(ResumeVector.resume_id, ids)).execution_options(populate_existing=True)
        )
        return {row.resume_id: row for row in rows}

    async def get(self, resume_id: uuid.UUID) -> ResumeVector | None:
        """One resume."""
        return await self.session.get(ResumeVector, resume_id)

    async def uploaded_for(self, job_ids: Collection[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(job_id, resume_id) for every resume uploaded for one of these jobs."""
        if not job_ids:
            return []
        rows = await self.session.execute(
            select(ResumeVector.job_id, ResumeVector.resume_id).where(_among(ResumeVector.job_id, job_ids))
        )
        return [(job_id, resume_id) for job_id, resume_id in rows if job_id is not None]

    async def delete_owned_by(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        """Delete the resumes `user_id` is the candidate of or uploaded; return their ids."""
        rows = await self.session.scalars(
            delete(ResumeVector)
            .where(or_(ResumeVector.candidate_id == user_id, ResumeVector.uploaded_by == user_id))
            .returning(ResumeVector.resume_id)
        )
        return list(rows)

    async def delete_ids(self, ids: Collection[uuid.UUID]) -> list[uuid.UUID]:
        """Delete these resumes' vectors; return the ids that existed."""
        if not ids:
            return []
        result = await self.session.scalars(
            delete(ResumeVector).where(ResumeVector.resume_id.in_(list(ids))).returning(ResumeVector.resume_id)
        )
        return list(result)

    async def pages(self, *, size: int) -> AsyncIterator[list[ResumeVector]]:
        """Every resume, `size` at a time, in id order."""
        after: uuid.UUID | None = None
        while True:
            query = select(ResumeVector).order_by(ResumeVector.resume_id).limit(size)
            if after is not None:
                query = query.where(ResumeVector.resume_id > after)
            page = list(await self.session.scalars(query))
            if not page:
                return
            yield page
            after = page[-1].resume_id
            self.session.expunge_all()


class JobVectorRepository:
    """Job vectors in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert or replace jobs by id."""
        await _upsert(self.session, JobVector, rows, keys=["job_id"], stamp="updated_at")

    async def by_ids(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, JobVector]:
        """The jobs with these ids that exist."""
        if not ids:
            return {}
        rows = await self.session.scalars(
            select(JobVector).where(_among(JobVector.job_id, ids)).execution_options(populate_existing=True)
        )
        return {row.job_id: row for row in rows}

    async def analyzed_at(self, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, datetime | None]:
        """When the stored `JobAnalyzed` of each of these jobs occurred (jobs not stored are left out)."""
        if not ids:
            return {}
        rows = await self.session.execute(
            select(JobVector.job_id, JobVector.analyzed_at).where(_among(JobVector.job_id, ids))
        )
        return {row.job_id: row.analyzed_at for row in rows}

    async def delete_owned_by(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        """Delete the jobs `user_id` posted; return their ids."""
        rows = await self.session.scalars(
            delete(JobVector).where(JobVector.recruiter_id == user_id).returning(JobVector.job_id)
        )
        return list(rows)

    async def pages(self, *, size: int) -> AsyncIterator[list[JobVector]]:
        """Every job, `size` at a time, in id order."""
        after: uuid.UUID | None = None
        while True:
            query = select(JobVector).order_by(JobVector.job_id).limit(size)
            if after is not None:
                query = query.where(JobVector.job_id > after)
            page = list(await self.session.scalars(query))
            if not page:
                return
            yield page
            after = page[-1].job_id
            self.session.expunge_all()


class MatchScoreRepository:
    """Match scores in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert or replace scores by (job_id, resume_id)."""
        await _upsert(self.session, MatchScore, rows, keys=["job_id", "resume_id"], stamp="computed_at")

    async def pairs_for_resumes(self, resume_ids: Collection[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(job_id, resume_id) of every stored score of these resumes."""
        if not resume_ids:
            return []
        rows = await self.session.execute(
            select(MatchScore.job_id, MatchScore.resume_id).where(_among(MatchScore.resume_id, resume_ids))
        )
        return [(job_id, resume_id) for job_id, resume_id in rows]

    async def pairs_for_jobs(self, job_ids: Collection[uuid.UUID]) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(job_id, resume_id) of every stored score against these jobs."""
        if not job_ids:
            return []
        rows = await self.session.execute(
            select(MatchScore.job_id, MatchScore.resume_id).where(_among(MatchScore.job_id, job_ids))
        )
        return [(job_id, resume_id) for job_id, resume_id in rows]

    async def for_resume(
        self, resume_id: uuid.UUID, *, open_only: bool, limit: int
    ) -> list[tuple[MatchScore, JobVector]]:
        """A resume's scores with their jobs, best first."""
        query = (
            select(MatchScore, JobVector)
            .join(JobVector, JobVector.job_id == MatchScore.job_id)
            .where(MatchScore.resume_id == resume_id)
            .order_by(MatchScore.score.desc(), MatchScore.job_id)
            .limit(limit)
        )
        if open_only:
            query = query.where(JobVector.status == "open")
        rows = await self.session.execute(query)
        return [(score, job) for score, job in rows]

    async def delete_involving(self, *, resume_ids: Collection[uuid.UUID], job_ids: Collection[uuid.UUID]) -> int:
        """Delete every score of these resumes or against these jobs; return how many."""
        if not resume_ids and not job_ids:
            return 0
        result = await self.session.execute(
            delete(MatchScore).where(or_(_among(MatchScore.resume_id, resume_ids), _among(MatchScore.job_id, job_ids)))
        )
        return int(getattr(result, "rowcount", 0) or 0)


class ErasureRepository:
    """Deleted resumes and users, remembered so that an event about them handled later indexes nothing."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def erase_resume(self, resume_id: uuid.UUID) -> None:
        """Remember a deleted resume (idempotent)."""
        await self.session.execute(insert(ErasedResume).values(resume_id=resume_id).on_conflict_do_nothing())

    async def erase_user(self, user_id: uuid.UUID) -> None:
        """Remember a deleted user (idempotent)."""
        await self.session.execute(insert(ErasedUser).values(user_id=user_id).on_conflict_do_nothing())

    async def erased_resumes(self, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these resumes were deleted."""
        if not ids:
            return set()
        return set(
            await self.session.scalars(select(ErasedResume.resume_id).where(_among(ErasedResume.resume_id, ids)))
        )

    async def erased_users(self, ids: Iterable[uuid.UUID | None]) -> set[uuid.UUID]:
        """Which of these users were deleted."""
        wanted = {user_id for user_id in ids if user_id is not None}
        if not wanted:
            return set()
        return set(await self.session.scalars(select(ErasedUser.user_id).where(_among(ErasedUser.user_id, wanted))))
