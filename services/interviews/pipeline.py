"""What jobs tells interviews: where each application stands, and forgetting deleted users."""

from __future__ import annotations

from contracts.events import ApplicationStatusChanged, UserDeleted
from services.interviews.domain.scheduling import CANCELLING_STATUSES
from services.interviews.repository import ApplicationViewRepository, InterviewRepository
from talentkit.bus import HandlerContext
from talentkit.logs import get_logger

log = get_logger(__name__)


async def record_status_change(ctx: HandlerContext, event: ApplicationStatusChanged) -> None:
    """Keep the application's newest status; one that left the pipeline loses its upcoming interviews."""
    p = event.payload
    views = ApplicationViewRepository(ctx.session)
    await views.upsert(
        {
            "application_id": p.application_id,
            "job_id": p.job_id,
            "candidate_id": p.candidate_id,
            "recruiter_id": p.recruiter_id,
            "status": p.new_status,
            "status_changed_at": event.occurred_at,
        }
    )
    current = await views.get(p.application_id)
    if current is not None and current.status in CANCELLING_STATUSES:
        cancelled = await InterviewRepository(ctx.session).cancel_scheduled(p.application_id)
        if cancelled:
            log.info("interviews.cancelled", application_id=str(p.application_id), count=cancelled)


async def forget_user(ctx: HandlerContext, event: UserDeleted) -> None:
    """A deleted candidate's interviews and feedback go; a deleted recruiter or interviewer is unlinked."""
    user_id = event.payload.user_id
    interviews = InterviewRepository(ctx.session)
    views = ApplicationViewRepository(ctx.session)
    await interviews.delete_of_candidate(user_id)
    await views.delete_of_candidate(user_id)
    await interviews.forget_staff(user_id)
    await views.forget_recruiter(user_id)
    log.info("interviews.user_forgotten", user_id=str(user_id))
