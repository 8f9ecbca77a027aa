"""Scheduling rules: the interview stage, the time slot, and who may see or run an interview."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.interviews.domain.scheduling import may_run, may_view, slot_problem, status_problem

pytestmark = pytest.mark.unit

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def test_only_the_interview_stage_can_be_scheduled() -> None:
    assert status_problem("interview") is None
    problem = status_problem("screening")
    assert problem is not None
    assert "'screening'" in problem
    assert "'interview'" in problem


@pytest.mark.parametrize(
    ("scheduled_at", "fragment"),
    [
        (NOW.replace(tzinfo=None) + timedelta(days=1), "timezone"),
        (NOW - timedelta(minutes=1), "future"),
        (NOW, "future"),
        (NOW + timedelta(days=366), "365 days"),
    ],
)
def test_bad_slots_say_why(scheduled_at: datetime, fragment: str) -> None:
    problem = slot_problem(scheduled_at, now=NOW, max_days_ahead=365)
    assert problem is not None
    assert fragment in problem


def test_a_future_slot_in_any_timezone_is_fine() -> None:
    tomorrow_in_tokyo = (NOW + timedelta(days=1)).astimezone(timezone(timedelta(hours=9)))
    assert slot_problem(tomorrow_in_tokyo, now=NOW, max_days_ahead=365) is None


def test_who_runs_and_who_sees_an_interview() -> None:
    recruiter, interviewer, candidate, stranger = (uuid.uuid4() for _ in range(4))
    assert may_run(role="recruiter", user_id=recruiter, recruiter_id=recruiter)
    assert may_run(role="recruiter", user_id=interviewer, recruiter_id=recruiter, interviewer_id=interviewer)
    assert may_run(role="admin", user_id=stranger, recruiter_id=None)
    assert not may_run(role="recruiter", user_id=stranger, recruiter_id=recruiter)
    # An application whose recruiter is unknown is run by admins only.
    assert not may_run(role="recruiter", user_id=stranger, recruiter_id=None)
    assert not may_run(role="candidate", user_id=recruiter, recruiter_id=recruiter)
    common = {"candidate_id": candidate, "recruiter_id": recruiter, "interviewer_id": interviewer}
    assert may_view(role="candidate", user_id=candidate, **common)
    assert not may_view(role="candidate", user_id=stranger, **common)
    assert may_view(role="recruiter", user_id=interviewer, **common)
    assert not may_view(role="recruiter", user_id=stranger, **common)
