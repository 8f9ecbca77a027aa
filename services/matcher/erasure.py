"""Erasing data: a deleted user's resume and job vectors, scores and points; a deleted resume's likewise."""

from __future__ import annotations

from contracts.envelope import Event
from services.matcher.recall_index import RESUMES
from services.matcher.repository import (
    ErasureRepository,
    JobVectorRepository,
    MatchScoreRepository,
    ResumeVectorRepository,
    serialize_matching,
)
from services.matcher.resources import MatcherResources
from talentkit.bus import HandlerContext
from talentkit.logs import get_logger

log = get_logger(__name__)


async def erase_user(ctx: HandlerContext, event: Event) -> None:
    """On `UserDeleted`: delete the resumes they own or uploaded, the jobs they posted, and all their scores."""
    user_id = event.payload.user_id
    resources: MatcherResources = ctx.state.resources
    await serialize_matching(ctx.session)
    # Remembered, so that their resume or job in an event handled after this one is not indexed again.
    await ErasureRepository(ctx.session).erase_user(user_id)
    resume_ids = await ResumeVectorRepository(ctx.session).delete_owned_by(user_id)
    job_ids = await JobVectorRepository(ctx.session).delete_owned_by(user_id)
    scores = await MatchScoreRepository(ctx.session).delete_involving(resume_ids=resume_ids, job_ids=job_ids)
    # Qdrant is cleared by payload, not by the ids above, so points whose rows never committed go too.
    # If this fails the transaction rolls back and the event is retried: both steps are idempotent.
    await resources.index.delete_owned_by(user_id)
    log.info("matcher.user_erased", user_id=str(user_id), resumes=len(resume_ids), jobs=len(job_ids), scores=scores)


async def erase_resume(ctx: HandlerContext, event: Event) -> None:
    """On `ResumeDeleted`: delete the resume's vector, its scores and its recall point."""
    resume_id = event.payload.resume_id
    resources: MatcherResources = ctx.state.resources
    await serialize_matching(ctx.session)
    # Remembered, so that its parse, should it be handled after this, does not index it again.
    await ErasureRepository(ctx.session).erase_resume(resume_id)
    await ResumeVectorRepository(ctx.session).delete_ids([resume_id])
    scores = await MatchScoreRepository(ctx.session).delete_involving(resume_ids=[resume_id], job_ids=[])
    await resources.index.delete(RESUMES, [resume_id])
    log.info("matcher.resume_erased", resume_id=str(resume_id), scores=scores)
