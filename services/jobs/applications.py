"""Application use cases: candidates apply, recruiters move applications and rank applicants."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy.exc import IntegrityError

from contracts.events import ApplicationStatusChanged, ApplicationSubmitted
from contracts.events.jobs import ApplicationStatus, ApplicationStatusChangedPayload, ApplicationSubmittedPayload
from contracts.skills import default_taxonomy
from contracts.skills.taxonomy import normalise_alias
from services.jobs.domain.pipeline import transition_problem
from services.jobs.models import Application, Job
from services.jobs.postings import managed_job, visible_job
from services.jobs.repository import (
    ApplicationRepository,
    CandidateApplication,
    ProfileRepository,
    RankedCandidate,
)
from services.jobs.settings import JobsSettings
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.service import Runtime

_ALREADY_APPLIED = "you have already applied to this job"


async def apply(
    rt: Runtime[JobsSettings, Any], principal: Principal, *, job_id: uuid.UUID, resume_id: uuid.UUID
) -> Application:
    """A candidate applies to an open job with one of their parsed resumes (ApplicationSubmitted)."""
    try:
        async with rt.transaction() as session:
            # Candidates only see open jobs, so a closed or unanalysed one is a 404 here.
            await visible_job(session, principal, job_id)
            profile = await ProfileRepository(session).get(resume_id)
            if profile is None or profile.candidate_id != principal.user_id:
                raise ApiError(
                    404,
                    "there is no parsed resume of yours with this id (a resume just uploaded may still be parsing)",
                    code="resume_not_found",
                )
            applications = ApplicationRepository(session)
            if await applications.of_candidate_for_job(job_id=job_id, candidate_id=principal.user_id) is not None:
                raise ApiError(409, _ALREADY_APPLIED, code="already_applied")
            if await applications.for_resume(job_id=job_id, resume_id=resume_id) is not None:
                raise ApiError(409, _ALREADY_APPLIED, code="already_applied")
            application = await applications.add(
                Application(
                    id=uuid.uuid4(),
                    job_id=job_id,
                    resume_id=resume_id,
                    candidate_id=principal.user_id,
                    source="candidate",
                    status="submitted",
                )
            )
            payload = ApplicationSubmittedPayload(
                application_id=application.id,
                job_id=job_id,
                resume_id=resume_id,
                candidate_id=principal.user_id,
                source="candidate",
            )
            await rt.emit(session, rt.new_event(ApplicationSubmitted, payload, actor=principal))
    except IntegrityError as exc:  # a concurrent application won the race
        raise ApiError(409, _ALREADY_APPLIED, code="already_applied") from exc
    return application


async def change_status(
    rt: Runtime[JobsSettings, Any],
    principal: Principal,
    *,
    application_id: uuid.UUID,
    status: ApplicationStatus,
) -> tuple[Application, Job]:
    """The job's recruiter (or an admin) moves an application along the pipeline (ApplicationStatusChanged);
    the application, and its job (whose blind review decides what the answer may show)."""
    async with rt.transaction() as session:
        applications = ApplicationRepository(session)
        application = await applications.get(application_id, for_update=True)
        if application is None:
            raise ApiError(404, "there is no such application", code="application_not_found")
        try:
            job = await managed_job(session, principal, application.job_id)
        except ApiError as exc:
            raise ApiError(404, "there is no such application", code="application_not_found") from exc
        old_status = cast(ApplicationStatus, application.status)
        if old_status == status:
            return application, job  # asking twice for the same move is not an error
        problem = transition_problem(old_status, status)
        if problem is not None:
            raise ApiError(409, problem, code="invalid_transition")
        application = await applications.set_status(application, status)
        payload = ApplicationStatusChangedPayload(
            application_id=application.id,
            job_id=application.job_id,
            candidate_id=application.candidate_id,
            old_status=old_status,
            new_status=status,
            recruiter_id=job.recruiter_id,
        )
        await rt.emit(session, rt.new_event(ApplicationStatusChanged, payload, actor=principal))
    return application, job


def skill_named(term: str) -> str:
    """The canonical skill a search term names, in any case ("epic" finds Epic Systems; a filter is not
    prose, where lower-case "epic" is an adjective); the term itself when the vocabulary has no such skill."""
    taxonomy = default_taxonomy()
    named = taxonomy.canonical(term)
    if named is not None:
        return named
    wanted = normalise_alias(term)
    for suggestion in taxonomy.suggest(term, limit=1):
        if normalise_alias(suggestion.matched) == wanted:
            return suggestion.skill.name
    return term.strip()


async def ranked_candidates(
    rt: Runtime[JobsSettings, Any],
    principal: Principal,
    *,
    job_id: uuid.UUID,
    status: ApplicationStatus | None,
    limit: int,
    offset: int,
    min_score: float | None = None,
    skill: str | None = None,
) -> tuple[Job, list[RankedCandidate], int]:
    """A job's applicants ranked by match score, for its recruiter or an admin, with the job itself."""
    # Scores name skills canonically: "postgres" finds the applicants showing PostgreSQL.
    wanted = skill_named(skill) if skill else None
    async with rt.transaction() as session:
        job = await managed_job(session, principal, job_id)
        rows, total = await ApplicationRepository(session).ranked(
            job_id=job_id, status=status, limit=limit, offset=offset, min_score=min_score, skill=wanted
        )
        return job, rows, total


async def my_applications(
    rt: Runtime[JobsSettings, Any], principal: Principal, *, limit: int, offset: int
) -> list[CandidateApplication]:
    """The caller's own applications, newest first."""
    async with rt.transaction() as session:
        return await ApplicationRepository(session).of_candidate(principal.user_id, limit=limit, offset=offset)
