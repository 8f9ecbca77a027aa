"""Matcher's HTTP API: a resume's stored match scores, and rebuilding the recall index."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from contracts.events.matcher import MatchedSkill, MatchExplanation
from services.matcher.reindexing import ReindexCounts, rebuild_recall_index
from services.matcher.repository import MatchScoreRepository, ResumeVectorRepository
from services.matcher.resources import MatcherResources
from services.matcher.settings import MatcherSettings
from talentkit.auth import CurrentPrincipal, Principal, require_roles
from talentkit.errors import ApiError
from talentkit.service import Runtime, runtime_of

router = APIRouter()

MatcherRuntime = Annotated[Runtime[MatcherSettings, MatcherResources], Depends(runtime_of)]


class JobMatchOut(BaseModel):
    job_id: uuid.UUID
    title: str
    job_status: str
    score: float
    breakdown: dict[str, float]
    matched_skills: list[str]
    missing_skills: list[str]
    semantic_similarity: float
    explanation: list[str]
    scoring_version: str
    factors: dict[str, float]
    matched: list[MatchedSkill]
    gates: list[str]
    details: MatchExplanation | None
    computed_at: datetime


class ResumeMatchesOut(BaseModel):
    resume_id: uuid.UUID
    matches: list[JobMatchOut]


@router.get(
    "/api/v1/matches/resumes/{resume_id}",
    tags=["matches"],
    summary="A resume's match scores against jobs, best first",
)
async def resume_matches(
    resume_id: uuid.UUID,
    principal: CurrentPrincipal,
    rt: MatcherRuntime,
    open_only: Annotated[bool, Query(description="Only jobs that are still open.")] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ResumeMatchesOut:
    """The stored, explained scores of one resume; for its candidate, its uploader or an admin."""
    async with rt.transaction() as session:
        resume = await ResumeVectorRepository(session).get(resume_id)
        allowed = resume is not None and (
            principal.is_admin or principal.user_id in {resume.uploaded_by, resume.candidate_id}
        )
        if not allowed:
            # The same answer for "no such resume" and "not yours": ids are not to be probed.
            raise ApiError(404, "no scored resume with this id", code="resume_not_found")
        rows = await MatchScoreRepository(session).for_resume(resume_id, open_only=open_only, limit=limit)
    return ResumeMatchesOut(
        resume_id=resume_id,
        matches=[
            JobMatchOut(
                job_id=job.job_id,
                title=job.title,
                job_status=job.status,
                score=score.score,
                breakdown=score.breakdown,
                matched_skills=score.matched_skills,
                missing_skills=score.missing_skills,
                semantic_similarity=score.semantic_similarity,
                explanation=score.explanation,
                scoring_version=score.scoring_version,
                factors=score.factors or {},
                matched=[MatchedSkill.model_validate(item) for item in score.matched or ()],
                gates=score.gates or [],
                details=MatchExplanation.model_validate(score.details) if score.details else None,
                computed_at=score.computed_at,
            )
            for score, job in rows
        ],
    )


@router.post(
    "/api/v1/admin/matcher/reindex",
    tags=["admin"],
    summary="Rebuild the Qdrant recall index from pgvector",
)
async def reindex(
    rt: MatcherRuntime,
    _admin: Annotated[Principal, Depends(require_roles("admin"))],
) -> ReindexCounts:
    """Upsert every stored vector into Qdrant and remove points PostgreSQL no longer has."""
    return await rebuild_recall_index(rt)
