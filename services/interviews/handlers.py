"""Interviews' event subscriptions: application status changes and deleted users."""

from __future__ import annotations

from contracts.envelope import Event
from contracts.events import ApplicationStatusChanged, UserDeleted
from services.interviews import pipeline
from talentkit.bus import HandlerContext, Subscription, per_event


async def on_application_status_changed(ctx: HandlerContext, event: Event) -> None:
    """Track where the application stands."""
    assert isinstance(event, ApplicationStatusChanged)
    await pipeline.record_status_change(ctx, event)


async def on_user_deleted(ctx: HandlerContext, event: Event) -> None:
    """Forget a deleted user."""
    assert isinstance(event, UserDeleted)
    await pipeline.forget_user(ctx, event)


SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(
        name="application-status-changed",
        subjects=(ApplicationStatusChanged.subject,),
        handler=per_event(on_application_status_changed),
    ),
    Subscription(name="user-deleted", subjects=(UserDeleted.subject,), handler=per_event(on_user_deleted)),
)
