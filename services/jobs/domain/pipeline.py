"""The hiring pipeline: which status an application may move to next."""

from __future__ import annotations

from typing import get_args

from contracts.events.jobs import ApplicationStatus

STATUSES: tuple[ApplicationStatus, ...] = get_args(ApplicationStatus)
# The stages in order; a recruiter moves an application one stage forward at a time.
STAGES: tuple[ApplicationStatus, ...] = ("submitted", "screening", "interview", "offer", "hired")
TERMINAL: frozenset[ApplicationStatus] = frozenset({"hired", "rejected", "withdrawn"})


def recruiter_moves(current: ApplicationStatus) -> tuple[ApplicationStatus, ...]:
    """Where a recruiter may move an application from `current`: the next stage, or rejected."""
    if current in TERMINAL:
        return ()
    return (STAGES[STAGES.index(current) + 1], "rejected")


def transition_problem(current: ApplicationStatus, target: ApplicationStatus) -> str | None:
    """Why a recruiter may not move an application from `current` to `target`, or None when they may."""
    if target in recruiter_moves(current):
        return None
    if current in TERMINAL:
        return f"the application is already {current}; it cannot change any more"
    allowed = " or ".join(f"'{status}'" for status in recruiter_moves(current))
    return f"an application in status '{current}' can move to {allowed}, not '{target}'"
