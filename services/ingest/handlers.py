"""Ingest's subscriptions: parse its own uploads, erase deleted users' resumes."""

from __future__ import annotations

from contracts.envelope import Event
from contracts.events import ResumeUploaded, UserDeleted
from services.ingest.erasure import erase_user_resumes
from services.ingest.parsing import parse_uploaded_resume
from talentkit.bus import HandlerContext, Subscription, per_event


async def on_resume_uploaded(ctx: HandlerContext, event: Event) -> None:
    """Parse the uploaded resume."""
    assert isinstance(event, ResumeUploaded)
    await parse_uploaded_resume(ctx, event)


async def on_user_deleted(ctx: HandlerContext, event: Event) -> None:
    """Erase the deleted user's resumes and files."""
    assert isinstance(event, UserDeleted)
    await erase_user_resumes(ctx, event.payload.user_id)


SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(name="parse-resumes", subjects=(ResumeUploaded.subject,), handler=per_event(on_resume_uploaded)),
    Subscription(name="user-deleted", subjects=(UserDeleted.subject,), handler=per_event(on_user_deleted)),
)
