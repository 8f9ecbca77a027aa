"""Who may see and manage a job: the rules behind the service's 404s."""

from __future__ import annotations

import uuid


def may_manage_job(*, role: str, user_id: uuid.UUID, recruiter_id: uuid.UUID) -> bool:
    """Whether a caller may change a job and see its applicants: its recruiter, or an admin."""
    return role == "admin" or (role == "recruiter" and user_id == recruiter_id)


def may_view_job(*, role: str, user_id: uuid.UUID, recruiter_id: uuid.UUID, status: str) -> bool:
    """Whether a caller may see a job: whoever manages it, and candidates while it is open."""
    if may_manage_job(role=role, user_id=user_id, recruiter_id=recruiter_id):
        return True
    return role == "candidate" and status == "open"
