"""The application pipeline's transition rules and who may see a job."""

from __future__ import annotations

import uuid

import pytest

from contracts.events.jobs import ApplicationStatus
from services.jobs.domain.access import may_manage_job, may_view_job
from services.jobs.domain.pipeline import STATUSES, recruiter_moves, transition_problem

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("submitted", "screening"),
        ("screening", "interview"),
        ("interview", "offer"),
        ("offer", "hired"),
        ("submitted", "rejected"),
        ("interview", "rejected"),
        ("offer", "rejected"),
    ],
)
def test_allowed_moves(current: ApplicationStatus, target: ApplicationStatus) -> None:
    assert transition_problem(current, target) is None


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("submitted", "interview"),  # no skipping stages
        ("screening", "submitted"),  # no going back
        ("offer", "interview"),
        ("submitted", "withdrawn"),  # only the candidate withdraws
        ("hired", "rejected"),
        ("rejected", "screening"),
        ("withdrawn", "submitted"),
    ],
)
def test_refused_moves_say_why(current: ApplicationStatus, target: ApplicationStatus) -> None:
    problem = transition_problem(current, target)
    assert problem is not None
    assert current in problem


def test_terminal_statuses_have_no_moves() -> None:
    for status in ("hired", "rejected", "withdrawn"):
        assert recruiter_moves(status) == ()
    # Every other status can always be rejected.
    for status in STATUSES:
        if status not in ("hired", "rejected", "withdrawn"):
            assert "rejected" in recruiter_moves(status)


def test_a_refusal_names_the_allowed_moves() -> None:
    assert transition_problem("screening", "offer") == (
        "an application in status 'screening' can move to 'interview' or 'rejected', not 'offer'"
    )


def test_job_visibility() -> None:
    owner, other = uuid.uuid4(), uuid.uuid4()
    assert may_manage_job(role="recruiter", user_id=owner, recruiter_id=owner)
    assert not may_manage_job(role="recruiter", user_id=other, recruiter_id=owner)
    assert may_manage_job(role="admin", user_id=other, recruiter_id=owner)
    # A candidate whose id happens to equal the recruiter's still does not manage the job.
    assert not may_manage_job(role="candidate", user_id=owner, recruiter_id=owner)
    assert may_view_job(role="candidate", user_id=other, recruiter_id=owner, status="open")
    assert not may_view_job(role="candidate", user_id=other, recruiter_id=owner, status="analyzing")
    assert not may_view_job(role="recruiter", user_id=other, recruiter_id=owner, status="open")
