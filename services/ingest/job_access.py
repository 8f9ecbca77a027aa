"""Who may attach resumes to a job and read the resumes attached to it, from the jobs service's events.

Ingest never asks the jobs service: it keeps a read model of `JobPosted` (the job's recruiter) and
`ApplicationSubmitted` (a resume applied to a job). Being built from events, it lags a little: a job
posted a moment ago may not be known here yet, and is then answered like an unknown job (404) until
its `JobPosted` arrives (normally well under a second).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.envelope import Event
from contracts.events import ApplicationSubmitted, JobPosted
from services.ingest.models import Resume
from services.ingest.repository import JobAccessRepository, ResumeRepository
from talentkit.auth import Principal
from talentkit.bus import HandlerContext
from talentkit.errors import ApiError
from talentkit.logs import get_logger

log = get_logger(__name__)


def no_such_job() -> ApiError:
    """The answer for a job the caller may not use (unknown, or someone else's): indistinguishable on purpose."""
    return ApiError(404, "no such job", code="job_not_found")


async def require_job_of(session: AsyncSession, principal: Principal, job_id: uuid.UUID) -> None:
    """Raise 404 unless the job is known and the caller is its recruiter or an admin."""
    recruiter_id = await JobAccessRepository(session).recruiter_of(job_id)
    if recruiter_id is None or not (principal.is_admin or recruiter_id == principal.user_id):
        raise no_such_job()


async def readable_resumes(session: AsyncSession, principal: Principal, ids: Iterable[uuid.UUID]) -> list[Resume]:
    """The resumes among `ids` the caller may read: own uploads, all for admins, and for recruiters
    those uploaded for or applied to one of their jobs."""
    return await ResumeRepository(session).readable(
        ids, user_id=principal.user_id, is_admin=principal.is_admin, is_recruiter=principal.role == "recruiter"
    )


async def readable_resume(session: AsyncSession, principal: Principal, resume_id: uuid.UUID) -> Resume:
    """The resume if the caller may read it; 404 otherwise (whether or not it exists)."""
    found = await readable_resumes(session, principal, [resume_id])
    if not found:
        raise ApiError(404, "no such resume", code="resume_not_found")
    return found[0]


async def record_job_events(ctx: HandlerContext, events: Sequence[Event]) -> None:
    """Keep job owners and applications from a batch of `JobPosted` / `ApplicationSubmitted` (idempotent)."""
    jobs: list[dict[str, Any]] = []
    applications: list[dict[str, Any]] = []
    for event in events:
        if isinstance(event, JobPosted):
            p = event.payload
            jobs.append({"job_id": p.job_id, "recruiter_id": p.recruiter_id, "posted_at": event.occurred_at})
        elif isinstance(event, ApplicationSubmitted):
            a = event.payload
            applications.append(
                {
                    "application_id": a.application_id,
                    "job_id": a.job_id,
                    "resume_id": a.resume_id,
                    "candidate_id": a.candidate_id,
                }
            )
    repo = JobAccessRepository(ctx.session)
    # Several events about one key in a batch would make one INSERT touch a row twice: keep the first.
    await repo.record_jobs(list({row["job_id"]: row for row in reversed(jobs)}.values()))
    await repo.record_applications(list({row["application_id"]: row for row in reversed(applications)}.values()))


async def forget_user(ctx: HandlerContext, user_id: uuid.UUID, resume_ids: Iterable[uuid.UUID]) -> None:
    """Forget a deleted user's jobs, their applications, and the applications of their erased resumes."""
    repo = JobAccessRepository(ctx.session)
    jobs, applications = await repo.forget_user(user_id)
    applications += await repo.forget_applications_of(resume_ids)
    log.info("ingest.job_access_forgotten", user_id=str(user_id), jobs=jobs, applications=applications)
