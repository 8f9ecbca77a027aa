"""Jobs' HTTP API: jobs, applications, ranked applicants and swipes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from contracts.events.jobs import ApplicationStatus, Seniority
from services.jobs import applications, postings, swipes
from services.jobs.models import Application, Job
from services.jobs.repository import CandidateApplication, RankedCandidate
from services.jobs.settings import JobsSettings
from talentkit.auth import CurrentPrincipal, Principal, require_roles
from talentkit.service import Runtime, runtime_of

router = APIRouter()

JobsRuntime = Annotated[Runtime[JobsSettings, Any], Depends(runtime_of)]
Recruiter = Annotated[Principal, Depends(require_roles("recruiter", "admin"))]
Candidate = Annotated[Principal, Depends(require_roles("candidate"))]
JobStatus = Literal["analyzing", "open", "closed"]
Limit = Annotated[int, Query(ge=1, le=200, description="At most this many items (1-200).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many items.")]


def _without_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000: refused here, or the insert would fail as a 500.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


NoNul = AfterValidator(_without_nul)


class PostJobRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul]
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000), NoNul]
    location: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), NoNul] | None = None
    seniority: Seniority | None = Field(default=None, description="Leave empty to let the analysis infer it.")


class RequirementsOut(BaseModel):
    required_skills: list[str]
    preferred_skills: list[str]
    min_years_experience: float | None


class JobSummaryOut(BaseModel):
    id: uuid.UUID
    recruiter_id: uuid.UUID
    title: str
    location: str | None
    seniority: str | None
    status: str
    created_at: datetime
    analyzed_at: datetime | None


class JobOut(JobSummaryOut):
    description: str
    requirements: RequirementsOut | None = Field(description="Present once the analysis has run.")


class JobListOut(BaseModel):
    jobs: list[JobSummaryOut]
    limit: int
    offset: int


class ApplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resume_id: uuid.UUID


class StatusChangeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ApplicationStatus


class ApplicationOut(BaseModel):
    id: uuid.UUID
    job_id: uuid.UUID
    resume_id: uuid.UUID
    candidate_id: uuid.UUID | None
    source: str
    status: str
    applied_at: datetime
    updated_at: datetime


class MyApplicationOut(ApplicationOut):
    job_title: str
    job_status: str


class MyApplicationsOut(BaseModel):
    applications: list[MyApplicationOut]
    limit: int
    offset: int


class CandidateOut(BaseModel):
    application_id: uuid.UUID
    resume_id: uuid.UUID
    candidate_id: uuid.UUID | None
    name: str | None
    email: str | None
    source: str
    status: str
    score: float | None
    matched_skills: list[str]
    missing_skills: list[str]
    breakdown: dict[str, float]
    applied_at: datetime


class CandidatesOut(BaseModel):
    job_id: uuid.UUID
    candidates: list[CandidateOut]
    total: int
    limit: int
    offset: int


class SwipeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_id: uuid.UUID
    direction: Literal["like", "pass"]


class SwipeOut(BaseModel):
    job_id: uuid.UUID
    direction: Literal["like", "pass"]
    changed: bool


def _summary_fields(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "recruiter_id": job.recruiter_id,
        "title": job.title,
        "location": job.location,
        "seniority": job.seniority,
        "status": job.status,
        "created_at": job.created_at,
        "analyzed_at": job.analyzed_at,
    }


def _job_out(job: Job) -> JobOut:
    requirements = None
    if job.analyzed_at is not None:
        requirements = RequirementsOut(
            required_skills=list(job.required_skills),
            preferred_skills=list(job.preferred_skills),
            min_years_experience=job.min_years_experience,
        )
    return JobOut(**_summary_fields(job), description=job.description, requirements=requirements)


def _application_fields(application: Application) -> dict[str, Any]:
    return {
        "id": application.id,
        "job_id": application.job_id,
        "resume_id": application.resume_id,
        "candidate_id": application.candidate_id,
        "source": application.source,
        "status": application.status,
        "applied_at": application.created_at,
        "updated_at": application.updated_at,
    }


def _candidate_out(row: RankedCandidate) -> CandidateOut:
    application, profile, score = row.application, row.profile, row.score
    return CandidateOut(
        application_id=application.id,
        resume_id=application.resume_id,
        candidate_id=application.candidate_id,
        name=profile.name if profile else None,
        email=profile.email if profile else None,
        source=application.source,
        status=application.status,
        score=score.score if score else None,
        matched_skills=list(score.matched_skills) if score else [],
        missing_skills=list(score.missing_skills) if score else [],
        breakdown=dict(score.breakdown) if score else {},
        applied_at=application.created_at,
    )


def _my_application_out(row: CandidateApplication) -> MyApplicationOut:
    return MyApplicationOut(**_application_fields(row.application), job_title=row.job.title, job_status=row.job.status)


@router.post("/api/v1/jobs", status_code=201, tags=["jobs"], summary="Post a job")
async def post_job(body: PostJobRequest, principal: Recruiter, rt: JobsRuntime) -> JobOut:
    """Create a job; it is analysed in the background and opens when its requirements are known."""
    job = await postings.post_job(
        rt,
        principal,
        title=body.title,
        description=body.description,
        location=body.location or None,
        seniority=body.seniority,
    )
    return _job_out(job)


@router.get("/api/v1/jobs", tags=["jobs"], summary="List jobs")
async def list_jobs(
    principal: CurrentPrincipal,
    rt: JobsRuntime,
    status: JobStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JobListOut:
    """A recruiter's own jobs, every job for an admin, open jobs for a candidate; newest first."""
    jobs = await postings.list_jobs(rt, principal, status=status, limit=limit, offset=offset)
    return JobListOut(jobs=[JobSummaryOut(**_summary_fields(job)) for job in jobs], limit=limit, offset=offset)


@router.get("/api/v1/jobs/{job_id}", tags=["jobs"], summary="One job")
async def get_job(job_id: uuid.UUID, principal: CurrentPrincipal, rt: JobsRuntime) -> JobOut:
    """A job with its analysed requirements once available."""
    return _job_out(await postings.get_job(rt, principal, job_id))


@router.post("/api/v1/jobs/{job_id}/close", tags=["jobs"], summary="Close a job")
async def close_job(job_id: uuid.UUID, principal: Recruiter, rt: JobsRuntime) -> JobOut:
    """Stop taking applicants and matches for a job."""
    return _job_out(await postings.close_job(rt, principal, job_id))


@router.get("/api/v1/jobs/{job_id}/candidates", tags=["applications"], summary="Ranked applicants of a job")
async def job_candidates(
    job_id: uuid.UUID,
    principal: Recruiter,
    rt: JobsRuntime,
    status: ApplicationStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> CandidatesOut:
    """The job's applicants, best match score first (not yet scored last), with the score's explanation."""
    rows, total = await applications.ranked_candidates(
        rt, principal, job_id=job_id, status=status, limit=limit, offset=offset
    )
    return CandidatesOut(
        job_id=job_id, candidates=[_candidate_out(row) for row in rows], total=total, limit=limit, offset=offset
    )


@router.post("/api/v1/jobs/{job_id}/applications", status_code=201, tags=["applications"], summary="Apply to a job")
async def apply(job_id: uuid.UUID, body: ApplyRequest, principal: Candidate, rt: JobsRuntime) -> ApplicationOut:
    """Apply to an open job with one of your parsed resumes."""
    application = await applications.apply(rt, principal, job_id=job_id, resume_id=body.resume_id)
    return ApplicationOut(**_application_fields(application))


@router.patch("/api/v1/applications/{application_id}", tags=["applications"], summary="Move an application")
async def change_status(
    application_id: uuid.UUID, body: StatusChangeRequest, principal: Recruiter, rt: JobsRuntime
) -> ApplicationOut:
    """Move an application one stage on (submitted, screening, interview, offer, hired) or reject it."""
    application = await applications.change_status(rt, principal, application_id=application_id, status=body.status)
    return ApplicationOut(**_application_fields(application))


@router.get("/api/v1/applications/me", tags=["applications"], summary="Your applications")
async def my_applications(
    principal: Candidate, rt: JobsRuntime, limit: Limit = 50, offset: Offset = 0
) -> MyApplicationsOut:
    """The caller's applications, newest first, with each job's title and status."""
    rows = await applications.my_applications(rt, principal, limit=limit, offset=offset)
    return MyApplicationsOut(applications=[_my_application_out(row) for row in rows], limit=limit, offset=offset)


@router.post("/api/v1/swipes", tags=["swipes"], summary="Like or pass on a job")
async def swipe(body: SwipeRequest, principal: Candidate, rt: JobsRuntime) -> SwipeOut:
    """Record a like or a pass on an open job; the feed learns from it."""
    changed = await swipes.record_swipe(rt, principal, job_id=body.job_id, direction=body.direction)
    return SwipeOut(job_id=body.job_id, direction=body.direction, changed=changed)
