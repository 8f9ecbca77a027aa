"""Interview use cases: schedule, list, show and complete interviews."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from contracts.events import InterviewCompleted, InterviewScheduled
from contracts.events.interviews import InterviewCompletedPayload, InterviewScheduledPayload
from services.interviews.domain.scheduling import may_run, may_view, slot_problem, status_problem
from services.interviews.models import Interview
from services.interviews.repository import ApplicationViewRepository, InterviewRepository
from services.interviews.settings import InterviewsSettings
from talentkit.auth import Principal
from talentkit.errors import ApiError
from talentkit.service import Runtime

Recommendation = Literal["strong_yes", "yes", "no", "strong_no"]

_NO_INTERVIEW = "there is no such interview"


async def schedule(
    rt: Runtime[InterviewsSettings, Any],
    principal: Principal,
    *,
    application_id: uuid.UUID,
    scheduled_at: datetime,
    duration_minutes: int,
) -> Interview:
    """Book an interview for an application in the interview stage (InterviewScheduled)."""
    problem = slot_problem(scheduled_at, now=datetime.now(UTC), max_days_ahead=rt.settings.max_days_ahead)
    if problem is not None:
        raise ApiError(422, problem, code="invalid_interview_time")
    async with rt.transaction() as session:
        application = await ApplicationViewRepository(session).get(application_id)
        if application is None or not may_run(
            role=principal.role, user_id=principal.user_id, recruiter_id=application.recruiter_id
        ):
            raise ApiError(
                404,
                "there is no such application here (one that just moved to 'interview' may take a moment to arrive)",
                code="application_not_found",
            )
        problem = status_problem(application.status)
        if problem is not None:
            raise ApiError(409, problem, code="application_not_in_interview")
        interview = await InterviewRepository(session).add(
            Interview(
                id=uuid.uuid4(),
                application_id=application.application_id,
                job_id=application.job_id,
                candidate_id=application.candidate_id,
                recruiter_id=application.recruiter_id,
                interviewer_id=principal.user_id,
                scheduled_at=scheduled_at,
                duration_minutes=duration_minutes,
                status="scheduled",
            )
        )
        payload = InterviewScheduledPayload(
            interview_id=interview.id,
            application_id=interview.application_id,
            job_id=interview.job_id,
            interviewer_id=principal.user_id,
            scheduled_at=interview.scheduled_at,
            duration_minutes=interview.duration_minutes,
        )
        await rt.emit(session, rt.new_event(InterviewScheduled, payload, actor=principal))
    return interview


async def list_interviews(
    rt: Runtime[InterviewsSettings, Any],
    principal: Principal,
    *,
    application_id: uuid.UUID | None,
    status: str | None,
    limit: int,
    offset: int,
) -> list[Interview]:
    """The interviews a caller may see: a recruiter those they own or run, a candidate theirs, an admin all."""
    candidate_id = principal.user_id if principal.role == "candidate" else None
    runner_id = principal.user_id if principal.role == "recruiter" else None
    async with rt.transaction() as session:
        return await InterviewRepository(session).listing(
            candidate_id=candidate_id,
            runner_id=runner_id,
            application_id=application_id,
            status=status,
            limit=limit,
            offset=offset,
        )


async def get_interview(
    rt: Runtime[InterviewsSettings, Any], principal: Principal, interview_id: uuid.UUID
) -> Interview:
    """One interview the caller may see; 404 otherwise."""
    async with rt.transaction() as session:
        interview = await InterviewRepository(session).get(interview_id)
    if interview is None or not may_view(
        role=principal.role,
        user_id=principal.user_id,
        candidate_id=interview.candidate_id,
        recruiter_id=interview.recruiter_id,
        interviewer_id=interview.interviewer_id,
    ):
        raise ApiError(404, _NO_INTERVIEW, code="interview_not_found")
    return interview


async def complete(
    rt: Runtime[InterviewsSettings, Any],
    principal: Principal,
    *,
    interview_id: uuid.UUID,
    recommendation: Recommendation,
    notes: str,
) -> Interview:
    """Record that an interview took place, with the interviewer's recommendation (InterviewCompleted)."""
    async with rt.transaction() as session:
        interview = await InterviewRepository(session).get(interview_id, for_update=True)
        if interview is None or not may_run(
            role=principal.role,
            user_id=principal.user_id,
            recruiter_id=interview.recruiter_id,
            interviewer_id=interview.interviewer_id,
        ):
            raise ApiError(404, _NO_INTERVIEW, code="interview_not_found")
        if interview.status != "scheduled":
            raise ApiError(409, f"this interview is already {interview.status}", code=f"interview_{interview.status}")
        interview.status = "completed"
        interview.recommendation = recommendation
        interview.notes = notes or None
        interview.completed_at = datetime.now(UTC)
        await session.flush()
        payload = InterviewCompletedPayload(
            interview_id=interview.id,
            application_id=interview.application_id,
            job_id=interview.job_id,
            recommendation=recommendation,
        )
        await rt.emit(session, rt.new_event(InterviewCompleted, payload, actor=principal))
    return interview
