"""Forgetting a deleted user: their applications, profiles, scores and swipes go; their jobs close."""

from __future__ import annotations

from contracts.events import JobAnalyzed, ResumeDeleted, UserDeleted
from services.jobs.postings import mark_closed
from services.jobs.repository import (
    ApplicationRepository,
    ForgottenRepository,
    JobRepository,
    MatchScoreRepository,
    ProfileRepository,
    SwipeRepository,
)
from talentkit.bus import HandlerContext
from talentkit.logs import get_logger

log = get_logger(__name__)


async def forget_user(ctx: HandlerContext, event: UserDeleted) -> None:
    """Erase a deleted user's personal data and close their jobs (announced as JobAnalyzed, closed)."""
    user_id = event.payload.user_id
    session = ctx.session
    forgotten = ForgottenRepository(session)
    # Remembered first, under the lock a parse takes: a parse of their resume handled later keeps nothing.
    await forgotten.lock([user_id])
    await forgotten.forget_user(user_id)
    applications = ApplicationRepository(session)
    withdrawn = await applications.delete_of_candidate(user_id)
    # The user's own resumes, and those a deleted recruiter uploaded without a candidate account:
    # ingest erases those files for the same event, so the profiles and scores built from them go too.
    resume_ids = await ProfileRepository(session).delete_of_user(user_id)
    await forgotten.forget_resumes(resume_ids)
    await applications.delete_for_resumes(resume_ids)
    await MatchScoreRepository(session).delete_for_resumes(resume_ids)
    await SwipeRepository(session).delete_of_candidate(user_id)
    jobs = await JobRepository(session).open_jobs_of(user_id)
    for job in jobs:
        payload = mark_closed(job)
        await ctx.emit(ctx.new_event(JobAnalyzed, payload))
    await session.flush()
    log.info(
        "jobs.user_forgotten",
        user_id=str(user_id),
        applications=withdrawn,
        profiles=len(resume_ids),
        jobs_closed=len(jobs),
    )


async def forget_resume(ctx: HandlerContext, event: ResumeDeleted) -> None:
    """A deleted resume leaves no profile, application or score behind, even one whose parse comes later."""
    resume_ids = [event.payload.resume_id]
    forgotten = ForgottenRepository(ctx.session)
    await forgotten.lock(resume_ids)
    await forgotten.forget_resumes(resume_ids)
    await ApplicationRepository(ctx.session).delete_for_resumes(resume_ids)
    await MatchScoreRepository(ctx.session).delete_for_resumes(resume_ids)
    await ProfileRepository(ctx.session).delete_ids(resume_ids)
    log.info("jobs.resume_forgotten", resume_id=str(event.payload.resume_id))
