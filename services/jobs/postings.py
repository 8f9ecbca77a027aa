"""Job use cases: post, list, show, analyse and close jobs."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events import JobAnalyzed, JobPosted
from contracts.events.jobs import JobAnalyzedPayload, JobPostedPayload
from services.jobs.domain.access import may_manage_job, may_view_job
from services.jobs.domain.jd_analysis import JobEducation, JobRequirements, analyse_job, embedding_text
from services.jobs.models import Job
from services.jobs.repository import JobRepository
from services.jobs.settings import JobsSettings
from talentkit.auth import Principal
from talentkit.bus import HandlerContext
from talentkit.errors import ApiError
from talentkit.logs import get_logger
from talentkit.service import Runtime

log = get_logger(__name__)

# The contract's caps on the credential lists of JobAnalyzed.
_MAX_LICENCES = 20
_MAX_CERTIFICATIONS = 30


async def post_job(
    rt: Runtime[JobsSettings, Any],
    principal: Principal,
    *,
    title: str,
    description: str,
    location: str | None,
    seniority: str | None,
    blind_review: bool = False,
) -> Job:
    """Create a job waiting for analysis and announce it (JobPosted, in the same transaction)."""
    async with rt.transaction() as session:
        job = await JobRepository(session).add(
            Job(
                id=uuid.uuid4(),
                recruiter_id=principal.user_id,
                title=title,
                description=description,
                location=location,
                seniority=seniority,
                status="analyzing",
                blind_review=blind_review,
            )
        )
        payload = JobPostedPayload(
            job_id=job.id, recruiter_id=job.recruiter_id, title=job.title, description=job.description
        )
        await rt.emit(session, rt.new_event(JobPosted, payload, actor=principal))
    return job


async def list_jobs(
    rt: Runtime[JobsSettings, Any], principal: Principal, *, status: str | None, limit: int, offset: int
) -> list[Job]:
    """The jobs a caller may see: a recruiter their own, an admin all, a candidate the open ones."""
    recruiter_id: uuid.UUID | None = None
    if principal.role == "recruiter":
        recruiter_id = principal.user_id
    elif principal.role == "candidate":
        if status not in (None, "open"):
            return []
        status = "open"
    async with rt.transaction() as session:
        return await JobRepository(session).listing(
            recruiter_id=recruiter_id, status=status, limit=limit, offset=offset
        )


async def visible_job(session: AsyncSession, principal: Principal, job_id: uuid.UUID, *, lock: bool = False) -> Job:
    """The job if the caller may see it; 404 otherwise (whether it exists is not the caller's business)."""
    job = await JobRepository(session).get(job_id, for_update=lock)
    if job is None or not may_view_job(
        role=principal.role, user_id=principal.user_id, recruiter_id=job.recruiter_id, status=job.status
    ):
        raise ApiError(404, "there is no such job", code="job_not_found")
    return job


async def managed_job(session: AsyncSession, principal: Principal, job_id: uuid.UUID, *, lock: bool = False) -> Job:
    """The job if the caller manages it (its recruiter or an admin); 404 otherwise."""
    job = await JobRepository(session).get(job_id, for_update=lock)
    if job is None or not may_manage_job(role=principal.role, user_id=principal.user_id, recruiter_id=job.recruiter_id):
        raise ApiError(404, "there is no such job", code="job_not_found")
    return job


async def set_blind_review(
    rt: Runtime[JobsSettings, Any], principal: Principal, job_id: uuid.UUID, *, blind_review: bool
) -> Job:
    """Turn blind review of a job's applicants on or off (its recruiter or an admin)."""
    async with rt.transaction() as session:
        job = await managed_job(session, principal, job_id, lock=True)
        job.blind_review = blind_review
        await session.flush()
        await session.refresh(job)
    return job


async def get_job(rt: Runtime[JobsSettings, Any], principal: Principal, job_id: uuid.UUID) -> Job:
    """One job the caller may see."""
    async with rt.transaction() as session:
        return await visible_job(session, principal, job_id)


async def close_job(rt: Runtime[JobsSettings, Any], principal: Principal, job_id: uuid.UUID) -> Job:
    """Close a job to new applicants and matching; closing a closed job changes nothing."""
    async with rt.transaction() as session:
        job = await managed_job(session, principal, job_id, lock=True)
        if job.status != "closed":
            payload = mark_closed(job)
            await session.flush()
            await rt.emit(session, rt.new_event(JobAnalyzed, payload, actor=principal))
    return job


def mark_closed(job: Job) -> JobAnalyzedPayload:
    """Close `job` in memory and describe it for the matcher (JobAnalyzed with status closed)."""
    job.status = "closed"
    job.updated_at = datetime.now(UTC)
    return _analyzed_payload(job, status="closed")


async def analyse_posted_job(ctx: HandlerContext, event: JobPosted) -> None:
    """Extract a posted job's requirements, open it, and announce it (JobAnalyzed)."""
    job = await JobRepository(ctx.session).get(event.payload.job_id, for_update=True)
    if job is None or job.status != "analyzing":
        # Already analysed (a redelivered event), or closed before analysis: nothing to do.
        log.info("jobs.analysis_skipped", job_id=str(event.payload.job_id), status=job.status if job else None)
        return
    requirements = await asyncio.to_thread(analyse_job, job.title, job.description)
    store_requirements(job, requirements)
    job.seniority = job.seniority or requirements.seniority
    job.status = "open"
    job.analyzed_at = datetime.now(UTC)
    await ctx.session.flush()
    await ctx.emit(ctx.new_event(JobAnalyzed, _analyzed_payload(job, status="open")))
    log.info(
        "jobs.analysed",
        job_id=str(job.id),
        required=len(job.required_skills),
        preferred=len(job.preferred_skills),
        min_years=job.min_years_experience,
        max_years=job.max_years_experience,
        field=job.field,
    )


def store_requirements(job: Job, requirements: JobRequirements) -> None:
    """Copy what the analysis read onto the job's columns."""
    job.required_skills = list(requirements.required_skills)
    job.preferred_skills = list(requirements.preferred_skills)
    job.min_years_experience = requirements.min_years_experience
    job.max_years_experience = requirements.max_years_experience
    job.education = _education_json(requirements.education)
    job.required_licences = list(requirements.required_licences)
    job.required_certifications = list(requirements.required_certifications)
    job.preferred_certifications = list(requirements.preferred_certifications)
    job.field = requirements.field


def stored_requirements(job: Job) -> JobRequirements:
    """What the analysis read, as stored on the job (jobs analysed before a column existed have its default)."""
    education = job.education
    return JobRequirements(
        required_skills=tuple(job.required_skills),
        preferred_skills=tuple(job.preferred_skills),
        min_years_experience=job.min_years_experience,
        max_years_experience=job.max_years_experience,
        # The stored seniority may be the recruiter's; the payload takes it from the job, not from here.
        seniority=None,
        education=JobEducation(
            level=education["level"],
            fields=tuple(education.get("fields", ())),
            required=bool(education.get("required", True)),
            equivalent_years=education.get("equivalent_years"),
        )
        if education
        else None,
        required_licences=tuple(job.required_licences or ()),
        required_certifications=tuple(job.required_certifications or ()),
        preferred_certifications=tuple(job.preferred_certifications or ()),
        field=job.field,
    )


def job_analyzed_payload(
    *,
    job_id: uuid.UUID,
    recruiter_id: uuid.UUID,
    title: str,
    description: str,
    requirements: JobRequirements,
    seniority: str | None,
    status: Literal["open", "closed"] = "open",
) -> JobAnalyzedPayload:
    """Describe an analysed job for the matcher (pure): its requirements, level and the text it embeds."""
    # Validated from plain data: a stored seniority is a string the contract narrows to its levels.
    return JobAnalyzedPayload.model_validate(
        {
            "job_id": job_id,
            "recruiter_id": recruiter_id,
            "title": title,
            "status": status,
            "required_skills": list(requirements.required_skills),
            "preferred_skills": list(requirements.preferred_skills),
            "min_years_experience": requirements.min_years_experience,
            "max_years_experience": requirements.max_years_experience,
            "embedding_text": embedding_text(title, description),
            "seniority": seniority,
            "education": _education_json(requirements.education),
            # Cut to the contract's caps: a posting listing forty certificates must not fail the analysis.
            "required_licences": list(requirements.required_licences[:_MAX_LICENCES]),
            "required_certifications": list(requirements.required_certifications[:_MAX_CERTIFICATIONS]),
            "preferred_certifications": list(requirements.preferred_certifications[:_MAX_CERTIFICATIONS]),
            "field": requirements.field,
        }
    )


def _analyzed_payload(job: Job, *, status: Literal["open", "closed"]) -> JobAnalyzedPayload:
    return job_analyzed_payload(
        job_id=job.id,
        recruiter_id=job.recruiter_id,
        title=job.title,
        description=job.description,
        requirements=stored_requirements(job),
        seniority=job.seniority,
        status=status,
    )


def _education_json(education: JobEducation | None) -> dict[str, Any] | None:
    if education is None:
        return None
    return {**asdict(education), "fields": list(education.fields)}
