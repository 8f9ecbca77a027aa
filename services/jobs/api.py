"""Jobs' HTTP API: jobs, applications, ranked applicants and swipes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from contracts.events.jobs import ApplicationStatus, EducationRequirement, Seniority
from contracts.events.matcher import MatchedSkill, MatchExplanation
from services.jobs import applications, postings, swipes
from services.jobs.domain.blind_review import is_shortlisted, name_mask
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


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


class PostJobRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoNul]
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000), NoNul]
    location: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), NoNul] | None = None
    seniority: Seniority | None = Field(default=None, description="Leave empty to let the analysis infer it.")
    blind_review: bool = Field(
        default=False, description="Hide applicants' names, contact and file names until they are shortlisted."
    )


class JobSettingsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    blind_review: bool = Field(description="Hide applicants' names, contact and file names until shortlisted.")


class RequirementsOut(BaseModel):
    required_skills: list[str]
    preferred_skills: list[str]
    min_years_experience: float | None
    max_years_experience: float | None = None
    education: EducationRequirement | None = None
    required_licences: list[str] = Field(default_factory=list)
    required_certifications: list[str] = Field(default_factory=list)
    preferred_certifications: list[str] = Field(default_factory=list)
    field: str | None = Field(default=None, description="The job's occupational field, e.g. `nursing`.")


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
    blind_review: bool
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
    resume_id: uuid.UUID | None = Field(
        description="Hidden (null) from the recruiter under blind review until shortlisted."
    )
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
    resume_id: uuid.UUID | None = Field(description="Hidden (null) under blind review until shortlisted.")
    candidate_id: uuid.UUID | None
    name: str | None = Field(description="Hidden (null) under blind review until the application is shortlisted.")
    email: str | None = Field(description="Hidden (null) under blind review until the application is shortlisted.")
    file_name: str | None = Field(description="The name the resume was uploaded with; hidden under blind review.")
    identity_hidden: bool = Field(description="True when blind review hides who this applicant is.")
    source: str
    status: str
    score: float | None
    rank: int | None = Field(description="1 for the job's best-scored applicant; null until scored.")
    percentile: float | None = Field(
        description="Share (0-100) of the job's scored applicants scoring at or below this one; null until scored."
    )
    matched_skills: list[str] = Field(description="Required skills the resume shows.")
    missing_skills: list[str] = Field(description="Required skills the resume does not show.")
    matched: list[MatchedSkill] = Field(description="Required and preferred skills shown, with their evidence.")
    breakdown: dict[str, float] = Field(description="Points per scoring component.")
    factors: dict[str, float] = Field(description="Multipliers on the summed points: relevance, seniority, gates.")
    gates: list[str] = Field(description="Required licences or certifications the resume does not show.")
    explanation: MatchExplanation | None = Field(description="Summary, strengths with evidence, gaps, recommendations.")
    scoring_version: str | None
    applied_at: datetime


class CandidatesOut(BaseModel):
    job_id: uuid.UUID
    blind_review: bool
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
            max_years_experience=job.max_years_experience,
            education=EducationRequirement.model_validate(job.education) if job.education else None,
            required_licences=list(job.required_licences or ()),
            required_certifications=list(job.required_certifications or ()),
            preferred_certifications=list(job.preferred_certifications or ()),
            field=job.field,
        )
    return JobOut(
        **_summary_fields(job), description=job.description, blind_review=job.blind_review, requirements=requirements
    )


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


def _candidate_out(row: RankedCandidate, *, blind: bool) -> CandidateOut:
    application, profile, score = row.application, row.profile, row.score
    hidden = blind and not is_shortlisted(application.status)
    # Under blind review nothing that names the person leaves: not the ids that lead to the file, and
    # not their name where an employer or project carries it ("9 years at Grace O'Malley Photography").
    mask = name_mask(profile.name if profile else None, profile.email if profile else None) if hidden else None

    def masked(text: str) -> str:
        return mask.sub("[name withheld]", text) if mask is not None else text

    explanation = None
    if score and score.explanation:
        given = MatchExplanation.model_validate(score.explanation)
        explanation = MatchExplanation(
            summary=masked(given.summary),
            strengths=[masked(line) for line in given.strengths],
            gaps=[masked(line) for line in given.gaps],
            recommendations=[masked(line) for line in given.recommendations],
        )
    matched = [MatchedSkill.model_validate(item) for item in score.matched or ()] if score else []
    if mask is not None:
        matched = [item.model_copy(update={"evidence": masked(item.evidence)}) for item in matched]
    return CandidateOut(
        application_id=application.id,
        resume_id=None if hidden else application.resume_id,
        candidate_id=None if hidden else application.candidate_id,
        name=profile.name if profile and not hidden else None,
        email=profile.email if profile and not hidden else None,
        file_name=profile.file_name if profile and not hidden else None,
        identity_hidden=hidden,
        source=application.source,
        status=application.status,
        score=score.score if score else None,
        rank=row.rank,
        percentile=row.percentile,
        matched_skills=list(score.matched_skills) if score else [],
        missing_skills=list(score.missing_skills) if score else [],
        matched=matched,
        breakdown=dict(score.breakdown) if score else {},
        factors=dict(score.factors or {}) if score else {},
        gates=list(score.gates or ()) if score else [],
        explanation=explanation,
        scoring_version=score.scoring_version if score else None,
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
        blind_review=body.blind_review,
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


@router.patch(
    "/api/v1/jobs/{job_id}",
    tags=["jobs"],
    summary="Change a job's settings",
    responses={404: {"description": "No such job, or not one of the caller's."}},
)
async def change_job(job_id: uuid.UUID, body: JobSettingsRequest, principal: Recruiter, rt: JobsRuntime) -> JobOut:
    """Turn blind review of the job's applicants on or off."""
    return _job_out(await postings.set_blind_review(rt, principal, job_id, blind_review=body.blind_review))


@router.get(
    "/api/v1/jobs/{job_id}/candidates",
    tags=["applications"],
    summary="Ranked applicants of a job",
    responses={404: {"description": "No such job, or not one of the caller's."}},
)
async def job_candidates(
    job_id: uuid.UUID,
    principal: Recruiter,
    rt: JobsRuntime,
    status: ApplicationStatus | None = None,
    min_score: Annotated[
        float | None, Query(ge=0, le=100, description="Only applicants scoring at least this.")
    ] = None,
    skill: Annotated[
        str | None,
        Query(min_length=1, max_length=100, description="Only applicants showing this skill (any spelling)."),
        NoNul,
        AfterValidator(_not_blank),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> CandidatesOut:
    """The job's applicants, best match score first (not yet scored last), each with the score's breakdown,
    an explanation (strengths with evidence, gaps, recommendations), the matched skills with evidence, the
    missing skills, the rank and percentile among the job's applicants, and the uploaded file's name."""
    job, rows, total = await applications.ranked_candidates(
        rt, principal, job_id=job_id, status=status, limit=limit, offset=offset, min_score=min_score, skill=skill
    )
    return CandidatesOut(
        job_id=job_id,
        blind_review=job.blind_review,
        candidates=[_candidate_out(row, blind=job.blind_review) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
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
    application, job = await applications.change_status(
        rt, principal, application_id=application_id, status=body.status
    )
    fields = _application_fields(application)
    if job.blind_review and not is_shortlisted(application.status):
        # A rejection under blind review must not reveal whom it rejected.
        fields |= {"resume_id": None, "candidate_id": None}
    return ApplicationOut(**fields)


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
