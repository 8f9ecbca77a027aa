"""When an interview may be booked, who may see and run it, and which pipeline moves cancel it."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

MIN_DURATION_MINUTES = 15
MAX_DURATION_MINUTES = 480
# An application that leaves the pipeline this way has no interviews left to hold.
CANCELLING_STATUSES = frozenset({"rejected", "withdrawn"})


def status_problem(application_status: str) -> str | None:
    """Why an application in `application_status` cannot get an interview, or None when it can."""
    if application_status == "interview":
        return None
    return f"the application is in status '{application_status}'; move it to 'interview' before scheduling an interview"


def slot_problem(scheduled_at: datetime, *, now: datetime, max_days_ahead: int) -> str | None:
    """Why an interview cannot start at `scheduled_at`, or None when it can."""
    if scheduled_at.tzinfo is None or scheduled_at.utcoffset() is None:
        return "the interview time needs a timezone (e.g. 2030-05-01T14:00:00+02:00)"
    if scheduled_at <= now:
        return "the interview time must be in the future"
    if scheduled_at > now + timedelta(days=max_days_ahead):
        return f"an interview can be booked at most {max_days_ahead} days ahead"
    return None


def may_run(
    *, role: str, user_id: uuid.UUID, recruiter_id: uuid.UUID | None, interviewer_id: uuid.UUID | None = None
) -> bool:
    """Whether a caller may schedule or complete interviews of an application: its recruiter, the interviewer, an admin."""
    if role == "admin":
        return True
    return role == "recruiter" and user_id in (recruiter_id, interviewer_id)


def may_view(
    *,
    role: str,
    user_id: uuid.UUID,
    candidate_id: uuid.UUID | None,
    recruiter_id: uuid.UUID | None,
    interviewer_id: uuid.UUID | None,
) -> bool:
    """Whether a caller may see an interview: whoever runs it, and the candidate it is with."""
    if may_run(role=role, user_id=user_id, recruiter_id=recruiter_id, interviewer_id=interviewer_id):
        return True
    return role == "candidate" and user_id == candidate_id
