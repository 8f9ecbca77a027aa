"""Interviews' HTTP API: schedule, list, show and complete interviews."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from services.interviews import interviewing
from services.interviews.domain.scheduling import MAX_DURATION_MINUTES, MIN_DURATION_MINUTES
from services.interviews.interviewing import Recommendation
from services.interviews.models import Interview
from services.interviews.settings import InterviewsSettings
from talentkit.auth import CurrentPrincipal, Principal, require_roles
from talentkit.service import Runtime, runtime_of

router = APIRouter()

InterviewsRuntime = Annotated[Runtime[InterviewsSettings, Any], Depends(runtime_of)]
Interviewer = Annotated[Principal, Depends(require_roles("recruiter", "admin"))]
InterviewStatus = Literal["scheduled", "completed", "cancelled"]


def _without_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000: refused here, or the update would fail as a 500.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


class ScheduleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    application_id: uuid.UUID
    scheduled_at: AwareDatetime = Field(description="When it starts, with a timezone; in the future.")
    duration_minutes: int = Field(default=45, ge=MIN_DURATION_MINUTES, le=MAX_DURATION_MINUTES)


class CompleteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recommendation: Recommendation
    notes: Annotated[str, AfterValidator(_without_nul)] = Field(default="", max_length=20_000)


class InterviewOut(BaseModel):
    id: uuid.UUID
    application_id: uuid.UUID
    job_id: uuid.UUID
    candidate_id: uuid.UUID | None
    interviewer_id: uuid.UUID | None
    scheduled_at: datetime
    duration_minutes: int
    status: str
    recommendation: str | None = Field(description="Hidden from the candidate.")
    notes: str | None = Field(description="Hidden from the candidate.")
    completed_at: datetime | None
    created_at: datetime


class InterviewListOut(BaseModel):
    interviews: list[InterviewOut]
    limit: int
    offset: int


def _out(interview: Interview, principal: Principal) -> InterviewOut:
    # The interviewer's verdict and notes are internal: a candidate sees when, not what was decided.
    internal = principal.role != "candidate"
    return InterviewOut(
        id=interview.id,
        application_id=interview.application_id,
        job_id=interview.job_id,
        candidate_id=interview.candidate_id,
        interviewer_id=interview.interviewer_id,
        scheduled_at=interview.scheduled_at,
        duration_minutes=interview.duration_minutes,
        status=interview.status,
        recommendation=interview.recommendation if internal else None,
        notes=interview.notes if internal else None,
        completed_at=interview.completed_at,
        created_at=interview.created_at,
    )


@router.post("/api/v1/interviews", status_code=201, tags=["interviews"], summary="Schedule an interview")
async def schedule(body: ScheduleRequest, principal: Interviewer, rt: InterviewsRuntime) -> InterviewOut:
    """Book an interview for an application of yours that is in the interview stage."""
    interview = await interviewing.schedule(
        rt,
        principal,
        application_id=body.application_id,
        scheduled_at=body.scheduled_at,
        duration_minutes=body.duration_minutes,
    )
    return _out(interview, principal)


@router.get("/api/v1/interviews", tags=["interviews"], summary="List interviews")
async def list_interviews(
    principal: CurrentPrincipal,
    rt: InterviewsRuntime,
    application_id: uuid.UUID | None = None,
    status: InterviewStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> InterviewListOut:
    """Your interviews, soonest first: those you run (recruiter), yours (candidate), or all (admin)."""
    interviews = await interviewing.list_interviews(
        rt, principal, application_id=application_id, status=status, limit=limit, offset=offset
    )
    return InterviewListOut(interviews=[_out(i, principal) for i in interviews], limit=limit, offset=offset)


@router.get("/api/v1/interviews/{interview_id}", tags=["interviews"], summary="One interview")
async def get_interview(interview_id: uuid.UUID, principal: CurrentPrincipal, rt: InterviewsRuntime) -> InterviewOut:
    """An interview you run or take part in."""
    return _out(await interviewing.get_interview(rt, principal, interview_id), principal)


@router.post("/api/v1/interviews/{interview_id}/complete", tags=["interviews"], summary="Complete an interview")
async def complete(
    interview_id: uuid.UUID, body: CompleteRequest, principal: Interviewer, rt: InterviewsRuntime
) -> InterviewOut:
    """Record that the interview took place, with your recommendation and notes."""
    interview = await interviewing.complete(
        rt, principal, interview_id=interview_id, recommendation=body.recommendation, notes=body.notes.strip()
    )
    return _out(interview, principal)
