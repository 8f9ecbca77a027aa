"""Ingest's subscriptions: parse its own uploads, keep what it announced, follow jobs, erase deleted users."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.envelope import Event
from contracts.events import ApplicationSubmitted, JobPosted, ResumeParsed, ResumeUploaded, UserDeleted
from services.ingest import job_access
from services.ingest.erasure import erase_user_resumes
from services.ingest.parsing import parse_uploaded_resume
from services.ingest.repository import ResumeRepository
from services.ingest.uploads import parse_summary_of
from talentkit.bus import HandlerContext, Subscription, per_event


async def on_resume_uploaded(ctx: HandlerContext, event: Event) -> None:
    """Parse the uploaded resume."""
    assert isinstance(event, ResumeUploaded)
    await parse_uploaded_resume(ctx, event)


async def on_resumes_parsed(ctx: HandlerContext, events: Sequence[Event]) -> None:
    """Keep what each `ResumeParsed` announced with its resume, so an identical file needs no second parse."""
    repo = ResumeRepository(ctx.session)
    for event in events:
        assert isinstance(event, ResumeParsed)
        await repo.remember_parse_summary(event.payload.resume_id, parse_summary_of(event.payload))


async def on_user_deleted(ctx: HandlerContext, event: Event) -> None:
    """Erase the deleted user's resumes and files, and their part of the job read model."""
    assert isinstance(event, UserDeleted)
    user_id = event.payload.user_id
    resume_ids = await ResumeRepository(ctx.session).ids_of_user(user_id)
    await erase_user_resumes(ctx, user_id)
    await job_access.forget_user(ctx, user_id, resume_ids)


SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(name="parse-resumes", subjects=(ResumeUploaded.subject,), handler=per_event(on_resume_uploaded)),
    Subscription(name="remember-parses", subjects=(ResumeParsed.subject,), handler=on_resumes_parsed, batch_size=50),
    Subscription(
        name="job-access",
        subjects=(JobPosted.subject, ApplicationSubmitted.subject),
        handler=job_access.record_job_events,
        batch_size=50,
    ),
    Subscription(name="user-deleted", subjects=(UserDeleted.subject,), handler=per_event(on_user_deleted)),
)
