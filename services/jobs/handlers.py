"""Jobs' event subscriptions: its own JobPosted (analysis), parsed resumes, match scores, deletions."""

from __future__ import annotations

from contracts.envelope import Event
from contracts.events import JobPosted, MatchComputed, ResumeDeleted, ResumeParsed, UserDeleted
from services.jobs import erasure, intake, postings
from talentkit.bus import HandlerContext, Subscription, per_event


async def on_job_posted(ctx: HandlerContext, event: Event) -> None:
    """Analyse a newly posted job."""
    assert isinstance(event, JobPosted)
    await postings.analyse_posted_job(ctx, event)


async def on_resume_parsed(ctx: HandlerContext, event: Event) -> None:
    """Keep the profile; a recruiter's upload for their job becomes an application."""
    assert isinstance(event, ResumeParsed)
    await intake.record_parsed_resume(ctx, event)


async def on_user_deleted(ctx: HandlerContext, event: Event) -> None:
    """Forget a deleted user."""
    assert isinstance(event, UserDeleted)
    await erasure.forget_user(ctx, event)


async def on_resume_deleted(ctx: HandlerContext, event: Event) -> None:
    """Forget a deleted resume."""
    assert isinstance(event, ResumeDeleted)
    await erasure.forget_resume(ctx, event)


SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(name="job-posted", subjects=(JobPosted.subject,), handler=per_event(on_job_posted)),
    Subscription(name="resume-parsed", subjects=(ResumeParsed.subject,), handler=per_event(on_resume_parsed)),
    # The matcher scores one resume against every open job at once: take its scores in batches.
    Subscription(
        name="match-computed", subjects=(MatchComputed.subject,), handler=intake.record_match_scores, batch_size=50
    ),
    Subscription(name="user-deleted", subjects=(UserDeleted.subject,), handler=per_event(on_user_deleted)),
    Subscription(name="resume-deleted", subjects=(ResumeDeleted.subject,), handler=per_event(on_resume_deleted)),
)
