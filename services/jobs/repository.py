"""Reading and writing jobs, applications, swipes and the read models built from other services' events."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.jobs.models import (
    Application,
    CandidateProfile,
    ForgottenResume,
    ForgottenUser,
    Job,
    MatchScore,
    Swipe,
)


class JobRepository:
    """Jobs in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, job: Job) -> Job:
        """Insert a job; flushes so defaults (status, timestamps) are set."""
        self.session.add(job)
        await self.session.flush()
        await self.session.refresh(job)
        return job

    async def get(self, job_id: uuid.UUID, *, for_update: bool = False) -> Job | None:
        """The job with this id, optionally locked until the transaction ends."""
        query = select(Job).where(Job.id == job_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def existing_ids(self, job_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of `job_ids` are jobs of this service."""
        if not job_ids:
            return set()
        return set(await self.session.scalars(select(Job.id).where(Job.id.in_(job_ids))))

    async def listing(
        self,
        *,
        recruiter_id: uuid.UUID | None,
        status: str | None,
        limit: int,
        offset: int,
    ) -> list[Job]:
        """Jobs newest first, filtered by owner and status when given."""
        query = select(Job)
        if recruiter_id is not None:
            query = query.where(Job.recruiter_id == recruiter_id)
        if status is not None:
            query = query.where(Job.status == status)
        query = query.order_by(Job.created_at.desc(), Job.id).limit(limit).offset(offset)
        return list(await self.session.scalars(query))

    async def open_jobs_of(self, recruiter_id: uuid.UUID) -> list[Job]:
        """A recruiter's jobs that are not closed, locked for closing."""
        query = select(Job).where(Job.recruiter_id == recruiter_id, Job.status != "closed").with_for_update()
        return list(await self.session.scalars(query))


@dataclass(frozen=True)
class RankedCandidate:
    """One applicant of a job with their profile and score (both may still be missing)."""

    application: Application
    profile: CandidateProfile | None
    score: MatchScore | None
    # Among the job's scored applicants: 1 is the best; the percentile is the share scoring at or below.
    rank: int | None = None
    percentile: float | None = None


@dataclass(frozen=True)
class CandidateApplication:
    """One of a candidate's applications with the job it is for."""

    application: Application
    job: Job


class ApplicationRepository:
    """Applications in one unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, application: Application) -> Application:
        """Insert an application; flushes so unique violations surface here."""
        self.session.add(application)
        await self.session.flush()
        await self.session.refresh(application)
        return application

    async def add_if_absent(self, values: dict[str, Any]) -> uuid.UUID | None:
        """Insert an application unless one exists for the same job and resume (or candidate); its id if new."""
        return await self.session.scalar(
            pg_insert(Application).values(**values).on_conflict_do_nothing().returning(Application.id)
        )

    async def get(self, application_id: uuid.UUID, *, for_update: bool = False) -> Application | None:
        """The application with this id, optionally locked until the transaction ends."""
        query = select(Application).where(Application.id == application_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def of_candidate_for_job(self, *, job_id: uuid.UUID, candidate_id: uuid.UUID) -> Application | None:
        """The candidate's application to this job, if any."""
        query = select(Application).where(Application.job_id == job_id, Application.candidate_id == candidate_id)
        return await self.session.scalar(query)

    async def for_resume(self, *, job_id: uuid.UUID, resume_id: uuid.UUID) -> Application | None:
        """The application of this resume to this job, if any."""
        query = select(Application).where(Application.job_id == job_id, Application.resume_id == resume_id)
        return await self.session.scalar(query)

    async def ranked(
        self,
        *,
        job_id: uuid.UUID,
        status: str | None,
        limit: int,
        offset: int,
        min_score: float | None = None,
        skill: str | None = None,
    ) -> tuple[list[RankedCandidate], int]:
        """A job's applicants, best score first (unscored last, then first come), and how many match the filters.

        Each scored applicant's rank and percentile are among all of the job's scored applicants, whatever
        the filters, so "top 10%" means the same on every page and filter.
        """
        standing = (
            select(
                Application.id.label("application_id"),
                func.rank().over(order_by=MatchScore.score.desc()).label("rank"),
                func.cume_dist().over(order_by=MatchScore.score).label("cume_dist"),
            )
            .join(
                MatchScore,
                and_(MatchScore.job_id == Application.job_id, MatchScore.resume_id == Application.resume_id),
            )
            .where(Application.job_id == job_id)
            .subquery()
        )
        where = [Application.job_id == job_id]
        if status is not None:
            where.append(Application.status == status)
        if min_score is not None:
            where.append(MatchScore.score >= min_score)
        if skill is not None:
            where.append(
                or_(
                    CandidateProfile.skills.contains([skill]),
                    MatchScore.matched.contains([{"skill": skill}]),
                )
            )
        joined = (
            select(Application, CandidateProfile, MatchScore, standing.c.rank, standing.c.cume_dist)
            .outerjoin(CandidateProfile, CandidateProfile.resume_id == Application.resume_id)
            .outerjoin(
                MatchScore,
                and_(MatchScore.job_id == Application.job_id, MatchScore.resume_id == Application.resume_id),
            )
            .outerjoin(standing, standing.c.application_id == Application.id)
            .where(*where)
        )
        query = (
            joined.order_by(MatchScore.score.desc().nulls_last(), Application.created_at, Application.id)
            .limit(limit)
            .offset(offset)
        )
        rows = (await self.session.execute(query)).all()
        total = await self.session.scalar(select(func.count()).select_from(joined.subquery()))
        ranked = [
            RankedCandidate(
                application=a,
                profile=p,
                score=s,
                rank=int(rank) if rank is not None else None,
                percentile=round(float(cume) * 100, 1) if cume is not None else None,
            )
            for a, p, s, rank, cume in rows
        ]
        return ranked, int(total or 0)

    async def of_candidate(self, candidate_id: uuid.UUID, *, limit: int, offset: int) -> list[CandidateApplication]:
        """A candidate's applications, newest first, with their jobs."""
        query = (
            select(Application, Job)
            .join(Job, Job.id == Application.job_id)
            .where(Application.candidate_id == candidate_id)
            .order_by(Application.created_at.desc(), Application.id)
            .limit(limit)
            .offset(offset)
        )
        rows = (await self.session.execute(query)).all()
        return [CandidateApplication(application=a, job=j) for a, j in rows]

    async def set_status(self, application: Application, status: str) -> Application:
        """Move an application to `status`."""
        application.status = status
        await self.session.flush()
        await self.session.refresh(application)
        return application

    async def delete_of_candidate(self, candidate_id: uuid.UUID) -> int:
        """Delete a candidate's applications; how many there were."""
        result = await self.session.execute(delete(Application).where(Application.candidate_id == candidate_id))
        return int(getattr(result, "rowcount", 0) or 0)

    async def delete_for_resumes(self, resume_ids: Sequence[uuid.UUID]) -> None:
        """Delete every application made with these resumes."""
        if resume_ids:
            await self.session.execute(delete(Application).where(Application.resume_id.in_(resume_ids)))


class ProfileRepository:
    """Candidate profiles (read model of ResumeParsed)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, resume_id: uuid.UUID) -> CandidateProfile | None:
        """The profile of this resume."""
        return await self.session.get(CandidateProfile, resume_id)

    async def upsert(self, values: dict[str, Any]) -> None:
        """Insert or replace a profile; an older parse never overwrites a newer one."""
        statement = pg_insert(CandidateProfile).values(**values)
        fields = {key: statement.excluded[key] for key in values if key != "resume_id"}
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[CandidateProfile.resume_id],
                set_=fields,
                where=CandidateProfile.parsed_at <= statement.excluded.parsed_at,
            )
        )

    async def delete_ids(self, resume_ids: Sequence[uuid.UUID]) -> None:
        """Delete these resumes' profiles."""
        if resume_ids:
            await self.session.execute(delete(CandidateProfile).where(CandidateProfile.resume_id.in_(resume_ids)))

    async def delete_of_user(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        """Delete the profiles of a candidate, and those a recruiter uploaded for nobody in particular."""
        condition = or_(
            CandidateProfile.candidate_id == user_id,
            and_(CandidateProfile.uploaded_by == user_id, CandidateProfile.candidate_id.is_(None)),
        )
        result = await self.session.scalars(
            delete(CandidateProfile).where(condition).returning(CandidateProfile.resume_id)
        )
        return list(result)


class MatchScoreRepository:
    """Match scores (read model of MatchComputed)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert(self, values: dict[str, Any]) -> None:
        """Insert or replace a score; an older score never overwrites a newer one."""
        statement = pg_insert(MatchScore).values(**values)
        fields = {key: statement.excluded[key] for key in values if key not in ("job_id", "resume_id")}
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[MatchScore.job_id, MatchScore.resume_id],
                set_=fields,
                where=MatchScore.computed_at <= statement.excluded.computed_at,
            )
        )

    async def delete_for_resumes(self, resume_ids: Sequence[uuid.UUID]) -> None:
        """Delete every score of these resumes."""
        if resume_ids:
            await self.session.execute(delete(MatchScore).where(MatchScore.resume_id.in_(resume_ids)))


class SwipeRepository:
    """Candidates' likes and passes on jobs."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, *, candidate_id: uuid.UUID, job_id: uuid.UUID, direction: str) -> str | None:
        """Store a swipe; the direction it replaced (None when it is the first)."""
        previous = await self.session.scalar(
            select(Swipe.direction).where(Swipe.candidate_id == candidate_id, Swipe.job_id == job_id).with_for_update()
        )
        statement = pg_insert(Swipe).values(candidate_id=candidate_id, job_id=job_id, direction=direction)
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[Swipe.candidate_id, Swipe.job_id],
                set_={"direction": statement.excluded.direction, "updated_at": func.now()},
            )
        )
        return previous

    async def delete_of_candidate(self, candidate_id: uuid.UUID) -> None:
        """Delete a candidate's swipes."""
        await self.session.execute(delete(Swipe).where(Swipe.candidate_id == candidate_id))


class ForgottenRepository:
    """Deleted resumes and users, remembered so that a late event about them changes nothing."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, ids: Iterable[uuid.UUID | None]) -> None:
        """Serialise forgetting and recording these resumes or users until the transaction ends.

        Without it a parse handled at the same moment as the deletion could commit its profile after
        the deletion looked for it. Sorted, so two lockers cannot deadlock.
        """
        for key in sorted({_lock_key(value) for value in ids if value is not None}):
            await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    async def forget_resumes(self, resume_ids: Sequence[uuid.UUID]) -> None:
        """Remember these resumes as deleted (idempotent)."""
        if resume_ids:
            rows = [{"resume_id": resume_id} for resume_id in set(resume_ids)]
            await self.session.execute(pg_insert(ForgottenResume).values(rows).on_conflict_do_nothing())

    async def forget_user(self, user_id: uuid.UUID) -> None:
        """Remember this user as deleted (idempotent)."""
        await self.session.execute(pg_insert(ForgottenUser).values(user_id=user_id).on_conflict_do_nothing())

    async def forgotten_resumes(self, resume_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these resumes were deleted."""
        if not resume_ids:
            return set()
        rows = await self.session.scalars(
            select(ForgottenResume.resume_id).where(ForgottenResume.resume_id.in_(set(resume_ids)))
        )
        return set(rows)

    async def forgotten_users(self, user_ids: Iterable[uuid.UUID | None]) -> set[uuid.UUID]:
        """Which of these users were deleted."""
        wanted = {user_id for user_id in user_ids if user_id is not None}
        if not wanted:
            return set()
        return set(await self.session.scalars(select(ForgottenUser.user_id).where(ForgottenUser.user_id.in_(wanted))))


def _lock_key(value: uuid.UUID) -> int:
    """A signed 64-bit advisory-lock key for a resume or user id."""
    return int.from_bytes(value.bytes[:8], "big", signed=True)
